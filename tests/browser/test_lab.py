"""JupyterLab in a real browser: run the role-play notebook, chat, and check escaping."""

import pytest

pytestmark = pytest.mark.browser


def open_and_run_all(page, base, token, notebook):
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook", timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                           ".jp-Toolbar-kernelStatus", timeout=90_000)
    page.wait_for_timeout(1500)
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item[data-command='runmenu:run-all']")


def test_roleplay_notebook_chat_in_browser(page, jupyterlab, artifacts):
    base, token = jupyterlab
    open_and_run_all(page, base, token, "04_roleplay_practice.ipynb")
    chat = page.wait_for_selector(".ck-roleplay", timeout=120_000)
    page.click(".ck-roleplay button:has-text('Start call')")
    box = page.locator(".ck-roleplay input[type='text']").first
    box.fill("Hello, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?")
    box.press("Enter")
    page.wait_for_selector(".ck-roleplay .ck-debtor", timeout=60_000)
    debtor = page.locator(".ck-roleplay .ck-debtor").first.inner_text()
    assert len(debtor.strip()) > 5
    page.screenshot(path=str(artifacts / "roleplay-chat.png"), full_page=True)

    # Trainee text with HTML and script tags shows as text, never as markup.
    hostile = "<script>window.__pwned=1</script><b>bold</b> I hear you."
    box.fill(hostile)
    page.click(".ck-roleplay button:has-text('Send')")
    page.wait_for_function("document.querySelectorAll('.ck-roleplay .ck-agent').length >= 2",
                           timeout=60_000)
    agent_text = page.locator(".ck-roleplay .ck-agent").nth(1).inner_text()
    assert "<script>window.__pwned=1</script><b>bold</b>" in agent_text
    assert page.locator(".ck-roleplay .ck-chat b:has-text('bold')").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    page.screenshot(path=str(artifacts / "roleplay-escaped.png"), full_page=True)

"""The team dashboard served by Voilà in a real browser: charts render, names stay text."""

import pytest
from _course import IMG_NAME

pytestmark = pytest.mark.browser


def test_dashboard_renders_charts_in_voila(page, voila, artifacts):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(voila, wait_until="domcontentloaded")
    page.wait_for_selector(".ck-dashboard", timeout=60_000)
    page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=60_000)
    page.wait_for_function(
        "document.querySelectorAll('.ck-dashboard .js-plotly-plot').length >= 5", timeout=30_000)
    assert page.locator(".ck-dashboard .ck-summary").inner_text().startswith(
        tuple("0123456789"))

    # The trainee called <img src=x onerror=alert(1)> is shown as text, in the chart legend and
    # in the pickers, and no image element was made from the name.
    legend = page.locator(".js-plotly-plot .legendtext", has_text=IMG_NAME)
    assert legend.count() >= 1
    label = page.evaluate("""name => {
        for (const option of document.querySelectorAll('.ck-dashboard select option')) {
            // ipywidgets shows spaces in option labels as no-break spaces
            if (option.textContent.replace(/\u00a0/g, ' ').includes(name)) {
                option.parentElement.setAttribute('data-test-hostile', '1');
                return option.textContent;
            }
        }
        return null;
    }""", IMG_NAME)
    assert label and label.replace("\u00a0", " ").startswith(IMG_NAME)
    page.select_option("select[data-test-hostile]", label=label)
    page.click(".ck-dashboard button:has-text('Build refresher drill')")
    message = page.wait_for_selector(".ck-dashboard .ck-ok:has-text('Refresher drill')",
                                     timeout=30_000)
    assert IMG_NAME in message.inner_text()
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    # Voilà scrolls inside its own container, so a tall window shows the whole dashboard.
    page.set_viewport_size({"width": 1400, "height": 3400})
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "team-dashboard.png"), full_page=True)

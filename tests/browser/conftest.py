"""Browser tests: Playwright driving Debian's chromium against a real JupyterLab / Voilà.

Playwright's own browser download cannot be fetched here, so the system binary is used.
Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 90.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout} s")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (CI installs it in .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


def _server(cmd, port, url, workdir, env_extra=None, log_name="server.log"):
    env = dict(os.environ, **(env_extra or {}))
    log = open(workdir / log_name, "wb")
    proc = subprocess.Popen(cmd, cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_http(url)
    except Exception:
        proc.terminate()
        raise RuntimeError((workdir / log_name).read_text(errors="replace")[-3000:])
    return proc


@pytest.fixture(scope="session")
def course_dir(tmp_path_factory):
    """A copy of the notebooks, so running them in the browser leaves the repo untouched."""
    target = tmp_path_factory.mktemp("course")
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, target / nb.name)
    return target


@pytest.fixture(scope="session")
def jupyterlab(course_dir, tmp_path_factory):
    port = free_port()
    token = "collectkit-test"
    home = tmp_path_factory.mktemp("jupyter-home")
    cmd = [str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
           f"--ServerApp.root_dir={course_dir}", "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True"]
    proc = _server(cmd, port, f"http://127.0.0.1:{port}/api?token={token}", course_dir,
                   {"JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
                    "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
                    "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")})
    yield f"http://127.0.0.1:{port}", token
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory):
    """A small store for the dashboard: a seeded demo cohort plus a trainee whose name is HTML
    (with one scored call), so the page must show it as text."""
    from _course import IMG_NAME

    from collectkit.demo import generate_demo
    from collectkit.engine import Session
    from collectkit.store import ResultStore

    path = tmp_path_factory.mktemp("dashboard-db") / "team.sqlite"
    store = ResultStore(f"sqlite:///{path}", create=True)
    generate_demo(store, trainees=3, days=10, seed=3)
    cohort = store.cohorts()[0].id
    hostile = store.add_trainee(IMG_NAME, cohort_id=cohort)
    call = Session("us-aggressive-card", seed=1, lang="en")
    store.record(call, hostile)
    call.say("Hello, this is Sam from Acme Recovery, a debt collector. Is this Ms. Alvarez?")
    store.finish(call)
    store.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def voila(course_dir, dashboard_db, tmp_path_factory):
    """Voilà serving the team dashboard notebook on a free port: yields its URL."""
    port = free_port()
    home = tmp_path_factory.mktemp("voila-home")
    cmd = [str(BIN / "voila"), "07_team_dashboard.ipynb", "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--show_tracebacks=True"]
    # Voilà runs the notebook for each page request, so readiness is asked of a static file.
    proc = _server(cmd, port, f"http://127.0.0.1:{port}/voila/static/voila.js", course_dir,
                   {"COLLECTKIT_DB": dashboard_db, "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                    "XDG_DATA_HOME": str(home / "xdg")}, log_name="voila.log")
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()

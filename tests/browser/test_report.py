"""The HTML reports in a real browser: offline from file://, every chart drawn, no console
errors, and hostile names and lines shown as text, never run."""

import pytest
from _hostile import HOSTILE_LINE, HOSTILE_NAME

from collectkit.reports import write_report

pytestmark = pytest.mark.browser


def open_report(page, path):
    console = []
    page.on("console", lambda msg: console.append(msg) if msg.type == "error" else None)
    requests = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    page.wait_for_function("document.querySelectorAll('.plotly-graph-div').length === "
                           "document.querySelectorAll('.js-plotly-plot').length", timeout=30_000)
    page.wait_for_timeout(300)
    return console, requests


def assert_clean(page, console, requests):
    assert [f"{m.text} ({m.location})" for m in console] == []
    assert page.js_errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []


def test_cohort_report_draws_every_chart(page, shared_demo_store, artifacts, tmp_path):
    path = write_report(shared_demo_store, tmp_path / "cohort.html", cohort="US onboarding")
    console, requests = open_report(page, path)
    assert page.locator(".js-plotly-plot").count() == 5
    # Each chart really drew something: the heatmap, bars and lines are in the SVG.
    assert page.locator("#ck-chart-1 .scatterlayer .trace").count() == len(
        shared_demo_store.trainees(1))
    assert page.locator("#ck-chart-2 .hm, #ck-chart-2 image").count() >= 1
    assert page.locator("#ck-chart-3 .barlayer .point").count() >= 1
    legend = page.locator("#ck-chart-1 .legendtext").all_text_contents()
    assert sorted(legend) == sorted(t.name for t in shared_demo_store.trainees(1))
    assert page.locator("h1").inner_text() == "Cohort report: US onboarding"
    assert_clean(page, console, requests)
    page.screenshot(path=str(artifacts / "report-cohort.png"), full_page=True)


def test_hostile_trainee_report_shows_text_and_runs_nothing(page, hostile, artifacts, tmp_path):
    path = write_report(hostile.store, tmp_path / "eve.html", trainee=hostile.eve)
    console, requests = open_report(page, path)
    assert page.locator("h1").inner_text() == f"Progress report: {HOSTILE_NAME}"
    assert HOSTILE_LINE in page.locator("#violations").inner_text()
    assert page.locator("h1 b, td b, td script, h1 script").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    # In the chart legend the name is text too (plotly would draw <b> as bold).
    assert page.locator("#ck-chart-1 .legendtext").first.text_content() == HOSTILE_NAME
    assert_clean(page, console, requests)
    page.screenshot(path=str(artifacts / "report-hostile-trainee.png"), full_page=True)

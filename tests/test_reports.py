"""HTML reports, CSV and PNG export, and the report/export/demo commands, on real demo data."""

import json
import re
from html import escape

import pandas as pd
import pytest
from _hostile import HOSTILE_COHORT, HOSTILE_DRILL, HOSTILE_LINE, HOSTILE_NAME

from collectkit.errors import CollectkitError, UsageError
from collectkit.reports import cohort_report, find_cohort, find_trainee, trainee_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo(shared_demo_store):
    """The session's demo cohort (6 trainees, 20 days): read only."""
    return shared_demo_store


def _outside_scripts(html: str) -> str:
    """The page without its <script> bodies (chart data lives there, JSON-escaped)."""
    return re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.S)


def _one_line_error(code, out, err):
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith("collectkit: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def _offline_with_one_bundle(html: str, charts: int) -> None:
    assert html.count("* plotly.js v") == 1  # the bundle, inline, once
    assert not re.search(r"<script[^>]*\bsrc=", html)  # nothing fetched: opens offline
    assert html.count('class="plotly-graph-div"') == charts
    # PlotlyConfig, the bundle, then one small script per chart: nothing else runs.
    assert len(re.findall(r"<script\b", html)) == charts + 2


# ------------------------------------------------------------------ finding people


def test_trainees_and_cohorts_by_id_or_name(demo):
    first = demo.trainees()[0]
    assert find_trainee(demo, first.id) == find_trainee(demo, str(first.id)) == first
    assert find_trainee(demo, first.name) == first
    assert find_trainee(demo, first.name.upper()) == first
    assert find_cohort(demo, "US onboarding").id == find_cohort(demo, "1").id == 1
    with pytest.raises(UsageError, match="no trainee 'Nobody'.*known trainees: Ana Ruiz"):
        find_trainee(demo, "Nobody")
    with pytest.raises(UsageError, match="no cohort '99'"):
        find_cohort(demo, 99)


def test_a_shared_name_asks_for_the_id(tmp_path):
    from collectkit.store import ResultStore

    with ResultStore(f"sqlite:///{tmp_path / 's.sqlite'}", create=True) as store:
        a = store.add_trainee("Ana", cohort_id=store.add_cohort("A"))
        b = store.add_trainee("Ana", cohort_id=store.add_cohort("B"))
        with pytest.raises(UsageError, match=rf"2 trainees are called 'Ana' \(ids {a}, {b}\)"):
            find_trainee(store, "Ana")
        assert find_trainee(store, b).id == b


# ------------------------------------------------------------------ HTML


def test_trainee_report_from_demo_data(demo):
    who = demo.trainees()[1]
    html = trainee_report(demo, who.name)
    attempts = demo.attempts_df(who.id)
    violations = demo.violations_df(who.id)
    drilled = attempts["drill_id"].notna().any()
    _offline_with_one_bundle(html, charts=4 + drilled)
    assert f"<title>Progress report: {escape(who.name)}</title>" in html
    assert f"cohort {escape(who.cohort)}" in html
    section = html.split("<h2>Attempts</h2>")[1].split("</section>")[0]
    assert section.count("<tr>") == len(attempts) + 1  # header + one row per attempt
    for scenario in set(attempts["scenario_id"]):
        assert scenario in section
    found = html.split("<h2>Violations</h2>")[1].split("</section>")[0]
    assert found.count("<tr>") == len(violations) + 1 and len(violations) > 0
    for rule, citation in set(zip(violations["rule"], violations["citation"])):
        assert rule in found and escape(citation) in found
    assert "<h2>Assigned drills</h2>" in html and "<h2>Certifications</h2>" in html
    latest = attempts[attempts["status"] == "finished"].iloc[-1]
    transcript = html.split("<h2>Latest call:")[1]
    for line in demo.turns_df(int(latest["session_id"]))["text"]:
        assert escape(line) in transcript
    other = demo.trainees()[0]
    assert f">{escape(other.name)}<" not in _outside_scripts(html)


def test_cohort_report_from_demo_data(demo):
    cohort = demo.cohorts()[0]
    html = cohort_report(demo, cohort.name)
    _offline_with_one_bundle(html, charts=5)
    assert f"<title>Cohort report: {escape(cohort.name)}</title>" in html
    members = {t.name for t in demo.trainees(cohort.id)}
    others = {t.name for t in demo.trainees()} - members
    table = html.split("<h2>Trainees</h2>")[1].split("</section>")[0]
    assert table.count("<tr>") == len(members) + 1
    page = _outside_scripts(html)
    for name in members:
        assert f"<td>{escape(name)}</td>" in table
    for name in others:
        assert f"<td>{escape(name)}</td>" not in page
    violations = demo.violations_df(cohort_id=cohort.id)
    rules = html.split("<h2>Rules broken</h2>")[1].split("</section>")[0]
    assert rules.count("<tr>") == violations["rule"].nunique() + 1
    for citation in set(violations["citation"]):
        assert escape(citation) in rules
    drill = [d for d in demo.drills() if demo.drill_progress(d.id)
             and demo.drill_progress(d.id)[0].trainee in members][0]
    assert f"<h3>{escape(drill.name)}</h3>" in html
    assert "<h2>Certifications</h2>" in html


def test_hostile_names_and_lines_show_as_text(hostile):
    for html in (trainee_report(hostile.store, hostile.eve),
                 cohort_report(hostile.store, hostile.cohort)):
        page = _outside_scripts(html)
        for raw in ("<script>window", "<b>Eve</b>", "<b>Pay now</b>", "<u>now</u>",
                    "<i>Night shift</i>"):
            assert raw not in page
        assert "window.__pwned" not in html.replace("window.__pwned=1", "").replace(
            "window.__pwned=2", "")  # only as data, never as code
        assert escape(HOSTILE_NAME) in page
        assert escape(HOSTILE_DRILL) in page  # the certified drill, escaped
    trainee = trainee_report(hostile.store, hostile.eve)
    assert escape(HOSTILE_LINE) in trainee.split("<h2>Violations</h2>")[1]
    certs = trainee.split("<h2>Certifications</h2>")[1].split("</section>")[0]
    assert certs.count("<tr>") == 2
    assert f"<title>Cohort report: {escape(HOSTILE_COHORT)}</title>" in cohort_report(
        hostile.store, HOSTILE_COHORT)


def test_write_report_needs_one_subject_and_a_folder(demo, tmp_path):
    from collectkit.reports import write_report

    with pytest.raises(UsageError, match="exactly one"):
        write_report(demo, tmp_path / "r.html")
    with pytest.raises(UsageError, match="does not exist"):
        write_report(demo, tmp_path / "no" / "r.html", cohort=1)


# ------------------------------------------------------------------ CSV


def _csv(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese names
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)


def test_csv_export_has_the_frame_columns(demo, tmp_path):
    from collectkit.export import export_csv
    from collectkit.store.frames import ATTEMPT_COLUMNS, CERTIFICATION_COLUMNS, VIOLATION_COLUMNS

    written = export_csv(demo, tmp_path / "all")
    attempts, violations = _csv(written["attempts"]), _csv(written["violations"])
    assert list(attempts.columns) == ATTEMPT_COLUMNS
    assert list(violations.columns) == VIOLATION_COLUMNS
    assert list(_csv(written["certifications"]).columns) == CERTIFICATION_COLUMNS
    assert len(attempts) == len(demo.attempts_df())
    assert len(violations) == len(demo.violations_df()) > 0
    assert set(attempts["trainee"]) == {t.name for t in demo.trainees()}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", attempts["finished_at"].iloc[0])

    cohort = demo.cohorts()[1]
    only = export_csv(demo, tmp_path / "one", cohort_id=cohort.id)
    assert set(_csv(only["attempts"])["trainee"]) == {t.name for t in demo.trainees(cohort.id)}


def test_csv_cells_never_run_as_formulas(tmp_path):
    from collectkit.export import export_csv
    from collectkit.store import ResultStore

    with ResultStore(f"sqlite:///{tmp_path / 's.sqlite'}", create=True) as store:
        mallory = store.add_trainee("=HYPERLINK(\"http://evil.example\")")
        store.save_script(mallory, "Agent: -Pay now or we will call the police.\n")
        written = export_csv(store, tmp_path / "out")
    assert _csv(written["attempts"])["trainee"].tolist() == ["'=HYPERLINK(\"http://evil.example\")"]
    quotes = [q for q in _csv(written["violations"])["quote"] if q]
    assert quotes and all(q.startswith("'-Pay now") for q in quotes)


# ------------------------------------------------------------------ CLI


def test_cli_report_for_trainee_and_cohort(demo, run_cli, tmp_path):
    who = demo.trainees()[2]
    code, out, err = run_cli("report", "--trainee", who.name, "--out", tmp_path / "t.html",
                             "--url", demo.url)
    assert (code, err) == (0, "") and f"trainee {who.name} (#{who.id})" in out
    assert escape(who.name) in (tmp_path / "t.html").read_text(encoding="utf-8")
    code, out, err = run_cli("report", "--cohort", "2", "--out", tmp_path / "c.html",
                             "--url", demo.url, "--lang", "zh-Hans")
    assert code == 0 and "cohort 大陆新人班 (#2)" in out
    assert json.dumps("学习曲线") in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_cli_report_uses_collectkit_db(demo, run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLLECTKIT_DB", demo.url)
    code, out, _ = run_cli("report", "--trainee", "1", "--out", tmp_path / "t.html")
    assert code == 0 and (tmp_path / "t.html").exists()


@pytest.mark.parametrize("args, message", [
    (["--trainee", "Nobody"], "no trainee 'Nobody' in this store"),
    (["--cohort", "42"], "no cohort '42' in this store"),
    (["--trainee", "1", "--cohort", "1"], "exactly one of --trainee ID or --cohort ID"),
    ([], "exactly one of --trainee ID or --cohort ID"),
])
def test_cli_report_bad_subject_is_one_line(demo, run_cli, tmp_path, args, message):
    code, out, err = run_cli("report", *args, "--out", tmp_path / "r.html", "--url", demo.url)
    assert message in _one_line_error(code, out, err)
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("url, message", [
    ("bogus://nowhere", "unknown database type"),
    ("not-a-url", "is not a database URL"),
    ("missing.sqlite", "no database file here yet"),
])
def test_cli_bad_url_is_one_line(run_cli, tmp_path, monkeypatch, url, message):
    monkeypatch.chdir(tmp_path)
    for command in (["report", "--cohort", "1", "--out", "r.html"], ["export", "--out", "csv"]):
        code, out, err = run_cli(*command, "--url", url)
        assert message in _one_line_error(code, out, err)


def test_cli_export_writes_csv(demo, run_cli, tmp_path):
    code, out, err = run_cli("export", "--out", tmp_path / "x", "--cohort", "US onboarding",
                             "--url", demo.url)
    assert code == 0 and err == ""
    assert out.split() == [str(tmp_path / "x" / f"{n}.csv")
                           for n in ("attempts", "violations", "certifications")]
    assert set(_csv(tmp_path / "x" / "attempts.csv")["cohort"]) == {"US onboarding"}


def test_cli_demo_fills_once_then_needs_force(run_cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    code, out, err = run_cli("demo", "--trainees", "2", "--days", "4", "--seed", "3", "--url", url)
    assert code == 0, err
    assert re.search(r"\[#+\] (\d+)/\1 calls", err)  # the progress bar, finished
    assert re.match(r"demo: 2 trainees in 3 cohorts, \d+ role-plays, 3 drills -> ", out)
    assert "collectkit report --cohort 1 --out cohort.html --url" in out
    code, out, err = run_cli("demo", "--trainees", "2", "--days", "4", "--url", url)
    assert "already has demo data" in _one_line_error(code, out, err) and "--force" in err
    code, out, err = run_cli("demo", "--trainees", "1", "--days", "2", "--url", url, "--force")
    assert code == 0
    code, out, err = run_cli("demo", "--trainees", "0", "--url", url)
    assert "at least 1" in _one_line_error(code, out, err)


# ------------------------------------------------------------------ PNG


def test_png_export_names_what_is_missing(demo, run_cli, tmp_path, monkeypatch):
    import collectkit.export as export

    with pytest.raises(UsageError, match="must end in .png"):
        export.save_png(None, tmp_path / "chart.jpg")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    with pytest.raises(CollectkitError, match="BROWSER_PATH=.*is not an executable file"):
        export.find_chromium()
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(export, "CHROMIUM_PATHS", ())
    code, out, err = run_cli("export", "--out", tmp_path / "png", "--png", "--url", demo.url)
    assert "PNG export needs Chromium and none was found" in _one_line_error(code, out, err)
    assert "apt-get install chromium" in err and not (tmp_path / "png").exists()


def test_png_export_writes_real_pngs(demo, run_cli, tmp_path):
    from collectkit.export import find_chromium

    try:
        find_chromium()
    except CollectkitError as exc:
        pytest.skip(f"no Chromium for kaleido: {exc}")
    code, out, err = run_cli("export", "--out", tmp_path, "--png", "--trainee", "1",
                             "--url", demo.url)
    assert code == 0, err
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.stem for p in pngs] == sorted(["learning_curve", "violation_heatmap", "top_rules",
                                             "technique_radar", "drill_pass_rate"])
    for png in pngs:
        data = png.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 5000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1000, 600)
    assert {str(p) for p in pngs} <= set(out.split())

"""collectkit.tracking and collectkit.recommend: the course store, filtered frames, drills, the
next scenario for self-paced practice."""

import datetime as dt

import pandas as pd
import pytest
from _course import POLITE_LINES, THREAT_LINE, play_call

from collectkit import tracking
from collectkit.errors import ScenarioError, UsageError
from collectkit.recommend import Recommendation, recommend_next, trainee_lang, weak_spots
from collectkit.scenarios import list_scenarios, load_scenario

pytestmark = pytest.mark.usefixtures("isolated_env")
SMALL = {"trainees": 3, "days": 5, "seed": 1}


# ------------------------------------------------------------------ course_store


def test_course_store_uses_collectkit_db_when_set(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    monkeypatch.setenv("COLLECTKIT_DB", url)
    store = tracking.course_store(**SMALL)
    assert store.url == url
    assert store.trainees() == []  # the team's database is never filled with demo people
    assert not tracking.demo_path(**SMALL).exists()


def test_course_store_builds_the_demo_once_and_deterministically(isolated_env, monkeypatch):
    store = tracking.course_store(**SMALL)
    path = tracking.demo_path(**SMALL)
    assert path.exists() and str(isolated_env) in str(path)
    assert [p.name for p in path.parent.iterdir() if "partial" in p.name] == []
    first = store.attempts_df()
    assert tracking.store_summary(store)["trainees"] == 3
    stamp = path.stat().st_mtime_ns
    store.dispose()
    again = tracking.course_store(**SMALL)  # reused, not rebuilt
    assert path.stat().st_mtime_ns == stamp
    again.dispose()

    monkeypatch.setenv("XDG_DATA_HOME", str(isolated_env / "elsewhere"))
    other = tracking.course_store(**SMALL)
    assert tracking.demo_path(**SMALL) != path
    columns = ["trainee", "scenario_id", "lang", "seed", "total", "started_at", "finished_at"]
    pd.testing.assert_frame_equal(first[columns], other.attempts_df()[columns])
    other.dispose()


def test_course_store_rebuilds_an_unreadable_demo():
    path = tracking.demo_path(**SMALL)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    store = tracking.course_store(**SMALL)
    assert len(store.trainees()) == 3
    store.dispose()


# ------------------------------------------------------------------ frames


def test_filter_frame_by_cohort_and_days_inclusive():
    calls = pd.DataFrame({
        "cohort": ["A", "A", "B", "A"],
        "started_at": pd.to_datetime(["2026-01-05 09:00", "2026-01-06 23:59", "2026-01-06 10:00",
                                      "2026-01-07 00:00"])})
    assert len(tracking.filter_frame(calls, cohort="A")) == 3
    assert len(tracking.filter_frame(calls, start="2026-01-06", end=dt.date(2026, 1, 6))) == 2
    assert len(tracking.filter_frame(calls, cohort="A", start=dt.datetime(2026, 1, 6, 12))) == 2
    assert len(tracking.filter_frame(calls, end="2026-01-05")) == 1
    with pytest.raises(UsageError, match="starts .* after it ends"):
        tracking.filter_frame(calls, start="2026-01-07", end="2026-01-06")
    with pytest.raises(UsageError, match="not a date"):
        tracking.filter_frame(calls, start="last week")
    assert tracking.date_span(calls) == tracking.DateRange(dt.date(2026, 1, 5),
                                                           dt.date(2026, 1, 7))
    assert tracking.date_span(calls.iloc[:0]) == tracking.DateRange(None, None)


def test_dashboard_frames_and_figures(demo_store):
    everyone = tracking.dashboard_frames(demo_store)
    assert everyone.attempts["total"].notna().all()
    us = tracking.dashboard_frames(demo_store, cohort_id=1)
    assert set(us.attempts["cohort"]) == {"US onboarding"}
    assert set(us.violations["cohort"]) <= {"US onboarding"}
    assert len(us.attempts) < len(everyone.attempts)
    span = tracking.date_span(everyone.attempts)
    first_day = tracking.dashboard_frames(demo_store, start=span.start, end=span.start)
    assert set(first_day.attempts["started_at"].dt.date) == {span.start}
    drilled = everyone.attempts.dropna(subset=["drill_id"])
    names = {d.id: d.name for d in demo_store.drills()}
    assert list(drilled["drill"]) == [names[int(d)] for d in drilled["drill_id"]]

    figures = tracking.dashboard_figures(everyone, lang="zh-Hans")
    assert list(figures) == list(tracking.FIGURES)
    assert figures["learning_curve"].layout.title.text == "学习曲线"
    numbers = tracking.dashboard_summary(everyone)
    assert numbers["calls"] == len(everyone.attempts) and numbers["trainees"] == 3
    with pytest.raises(UsageError, match="no cohort with id 99"):
        tracking.dashboard_frames(demo_store, cohort_id=99)


def test_empty_store_gives_empty_frames_and_charts(empty_store):
    frames = tracking.dashboard_frames(empty_store)
    assert frames.attempts.empty and frames.violations.empty
    assert len(tracking.dashboard_figures(frames)) == 5
    assert tracking.dashboard_summary(frames)["pass_rate"] is None
    assert tracking.certification_table(frames.certifications).empty


# ------------------------------------------------------------------ drills and people


def test_ensure_drill_is_idempotent(empty_store):
    first = tracking.ensure_drill(empty_store, "Angry callers", ["us-aggressive-card"], 75,
                                  "2026-04-30")
    assert tracking.ensure_drill(empty_store, " Angry callers ", ("us-aggressive-card",), 75,
                                 dt.date(2026, 4, 30)) == first
    assert tracking.ensure_drill(empty_store, "Angry callers", ["us-aggressive-card"], 80,
                                 "2026-04-30") != first
    with pytest.raises(ScenarioError):
        tracking.ensure_drill(empty_store, "Typo", ["us-aggresive-card"])


def test_refresher_for_reuses_the_open_refresher(demo_store):
    ana = 1
    drill = tracking.refresher_for(demo_store, ana)
    assert drill.kind == "refresher"
    assert tracking.refresher_for(demo_store, ana).id == drill.id
    assert sum(d.kind == "refresher" for d in demo_store.drills()) == 1
    lonely = demo_store.add_trainee("No calls yet")
    with pytest.raises(UsageError, match="no scored calls"):
        tracking.refresher_for(demo_store, lonely)


def test_drill_report_and_certification_table(empty_store):
    ana = empty_store.add_trainee("Ana", cohort_id=empty_store.add_cohort("March"))
    drill = empty_store.create_drill("Angry callers", ["us-aggressive-card"], pass_mark=60)
    empty_store.assign(drill, trainee_id=ana)
    report = tracking.drill_report(empty_store, drill, lang="en")
    assert list(report.columns) == ["Trainee", "Attempts", "Passed", "Still to pass",
                                    "Best score", "Certified on"]
    assert report.iloc[0].tolist()[:4] == ["Ana", 0, "0/1", "us-aggressive-card"]
    play_call(empty_store, ana, drill_id=drill)  # 68, no violation: passes at 60
    row = tracking.drill_report(empty_store, drill).iloc[0]
    assert (row["Passed"], row["Still to pass"]) == ("1/1", "")
    assert dt.date.fromisoformat(row["Certified on"])
    table = tracking.certification_table(empty_store.certifications_df(), lang="zh-Hant")
    assert list(table.columns) == ["學員", "班級", "演練", "認證日期"]
    assert table.iloc[0].tolist()[:3] == ["Ana", "March", "Angry callers"]
    assert len(table.iloc[0, 3]) == 10  # the day only, no clock time
    assert [d.id for d in tracking.cohort_drills(empty_store, 1)] == []


def test_weakest_trainees_and_choosers(demo_store):
    weakest = tracking.weakest_trainees(demo_store, n=2)
    assert len(weakest) == 2
    assert weakest["Mean score"].is_monotonic_increasing
    assert set(weakest["trainee_id"]) <= {t.id for t in demo_store.trainees()}
    assert tracking.choose_trainee(demo_store, lang="zh-Hant") == 3
    assert tracking.choose_trainee(demo_store, 2) == 2
    assert tracking.choose_cohort(demo_store, lang="zh-Hans") == 2
    assert [d.name for d in tracking.cohort_drills(demo_store, 1)] == ["First-call essentials"]
    with pytest.raises(UsageError, match="no trainee with id 42"):
        tracking.choose_trainee(demo_store, 42)


def test_choosers_on_an_empty_store(empty_store):
    with pytest.raises(UsageError, match="no trainees yet"):
        tracking.choose_trainee(empty_store)
    with pytest.raises(UsageError, match="no cohorts yet"):
        tracking.choose_cohort(empty_store)


# ------------------------------------------------------------------ recommend_next


def test_first_recommendation_without_calls_is_in_the_trainees_language(empty_store):
    ana = empty_store.add_trainee("Ana")
    scenario_id, reason = recommend_next(empty_store, ana)
    assert scenario_id.startswith("us-") and scenario_id in reason
    assert "no scored calls yet" in reason

    cohort = empty_store.add_cohort("大陆新人班")
    wang, li = (empty_store.add_trainee(n, cohort_id=cohort) for n in ("王丽", "李强"))
    play_call(empty_store, wang, "cn-aggressive-card", ["您好，我是安信消费金融的催收专员，敝姓周。"],
              lang="zh-Hans")
    assert trainee_lang(empty_store, li) == "zh-Hans"  # from the cohort
    rec = recommend_next(empty_store, li)
    assert isinstance(rec, Recommendation) and rec.basis == "first"
    assert rec.lang == "zh-Hans" and "zh-Hans" in load_scenario(rec.scenario_id).langs
    assert "还没有计分的通话" in rec.reason


def test_recommendation_aims_at_the_weak_spot(empty_store):
    ana = empty_store.add_trainee("Ana")
    report = play_call(empty_store, ana, lines=POLITE_LINES[:1] + [THREAT_LINE])
    assert any(v.category == "threat_of_arrest_or_criminal_accusation" for v in report.violations)
    spots = weak_spots(empty_store, ana)
    assert "threat_of_arrest_or_criminal_accusation" in [c.category for c in spots.categories]
    assert all(c.weight >= 3 for c in spots.categories)  # critical findings weigh 3
    assert spots.personas[0].persona == "aggressive" and spots.personas[0].weak

    rec = recommend_next(empty_store, ana)
    assert rec.basis == "weak_spot" and rec.persona == "aggressive"
    assert rec.scenario_id in ("us-aggressive-card", "us-zh-aggressive-card")
    assert "threats of arrest" in rec.reason and "pass mark 70" in rec.reason
    assert "threat_of_arrest_or_criminal_accusation" in rec.categories
    assert rec.to_dict()["scenario_id"] == rec.scenario_id

    chinese = recommend_next(empty_store, ana, lang="zh-Hans")  # cn-aggressive-card exists
    assert chinese.basis == "weak_spot" and chinese.persona == "aggressive"
    assert chinese.reason.startswith("建议") and "以抓人或刑事追究相威胁" in chinese.reason
    assert "zh-Hans" in load_scenario(chinese.scenario_id).langs
    # No Taiwanese scenario has an aggressive debtor: the reason says so instead of pretending.
    taiwan = recommend_next(empty_store, ana, lang="zh-Hant")
    assert "zh-Hant" in load_scenario(taiwan.scenario_id).langs
    if not any(load_scenario(s).persona == "aggressive" and "zh-Hant" in load_scenario(s).langs
               for s in list_scenarios()):
        assert "挑釁型" in taiwan.reason and "已及格" not in taiwan.reason


def test_recommendation_moves_on_when_nothing_is_weak(empty_store):
    ana = empty_store.add_trainee("Ana")
    play_call(empty_store, ana)  # 68, no violation: not weak at a pass mark of 60
    rec = recommend_next(empty_store, ana, pass_mark=60)
    assert rec.basis == "new_type" and rec.persona != "aggressive"
    assert rec.scenario_id not in ("us-aggressive-card",) and "not met yet" in rec.reason
    weak = recommend_next(empty_store, ana)  # at the usual 70, 68 is still a weak spot
    assert weak.basis == "weak_spot" and weak.persona == "aggressive"


def test_recommendation_is_deterministic(demo_store):
    for trainee in demo_store.trainees():
        assert recommend_next(demo_store, trainee.id) == recommend_next(demo_store, trainee.id)
    with pytest.raises(UsageError):
        recommend_next(demo_store, 999)

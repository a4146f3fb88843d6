"""DrillRunner and SupervisorDashboard driven from code, as a notebook cell or a test would."""

import datetime as dt

import pytest
from _course import IMG_NAME, POLITE_LINES, THREAT_LINE, play_call

pytest.importorskip("ipywidgets")
from collectkit.widgets import DrillRunner, SupervisorDashboard  # noqa: E402

pytestmark = pytest.mark.usefixtures("isolated_env")
HOSTILE = IMG_NAME


def html_values(widget) -> list[str]:
    """Every HTML string shown inside a widget tree."""
    import ipywidgets as w

    found = []
    if isinstance(widget, w.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found += html_values(child)
    return found


def assert_shown_as_text(widget, name=HOSTILE):
    shown = "\n".join(html_values(widget))
    assert name.replace("<", "&lt;").replace(">", "&gt;") in shown
    assert "<img" not in shown


# ------------------------------------------------------------------ DrillRunner


@pytest.fixture
def drill_setup(empty_store):
    store = empty_store
    cohort = store.add_cohort("March")
    ana = store.add_trainee("Ana", cohort_id=cohort)
    drill = store.create_drill("Angry callers", ["us-aggressive-card", "us-evasive-smallbiz"],
                               pass_mark=60, due="2026-04-30")
    store.assign(drill, cohort_id=cohort)
    return store, ana, drill


def test_drill_runner_attempts_a_drill_and_shows_progress(drill_setup):
    store, ana, drill = drill_setup
    runner = DrillRunner(store, ana)
    assert runner.current.drill.id == drill and runner.current.via == "cohort"
    assert runner.scenario_picker.value == "us-aggressive-card"
    assert "Passed 0 of 2" in runner.progress.value and "due 2026-04-30" in runner.progress.value

    chat = runner.start()
    assert chat is not None and chat.drill == drill and chat.scenario_picker.disabled
    assert runner.chat_box.children == (chat.widget,)
    for line in POLITE_LINES:
        if chat.session.ended:
            break
        runner.say(line)
    debrief = runner.end()
    assert debrief.report.score.total >= 60 and not debrief.report.violations

    attempts = store.attempts(ana, drill)
    assert [(a.scenario_id, a.status, a.passed) for a in attempts] == [
        ("us-aggressive-card", "finished", True)]
    assert runner.current.passed == ("us-aggressive-card",)
    assert "Passed 1 of 2" in runner.progress.value
    assert runner.scenario_picker.value == "us-evasive-smallbiz"  # the next one left
    assert "(1/2)" in runner.drill_picker.options[0][0]
    assert runner.current.certified_at is None and "ck-certified" not in runner.progress.value


def test_drill_runner_shows_certification(drill_setup):
    store, ana, _ = drill_setup
    solo = store.create_drill("Just one", ["us-aggressive-card"], pass_mark=60)
    store.assign(solo, trainee_id=ana)
    runner = DrillRunner(store, ana, lang="zh-Hans")
    assert runner.select(solo).drill.name == "Just one"
    runner.start()
    for line in POLITE_LINES:
        runner.say(line)
    runner.end()
    assert runner.current.certified_at is not None
    assert "ck-certified" in runner.progress.value and "获得认证" in runner.progress.value
    assert store.certifications(ana)[0].drill_id == solo
    assert runner.drill_picker.options[1][0].endswith("✓")


def test_drill_runner_retry_uses_a_new_seed(drill_setup):
    store, ana, drill = drill_setup
    runner = DrillRunner(store, ana)
    first = runner.start()
    runner.say(THREAT_LINE)
    runner.end()
    assert not runner.current.passed
    second = runner.start("us-aggressive-card")
    assert int(second.seed.value) == int(first.seed.value) + 1
    assert len(store.attempts(ana, drill)) == 2


def test_drill_runner_mistakes_are_shown_inline(drill_setup, empty_store):
    store, ana, drill = drill_setup
    runner = DrillRunner(store, ana)
    assert runner.select(99) is None and "not assigned" in runner.error.value
    assert runner.start("us-wrong-party") is None and "not part of drill" in runner.error.value
    assert runner.say("hello") is None and "Start an attempt first" in runner.error.value
    assert runner.end() is None

    loner = store.add_trainee("Ben")
    idle = DrillRunner(store, loner)
    assert idle.current is None and "No drills are assigned" in idle.progress.value
    assert idle.start_button.disabled and idle.start() is None

    ghost = DrillRunner(store, 404)
    assert "no trainee with id 404" in ghost.error.value


def test_drill_runner_escapes_the_trainees_name(drill_setup):
    store, _, drill = drill_setup
    hostile = store.add_trainee(HOSTILE, cohort_id=1)
    tagged = store.create_drill("<b>Bold</b> drill", ["us-aggressive-card"])
    store.assign(tagged, trainee_id=hostile)
    runner = DrillRunner(store, hostile)
    assert_shown_as_text(runner.widget)
    runner.select(tagged)
    shown = "\n".join(html_values(runner.widget))
    assert "&lt;b&gt;Bold&lt;/b&gt; drill" in shown and "<b>Bold</b>" not in shown


# ------------------------------------------------------------------ SupervisorDashboard


def test_dashboard_filters_and_draws_every_chart(demo_store):
    dash = SupervisorDashboard(demo_store)
    assert sorted(dash.figures) == sorted(["learning_curve", "violation_heatmap",
                                           "technique_radar", "drill_pass_rate", "top_rules"])
    assert dash.cohort_id is None and dash.cohort.options[0][0] == "All cohorts"
    assert dash.start.value == dt.date(2026, 1, 5)
    everyone = len(dash.frames.attempts)
    assert dash.summary.value.startswith(f"<p class='ck-summary'>{everyone} scored calls")

    frames = dash.filter(cohort_id=1)
    assert set(frames.attempts["cohort"]) == {"US onboarding"} and len(frames.attempts) < everyone
    assert [label for label, _ in dash.refresher_trainee.options] == ["Ana Ruiz (US onboarding)"]
    assert dash.assign_target.value == 1  # a new drill goes to the cohort in view

    frames = dash.filter(cohort_id=None, start="2026-01-07", end="2026-01-07")
    assert set(frames.attempts["started_at"].dt.date) <= {dt.date(2026, 1, 7)}
    assert dash.filter(start="2026-01-09", end="2026-01-01") is None
    assert "after it ends" in dash.error.value
    assert dash.filter(cohort_id=77) is None and "no cohort with id 77" in dash.error.value


def test_dashboard_creates_and_assigns_drills(demo_store):
    dash = SupervisorDashboard(demo_store, lang="en")
    drill = dash.create_drill("Angry callers", ["us-aggressive-card"], 75, "2026-02-27",
                              cohort_id=1)
    info = demo_store.drill(drill)
    assert (info.name, info.pass_mark, info.due) == ("Angry callers", 75, dt.date(2026, 2, 27))
    assert "assigned it to US onboarding" in dash.drill_message.value
    assert any(a.drill.id == drill for a in demo_store.assignments(1))
    assert dash.progress_drill.value == drill and "Ana Ruiz" in dash.progress_table.value

    solo = dash.create_drill("For Ana", ["us-evasive-smallbiz"], trainee_id=1)
    assert [a.via for a in demo_store.assignments(1) if a.drill.id == solo] == ["trainee"]
    assert [a.drill.id for a in demo_store.assignments(2) if a.drill.id == solo] == []

    for bad, message in [(dict(name=""), "needs a name"),
                         (dict(name="X", scenario_ids=["us-aggresive-card"]), "unknown scenario"),
                         (dict(name="X", scenario_ids=[]), "at least one scenario"),
                         (dict(name="X", trainee_id=1, cohort_id=1), "not both"),
                         (dict(name="X", trainee_id=404), "no trainee with id 404")]:
        count = len(demo_store.drills())
        assert dash.create_drill(**bad) is None
        assert message in dash.drill_message.value and "ck-error" in dash.drill_message.value
        assert len(demo_store.drills()) == count


def test_dashboard_builds_a_refresher_and_lists_certifications(demo_store):
    dash = SupervisorDashboard(demo_store, lang="zh-Hans")
    drill = dash.build_refresher(1)
    assert drill.kind == "refresher" and "Ana Ruiz" in dash.refresher_message.value
    assert "复训演练" in dash.refresher_message.value
    assert dash.build_refresher(1).id == drill.id  # the open refresher, not a second one
    newbie = demo_store.add_trainee("New", cohort_id=2)
    dash.refresh()
    assert dash.build_refresher(newbie) is None and "no scored calls" in \
        dash.refresher_message.value

    assert dash.certifications.empty and "还没有认证" in dash.cert_table.value
    quick = demo_store.create_drill("Quick", ["us-aggressive-card"], pass_mark=60)
    demo_store.assign(quick, trainee_id=1)
    play_call(demo_store, 1, drill_id=quick)
    dash.refresh()
    assert dash.certifications.iloc[0].tolist()[:3] == ["Ana Ruiz", "US onboarding", "Quick"]
    assert "Quick" in dash.cert_table.value


def test_dashboard_on_an_empty_store(empty_store):
    dash = SupervisorDashboard(empty_store)
    assert dash.start.value is None and len(dash.figures) == 5
    assert "0 scored calls" in dash.summary.value
    assert dash.build_refresher() is None and "pick a trainee" in dash.refresher_message.value
    assert "No drills yet" in dash.progress_table.value


def test_dashboard_escapes_names(demo_store):
    hostile = demo_store.add_trainee(HOSTILE, cohort_id=1)
    play_call(demo_store, hostile)
    quick = demo_store.create_drill("Quick", ["us-aggressive-card"], pass_mark=60)
    demo_store.assign(quick, trainee_id=hostile)
    play_call(demo_store, hostile, drill_id=quick)
    dash = SupervisorDashboard(demo_store)
    dash.build_refresher(hostile)
    assert_shown_as_text(dash.widget)
    assert HOSTILE in dash.certifications.iloc[:, 0].tolist()  # the table data keeps the name
    legend = [trace.name for trace in dash.figures["learning_curve"].data]
    assert "&lt;img src=x onerror=alert(1)&gt;" in legend  # plotly shows entities as text

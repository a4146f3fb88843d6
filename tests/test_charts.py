"""Every chart on the store's real frames (demo data played through the engine) and on
empty ones."""

import pandas as pd
import pytest

from collectkit import charts
from collectkit.errors import UsageError


@pytest.fixture(scope="module")
def demo(shared_demo_store):
    """The session's demo cohort (6 trainees, 20 days): read only."""
    return shared_demo_store


@pytest.fixture(scope="module")
def frames(demo):
    return {"attempts": demo.attempts_df(), "violations": demo.violations_df(),
            "states": demo.states_df(), "drills": demo.drills_df(),
            "trainees": demo.trainees_df()}


@pytest.fixture(scope="module")
def empty_frames():
    from collectkit.store import ResultStore

    store = ResultStore("sqlite:///:memory:", create=True)
    yield {"attempts": store.attempts_df(), "violations": store.violations_df(),
           "states": store.states_df()}
    store.dispose()


def test_learning_curve_one_line_per_trainee_in_range(frames):
    attempts = frames["attempts"]
    fig = charts.learning_curve(attempts)
    assert [t.name for t in fig.data] == frames["trainees"]["name"].tolist()
    scored = attempts.dropna(subset=["total"])
    assert sum(len(t.y) for t in fig.data) == len(scored) > 0
    for trace in fig.data:
        rows = scored[scored["trainee"] == trace.name].sort_values("finished_at")
        assert list(trace.y) == [float(v) for v in rows["total"]]
        assert all(0 <= y <= 100 for y in trace.y)
        assert list(pd.to_datetime(pd.Series(trace.x))) == list(rows["finished_at"])
        assert set(trace.marker.symbol) <= {"circle", "circle-open"}
        assert list(trace.marker.symbol).count("circle") == int(rows["passed"].sum())
    [line] = fig.layout.shapes
    assert (line.y0, line.y1) == (70, 70)
    assert charts.learning_curve(attempts, pass_mark=80).layout.shapes[0].y0 == 80
    assert fig.layout.yaxis.range == (0, 100)


def test_violation_heatmap_trainees_by_category(frames):
    violations = frames["violations"]
    fig = charts.violation_heatmap(violations)
    [heat] = fig.data
    assert set(heat.y) == set(violations["trainee"])
    assert list(heat.x) == sorted(violations["category"].unique())
    assert sum(map(sum, heat.z)) == len(violations) > 0
    name, category = violations.iloc[0][["trainee", "category"]]
    expected = ((violations["trainee"] == name) & (violations["category"] == category)).sum()
    assert heat.z[list(heat.y).index(name)][list(heat.x).index(category)] == expected


def test_technique_radar_everyone_and_one_trainee(frames):
    attempts = frames["attempts"]
    fig = charts.technique_radar(attempts)
    [radar] = fig.data
    personas = sorted(attempts.dropna(subset=["technique"])["persona"].unique())
    assert list(radar.theta) == personas + personas[:1]  # the polygon is closed
    assert all(0 <= r <= 100 for r in radar.r) and radar.name == "everyone"
    first = attempts.iloc[0]
    by_name = charts.technique_radar(attempts, trainee=first["trainee"])
    by_id = charts.technique_radar(attempts, trainee=int(first["trainee_id"]))
    assert by_name.data[0].name == by_id.data[0].name == first["trainee"]
    assert list(by_name.data[0].r) == list(by_id.data[0].r)
    mine = attempts[attempts["trainee_id"] == first["trainee_id"]]
    expected = mine.groupby("persona")["technique"].mean()
    assert list(by_name.data[0].r)[:-1] == pytest.approx(list(expected.values))
    assert charts.technique_radar(attempts, trainee="Nobody").data == ()


def test_drill_pass_rate_named_and_judged_at_the_drill_mark(frames):
    attempts, drills = frames["attempts"], frames["drills"]
    tried = sorted(int(d) for d in attempts["drill_id"].dropna().unique())
    assert tried, "the demo plays drill scenarios"
    plain = charts.drill_pass_rate(attempts)
    assert list(plain.data[0].x) == [str(d) for d in tried]
    named = charts.drill_pass_rate(attempts, drills=drills)
    names = dict(zip(drills["drill_id"].astype(int), drills["name"]))
    assert list(named.data[0].x) == [names[d] for d in tried]
    marks = dict(zip(drills["drill_id"].astype(int), drills["pass_mark"].astype(int)))
    for drill_id, rate, text in zip(tried, named.data[0].y, named.data[0].text):
        rows = attempts[(attempts["drill_id"] == drill_id) & attempts["total"].notna()]
        passed = ((rows["critical"] == 0) & (rows["total"] >= marks[drill_id])).mean() * 100
        assert rate == pytest.approx(passed) and 0 <= rate <= 100
        assert text.endswith(f"({len(rows)})")
    assert named.layout.yaxis.range == (0, 100)


def test_drill_pass_rate_uses_the_drill_mark_not_the_stored_verdict():
    attempts = pd.DataFrame({"drill_id": pd.array([1, 1, 2], dtype="Int64"),
                             "passed": pd.array([False, True, False], dtype="boolean"),
                             "total": pd.array([65, 90, 95], dtype="Int64"),
                             "critical": pd.array([0, 0, 1], dtype="Int64")})
    drills = pd.DataFrame({"drill_id": [1, 2], "name": ["Easy", "Strict"], "pass_mark": [60, 50]})
    assert list(charts.drill_pass_rate(attempts).data[0].y) == [50.0, 0.0]
    fig = charts.drill_pass_rate(attempts, drills=drills)
    assert list(fig.data[0].x) == ["Easy", "Strict"]
    assert list(fig.data[0].y) == [100.0, 0.0]  # a critical violation fails at any mark


def test_state_curve_of_one_stored_call(frames, demo):
    states = frames["states"]
    with pytest.raises(UsageError, match="session_id"):
        charts.state_curve(states)
    session_id = int(states["session_id"].iloc[-1])
    fig = charts.state_curve(states, session_id=session_id)
    one = states[states["session_id"] == session_id]
    assert [t.name for t in fig.data] == [v for v in charts.STATE_VARS if v in states]
    assert {"anger", "trust", "willingness"} <= {t.name for t in fig.data}
    for trace in fig.data:
        assert list(trace.x)[0] == -1 and len(trace.x) == len(one)
        assert list(trace.x)[1:] == [int(t) for t in one["turn"].iloc[1:]]
        assert list(trace.y) == pytest.approx(list(one[trace.name]))
        assert all(0 <= y <= 1 for y in trace.y)
    same = charts.state_curve(demo.states_df(session_id))
    assert [list(t.y) for t in same.data] == [list(t.y) for t in fig.data]


def test_state_curve_of_a_debrief():
    from collectkit.engine import Session
    from collectkit.scoring import debrief

    call = Session("aggressive", seed=1, lang="en")
    call.say("Hi, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?")
    call.say("I hear you, this is stressful. Could you pay $50 by Friday?")
    fig = charts.state_curve(debrief(call).to_dataframe())
    assert {t.name for t in fig.data} >= {"anger", "trust"}
    assert list(fig.data[0].x) == [-1, 0, 2]


def test_top_rules_most_frequent_on_top(frames):
    violations = frames["violations"]
    fig = charts.top_rules(violations, n=5)
    [bars] = fig.data
    counts = violations["rule"].value_counts()
    assert len(bars.y) == min(5, len(counts))
    assert list(bars.x) == sorted(bars.x)  # horizontal bars: the last one is drawn on top
    assert bars.x[-1] == counts.max() and bars.y[-1] in set(counts[counts == counts.max()].index)
    for rule, count, category in zip(bars.y, bars.x, bars.hovertext):
        assert count == counts[rule]
        assert category == violations.loc[violations["rule"] == rule, "category"].iloc[0]
    assert len(charts.top_rules(violations).data[0].y) == min(10, len(counts))


CHARTS = [("learning_curve", "attempts"), ("violation_heatmap", "violations"),
          ("technique_radar", "attempts"), ("drill_pass_rate", "attempts"),
          ("state_curve", "states"), ("top_rules", "violations")]


@pytest.mark.parametrize("name, frame", CHARTS)
def test_empty_frames_give_an_empty_chart_that_says_so(name, frame, empty_frames):
    chart = getattr(charts, name)
    for data in (empty_frames[frame], pd.DataFrame()):
        fig = chart(data)
        assert fig.data == ()
        assert fig.layout.annotations[0].text == "No data yet"
    assert chart(empty_frames[frame], lang="zh-Hans").layout.annotations[0].text == "暂无数据"


def test_unscored_calls_are_left_out():
    attempts = pd.DataFrame({"trainee_id": pd.array([1, 1], dtype="Int64"),
                             "trainee": ["Ana", "Ana"],
                             "finished_at": pd.to_datetime(["2026-01-05 10:00", None]),
                             "total": pd.array([55, None], dtype="Int64"),
                             "passed": pd.array([False, None], dtype="boolean")})
    assert list(charts.learning_curve(attempts).data[0].y) == [55.0]
    assert charts.learning_curve(attempts.iloc[1:]).data == ()


def test_missing_columns_name_them():
    with pytest.raises(UsageError,
                       match=r"learning_curve needs columns \['finished_at', 'total'\]"):
        charts.learning_curve(pd.DataFrame({"trainee": ["Ana"]}))
    with pytest.raises(UsageError, match="violation_heatmap needs columns"):
        charts.violation_heatmap(pd.DataFrame({"rule": ["US-TIME-01"]}))


def test_trainee_names_are_text_and_namesakes_stay_apart():
    violations = pd.DataFrame({"trainee_id": pd.array([1, 2, 3], dtype="Int64"),
                               "trainee": ["<b>Eve</b>", "Ana", "Ana"],
                               "category": ["harassment"] * 3, "rule": ["US-HARASS-01"] * 3})
    [heat] = charts.violation_heatmap(violations).data
    assert list(heat.y) == ["&lt;b&gt;Eve&lt;/b&gt;", "Ana #2", "Ana #3"]
    attempts = violations.assign(finished_at=pd.to_datetime(["2026-01-05"] * 3),
                                 total=pd.array([50, 60, 70], dtype="Int64"))
    assert [t.name for t in charts.learning_curve(attempts).data] == [
        "&lt;b&gt;Eve&lt;/b&gt;", "Ana #2", "Ana #3"]

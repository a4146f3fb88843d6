"""Trainees, cohorts, drills, assignments, certification and refresher drills, on both backends."""

import datetime as dt

import pytest
from _roleplay import LINES, THREAT, play

from collectkit.errors import ScenarioError, UsageError

POLITE_SCRIPT = ("Agent: Hello, this is Sam from Acme Recovery, a debt collector.\n"
                 "Agent: I understand this month has been hard. Could you pay $400 by Friday?\n")


def test_cohorts_and_trainees(store):
    march = store.add_cohort("March intake")
    assert store.add_cohort(" March intake ") == march  # notebooks re-run cells
    ana = store.add_trainee("Ana", cohort_id=march)
    assert store.add_trainee("Ana", cohort_id=march) == ana
    ben = store.add_trainee("Ben", email="ben@example.test")
    assert store.add_trainee("Benjamin", email="ben@example.test") == ben
    assert [(t.name, t.cohort) for t in store.trainees()] == [("Ana", "March intake"), ("Ben", None)]
    store.set_cohort(ben, march)
    assert [t.name for t in store.trainees(cohort_id=march)] == ["Ana", "Ben"]
    assert store.trainee(ben).cohort_id == march
    assert [c.name for c in store.cohorts()] == ["March intake"]
    with pytest.raises(UsageError, match="no cohort with id 42"):
        store.add_trainee("Cy", cohort_id=42)
    with pytest.raises(UsageError, match="needs a name"):
        store.add_trainee("  ")


def test_drill_validation(store):
    with pytest.raises(ScenarioError):
        store.create_drill("Typo", ["us-aggresive-card"])
    with pytest.raises(UsageError, match="at least one scenario"):
        store.create_drill("Empty", [])
    with pytest.raises(UsageError, match="0 to 100"):
        store.create_drill("Too hard", ["us-aggressive-card"], pass_mark=101)
    with pytest.raises(UsageError, match="not a date"):
        store.create_drill("When?", ["us-aggressive-card"], due="next week")
    drill = store.create_drill("Angry callers", "us-aggressive-card", 75, "2026-04-30",
                               created_by="Supervisor Kim")
    info = store.drill(drill)
    assert (info.scenario_ids, info.pass_mark, info.due, info.kind, info.created_by) == (
        ("us-aggressive-card",), 75, dt.date(2026, 4, 30), "normal", "Supervisor Kim")
    ana = store.add_trainee("Ana")
    with pytest.raises(UsageError, match="exactly one"):
        store.assign(drill)
    with pytest.raises(UsageError, match="exactly one"):
        store.assign(drill, trainee_id=ana, cohort_id=ana)
    with pytest.raises(UsageError, match="not part of drill"):
        play(store, ana, LINES[:1], drill_id=drill)  # a free call, not the drill's scenario


def test_assignments_direct_and_through_the_cohort(store):
    march = store.add_cohort("March")
    ana, ben = store.add_trainee("Ana", cohort_id=march), store.add_trainee("Ben")
    drill = store.create_drill("Angry callers", ["us-aggressive-card"], 60)
    first = store.assign(drill, cohort_id=march)
    assert store.assign(drill, cohort_id=march) == first
    assert [(a.drill.id, a.via, a.remaining) for a in store.assignments(ana)] == [
        (drill, "cohort", ("us-aggressive-card",))]
    assert store.assignments(ben) == []
    store.assign(drill, trainee_id=ana)
    assert [a.via for a in store.assignments(ana)] == ["trainee"]
    progress = store.drill_progress(drill)
    assert [(p.trainee, p.attempts, p.passed, p.certified_at) for p in progress] == [
        ("Ana", 0, (), None)]
    frame = store.drills_df()
    assert frame.iloc[0][["assigned_trainees", "assigned_cohorts", "certified"]].tolist() == [1, 1, 0]


def test_certified_when_every_scenario_passed_at_the_drill_mark(store):
    ana = store.add_trainee("Ana")
    # Pass mark 0: any attempt without a critical violation passes; a threat never does.
    drill = store.create_drill("Angry callers, both languages",
                               ["us-aggressive-card", "us-zh-aggressive-card"], 0)
    store.assign(drill, trainee_id=ana)

    store.finish(play(store, ana, [LINES[0], THREAT], scenario="us-aggressive-card",
                      drill_id=drill))
    assert [a.passed for a in store.attempts(ana, drill)] == [False]
    assert store.certify_if_complete(ana, drill) is None

    store.finish(play(store, ana, LINES[:3], scenario="us-aggressive-card", drill_id=drill))
    assert [a.passed for a in store.attempts(ana, drill)] == [False, True]
    assert store.certify_if_complete(ana, drill) is None  # one scenario left
    [assigned] = store.assignments(ana)
    assert assigned.passed == ("us-aggressive-card",)
    assert assigned.remaining == ("us-zh-aggressive-card",)

    store.save_script(ana, POLITE_SCRIPT, scenario="us-zh-aggressive-card", drill_id=drill)
    cert = store.certify_if_complete(ana, drill)  # done by save_script already; same answer
    assert cert is not None and cert.drill_id == drill
    assert store.certifications(ana) == [cert]
    assert store.assignments(ana)[0].certified_at == cert.certified_at
    [progress] = store.drill_progress(drill)
    assert (progress.attempts, progress.remaining, progress.certified_at) == (3, (), cert.certified_at)
    assert set(progress.best) == {"us-aggressive-card", "us-zh-aggressive-card"}
    frame = store.certifications_df()
    assert frame[["trainee", "drill"]].values.tolist() == [["Ana", "Angry callers, both languages"]]


def test_the_drill_pass_mark_not_the_scenario_mark_decides(store):
    ana = store.add_trainee("Ana")
    hard = store.create_drill("Only perfect calls", ["us-aggressive-card"], 100)
    report = store.finish(play(store, ana, LINES[:3], scenario="us-aggressive-card",
                               drill_id=hard))
    assert report.score.total < 100
    assert [a.passed for a in store.attempts(ana, hard)] == [False]
    assert store.certify_if_complete(ana, hard) is None and store.certifications() == []
    open_call = play(store, ana, LINES[:1], scenario="us-aggressive-card", drill_id=hard)
    assert [a.status for a in store.attempts(ana, hard)] == ["finished", "open"]
    store.close(open_call)


def test_refresher_drill_targets_weak_categories_and_debtor_types(store):
    ana = store.add_trainee("Ana")
    with pytest.raises(UsageError, match="no scored calls"):
        store.refresher_drill(ana)
    for seed in (1, 2):
        store.finish(play(store, ana, [LINES[0], THREAT], seed=seed))
    drill = store.refresher_drill(ana, due="2026-05-01")
    assert drill.kind == "refresher" and drill.due == dt.date(2026, 5, 1)
    assert "threat_of_arrest_or_criminal_accusation" in drill.name
    assert "aggressive" in drill.name
    assert "aggressive" in drill.notes and "Scenarios chosen" in drill.notes
    from collectkit.scenarios import load_scenario

    chosen = [load_scenario(s) for s in drill.scenario_ids]
    assert chosen and all(s.persona == "aggressive" and "en" in s.langs for s in chosen)
    assert [a.drill.id for a in store.assignments(ana)] == [drill.id]
    assert store.drills_df().iloc[0]["kind"] == "refresher"

"""Recording role-plays turn by turn, finishing, resuming, closing; scored scripts; frames.

Each test runs on SQLite and on PostgreSQL (the ``store`` fixture).
"""

import pytest
from _roleplay import LINES, THREAT, play

from collectkit.dialogue.acts import recognize
from collectkit.engine import Session
from collectkit.errors import UsageError


@pytest.fixture
def ana(store):
    return store.add_trainee("Ana", cohort_id=store.add_cohort("March intake"))


def test_every_turn_is_committed_as_it_is_said(store, ana):
    session = Session("aggressive", seed=1, lang="en")
    row = store.record(session, ana)
    for said, line in enumerate(LINES[:3], start=1):
        session.say(line)
        assert store.sessions(ana)[0].turns == 2 * said  # already in the database
    turns = store.turns_df(row)
    assert list(turns["speaker"]) == ["agent", "debtor"] * 3
    assert list(turns["text"]) == [t.text for t in session.turns]
    agent = turns[turns.speaker == "agent"]
    assert [list(a) for a in agent["acts"]] == [recognize(t) for t in LINES[:3]]
    debtor = turns[turns.speaker == "debtor"]
    assert [list(c) for c in debtor["cues"]] == [list(r.cues) for r in session.replies]
    states = store.states_df(row)
    assert list(states["step"]) == [0, 1, 2, 3]
    assert states.iloc[0]["anger"] == pytest.approx(session.initial_state.anger)
    for k, state in enumerate(session.states, start=1):
        for name, value in state.to_dict().items():
            assert states.iloc[k][name] == pytest.approx(value)
    info = store.open_sessions()[0]
    assert (info.id, info.persona, info.lang, info.seed, info.status) == (row, "aggressive", "en", 1, "open")


def test_violations_are_events_on_the_agent_turn(store, ana):
    session = play(store, ana, [LINES[0], THREAT])
    turns = store.turns_df(store.sessions()[0].id)
    threat_events = turns.iloc[2]["events"]
    assert any(e["type"] == "violation"
               and e["category"] == "threat_of_arrest_or_criminal_accusation"
               for e in threat_events)
    assert all(e["type"] != "violation" for e in turns.iloc[3]["events"])
    assert session.replies[1].events  # the engine saw it too


def test_finish_stores_score_outcome_and_violations(store, ana):
    session = play(store, ana, [LINES[0], THREAT, LINES[1]])
    row = session.on_turn.session_id
    report = store.finish(session)
    info = store.sessions(ana)[0]
    assert (info.status, info.outcome) == ("finished", session.outcome)
    assert info.finished_at is not None
    attempts = store.attempts_df(ana)
    assert attempts.iloc[0]["total"] == report.score.total
    assert bool(attempts.iloc[0]["passed"]) is report.score.passed is False
    assert attempts.iloc[0]["critical"] == len(report.critical) >= 1
    found = store.violations_df(ana)
    assert set(found["rule"]) == {v.rule for v in report.violations}
    assert "threat_of_arrest_or_criminal_accusation" in set(found["category"])
    assert set(found["turn"].dropna()) == {v.turn for v in report.violations if v.turn is not None}
    assert store.stored_report(row) == report.to_dict()
    assert store.open_sessions() == []
    with pytest.raises(UsageError, match="not being recorded"):
        store.finish(session)
    if not session.ended:  # no longer recorded after finish
        session.say(LINES[2])
        assert store.sessions(ana)[0].turns == len(session.turns) - 2


def test_record_writes_turns_already_played_and_refuses_twice(store, ana):
    session = Session("aggressive", seed=2, lang="en")
    session.say(LINES[0])
    row = store.record(session, ana)
    assert store.sessions()[0].turns == 2
    with pytest.raises(UsageError, match=f"already recorded as session {row}"):
        store.record(session, ana)
    empty = Session("aggressive", seed=2, lang="en")
    store.record(empty, ana)
    with pytest.raises(UsageError, match="nothing was said"):
        store.finish(empty)
    with pytest.raises(UsageError, match="no trainee with id 999"):
        store.record(Session("aggressive", seed=2, lang="en"), 999)


@pytest.mark.parametrize("target", ["aggressive", "us-aggressive-card"])
def test_resume_rebuilds_the_call_and_keeps_recording(store, ana, target):
    first = play(store, ana, LINES[:2], seed=3, scenario=target)
    row = first.on_turn.session_id
    del first  # the kernel died; only the database remembers
    [info] = store.open_sessions(ana)
    assert info.id == row and info.turns == 4
    live = store.resume(row)
    assert live.agent_lines() == LINES[:2]
    live.say(LINES[2])
    assert store.sessions(ana)[0].turns == 6
    report = store.finish(live)

    straight = Session(target, seed=3, lang="en")
    for line in LINES[:3]:
        straight.say(line)
    assert [t.text for t in live.turns] == [t.text for t in straight.turns]
    assert live.state == straight.state
    assert report.to_dict() == straight.report().to_dict()
    assert list(store.turns_df(row)["text"]) == [t.text for t in straight.turns]
    with pytest.raises(UsageError, match="only open role-plays"):
        store.resume(row)


def test_close_gives_up_on_a_call(store, ana):
    session = play(store, ana, LINES[:1])
    row = session.on_turn.session_id
    other = store.resume(row)  # e.g. a second notebook tab
    store.close(row)
    assert store.open_sessions() == [] and store.sessions()[0].status == "closed"
    with pytest.raises(UsageError, match="no longer open"):
        other.say(LINES[1])
    assert store.sessions()[0].turns == 2  # the refused line was not stored
    with pytest.raises(UsageError, match="already closed"):
        store.close(row)
    kept = play(store, ana, LINES[:1], seed=4)
    store.close(kept)
    assert kept.on_turn is None and store.sessions()[1].status == "closed"


def test_save_script_and_report(store, ana):
    import collectkit

    script = ("---\njurisdiction: US\npersona: aggressive\n---\n"
              "Agent: Hello, this is Sam from Acme Recovery, a debt collector.\n"
              f"Agent: {THREAT}\n")
    row = store.save_script(ana, script)
    info = store.sessions(ana)[0]
    assert (info.id, info.kind, info.status, info.persona, info.turns) == (row, "script", "finished", "aggressive", 2)
    turns = store.turns_df(row)
    assert list(turns["speaker"]) == ["agent", "agent"]
    assert "threat_of_arrest_or_criminal_accusation" in set(store.violations_df(ana)["category"])

    report = collectkit.score(collectkit.parse_text("Agent: Hello, this is Sam from Acme Recovery."))
    other = store.save_report(ana, report, kind="transcript", scenario_id="us-aggressive-card")
    assert store.sessions(ana)[1].turns == 0
    assert store.stored_report(other) == report.to_dict()
    assert store.attempts_df(ana)["kind"].tolist() == ["script", "transcript"]
    with pytest.raises(UsageError, match="unknown kind"):
        store.save_report(ana, report, kind="roleplay")


FRAMES = {"attempts_df": "session_id", "violations_df": "rule", "turns_df": "text",
          "states_df": "step", "trainees_df": "name", "drills_df": "pass_mark",
          "certifications_df": "certified_at"}


def test_frames_have_their_columns_even_when_empty(store):
    for name, column in FRAMES.items():
        frame = getattr(store, name)()
        assert len(frame) == 0 and column in frame.columns, name


def test_frames_cover_what_was_stored(store, ana):
    ben = store.add_trainee("Ben")
    play(store, ana, LINES[:2])
    store.finish(play(store, ben, [LINES[0], THREAT], seed=2))
    attempts = store.attempts_df()
    assert list(attempts["trainee"]) == ["Ana", "Ben"]
    assert list(attempts["status"]) == ["open", "finished"]
    assert attempts["total"].isna().tolist() == [True, False]
    assert list(attempts["cohort"].fillna("-")) == ["March intake", "-"]
    assert len(store.turns_df()) == 8 and len(store.turns_df(trainee_id=ben)) == 4
    states = store.states_df()
    assert len(states) == 3 + 3
    assert {"anger", "trust", "willingness", "ability"} <= set(states.columns)
    assert str(states["anger"].dtype) == "float64"
    people = store.trainees_df().set_index("name")
    assert people.loc["Ana", "sessions"] == 1 and people.loc["Ana", "finished"] == 0
    assert people.loc["Ben", "finished"] == 1
    assert set(store.violations_df()["trainee"]) == {"Ben"}

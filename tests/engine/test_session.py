import json
import subprocess
import sys

import pytest

from collectkit.engine import Session
from collectkit.errors import CollectkitError, UsageError

LINES = ["Hello, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?",
         "I can hear you're upset. What's been going on?",
         "That sounds like a hard few months.",
         "We could set up a smaller monthly plan.",
         "What could you pay, and when?",
         "Thanks for talking with me."]


def play(seed, lang="en", persona="aggressive", lines=LINES):
    return Session(persona, seed=seed, lang=lang).play(lines)


def test_same_seed_same_call():
    a, b = play(7).to_dict(), play(7).to_dict()
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def test_other_seeds_vary_the_wording():
    texts = {tuple(t.text for t in play(seed).turns) for seed in range(6)}
    assert len(texts) > 1


def test_state_curve_and_initial_state():
    s = play(1)
    assert len(s.states) == len([t for t in s.turns if t.speaker == "debtor"])
    assert s.initial_state.anger == pytest.approx(0.75)
    data = s.to_dict()
    assert set(data) >= {"turns", "initial_state", "states", "outcome", "report"}
    assert data["report"]["jurisdiction"] == "US"


def test_fork_replays_up_to_a_turn():
    s = play(3)
    fork = s.fork(4)
    assert [t.text for t in fork.turns] == [t.text for t in s.turns[:4]]
    assert fork.states == s.states[:2]
    fork.say("I'm sorry, that was a lot. Take your time.")
    assert len(fork.turns) == 6 and s.turns[4].text != fork.turns[4].text


def test_fork_bounds():
    with pytest.raises(UsageError):
        play(1).fork(99)


def test_replies_carry_cues():
    s = play(2)
    for reply in s.replies:
        assert reply.cues and reply.text.startswith(reply.cues[0])


def test_chinese_cues_are_full_width():
    s = Session("aggressive", seed=1, lang="zh-Hans")
    reply = s.say("您好，我是安信消费金融的催收专员，敝姓周。")
    assert reply.cues[0].startswith("（") and reply.cues[0].endswith("）")


def test_threat_ends_in_complaint_with_violation_event():
    s = Session("aggressive", seed=1, lang="en")
    reply = s.say("Pay today or we will have you arrested.")
    assert any(e["type"] == "violation" and e["category"] == "threat_of_arrest_or_criminal_accusation"
               for e in reply.events)
    assert s.ended and s.outcome == "complaint"
    with pytest.raises(UsageError, match="ended"):
        s.say("Hello?")


def test_unknown_persona_and_language():
    with pytest.raises(CollectkitError, match="unknown persona or scenario"):
        Session("grumpy")
    with pytest.raises(UsageError, match="unknown language"):
        Session("aggressive", lang="fr")


def test_empty_line_is_refused():
    with pytest.raises(UsageError):
        Session("aggressive").say("   ")


def test_on_turn_callback_sees_each_exchange():
    seen = []
    s = Session("aggressive", seed=1, on_turn=lambda session, text, reply: seen.append((text, reply.text)))
    s.say(LINES[0])
    s.say(LINES[1])
    assert [t for t, _ in seen] == LINES[:2]


def test_scenario_sets_meta_and_facts():
    s = Session("us-aggressive-card", seed=1)
    assert s.meta.jurisdiction == "US" and s.meta.scenario == "us-aggressive-card"
    assert s.facts["amount"] == "$1,240"
    assert s.report().jurisdiction == "US"


def test_roleplay_cli_script_json(run_cli, tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("\n".join("Agent: " + line for line in LINES), encoding="utf-8")
    code, out, err = run_cli("roleplay", "--persona", "aggressive", "--seed", "4", "--script",
                             script, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    debtor_turns = [t for t in data["turns"] if t["speaker"] == "debtor"]
    assert len(data["states"]) == len(debtor_turns) > 0
    assert set(data["initial_state"]) >= {"anger", "trust", "willingness", "ability"}
    assert data["outcome"] in ("promise_to_pay", "payment_plan", "weak_promise", "no_resolution",
                               "hang_up", "complaint")
    assert data["report"]["call_id"]
    code2, out2, _ = run_cli("roleplay", "--persona", "aggressive", "--seed", "4", "--script",
                             script, "--format", "json")
    assert out2 == out


def test_roleplay_cli_needs_one_source(run_cli):
    code, out, err = run_cli("roleplay", "--script", "x.txt")
    assert code == 2 and "exactly one of" in err


def test_roleplay_interactive_over_stdin():
    result = subprocess.run(
        [sys.executable, "-m", "collectkit.cli", "roleplay", "--persona", "aggressive", "--seed", "1"],
        input="Hello, this is Sam from Acme Recovery, a debt collector.\n/end\n",
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "debtor> " in result.stdout and "call ended" in result.stdout


def test_reading_back_a_different_amount_pins_nothing():
    s = Session("us-aggressive-card", seed=1)
    s.promise = "offered"          # the debtor has offered $400 (the scenario's affordable amount)
    reply = s.say("So that's $5 on Friday the 14th by debit card, correct?")
    assert s.promise == "offered"
    assert any(e["type"] == "mismatch" for e in reply.events)
    s2 = Session("us-aggressive-card", seed=1)
    s2.promise = "offered"
    s2.say("So that's $400 on Friday the 14th by debit card, correct?")
    assert s2.promise in ("pinned", "stressed")

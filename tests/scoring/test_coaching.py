"""The coaching rubric: complete reports, tactic beats generic, feedback with better lines."""

from pathlib import Path

import pytest
import yaml

from collectkit import from_lines, parse_text, score
from collectkit.engine import Session
from collectkit.personas import PERSONA_IDS
from collectkit.scoring import debrief

SCRIPTS = Path(__file__).resolve().parent.parent / "data" / "persona_scripts"
LANGS = ("en", "zh-Hans", "zh-Hant")
SCORE_KEYS = {"total", "compliance", "technique", "outcome", "passed"}


def play(persona, lang, lines, seed=1):
    return Session(persona, seed=seed, lang=lang).play(lines)


def scripts(persona):
    return yaml.safe_load((SCRIPTS / f"{persona}.yaml").read_text(encoding="utf-8"))


def test_roleplay_report_is_complete():
    s = play("aggressive", "en", ["Hello, this is Sam from Acme Recovery, a debt collector.",
                                  "I can hear you're upset. What happened?"])
    data = s.report().to_dict()
    assert set(data["score"]) == SCORE_KEYS
    assert all(data["score"][k] is not None for k in SCORE_KEYS)
    assert data["outcome"] == s.outcome and data["persona"] == "aggressive"
    assert set(data["breakdown"]) == {"compliance", "structure", "technique", "outcome", "balance"}


def test_script_report_has_no_outcome():
    script = parse_text("---\npersona: victim\n---\nAgent: Hello, this is Sam from Acme Recovery.\n"
                        "Agent: Take your time, that sounds awful.")
    data = score(script).to_dict()
    assert data["score"]["outcome"] is None and data["outcome"] is None
    assert isinstance(data["score"]["technique"], int)
    assert "outcome" not in data["breakdown"]


def test_transcript_outcome_read_from_text():
    call = parse_text("""---
persona: aggressive
---
Agent: Hi, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?
Debtor: Yes.
Agent: I hear you, it's been a rough month. Could you pay $200 on Friday?
Debtor: Okay, $200 on Friday.
Agent: So that's $200 on Friday the 14th by debit card, correct?
Debtor: Yes, that's right.
""")
    assert score(call).outcome_label == "promise_to_pay"


@pytest.mark.parametrize("persona", PERSONA_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_tactic_outscores_generic_and_feedback_names_the_tactic(persona, lang):
    data = scripts(persona)[lang]
    tactic = play(persona, lang, data["tactic"]).report()
    generic = play(persona, lang, data["generic"]).report()
    assert tactic.score.total > generic.score.total, (tactic.breakdown, generic.breakdown)
    assert tactic.score.technique > generic.score.technique
    technique_feedback = [f for f in generic.feedback if f.kind == "technique"]
    assert technique_feedback, "generic call got no technique feedback"
    assert all(f.better_line for f in technique_feedback)


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_is_in_the_trainees_language(lang):
    import re

    data = scripts("aggressive")[lang]
    report = play("aggressive", lang, data["generic"]).report()
    for f in report.feedback:
        if f.kind in ("technique", "structure") and lang != "en":
            assert not re.search(r"[A-Za-z]{4,}", f.message), f.message
            assert re.search(r"[\u4e00-\u9fff]", f.better_line), f.better_line


def test_same_call_same_score():
    data = scripts("evasive")["en"]
    a = play("evasive", "en", data["generic"], seed=3).report().to_dict()
    b = play("evasive", "en", data["generic"], seed=3).report().to_dict()
    assert a == b


def test_critical_violation_caps_total():
    report = score(from_lines(["We will have you arrested tomorrow."], jurisdiction="US"))
    assert report.score.total <= 20 and not report.score.passed


def test_debrief_turning_points_explain_pushing_first():
    s = Session("aggressive", seed=1, lang="en")
    s.say("Hello, this is Sam from Acme Recovery, a debt collector.")
    s.say("You owe $2,400. When will you pay?")
    d = debrief(s)
    assert len(d.states) == 3 and d.turns[0] == -1
    anger = [tp for tp in d.turning_points if tp.variable == "anger" and tp.delta > 0]
    assert anger and anger[0].turn == 2
    assert "before acknowledging" in anger[0].message
    frame = d.to_dataframe()
    assert list(frame["turn"]) == [-1, 0, 2] and "anger" in frame


def test_debrief_in_chinese():
    s = Session("aggressive", seed=1, lang="zh-Hans")
    s.say("您好，我是安信消费金融的催收专员，敝姓周。")
    s.say("你欠了4800元，今天必须还！")
    d = debrief(s)
    assert any("怒气上升" in tp.message for tp in d.turning_points)


def test_script_scored_against_a_scenario_uses_persona_cues(run_cli, tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("Agent: Hello, this is Sam from Keystone Lending, a debt collector.\n"
                      "Agent: If we settle it today I can offer a better arrangement.\n",
                      encoding="utf-8")
    code, out, err = run_cli("score", script, "--scenario", "us-evasive-smallbiz", "--format", "json")
    assert code == 0, err
    import json
    report = json.loads(out)[0]
    assert report["persona"] == "evasive" and report["score"]["outcome"] is None
    better = next(c for c in report["checks"] if c["id"] == "better_option")
    assert better["passed"]

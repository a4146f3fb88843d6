"""Each persona rewards its type's tactic and punishes abuse, in every language.

Scripts live in tests/data/persona_scripts/<persona>.yaml: per language a ``tactic`` script
(what the seeds say works for the type), a ``generic`` lawful script (polite, compliant, but not
adapted to the type) and an ``abusive`` one.
"""

from pathlib import Path

import pytest
import yaml

from collectkit.engine import Session
from collectkit.personas import PERSONA_IDS

SCRIPTS = Path(__file__).resolve().parent.parent / "data" / "persona_scripts"
LANGS = ("en", "zh-Hans", "zh-Hant")
RANK = {"promise_to_pay": 5, "payment_plan": 5, "estate_referral": 5, "refer_to_attorney": 4,
        "wrong_party": 4, "dispute": 3, "weak_promise": 2, "no_resolution": 1,
        "cease_request": 1, "hang_up": 0, "complaint": -1}
BAD_ENDINGS = {"complaint", "hang_up", "no_resolution", "cease_request"}


def play(persona, lang, lines, seed=1):
    return Session(persona, seed=seed, lang=lang).play(lines)


def scripts(persona):
    path = SCRIPTS / f"{persona}.yaml"
    if not path.exists():
        pytest.fail(f"no scripts for {persona}: {path}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CASES = [(p, lang) for p in PERSONA_IDS for lang in LANGS]


@pytest.mark.parametrize("persona,lang", CASES)
@pytest.mark.parametrize("seed", [1, 2])
def test_tactic_beats_generic(persona, lang, seed):
    data = scripts(persona)[lang]
    tactic = play(persona, lang, data["tactic"], seed)
    generic = play(persona, lang, data["generic"], seed)
    assert RANK[tactic.outcome] > RANK[generic.outcome], (tactic.outcome, generic.outcome)
    assert tactic.state.willingness > generic.state.willingness or persona in (
        "wrong_party", "deceased_relative", "attorney_represented"), \
        (tactic.state.willingness, generic.state.willingness)


@pytest.mark.parametrize("persona,lang", CASES)
def test_abuse_raises_anger_and_ends_badly(persona, lang):
    data = scripts(persona)[lang]
    session = play(persona, lang, data["abusive"])
    assert max(s.anger for s in session.states) > session.initial_state.anger
    assert session.outcome in BAD_ENDINGS, session.outcome


@pytest.mark.parametrize("persona,lang", [(p, l) for p in PERSONA_IDS for l in ("zh-Hans", "zh-Hant")])
def test_chinese_sessions_answer_in_chinese(persona, lang):
    import re

    data = scripts(persona)[lang]
    session = play(persona, lang, data["tactic"] + data["generic"], seed=5)
    for turn in session.turns:
        if turn.speaker == "debtor":
            latin = re.findall(r"[A-Za-z]{3,}", turn.text)
            assert not latin, f"English in a {lang} reply: {turn.text}"

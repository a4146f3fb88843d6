"""Act recognition: the labelled set, and meaning rather than single keywords."""

from pathlib import Path

import pytest

from collectkit import recognize
from collectkit.dialogue.acts import ACTS
from collectkit.dialogue.evaluate import evaluate, load_labelled, micro

DATA = Path(__file__).resolve().parents[1] / "data" / "acts_labelled.jsonl"
ROWS = load_labelled(DATA)


def test_labelled_set_is_big_and_covers_every_act_in_every_language():
    assert len(ROWS) >= 300
    for lang in ("en", "zh-Hans", "zh-Hant"):
        rows = [r for r in ROWS if r["lang"] == lang]
        for act in ACTS:
            assert sum(act in r["acts"] for r in rows) >= 12, (lang, act)
    assert sum(len(r["acts"]) >= 2 for r in ROWS) >= 100


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_micro_precision_and_recall(lang):
    m = micro(evaluate(ROWS, [lang]))
    assert m.precision >= 0.9 and m.recall >= 0.9, (m.precision, m.recall)


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_every_act_f1(lang):
    weak = {a: round(s.f1, 2) for a, s in evaluate(ROWS, [lang]).items() if s.f1 < 0.8}
    assert not weak, weak


@pytest.mark.parametrize("text", [
    "That sounds like a really rough few months.",
    "Losing your job right before the holidays must have been awful.",
    "听起来这段时间您真的很不容易。",
    "這陣子真的辛苦您了。",
])
def test_empathy_without_the_word_understand(text):
    assert "empathize" in recognize(text)


@pytest.mark.parametrize("text", [
    "Can I count on that?",
    "What day works for you?",
    "How much could you manage this Friday?",
    "您看哪天方便处理？",
    "能保证吗？",
    "這個月能先繳多少？",
])
def test_commitment_questions_many_ways(text):
    assert "ask_commitment" in recognize(text)


@pytest.mark.parametrize("text,expected", [
    ("So that's $200 on Friday the 12th by debit card, correct?", True),
    ("跟您核对一下，15号还3000元，对吗？", True),
    ("那就是下週五用轉帳繳2000元。", True),
    ("So, the 15th.", False),              # a date alone is not confirmation
    ("What date and amount can you do?", False),   # asking is ask_commitment
    ("那就25号，是吧？", False),
])
def test_confirm_details_needs_date_and_amount_or_method(text, expected):
    assert ("confirm_details" in recognize(text)) is expected


@pytest.mark.parametrize("text,acts", [
    ("This is Sam from Acme Recovery.", {"identify_self"}),
    ("I'm a debt collector.", {"mini_miranda"}),
    ("我是催收公司的。", {"mini_miranda"}),
    ("您好，我這邊是永和資產管理公司，敝姓林。", {"greet", "identify_self"}),
])
def test_identify_self_needs_name_and_company(text, acts):
    got = set(recognize(text))
    assert acts <= got
    if acts == {"mini_miranda"}:
        assert "identify_self" not in got


def test_multi_act_line():
    got = set(recognize("I hear you, it's been a hard month. Could you do $150 on Friday?"))
    assert {"empathize", "ask_commitment"} <= got

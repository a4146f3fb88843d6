import json

import pytest

from collectkit.errors import TranscriptError
from collectkit.transcript import (expand_paths, from_lines, load, load_all, parse_csv, parse_json,
                                   parse_script, parse_text)

CALL = """---
call_id: us-0001
jurisdiction: US
lang: en
started_at: 2026-03-04T20:55:00
party: debtor
prior_contacts:
  - {at: 2026-03-01T10:00:00, answered: true}
---
Agent: Good evening, this is Sam from Acme Recovery. Am I speaking with Ms. Lee?
Debtor: Yes, what is it?
"""


def test_text_form_with_front_matter():
    t = parse_text(CALL)
    assert t.meta.call_id == "us-0001"
    assert t.meta.started_at.isoformat() == "2026-03-04T20:55:00"
    assert t.meta.prior_contacts[0].answered is True
    assert [turn.speaker for turn in t.turns] == ["agent", "debtor"]
    assert t.turns[1].text == "Yes, what is it?"
    assert t.turns[0].line == 10


def test_defaults_without_front_matter():
    t = parse_text("Collector: Hello\nCustomer: Hi")
    assert (t.meta.jurisdiction, t.meta.party, t.meta.lang) == ("US", "debtor", "en")
    assert t.meta.disputed is False


@pytest.mark.parametrize("text,lang", [
    ("催收员：您好，请问是王先生吗？\n客户：是我，什么事？", "zh-Hans"),
    ("催收員：您好，請問是王先生嗎？\n客戶：是我，什麼事？", "zh-Hant"),
    ("坐席: 您好\n债务人：喂", "zh-Hans"),
    ("催收人員：您好，這裡是銀行\n債務人：嗯", "zh-Hant"),
])
def test_chinese_labels_and_full_width_colon(text, lang):
    t = parse_text(text)
    assert [turn.speaker for turn in t.turns] == ["agent", "debtor"]
    assert t.meta.lang == lang
    assert "：" not in t.turns[0].text and not t.turns[0].text.startswith(":")


def test_labels_are_case_insensitive():
    t = parse_text("AGENT: hi\ndebtor: hey\nTRAINEE: ok\n第三方：他不在")
    assert [turn.speaker for turn in t.turns] == ["agent", "debtor", "agent", "debtor"]


def test_colon_inside_text_is_kept():
    t = parse_text("Agent: Note: the time is 10:30.")
    assert t.turns[0].text == "Note: the time is 10:30."


def test_unknown_speaker_names_file_and_line(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("Agent: hi\n\nBoss: pay up\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:3: unknown speaker label 'Boss'")


def test_broken_front_matter_names_line(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("---\njurisdiction: US\nparty: [debtor\n---\nAgent: hi\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        load(path)
    assert f"{path}:" in str(err.value) and "invalid YAML" in str(err.value)
    assert err.value.line in (3, 4, 5)


def test_unclosed_front_matter():
    with pytest.raises(TranscriptError, match="not closed"):
        parse_text("---\njurisdiction: US\nAgent: hi\n", source="x.txt")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="empty"):
        load(path)


def test_unknown_jurisdiction_names_line():
    with pytest.raises(TranscriptError) as err:
        parse_text("---\ncall_id: x\njurisdiction: HK\n---\nAgent: hi", source="c.txt")
    assert err.value.line == 3 and "unknown jurisdiction 'HK'" in str(err.value)


def test_bad_values_are_errors():
    with pytest.raises(TranscriptError, match="party"):
        parse_text("---\nparty: boss\n---\nAgent: hi")
    with pytest.raises(TranscriptError, match="true or false"):
        parse_text("---\ndisputed: maybe\n---\nAgent: hi")
    with pytest.raises(TranscriptError, match="started_at"):
        parse_text("---\nstarted_at: yesterday\n---\nAgent: hi")


def test_line_without_label():
    with pytest.raises(TranscriptError, match="no speaker label") as err:
        parse_text("Agent: hi\njust some words", source="c.txt")
    assert err.value.line == 2


def test_json_round_trip():
    t = parse_text(CALL)
    again = parse_json(t.to_json())[0]
    assert again.meta == t.meta and again.turns[0].text == t.turns[0].text


def test_json_errors():
    with pytest.raises(TranscriptError, match="invalid JSON"):
        parse_json("{", source="x.json")
    with pytest.raises(TranscriptError, match="unknown speaker"):
        parse_json(json.dumps({"meta": {}, "turns": [{"speaker": "boss", "text": "x"}]}))


def test_text_round_trip_in_chinese():
    t = parse_text("---\njurisdiction: TW\nlang: zh-Hant\n---\n催收員：您好\n客戶：喂")
    again = parse_text(t.to_text())
    assert again.meta.jurisdiction == "TW" and again.turns == tuple(
        type(x)(x.speaker, x.text, again.turns[i].line) for i, x in enumerate(t.turns))


def test_csv_groups_calls_by_id():
    text = "call_id,jurisdiction,speaker,text\na,US,Agent,Hello\na,US,Debtor,Hi\nb,CN,催收员,您好\n"
    calls = parse_csv(text, source="calls.csv")
    assert [c.meta.call_id for c in calls] == ["a", "b"]
    assert calls[1].meta.jurisdiction == "CN" and calls[1].meta.lang == "zh-Hans"
    assert len(calls[0].turns) == 2


def test_csv_errors_name_row():
    with pytest.raises(TranscriptError) as err:
        parse_csv("speaker,text\nAgent,hi\nBoss,hey\n", source="c.csv")
    assert err.value.line == 3
    with pytest.raises(TranscriptError, match="columns"):
        parse_csv("who,said\nAgent,hi\n", source="c.csv")


def test_script_accepts_bare_lines():
    s = parse_script("Hello, this is Sam from Acme.\nAgent: How are you?")
    assert s.is_script and len(s.turns) == 2


def test_expand_paths_sorted(tmp_path):
    (tmp_path / "b.txt").write_text("Agent: b", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.py").write_text("x", encoding="utf-8")
    assert [p.name for p in expand_paths([tmp_path])] == ["b.txt", "a.json"]


def test_from_lines():
    t = from_lines(["Hi", ("debtor", "Who?")], jurisdiction="TW")
    assert t.meta.jurisdiction == "TW" and t.turns[1].speaker == "debtor"


def test_load_all_json_array(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"meta": {"call_id": "x"}, "turns": [{"speaker": "agent", "text": "a"}]},
                                {"meta": {}, "turns": [{"speaker": "Debtor", "text": "b"}]}]),
                    encoding="utf-8")
    calls = load_all(path)
    assert calls[0].meta.call_id == "x" and calls[1].meta.call_id == "many-1"

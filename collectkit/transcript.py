"""Transcripts and scripts: the text, JSON and CSV forms of DESIGN.md section 3.

>>> t = parse_text("Agent: Hi, this is Sam from Acme Recovery.\\nDebtor：Who?")
>>> [(turn.speaker, turn.text) for turn in t.turns]
[('agent', 'Hi, this is Sam from Acme Recovery.'), ('debtor', 'Who?')]
>>> t.meta.jurisdiction, t.meta.lang
('US', 'en')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable

from .errors import TranscriptError
from .text import LANGS, detect_lang
from .yamlio import line_of, parse_yaml

JURISDICTIONS = ("US", "CN", "TW")
PARTIES = ("debtor", "third_party", "spouse", "attorney", "unknown")

AGENT_LABELS = frozenset({"agent", "collector", "trainee", "催收员", "催收員", "催收人员",
                          "催收人員", "坐席", "催收"})
DEBTOR_LABELS = frozenset({"debtor", "customer", "caller", "客户", "债务人", "客戶", "債務人",
                           "第三方"})
SPEAKER_HELP = "agent side: Agent, Collector, Trainee, 催收员, 坐席; other side: Debtor, Customer, 客户, 债务人, 第三方"

_TURN_LINE = re.compile(r"^\s*([^:：]{1,24}?)\s*[:：]\s*(.*?)\s*$")
_BOOL_KEYS = ("attorney_represented", "cease_requested", "disputed", "time_barred",
              "debtor_consented_hours")
TEXT_SUFFIXES = (".txt", ".md", ".json", ".csv")


def speaker_of(label: str) -> str | None:
    """``'agent'``, ``'debtor'`` or None for a speaker label (case-insensitive)."""
    key = label.strip().lower()
    if key in AGENT_LABELS:
        return "agent"
    if key in DEBTOR_LABELS:
        return "debtor"
    return None


@dataclass(frozen=True)
class PriorContact:
    """An earlier call about the same debt to the same person."""

    at: dt.datetime
    answered: bool = False      # a conversation took place
    connected: bool = True      # the call reached the number (unconnected calls are not counted)
    consented: bool = False     # the debtor asked for / agreed to this call

    def to_dict(self) -> dict:
        out = {"at": self.at.isoformat(), "answered": self.answered}
        if not self.connected:
            out["connected"] = False
        if self.consented:
            out["consented"] = True
        return out


@dataclass(frozen=True)
class CallMeta:
    """Front matter of a call; defaults as DESIGN.md section 3 shows them."""

    call_id: str = ""
    jurisdiction: str = "US"
    lang: str = "en"
    started_at: dt.datetime | None = None
    party: str = "debtor"
    attorney_represented: bool = False
    cease_requested: bool = False
    disputed: bool = False
    time_barred: bool = False
    debtor_consented_hours: bool = False
    persona: str | None = None
    scenario: str | None = None
    prior_contacts: tuple[PriorContact, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.name == "started_at":
                value = value.isoformat() if value else None
            elif f.name == "prior_contacts":
                value = [c.to_dict() for c in value]
            out[f.name] = value
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Turn:
    speaker: str            # "agent" | "debtor"
    text: str
    line: int | None = None  # where it was read from, for error messages

    def to_dict(self) -> dict:
        return {"speaker": self.speaker, "text": self.text}


@dataclass(frozen=True)
class Transcript:
    meta: CallMeta
    turns: tuple[Turn, ...]
    source: str | None = None

    @property
    def is_script(self) -> bool:
        """A script is what a trainee plans to say: agent turns only."""
        return all(turn.speaker == "agent" for turn in self.turns)

    def agent_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == "agent"]

    def with_meta(self, **changes) -> "Transcript":
        return replace(self, meta=replace(self.meta, **changes))

    def to_dict(self) -> dict:
        return {"meta": self.meta.to_dict(), "turns": [t.to_dict() for t in self.turns]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        import yaml

        front = yaml.safe_dump(self.meta.to_dict(), allow_unicode=True, sort_keys=False)
        zh = self.meta.lang.startswith("zh")
        labels = {"agent": "催收员" if zh else "Agent", "debtor": "客户" if zh else "Debtor"}
        if self.meta.lang == "zh-Hant":
            labels = {"agent": "催收員", "debtor": "客戶"}
        sep = "：" if zh else ": "
        body = "\n".join(f"{labels[t.speaker]}{sep}{t.text}" for t in self.turns)
        return f"---\n{front}---\n{body}\n"


# ---------------------------------------------------------------- metadata


def _as_datetime(value: Any, key: str, source, line) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)  # the debtor's local wall-clock time
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    raise TranscriptError(f"{key} {value!r} is not a date and time", path=source, line=line,
                          fix="write it as 2026-03-04T20:55:00 (the debtor's local time)")


def build_meta(raw: dict | None, *, source=None, default_id: str = "", turns_text: str = "",
               line_offset: int = 0) -> CallMeta:
    """Validate front matter (a dict) into a CallMeta; errors name the key's line."""
    lines = getattr(raw, "key_lines", None) or {}
    raw = dict(raw or {})

    def where(key):
        return (lines.get(key) + line_offset) if key in lines else None

    kwargs: dict[str, Any] = {}
    call_id = raw.pop("call_id", None)
    kwargs["call_id"] = str(call_id) if call_id not in (None, "") else default_id

    jurisdiction = raw.pop("jurisdiction", None)
    if jurisdiction is not None:
        jurisdiction = str(jurisdiction).upper()
        if jurisdiction not in JURISDICTIONS:
            raise TranscriptError(f"unknown jurisdiction {jurisdiction!r}", path=source,
                                  line=where("jurisdiction"), fix="use one of US, CN, TW")
        kwargs["jurisdiction"] = jurisdiction

    lang = raw.pop("lang", None)
    if lang is not None:
        matches = [code for code in LANGS if code.lower() == str(lang).lower()]
        if not matches:
            raise TranscriptError(f"unknown lang {lang!r}", path=source, line=where("lang"),
                                  fix="use one of en, zh-Hans, zh-Hant")
        kwargs["lang"] = matches[0]
    else:
        kwargs["lang"] = detect_lang(turns_text)

    started_at = raw.pop("started_at", None)
    if started_at is not None:
        kwargs["started_at"] = _as_datetime(started_at, "started_at", source, where("started_at"))

    party = raw.pop("party", None)
    if party is not None:
        if party not in PARTIES:
            raise TranscriptError(f"unknown party {party!r}", path=source, line=where("party"),
                                  fix="use one of " + ", ".join(PARTIES))
        kwargs["party"] = party

    for key in _BOOL_KEYS:
        if key in raw:
            value = raw.pop(key)
            if value is None:
                continue
            if not isinstance(value, bool):
                raise TranscriptError(f"{key} must be true or false, not {value!r}", path=source,
                                      line=where(key))
            kwargs[key] = value

    for key in ("persona", "scenario"):
        if key in raw:
            value = raw.pop(key)
            kwargs[key] = str(value) if value is not None else None

    contacts = raw.pop("prior_contacts", None) or []
    if not isinstance(contacts, list):
        raise TranscriptError("prior_contacts must be a list", path=source,
                              line=where("prior_contacts"),
                              fix="write - {at: 2026-03-01T10:00:00, answered: true} per contact")
    parsed = []
    for item in contacts:
        item_line = (line_of(item) + line_offset) if line_of(item) else where("prior_contacts")
        if not isinstance(item, dict) or "at" not in item:
            raise TranscriptError("each prior contact needs an 'at' time", path=source,
                                  line=item_line,
                                  fix="write - {at: 2026-03-01T10:00:00, answered: true}")
        parsed.append(PriorContact(
            at=_as_datetime(item["at"], "prior_contacts.at", source, item_line),
            answered=bool(item.get("answered", False)),
            connected=bool(item.get("connected", True)),
            consented=bool(item.get("consented", False)),
        ))
    kwargs["prior_contacts"] = tuple(sorted(parsed, key=lambda c: c.at))
    kwargs["extra"] = dict(raw)
    return CallMeta(**kwargs)


# ---------------------------------------------------------------- text form


def _split_front_matter(text: str, source) -> tuple[dict | None, list[tuple[int, str]]]:
    lines = text.splitlines()
    numbered = list(enumerate(lines, start=1))
    first = next((i for i, (_, line) in enumerate(numbered) if line.strip()), None)
    if first is None or numbered[first][1].strip() != "---":
        return None, numbered
    start = first
    for end in range(start + 1, len(numbered)):
        if numbered[end][1].strip() in ("---", "..."):
            block = "\n".join(line for _, line in numbered[start + 1:end])
            data = parse_yaml(block, source=source, error=TranscriptError,
                              line_offset=numbered[start][0])
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise TranscriptError("front matter must be key: value pairs", path=source,
                                      line=numbered[start][0] + 1,
                                      fix="write e.g. 'jurisdiction: US' between the --- lines")
            data.key_lines = {k: v + numbered[start][0] for k, v in data.key_lines.items()}
            return data, numbered[end + 1:]
    raise TranscriptError("front matter is not closed", path=source, line=numbered[start][0],
                          fix="end the front matter with a line holding only ---")


def parse_text(text: str, *, source: str | Path | None = None, default_id: str = "") -> Transcript:
    """Parse the text form: optional YAML front matter, then ``Speaker: text`` per line."""
    front, body = _split_front_matter(text, source)
    turns: list[Turn] = []
    for number, line in body:
        if not line.strip():
            continue
        match = _TURN_LINE.match(line)
        if not match:
            raise TranscriptError("line has no speaker label", path=source, line=number,
                                  fix="start the line with 'Agent:' or 'Debtor:' (or 催收员： / 客户：)")
        label, said = match.groups()
        speaker = speaker_of(label)
        if speaker is None:
            raise TranscriptError(f"unknown speaker label {label.strip()!r}", path=source,
                                  line=number, fix=SPEAKER_HELP)
        turns.append(Turn(speaker, said, number))
    if not turns:
        raise TranscriptError("no turns: the file is empty" if front is None else
                              "no turns after the front matter", path=source,
                              line=None, fix="add lines like 'Agent: Hello, this is ...'")
    meta = build_meta(front, source=source, default_id=default_id,
                      turns_text=" ".join(t.text for t in turns))
    return Transcript(meta, tuple(turns), str(source) if source else None)


def parse_script(text: str, **kwargs) -> Transcript:
    """A script: like :func:`parse_text`, but also accepts bare lines (each an agent turn)."""
    front, body = _split_front_matter(text, kwargs.get("source"))
    fixed = []
    for _, line in body:
        if line.strip() and not (_TURN_LINE.match(line) and speaker_of(_TURN_LINE.match(line).group(1))):
            line = "Agent: " + line.strip()
        fixed.append(line)
    head = ""
    if front is not None:
        import yaml
        head = "---\n" + yaml.safe_dump(dict(front), allow_unicode=True) + "---\n"
    return parse_text(head + "\n".join(fixed), **kwargs)


# ---------------------------------------------------------------- JSON form


def from_dict(data: Any, *, source=None, default_id: str = "") -> Transcript:
    if not isinstance(data, dict) or "turns" not in data:
        raise TranscriptError("JSON transcript must be an object with 'meta' and 'turns'",
                              path=source, line=1,
                              fix='write {"meta": {...}, "turns": [{"speaker": "agent", "text": "..."}]}')
    turns = []
    raw_turns = data["turns"]
    if not isinstance(raw_turns, list):
        raise TranscriptError("'turns' must be a list", path=source)
    for i, item in enumerate(raw_turns):
        if not isinstance(item, dict) or "speaker" not in item or "text" not in item:
            raise TranscriptError(f"turn {i} needs 'speaker' and 'text'", path=source)
        speaker = speaker_of(str(item["speaker"]))
        if speaker is None:
            raise TranscriptError(f"turn {i}: unknown speaker {item['speaker']!r}", path=source,
                                  fix=SPEAKER_HELP)
        turns.append(Turn(speaker, str(item["text"]), None))
    if not turns:
        raise TranscriptError("no turns", path=source, fix="add at least one turn")
    meta = build_meta(data.get("meta") or {}, source=source, default_id=default_id,
                      turns_text=" ".join(t.text for t in turns))
    return Transcript(meta, tuple(turns), str(source) if source else None)


def parse_json(text: str, *, source=None, default_id: str = "") -> list[Transcript]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"invalid JSON: {exc.msg}", path=source, line=exc.lineno) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise TranscriptError("empty JSON array", path=source, line=1)
    return [from_dict(item, source=source, default_id=f"{default_id}-{i}" if len(items) > 1 else default_id)
            for i, item in enumerate(items)]


# ---------------------------------------------------------------- CSV form

_META_COLUMNS = ("call_id", "jurisdiction", "lang", "started_at", "party", *_BOOL_KEYS,
                 "persona", "scenario")


def parse_csv(text: str, *, source=None, default_id: str = "") -> list[Transcript]:
    """CSV with columns ``speaker,text`` and optional meta columns such as ``call_id``.

    Rows with the same ``call_id`` form one call (in order of first appearance); meta columns
    are read from each call's first row.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not header:
        raise TranscriptError("no turns: the file is empty", path=source, line=1,
                              fix="write a header row 'speaker,text' and one row per turn")
    if "speaker" not in header or "text" not in header:
        raise TranscriptError("CSV needs 'speaker' and 'text' columns", path=source, line=1,
                              fix="write a header row like 'call_id,speaker,text'")
    reader.fieldnames = header
    calls: dict[str, tuple[dict, list[Turn]]] = {}
    for row in reader:
        number = reader.line_num
        speaker = speaker_of(row.get("speaker") or "")
        if speaker is None:
            raise TranscriptError(f"unknown speaker label {row.get('speaker')!r}", path=source,
                                  line=number, fix=SPEAKER_HELP)
        call_id = (row.get("call_id") or "").strip() or default_id
        if call_id not in calls:
            meta = {k: row[k] for k in _META_COLUMNS if k in row and row[k] not in (None, "")}
            for key in _BOOL_KEYS:
                if key in meta:
                    meta[key] = meta[key].strip().lower() in ("true", "1", "yes")
            calls[call_id] = (meta, [])
        calls[call_id][1].append(Turn(speaker, (row.get("text") or "").strip(), number))
    if not calls:
        raise TranscriptError("no turns: the CSV has only a header", path=source, line=1)
    out = []
    for call_id, (meta, turns) in calls.items():
        meta.setdefault("call_id", call_id)
        out.append(Transcript(build_meta(meta, source=source, default_id=call_id,
                                         turns_text=" ".join(t.text for t in turns)),
                              tuple(turns), str(source) if source else None))
    return out


# ---------------------------------------------------------------- files


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TranscriptError("file not found", path=path) from None
    except IsADirectoryError:
        raise TranscriptError("is a directory", path=path) from None
    except UnicodeDecodeError:
        raise TranscriptError("file is not UTF-8 text", path=path, fix="save it as UTF-8") from None
    if not text.strip():
        raise TranscriptError("no turns: the file is empty", path=path, line=1,
                              fix="add lines like 'Agent: Hello, this is ...'")
    return text


def load_all(path: str | Path) -> list[Transcript]:
    """Every transcript in a file (JSON arrays and CSV files may hold several calls)."""
    path = Path(path)
    text = _read(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_json(text, source=path, default_id=path.stem)
    if suffix == ".csv":
        return parse_csv(text, source=path, default_id=path.stem)
    return [parse_text(text, source=path, default_id=path.stem)]


def load(path: str | Path) -> Transcript:
    """Load one transcript (text, JSON or CSV form)."""
    calls = load_all(path)
    if len(calls) != 1:
        raise TranscriptError(f"holds {len(calls)} calls; use load_all()", path=path)
    return calls[0]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; directories expanded recursively to transcript files, sorted."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                              and not p.name.startswith(".") and p.name.lower() != "readme.md"))
        else:
            out.append(path)
    return out


def from_lines(lines: Iterable[str | tuple[str, str]], **meta) -> Transcript:
    """Build a transcript from code: strings are agent lines, tuples are (speaker, text)."""
    turns = []
    for item in lines:
        speaker, text = ("agent", item) if isinstance(item, str) else item
        resolved = speaker_of(speaker) or speaker
        if resolved not in ("agent", "debtor"):
            raise TranscriptError(f"unknown speaker {speaker!r}", fix=SPEAKER_HELP)
        turns.append(Turn(resolved, text))
    meta_obj = build_meta(meta, turns_text=" ".join(t.text for t in turns),
                          default_id=meta.get("call_id", ""))
    return Transcript(meta_obj, tuple(turns))

"""The rule model: one YAML file per rule (DESIGN.md section 4), loaded and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RuleError
from ..patterns import GROUPS, Lexicon, PatternBook
from ..text import localize
from ..transcript import PARTIES, CallMeta
from ..yamlio import line_of, load_fields
from .categories import CATEGORIES, DEFAULT_SEVERITY, REGIMES, SEVERITIES
from .detectors import build_detector

REQUIRED = ("id", "regime", "category", "title", "explanation", "citation", "detect",
            "suggestion", "examples")
OPTIONAL = ("severity", "applies_when", "define", "notes", "confidence", "message")
_ID = re.compile(r"^(US|CN|TW)-[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_META_CONDITIONS = ("party", "attorney_represented", "cease_requested", "disputed",
                    "time_barred", "debtor_consented_hours", "persona", "script")


@dataclass(frozen=True)
class Condition:
    """``applies_when``: all keys of one mapping must hold; ``any:`` takes a list of mappings."""

    clauses: tuple[dict, ...] = ({},)

    @staticmethod
    def _holds(clause: dict, meta: CallMeta, flags, is_script: bool) -> bool:
        for key, want in clause.items():
            if key == "context":
                if flags is None or set(want).isdisjoint(flags):
                    return False
                continue
            if key == "not_context":
                if flags is not None and not set(want).isdisjoint(flags):
                    return False
                continue
            have = is_script if key == "script" else getattr(meta, key)
            if isinstance(want, (list, tuple, frozenset, set)):
                if have not in want:
                    return False
            elif have != want:
                return False
        return True

    def holds(self, meta: CallMeta, flags=None, is_script: bool = False) -> bool:
        return any(self._holds(c, meta, flags, is_script) for c in self.clauses)

    @property
    def needs_context(self) -> bool:
        return all("context" in c for c in self.clauses)

    def describe(self) -> str:
        if self.clauses == ({},):
            return "always"

        def one(clause):
            return " and ".join(f"{k} in {sorted(v)}" if isinstance(v, (list, tuple, frozenset))
                                else f"{k} = {v}" for k, v in clause.items()) or "always"
        return " or ".join(f"({one(c)})" for c in self.clauses)


def _condition(raw, source, acts_module) -> Condition:
    from ..dialogue.acts import CONTEXT_FLAGS

    if raw is None:
        return Condition()
    if not isinstance(raw, dict):
        raise RuleError("applies_when must be a mapping", path=source, line=line_of(raw))
    clauses = raw["any"] if set(raw) == {"any"} else [raw]
    if not isinstance(clauses, list) or not clauses:
        raise RuleError("applies_when.any must be a list of mappings", path=source, line=line_of(raw))
    out = []
    for clause in clauses:
        if not isinstance(clause, dict):
            raise RuleError("applies_when.any must be a list of mappings", path=source,
                            line=line_of(raw))
        fixed = {}
        for key, value in clause.items():
            line = line_of(clause, key)
            if key in ("context", "not_context"):
                values = [value] if isinstance(value, str) else list(value)
                for flag in values:
                    if flag not in CONTEXT_FLAGS:
                        raise RuleError(f"unknown context flag {flag!r}", path=source, line=line,
                                        fix="one of: " + ", ".join(CONTEXT_FLAGS))
                fixed[key] = frozenset(values)
            elif key in _META_CONDITIONS:
                if key == "party":
                    values = [value] if isinstance(value, str) else list(value)
                    for party in values:
                        if party not in PARTIES:
                            raise RuleError(f"unknown party {party!r}", path=source, line=line,
                                            fix="one of: " + ", ".join(PARTIES))
                    value = frozenset(values)
                elif isinstance(value, list):
                    value = frozenset(value)
                fixed[key] = value
            else:
                raise RuleError(f"unknown applies_when key {key!r}", path=source, line=line,
                                fix="one of: " + ", ".join(_META_CONDITIONS + ("context", "not_context", "any")))
        out.append(fixed)
    return Condition(tuple(out))


@dataclass(frozen=True)
class Example:
    """One example line (or whole call) of a rule; every example is a test case."""

    expect: str                     # "violating" | "compliant"
    text: str | None = None         # a single collector line
    transcript: str | None = None   # or a whole call in the text form
    meta: dict = field(default_factory=dict)
    known_miss: str | None = None   # why the checker cannot catch it yet (xfail)
    line: int | None = None

    @property
    def label(self) -> str:
        body = self.text if self.text is not None else self.transcript.strip().splitlines()[-1]
        return body if len(body) <= 60 else body[:57] + "..."


@dataclass(frozen=True)
class Rule:
    id: str
    regime: str
    category: str
    severity: str
    title: Any
    explanation: Any
    citation: str
    applies_when: Condition
    detector: Any
    suggestion: Any
    examples: tuple[Example, ...]
    path: str
    notes: Any = None
    confidence: str | None = None

    @property
    def scope(self) -> str:
        return self.detector.scope

    def text(self, field_name: str, lang: str) -> str:
        return localize(getattr(self, field_name), lang)

    def describe_detection(self) -> str:
        return self.detector.describe()


def _examples(raw, source) -> tuple[Example, ...]:
    if not isinstance(raw, dict):
        raise RuleError("examples must have 'violating' and 'compliant' lists", path=source,
                        line=line_of(raw))
    out = []
    for expect in ("violating", "compliant"):
        items = raw.get(expect)
        if not isinstance(items, list) or not items:
            raise RuleError(f"examples.{expect} must be a non-empty list", path=source,
                            line=line_of(raw, expect) if expect in raw else line_of(raw),
                            fix="every rule carries violating and compliant example lines")
        lines = getattr(items, "item_lines", [None] * len(items))
        for item, line in zip(items, lines):
            if isinstance(item, str):
                out.append(Example(expect, text=item, line=line))
                continue
            if not isinstance(item, dict) or not (("text" in item) ^ ("transcript" in item)):
                raise RuleError("an example is a line, or a mapping with 'text' or 'transcript'",
                                path=source, line=line)
            miss = item.get("known_miss")
            if miss is True:
                raise RuleError("known_miss needs the reason as text", path=source, line=line,
                                fix="known_miss: 'paraphrase without any threat word'")
            out.append(Example(expect, text=item.get("text"), transcript=item.get("transcript"),
                               meta=dict(item.get("meta") or {}), known_miss=miss or None,
                               line=line))
    return tuple(out)


def load_rule(path: Path, *, book: PatternBook, lexicon: Lexicon, regime_dir_name: str | None = None) -> Rule:
    from ..dialogue.acts import ACTS

    data = load_fields(path, "rule", REQUIRED, OPTIONAL, error=RuleError)
    rule_id = str(data["id"])
    if not _ID.match(rule_id):
        raise RuleError(f"rule id {rule_id!r} is not like US-THREAT-01", path=path,
                        line=line_of(data, "id"))
    if rule_id != path.stem:
        raise RuleError(f"rule id {rule_id!r} does not match the file name {path.name!r}",
                        path=path, line=line_of(data, "id"), fix=f"rename the file to {rule_id}.yaml")
    regime = data["regime"]
    if regime not in REGIMES or (regime_dir_name and regime != regime_dir_name):
        raise RuleError(f"regime {regime!r} does not fit (folder {regime_dir_name})", path=path,
                        line=line_of(data, "regime"), fix="one of: " + ", ".join(REGIMES))
    category = data["category"]
    if category not in CATEGORIES:
        raise RuleError(f"unknown category {category!r}", path=path, line=line_of(data, "category"),
                        fix="see DESIGN.md section 5")
    severity = data.get("severity") or DEFAULT_SEVERITY[category]
    if severity not in SEVERITIES:
        raise RuleError(f"unknown severity {severity!r}", path=path, line=line_of(data, "severity"),
                        fix="one of: critical, major, minor")
    define = data.get("define") or {}
    if not isinstance(define, dict) or set(define) - set(GROUPS):
        raise RuleError("define must map en/zh to NAME: regex", path=path,
                        line=line_of(data, "define"))
    local = Lexicon({g: {str(k): str(v) for k, v in (define.get(g) or {}).items()} for g in GROUPS},
                    parent=lexicon)
    detector = build_detector(data["detect"], book=book, lexicon=local, acts_vocab=ACTS, source=path)
    return Rule(
        id=rule_id, regime=regime, category=category, severity=severity,
        title=data["title"], explanation=data["explanation"], citation=str(data["citation"]),
        applies_when=_condition(data.get("applies_when"), path, None), detector=detector,
        suggestion=data["suggestion"], examples=_examples(data["examples"], path), path=str(path),
        notes=data.get("notes"), confidence=data.get("confidence"),
    )

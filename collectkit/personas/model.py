"""Persona files (DESIGN.md section 8): hidden state, how acts move it, exits, line banks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .conditions import PROMISE_LEVELS, STATE_VARS, Condition
from ..errors import PersonaError
from ..text import LANGS, localize
from ..yamlio import line_of, load_fields

EXITS = ("hang_up", "complaint", "promise_to_pay", "payment_plan", "dispute", "cease_request",
         "refer_to_attorney", "wrong_party")
OUTCOMES = EXITS + ("weak_promise", "estate_referral", "no_resolution")
SEED_TYPES = ("aggressive", "evasive", "victim", "confident", "stubborn", "sophisticated",
              "serial_promiser")
SPECIAL_PARTIES = ("deceased_relative", "wrong_party", "attorney_represented", "hardship")
PERSONA_IDS = SEED_TYPES + SPECIAL_PARTIES
LIBRARY = Path(__file__).parent / "library"

REQUIRED = ("id", "names", "summary", "tactic", "start", "effects", "exits", "replies", "lines")
OPTIONAL = ("cues", "drift", "tactic_acts", "avoid_acts", "promise_requires", "party", "notes",
            "affordable_share")


@dataclass(frozen=True)
class Effect:
    when: Condition
    delta: dict
    set_flags: frozenset
    clear_flags: frozenset
    count: tuple
    promise: str | None      # move the promise to this level
    plan: str | None


@dataclass(frozen=True)
class ExitRule:
    exit: str
    when: Condition


@dataclass(frozen=True)
class ReplyRule:
    situation: str
    when: Condition
    promise: str | None = None    # the debtor's reply makes a promise of this level
    plan: str | None = None       # the debtor accepts a plan


@dataclass(frozen=True)
class Persona:
    id: str
    names: dict
    summary: Any
    tactic: Any
    start: dict
    effects: tuple[Effect, ...]
    exits: tuple[ExitRule, ...]
    replies: tuple[ReplyRule, ...]
    lines: dict          # lang -> situation -> list of lines
    cues: dict           # cue name -> {group: patterns}
    drift: dict
    tactic_acts: tuple = ()
    avoid_acts: tuple = ()
    promise_requires: str = "pinned"
    party: str = "debtor"
    affordable_share: float = 0.3
    path: str = ""

    def name(self, lang: str) -> str:
        return localize(self.names, lang)

    def text(self, field_name: str, lang: str) -> str:
        return localize(getattr(self, field_name), lang)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if lang in self.lines)


def _list(value) -> frozenset:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


def load_persona_file(path: Path) -> Persona:
    from ..dialogue.acts import ACTS

    data = load_fields(path, "persona", REQUIRED, OPTIONAL, error=PersonaError)
    if data["id"] != path.stem:
        raise PersonaError(f"persona id {data['id']!r} does not match the file name",
                           path=path, line=line_of(data, "id"))

    start = data["start"]
    for var in start:
        if var not in STATE_VARS:
            raise PersonaError(f"unknown state variable {var!r}", path=path,
                               line=line_of(start, var), fix="one of: " + ", ".join(STATE_VARS))
        if not 0 <= float(start[var]) <= 1:
            raise PersonaError(f"{var} must be between 0 and 1", path=path, line=line_of(start, var))
    state = {var: float(start.get(var, 0.5)) for var in STATE_VARS}

    cues = data.get("cues") or {}
    cue_names = tuple(cues)

    def where(node):
        return {"path": path, "line": line_of(node)}

    def condition(node):
        return Condition.parse(node.get("when") if isinstance(node, dict) else None, where(node),
                               cue_names, ACTS)

    effects = []
    for node in data["effects"] or []:
        delta = dict(node.get("delta") or {})
        for var in delta:
            if var not in STATE_VARS:
                raise PersonaError(f"unknown state variable {var!r} in delta", **where(node))
        promise = node.get("promise")
        if promise is not None and promise not in PROMISE_LEVELS:
            raise PersonaError(f"unknown promise level {promise!r}", **where(node))
        effects.append(Effect(condition(node), {k: float(v) for k, v in delta.items()},
                              _list(node.get("set")), _list(node.get("clear")),
                              tuple(_list(node.get("count"))), promise, node.get("plan")))
    exits = []
    for node in data["exits"] or []:
        if node.get("exit") not in EXITS + ("estate_referral",):
            raise PersonaError(f"unknown exit {node.get('exit')!r}", **where(node),
                               fix="one of: " + ", ".join(EXITS + ("estate_referral",)))
        exits.append(ExitRule(node["exit"], condition(node)))
    lines = data["lines"]
    if not isinstance(lines, dict) or not lines:
        raise PersonaError("lines must map a language to situations", path=path,
                           line=line_of(data, "lines"))
    for lang, bank in lines.items():
        if lang not in LANGS:
            raise PersonaError(f"unknown language {lang!r} in lines", path=path,
                               line=line_of(lines, lang), fix="one of: " + ", ".join(LANGS))
    replies = []
    for node in data["replies"] or []:
        situation = node.get("situation")
        for lang, bank in lines.items():
            if situation not in bank or not bank[situation]:
                raise PersonaError(f"no {lang} lines for situation {situation!r}", **where(node),
                                   fix=f"add lines.{lang}.{situation}")
        promise = node.get("promise")
        if promise is not None and promise not in PROMISE_LEVELS:
            raise PersonaError(f"unknown promise level {promise!r}", **where(node))
        replies.append(ReplyRule(situation, condition(node), promise, node.get("plan")))
    for exit_rule in exits:
        for lang, bank in lines.items():
            if f"exit_{exit_rule.exit}" not in bank:
                raise PersonaError(f"no {lang} lines for exit_{exit_rule.exit}", path=path,
                                   line=line_of(data, "exits"))
    if not replies or replies[-1].when.checks:
        raise PersonaError("the last reply rule must have no 'when' (the default)", path=path,
                           line=line_of(data, "replies"))
    return Persona(
        id=data["id"], names=data["names"], summary=data["summary"], tactic=data["tactic"],
        start=state, effects=tuple(effects), exits=tuple(exits), replies=tuple(replies),
        lines={lang: {k: list(v) for k, v in bank.items()} for lang, bank in lines.items()},
        cues=cues, drift={k: float(v) for k, v in (data.get("drift") or {}).items()},
        tactic_acts=tuple(data.get("tactic_acts") or ()), avoid_acts=tuple(data.get("avoid_acts") or ()),
        promise_requires=data.get("promise_requires", "pinned"), party=data.get("party", "debtor"),
        affordable_share=float(data.get("affordable_share", 0.3)), path=str(path))

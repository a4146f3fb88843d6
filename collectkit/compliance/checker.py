"""The checker: a transcript in, violations and acts out."""

from __future__ import annotations

from dataclasses import dataclass

from ..dialogue.acts import RESETS
from ..transcript import Transcript
from .catalog import Catalog, default_catalog

_QUOTE_LIMIT = 240
# Findings about the call as a whole: reported with turn null (the line that showed it is quoted).
CALL_LEVEL = frozenset({"missing_collector_disclosure", "contact_time_window", "contact_frequency"})


@dataclass(frozen=True)
class Violation:
    rule: str
    category: str
    severity: str
    turn: int | None
    quote: str
    citation: str
    message: str
    suggestion: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "category": self.category, "severity": self.severity,
                "turn": self.turn, "quote": self.quote, "citation": self.citation,
                "message": self.message, "suggestion": self.suggestion}


@dataclass(frozen=True)
class CheckResult:
    violations: tuple[Violation, ...]
    acts: tuple[tuple[str, ...], ...]       # one entry per turn (empty for debtor turns)
    context: tuple[tuple[str, ...], ...]    # flags known before each turn


def _violation(rule, turn, quote, lang) -> Violation:
    if rule.category in CALL_LEVEL:
        turn = None
    if len(quote) > _QUOTE_LIMIT:
        quote = quote[:_QUOTE_LIMIT - 1] + "…"
    return Violation(rule.id, rule.category, rule.severity, turn, quote, rule.citation,
                     rule.text("explanation", lang).strip(), rule.text("suggestion", lang).strip())


def check(transcript: Transcript, *, catalog: Catalog | None = None) -> CheckResult:
    """Check one transcript against its jurisdiction's rules.

    >>> from collectkit.transcript import from_lines
    >>> result = check(from_lines(["Pay today or we will have you arrested."], jurisdiction="US"))
    >>> [v.category for v in result.violations]
    ['threat_of_arrest_or_criminal_accusation']
    """
    catalog = catalog or default_catalog()
    meta = transcript.meta
    lang = meta.lang
    is_script = transcript.is_script
    regime_rules = catalog.regime(meta.jurisdiction)
    pattern_index, act_index = catalog.turn_index[meta.jurisdiction]
    book, recognizer = catalog.book, catalog.acts

    acts: list[tuple[str, ...]] = []
    matches: list[tuple[str, frozenset[int]]] = []
    contexts: list[tuple[str, ...]] = []
    found: list[Violation] = []
    flags: set[str] = set()
    for index, turn in enumerate(transcript.turns):
        contexts.append(tuple(sorted(flags)))
        if turn.speaker != "agent":
            group, matched = recognizer.context_book.match(turn.text)
            matches.append((group, matched))
            acts.append(())
            raised = recognizer.context_of(group, matched)
            for flag in raised:
                flags.difference_update(RESETS.get(flag, ()))
            flags.update(raised)
            continue
        group, matched = book.match(turn.text)
        matches.append((group, matched))
        turn_acts = recognizer.acts_of(group, matched)
        acts.append(turn_acts)
        candidates = pattern_index.candidates(matched) if matched else []
        for act in turn_acts:
            candidates.extend(act_index.get(act, ()))
        fired = set()
        for rule in candidates:
            if rule.id in fired:
                continue
            if rule.applies_when.holds(meta, flags, is_script) and \
                    rule.detector.hit(group, matched, turn_acts):
                fired.add(rule.id)
                found.append(_violation(rule, index, turn.text, lang))

    agent_turns = [i for i, t in enumerate(transcript.turns) if t.speaker == "agent"]
    for rule in regime_rules:
        if rule.scope != "call" or not rule.applies_when.holds(meta, None, is_script):
            continue
        detector = rule.detector
        hit = (detector.check_turns(acts, matches, agent_turns) if detector.kind == "act_missing"
               else detector.check(transcript))
        if hit:
            found.append(_violation(rule, None, "", lang))

    unique = {}
    for v in found:                      # one call-level finding per rule
        unique.setdefault((v.rule, v.turn), v)
    found = sorted(unique.values(), key=lambda v: (-1 if v.turn is None else v.turn, v.rule))
    return CheckResult(tuple(found), tuple(acts), tuple(contexts))

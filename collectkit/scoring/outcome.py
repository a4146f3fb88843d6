"""How a plain transcript ended, read from its text (the outcome vocabulary of DESIGN.md 8)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..patterns import Lexicon, PatternBook

PATTERNS = Path(__file__).parent / "outcome_patterns.yaml"


@functools.lru_cache(maxsize=1)
def _book():
    data = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))
    book = PatternBook()
    matchers = {name: book.matcher(spec, lexicon=Lexicon()) for name, spec in data.items()}
    book.compile()
    return book, matchers


def debtor_cues(text: str) -> set[str]:
    book, matchers = _book()
    group, matched = book.match(text)
    return {name for name, m in matchers.items() if m.hit(group, matched)}


def infer_outcome(transcript, acts, contexts, cues, persona: str | None) -> str | None:
    """An outcome for a call read from its lines; None for a script (agent lines only)."""
    if transcript.is_script:
        return None
    turns = transcript.turns
    debtor = [(i, debtor_cues(t.text)) for i, t in enumerate(turns) if t.speaker == "debtor"]
    tail = debtor[-2:]
    flags = set(contexts[-1]) if contexts else set()
    if turns[-1].speaker == "debtor":
        # flags raised by the last line itself are not in contexts yet
        from ..compliance.catalog import default_catalog
        catalog = default_catalog()
        group, matched = catalog.acts.context_book.match(turns[-1].text)
        flags |= set(catalog.acts.context_of(group, matched))
    agent = [i for i, t in enumerate(turns) if t.speaker == "agent"]
    said = set().union(*(acts[i] for i in agent)) if agent else set()
    agent_cues = set().union(*(cues.get(i, set()) for i in agent)) if agent else set()
    if any("complaint" in c for _, c in tail):
        return "complaint"
    if any("hang_up" in c for _, c in tail):
        return "hang_up"
    if "attorney_mentioned" in flags or transcript.meta.attorney_represented:
        if "attorney_contact" in agent_cues:
            return "refer_to_attorney"
    if persona == "deceased_relative" and "estate_rep" in agent_cues:
        return "estate_referral"
    third_party = transcript.meta.party == "third_party" or "listener_third_party" in flags
    if third_party and not said & {"state_purpose", "state_balance", "disclose_to_third_party",
                                   "pressure_third_party"}:
        return "wrong_party"
    if "dispute_raised" in flags:
        return "dispute"
    if "stop_requested" in flags:
        return "cease_request"
    confirm = [i for i in agent if "confirm_details" in acts[i]]
    if confirm:
        agreed_after = any("agree" in c for i, c in debtor if i > confirm[-1]) or confirm[-1] == len(turns) - 1
        if agreed_after:
            if persona == "serial_promiser" and "stress_promise" not in said:
                return "weak_promise"
            return "payment_plan" if "offer_plan" in said else "promise_to_pay"
    if any("vague" in c or "agree" in c for _, c in debtor[-3:]) and said & {"ask_commitment", "offer_plan"}:
        return "weak_promise"
    return "no_resolution"

"""Act recognition: utterance -> set of acts, in English and Chinese (both scripts).

The act patterns are data (``patterns/en.yaml`` and ``patterns/zh.yaml``): each act is a
matcher (see :mod:`collectkit.patterns`), so a meaning is described by several alternatives
(verb + object in either order, polite and blunt forms) rather than one keyword. The same files
hold *context* cues read from the debtor side ("I'm his mother", "my lawyer handles this") that
rules use to know who is on the line.

>>> recognize("So that's $200 on Friday the 12th by debit card, correct?")
['confirm_details']
"""

from __future__ import annotations

from pathlib import Path

from ..errors import RuleError
from ..patterns import GROUPS, Lexicon, Matcher, MatcherIndex, PatternBook
from ..yamlio import line_of, load_yaml

ACTS = (
    "greet", "identify_self", "verify_identity", "mini_miranda", "state_purpose", "state_balance",
    "ask_reason", "listen_acknowledge", "empathize", "explain_consequences", "explain_options",
    "offer_plan", "ask_commitment", "confirm_details", "stress_promise", "firm_stance", "refocus",
    "summarize_close", "threaten", "insult", "disclose_to_third_party", "pressure_third_party",
    "false_claim",
)
UNLAWFUL_ACTS = ("threaten", "insult", "disclose_to_third_party", "pressure_third_party",
                 "false_claim")
CONTEXT_FLAGS = (
    "listener_third_party",   # the other side says they are not the debtor
    "listener_spouse",        # ... and is the debtor's spouse
    "attorney_mentioned",     # the debtor says a lawyer represents them
    "dispute_raised",         # the debtor disputes the debt
    "stop_requested",         # the other side asks not to be contacted
    "debtor_unable",          # the debtor says they cannot pay (hardship)
    "listener_debtor",        # the other side confirms being the debtor ("speaking", "是我"):
                              # clears listener_third_party and listener_spouse
    "listener_guarantor",     # the listener is the guarantor / co-signer (lawful to collect from)
)
RESETS = {"listener_debtor": ("listener_third_party", "listener_spouse")}
_ORDER = {act: i for i, act in enumerate(ACTS)}

PATTERN_DIR = Path(__file__).parent / "patterns"
LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"


def shared_lexicon() -> Lexicon:
    """The lexicon every act and rule file can use: ``lexicon/en.yaml`` and ``lexicon/zh.yaml``."""
    entries = {}
    for group in GROUPS:
        path = LEXICON_DIR / f"{group}.yaml"
        data = load_yaml(path, error=RuleError) if path.exists() else {}
        if not isinstance(data, dict):
            raise RuleError("a lexicon is a mapping NAME: regex", path=path, line=1)
        entries[group] = {str(k): str(v) for k, v in (data or {}).items()}
    return Lexicon(entries, source=str(LEXICON_DIR))


class ActRecognizer:
    """Act and context matchers registered in a shared :class:`PatternBook`."""

    def __init__(self, book: PatternBook, lexicon: Lexicon, directory: Path = PATTERN_DIR,
                 context_book: PatternBook | None = None):
        self.book = book
        # The other side's lines only raise context flags: matching them against a small book of
        # their own keeps new debtor text cheap (a big shared DFA is slow on unseen text).
        self.context_book = context_book or book
        self.acts: dict[str, Matcher] = {}
        self.context: dict[str, Matcher] = {}
        specs = {act: {} for act in ACTS}
        context_specs = {flag: {} for flag in CONTEXT_FLAGS}
        unless_specs = {act: {} for act in ACTS}
        context_unless = {flag: {} for flag in CONTEXT_FLAGS}
        local = {}
        sources = {}
        for group in GROUPS:
            path = directory / f"{group}.yaml"
            if not path.exists():
                continue
            data = load_yaml(path, error=RuleError) or {}
            sources[group] = path
            local[group] = {str(k): str(v) for k, v in (data.get("lexicon") or {}).items()}
            for section, known, pos, neg in (("acts", ACTS, specs, unless_specs),
                                             ("context", CONTEXT_FLAGS, context_specs, context_unless)):
                for name, body in (data.get(section) or {}).items():
                    if name not in known:
                        raise RuleError(f"unknown {section[:-1] if section == 'acts' else 'context flag'} {name!r}",
                                        path=path, line=line_of(data.get(section), name),
                                        fix="use one of: " + ", ".join(known))
                    if isinstance(body, list):
                        body = {"patterns": body}
                    pos[name][group] = body.get("patterns") or []
                    if body.get("unless"):
                        neg[name][group] = body["unless"]
        layered = Lexicon(local, parent=lexicon)
        for names, pos, neg, target in ((ACTS, specs, unless_specs, self.acts),
                                        (CONTEXT_FLAGS, context_specs, context_unless, self.context)):
            for name in names:
                alts, vetoes = {}, {}
                for group in GROUPS:
                    if group not in pos[name] and group not in neg[name]:
                        continue
                    # one group at a time, so an error names the file it is in
                    owner = self.context_book if target is self.context else book
                    part = owner.matcher({group: pos[name].get(group) or []},
                                        {group: neg[name][group]} if group in neg[name] else None,
                                        lexicon=layered, source=sources.get(group, directory))
                    alts.update(part.group_alts)
                    vetoes.update(part.group_unless)
                target[name] = Matcher(alts, vetoes)
        self._act_index = MatcherIndex((act, m) for act, m in self.acts.items() if not m.empty)
        self._context_index = MatcherIndex((f, m) for f, m in self.context.items() if not m.empty)

    def acts_of(self, group: str, matched: frozenset[int]) -> tuple[str, ...]:
        if not matched:
            return ()
        found = {act for act in self._act_index.candidates(matched)
                 if self.acts[act].hit(group, matched)}
        return tuple(sorted(found, key=_ORDER.__getitem__))

    def context_of(self, group: str, matched: frozenset[int]) -> tuple[str, ...]:
        if not matched:
            return ()
        return tuple(sorted({flag for flag in self._context_index.candidates(matched)
                             if self.context[flag].hit(group, matched)}))


def recognize(text: str) -> list[str]:
    """The acts of one collector utterance, in vocabulary order.

    >>> recognize("您好，我是平安普惠的客服，敝姓林。")
    ['greet', 'identify_self']
    """
    from ..compliance.catalog import default_catalog

    catalog = default_catalog()
    group, matched = catalog.book.match(text)
    return list(catalog.acts.acts_of(group, matched))

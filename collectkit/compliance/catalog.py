"""The catalog: every rule and act matcher, compiled once into one pattern book."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..dialogue.acts import ActRecognizer, shared_lexicon
from ..errors import RuleError, UsageError
from ..patterns import GROUPS, Lexicon, MatcherIndex, PatternBook
from ..yamlio import load_yaml
from .categories import REGIMES
from .rule import Rule, load_rule

RULES_DIR = Path(__file__).parent / "rules"


def _regime_lexicon(directory: Path, parent: Lexicon) -> Lexicon:
    path = directory / "_lexicon.yaml"
    if not path.exists():
        return parent
    data = load_yaml(path, error=RuleError) or {}
    if not isinstance(data, dict) or set(data) - set(GROUPS):
        raise RuleError("a regime lexicon maps en/zh to NAME: regex", path=path, line=1)
    return Lexicon({g: {str(k): str(v) for k, v in (data.get(g) or {}).items()} for g in GROUPS},
                   parent=parent, source=str(path))


@dataclass
class Catalog:
    book: PatternBook
    acts: ActRecognizer
    rules: tuple[Rule, ...]

    def __post_init__(self):
        self.by_id = {rule.id: rule for rule in self.rules}
        self.turn_index = {}
        for regime in REGIMES:
            turn_rules = [r for r in self.rules if r.regime == regime and r.scope == "turn"]
            self.turn_index[regime] = (
                MatcherIndex((r, r.detector.matcher) for r in turn_rules if not r.detector.matcher.empty),
                {act: [r for r in turn_rules if r.detector.matcher.empty and act in r.detector.acts_any]
                 for act in {a for r in turn_rules for a in r.detector.acts_any}},
            )

    def regime(self, regime: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.regime == regime)

    def get(self, rule_id: str) -> Rule:
        try:
            return self.by_id[rule_id]
        except KeyError:
            close = [r for r in self.by_id if rule_id.upper() in r]
            raise UsageError(f"unknown rule {rule_id!r}",
                             fix=("did you mean " + ", ".join(close[:5]) + "?") if close
                             else "run 'collectkit rules list' to see the rule ids") from None


def load_catalog(rules_dir: Path | str = RULES_DIR, regimes=REGIMES) -> Catalog:
    """Load and validate every rule under ``rules_dir/<regime>/``; compile all patterns."""
    rules_dir = Path(rules_dir)
    book = PatternBook()
    lexicon = shared_lexicon()
    acts = ActRecognizer(book, lexicon, context_book=PatternBook())
    rules = []
    for regime in regimes:
        directory = rules_dir / regime
        if not directory.is_dir():
            continue
        regime_lexicon = _regime_lexicon(directory, lexicon)
        for path in sorted(directory.glob("*.yaml")):
            if path.name.startswith("_"):
                continue
            rules.append(load_rule(path, book=book, lexicon=regime_lexicon,
                                   regime_dir_name=regime))
    book.compile()
    acts.context_book.compile()
    return Catalog(book, acts, tuple(rules))


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped rules, loaded once per process."""
    return load_catalog()

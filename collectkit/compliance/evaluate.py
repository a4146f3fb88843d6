"""Measure the checker on labelled calls: each call's front matter has ``expected:`` findings.

A finding is (category, turn); call-level findings have turn null. Scoring is micro precision,
recall and F1 over findings, per language. Two readings of repeats are reported: ``strict``
counts every (category, turn) the checker reports; ``first`` keeps only the first turn at which
the checker reports each category in a call (labellers often mark a repeated act once).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..transcript import expand_paths, load
from .catalog import default_catalog
from .checker import check


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    calls: int = 0
    critical_calls: int = 0
    critical_caught: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _found(violations, mode):
    pairs = {(v.category, v.turn) for v in violations}
    if mode == "first":
        first = {}
        for category, turn in sorted(pairs, key=lambda p: (-1 if p[1] is None else p[1])):
            first.setdefault(category, turn)
        pairs = set(first.items())
    return pairs


def evaluate_calls(paths, mode: str = "first") -> dict[str, Tally]:
    from .categories import DEFAULT_SEVERITY

    catalog = default_catalog()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for path in expand_paths(paths):
        if path.suffix not in (".txt", ".md") or path.name.lower() == "readme.md":
            continue
        call = load(path)
        expected = {(e["category"], e.get("turn")) for e in call.meta.extra.get("expected") or []}
        got = _found(check(call, catalog=catalog).violations, mode)
        tally = tallies[call.meta.lang]
        tally.calls += 1
        tally.tp += len(expected & got)
        tally.fp += len(got - expected)
        tally.fn += len(expected - got)
        tally.misses += [(path.name, *m) for m in sorted(expected - got, key=str)]
        tally.extras += [(path.name, *m) for m in sorted(got - expected, key=str)]
        if any(DEFAULT_SEVERITY[c] == "critical" for c, _ in expected):
            tally.critical_calls += 1
            if any(DEFAULT_SEVERITY[c] == "critical" for c, _ in got):
                tally.critical_caught += 1
    return dict(tallies)

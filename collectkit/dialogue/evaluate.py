"""Per-act precision and recall of the recogniser on a labelled set (JSON lines)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .acts import ACTS, recognize


@dataclass(frozen=True)
class ActScores:
    act: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labelled(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                row = json.loads(line)
                row["line"] = number
                rows.append(row)
    return rows


def evaluate(rows, langs=None) -> dict[str, ActScores]:
    counts = {act: [0, 0, 0] for act in ACTS}
    for row in rows:
        if langs and row["lang"] not in langs:
            continue
        got, want = set(recognize(row["text"])), set(row["acts"])
        for act in got & want:
            counts[act][0] += 1
        for act in got - want:
            counts[act][1] += 1
        for act in want - got:
            counts[act][2] += 1
    return {act: ActScores(act, *c) for act, c in counts.items()}


def micro(scores: dict[str, ActScores]) -> ActScores:
    tp = sum(s.tp for s in scores.values())
    fp = sum(s.fp for s in scores.values())
    fn = sum(s.fn for s in scores.values())
    return ActScores("micro", tp, fp, fn)


def errors(rows, langs=None):
    """(row, missing acts, extra acts) for every row the recogniser gets wrong."""
    for row in rows:
        if langs and row["lang"] not in langs:
            continue
        got, want = set(recognize(row["text"])), set(row["acts"])
        if got != want:
            yield row, sorted(want - got), sorted(got - want)

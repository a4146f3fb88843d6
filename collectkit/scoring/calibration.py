"""Check that scores agree with human judgement: Spearman correlation against labelled bands."""

from __future__ import annotations

from pathlib import Path

BANDS = {"fail": 0, "poor": 1, "acceptable": 2, "excellent": 3}


def _ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs, ys) -> float:
    """Spearman's rank correlation (ties get their average rank)."""
    rx, ry = _ranks(list(xs)), _ranks(list(ys))
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def calibrate(folder: str | Path):
    """[(call_id, band, report)] for every labelled call in ``folder``."""
    from ..transcript import expand_paths, load
    from .score import score

    out = []
    for path in expand_paths([folder]):
        call = load(path)
        band = call.meta.extra.get("band")
        if band in BANDS:
            out.append((call.meta.call_id, band, score(call)))
    return out

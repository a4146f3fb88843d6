"""Scoring throughput: collectkit's checker against a naive per-pattern ``re.search`` loop.

Builds a corpus of at least 100,000 utterances (English, Simplified and Traditional Chinese,
lawful and unlawful, taken from the rule examples and the labelled act set, varied with names
and amounts), then reports utterances per second for

* collectkit: ``check()`` on whole calls (acts, context and every rule of the call's regime);
* baseline: for each utterance, every rule pattern of the regime run with ``re.search`` one by
  one (Python's backtracking engine, compiled patterns cached), which does less work.

Every utterance in the corpus is unique (a reference number is appended), so the checker's
memo of recently seen lines never helps here: the figure is the cost of matching new text.

Both run in this process, on one core, one after the other. Figures are reported as a ratio.

    python benchmarks/score_throughput.py [--utterances 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from collectkit.compliance import check, default_catalog
from collectkit.text import normalize
from collectkit.transcript import from_lines

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Lee", "Garcia", "Smith", "Nguyen", "王", "陳", "林", "張"]
AMOUNTS = ["$120", "$2,450", "$75.50", "3000元", "1萬2千元", "新台幣8000元"]


def corpus_lines(catalog) -> dict[str, list[str]]:
    by_regime = {"US": [], "CN": [], "TW": []}
    for rule in catalog.rules:
        for example in rule.examples:
            if example.text:
                by_regime[rule.regime].append(example.text)
    labelled = ROOT / "tests" / "data" / "acts_labelled.jsonl"
    if labelled.exists():
        for line in labelled.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                regime = {"en": "US", "zh-Hans": "CN", "zh-Hant": "TW"}[row["lang"]]
                by_regime[regime].append(row["text"])
    return by_regime


def build_calls(catalog, utterances: int, seed: int = 7, turns_per_call: int = 10):
    rng = random.Random(seed)
    pools = corpus_lines(catalog)
    calls = []
    regimes = [r for r in pools if pools[r]]
    made = 0
    while made < utterances:
        regime = regimes[len(calls) % len(regimes)]
        lines = []
        for _ in range(turns_per_call):
            text = rng.choice(pools[regime])
            if rng.random() < 0.3:
                text = f"{text} {rng.choice(NAMES)} {rng.choice(AMOUNTS)}"
            lines.append(f"{text} (ref {made + len(lines)})")
        calls.append(from_lines(lines, jurisdiction=regime, call_id=f"bench-{len(calls)}"))
        made += len(lines)
    return calls, made


def naive_patterns(catalog):
    """Every rule's regexes per regime, as Python ``re`` objects."""
    per_regime = {"US": [], "CN": [], "TW": []}
    for rule in catalog.rules:
        matcher = getattr(rule.detector, "matcher", None)
        if matcher is None:
            continue
        ids = matcher.ids() | {i for alts in matcher.group_unless.values() for alt in alts for i in alt}
        for ident in sorted(ids):
            _, regex = catalog.book.regex(ident)
            try:
                per_regime[rule.regime].append(re.compile(regex, re.IGNORECASE))
            except re.error:
                pass
    return per_regime


def run_collectkit(calls, catalog) -> float:
    start = time.perf_counter()
    for call in calls:
        check(call, catalog=catalog)
    return time.perf_counter() - start


def run_naive(calls, patterns) -> float:
    start = time.perf_counter()
    for call in calls:
        regime_patterns = patterns[call.meta.jurisdiction]
        for turn in call.turns:
            text = normalize(turn.text)
            for pattern in regime_patterns:
                pattern.search(text)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=100_000)
    args = parser.parse_args(argv)
    catalog = default_catalog()
    calls, count = build_calls(catalog, max(args.utterances, 1))
    patterns = naive_patterns(catalog)
    run_collectkit(calls[:200], catalog)   # warm caches (normaliser tables, lazy compile)
    ours = run_collectkit(calls, catalog)
    theirs = run_naive(calls, patterns)
    n_patterns = sum(len(p) for p in patterns.values())
    print(f"corpus: {count} utterances in {len(calls)} calls; {len(catalog.rules)} rules, "
          f"{n_patterns} rule patterns, {len(catalog.book)} regexes in the pattern book")
    print(f"collectkit check():      {count / ours:12,.0f} utterances/s  ({ours:.2f} s)")
    print(f"naive re.search loop:    {count / theirs:12,.0f} utterances/s  ({theirs:.2f} s)")
    print(f"ratio collectkit/naive:  {theirs / ours:12.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

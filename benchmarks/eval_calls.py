"""Checker quality on the labelled calls in tests/data/calls (micro P/R/F1 per language).

    python benchmarks/eval_calls.py [--mode first|strict] [--errors] [PATH ...]
"""

import argparse
import sys
from pathlib import Path

from collectkit.compliance.evaluate import evaluate_calls

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "calls"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[DEFAULT])
    parser.add_argument("--mode", choices=("first", "strict"), default="first")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    tallies = evaluate_calls(args.paths, args.mode)
    print(f"{'lang':<9}{'calls':>6}{'P':>7}{'R':>7}{'F1':>7}   critical calls caught")
    for lang, t in sorted(tallies.items()):
        print(f"{lang:<9}{t.calls:>6}{t.precision:7.2f}{t.recall:7.2f}{t.f1:7.2f}   "
              f"{t.critical_caught}/{t.critical_calls}")
        if args.errors:
            for miss in t.misses:
                print("   missed ", *miss)
            for extra in t.extras:
                print("   extra  ", *extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())

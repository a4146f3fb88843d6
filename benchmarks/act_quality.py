"""Per-act precision/recall of act recognition on tests/data/acts_labelled.jsonl.

    python benchmarks/act_quality.py [--lang en|zh-Hans|zh-Hant] [--errors]
"""

import argparse
import sys
from pathlib import Path

from collectkit.dialogue.evaluate import errors, evaluate, load_labelled, micro

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "acts_labelled.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=("en", "zh-Hans", "zh-Hant"))
    parser.add_argument("--errors", action="store_true", help="list every misrecognised line")
    parser.add_argument("--data", default=str(DATA))
    args = parser.parse_args()
    rows = load_labelled(args.data)
    langs = args.lang or ["en", "zh-Hans", "zh-Hant"]
    print(f"{'act':<24}" + "".join(f"{lang:>22}" for lang in langs))
    print(f"{'':<24}" + "".join(f"{'P':>8}{'R':>7}{'n':>7}" for _ in langs))
    per_lang = {lang: evaluate(rows, [lang]) for lang in langs}
    for act in next(iter(per_lang.values())):
        cells = ""
        for lang in langs:
            s = per_lang[lang][act]
            cells += f"{s.precision:8.2f}{s.recall:7.2f}{s.tp + s.fn:7d}"
        print(f"{act:<24}{cells}")
    cells = ""
    for lang in langs:
        m = micro(per_lang[lang])
        cells += f"{m.precision:8.2f}{m.recall:7.2f}{m.tp + m.fn:7d}"
    print(f"{'micro':<24}{cells}")
    if args.errors:
        for row, missing, extra in errors(rows, langs):
            print(f"line {row['line']} [{row['lang']}] {row['text']}\n    missing {missing} extra {extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Role-play turn latency: p50/p99 of ``Session.say`` (target p99 under 20 ms).

Plays every persona in every language with the scripts in tests/data/persona_scripts (tactic,
generic and abusive, several seeds) and times each turn. Baseline, measured in the same run on
the same lines: act recognition alone (``collectkit.recognize``), the least any engine that
reacts to what the trainee does must do. Reported as milliseconds and as a ratio.

    python benchmarks/turn_latency.py [--seeds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

from collectkit import recognize
from collectkit.engine import Session
from collectkit.personas import list_personas

SCRIPTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "persona_scripts"


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args(argv)
    turn_times, base_times = [], []
    Session("aggressive", seed=0).say("Hello.")   # warm caches: rules, cue patterns
    for persona in list_personas():
        path = SCRIPTS / f"{persona}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang, scripts in data.items():
            for lines in scripts.values():
                for seed in range(args.seeds):
                    session = Session(persona, seed=seed, lang=lang)
                    for line in lines:
                        if session.ended:
                            break
                        start = time.perf_counter()
                        session.say(line)
                        turn_times.append(time.perf_counter() - start)
                        start = time.perf_counter()
                        recognize(line)
                        base_times.append(time.perf_counter() - start)
    if not turn_times:
        print("no persona scripts found")
        return 1
    ms = lambda s: s * 1000
    p50, p99 = ms(percentile(turn_times, 50)), ms(percentile(turn_times, 99))
    b50, b99 = ms(percentile(base_times, 50)), ms(percentile(base_times, 99))
    print(f"turns timed: {len(turn_times)}")
    print(f"Session.say      p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   mean {ms(statistics.mean(turn_times)):7.3f} ms")
    print(f"recognize only   p50 {b50:7.3f} ms   p99 {b99:7.3f} ms")
    print(f"ratio say/recognize: p50 {p50 / b50:5.1f}x   p99 {p99 / b99:5.1f}x")
    print(f"target p99 < 20 ms: {'met' if p99 < 20 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``collectkit`` command: thin, parses arguments, calls the library, prints.

Heavy modules are imported inside the commands that need them, so ``collectkit --help`` is fast.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import CollectkitError, UsageError

REGIME_LANG = {"US": "en", "CN": "zh-Hans", "TW": "zh-Hant"}


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# ------------------------------------------------------------------ score


def _report_table(report) -> str:
    status = "PASS" if report.score.passed else "FAIL"
    s = report.score
    lines = [f"{report.call_id or '(no id)'}  {report.jurisdiction}  {report.lang}  {status}  "
             f"total {s.total}  compliance {s.compliance}"
             + (f"  technique {s.technique}" if s.technique is not None else "")
             + (f"  outcome {s.outcome}" if s.outcome is not None else "")]
    if not report.violations:
        lines.append("  no violations found")
    for v in report.violations:
        where = "call" if v.turn is None else f"turn {v.turn}"
        lines.append(f"  {where:<8} {v.rule:<16} {v.severity:<8} {v.category}  [{v.citation}]")
        if v.quote:
            lines.append(f"           said: {v.quote}")
        lines.append(f"           why:  {v.message}")
        lines.append(f"           try:  {v.suggestion}")
    for f in report.feedback:
        if f.kind != "compliance":
            where = "call" if f.turn is None else f"turn {f.turn}"
            lines.append(f"  {where:<8} {f.kind}: {f.message}")
            if f.better_line:
                lines.append(f"           try:  {f.better_line}")
    return "\n".join(lines)


def cmd_score(args) -> int:
    from .scoring import score
    from .transcript import expand_paths, load_all

    paths = expand_paths(args.paths)
    if not paths:
        raise UsageError("no transcript files found", fix="pass .txt, .md, .json or .csv files or folders")
    # Read everything first: a bad file stops the run before anything is printed.
    transcripts = [t for path in paths for t in load_all(path)]
    if args.jurisdiction:
        transcripts = [t.with_meta(jurisdiction=args.jurisdiction) for t in transcripts]
    scenario = None
    if args.scenario:
        from .scenarios import load_scenario
        scenario = load_scenario(args.scenario)
    reports = [score(t, scenario) for t in transcripts]
    if args.format == "json":
        _print_json([r.to_dict() for r in reports])
    else:
        sys.stdout.write("\n\n".join(_report_table(r) for r in reports) + "\n")
    return 0


# ------------------------------------------------------------------ rules


def cmd_rules_list(args) -> int:
    from .compliance import default_catalog
    from .text import localize

    rules = [r for r in default_catalog().rules if not args.regime or r.regime == args.regime]
    if args.category:
        rules = [r for r in rules if r.category == args.category]
    if args.format == "json":
        _print_json([{"id": r.id, "regime": r.regime, "category": r.category,
                      "severity": r.severity, "title": localize(r.title, args.lang or REGIME_LANG[r.regime]),
                      "citation": r.citation} for r in rules])
        return 0
    for r in rules:
        title = localize(r.title, args.lang or REGIME_LANG[r.regime])
        print(f"{r.id:<18} {r.severity:<8} {r.category:<40} {title}")
    print(f"\n{len(rules)} rules")
    return 0


def cmd_rules_show(args) -> int:
    from .compliance import default_catalog
    from .text import localize

    rule = default_catalog().get(args.rule_id.upper())
    lang = args.lang or REGIME_LANG[rule.regime]
    if args.format == "json":
        _print_json({
            "id": rule.id, "regime": rule.regime, "category": rule.category,
            "severity": rule.severity, "title": localize(rule.title, lang),
            "explanation": localize(rule.explanation, lang), "citation": rule.citation,
            "applies_when": rule.applies_when.describe(), "detection": rule.describe_detection(),
            "suggestion": localize(rule.suggestion, lang), "notes": localize(rule.notes, lang) or None,
            "examples": [{"expect": e.expect, "text": e.text, "transcript": e.transcript,
                          "meta": e.meta, "known_miss": e.known_miss} for e in rule.examples]})
        return 0
    out = [f"{rule.id}: {localize(rule.title, lang)}",
           f"  regime:      {rule.regime}",
           f"  category:    {rule.category}",
           f"  severity:    {rule.severity}",
           f"  citation:    {rule.citation}",
           f"  applies:     {rule.applies_when.describe()}",
           f"  detection:   {rule.describe_detection()}",
           "", "What it does and why", "  " + localize(rule.explanation, lang).strip(),
           "", "Say instead", "  " + localize(rule.suggestion, lang).strip()]
    notes = localize(rule.notes, lang)
    if notes:
        out += ["", "Notes", "  " + notes.strip()]
    for expect in ("violating", "compliant"):
        out += ["", f"Examples: {expect}"]
        for e in rule.examples:
            if e.expect != expect:
                continue
            body = e.text if e.text is not None else e.transcript.strip().replace("\n", "\n      ")
            meta = f"  {e.meta}" if e.meta else ""
            miss = f"  [known miss: {e.known_miss}]" if e.known_miss else ""
            out.append(f"  - {body}{meta}{miss}")
    print("\n".join(out))
    return 0


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collectkit",
        description="Train debt collectors: check calls and scripts against US, CN and TW "
                    "collection rules, practise with simulated debtors, track progress.")
    parser.add_argument("--version", action="version", version="collectkit 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("score", help="check transcripts or scripts against the rules",
                       description="Score transcripts (text, JSON or CSV). Folders are searched "
                                   "for .txt/.md/.json/.csv files, in sorted order.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--jurisdiction", choices=("US", "CN", "TW"), type=str.upper,
                   help="override the jurisdiction in the files' front matter")
    p.add_argument("--scenario", metavar="ID", help="score against a scenario (pass mark, persona)")
    p.set_defaults(func=cmd_score)

    rules = sub.add_parser("rules", help="list and explain the compliance rules")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    rl = rules_sub.add_parser("list", help="one line per rule")
    rl.add_argument("--regime", choices=("US", "CN", "TW"), type=str.upper)
    rl.add_argument("--category")
    rl.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    rl.add_argument("--format", choices=("table", "json"), default="table")
    rl.set_defaults(func=cmd_rules_list)
    rs = rules_sub.add_parser("show", help="a rule's explanation, citation, boundaries, examples")
    rs.add_argument("rule_id", metavar="ID")
    rs.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    rs.add_argument("--format", choices=("table", "json"), default="table")
    rs.set_defaults(func=cmd_rules_show)
    rules.set_defaults(func=lambda args: (rules.print_help(), 0)[1])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except CollectkitError as exc:
        sys.stderr.write(f"collectkit: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("collectkit: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

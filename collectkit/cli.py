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


# ------------------------------------------------------------------ personas, scenarios


def cmd_personas_list(args) -> int:
    from .personas import list_personas, load_persona

    lang = args.lang or "en"
    for persona_id in list_personas():
        persona = load_persona(persona_id)
        print(f"{persona_id:<22} {persona.name(lang)}")
    return 0


def cmd_personas_show(args) -> int:
    from .personas import load_persona

    persona = load_persona(args.persona_id)
    lang = args.lang or "en"
    if args.format == "json":
        _print_json({"id": persona.id, "name": persona.name(lang),
                     "summary": persona.text("summary", lang), "tactic": persona.text("tactic", lang),
                     "start": persona.start, "langs": list(persona.langs),
                     "tactic_acts": list(persona.tactic_acts), "avoid_acts": list(persona.avoid_acts)})
        return 0
    print(f"{persona.id}: {persona.name(lang)}\n")
    print(persona.text("summary", lang).strip() + "\n")
    print("What works: " + persona.text("tactic", lang).strip() + "\n")
    print("Languages: " + ", ".join(persona.langs))
    print("Starting state (hidden from the trainee): " +
          ", ".join(f"{k} {v:.2f}" for k, v in persona.start.items()))
    return 0


def cmd_scenarios_list(args) -> int:
    from .scenarios import list_scenarios, load_scenario

    lang = args.lang or "en"
    broken = []
    for scenario_id in list_scenarios():
        try:
            s = load_scenario(scenario_id)
        except CollectkitError as exc:
            broken.append(str(exc))
            continue
        print(f"{scenario_id:<34} {s.persona:<22} {s.meta.jurisdiction}  {','.join(s.langs):<16} "
              f"{s.text('title', lang)}")
    for problem in broken:
        sys.stderr.write(f"collectkit: skipped: {problem}\n")
    return 2 if broken else 0


def cmd_scenarios_show(args) -> int:
    from .scenarios import load_scenario

    s = load_scenario(args.scenario_id)
    lang = args.lang or s.langs[0]
    if args.format == "json":
        _print_json({"id": s.id, "title": s.text("title", lang), "persona": s.persona,
                     "langs": list(s.langs), "meta": s.meta.to_dict(), "facts": s.facts,
                     "goal": s.text("goal", lang), "pass_mark": s.pass_mark, "previous": s.previous})
        return 0
    print(f"{s.id}: {s.text('title', lang)}")
    print(f"  persona:    {s.persona}")
    print(f"  languages:  {', '.join(s.langs)}")
    print(f"  regime:     {s.meta.jurisdiction}   party: {s.meta.party}   started_at: "
          f"{s.meta.started_at.isoformat() if s.meta.started_at else '-'}")
    print(f"  facts:      " + ", ".join(f"{k}={v}" for k, v in s.facts.items() if not isinstance(v, dict)))
    print(f"  pass mark:  {s.pass_mark}")
    if s.previous:
        print(f"  follows:    {s.previous}")
    print(f"\nGoal: {s.text('goal', lang)}")
    return 0


def cmd_scenarios_validate(args) -> int:
    from .scenarios import load_scenario_file, validate_all
    from pathlib import Path

    if args.paths:
        problems = []
        for path in args.paths:
            try:
                load_scenario_file(Path(path))
            except CollectkitError as exc:
                problems.append(str(exc))
    else:
        problems = validate_all()
    for problem in problems:
        sys.stderr.write(f"collectkit: error: {problem}\n")
    if problems:
        return 2
    print("all scenarios are valid")
    return 0


# ------------------------------------------------------------------ roleplay


def _session_for(args):
    from .engine import Session
    from .transcript import parse_script

    if bool(args.persona) == bool(args.scenario):
        raise UsageError("give exactly one of --persona ID or --scenario ID",
                         fix="see 'collectkit personas list' and 'collectkit scenarios list'")
    script = None
    meta = None
    if args.script:
        from pathlib import Path
        path = Path(args.script)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError("script file not found", path=path) from None
        script = parse_script(text, source=path)
        if not args.scenario and "---" in text.split("\n", 1)[0]:
            meta = {k: v for k, v in script.meta.to_dict().items()
                    if k not in ("lang", "call_id", "persona", "scenario") and v not in (None, [], False, "")}
    lang = args.lang
    if args.scenario:
        from .scenarios import load_scenario
        scenario = load_scenario(args.scenario)
        lang = lang or scenario.langs[0]
        session = Session(scenario, seed=args.seed, lang=lang)
    else:
        lang = lang or "en"
        if meta is None and args.jurisdiction:
            meta = {"jurisdiction": args.jurisdiction}
        session = Session(args.persona, seed=args.seed, lang=lang, meta=meta)
    return session, script


def cmd_roleplay(args) -> int:
    session, script = _session_for(args)
    if script is None:
        return _interactive(session)
    session.play(t.text for t in script.turns if t.speaker == "agent")
    if args.format == "json":
        _print_json(session.to_dict())
    else:
        for turn in session.turns:
            who = "you   " if turn.speaker == "agent" else "debtor"
            print(f"{who}: {turn.text}")
        print(f"\noutcome: {session.outcome}\n")
        print(_report_table(session.report()))
    return 0


def _interactive(session) -> int:
    lang = session.lang
    persona = session.persona
    print(f"Role-play: {persona.name(lang)} ({lang}). Type your line and press Enter; "
          f"'/end' ends the call, '/quit' leaves without a report.")
    if session.scenario:
        print("Goal: " + session.scenario.text("goal", lang))
    while not session.ended:
        try:
            line = input("you> ")
        except EOFError:
            print()
            break
        if line.strip() == "/quit":
            return 0
        if line.strip() == "/end":
            break
        if not line.strip():
            continue
        reply = session.say(line)
        print(f"debtor> {reply.text}")
        for event in reply.events:
            if event["type"] == "violation":
                print(f"  ! {event['rule']} {event['category']}: {event['message']}")
    print(f"\ncall ended: {session.outcome}")
    if session.turns:
        print(_report_table(session.report()))
    return 0


# ------------------------------------------------------------------ db


def cmd_db_init(args) -> int:
    from .store.admin import init_database

    print(init_database(args.url))
    return 0


def cmd_db_upgrade(args) -> int:
    from .store.admin import upgrade_database

    print(upgrade_database(args.url))
    return 0


def cmd_db_info(args) -> int:
    from .store.admin import database_info

    info = database_info(args.url)
    if args.format == "json":
        _print_json(info)
    else:
        found = info["schema_version"]
        print(f"database:  {info['url']} ({info['backend']})")
        print(f"schema:    {'none' if found is None else f'version {found}'} "
              f"(this collectkit needs {info['code_version']})")
        if info["rows"] is not None:
            print("rows:      " + ", ".join(f"{k} {v}" for k, v in info["rows"].items()))
    if info["problem"]:
        sys.stderr.write(f"collectkit: error: {info['problem']}\n")
        return 2
    return 0


# ------------------------------------------------------------------ report, export, demo


def _open_store(url, *, create: bool = False):
    from .store import ResultStore

    return ResultStore(url, create=create)


def cmd_report(args) -> int:
    from .reports import find_cohort, find_trainee, write_report

    if (args.trainee is None) == (args.cohort is None):
        raise UsageError("give exactly one of --trainee ID or --cohort ID",
                         fix="a number or a name, e.g. --cohort 'US onboarding'")
    with _open_store(args.url) as store:
        if args.trainee is not None:
            who = find_trainee(store, args.trainee)
            path = write_report(store, args.out, trainee=who.id, lang=args.lang)
            print(f"wrote {path}: report of trainee {who.name} (#{who.id})")
        else:
            group = find_cohort(store, args.cohort)
            path = write_report(store, args.out, cohort=group.id, lang=args.lang)
            print(f"wrote {path}: report of cohort {group.name} (#{group.id})")
    return 0


def cmd_export(args) -> int:
    from .export import export_charts, export_csv, find_chromium
    from .reports import find_cohort, find_trainee

    if args.trainee is not None and args.cohort is not None:
        raise UsageError("give at most one of --trainee ID or --cohort ID")
    if args.png:
        find_chromium()  # say so before any file is written
    with _open_store(args.url) as store:
        trainee_id = find_trainee(store, args.trainee).id if args.trainee is not None else None
        cohort_id = find_cohort(store, args.cohort).id if args.cohort is not None else None
        written = export_csv(store, args.out, trainee_id=trainee_id, cohort_id=cohort_id)
        if args.png:
            written.update(export_charts(store, args.out, trainee_id=trainee_id,
                                         cohort_id=cohort_id, lang=args.lang))
    for path in written.values():
        print(path)
    return 0


class _ProgressBar:
    """``[#####.....] 120/800 calls`` on stderr: redrawn in place on a terminal, a line per
    tenth otherwise (logs and CI)."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self.tty = stream.isatty() if hasattr(stream, "isatty") else False
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = done * (100 if self.tty else 10) // max(total, 1)
        if step == self.shown:
            return
        self.shown = step
        filled = self.width * done // max(total, 1)
        bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} calls"
        self.stream.write(("\r" + bar) if self.tty else bar + "\n")
        if self.tty and done >= total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_demo(args) -> int:
    from .demo import demo_cohorts, generate_demo

    if args.trainees < 1 or args.days < 1:
        raise UsageError("--trainees and --days must be at least 1")
    with _open_store(args.url, create=True) as store:
        found = demo_cohorts(store)
        if found and not args.force:
            raise UsageError(f"{store.url} already has demo data (cohorts "
                             + ", ".join(c.name for c in found) + ")",
                             fix="use another --url, or --force to add more calls to it")
        counts = generate_demo(store, trainees=args.trainees, days=args.days, seed=args.seed,
                               progress=_ProgressBar(sys.stderr))
        url = store.url
        cohorts = store.cohorts()
    print(f"demo: {counts['trainees']} trainees in {counts['cohorts']} cohorts, "
          f"{counts['sessions']} role-plays, {counts['drills']} drills -> {url}")
    print("cohorts: " + ", ".join(f"{c.name} (#{c.id})" for c in cohorts))
    print(f"next: collectkit report --cohort {cohorts[0].id} --out cohort.html"
          + ("" if args.url is None else f" --url {args.url}"))
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

    personas = sub.add_parser("personas", help="the simulated debtor types")
    personas_sub = personas.add_subparsers(dest="personas_command", metavar="ACTION")
    pl = personas_sub.add_parser("list", help="one line per persona")
    pl.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    pl.set_defaults(func=cmd_personas_list)
    ps = personas_sub.add_parser("show", help="who the persona is and what works with them")
    ps.add_argument("persona_id", metavar="ID")
    ps.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    ps.add_argument("--format", choices=("table", "json"), default="table")
    ps.set_defaults(func=cmd_personas_show)
    personas.set_defaults(func=lambda args: (personas.print_help(), 0)[1])

    scenarios = sub.add_parser("scenarios", help="practice scenarios (persona + facts + goal)")
    scenarios_sub = scenarios.add_subparsers(dest="scenarios_command", metavar="ACTION")
    sl = scenarios_sub.add_parser("list", help="one line per scenario")
    sl.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    sl.set_defaults(func=cmd_scenarios_list)
    ss = scenarios_sub.add_parser("show", help="a scenario's facts and goal")
    ss.add_argument("scenario_id", metavar="ID")
    ss.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    ss.add_argument("--format", choices=("table", "json"), default="table")
    ss.set_defaults(func=cmd_scenarios_show)
    sv = scenarios_sub.add_parser("validate", help="check scenario files (all, or the given ones)")
    sv.add_argument("paths", nargs="*", metavar="FILE")
    sv.set_defaults(func=cmd_scenarios_validate)
    scenarios.set_defaults(func=lambda args: (scenarios.print_help(), 0)[1])

    rp = sub.add_parser("roleplay", help="practise a call with a simulated debtor",
                        description="Without --script: an interactive call in the terminal. With "
                                    "--script FILE: plays the file's agent lines in order.")
    rp.add_argument("--persona", metavar="ID")
    rp.add_argument("--scenario", metavar="ID")
    rp.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"))
    rp.add_argument("--seed", type=int, default=0)
    rp.add_argument("--script", metavar="FILE")
    rp.add_argument("--jurisdiction", choices=("US", "CN", "TW"), type=str.upper)
    rp.add_argument("--format", choices=("table", "json"), default="table")
    rp.set_defaults(func=cmd_roleplay)

    db = sub.add_parser("db", help="set up and inspect the progress database",
                        description="The database is --url, else $COLLECTKIT_DB, else "
                                    "collectkit.sqlite in your data folder. PostgreSQL: "
                                    "postgresql://USER:PASSWORD@HOST:PORT/DATABASE.")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    for name, func, text in (("init", cmd_db_init, "create the tables in an empty database"),
                             ("upgrade", cmd_db_upgrade, "upgrade an older schema to this version"),
                             ("info", cmd_db_info, "which database, its schema version and rows")):
        p = db_sub.add_parser(name, help=text)
        p.add_argument("--url", metavar="URL", help="database URL (default: $COLLECTKIT_DB)")
        if name == "info":
            p.add_argument("--format", choices=("table", "json"), default="table")
        p.set_defaults(func=func)
    db.set_defaults(func=lambda args: (db.print_help(), 0)[1])

    url_help = "database URL (default: $COLLECTKIT_DB, else collectkit.sqlite in your data folder)"
    rep = sub.add_parser("report", help="an HTML progress report of a trainee or a cohort",
                        description="Write one self-contained HTML file (charts, summary, "
                                    "attempts, violations with citations, certifications) that "
                                    "opens offline. IDs may be numbers or names.")
    rep.add_argument("--trainee", metavar="ID")
    rep.add_argument("--cohort", metavar="ID")
    rep.add_argument("--out", metavar="FILE", required=True, help="the .html file to write")
    rep.add_argument("--url", metavar="URL", help=url_help)
    rep.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"), default="en",
                    help="language of the chart labels")
    rep.set_defaults(func=cmd_report)

    ex = sub.add_parser("export", help="CSV files (and chart PNGs) of the stored results",
                        description="Write attempts.csv, violations.csv and certifications.csv "
                                    "(UTF-8 with BOM, opens in Excel) into a folder; with --png "
                                    "also the charts, drawn by Chromium through kaleido.")
    ex.add_argument("--out", metavar="DIR", required=True, help="folder (created if needed)")
    ex.add_argument("--trainee", metavar="ID", help="only this trainee (id or name)")
    ex.add_argument("--cohort", metavar="ID", help="only this cohort (id or name)")
    ex.add_argument("--png", action="store_true", help="also write the charts as PNG files")
    ex.add_argument("--lang", choices=("en", "zh-Hans", "zh-Hant"), default="en",
                    help="language of the chart labels")
    ex.add_argument("--url", metavar="URL", help=url_help)
    ex.set_defaults(func=cmd_export)

    dm = sub.add_parser("demo", help="fill a store with a simulated cohort (real role-plays)",
                        description="Simulated trainees of different skill play real role-plays "
                                    "through the engine; every call is scored and stored, so "
                                    "reports and charts have something to show. Creates the "
                                    "tables if the database is empty.")
    dm.add_argument("--trainees", type=int, default=30)
    dm.add_argument("--days", type=int, default=60)
    dm.add_argument("--seed", type=int, default=0)
    dm.add_argument("--force", action="store_true",
                    help="add to a store that already has demo data")
    dm.add_argument("--url", metavar="URL", help=url_help)
    dm.set_defaults(func=cmd_demo)
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

"""Self-contained HTML progress reports for a trainee or a cohort, read from a ``ResultStore``.

A report is one HTML file that opens offline: the plotly.js bundle is embedded once, inline,
and every chart of :mod:`collectkit.charts` after it reuses it. Everything that comes from users
(names, the lines trainees said, notes) is HTML-escaped, so ``<script>`` in a name shows as text.

>>> html = trainee_report(store, "Ana Ruiz")
>>> write_report(store, "cohort.html", cohort="US onboarding")

    collectkit report --trainee "Ana Ruiz" --out ana.html
    collectkit report --cohort 1 --out cohort.html
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from pathlib import Path

from .errors import UsageError

RECENT_VIOLATIONS = 50
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;
margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d2330;line-height:1.4}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #d5d9e0;padding-bottom:.3rem}
p.meta{color:#5b6475;margin-top:0}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.when{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.summary{width:auto}table.summary th{width:14rem}
.critical{color:#b3261e;font-weight:600}.major{color:#a35a00}.minor{color:#5b6475}
.pass{color:#1b7f3b;font-weight:600}.fail{color:#b3261e}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}
.chart{border:1px solid #e4e7ec;border-radius:6px;padding:.3rem}
.quote{font-style:italic}.empty{color:#5b6475}
.transcript td.speaker{width:6rem;color:#5b6475}
"""


# ------------------------------------------------------------------ who


def find_trainee(store, ref):
    """The trainee ``ref`` names: an id (``12`` or ``"12"``) or a name; one line if unknown.

    A name shared by several trainees is refused with their ids, so the report is never about
    the wrong person.
    """
    return _find(store.trainees(), ref, "trainee")


def find_cohort(store, ref):
    """The cohort ``ref`` names: an id or a name."""
    return _find(store.cohorts(), ref, "cohort")


def _find(rows, ref, kind):
    text = str(ref).strip()
    if text.isdigit():
        for row in rows:
            if row.id == int(text):
                return row
    matches = [r for r in rows if r.name == text] or \
        [r for r in rows if r.name.casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(str(r.id) for r in matches)
        raise UsageError(f"{len(matches)} {kind}s are called {text!r} (ids {ids})",
                         fix=f"give the {kind}'s id instead of the name")
    known = ", ".join(f"{r.name} ({r.id})" for r in rows[:6]) + (", ..." if len(rows) > 6 else "")
    raise UsageError(f"no {kind} {text!r} in this store",
                     fix=f"known {kind}s: {known}" if rows else f"this store has no {kind}s yet")


# ------------------------------------------------------------------ cells and tables


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _cell(value) -> str:
    """One value as escaped HTML text."""
    if _missing(value):
        return "–"
    if type(value).__name__ in ("bool", "bool_"):  # Python's and numpy's
        return '<span class="pass">yes</span>' if value else '<span class="fail">no</span>'
    if isinstance(value, dt.datetime) or type(value).__name__ == "Timestamp":
        return escape(value.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, dt.date):
        return escape(value.isoformat())
    if isinstance(value, float):
        return escape(f"{value:.1f}")
    if isinstance(value, (list, tuple)):
        return escape(", ".join(str(v) for v in value)) or "–"
    return escape(str(value))


def _table(headers, rows, *, numeric=(), cls="", classes=None) -> str:
    """An HTML table; ``rows`` of raw values (escaped here), ``classes`` a per-row CSS class for
    one column: ``{column_index: function(value) -> class}``."""
    if not rows:
        return '<p class="empty">None yet.</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            names = ["num"] if i in numeric else []
            if isinstance(value, dt.date) and not _missing(value):
                names.append("when")
            if classes and i in classes and not _missing(value):
                names.append(classes[i](value))
            attr = f' class="{" ".join(names)}"' if names else ""
            cells.append(f"<td{attr}>{_cell(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>'
            + "".join(body) + "</tbody></table>")


def _summary(pairs) -> str:
    return ('<table class="summary"><tbody>'
            + "".join(f"<tr><th>{escape(k)}</th><td>{_cell(v)}</td></tr>" for k, v in pairs)
            + "</tbody></table>")


def _severity(value) -> str:
    return escape(str(value))


class _Charts:
    """Figures to HTML: the first carries the plotly.js bundle inline, the rest reuse it."""

    def __init__(self):
        self.count = 0

    def html(self, fig) -> str:
        self.count += 1
        fig.update_layout(height=fig.layout.height or 420, margin=dict(l=60, r=20, t=60, b=60))
        div = fig.to_html(full_html=False, include_plotlyjs=self.count == 1,
                          div_id=f"ck-chart-{self.count}",
                          config={"displaylogo": False, "responsive": True})
        return f'<div class="chart">{div}</div>'


def _page(title: str, subtitle: str, sections) -> str:
    """``sections``: ``(id, heading, html)``; the id is the section's anchor (``#violations``)."""
    body = "\n".join(f'<section id="{key}"><h2>{escape(h)}</h2>\n{content}</section>'
                     for key, h, content in sections)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>"
            f"<h1>{escape(title)}</h1><p class=\"meta\">{subtitle}</p>\n{body}\n</body></html>\n")


def _rate(passed) -> float | None:
    passed = passed.dropna()
    return float(passed.astype(bool).mean() * 100) if len(passed) else None


def _attempt_rows(attempts, drill_names, with_trainee=False):
    rows = []
    for a in attempts.itertuples(index=False):
        row = [a.finished_at if not _missing(a.finished_at) else a.started_at]
        if with_trainee:
            row.append(a.trainee)
        drill = drill_names.get(int(a.drill_id)) if not _missing(a.drill_id) else None
        row += [a.scenario_id, a.persona, a.lang, a.kind, drill, a.status, a.outcome, a.total,
                a.compliance, a.technique, a.critical, a.passed]
        rows.append(row)
    return rows


ATTEMPT_HEADERS = ["When", "Scenario", "Debtor type", "Lang", "Kind", "Drill", "Status",
                   "Outcome", "Total", "Compliance", "Technique", "Critical", "Passed"]


def _violation_rows(violations, with_trainee=False):
    rows = []
    for v in violations.itertuples(index=False):
        row = [v.started_at] + ([v.trainee] if with_trainee else [])
        row += [v.scenario_id, None if _missing(v.turn) else int(v.turn), v.rule, v.category,
                v.severity, v.citation, v.quote or None]
        rows.append(row)
    return rows


VIOLATION_HEADERS = ["When", "Scenario", "Turn", "Rule", "Category", "Severity", "Citation",
                     "What was said"]


def _certification_rows(certs, with_trainee=False):
    return [([c.trainee] if with_trainee else []) + [c.drill, c.certified_at]
            for c in certs.itertuples(index=False)]


# ------------------------------------------------------------------ trainee


def trainee_report(store, trainee, *, lang: str = "en") -> str:
    """The HTML report of one trainee (an id or a name): summary, charts, drills,
    certifications, every attempt, every violation with its citation, the latest call."""
    from . import charts

    who = find_trainee(store, trainee)
    attempts = store.attempts_df(who.id)
    violations = store.violations_df(who.id)
    certs = store.certifications_df(who.id)
    drills = store.drills_df()
    drill_names = {int(d): n for d, n in zip(drills["drill_id"], drills["name"])}
    scored = attempts.dropna(subset=["total"])
    critical = int((violations["severity"] == "critical").sum()) if len(violations) else 0
    summary = _summary([
        ("Calls and scripts", len(attempts)), ("Scored", len(scored)),
        ("Passed", int(scored["passed"].fillna(False).astype(bool).sum())),
        ("Pass rate (%)", _rate(scored["passed"])),
        ("Mean total", float(scored["total"].mean()) if len(scored) else None),
        ("Best total", int(scored["total"].max()) if len(scored) else None),
        ("Mean of the last 5", float(scored["total"].tail(5).mean()) if len(scored) else None),
        ("Violations", len(violations)), ("Critical violations", critical),
        ("Certifications", len(certs))])

    figures = _Charts()
    chart_html = [figures.html(charts.learning_curve(attempts, lang=lang)),
                  figures.html(charts.technique_radar(attempts, lang=lang)),
                  figures.html(charts.top_rules(violations, lang=lang))]
    if attempts["drill_id"].notna().any():
        chart_html.append(figures.html(charts.drill_pass_rate(attempts, drills=drills, lang=lang)))
    latest = _latest_call(attempts)
    if latest is not None and latest["kind"] == "roleplay":
        states = store.states_df(int(latest["session_id"]))
        chart_html.append(figures.html(charts.state_curve(states, lang=lang)))

    assigned = [[a.drill.name, a.via, a.drill.due, a.drill.pass_mark, list(a.drill.scenario_ids),
                 list(a.passed) or None, list(a.remaining) or None, a.certified_at]
                for a in store.assignments(who.id)]
    sections = [
        ("summary", "Summary", summary),
        ("charts", "Charts", '<div class="charts">' + "".join(chart_html) + "</div>"),
        ("drills", "Assigned drills",
         _table(["Drill", "Assigned via", "Due", "Pass mark", "Scenarios", "Passed", "Left",
                 "Certified"], assigned, numeric={3})),
        ("certifications", "Certifications",
         _table(["Drill", "Certified"], _certification_rows(certs))),
        ("attempts", "Attempts",
         _table(ATTEMPT_HEADERS, _attempt_rows(attempts, drill_names), numeric={8, 9, 10, 11})),
        ("violations", "Violations",
         _table(VIOLATION_HEADERS, _violation_rows(violations), numeric={2},
                classes={5: _severity})),
    ]
    if latest is not None:
        sections.append(_transcript_section(store, latest))
    cohort = f"cohort {escape(who.cohort)}" if who.cohort else "no cohort"
    subtitle = (f"Trainee #{who.id} · {cohort}"
                + (f" · {escape(who.email)}" if who.email else "")
                + f" · store {escape(store.url)}")
    return _page(f"Progress report: {who.name}", subtitle, sections)


def _latest_call(attempts):
    finished = attempts[attempts["status"] == "finished"]
    return None if finished.empty else finished.iloc[-1]


def _transcript_section(store, latest):
    turns = store.turns_df(int(latest["session_id"]))
    rows = [[int(t.turn), "trainee" if t.speaker == "agent" else t.speaker, t.text,
             list(t.acts) or None] for t in turns.itertuples(index=False)]
    when = _cell(latest["finished_at"])
    title = (f"Latest call: {latest['scenario_id'] or latest['kind']} "
             f"({latest['outcome'] or latest['status']})")
    return ("latest-call", title, f'<p class="meta">{when} · total {_cell(latest["total"])}</p>'
            + _table(["Turn", "Speaker", "Line", "Acts"], rows, cls="transcript", numeric={0}))


# ------------------------------------------------------------------ cohort


def cohort_report(store, cohort, *, lang: str = "en") -> str:
    """The HTML report of a cohort (an id or a name): summary, one line per trainee, charts,
    drill progress, the rules broken (with citations), recent violations, certifications."""
    from . import charts

    group = find_cohort(store, cohort)
    people = store.trainees_df(group.id)
    attempts = store.attempts_df(cohort_id=group.id)
    violations = store.violations_df(cohort_id=group.id)
    ids = {int(i) for i in people["trainee_id"]}
    certs = store.certifications_df()
    certs = certs[certs["trainee_id"].isin(ids)] if len(certs) else certs
    drills = store.drills_df()
    drill_names = {int(d): n for d, n in zip(drills["drill_id"], drills["name"])}
    scored = attempts.dropna(subset=["total"])

    per_trainee = []
    for p in people.itertuples(index=False):
        mine = scored[scored["trainee_id"] == p.trainee_id]
        found = violations[violations["trainee_id"] == p.trainee_id]
        last = attempts[attempts["trainee_id"] == p.trainee_id]["started_at"].max()
        per_trainee.append([p.trainee_id, p.name, p.sessions, p.finished,
                            float(mine["total"].mean()) if len(mine) else None,
                            int(mine["total"].max()) if len(mine) else None,
                            _rate(mine["passed"]), len(found),
                            int((found["severity"] == "critical").sum()), p.certifications,
                            last])
    summary = _summary([
        ("Trainees", len(people)), ("Calls and scripts", len(attempts)), ("Scored", len(scored)),
        ("Pass rate (%)", _rate(scored["passed"])),
        ("Mean total", float(scored["total"].mean()) if len(scored) else None),
        ("Violations", len(violations)),
        ("Critical violations", int((violations["severity"] == "critical").sum())
         if len(violations) else 0),
        ("Certifications", len(certs))])

    figures = _Charts()
    chart_html = [figures.html(charts.learning_curve(attempts, lang=lang)),
                  figures.html(charts.violation_heatmap(violations, lang=lang)),
                  figures.html(charts.top_rules(violations, lang=lang)),
                  figures.html(charts.drill_pass_rate(attempts, drills=drills, lang=lang)),
                  figures.html(charts.technique_radar(attempts, lang=lang))]

    drill_sections = []
    cohort_drills = _cohort_drills(store, drills, attempts, ids)
    for drill_id in cohort_drills:
        info = store.drill(drill_id)
        progress = [[p.trainee, p.attempts, list(p.passed) or None, list(p.remaining) or None,
                     ", ".join(f"{s} {b}" for s, b in sorted(p.best.items())) or None,
                     p.certified_at]
                    for p in store.drill_progress(drill_id) if p.trainee_id in ids]
        head = (f"<h3>{escape(info.name)}</h3><p class=\"meta\">pass mark {info.pass_mark}"
                + (f" · due {escape(info.due.isoformat())}" if info.due else "")
                + f" · scenarios {escape(', '.join(info.scenario_ids))}</p>")
        drill_sections.append(head + _table(["Trainee", "Attempts", "Passed", "Left",
                                             "Best total per scenario", "Certified"],
                                            progress, numeric={1}))

    by_rule = []
    if len(violations):
        grouped = violations.groupby("rule", sort=True)
        for rule, rows in grouped:
            first = rows.iloc[0]
            by_rule.append([rule, first["category"], first["severity"], first["citation"],
                            len(rows), rows["trainee_id"].nunique()])
        by_rule.sort(key=lambda r: (-r[4], r[0]))
    recent = violations.sort_values("started_at", kind="stable").tail(RECENT_VIOLATIONS)[::-1]

    sections = [
        ("summary", "Summary", summary),
        ("trainees", "Trainees",
         _table(["Id", "Trainee", "Calls", "Scored", "Mean total", "Best total", "Pass rate (%)",
                 "Violations", "Critical", "Certifications", "Last call"], per_trainee,
                numeric={0, 2, 3, 4, 5, 6, 7, 8, 9})),
        ("charts", "Charts", '<div class="charts">' + "".join(chart_html) + "</div>"),
        ("drills", "Drills", "".join(drill_sections) or '<p class="empty">No drills yet.</p>'),
        ("rules", "Rules broken",
         _table(["Rule", "Category", "Severity", "Citation", "Times", "Trainees"], by_rule,
                numeric={4, 5}, classes={2: _severity})),
        ("violations", f"Recent violations (latest {RECENT_VIOLATIONS})",
         _table(["When", "Trainee"] + VIOLATION_HEADERS[1:],
                _violation_rows(recent, with_trainee=True), numeric={3},
                classes={6: _severity})),
        ("certifications", "Certifications",
         _table(["Trainee", "Drill", "Certified"], _certification_rows(certs, with_trainee=True))),
        ("attempts", "Attempts",
         _table(["When", "Trainee"] + ATTEMPT_HEADERS[1:],
                _attempt_rows(attempts, drill_names, with_trainee=True),
                numeric={9, 10, 11, 12})),
    ]
    subtitle = f"Cohort #{group.id} · {len(people)} trainees · store {escape(store.url)}"
    return _page(f"Cohort report: {group.name}", subtitle, sections)


def _cohort_drills(store, drills, attempts, ids) -> list[int]:
    """Drills assigned to the cohort or to one of its trainees, or attempted by one of them."""
    found = {int(d) for d in attempts["drill_id"].dropna()}
    for trainee_id in ids:
        found |= {a.drill.id for a in store.assignments(trainee_id)}
    return sorted(found)


# ------------------------------------------------------------------ files


def write_report(store, path: str | os.PathLike, *, trainee=None, cohort=None,
                 lang: str = "en") -> Path:
    """Write the report of ``trainee`` or ``cohort`` (exactly one) to ``path``."""
    if (trainee is None) == (cohort is None):
        raise UsageError("give exactly one of trainee=... or cohort=...",
                         fix="--trainee ID or --cohort ID on the command line")
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(f"folder {str(path.parent)!r} does not exist", path=path,
                         fix="create it first or write the report elsewhere")
    html = (trainee_report(store, trainee, lang=lang) if trainee is not None
            else cohort_report(store, cohort, lang=lang))
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror}", path=path) from None
    return path

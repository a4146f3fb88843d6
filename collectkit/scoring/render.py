"""HTML rendering of a score report for notebooks; every piece of call text is escaped."""

from __future__ import annotations

from html import escape

_STYLE = ("font-family:system-ui,sans-serif;font-size:13px;border-collapse:collapse;"
          "margin:4px 0")
_CELL = "border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top"
_SEVERITY_COLOUR = {"critical": "#b00020", "major": "#b45f06", "minor": "#555"}


def report_html(report, transcript=None) -> str:
    s = report.score
    verdict = ("<b style='color:#1b5e20'>PASSED</b>" if s.passed
               else "<b style='color:#b00020'>FAILED</b>")
    parts = [f"<div class='collectkit-report'><p>{escape(report.call_id or '')} "
             f"({escape(report.jurisdiction)}, {escape(report.lang)}): {verdict} · total "
             f"{s.total} · compliance {s.compliance}"
             + (f" · technique {s.technique}" if s.technique is not None else "")
             + (f" · outcome {s.outcome}" if s.outcome is not None else "") + "</p>"]
    if report.violations:
        rows = "".join(
            f"<tr><td style='{_CELL}'>{'call' if v.turn is None else v.turn}</td>"
            f"<td style='{_CELL};color:{_SEVERITY_COLOUR[v.severity]}'>{escape(v.severity)}</td>"
            f"<td style='{_CELL}'>{escape(v.rule)}<br><small>{escape(v.category)}</small></td>"
            f"<td style='{_CELL}'>{escape(v.quote)}</td>"
            f"<td style='{_CELL}'>{escape(v.message)}<br><small>{escape(v.citation)}</small></td>"
            f"<td style='{_CELL}'>{escape(v.suggestion)}</td></tr>"
            for v in report.violations)
        head = "".join(f"<th style='{_CELL}'>{h}</th>" for h in
                       ("turn", "severity", "rule", "what was said", "why", "say instead"))
        parts.append(f"<table style='{_STYLE}'><tr>{head}</tr>{rows}</table>")
    else:
        parts.append("<p>No violations found.</p>")
    if transcript is not None:
        lines = []
        for i, turn in enumerate(transcript.turns):
            acts = ", ".join(report.acts[i]) if i < len(report.acts) else ""
            lines.append(f"<tr><td style='{_CELL}'>{i}</td><td style='{_CELL}'>{escape(turn.speaker)}</td>"
                         f"<td style='{_CELL}'>{escape(turn.text)}</td>"
                         f"<td style='{_CELL}'><small>{escape(acts)}</small></td></tr>")
        head = "".join(f"<th style='{_CELL}'>{h}</th>" for h in ("turn", "speaker", "text", "acts"))
        parts.append(f"<table style='{_STYLE}'><tr>{head}</tr>{''.join(lines)}</table>")
    parts.append("</div>")
    return "".join(parts)

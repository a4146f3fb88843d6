"""HTML pieces the widgets show; all trainee and debtor text is escaped here."""

from __future__ import annotations

from html import escape

SPEAKER = {"en": ("You", "Debtor"), "zh-Hans": ("你", "客户"), "zh-Hant": ("你", "客戶")}


def chat_html(turns, lang: str = "en") -> str:
    you, them = SPEAKER.get(lang, SPEAKER["en"])
    rows = []
    for index, turn in enumerate(turns):
        mine = turn.speaker == "agent"
        colour = "#e3f2fd" if mine else "#f5f5f5"
        align = "right" if mine else "left"
        who = you if mine else them
        rows.append(f"<div class='ck-turn ck-{turn.speaker}' data-turn='{index}' "
                    f"style='text-align:{align};margin:4px 0'>"
                    f"<span style='display:inline-block;background:{colour};padding:6px 10px;"
                    f"border-radius:8px;max-width:80%'><b>{escape(who)}</b> "
                    f"<small>#{index}</small><br>{escape(turn.text)}</span></div>")
    return "<div class='ck-chat'>" + "".join(rows) + "</div>"


def violations_html(violations, title: str = "") -> str:
    if not violations:
        return ""
    items = "".join(f"<li><b>{escape(v.rule)}</b> ({escape(v.category)}, {escape(v.citation)}): "
                    f"{escape(v.message)}<br><i>{escape(v.suggestion)}</i></li>" for v in violations)
    head = f"<b>{escape(title)}</b>" if title else ""
    return f"<div class='ck-warning' style='color:#b00020'>{head}<ul>{items}</ul></div>"


def error_html(message: str) -> str:
    return f"<div class='ck-error' style='color:#b00020'>⚠ {escape(message)}</div>"


def feedback_html(report, lang: str = "en") -> str:
    labels = {"en": ("Turn", "What to change", "Try instead"),
              "zh-Hans": ("轮次", "需要改进", "可以这样说"),
              "zh-Hant": ("輪次", "需要改進", "可以這樣說")}[lang if lang in SPEAKER else "en"]
    rows = "".join(
        f"<tr><td>{'—' if f.turn is None else f.turn}</td><td>{escape(f.kind)}</td>"
        f"<td>{escape(f.message)}</td><td><i>{escape(f.better_line)}</i></td></tr>"
        for f in report.feedback)
    return (f"<table class='ck-feedback' style='border-collapse:collapse'><tr><th>{labels[0]}</th>"
            f"<th></th><th>{labels[1]}</th><th>{labels[2]}</th></tr>{rows}</table>")


def script_html(transcript, report, lang: str = "en") -> str:
    """The script line by line, lines with violations highlighted with citation and suggestion."""
    by_turn: dict = {}
    for v in report.violations:
        by_turn.setdefault(v.turn, []).append(v)
    rows = []
    for index, turn in enumerate(transcript.turns):
        found = by_turn.get(index, [])
        style = "background:#ffebee;border-left:4px solid #b00020" if found else "border-left:4px solid #eee"
        notes = "".join(f"<div style='font-size:90%'><b>{escape(v.rule)}</b> · {escape(v.severity)} · "
                        f"{escape(v.citation)}<br>{escape(v.message)}<br>→ <i>{escape(v.suggestion)}</i></div>"
                        for v in found)
        rows.append(f"<div class='ck-line{' ck-flagged' if found else ''}' data-turn='{index}' "
                    f"style='{style};padding:4px 8px;margin:2px 0'><small>#{index}</small> "
                    f"{escape(turn.text)}{notes}</div>")
    call_level = "".join(f"<li>{escape(v.rule)}: {escape(v.message)}</li>" for v in by_turn.get(None, []))
    head = f"<ul class='ck-call-level'>{call_level}</ul>" if call_level else ""
    return head + "".join(rows)

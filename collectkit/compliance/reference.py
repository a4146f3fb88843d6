"""The rules reference: every rule's text in one table, searchable (notebook 01)."""

from __future__ import annotations

from html import escape

from ..text import localize, normalize
from .catalog import default_catalog

REGIME_LANG = {"US": "en", "CN": "zh-Hans", "TW": "zh-Hant"}
COLUMNS = ("id", "regime", "category", "severity", "title", "citation", "explanation",
           "suggestion", "detection")


def rule_rows(regime: str | None = None, query: str = "", lang: str | None = None) -> list[dict]:
    """One dict per rule, in the rule's own language unless ``lang`` is given; ``query``
    matches any field (case-insensitive; Simplified and Traditional match each other)."""
    needle = normalize(query) if query else ""
    rows = []
    for rule in default_catalog().rules:
        if regime and rule.regime != regime:
            continue
        use = lang or REGIME_LANG[rule.regime]
        row = {"id": rule.id, "regime": rule.regime, "category": rule.category,
               "severity": rule.severity, "title": localize(rule.title, use),
               "citation": rule.citation, "explanation": localize(rule.explanation, use).strip(),
               "suggestion": localize(rule.suggestion, use).strip(),
               "detection": rule.describe_detection()}
        if needle and needle not in normalize(" ".join(str(v) for v in row.values())):
            continue
        rows.append(row)
    return rows


def rules_frame(regime: str | None = None, query: str = "", lang: str | None = None):
    import pandas as pd

    return pd.DataFrame(rule_rows(regime, query, lang), columns=list(COLUMNS))


def rules_html(regime: str | None = None, query: str = "", lang: str | None = None) -> str:
    rows = rule_rows(regime, query, lang)
    body = "".join(
        f"<tr><td><b>{escape(r['id'])}</b><br><small>{escape(r['severity'])}</small></td>"
        f"<td>{escape(r['title'])}<br><small>{escape(r['category'])}</small></td>"
        f"<td>{escape(r['explanation'])}<br><i>→ {escape(r['suggestion'])}</i></td>"
        f"<td><small>{escape(r['citation'])}</small></td></tr>" for r in rows)
    return (f"<p>{len(rows)} rules</p><table class='ck-rules'><tr><th>Rule</th><th>Title</th>"
            f"<th>Why, and what to say instead</th><th>Citation</th></tr>{body}</table>")

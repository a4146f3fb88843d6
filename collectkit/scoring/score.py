"""``score()``: check a transcript and turn the findings into a section 7 report."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..compliance.catalog import Catalog, default_catalog
from ..compliance.checker import check
from ..transcript import Transcript, load, load_all
from .report import Feedback, Score, ScoreReport

DEFAULT_PASS_MARK = 70
CRITICAL_CAP = 20
PENALTY = {"critical": 50, "major": 20, "minor": 5}


def compliance_points(violations) -> int:
    """100 minus a penalty per violation (critical 50, major 20, minor 5), floored at 0."""
    return max(0, 100 - sum(PENALTY[v.severity] for v in violations))


def score(path_or_transcript: str | Path | Transcript, scenario=None, *,
          catalog: Catalog | None = None) -> ScoreReport:
    """Score one call or script.

    >>> from collectkit.transcript import from_lines
    >>> report = score(from_lines(["We will tell your boss about this debt."], jurisdiction="US"))
    >>> report.score.passed, sorted({v.category for v in report.violations})
    (False, ['employer_contact', 'third_party_disclosure'])
    """
    transcript = path_or_transcript
    if not isinstance(transcript, Transcript):
        transcript = load(path_or_transcript)
    result = check(transcript, catalog=catalog or default_catalog())
    compliance = compliance_points(result.violations)
    critical = any(v.severity == "critical" for v in result.violations)
    total = min(compliance, CRITICAL_CAP) if critical else compliance
    pass_mark = getattr(scenario, "pass_mark", None) or DEFAULT_PASS_MARK
    feedback = tuple(Feedback(v.turn, "compliance", f"{v.rule} ({v.citation}): {v.message}",
                              v.suggestion) for v in result.violations)
    return ScoreReport(
        call_id=transcript.meta.call_id, jurisdiction=transcript.meta.jurisdiction,
        lang=transcript.meta.lang, violations=result.violations, acts=result.acts,
        score=Score(total=total, compliance=compliance, technique=None, outcome=None,
                    passed=(not critical) and total >= pass_mark),
        feedback=feedback, source=transcript.source,
    )


def score_many(items: Iterable[str | Path | Transcript], scenario=None) -> Iterator[ScoreReport]:
    """Score many calls lazily, in input order; a file holding several calls yields each."""
    catalog = default_catalog()
    for item in items:
        if isinstance(item, Transcript):
            yield score(item, scenario, catalog=catalog)
        else:
            for transcript in load_all(item):
                yield score(transcript, scenario, catalog=catalog)

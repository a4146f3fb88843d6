"""Typed score reports that serialise to the JSON of DESIGN.md section 7."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..compliance.checker import Violation


@dataclass(frozen=True)
class Score:
    total: int
    compliance: int
    technique: int | None
    outcome: int | None
    passed: bool

    def to_dict(self) -> dict:
        return {"total": self.total, "compliance": self.compliance, "technique": self.technique,
                "outcome": self.outcome, "passed": self.passed}


@dataclass(frozen=True)
class Feedback:
    turn: int | None
    kind: str           # "compliance" | "technique" | "structure" | "outcome"
    message: str
    better_line: str

    def to_dict(self) -> dict:
        return {"turn": self.turn, "kind": self.kind, "message": self.message,
                "better_line": self.better_line}


@dataclass(frozen=True)
class ScoreReport:
    call_id: str
    jurisdiction: str
    lang: str
    violations: tuple[Violation, ...]
    acts: tuple[tuple[str, ...], ...]
    score: Score
    feedback: tuple[Feedback, ...] = ()
    source: str | None = field(default=None, compare=False)
    outcome_label: str | None = None       # how the call ended (DESIGN.md section 8), None for scripts
    persona: str | None = None             # the debtor type the technique was judged against
    breakdown: dict = field(default_factory=dict)   # points per dimension
    checks: tuple = ()                     # every structure and technique check, passed or not

    @property
    def passed(self) -> bool:
        return self.score.passed

    @property
    def critical(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "critical")

    def _repr_html_(self) -> str:
        from .render import report_html
        return report_html(self)

    def to_html(self, transcript=None) -> str:
        """An HTML table of the findings (and the call, if given); call text is escaped."""
        from .render import report_html
        return report_html(self, transcript)

    def to_dict(self) -> dict:
        return {"call_id": self.call_id, "jurisdiction": self.jurisdiction, "lang": self.lang,
                "violations": [v.to_dict() for v in self.violations],
                "acts": [list(a) for a in self.acts],
                "score": self.score.to_dict(),
                "feedback": [f.to_dict() for f in self.feedback],
                "outcome": self.outcome_label, "persona": self.persona,
                "breakdown": dict(self.breakdown),
                "checks": [c.to_dict() for c in self.checks]}

"""Scoring: compliance gate now; the technique rubric and outcome come with the coaching issue."""

from .report import Feedback, Score, ScoreReport
from .score import DEFAULT_PASS_MARK, score, score_many

__all__ = ["DEFAULT_PASS_MARK", "Feedback", "Score", "ScoreReport", "score", "score_many"]

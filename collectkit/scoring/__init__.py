"""Scoring: the compliance gate, call structure, technique per debtor type, outcome and
balance, with feedback and better lines; debriefs of role-plays."""

from .debrief import Debrief, TurningPoint, debrief
from .report import Feedback, Score, ScoreReport
from .score import DEFAULT_PASS_MARK, score, score_many

__all__ = ["DEFAULT_PASS_MARK", "Debrief", "Feedback", "Score", "ScoreReport", "TurningPoint",
           "debrief", "score", "score_many"]

"""The debrief of a role-play: hidden-state curve, turning points, score, feedback.

>>> from collectkit.engine import Session
>>> s = Session("aggressive", seed=1)
>>> _ = s.say("Pay today or we'll have you arrested.")
>>> debrief(s).turning_points[0].variable
'anger'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..text import localize

DATA = Path(__file__).parent / "debrief.yaml"
WATCHED = ("anger", "trust", "willingness", "distress")
THRESHOLD = 0.1
PUSH_ACTS = {"ask_commitment", "state_balance", "firm_stance"}
HEARD_ACTS = {"empathize", "listen_acknowledge", "ask_reason"}


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class TurningPoint:
    turn: int            # the trainee's turn (index into the call's turns) that caused it
    variable: str
    before: float
    after: float
    message: str

    @property
    def delta(self) -> float:
        return self.after - self.before

    def to_dict(self) -> dict:
        return {"turn": self.turn, "variable": self.variable, "before": round(self.before, 3),
                "after": round(self.after, 3), "delta": round(self.delta, 3),
                "message": self.message}


@dataclass(frozen=True)
class Debrief:
    persona: str
    lang: str
    outcome: str
    states: tuple[dict, ...]          # initial state first, then one per debtor reply
    turns: tuple[int, ...]            # the agent turn after which each state was reached (-1 = start)
    turning_points: tuple[TurningPoint, ...]
    report: object

    def to_dict(self) -> dict:
        return {"persona": self.persona, "lang": self.lang, "outcome": self.outcome,
                "states": [dict(s, turn=t) for s, t in zip(self.states, self.turns)],
                "turning_points": [tp.to_dict() for tp in self.turning_points],
                "report": self.report.to_dict()}

    def to_dataframe(self):
        """One row per point of the curve: ``turn`` and a column per hidden variable."""
        import pandas as pd

        return pd.DataFrame([dict(s, turn=t) for s, t in zip(self.states, self.turns)])


def explain(acts, earlier_acts, variable: str, rose: bool, turn: int, lang: str) -> str:
    words = _words()
    what = localize(words["nothing"], lang)
    chosen = None
    for act in words["acts"]:
        if act in acts:
            chosen = act
            what = localize(words["acts"][act], lang)
            break
    context = ""
    if (chosen in PUSH_ACTS and variable == "anger" and rose
            and HEARD_ACTS.isdisjoint(earlier_acts)):
        context = localize(words["before_listening"], lang)
    return localize(words["template"], lang).format(
        variable=localize(words["variables"][variable], lang),
        direction=localize(words["rose" if rose else "fell"], lang),
        turn=turn, what=what, context=context)


def debrief(session) -> Debrief:
    """Build the debrief of a :class:`collectkit.engine.Session` (finished or not)."""
    report = session.report()
    lang = session.lang
    agent_turns = [i for i, t in enumerate(session.turns) if t.speaker == "agent"]
    states = [session.initial_state.to_dict()] + [s.to_dict() for s in session.states]
    turns = [-1] + agent_turns[:len(session.states)]
    points = []
    seen_acts: set[str] = set()
    for k, turn in enumerate(turns[1:], start=1):
        acts = set(report.acts[turn]) if turn < len(report.acts) else set()
        for variable in WATCHED:
            before, after = states[k - 1][variable], states[k][variable]
            if abs(after - before) >= THRESHOLD:
                points.append(TurningPoint(turn, variable, before, after,
                                           explain(acts, seen_acts, variable, after > before,
                                                   turn, lang)))
        seen_acts |= acts
    return Debrief(session.persona.id, lang, session.outcome, tuple(states), tuple(turns),
                   tuple(points), report)

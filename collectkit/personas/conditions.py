"""Conditions in persona files: ``when: {anger: '>=0.6', acts_any: [empathize]}``.

All keys of a ``when`` mapping must hold. Keys:

* a state variable (``anger``, ``trust``, ...): ``'>=0.6'``, ``'<0.4'``, ``'>0.5'``, ``'<=0.2'``
* ``acts_any`` / ``acts_all`` / ``acts_none``: the trainee line's acts
* ``cues_any``: persona-specific trainee moves (``cues:`` in the persona file)
* ``flags`` / ``not_flags``: flags set by earlier effects (``set: [heard]``)
* ``unlawful``: the line has an unlawful act or a critical violation
* ``violation``: the line broke any rule
* ``promise``: the promise so far: ``none``, ``vague``, ``offered``, ``pinned``, ``stressed``
* ``plan``: ``none`` or ``accepted``
* ``turn``: the trainee's line number, 1-based (``'>=3'``)
* ``has_amount`` / ``has_date`` / ``amount_fits``: what the trainee's line names
* ``count``: ``{flag: '>=2'}``: how many lines set that counter (see ``count:`` in effects)
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any

from ..errors import PersonaError

STATE_VARS = ("anger", "trust", "willingness", "ability", "promise_keeping", "sophistication",
              "distress")
PROMISE_LEVELS = ("none", "vague", "offered", "pinned", "stressed")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
        "==": operator.eq}
_COMPARISON = re.compile(r"^\s*(>=|<=|>|<|==)\s*(-?\d+(?:\.\d+)?)\s*$")
KEYS = set(STATE_VARS) | {"acts_any", "acts_all", "acts_none", "cues_any", "flags", "not_flags",
                          "unlawful", "violation", "promise", "plan", "turn", "has_amount",
                          "has_date", "amount_fits", "count"}


def _comparison(value, where) -> tuple:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return operator.ge, float(value)
    match = _COMPARISON.match(str(value))
    if not match:
        raise PersonaError(f"condition {value!r} is not a comparison like '>=0.6'", **where)
    return _OPS[match.group(1)], float(match.group(2))


@dataclass(frozen=True)
class Condition:
    checks: tuple

    @classmethod
    def parse(cls, raw: Any, where: dict, cue_names=(), acts_vocab=()) -> "Condition":
        if raw is None:
            return cls(())
        if not isinstance(raw, dict):
            raise PersonaError("'when' must be a mapping", **where)
        checks = []
        for key, value in raw.items():
            if key not in KEYS:
                raise PersonaError(f"unknown condition {key!r}", **where,
                                   fix="one of: " + ", ".join(sorted(KEYS)))
            if key in STATE_VARS or key == "turn":
                checks.append((key, _comparison(value, where)))
            elif key in ("acts_any", "acts_all", "acts_none"):
                items = frozenset([value] if isinstance(value, str) else value)
                unknown = items - set(acts_vocab)
                if unknown:
                    raise PersonaError(f"unknown act {sorted(unknown)[0]!r}", **where)
                checks.append((key, items))
            elif key == "cues_any":
                items = frozenset([value] if isinstance(value, str) else value)
                unknown = items - set(cue_names)
                if unknown:
                    raise PersonaError(f"unknown cue {sorted(unknown)[0]!r}", **where,
                                       fix="define it under 'cues:' in the persona file")
                checks.append((key, items))
            elif key in ("flags", "not_flags"):
                checks.append((key, frozenset([value] if isinstance(value, str) else value)))
            elif key == "promise":
                items = frozenset([value] if isinstance(value, str) else value)
                if items - set(PROMISE_LEVELS):
                    raise PersonaError(f"unknown promise level in {value!r}", **where,
                                       fix="one of: " + ", ".join(PROMISE_LEVELS))
                checks.append((key, items))
            elif key == "plan":
                checks.append((key, frozenset([value] if isinstance(value, str) else value)))
            elif key == "count":
                if not isinstance(value, dict):
                    raise PersonaError("count must map a counter to a comparison", **where)
                checks.append((key, tuple((k, _comparison(v, where)) for k, v in value.items())))
            else:
                checks.append((key, bool(value)))
        return cls(tuple(checks))

    def holds(self, ctx) -> bool:
        for key, want in self.checks:
            if key in STATE_VARS:
                op, number = want
                if not op(getattr(ctx.state, key), number):
                    return False
            elif key == "turn":
                op, number = want
                if not op(ctx.turn, number):
                    return False
            elif key == "acts_any":
                if want.isdisjoint(ctx.acts):
                    return False
            elif key == "acts_all":
                if not want <= ctx.acts:
                    return False
            elif key == "acts_none":
                if not want.isdisjoint(ctx.acts):
                    return False
            elif key == "cues_any":
                if want.isdisjoint(ctx.cues):
                    return False
            elif key == "flags":
                if not want <= ctx.flags:
                    return False
            elif key == "not_flags":
                if not want.isdisjoint(ctx.flags):
                    return False
            elif key == "promise":
                if ctx.promise not in want:
                    return False
            elif key == "plan":
                if ctx.plan not in want:
                    return False
            elif key == "count":
                for counter, (op, number) in want:
                    if not op(ctx.counts.get(counter, 0), number):
                        return False
            elif getattr(ctx, key) != want:
                return False
        return True

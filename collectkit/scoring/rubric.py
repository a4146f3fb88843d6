"""The coaching rubric (``rubric.yaml``): structure, technique, outcome and balance scores,
with per-turn feedback and better lines in the trainee's language."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..dialogue.acts import ACTS
from ..text import localize

RUBRIC_PATH = Path(__file__).parent / "rubric.yaml"
CHECK_KINDS = ("present", "absent", "before", "count_at_least", "count_at_most", "cue",
               "absent_after")


@functools.lru_cache(maxsize=1)
def rubric() -> dict:
    data = yaml.safe_load(RUBRIC_PATH.read_text(encoding="utf-8"))
    for persona, checks in data["technique"].items():
        for check in checks:
            assert check["kind"] in CHECK_KINDS, (persona, check)
            for key in ("acts", "first", "then"):
                for act in check.get(key, ()):
                    assert act in ACTS, (persona, check["id"], act)
    return data


@dataclass(frozen=True)
class CheckResult:
    id: str
    dimension: str          # "structure" | "technique"
    passed: bool
    points: float
    earned: float
    turn: int | None
    message: str
    better_line: str

    def to_dict(self) -> dict:
        return {"id": self.id, "dimension": self.dimension, "passed": self.passed,
                "points": self.points, "earned": self.earned, "turn": self.turn,
                "message": self.message, "better_line": self.better_line}


def _first(turns, acts, wanted):
    for index in turns:
        if not wanted.isdisjoint(acts[index]):
            return index
    return None


def _better(spec, lang: str) -> str:
    """The first model line for ``lang`` (zh-Hant falls back to converted zh-Hans, then en)."""
    from ..text import to_simplified, to_traditional

    bank = spec.get("better") or {}
    lines = bank.get(lang)
    if lines is None and lang == "zh-Hant" and "zh-Hans" in bank:
        lines = [to_traditional(line) for line in bank["zh-Hans"]]
    if lines is None and lang == "zh-Hans" and "zh-Hant" in bank:
        lines = [to_simplified(line) for line in bank["zh-Hant"]]
    if lines is None:
        lines = bank.get("en") or []
    return lines[0] if lines else ""


def evaluate_check(check, agent_turns, acts, contexts, cues) -> tuple[bool, int | None]:
    kind = check["kind"]
    wanted = frozenset(check.get("acts", ()))
    if kind == "present":
        # a persona cue (e.g. the evasive type's "better option" hint) may stand in for the acts
        by_cue = check.get("cue") and any(check["cue"] in cues.get(i, ()) for i in agent_turns)
        return bool(by_cue) or _first(agent_turns, acts, wanted) is not None, None
    if kind == "absent":
        hit = _first(agent_turns, acts, wanted)
        return hit is None, hit
    if kind == "before":
        first = _first(agent_turns, acts, frozenset(check["first"]))
        then = _first(agent_turns, acts, frozenset(check["then"]))
        ok = then is None or (first is not None and first < then)
        return ok, None if ok else then
    if kind in ("count_at_least", "count_at_most"):
        hits = [i for i in agent_turns if not wanted.isdisjoint(acts[i])]
        if kind == "count_at_least":
            return len(hits) >= check["count"], None
        ok = len(hits) <= check["count"]
        return ok, None if ok else hits[check["count"]]
    if kind == "cue":
        return any(check["cue"] in cues.get(i, ()) for i in agent_turns), None
    if kind == "absent_after":
        for index in agent_turns:
            if check["context"] in contexts[index] and not wanted.isdisjoint(acts[index]):
                return False, index
        return True, None
    raise ValueError(kind)


def technique(persona: str | None, agent_turns, acts, contexts, cues, lang) -> list[CheckResult]:
    checks = rubric()["technique"].get(persona or "default") or rubric()["technique"]["default"]
    out = []
    for check in checks:
        ok, turn = evaluate_check(check, agent_turns, acts, contexts, cues)
        out.append(CheckResult(check["id"], "technique", ok, check["points"],
                               check["points"] if ok else 0, turn,
                               localize(check["message"], lang), _better(check, lang)))
    return out


def structure(third_party: bool, agent_turns, acts, lang) -> list[CheckResult]:
    data = rubric()["structure"]
    names = data["third_party"] if third_party else data["default"]
    out = []
    for name in names:
        step = data["steps"][name]
        ok = _first(agent_turns, acts, frozenset(step["acts"])) is not None
        out.append(CheckResult(name, "structure", ok, 1, 1 if ok else 0, None,
                               localize(step["message"], lang), _better(step, lang)))
    return out


def balance(agent_turns, acts) -> int:
    data = rubric()["balance"]
    empathy = _first(agent_turns, acts, frozenset(data["empathy"])) is not None
    firmness = _first(agent_turns, acts, frozenset(data["firmness"])) is not None
    return 100 if empathy and firmness else 50 if empathy or firmness else 0


def percent(results: list[CheckResult]) -> int:
    total = sum(r.points for r in results)
    return round(100 * sum(r.earned for r in results) / total) if total else 100

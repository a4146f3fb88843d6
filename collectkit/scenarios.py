"""Scenarios (``scenarios/<id>.yaml``): a persona, the call's metadata, facts, goal, pass mark.

>>> s = load_scenario("us-aggressive-card")
>>> s.persona, s.meta.jurisdiction
('aggressive', 'US')
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CollectkitError, ScenarioError
from .text import LANGS, localize
from .transcript import CallMeta, build_meta
from .yamlio import line_of, load_fields

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
REQUIRED = ("id", "title", "persona", "langs", "meta", "facts", "goal")
OPTIONAL = ("pass_mark", "previous", "notes", "tags")
CURRENCY = {"US": "USD", "CN": "CNY", "TW": "TWD"}
LANG_DEFAULT_REGIME = {"en": "US", "zh-Hans": "CN", "zh-Hant": "TW"}


def scenario_dir() -> Path:
    return Path(os.environ.get("COLLECTKIT_SCENARIOS", SCENARIO_DIR))


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Any
    persona: str
    langs: tuple[str, ...]
    meta: CallMeta
    facts: dict
    goal: Any
    pass_mark: int = 70
    previous: str | None = None
    notes: Any = None
    tags: tuple = ()
    path: str = ""

    def text(self, field_name: str, lang: str) -> str:
        return localize(getattr(self, field_name), lang)


def format_amount(value: float, currency: str, lang: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if lang == "en":
        return {"USD": f"${number}", "CNY": f"{number} yuan", "TWD": f"NT${number}"}.get(currency, number)
    if currency == "TWD":
        return f"新台幣{number}元" if lang == "zh-Hant" else f"新台币{number}元"
    if currency == "USD":
        return f"{number}美元"
    return f"{number}元"


def load_scenario_file(path: Path) -> Scenario:
    from .personas import list_personas

    data = load_fields(path, "scenario", REQUIRED, OPTIONAL, error=ScenarioError)
    if str(data["id"]) != path.stem:
        raise ScenarioError(f"scenario id {data['id']!r} does not match the file name",
                            path=path, line=line_of(data, "id"), fix=f"rename to {data['id']}.yaml")
    if data["persona"] not in list_personas():
        raise ScenarioError(f"unknown persona {data['persona']!r}", path=path,
                            line=line_of(data, "persona"), fix="one of: " + ", ".join(list_personas()))
    langs = data["langs"]
    langs = [langs] if isinstance(langs, str) else list(langs)
    for lang in langs:
        if lang not in LANGS:
            raise ScenarioError(f"unknown language {lang!r}", path=path, line=line_of(data, "langs"),
                                fix="one of: " + ", ".join(LANGS))
    if not isinstance(data["meta"], dict):
        raise ScenarioError("meta must be a mapping of call metadata", path=path,
                            line=line_of(data, "meta"))
    raw_meta = dict(data["meta"])
    raw_meta.setdefault("jurisdiction", LANG_DEFAULT_REGIME[langs[0]])
    raw_meta.setdefault("lang", langs[0])
    raw_meta.setdefault("persona", data["persona"])
    raw_meta.setdefault("scenario", data["id"])
    raw_meta.setdefault("call_id", data["id"])
    try:
        meta = build_meta(raw_meta, source=path)
    except CollectkitError as exc:
        raise ScenarioError(f"meta: {exc.message}", path=path, line=line_of(data, "meta"),
                            fix=exc.fix) from None
    facts = data["facts"]
    if not isinstance(facts, dict) or "amount" not in facts:
        raise ScenarioError("facts need at least 'amount'", path=path, line=line_of(data, "facts"),
                            fix="e.g. facts: {amount: 1240, days_past_due: 35, creditor: Horizon Bank}")
    if not isinstance(facts["amount"], (int, float)) or facts["amount"] <= 0:
        raise ScenarioError("facts.amount must be a positive number", path=path,
                            line=line_of(facts, "amount"))
    pass_mark = data.get("pass_mark", 70)
    if not isinstance(pass_mark, int) or not 0 <= pass_mark <= 100:
        raise ScenarioError("pass_mark must be a whole number from 0 to 100", path=path,
                            line=line_of(data, "pass_mark"))
    return Scenario(id=str(data["id"]), title=data["title"], persona=data["persona"],
                    langs=tuple(langs), meta=meta, facts=dict(facts), goal=data["goal"],
                    pass_mark=pass_mark, previous=data.get("previous"), notes=data.get("notes"),
                    tags=tuple(data.get("tags") or ()), path=str(path))


def list_scenarios() -> list[str]:
    return sorted(p.stem for p in scenario_dir().glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def _load_cached(path: str) -> Scenario:
    return load_scenario_file(Path(path))


def load_scenario(id_or_path: str | Path) -> Scenario:
    """A scenario by id (from ``scenarios/``) or by file path."""
    path = Path(id_or_path)
    if path.suffix not in (".yaml", ".yml"):
        path = scenario_dir() / f"{id_or_path}.yaml"
    if not path.exists():
        known = list_scenarios()
        close = [s for s in known if str(id_or_path) in s]
        raise ScenarioError(f"unknown scenario {str(id_or_path)!r}",
                            fix=("did you mean " + ", ".join(close[:4]) + "?") if close else
                            "run 'collectkit scenarios list'")
    return _load_cached(str(path.resolve()))


def validate_all() -> list[str]:
    """Problems with scenario files, one line each (empty when all are valid)."""
    problems = []
    known = set(list_scenarios())
    for name in list_scenarios():
        try:
            scenario = load_scenario_file(scenario_dir() / f"{name}.yaml")
        except CollectkitError as exc:
            problems.append(str(exc))
            continue
        if scenario.previous and scenario.previous not in known:
            problems.append(f"{scenario.path}: previous scenario {scenario.previous!r} does not exist")
    return problems

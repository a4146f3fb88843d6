"""collectkit: train debt collectors with role-play, compliance scoring and progress tracking.

>>> import collectkit
>>> report = collectkit.score(collectkit.parse_text("Agent: Pay now or we will call the police."))
>>> report.score.passed
False

The public API is exported lazily, so ``import collectkit`` (and the CLI) start fast.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "CollectkitError": "collectkit.errors",
    "TranscriptError": "collectkit.errors",
    "RuleError": "collectkit.errors",
    "Transcript": "collectkit.transcript",
    "Turn": "collectkit.transcript",
    "CallMeta": "collectkit.transcript",
    "load": "collectkit.transcript",
    "load_all": "collectkit.transcript",
    "parse_text": "collectkit.transcript",
    "parse_script": "collectkit.transcript",
    "from_lines": "collectkit.transcript",
    "recognize": "collectkit.dialogue.acts",
    "ACTS": "collectkit.dialogue.acts",
    "check": "collectkit.compliance.checker",
    "Violation": "collectkit.compliance.checker",
    "CATEGORIES": "collectkit.compliance.categories",
    "default_catalog": "collectkit.compliance.catalog",
    "score": "collectkit.scoring.score",
    "score_many": "collectkit.scoring.score",
    "ScoreReport": "collectkit.scoring.report",
    "debrief": "collectkit.scoring.debrief",
    "Debrief": "collectkit.scoring.debrief",
    "Session": "collectkit.engine.session",
    "Reply": "collectkit.engine.session",
    "SessionState": "collectkit.engine.session",
    "load_scenario": "collectkit.scenarios",
    "list_scenarios": "collectkit.scenarios",
    "Scenario": "collectkit.scenarios",
    "load_persona": "collectkit.personas",
    "list_personas": "collectkit.personas",
    "Persona": "collectkit.personas",
    "ResultStore": "collectkit.store.store",
    "recommend_next": "collectkit.recommend",
    "StoreError": "collectkit.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'collectkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__

"""``score()``: compliance gate, call structure, technique for the debtor type, outcome and
balance, with per-turn feedback (DESIGN.md section 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..compliance.catalog import Catalog, default_catalog
from ..compliance.checker import CheckResult, check
from ..text import localize
from ..transcript import Transcript, load, load_all
from . import rubric as rb
from .outcome import infer_outcome
from .report import Feedback, Score, ScoreReport

DEFAULT_PASS_MARK = 70
CRITICAL_CAP = 20
PENALTY = {"critical": 50, "major": 20, "minor": 5}


def compliance_points(violations) -> int:
    """100 minus a penalty per violation (critical 50, major 20, minor 5), floored at 0."""
    return max(0, 100 - sum(PENALTY[v.severity] for v in violations))


def _resolve_scenario(scenario):
    if scenario is None or not isinstance(scenario, (str, Path)):
        return scenario
    from ..scenarios import load_scenario
    return load_scenario(scenario)


def _persona_cues(persona, transcript) -> dict[int, frozenset]:
    if not persona:
        return {}
    from ..personas import list_personas
    from ..personas.cues import cues_of
    if persona not in list_personas():
        return {}
    return {i: cues_of(persona, t.text) for i, t in enumerate(transcript.turns)
            if t.speaker == "agent"}


def score(path_or_transcript: str | Path | Transcript, scenario=None, *,
          outcome: str | None = None, catalog: Catalog | None = None) -> ScoreReport:
    """Score one call or script.

    ``scenario`` (an id, a path or a Scenario) gives the pass mark, the debtor type and, when the
    transcript has no front matter of its own, the call's metadata. ``outcome`` is the role-play's
    outcome when known; otherwise it is read from the transcript (and is null for scripts).

    >>> from collectkit.transcript import from_lines
    >>> report = score(from_lines(["We will tell your boss about this debt."], jurisdiction="US"))
    >>> report.score.passed, sorted({v.category for v in report.violations})
    (False, ['employer_contact', 'third_party_disclosure'])
    """
    transcript = path_or_transcript
    if not isinstance(transcript, Transcript):
        transcript = load(path_or_transcript)
    scenario = _resolve_scenario(scenario)
    if scenario is not None and transcript.meta.scenario is None:
        transcript = transcript.with_meta(scenario=scenario.id,
                                          persona=transcript.meta.persona or scenario.persona)
    persona = transcript.meta.persona or (scenario.persona if scenario else None)
    lang = transcript.meta.lang
    result = check(transcript, catalog=catalog or default_catalog())
    return _report(transcript, result, scenario, persona, lang, outcome)


def _report(transcript, result: CheckResult, scenario, persona, lang, outcome) -> ScoreReport:
    data = rb.rubric()
    agent = [i for i, t in enumerate(transcript.turns) if t.speaker == "agent"]
    acts, contexts = result.acts, result.context
    cues = _persona_cues(persona, transcript)
    third_party = transcript.meta.party == "third_party" or persona in ("wrong_party",
                                                                          "deceased_relative")
    structure = rb.structure(third_party, agent, acts, lang)
    technique = rb.technique(persona, agent, acts, contexts, cues, lang)
    if outcome is None:
        outcome = infer_outcome(transcript, acts, contexts, cues, persona)
    dims = {
        "compliance": compliance_points(result.violations),
        "structure": rb.percent(structure),
        "technique": rb.percent(technique),
        "balance": rb.balance(agent, acts),
    }
    if outcome is not None:
        dims["outcome"] = data["outcome_points"][outcome]
    weights = {k: v for k, v in data["weights"].items() if k in dims}
    total = round(sum(dims[k] * w for k, w in weights.items()) / sum(weights.values()))
    critical = any(v.severity == "critical" for v in result.violations)
    if critical:
        total = min(total, data.get("critical_cap", CRITICAL_CAP))
    pass_mark = getattr(scenario, "pass_mark", None) or DEFAULT_PASS_MARK

    feedback = [Feedback(v.turn, "compliance", f"{v.rule} ({v.citation}): {v.message}",
                         v.suggestion) for v in result.violations]
    for check_result in technique:
        if not check_result.passed:
            feedback.append(Feedback(check_result.turn, "technique", check_result.message,
                                     check_result.better_line))
    for check_result in structure:
        if not check_result.passed:
            feedback.append(Feedback(check_result.turn, "structure", check_result.message,
                                     check_result.better_line))
    if dims["balance"] < 100 and agent:
        feedback.append(Feedback(None, "balance", localize(data["balance"]["message"], lang), ""))
    if outcome in data.get("outcome_messages", {}):
        feedback.append(Feedback(None, "outcome", localize(data["outcome_messages"][outcome], lang), ""))
    feedback.sort(key=lambda f: (f.turn is None, f.turn if f.turn is not None else 0))

    return ScoreReport(
        call_id=transcript.meta.call_id, jurisdiction=transcript.meta.jurisdiction, lang=lang,
        violations=result.violations, acts=acts,
        score=Score(total=total, compliance=dims["compliance"], technique=dims["technique"],
                    outcome=dims.get("outcome"), passed=(not critical) and total >= pass_mark),
        feedback=tuple(feedback), source=transcript.source, outcome_label=outcome,
        persona=persona, breakdown=dims, checks=tuple(structure + technique),
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

"""Turn a rule's examples into transcripts and judge them: every example is a test case."""

from __future__ import annotations

from dataclasses import dataclass

from ..transcript import Transcript, _split_front_matter, build_meta, parse_text
from .catalog import Catalog
from .checker import check
from .rule import Example, Rule


def example_transcript(rule: Rule, example: Example) -> Transcript:
    source = f"{rule.path}:{example.line}"
    front = {}
    if example.text is not None:
        transcript = parse_text(f"Agent: {example.text}", source=source)
    else:
        transcript = parse_text(example.transcript, source=source)
        front = dict(_split_front_matter(example.transcript, source)[0] or {})
    meta = {"jurisdiction": rule.regime, **front, **example.meta}
    built = build_meta(meta, turns_text=" ".join(t.text for t in transcript.turns),
                       default_id=f"{rule.id}-example")
    return Transcript(built, transcript.turns, transcript.source)


@dataclass(frozen=True)
class ExampleOutcome:
    ok: bool
    fired: tuple[str, ...]       # every rule that fired
    problem: str = ""


def judge(rule: Rule, example: Example, catalog: Catalog) -> ExampleOutcome:
    """Violating: the rule fires. Compliant: it does not, and no turn-level rule fires at all."""
    result = check(example_transcript(rule, example), catalog=catalog)
    fired = tuple(sorted({v.rule for v in result.violations}))
    if example.expect == "violating":
        ok = rule.id in fired
        return ExampleOutcome(ok, fired, "" if ok else f"{rule.id} did not fire")
    turn_level = sorted({v.rule for v in result.violations if v.turn is not None})
    if rule.id in fired:
        return ExampleOutcome(False, fired, f"{rule.id} fired on a compliant example")
    if turn_level:
        return ExampleOutcome(False, fired, "compliant example flagged by " + ", ".join(turn_level))
    return ExampleOutcome(True, fired)

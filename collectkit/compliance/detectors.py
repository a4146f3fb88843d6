"""The small fixed set of detector kinds a rule file can choose from (STYLE.md habit 1).

Turn-level kinds look at one collector utterance (its regex matches, its acts, what the other
side has revealed so far); call-level kinds look at the call's metadata or the call as a whole.

========================  ======  ================================================================
kind                      scope   fires when
========================  ======  ================================================================
``phrases``               turn    a pattern matches (and no ``unless``), optionally with acts
``acts``                  turn    the utterance has one of ``acts_any`` (and no ``unless``)
``time_window``           call    the call starts outside ``[start, end)`` local time
``frequency``             call    ``prior_contacts`` exceed a count per window or per day
``act_missing``           call    the collector talks about the debt but never does a required act
========================  ======  ================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import RuleError
from ..patterns import Lexicon, Matcher, PatternBook
from ..transcript import Transcript
from ..yamlio import line_of


def _time(value, source, line) -> dt.time:
    text = str(value)
    if isinstance(value, int):  # YAML 1.1 reads 21:00 as sexagesimal 1260
        text = f"{value // 60:02d}:{value % 60:02d}"
    try:
        return dt.time.fromisoformat(text if text.count(":") else text + ":00")
    except ValueError:
        raise RuleError(f"time {value!r} is not HH:MM", path=source, line=line,
                        fix="quote it: '21:00'") from None


def _names(value, vocabulary, what, source, line) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if item not in vocabulary:
            raise RuleError(f"unknown {what} {item!r}", path=source, line=line,
                            fix="use one of: " + ", ".join(vocabulary))
    return frozenset(items)


@dataclass(frozen=True)
class UtteranceDetector:
    kind: str
    matcher: Matcher
    acts_any: frozenset[str] = frozenset()
    acts_none: frozenset[str] = frozenset()
    scope = "turn"

    def hit(self, group: str, matched: frozenset[int], acts: tuple[str, ...]) -> bool:
        if not self.matcher.empty:
            if not self.matcher.hit(group, matched):
                return False
        elif self.matcher.blocked(group, matched):
            return False
        if self.acts_any and self.acts_any.isdisjoint(acts):
            return False
        if self.acts_none and not self.acts_none.isdisjoint(acts):
            return False
        return True

    def describe(self) -> str:
        parts = []
        if not self.matcher.empty:
            parts.append("phrase patterns (" + ", ".join(sorted(self.matcher.group_alts)) + ")")
        if self.acts_any:
            parts.append("acts: any of " + ", ".join(sorted(self.acts_any)))
        if self.acts_none:
            parts.append("and none of " + ", ".join(sorted(self.acts_none)))
        return "; ".join(parts) + " in a collector utterance"


@dataclass(frozen=True)
class TimeWindowDetector:
    start: dt.time
    end: dt.time
    consent_lifts: bool = True
    kind = "time_window"
    scope = "call"

    def inside(self, moment: dt.datetime) -> bool:
        return self.start <= moment.time() < self.end

    def check(self, transcript: Transcript) -> bool:
        meta = transcript.meta
        if meta.started_at is None:
            return False
        if self.consent_lifts and meta.debtor_consented_hours:
            return False
        return not self.inside(meta.started_at)

    def describe(self) -> str:
        text = (f"a call is allowed when it starts in [{self.start:%H:%M:%S}, {self.end:%H:%M:%S}) "
                f"debtor local time (started_at): {self.start:%H:%M:%S} is inside, "
                f"{self.end:%H:%M:%S} is outside; judged on the call's start only")
        if self.consent_lifts:
            text += "; debtor_consented_hours: true lifts the window"
        return text


@dataclass(frozen=True)
class FrequencyDetector:
    """Counts from ``prior_contacts`` plus the call under test.

    ``max_calls`` in ``window_days`` rolling days; no call within ``cooldown_days`` after a
    conversation (day 1 = the conversation's day); ``per_day_connected`` / ``per_day_attempts``
    per local calendar day. Unconnected and consented prior calls are not counted.
    """

    max_calls: int | None = None
    window_days: int = 7
    cooldown_days: int | None = None
    per_day_connected: int | None = None
    per_day_attempts: int | None = None
    kind = "frequency"
    scope = "call"

    def check(self, transcript: Transcript) -> bool:
        meta = transcript.meta
        now = meta.started_at
        if now is None or not meta.prior_contacts:
            return False
        today = now.date()
        prior = [c for c in meta.prior_contacts if c.at <= now and not c.consented]
        if self.max_calls is not None:
            first_day = today - dt.timedelta(days=self.window_days - 1)
            placed = sum(1 for c in prior if c.connected and first_day <= c.at.date() <= today)
            if placed + 1 > self.max_calls:
                return True
        if self.cooldown_days is not None:
            for c in prior:
                if c.answered and c.at.date() <= today <= c.at.date() + dt.timedelta(
                        days=self.cooldown_days - 1):
                    return True
        same_day = [c for c in prior if c.at.date() == today]
        if self.per_day_connected is not None:
            if sum(1 for c in same_day if c.answered) + 1 > self.per_day_connected:
                return True
        if self.per_day_attempts is not None:
            if len(same_day) + 1 > self.per_day_attempts:
                return True
        return False

    def describe(self) -> str:
        parts = []
        if self.max_calls is not None:
            parts.append(f"more than {self.max_calls} calls (this one included) within "
                         f"{self.window_days} consecutive days")
        if self.cooldown_days is not None:
            parts.append(f"a call within {self.cooldown_days} days after a conversation "
                         f"(the conversation's day is day 1, later the same day included)")
        if self.per_day_connected is not None:
            parts.append(f"more than {self.per_day_connected} connected calls on one local "
                         f"calendar day (this one included)")
        if self.per_day_attempts is not None:
            parts.append(f"more than {self.per_day_attempts} call attempts on one local "
                         f"calendar day (this one included)")
        return ("fires on " + "; or ".join(parts) +
                "; counted from prior_contacts (calls the debtor consented to are never counted; "
                "calls that did not connect count only as attempts)")


@dataclass(frozen=True)
class ActMissingDetector:
    """The collector talks about the debt, but no turn does a required act or says a required
    phrase (e.g. the mini-Miranda, or naming the institution)."""

    trigger_acts: frozenset[str]
    required_any: frozenset[str]
    required_patterns: Matcher | None = None
    trigger_patterns: Matcher | None = None
    kind = "act_missing"
    scope = "call"

    def check_turns(self, acts, matches, agent_turns: list[int]) -> bool:
        triggered = False
        for index in agent_turns:
            if not self.required_any.isdisjoint(acts[index]):
                return False
            if self.required_patterns is not None:
                group, matched = matches[index]
                if self.required_patterns.hit(group, matched):
                    return False
            if not self.trigger_acts.isdisjoint(acts[index]):
                triggered = True
            elif self.trigger_patterns is not None and self.trigger_patterns.hit(*matches[index]):
                triggered = True
        return triggered

    def describe(self) -> str:
        required = sorted(self.required_any)
        if self.required_patterns is not None:
            required.append("a required phrase")
        return (f"fires when a collector turn does any of {', '.join(sorted(self.trigger_acts))} "
                f"but no collector turn in the call does any of {', '.join(required)}")


TURN_KINDS = ("phrases", "acts")
CALL_KINDS = ("time_window", "frequency", "act_missing")
KINDS = TURN_KINDS + CALL_KINDS


def build_detector(spec, *, book: PatternBook, lexicon: Lexicon, acts_vocab, source):
    """Validate a rule's ``detect`` mapping and build its detector."""
    line = line_of(spec)
    if not isinstance(spec, dict) or "kind" not in spec:
        raise RuleError("'detect' needs a 'kind'", path=source, line=line,
                        fix="one of: " + ", ".join(KINDS))
    kind = spec["kind"]
    known = {"kind"}
    if kind in TURN_KINDS:
        known |= {"patterns", "unless", "acts_any", "acts_none"}
        matcher = book.matcher(spec.get("patterns"), spec.get("unless"), lexicon=lexicon,
                               source=source, line=line_of(spec, "patterns"))
        acts_any = _names(spec.get("acts_any"), acts_vocab, "act", source, line_of(spec, "acts_any"))
        acts_none = _names(spec.get("acts_none"), acts_vocab, "act", source, line_of(spec, "acts_none"))
        if kind == "phrases" and matcher.empty:
            raise RuleError("a 'phrases' detector needs patterns", path=source, line=line,
                            fix="add patterns: {en: [...], zh: [...]}")
        if kind == "acts" and not acts_any:
            raise RuleError("an 'acts' detector needs acts_any", path=source, line=line)
        detector = UtteranceDetector(kind, matcher, acts_any, acts_none)
    elif kind == "time_window":
        known |= {"start", "end", "consent_lifts"}
        for key in ("start", "end"):
            if key not in spec:
                raise RuleError(f"time_window needs '{key}'", path=source, line=line,
                                fix="write start: '08:00' and end: '21:00'")
        detector = TimeWindowDetector(_time(spec["start"], source, line_of(spec, "start")),
                                      _time(spec["end"], source, line_of(spec, "end")),
                                      bool(spec.get("consent_lifts", True)))
    elif kind == "frequency":
        numbers = ("max_calls", "window_days", "cooldown_days", "per_day_connected",
                   "per_day_attempts")
        known |= set(numbers)
        values = {}
        for key in numbers:
            if key in spec:
                if not isinstance(spec[key], int) or spec[key] < 1:
                    raise RuleError(f"{key} must be a positive whole number", path=source,
                                    line=line_of(spec, key))
                values[key] = spec[key]
        if not set(values) - {"window_days"}:
            raise RuleError("frequency needs max_calls, cooldown_days, per_day_connected or "
                            "per_day_attempts", path=source, line=line)
        detector = FrequencyDetector(**values)
    elif kind == "act_missing":
        known |= {"trigger_acts", "trigger_patterns", "required_any", "required_patterns"}
        trigger = _names(spec.get("trigger_acts"), acts_vocab, "act", source, line_of(spec, "trigger_acts"))
        required = _names(spec.get("required_any"), acts_vocab, "act", source, line_of(spec, "required_any"))
        patterns = None
        if spec.get("required_patterns"):
            patterns = book.matcher(spec["required_patterns"], lexicon=lexicon, source=source,
                                    line=line_of(spec, "required_patterns"))
        triggers = None
        if spec.get("trigger_patterns"):
            triggers = book.matcher(spec["trigger_patterns"], lexicon=lexicon, source=source,
                                    line=line_of(spec, "trigger_patterns"))
        if not (trigger or triggers) or not (required or patterns):
            raise RuleError("act_missing needs trigger_acts (or trigger_patterns) and "
                            "required_any (or required_patterns)", path=source, line=line)
        detector = ActMissingDetector(trigger, required, patterns, triggers)
    else:
        raise RuleError(f"unknown detector kind {kind!r}", path=source, line=line_of(spec, "kind"),
                        fix="one of: " + ", ".join(KINDS))
    unknown = set(spec) - known
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(f"unknown key {key!r} for detector kind {kind!r}", path=source,
                        line=line_of(spec, key), fix="allowed: " + ", ".join(sorted(known)))
    return detector

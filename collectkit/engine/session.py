"""The role-play session: a trainee talks, a simulated debtor persona answers.

>>> s = Session("aggressive", seed=3, lang="en")
>>> reply = s.say("Hi, this is Sam from Acme Recovery, a debt collector. Is this Ms. Lee?")
>>> reply.cues != ()
True

Every random choice goes through ``random.Random`` seeded from (seed, turn): the same seed and
the same lines give the same call, and :meth:`Session.fork` replays a call up to a turn.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Callable

from ..compliance.catalog import default_catalog
from ..compliance.checker import check
from ..dialogue.acts import UNLAWFUL_ACTS
from ..personas.conditions import PROMISE_LEVELS, STATE_VARS
from ..errors import UsageError
from ..personas import Persona, load_persona
from ..personas.cues import cues_of
from ..scenarios import CURRENCY, LANG_DEFAULT_REGIME, Scenario, format_amount, load_scenario
from ..text import LANGS, localize
from ..transcript import CallMeta, Transcript, Turn, build_meta
from .facts import amounts, has_date
from .realize import realize

OFFER_DATE = {"en": "Friday", "zh-Hans": "这周五", "zh-Hant": "這週五"}
DEFAULT_CREDITOR = {"en": "the bank", "zh-Hans": "银行", "zh-Hant": "銀行"}


@dataclass(frozen=True)
class SessionState:
    anger: float
    trust: float
    willingness: float
    ability: float
    promise_keeping: float
    sophistication: float
    distress: float

    def to_dict(self) -> dict:
        return {k: round(v, 3) for k, v in asdict(self).items()}

    def moved(self, delta: dict) -> "SessionState":
        values = asdict(self)
        for key, change in delta.items():
            values[key] = min(1.0, max(0.0, values[key] + change))
        return SessionState(**values)


@dataclass(frozen=True)
class Reply:
    """What the debtor says back: text (cue first), the cues alone, and what happened."""

    text: str
    cues: tuple[str, ...]
    events: tuple[dict, ...]
    exit: str | None
    situation: str

    def to_dict(self) -> dict:
        return {"text": self.text, "cues": list(self.cues), "events": list(self.events),
                "exit": self.exit}


@dataclass
class _Context:
    state: SessionState
    acts: frozenset
    cues: frozenset
    flags: frozenset
    unlawful: bool
    violation: bool
    promise: str
    plan: str
    turn: int
    has_amount: bool
    has_date: bool
    amount_fits: bool
    counts: dict


class Session:
    """A role-play call with a persona, optionally inside a scenario.

    ``Session("aggressive", seed=1, lang="zh-Hans")`` or ``Session("us-aggressive-card", seed=1)``
    (a scenario id) or ``Session(persona_obj)`` / ``Session(scenario_obj)``. ``on_turn`` is called
    with ``(session, agent_text, reply)`` after each exchange, e.g. to save it to a store.
    """

    def __init__(self, persona_or_scenario, *, seed: int = 0, lang: str | None = None,
                 meta: CallMeta | dict | None = None, on_turn: Callable | None = None):
        self.scenario: Scenario | None = None
        if isinstance(persona_or_scenario, Scenario):
            self.scenario = persona_or_scenario
            persona = load_persona(self.scenario.persona)
        elif isinstance(persona_or_scenario, Persona):
            persona = persona_or_scenario
        else:
            name = str(persona_or_scenario)
            from ..personas import list_personas
            if name in list_personas():
                persona = load_persona(name)
            else:
                from ..scenarios import list_scenarios
                if name not in list_scenarios():
                    raise UsageError(f"unknown persona or scenario {name!r}",
                                     fix="personas: " + ", ".join(list_personas()) +
                                         "; scenarios: run 'collectkit scenarios list'")
                self.scenario = load_scenario(name)
                persona = load_persona(self.scenario.persona)
        self.persona = persona
        if lang is None:
            lang = self.scenario.langs[0] if self.scenario else "en"
        if lang not in LANGS:
            raise UsageError(f"unknown language {lang!r}", fix="one of: " + ", ".join(LANGS))
        if lang not in persona.langs:
            raise UsageError(f"persona {persona.id!r} has no {lang} lines",
                             fix="one of: " + ", ".join(persona.langs))
        self.lang = lang
        self.seed = int(seed)
        self.meta = self._meta(meta)
        self.facts = self._facts()
        self.on_turn = on_turn
        self.initial_state = SessionState(**persona.start)
        self._state = self.initial_state
        self.turns: list[Turn] = []
        self.states: list[SessionState] = []
        self.replies: list[Reply] = []
        self.flags: set[str] = set()
        self.counts: dict[str, int] = {}
        self.promise = "none"
        self.plan = "none"
        self.exit: str | None = None
        self._used: set[str] = set()

    # ------------------------------------------------------------------ setup

    def _meta(self, meta) -> CallMeta:
        if isinstance(meta, CallMeta):
            return replace(meta, lang=self.lang)
        if self.scenario is not None:
            base = replace(self.scenario.meta, lang=self.lang)
            return replace(base, **(meta or {})) if meta else base
        raw = {"jurisdiction": LANG_DEFAULT_REGIME[self.lang], "lang": self.lang,
               "party": self.persona.party, "persona": self.persona.id,
               "call_id": f"roleplay-{self.persona.id}-{self.seed}"}
        if self.persona.id == "attorney_represented":
            raw["attorney_represented"] = False  # the debtor tells the trainee during the call
        raw.update(meta or {})
        return build_meta(raw)

    def _facts(self) -> dict:
        raw = dict(self.scenario.facts) if self.scenario else {"amount": 2400, "days_past_due": 30}
        currency = raw.get("currency") or CURRENCY[self.meta.jurisdiction]
        amount = float(raw["amount"])
        affordable = float(raw.get("affordable") or round(amount * self.persona.affordable_share, -1))
        facts = {k: localize(v, self.lang) if isinstance(v, dict) else v for k, v in raw.items()}
        facts.update(
            amount=format_amount(amount, currency, self.lang),
            amount_value=amount,
            offer_amount=format_amount(affordable, currency, self.lang),
            affordable_value=affordable,
            offer_date=localize(raw.get("offer_date"), self.lang) if raw.get("offer_date") else OFFER_DATE[self.lang],
            creditor=localize(raw.get("creditor"), self.lang) if raw.get("creditor") else DEFAULT_CREDITOR[self.lang],
            days=raw.get("days_past_due", 30),
        )
        return facts

    # ------------------------------------------------------------------ state

    @property
    def state(self) -> SessionState:
        """The hidden state now (show it only in the debrief)."""
        return self._state

    @property
    def ended(self) -> bool:
        return self.exit is not None

    @property
    def outcome(self) -> str:
        """An exit, or for a call that ran out: promise_to_pay, payment_plan, weak_promise, ..."""
        if self.exit is not None:
            return self.exit
        if PROMISE_LEVELS.index(self.promise) >= PROMISE_LEVELS.index(self.persona.promise_requires):
            return "promise_to_pay"
        if self.plan == "accepted":
            return "payment_plan"
        if self.promise != "none":
            return "weak_promise"
        return "no_resolution"

    def _rng(self) -> random.Random:
        return random.Random(f"{self.seed}:{len(self.turns)}:{self.persona.id}:{self.lang}")

    # ------------------------------------------------------------------ a turn

    def say(self, text: str) -> Reply:
        """The trainee says ``text``; returns the debtor's :class:`Reply`."""
        if self.ended:
            raise UsageError(f"the call has ended ({self.exit})",
                             fix="start a new Session, or fork(turn) to try another line")
        text = (text or "").strip()
        if not text:
            raise UsageError("say something: the line is empty")
        index = len(self.turns)
        self.turns.append(Turn("agent", text))

        catalog = default_catalog()
        group, matched = catalog.book.match(text)
        acts = frozenset(catalog.acts.acts_of(group, matched))
        violations = [v for v in check(self.transcript(), catalog=catalog).violations
                      if v.turn == index]
        cues = cues_of(self.persona.id, text)
        named = amounts(text)
        ctx = _Context(
            state=self._state, acts=acts, cues=cues, flags=frozenset(self.flags),
            unlawful=bool(acts & set(UNLAWFUL_ACTS)) or any(v.severity == "critical" for v in violations),
            violation=bool(violations), promise=self.promise, plan=self.plan,
            turn=sum(1 for t in self.turns if t.speaker == "agent"),
            has_amount=bool(named), has_date=has_date(text),
            amount_fits=bool(named) and min(named) <= self.facts["affordable_value"] * 1.05,
            counts=dict(self.counts))

        events = [{"type": "violation", **v.to_dict()} for v in violations]
        delta: dict[str, float] = dict(self.persona.drift)
        for effect in self.persona.effects:
            if not effect.when.holds(ctx):
                continue
            for key, change in effect.delta.items():
                delta[key] = delta.get(key, 0.0) + change
            self.flags |= effect.set_flags
            self.flags -= effect.clear_flags
            for counter in effect.count:
                self.counts[counter] = self.counts.get(counter, 0) + 1
            if effect.promise == "pinned" and named and not self._matches_offer(named):
                # reading back an amount the debtor never offered pins nothing
                events.append({"type": "mismatch", "said": named,
                               "offered": self.facts["affordable_value"]})
            elif effect.promise:
                self._set_promise(effect.promise, events)
            if effect.plan:
                self.plan = effect.plan
        self._state = self._state.moved(delta)

        after = replace(ctx, state=self._state, flags=frozenset(self.flags), promise=self.promise,
                        plan=self.plan, counts=dict(self.counts))
        situation = None
        for rule in self.persona.exits:
            if rule.when.holds(after):
                self.exit = rule.exit
                situation = f"exit_{rule.exit}"
                events.append({"type": "exit", "exit": rule.exit})
                break
        if situation is None:
            for rule in self.persona.replies:
                if rule.when.holds(after):
                    situation = rule.situation
                    if rule.promise:
                        self._set_promise(rule.promise, events)
                    if rule.plan:
                        self.plan = rule.plan
                        events.append({"type": "plan", "plan": rule.plan})
                    break

        reply_text, reply_cues, template = realize(
            self.persona.lines[self.lang][situation], self._used, self._rng(), self._state,
            self.lang, self.facts)
        self._used.add(template)
        self.turns.append(Turn("debtor", reply_text))
        self.states.append(self._state)
        reply = Reply(reply_text, tuple(reply_cues), tuple(events), self.exit, situation)
        self.replies.append(reply)
        if self.on_turn is not None:
            self.on_turn(self, text, reply)
        return reply

    def _matches_offer(self, named: list[float]) -> bool:
        offer = self.facts["affordable_value"]
        return any(abs(value - offer) <= max(1.0, 0.1 * offer) for value in named)

    def play(self, lines) -> "Session":
        """Say each line in turn until the lines run out or the call ends; returns ``self``.

        >>> Session("aggressive", seed=1).play(["Hello.", "How are you?"]).turns[0].text
        'Hello.'
        """
        for line in lines:
            if self.ended:
                break
            self.say(line)
        return self

    def preview(self, text: str):
        """Violations ``text`` would cause if said now (coach mode); changes nothing."""
        from ..compliance.checker import check as run_check

        text = (text or "").strip()
        if not text:
            return ()
        draft = Transcript(self.meta, tuple(self.turns) + (Turn("agent", text),))
        index = len(self.turns)
        return tuple(v for v in run_check(draft).violations if v.turn == index)

    def _set_promise(self, level: str, events: list) -> None:
        # A promise only moves up, except a new vague promise after a broken one.
        if PROMISE_LEVELS.index(level) > PROMISE_LEVELS.index(self.promise):
            self.promise = level
            events.append({"type": "promise", "level": level})

    # ------------------------------------------------------------------ replay

    def agent_lines(self) -> list[str]:
        return [t.text for t in self.turns if t.speaker == "agent"]

    def fork(self, turn: int) -> "Session":
        """A new session replayed with the trainee's lines *before* transcript turn ``turn``.

        ``turn`` is the 0-based index into the call's turns (as in the report), so
        ``session.fork(4)`` keeps turns 0-3 and lets the trainee say turn 4 differently.
        """
        if not 0 <= turn <= len(self.turns):
            raise UsageError(f"turn {turn} is outside this call (0..{len(self.turns)})")
        lines = [t.text for t in self.turns[:turn] if t.speaker == "agent"]
        other = Session(self.scenario or self.persona, seed=self.seed, lang=self.lang,
                        meta=self.meta)
        return other.play(lines)

    # ------------------------------------------------------------------ results

    def transcript(self) -> Transcript:
        return Transcript(self.meta, tuple(self.turns))

    def report(self):
        """The DESIGN.md section 7 score report of the call so far."""
        from ..scoring import score
        return score(self.transcript(), self.scenario, outcome=self.outcome)

    def to_dict(self) -> dict:
        """The ``collectkit roleplay --format json`` document."""
        return {
            "persona": self.persona.id,
            "scenario": self.scenario.id if self.scenario else None,
            "lang": self.lang, "seed": self.seed,
            "turns": [t.to_dict() | ({"cues": list(self.replies[i // 2].cues)} if t.speaker == "debtor" else {})
                      for i, t in enumerate(self.turns)],
            "initial_state": self.initial_state.to_dict(),
            "states": [s.to_dict() for s in self.states],
            "outcome": self.outcome,
            "report": self.report().to_dict(),
        }

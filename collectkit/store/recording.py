"""Recording role-plays turn by turn, finishing, resuming and closing them; saving scored scripts.

Each exchange (the trainee's line and the debtor's reply) is committed inside the session's
``on_turn`` callback, before ``say()`` returns: a kernel that dies loses nothing already said.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import func, select, update

from ..errors import UsageError
from .models import Drill, ScoreRow, SessionRow, Trainee, TurnRow, ViolationRow, utcnow
from .records import SessionInfo

if TYPE_CHECKING:
    from ..engine import Session
    from ..scoring.report import ScoreReport


class _Recorder:
    """The ``on_turn`` hook a recorded session carries; calls the hook it replaced afterwards."""

    def __init__(self, store, session_id: int, previous: Callable | None):
        self.store = store
        self.session_id = session_id
        self.previous = previous

    def __call__(self, session, agent_text: str, reply) -> None:
        self.store._write_exchange(self.session_id, session, len(session.replies) - 1)
        if self.previous is not None:
            self.previous(session, agent_text, reply)


def _exchange_rows(session_id: int, session, k: int) -> list[TurnRow]:
    """The two turn rows of exchange ``k`` (0-based) of a live session."""
    from ..dialogue.acts import recognize

    agent, debtor = session.turns[2 * k], session.turns[2 * k + 1]
    reply, state = session.replies[k], session.states[k]
    said = [dict(e) for e in reply.events if e.get("type") == "violation"]
    happened = [dict(e) for e in reply.events if e.get("type") != "violation"]
    return [TurnRow(session_id=session_id, index=2 * k, speaker="agent", text=agent.text,
                    acts=list(recognize(agent.text)), cues=[], state=None, events=said),
            TurnRow(session_id=session_id, index=2 * k + 1, speaker="debtor", text=debtor.text,
                    acts=[], cues=list(reply.cues), state=state.to_dict(), events=happened)]


def _recorder_of(session) -> _Recorder:
    hook = getattr(session, "on_turn", None)
    if not isinstance(hook, _Recorder):
        raise UsageError("this session is not being recorded",
                         fix="call store.record(session, trainee_id) before the first line")
    return hook


class RecordingMixin:
    # ------------------------------------------------------------------ role-play

    def record(self, session: "Session", trainee_id: int, drill_id: int | None = None) -> int:
        """Start storing ``session`` for a trainee; returns the stored session's id.

        Turns already played are written now, every later one as it is said.

        >>> from collectkit.engine import Session
        >>> from collectkit.store import ResultStore
        >>> store = ResultStore("sqlite:///:memory:", create=True)
        >>> call = Session("aggressive", seed=1, lang="en")
        >>> row = store.record(call, store.add_trainee("Ana"))
        >>> _ = call.say("Hi, this is Sam from Acme Recovery. Is this Ms. Lee?")
        >>> store.sessions()[0].turns
        2
        """
        if isinstance(getattr(session, "on_turn", None), _Recorder):
            raise UsageError(f"this session is already recorded as session "
                             f"{session.on_turn.session_id}")
        scenario_id = session.scenario.id if session.scenario else None
        with self._tx() as db:
            self._get(db, Trainee, trainee_id)
            if drill_id is not None:
                self._check_drill_scenario(self._get(db, Drill, drill_id), scenario_id)
            row = SessionRow(
                trainee_id=trainee_id, kind="roleplay", scenario_id=scenario_id,
                persona=session.persona.id, lang=session.lang, seed=session.seed,
                jurisdiction=session.meta.jurisdiction, call_id=session.meta.call_id,
                meta=session.meta.to_dict(), initial_state=session.initial_state.to_dict(),
                status="open", outcome=session.outcome if session.turns else None,
                drill_id=drill_id)
            db.add(row)
            db.flush()
            for k in range(len(session.replies)):
                db.add_all(_exchange_rows(row.id, session, k))
            row_id = row.id
        session.on_turn = _Recorder(self, row_id, session.on_turn)
        return row_id

    @staticmethod
    def _check_drill_scenario(drill: Drill, scenario_id: str | None) -> None:
        if scenario_id not in drill.scenario_ids:
            raise UsageError(f"{'scenario ' + repr(scenario_id) if scenario_id else 'a free call'}"
                             f" is not part of drill {drill.id} ({drill.name})",
                             fix="play one of: " + ", ".join(drill.scenario_ids))

    def _write_exchange(self, session_id: int, session, k: int) -> None:
        with self._tx() as db:
            db.add_all(_exchange_rows(session_id, session, k))
            done = db.execute(update(SessionRow)
                              .where(SessionRow.id == session_id, SessionRow.status == "open")
                              .values(outcome=session.outcome))
            if done.rowcount != 1:
                raise UsageError(f"session {session_id} is no longer open; this line was not "
                                 f"stored",
                                 fix="start a new session, or store.resume() an open one")

    def finish(self, session: "Session") -> "ScoreReport":
        """Score a recorded call and store the outcome, score and violations; returns the report.

        A call made for a drill then certifies the trainee if it completed the drill.
        """
        recorder = _recorder_of(session)
        if not session.turns:
            raise UsageError("nothing was said in this call, so there is nothing to score",
                             fix="say a line first, or store.close(session) to drop it")
        report = session.report()
        with self._tx() as db:
            row = self._get(db, SessionRow, recorder.session_id)
            if row.status != "open":
                raise UsageError(f"session {row.id} is already {row.status}")
            self._store_report(db, row, report)
            row.status, row.finished_at, row.outcome = "finished", utcnow(), session.outcome
            trainee_id, drill_id = row.trainee_id, row.drill_id
        session.on_turn = recorder.previous
        if drill_id is not None:
            self.certify_if_complete(trainee_id, drill_id)
        return report

    def close(self, session: "Session | int") -> None:
        """Give up on an open call (interrupted, abandoned): it stays stored, unscored."""
        session_id = session if isinstance(session, int) else _recorder_of(session).session_id
        with self._tx() as db:
            row = self._get(db, SessionRow, session_id)
            if row.status != "open":
                raise UsageError(f"session {row.id} is already {row.status}")
            row.status, row.finished_at = "closed", utcnow()
        if not isinstance(session, int):
            session.on_turn = session.on_turn.previous

    def resume(self, session_id: int) -> "Session":
        """A live :class:`~collectkit.engine.Session` for an open stored call, replayed from its
        stored lines (the engine is deterministic), that goes on recording."""
        from ..engine import Session
        from ..scenarios import load_scenario
        from ..transcript import build_meta

        with self._tx() as db:
            row = self._get(db, SessionRow, session_id)
            if row.kind != "roleplay" or row.status != "open":
                raise UsageError(f"session {row.id} is a {row.status} {row.kind}; only open "
                                 f"role-plays can be resumed", fix="see store.open_sessions()")
            turns = [(t.speaker, t.text) for t in row.turns]
            target = load_scenario(row.scenario_id) if row.scenario_id else row.persona
            seed, lang, meta = row.seed or 0, row.lang, row.meta
        live = Session(target, seed=seed, lang=lang, meta=build_meta(meta) if meta else None)
        for speaker, text in turns:
            if speaker == "agent" and not live.ended:
                live.say(text)
        if [t.text for t in live.turns] != [text for _, text in turns]:
            warnings.warn(f"session {session_id}: replaying the stored lines gave other replies "
                          f"(the persona or rules changed since); the call goes on from here",
                          stacklevel=2)
        live.on_turn = _Recorder(self, session_id, None)
        return live

    # ------------------------------------------------------------------ scored scripts

    def save_report(self, trainee_id: int, report: "ScoreReport", kind: str = "script", *,
                    scenario_id: str | None = None, drill_id: int | None = None,
                    transcript=None) -> int:
        """Store a scored script or transcript (and its lines, if ``transcript`` is given)."""
        if kind not in ("script", "transcript"):
            raise UsageError(f"unknown kind {kind!r}", fix="use 'script' or 'transcript'")
        meta = transcript.meta if transcript is not None else None
        scenario_id = scenario_id or (meta.scenario if meta else None)
        persona = getattr(report, "persona", None) or (meta.persona if meta else None)
        with self._tx() as db:
            self._get(db, Trainee, trainee_id)
            if drill_id is not None:
                self._check_drill_scenario(self._get(db, Drill, drill_id), scenario_id)
            now = utcnow()
            row = SessionRow(
                trainee_id=trainee_id, kind=kind, scenario_id=scenario_id, persona=persona,
                lang=report.lang, seed=None, jurisdiction=report.jurisdiction,
                call_id=report.call_id, meta=meta.to_dict() if meta else None,
                started_at=now, finished_at=now, status="finished",
                outcome=getattr(report, "outcome_label", None), drill_id=drill_id)
            db.add(row)
            db.flush()
            if transcript is not None:
                for i, turn in enumerate(transcript.turns):
                    acts = list(report.acts[i]) if i < len(report.acts) else []
                    events = [{"type": "violation", **v.to_dict()} for v in report.violations
                              if v.turn == i]
                    db.add(TurnRow(session_id=row.id, index=i, speaker=turn.speaker,
                                   text=turn.text, acts=acts, cues=[], state=None, events=events))
                db.flush()
            self._store_report(db, row, report)
            row_id = row.id
        if drill_id is not None:
            self.certify_if_complete(trainee_id, drill_id)
        return row_id

    def save_script(self, trainee_id: int, script: Any, *, scenario=None,
                    drill_id: int | None = None, kind: str = "script") -> int:
        """Score a script (a Transcript, a file path or its text) and store it with its lines."""
        from ..scenarios import load_scenario
        from ..scoring import score
        from ..transcript import Transcript, load, parse_text

        if isinstance(script, Transcript):
            transcript = script
        elif isinstance(script, Path) or (isinstance(script, str) and "\n" not in script
                                          and Path(script).suffix and Path(script).exists()):
            transcript = load(script)
        else:
            transcript = parse_text(str(script))
        if isinstance(scenario, str):
            scenario = load_scenario(scenario)
        report = score(transcript, scenario)
        return self.save_report(trainee_id, report, kind, drill_id=drill_id,
                                scenario_id=scenario.id if scenario else None,
                                transcript=transcript)

    def _store_report(self, db, row: SessionRow, report) -> None:
        turn_ids = dict(db.execute(select(TurnRow.index, TurnRow.id)
                                   .where(TurnRow.session_id == row.id)).all())
        s = report.score
        db.add(ScoreRow(session_id=row.id, total=s.total, compliance=s.compliance,
                        technique=s.technique, outcome=s.outcome, passed=bool(s.passed),
                        critical=sum(v.severity == "critical" for v in report.violations),
                        report=report.to_dict()))
        for v in report.violations:
            db.add(ViolationRow(session_id=row.id, turn_id=turn_ids.get(v.turn),
                                turn_index=v.turn, rule=v.rule, category=v.category,
                                severity=v.severity, citation=v.citation or "",
                                quote=v.quote or ""))

    # ------------------------------------------------------------------ reading back

    def sessions(self, trainee_id: int | None = None, *, status: str | None = None,
                 kind: str | None = None) -> list[SessionInfo]:
        """Stored sessions, oldest first, optionally one trainee's, one status, one kind."""
        where = []
        if trainee_id is not None:
            where.append(SessionRow.trainee_id == trainee_id)
        if status is not None:
            where.append(SessionRow.status == status)
        if kind is not None:
            where.append(SessionRow.kind == kind)
        counts = (select(TurnRow.session_id, func.count().label("n"))
                  .group_by(TurnRow.session_id).subquery())
        query = (select(SessionRow, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.session_id == SessionRow.id)
                 .where(*where).order_by(SessionRow.id))
        with self._tx() as db:
            return [SessionInfo(r.id, r.trainee_id, r.kind, r.scenario_id, r.persona, r.lang,
                                r.seed, r.jurisdiction, r.status, r.outcome, r.drill_id,
                                r.started_at, r.finished_at, int(n))
                    for r, n in db.execute(query)]

    def open_sessions(self, trainee_id: int | None = None) -> list[SessionInfo]:
        """Role-plays that were never finished or closed (e.g. the kernel died): resumable."""
        return self.sessions(trainee_id, status="open", kind="roleplay")

    def stored_report(self, session_id: int) -> dict | None:
        """The section 7 report stored for a finished session (``None`` if it has none)."""
        with self._tx() as db:
            self._get(db, SessionRow, session_id)
            return db.scalar(select(ScoreRow.report).where(ScoreRow.session_id == session_id))

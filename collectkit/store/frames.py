"""Everything stored, as pandas DataFrames for charts and cohort reports.

Each frame has fixed columns even when empty; ids are nullable integers (``Int64``), times are
naive UTC ``datetime64``. pandas is imported when a frame is asked for.
"""

from __future__ import annotations

from sqlalchemy import func, select

from .models import (Assignment, Certification, Cohort, Drill, ScoreRow, SessionRow, Trainee,
                     TurnRow, ViolationRow)

ATTEMPT_COLUMNS = ["session_id", "trainee_id", "trainee", "cohort", "kind", "scenario_id",
                   "persona", "lang", "jurisdiction", "seed", "drill_id", "status", "outcome",
                   "started_at", "finished_at", "turns", "total", "compliance", "technique",
                   "outcome_score", "passed", "critical", "violations"]
VIOLATION_COLUMNS = ["session_id", "trainee_id", "trainee", "cohort", "kind", "scenario_id",
                     "persona", "lang", "jurisdiction", "turn", "rule", "category", "severity",
                     "citation", "quote", "started_at"]
TURN_COLUMNS = ["session_id", "trainee_id", "turn", "speaker", "text", "acts", "cues", "events",
                "created_at"]
STATE_KEYS = ["session_id", "trainee_id", "persona", "scenario_id", "step", "turn"]
TRAINEE_COLUMNS = ["trainee_id", "name", "email", "cohort_id", "cohort", "created_at",
                   "sessions", "finished", "mean_total", "certifications"]
DRILL_COLUMNS = ["drill_id", "name", "kind", "scenario_ids", "pass_mark", "due", "created_by",
                 "notes", "created_at", "assigned_trainees", "assigned_cohorts", "certified"]
CERTIFICATION_COLUMNS = ["trainee_id", "trainee", "cohort", "drill_id", "drill", "certified_at"]

_INTS = {"session_id", "trainee_id", "cohort_id", "drill_id", "seed", "turns", "total",
         "compliance", "technique", "outcome_score", "critical", "violations", "turn", "step",
         "pass_mark", "sessions", "finished", "certifications", "assigned_trainees",
         "assigned_cohorts", "certified"}
_TIMES = {"started_at", "finished_at", "created_at", "certified_at"}


def _frame(rows: list[dict], columns: list[str]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column in _INTS:
            frame[column] = frame[column].astype("Int64")
        elif column in _TIMES:
            frame[column] = pd.to_datetime(frame[column])
        elif column == "passed":
            frame[column] = frame[column].astype("boolean")
        elif column == "mean_total":
            frame[column] = frame[column].astype("Float64")
    return frame


def _session_filters(trainee_id=None, cohort_id=None, drill_id=None, session_id=None) -> list:
    where = []
    if trainee_id is not None:
        where.append(SessionRow.trainee_id == trainee_id)
    if cohort_id is not None:
        where.append(Trainee.cohort_id == cohort_id)
    if drill_id is not None:
        where.append(SessionRow.drill_id == drill_id)
    if session_id is not None:
        where.append(SessionRow.id == session_id)
    return where


class FramesMixin:
    def attempts_df(self, trainee_id: int | None = None, *, cohort_id: int | None = None,
                    drill_id: int | None = None):
        """One row per stored session (role-play, script, transcript) with its score."""
        turns = (select(TurnRow.session_id, func.count().label("n"))
                 .group_by(TurnRow.session_id).subquery())
        found = (select(ViolationRow.session_id, func.count().label("n"))
                 .group_by(ViolationRow.session_id).subquery())
        query = (select(SessionRow, Trainee.name, Cohort.name, ScoreRow,
                        func.coalesce(turns.c.n, 0), func.coalesce(found.c.n, 0))
                 .join(Trainee, SessionRow.trainee_id == Trainee.id)
                 .outerjoin(Cohort, Trainee.cohort_id == Cohort.id)
                 .outerjoin(ScoreRow, ScoreRow.session_id == SessionRow.id)
                 .outerjoin(turns, turns.c.session_id == SessionRow.id)
                 .outerjoin(found, found.c.session_id == SessionRow.id)
                 .where(*_session_filters(trainee_id, cohort_id, drill_id))
                 .order_by(SessionRow.started_at, SessionRow.id))
        rows = []
        with self._tx() as db:
            for s, trainee, cohort, score, n_turns, n_found in db.execute(query):
                rows.append({
                    "session_id": s.id, "trainee_id": s.trainee_id, "trainee": trainee,
                    "cohort": cohort, "kind": s.kind, "scenario_id": s.scenario_id,
                    "persona": s.persona, "lang": s.lang, "jurisdiction": s.jurisdiction,
                    "seed": s.seed, "drill_id": s.drill_id, "status": s.status,
                    "outcome": s.outcome, "started_at": s.started_at,
                    "finished_at": s.finished_at, "turns": n_turns,
                    "total": score.total if score else None,
                    "compliance": score.compliance if score else None,
                    "technique": score.technique if score else None,
                    "outcome_score": score.outcome if score else None,
                    "passed": score.passed if score else None,
                    "critical": score.critical if score else None,
                    "violations": n_found if score else None})
        return _frame(rows, ATTEMPT_COLUMNS)

    def violations_df(self, trainee_id: int | None = None, *, cohort_id: int | None = None,
                      drill_id: int | None = None):
        """One row per violation found in a finished session."""
        query = (select(ViolationRow, SessionRow, Trainee.name, Cohort.name)
                 .join(SessionRow, ViolationRow.session_id == SessionRow.id)
                 .join(Trainee, SessionRow.trainee_id == Trainee.id)
                 .outerjoin(Cohort, Trainee.cohort_id == Cohort.id)
                 .where(*_session_filters(trainee_id, cohort_id, drill_id))
                 .order_by(SessionRow.started_at, SessionRow.id, ViolationRow.id))
        rows = []
        with self._tx() as db:
            for v, s, trainee, cohort in db.execute(query):
                rows.append({
                    "session_id": s.id, "trainee_id": s.trainee_id, "trainee": trainee,
                    "cohort": cohort, "kind": s.kind, "scenario_id": s.scenario_id,
                    "persona": s.persona, "lang": s.lang, "jurisdiction": s.jurisdiction,
                    "turn": v.turn_index, "rule": v.rule, "category": v.category,
                    "severity": v.severity, "citation": v.citation, "quote": v.quote,
                    "started_at": s.started_at})
        return _frame(rows, VIOLATION_COLUMNS)

    def turns_df(self, session_id: int | None = None, *, trainee_id: int | None = None):
        """One row per stored turn: who spoke, what, the acts, the debtor's cues, events."""
        query = (select(TurnRow, SessionRow.trainee_id)
                 .join(SessionRow, TurnRow.session_id == SessionRow.id)
                 .where(*_session_filters(trainee_id, session_id=session_id))
                 .order_by(TurnRow.session_id, TurnRow.index))
        with self._tx() as db:
            rows = [{"session_id": t.session_id, "trainee_id": trainee, "turn": t.index,
                     "speaker": t.speaker, "text": t.text, "acts": list(t.acts or []),
                     "cues": list(t.cues or []), "events": list(t.events or []),
                     "created_at": t.created_at}
                    for t, trainee in db.execute(query)]
        return _frame(rows, TURN_COLUMNS)

    def states_df(self, session_id: int | None = None, *, trainee_id: int | None = None):
        """The debtor's hidden state through each role-play, one column per variable.

        ``step`` 0 is the state before the first line (``turn`` empty); step k is the state
        after the k-th reply, at transcript index ``turn``.
        """
        where = _session_filters(trainee_id, session_id=session_id)
        with self._tx() as db:
            sessions = db.execute(select(SessionRow.id, SessionRow.trainee_id, SessionRow.persona,
                                         SessionRow.scenario_id, SessionRow.initial_state)
                                  .where(SessionRow.kind == "roleplay", *where)
                                  .order_by(SessionRow.id)).all()
            states = db.execute(select(TurnRow.session_id, TurnRow.index, TurnRow.state)
                                .join(SessionRow, TurnRow.session_id == SessionRow.id)
                                .where(SessionRow.kind == "roleplay", TurnRow.state.is_not(None),
                                       *where)
                                .order_by(TurnRow.session_id, TurnRow.index)).all()
        by_session: dict[int, list] = {}
        for sid, index, state in states:
            by_session.setdefault(sid, []).append((index, state))
        rows, variables = [], {}
        for sid, trainee, persona, scenario_id, initial in sessions:
            series = ([(None, initial)] if initial else []) + by_session.get(sid, [])
            for step, (index, state) in enumerate(series, start=0 if initial else 1):
                variables.update(dict.fromkeys(state))
                rows.append({"session_id": sid, "trainee_id": trainee, "persona": persona,
                             "scenario_id": scenario_id, "step": step, "turn": index, **state})
        frame = _frame(rows, STATE_KEYS + list(variables))
        for variable in variables:
            frame[variable] = frame[variable].astype("float64")
        return frame

    def trainees_df(self, cohort_id: int | None = None):
        """One row per trainee with their cohort, sessions, mean total and certifications."""
        stats = (select(SessionRow.trainee_id, func.count(SessionRow.id).label("sessions"),
                        func.count(ScoreRow.id).label("finished"),
                        func.avg(ScoreRow.total).label("mean_total"))
                 .outerjoin(ScoreRow, ScoreRow.session_id == SessionRow.id)
                 .group_by(SessionRow.trainee_id).subquery())
        certs = (select(Certification.trainee_id, func.count().label("n"))
                 .group_by(Certification.trainee_id).subquery())
        query = (select(Trainee, Cohort.name, stats.c.sessions, stats.c.finished,
                        stats.c.mean_total, certs.c.n)
                 .outerjoin(Cohort, Trainee.cohort_id == Cohort.id)
                 .outerjoin(stats, stats.c.trainee_id == Trainee.id)
                 .outerjoin(certs, certs.c.trainee_id == Trainee.id)
                 .order_by(Trainee.id))
        if cohort_id is not None:
            query = query.where(Trainee.cohort_id == cohort_id)
        with self._tx() as db:
            rows = [{"trainee_id": t.id, "name": t.name, "email": t.email,
                     "cohort_id": t.cohort_id, "cohort": cohort, "created_at": t.created_at,
                     "sessions": sessions or 0, "finished": finished or 0,
                     "mean_total": float(mean) if mean is not None else None,
                     "certifications": n_certs or 0}
                    for t, cohort, sessions, finished, mean, n_certs in db.execute(query)]
        return _frame(rows, TRAINEE_COLUMNS)

    def drills_df(self):
        """One row per drill with how many trainees and cohorts it is assigned to and certified."""
        with self._tx() as db:
            assigned = {d: (t, c) for d, t, c in db.execute(
                select(Assignment.drill_id, func.count(Assignment.trainee_id),
                       func.count(Assignment.cohort_id)).group_by(Assignment.drill_id))}
            certified = dict(db.execute(select(Certification.drill_id, func.count())
                                        .group_by(Certification.drill_id)).all())
            rows = [{"drill_id": d.id, "name": d.name, "kind": d.kind,
                     "scenario_ids": list(d.scenario_ids), "pass_mark": d.pass_mark, "due": d.due,
                     "created_by": d.created_by, "notes": d.notes, "created_at": d.created_at,
                     "assigned_trainees": assigned.get(d.id, (0, 0))[0],
                     "assigned_cohorts": assigned.get(d.id, (0, 0))[1],
                     "certified": certified.get(d.id, 0)}
                    for d in db.scalars(select(Drill).order_by(Drill.id))]
        return _frame(rows, DRILL_COLUMNS)

    def certifications_df(self, trainee_id: int | None = None):
        """One row per certification: who, which drill, when."""
        query = (select(Certification, Trainee.name, Cohort.name, Drill.name)
                 .join(Trainee, Certification.trainee_id == Trainee.id)
                 .outerjoin(Cohort, Trainee.cohort_id == Cohort.id)
                 .join(Drill, Certification.drill_id == Drill.id)
                 .order_by(Certification.certified_at, Certification.id))
        if trainee_id is not None:
            query = query.where(Certification.trainee_id == trainee_id)
        with self._tx() as db:
            rows = [{"trainee_id": c.trainee_id, "trainee": trainee, "cohort": cohort,
                     "drill_id": c.drill_id, "drill": drill, "certified_at": c.certified_at}
                    for c, trainee, cohort, drill in db.execute(query)]
        return _frame(rows, CERTIFICATION_COLUMNS)

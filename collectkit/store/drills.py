"""Drills: a set of scenarios with a pass mark and a due date, assigned, attempted, certified.

A trainee is certified for a drill when every scenario of it has a finished attempt made for
the drill that passed at the drill's pass mark (no critical violation, total at or above it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import or_, select

from ..errors import CollectkitError, UsageError
from .models import (Assignment, Certification, Drill, ScoreRow, SessionRow, Trainee,
                     ViolationRow)
from .records import AssignedDrill, Attempt, CertificationInfo, DrillInfo, DrillProgress

SEVERITY_WEIGHT = {"critical": 3, "major": 2, "minor": 1}


def _info(d: Drill) -> DrillInfo:
    return DrillInfo(d.id, d.name, tuple(d.scenario_ids), d.pass_mark, d.due, d.kind,
                     d.created_by, d.notes)


def _as_date(due) -> dt.date | None:
    if due is None or isinstance(due, dt.date) and not isinstance(due, dt.datetime):
        return due
    if isinstance(due, dt.datetime):
        return due.date()
    try:
        return dt.date.fromisoformat(str(due).strip())
    except ValueError:
        raise UsageError(f"due {due!r} is not a date", fix="write it as 2026-04-30") from None


def _passes(score: ScoreRow | None, status: str, pass_mark: int) -> bool:
    return (status == "finished" and score is not None and score.critical == 0
            and score.total >= pass_mark)


class DrillsMixin:
    def create_drill(self, name: str, scenario_ids, pass_mark: int = 70, due=None, *,
                     created_by: str | None = None, kind: str = "normal",
                     notes: str | None = None) -> int:
        """A new drill's id. ``scenario_ids``: ids from ``collectkit scenarios list``;
        ``due``: a date or ``"2026-04-30"``.

        >>> from collectkit.store import ResultStore
        >>> store = ResultStore("sqlite:///:memory:", create=True)
        >>> drill = store.create_drill("Angry callers", ["us-aggressive-card"], 75, "2026-04-30")
        >>> store.drill(drill).pass_mark
        75
        """
        from ..scenarios import load_scenario

        ids = [scenario_ids] if isinstance(scenario_ids, str) else list(scenario_ids or ())
        if not ids:
            raise UsageError("a drill needs at least one scenario",
                             fix="see 'collectkit scenarios list'")
        for scenario_id in ids:
            load_scenario(scenario_id)
        if type(pass_mark) is not int or not 0 <= pass_mark <= 100:
            raise UsageError(f"pass mark {pass_mark!r} must be a whole number from 0 to 100")
        if kind not in ("normal", "refresher"):
            raise UsageError(f"unknown drill kind {kind!r}", fix="use 'normal' or 'refresher'")
        name = (name or "").strip()
        if not name:
            raise UsageError("a drill needs a name")
        with self._tx() as db:
            drill = Drill(name=name, scenario_ids=list(dict.fromkeys(ids)), pass_mark=pass_mark,
                          due=_as_date(due), created_by=created_by, kind=kind, notes=notes)
            db.add(drill)
            db.flush()
            return drill.id

    def drill(self, drill_id: int) -> DrillInfo:
        with self._tx() as db:
            return _info(self._get(db, Drill, drill_id))

    def drills(self) -> list[DrillInfo]:
        with self._tx() as db:
            return [_info(d) for d in db.scalars(select(Drill).order_by(Drill.id))]

    def assign(self, drill_id: int, *, trainee_id: int | None = None,
               cohort_id: int | None = None) -> int:
        """Assign a drill to one trainee or to a whole cohort; assigning twice is harmless."""
        if (trainee_id is None) == (cohort_id is None):
            raise UsageError("assign a drill to exactly one of trainee_id=... or cohort_id=...")
        from .models import Cohort

        with self._tx() as db:
            self._get(db, Drill, drill_id)
            if trainee_id is not None:
                self._get(db, Trainee, trainee_id)
                target = Assignment.trainee_id == trainee_id
            else:
                self._get(db, Cohort, cohort_id)
                target = Assignment.cohort_id == cohort_id
            found = db.scalar(select(Assignment.id).where(Assignment.drill_id == drill_id, target))
            if found is not None:
                return found
            row = Assignment(drill_id=drill_id, trainee_id=trainee_id, cohort_id=cohort_id)
            db.add(row)
            db.flush()
            return row.id

    def _assigned(self, db, trainee: Trainee) -> dict[int, str]:
        """drill id -> "trainee" or "cohort" (a direct assignment wins)."""
        conditions = [Assignment.trainee_id == trainee.id]
        if trainee.cohort_id is not None:
            conditions.append(Assignment.cohort_id == trainee.cohort_id)
        found: dict[int, str] = {}
        for a in db.scalars(select(Assignment).where(or_(*conditions)).order_by(Assignment.id)):
            via = "trainee" if a.trainee_id is not None else "cohort"
            if found.get(a.drill_id) != "trainee":
                found[a.drill_id] = via
        return found

    def _drill_attempts(self, db, trainee_id: int, drill: Drill | None):
        query = (select(SessionRow, ScoreRow).outerjoin(ScoreRow)
                 .where(SessionRow.trainee_id == trainee_id)
                 .order_by(SessionRow.started_at, SessionRow.id))
        if drill is not None:
            query = query.where(SessionRow.drill_id == drill.id)
        return db.execute(query).all()

    def _passed(self, db, trainee_id: int, drill: Drill) -> set[str]:
        return {row.scenario_id for row, score in self._drill_attempts(db, trainee_id, drill)
                if _passes(score, row.status, drill.pass_mark)}

    def _certified_at(self, db, trainee_id: int, drill_id: int) -> dt.datetime | None:
        return db.scalar(select(Certification.certified_at).where(
            Certification.trainee_id == trainee_id, Certification.drill_id == drill_id))

    def assignments(self, trainee_id: int) -> list[AssignedDrill]:
        """The drills a trainee must do (directly or through their cohort) and their progress."""
        with self._tx() as db:
            trainee = self._get(db, Trainee, trainee_id)
            out = []
            for drill_id, via in self._assigned(db, trainee).items():
                drill = db.get(Drill, drill_id)
                passed = self._passed(db, trainee_id, drill)
                out.append(AssignedDrill(
                    _info(drill), via, tuple(s for s in drill.scenario_ids if s in passed),
                    tuple(s for s in drill.scenario_ids if s not in passed),
                    self._certified_at(db, trainee_id, drill_id)))
            return out

    def attempts(self, trainee_id: int, drill_id: int | None = None) -> list[Attempt]:
        """A trainee's calls and scripts (those made for ``drill_id``, if given), oldest first.
        ``passed`` is judged at the drill's pass mark, else the scenario's."""
        with self._tx() as db:
            self._get(db, Trainee, trainee_id)
            drill = self._get(db, Drill, drill_id) if drill_id is not None else None
            out = []
            for row, score in self._drill_attempts(db, trainee_id, drill):
                passed = (_passes(score, row.status, drill.pass_mark) if drill is not None
                          else bool(score and score.passed and row.status == "finished"))
                out.append(Attempt(row.id, row.scenario_id, row.kind, row.status, row.outcome,
                                   score.total if score else None,
                                   score.critical if score else None, passed,
                                   row.started_at, row.finished_at))
            return out

    def drill_progress(self, drill_id: int) -> list[DrillProgress]:
        """One line per trainee assigned to (or attempting) the drill: attempts, best total per
        scenario, scenarios passed and left, certification."""
        with self._tx() as db:
            drill = self._get(db, Drill, drill_id)
            assigned = db.scalars(select(Assignment).where(Assignment.drill_id == drill_id)).all()
            ids = {a.trainee_id for a in assigned if a.trainee_id is not None}
            cohorts = [a.cohort_id for a in assigned if a.cohort_id is not None]
            if cohorts:
                ids |= set(db.scalars(select(Trainee.id).where(Trainee.cohort_id.in_(cohorts))))
            ids |= set(db.scalars(select(SessionRow.trainee_id)
                                  .where(SessionRow.drill_id == drill_id)))
            out = []
            people = select(Trainee).where(Trainee.id.in_(ids)).order_by(Trainee.id)
            for trainee in db.scalars(people):
                rows = self._drill_attempts(db, trainee.id, drill)
                best: dict[str, int] = {}
                for row, score in rows:
                    if score is not None and row.scenario_id:
                        best[row.scenario_id] = max(best.get(row.scenario_id, 0), score.total)
                passed = {row.scenario_id for row, score in rows
                          if _passes(score, row.status, drill.pass_mark)}
                out.append(DrillProgress(
                    trainee.id, trainee.name, len(rows),
                    tuple(s for s in drill.scenario_ids if s in passed),
                    tuple(s for s in drill.scenario_ids if s not in passed),
                    best, self._certified_at(db, trainee.id, drill_id)))
            return out

    def certify_if_complete(self, trainee_id: int, drill_id: int) -> CertificationInfo | None:
        """Certify the trainee if every scenario of the drill has a passing attempt; returns the
        certification (new or earlier) or ``None`` if something is left to pass."""
        with self._tx() as db:
            self._get(db, Trainee, trainee_id)
            drill = self._get(db, Drill, drill_id)
            earlier = self._certified_at(db, trainee_id, drill_id)
            if earlier is not None:
                return CertificationInfo(trainee_id, drill_id, earlier)
            if not set(drill.scenario_ids) <= self._passed(db, trainee_id, drill):
                return None
            cert = Certification(trainee_id=trainee_id, drill_id=drill_id)
            db.add(cert)
            db.flush()
            return CertificationInfo(trainee_id, drill_id, cert.certified_at)

    def certifications(self, trainee_id: int | None = None) -> list[CertificationInfo]:
        with self._tx() as db:
            query = select(Certification).order_by(Certification.id)
            if trainee_id is not None:
                query = query.where(Certification.trainee_id == trainee_id)
            return [CertificationInfo(c.trainee_id, c.drill_id, c.certified_at)
                    for c in db.scalars(query)]

    # ------------------------------------------------------------------ refresher

    def refresher_drill(self, trainee_id: int, *, size: int = 3, pass_mark: int | None = None,
                        due=None, created_by: str = "collectkit") -> DrillInfo:
        """Build and assign a drill aimed at the trainee's weak spots.

        Weak categories: the violation categories with the most weight (critical 3, major 2,
        minor 1). Weak debtor types: the personas with the lowest mean total, those below the
        pass mark first. Scenarios: up to ``size`` whose persona is a weak type, in a language the
        trainee practises, not yet passed first. The name and notes say why.
        """
        from ..scenarios import list_scenarios, load_scenario

        with self._tx() as db:
            trainee = self._get(db, Trainee, trainee_id)
            name = trainee.name
            scored = db.execute(select(SessionRow, ScoreRow).join(ScoreRow)
                                .where(SessionRow.trainee_id == trainee_id)).all()
            violations = db.execute(select(ViolationRow.category, ViolationRow.severity,
                                           SessionRow.persona)
                                    .join(SessionRow, ViolationRow.session_id == SessionRow.id)
                                    .where(SessionRow.trainee_id == trainee_id)).all()
        if not scored:
            raise UsageError(f"trainee {trainee_id} ({name}) has no scored calls yet",
                             fix="finish a role-play or save a scored script first")
        weight: Counter = Counter()
        counts: Counter = Counter()
        persona_weight: Counter = Counter()
        for category, severity, persona in violations:
            weight[category] += SEVERITY_WEIGHT.get(severity, 1)
            counts[category] += 1
            if persona:
                persona_weight[persona] += SEVERITY_WEIGHT.get(severity, 1)
        categories = sorted(weight, key=lambda c: (-weight[c], -counts[c], c))[:3]

        totals: dict[str, list[int]] = defaultdict(list)
        langs: Counter = Counter()
        passed_scenarios = set()
        for row, score in scored:
            langs[row.lang] += 1
            if row.persona:
                totals[row.persona].append(score.total)
            if score.passed and row.scenario_id:
                passed_scenarios.add(row.scenario_id)
        mark = pass_mark if pass_mark is not None else 70
        means = {p: sum(v) / len(v) for p, v in totals.items()}
        ranked = sorted(means, key=lambda p: (means[p] >= mark, means[p], -persona_weight[p], p))
        if not ranked:
            raise UsageError(f"the scored calls of trainee {trainee_id} ({name}) name no "
                             f"debtor type",
                             fix="practise personas or scenarios, or give scripts a persona: line")
        weak = [p for p in ranked if means[p] < mark] or ranked[:1]
        lang = langs.most_common(1)[0][0]

        chosen: list = []
        for pool in (weak, ranked):
            candidates = []
            for scenario_id in list_scenarios():
                try:
                    scenario = load_scenario(scenario_id)
                except CollectkitError:
                    continue  # a scenario being edited; the others still serve
                if scenario.persona in pool:
                    candidates.append(scenario)
            # In a language the trainee practises, if there is one; not yet passed first.
            candidates = [s for s in candidates if set(s.langs) & set(langs)] or candidates
            candidates.sort(key=lambda s: (pool.index(s.persona), s.id in passed_scenarios,
                                           lang not in s.langs, s.id))
            chosen = candidates[:size]
            if chosen:
                break
        if not chosen:
            raise UsageError(f"no scenario uses the debtor types {', '.join(ranked)}",
                             fix="write a scenario for one of them, or create_drill() by hand")
        types = list(dict.fromkeys(s.persona for s in chosen))
        title = (f"Refresher for {name}: " + (", ".join(categories) if categories else "technique")
                 + f" with {', '.join(types)} debtors")
        notes = "\n".join(
            ["Weakest violation categories (weight: critical 3, major 2, minor 1): "
             + ("; ".join(f"{c} ({counts[c]} found, weight {weight[c]})" for c in categories)
                or "none found")] +
            ["Weakest debtor types (mean total over scored calls): "
             + "; ".join(f"{p} ({means[p]:.0f} over {len(totals[p])})" for p in ranked[:3])] +
            [f"Scenarios chosen: " + "; ".join(
                f"{s.id} ({s.persona}, {s.meta.jurisdiction}, {'/'.join(s.langs)}"
                + (", passed before" if s.id in passed_scenarios else "") + ")" for s in chosen)])
        drill_id = self.create_drill(
            title, [s.id for s in chosen],
            pass_mark if pass_mark is not None else max(s.pass_mark for s in chosen),
            due, created_by=created_by, kind="refresher", notes=notes)
        self.assign(drill_id, trainee_id=trainee_id)
        return self.drill(drill_id)

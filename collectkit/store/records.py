"""What the store hands back: plain, frozen records (no database objects leak out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass


class _Record:
    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CohortInfo(_Record):
    id: int
    name: str


@dataclass(frozen=True)
class TraineeInfo(_Record):
    id: int
    name: str
    email: str | None
    cohort_id: int | None
    cohort: str | None


@dataclass(frozen=True)
class SessionInfo(_Record):
    """A stored session; ``turns`` counts both speakers."""

    id: int
    trainee_id: int
    kind: str
    scenario_id: str | None
    persona: str | None
    lang: str
    seed: int | None
    jurisdiction: str
    status: str
    outcome: str | None
    drill_id: int | None
    started_at: dt.datetime
    finished_at: dt.datetime | None
    turns: int


@dataclass(frozen=True)
class DrillInfo(_Record):
    id: int
    name: str
    scenario_ids: tuple[str, ...]
    pass_mark: int
    due: dt.date | None
    kind: str
    created_by: str | None
    notes: str | None


@dataclass(frozen=True)
class AssignedDrill(_Record):
    """A drill a trainee must do (``via`` "trainee" or "cohort") and how far they are."""

    drill: DrillInfo
    via: str
    passed: tuple[str, ...]
    remaining: tuple[str, ...]
    certified_at: dt.datetime | None


@dataclass(frozen=True)
class Attempt(_Record):
    """A finished or open try at a scenario; ``passed`` is at the drill's pass mark."""

    session_id: int
    scenario_id: str | None
    kind: str
    status: str
    outcome: str | None
    total: int | None
    critical: int | None
    passed: bool
    started_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class DrillProgress(_Record):
    trainee_id: int
    trainee: str
    attempts: int
    passed: tuple[str, ...]
    remaining: tuple[str, ...]
    best: dict
    certified_at: dt.datetime | None


@dataclass(frozen=True)
class CertificationInfo(_Record):
    trainee_id: int
    drill_id: int
    certified_at: dt.datetime

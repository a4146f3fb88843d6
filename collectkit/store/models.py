"""The store's tables (DESIGN.md section 9) as SQLAlchemy 2 typed models.

Times are naive UTC. JSON columns hold what the library's ``to_dict()`` gives, so a row can be
read back without collectkit's classes. Raise :data:`SCHEMA_VERSION` with every change to these
tables and add the step to ``MIGRATIONS`` in :mod:`collectkit.store.connect`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = 1

SESSION_KINDS = ("roleplay", "script", "transcript")
SESSION_STATUSES = ("open", "finished", "closed")
DRILL_KINDS = ("normal", "refresher")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON(none_as_null=True), list[Any]: JSON,
                           str: String(200)}


class SchemaVersion(Base):
    __tablename__ = "schema_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Cohort(Base):
    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    trainees: Mapped[list["Trainee"]] = relationship(back_populates="cohort")


class Trainee(Base):
    __tablename__ = "trainee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[Optional[str]] = mapped_column(unique=True)
    cohort_id: Mapped[Optional[int]] = mapped_column(ForeignKey("cohort.id", ondelete="SET NULL"),
                                                     index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    cohort: Mapped[Optional[Cohort]] = relationship(back_populates="trainees")


class Drill(Base):
    __tablename__ = "drill"
    __table_args__ = (CheckConstraint("pass_mark BETWEEN 0 AND 100", name="drill_pass_mark"),
                      CheckConstraint("kind IN ('normal', 'refresher')", name="drill_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    scenario_ids: Mapped[list[Any]]
    pass_mark: Mapped[int] = mapped_column(Integer, default=70)
    due: Mapped[Optional[dt.date]] = mapped_column(Date)
    created_by: Mapped[Optional[str]]
    kind: Mapped[str] = mapped_column(String(20), default="normal")
    notes: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SessionRow(Base):
    """One practice call or one scored script/transcript (``kind``)."""

    __tablename__ = "session"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'finished', 'closed')", name="session_status"),
        CheckConstraint("kind IN ('roleplay', 'script', 'transcript')", name="session_kind"),
        Index("ix_session_trainee_drill", "trainee_id", "drill_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="roleplay")
    scenario_id: Mapped[Optional[str]]
    persona: Mapped[Optional[str]]
    lang: Mapped[str] = mapped_column(String(20))
    seed: Mapped[Optional[int]]
    jurisdiction: Mapped[str] = mapped_column(String(10))
    call_id: Mapped[Optional[str]]
    meta: Mapped[Optional[dict[str, Any]]]
    initial_state: Mapped[Optional[dict[str, Any]]]
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    outcome: Mapped[Optional[str]] = mapped_column(String(40))
    drill_id: Mapped[Optional[int]] = mapped_column(ForeignKey("drill.id", ondelete="SET NULL"),
                                                    index=True)

    trainee: Mapped[Trainee] = relationship()
    turns: Mapped[list["TurnRow"]] = relationship(order_by="TurnRow.index",
                                                  cascade="all, delete-orphan",
                                                  back_populates="session")
    score: Mapped[Optional["ScoreRow"]] = relationship(cascade="all, delete-orphan",
                                                       back_populates="session")


class TurnRow(Base):
    __tablename__ = "turn"
    __table_args__ = (UniqueConstraint("session_id", "index", name="turn_session_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    index: Mapped[int]
    speaker: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    acts: Mapped[list[Any]] = mapped_column(default=list)
    cues: Mapped[list[Any]] = mapped_column(default=list)
    state: Mapped[Optional[dict[str, Any]]]
    events: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    session: Mapped[SessionRow] = relationship(back_populates="turns")


class ViolationRow(Base):
    __tablename__ = "violation"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"),
                                            index=True)
    turn_id: Mapped[Optional[int]] = mapped_column(ForeignKey("turn.id", ondelete="SET NULL"))
    turn_index: Mapped[Optional[int]]
    rule: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(60), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    citation: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")


class ScoreRow(Base):
    __tablename__ = "score"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"),
                                            unique=True)
    total: Mapped[int]
    compliance: Mapped[int]
    technique: Mapped[Optional[int]]
    outcome: Mapped[Optional[int]]
    passed: Mapped[bool]
    critical: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    session: Mapped[SessionRow] = relationship(back_populates="score")


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint("(trainee_id IS NULL) <> (cohort_id IS NULL)", name="assignment_target"),
        UniqueConstraint("drill_id", "trainee_id", name="assignment_drill_trainee"),
        UniqueConstraint("drill_id", "cohort_id", name="assignment_drill_cohort"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drill_id: Mapped[int] = mapped_column(ForeignKey("drill.id", ondelete="CASCADE"))
    trainee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"),
                                                      index=True)
    cohort_id: Mapped[Optional[int]] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"),
                                                     index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Certification(Base):
    __tablename__ = "certification"
    __table_args__ = (UniqueConstraint("trainee_id", "drill_id", name="certification_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"))
    drill_id: Mapped[int] = mapped_column(ForeignKey("drill.id", ondelete="CASCADE"))
    certified_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


TABLES = [m.__tablename__ for m in (Cohort, Trainee, Drill, SessionRow, TurnRow, ViolationRow,
                                    ScoreRow, Assignment, Certification)]

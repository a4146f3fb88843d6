"""``ResultStore``: the progress store's facade (trainees, role-play recording, drills, frames).

>>> store = ResultStore("sqlite:///:memory:", create=True)
>>> cohort = store.add_cohort("March intake")
>>> ana = store.add_trainee("Ana", cohort_id=cohort)
>>> [t.name for t in store.trainees()]
['Ana']
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from ..errors import CollectkitError, StoreError, UsageError
from .connect import (check_schema, explain, init_schema, make_engine, sqlite_file_problem,
                      schema_version, table_counts)
from .drills import DrillsMixin
from .frames import FramesMixin
from .models import SCHEMA_VERSION, Cohort, Trainee
from .records import CohortInfo, TraineeInfo
from .recording import RecordingMixin
from .urls import mask_url, resolve_url


class ResultStore(RecordingMixin, DrillsMixin, FramesMixin):
    """Results of role-plays and scored scripts, drills and certifications, in one database.

    ``url``: the argument, else ``COLLECTKIT_DB``, else ``collectkit.sqlite`` in the user's
    data folder. ``postgresql://USER:PASSWORD@HOST/DB`` serves a team. With ``create=True`` an
    empty database gets the tables (as ``collectkit db init`` does); otherwise opening a database
    without them, or with an older schema, raises :class:`~collectkit.errors.StoreError` saying
    which command fixes it.
    """

    def __init__(self, url: str | os.PathLike | None = None, *, create: bool = False):
        self._url = resolve_url(url)
        self.url = mask_url(self._url)
        self._explicit = url is not None
        self._engine = make_engine(self._url)
        missing = sqlite_file_problem(self._url, creating=create, explicit_url=self._explicit)
        if missing is not None:
            self._engine.dispose()
            raise missing
        self._pid = os.getpid()
        try:
            with self._engine.connect() as conn:
                version = schema_version(conn)
                if version is not None or not create:
                    check_schema(conn, self._url, explicit_url=self._explicit)
            if version is None and create:
                init_schema(self._engine, self._url, explicit_url=self._explicit)
        except CollectkitError:
            self._engine.dispose()
            raise
        except Exception as exc:  # noqa: BLE001 - a bad URL is one line, not a traceback
            self._engine.dispose()
            raise explain(exc, self._url) from None
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"ResultStore({self.url!r})"

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc) -> None:
        self.dispose()

    def dispose(self) -> None:
        """Close the store's connections (the store can still be used; it reconnects)."""
        self._engine.dispose()

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    @contextmanager
    def _tx(self) -> Iterator[DbSession]:
        """One committed transaction; database failures become :class:`StoreError`."""
        if os.getpid() != self._pid:
            # A forked child must not share the parent's sockets or file handles.
            self._engine.dispose(close=False)
            self._pid = os.getpid()
        try:
            with self._sessions.begin() as db:
                yield db
        except CollectkitError:
            raise
        except sa_exc.IntegrityError as exc:
            detail = " ".join(str(exc.orig).split())[:200]
            raise StoreError(f"{self.url}: the database refused the change: {detail}") from None
        except sa_exc.DBAPIError as exc:
            raise explain(exc, self._url, doing="database error on") from None

    def info(self) -> dict:
        """URL (password masked), backend, schema versions and rows per table."""
        with self._tx() as db:
            conn = db.connection()
            return {"url": self.url, "backend": self.backend,
                    "schema_version": schema_version(conn), "code_version": SCHEMA_VERSION,
                    "rows": table_counts(conn)}

    # ------------------------------------------------------------------ people

    def add_cohort(self, name: str) -> int:
        """A cohort's id; adding an existing name returns its id (notebooks can be re-run)."""
        name = (name or "").strip()
        if not name:
            raise UsageError("a cohort needs a name")
        with self._tx() as db:
            found = db.scalar(select(Cohort.id).where(Cohort.name == name))
            if found is not None:
                return found
            cohort = Cohort(name=name)
            db.add(cohort)
            db.flush()
            return cohort.id

    def add_trainee(self, name: str, *, cohort_id: int | None = None,
                    email: str | None = None) -> int:
        """A trainee's id. The same email (or, without one, the same name in the same cohort)
        returns the existing trainee, so a notebook can be re-run top to bottom."""
        name = (name or "").strip()
        if not name:
            raise UsageError("a trainee needs a name")
        with self._tx() as db:
            if cohort_id is not None:
                self._get(db, Cohort, cohort_id)
            if email:
                query = select(Trainee.id).where(Trainee.email == email)
            else:
                query = select(Trainee.id).where(Trainee.name == name, Trainee.email.is_(None),
                                                 Trainee.cohort_id.is_(None) if cohort_id is None
                                                 else Trainee.cohort_id == cohort_id)
            found = db.scalars(query).first()
            if found is not None:
                return found
            trainee = Trainee(name=name, email=email or None, cohort_id=cohort_id)
            db.add(trainee)
            db.flush()
            return trainee.id

    def set_cohort(self, trainee_id: int, cohort_id: int | None) -> None:
        """Move a trainee to a cohort (``None``: to no cohort)."""
        with self._tx() as db:
            trainee = self._get(db, Trainee, trainee_id)
            if cohort_id is not None:
                self._get(db, Cohort, cohort_id)
            trainee.cohort_id = cohort_id

    def cohorts(self) -> list[CohortInfo]:
        with self._tx() as db:
            return [CohortInfo(c.id, c.name)
                    for c in db.scalars(select(Cohort).order_by(Cohort.id))]

    def trainees(self, cohort_id: int | None = None) -> list[TraineeInfo]:
        """Every trainee (or a cohort's), in the order they were added."""
        with self._tx() as db:
            query = select(Trainee, Cohort.name).outerjoin(Cohort).order_by(Trainee.id)
            if cohort_id is not None:
                query = query.where(Trainee.cohort_id == cohort_id)
            return [TraineeInfo(t.id, t.name, t.email, t.cohort_id, cohort)
                    for t, cohort in db.execute(query)]

    def trainee(self, trainee_id: int) -> TraineeInfo:
        with self._tx() as db:
            t = self._get(db, Trainee, trainee_id)
            return TraineeInfo(t.id, t.name, t.email, t.cohort_id,
                               t.cohort.name if t.cohort else None)

    @staticmethod
    def _get(db: DbSession, model, row_id):
        row = db.get(model, row_id) if row_id is not None else None
        if row is None:
            raise UsageError(f"no {model.__tablename__} with id {row_id!r} in this store")
        return row

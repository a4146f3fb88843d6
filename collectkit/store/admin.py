"""What ``collectkit db init|upgrade|info`` do, callable from Python too."""

from __future__ import annotations

import os

from ..errors import CollectkitError, StoreError
from .connect import (check_schema, explain, init_schema, make_engine, sqlite_file_problem,
                      schema_version, table_counts, upgrade_schema)
from .models import SCHEMA_VERSION
from .urls import mask_url, resolve_url


def _run(url, action):
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    try:
        return action(engine, resolved)
    except CollectkitError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bad URL is one line, not a traceback
        raise explain(exc, resolved) from None
    finally:
        engine.dispose()


def init_database(url: str | os.PathLike | None = None) -> str:
    """Create the collectkit tables in an empty database; returns what was done."""

    def init(engine, resolved):
        missing = sqlite_file_problem(resolved, creating=True)
        if missing is not None:
            raise missing
        return f"{mask_url(resolved)}: " + init_schema(engine, resolved,
                                                       explicit_url=url is not None)

    return _run(url, init)


def upgrade_database(url: str | os.PathLike | None = None) -> str:
    """Upgrade an older collectkit schema to this version's; returns what was done."""

    def upgrade(engine, resolved):
        missing = sqlite_file_problem(resolved, explicit_url=url is not None)
        if missing is not None:
            raise missing
        return f"{mask_url(resolved)}: " + upgrade_schema(engine, resolved,
                                                          explicit_url=url is not None)

    return _run(url, upgrade)


def database_info(url: str | os.PathLike | None = None) -> dict:
    """URL (masked), backend, schema version found and needed, rows per table, and the
    problem (one line with its fix) if the schema is missing or out of date, else ``None``."""

    def info(engine, resolved):
        missing = sqlite_file_problem(resolved, explicit_url=url is not None)
        if missing is not None:
            return {"url": mask_url(resolved), "backend": engine.dialect.name,
                    "schema_version": None, "code_version": SCHEMA_VERSION, "rows": None,
                    "problem": str(missing)}
        with engine.connect() as conn:
            version = schema_version(conn)
            problem = None
            try:
                check_schema(conn, resolved, explicit_url=url is not None)
            except StoreError as exc:
                problem = str(exc)
            rows = table_counts(conn) if problem is None else None
        return {"url": mask_url(resolved), "backend": engine.dialect.name,
                "schema_version": version, "code_version": SCHEMA_VERSION, "rows": rows,
                "problem": problem}

    return _run(url, info)

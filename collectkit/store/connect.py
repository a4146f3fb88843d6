"""Opening a database: engine set-up, one-line errors for bad URLs, schema version checks.

SQLite runs in WAL mode with a busy timeout and foreign keys on; each transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers (several kernels, a dashboard) queue instead of
failing half-way. PostgreSQL goes through psycopg 3 with a connect timeout.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, event, func, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy import exc as sa_exc

from ..errors import StoreError
from .models import SCHEMA_VERSION, TABLES, Base, SchemaVersion, utcnow
from .urls import URL_HELP, mask_url

BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10

# step N upgrades a version-N database to N+1; create_all then adds any new tables.
# 0 -> 1: tables made before the version was recorded; nothing to change but the stamp.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {0: lambda conn: None}

_FIXES = [  # (pattern in the driver's message, what to say, the fix)
    (r"password authentication failed|authentication failed",
     "wrong user name or password", "check the user name and password in the URL"),
    (r"connection refused", "connection refused",
     "is the database server running? check the host and port in the URL"),
    (r"could not translate host name|name or service not known|nodename nor servname",
     "unknown host", "check the host name in the URL"),
    (r"timeout expired|timed out", "the server did not answer in time",
     "check the host, the port and the network (firewall, VPN)"),
    (r'database "[^"]*" does not exist', None,
     "create the database (createdb NAME) or correct its name in the URL"),
    (r'role "[^"]*" does not exist', None, "check the user name in the URL"),
    (r"no pg_hba\.conf entry", "the server does not accept this user from here",
     "ask the database administrator to allow this host and user"),
    (r"unable to open database file", "cannot open the SQLite file",
     "check that the folder exists and is writable"),
    (r"file is not a database|file is encrypted", "the file is not a SQLite database",
     "point the URL at a collectkit SQLite file or a new file name"),
    (r"database is locked", "the SQLite file stayed locked by another process",
     "close other programs writing to it, or use PostgreSQL for a team"),
]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def explain(exc: BaseException, url: str, doing: str = "cannot open") -> StoreError:
    """A one-line :class:`StoreError` naming the (masked) URL, for any database failure."""
    masked = mask_url(url)
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sa_exc.NoSuchModuleError):
        scheme = url.split("://", 1)[0]
        return StoreError(f"cannot open {masked}: unknown database type {scheme!r}", fix=URL_HELP)
    if isinstance(exc, sa_exc.ArgumentError):
        return StoreError(f"{masked!r} is not a database URL ({_one_line(exc)})", fix=URL_HELP)
    if isinstance(exc, ImportError):
        scheme = url.split("://", 1)[0]
        return StoreError(
            f"cannot open {masked}: the driver for {scheme!r} is not installed "
            f"({_one_line(exc)})",
            fix="install that driver, or for PostgreSQL use postgresql+psycopg:// "
                "(pip install 'psycopg[binary]')")
    detail = _one_line(getattr(exc, "orig", None) or exc)
    for pattern, said, fix in _FIXES:
        match = re.search(pattern, detail, re.IGNORECASE)
        if match:
            return StoreError(f"{doing} {masked}: {said or match.group(0)}", fix=fix)
    return StoreError(f"{doing} {masked}: {detail[:200]}",
                      fix="check the URL and that the database server is reachable")


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (already resolved); raises :class:`StoreError`, never a traceback."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"check_same_thread": False,
                                                         "timeout": BUSY_TIMEOUT_MS / 1000})
            _sqlite_events(engine)
        else:
            connect_args = {}
            if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
                connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
            engine = create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line with a fix
        raise explain(exc, url) from None
    return engine


# ------------------------------------------------------------------ schema


def schema_version(conn: Connection) -> int | None:
    """The recorded version, 0 for unstamped tables, None for a database without them."""
    if not inspect(conn).has_table(SchemaVersion.__tablename__):
        return None
    version = conn.execute(select(SchemaVersion.version).where(SchemaVersion.id == 1)).scalar()
    return int(version) if version is not None else 0


def _stamp(conn: Connection, version: int) -> None:
    row = conn.execute(select(SchemaVersion.id).where(SchemaVersion.id == 1)).scalar()
    table = SchemaVersion.__table__
    if row is None:
        conn.execute(table.insert().values(id=1, version=version, updated_at=utcnow()))
    else:
        conn.execute(table.update().where(table.c.id == 1)
                     .values(version=version, updated_at=utcnow()))


def _fix(command: str, explicit_url: bool) -> str:
    return f"run: collectkit db {command}" + (" --url URL" if explicit_url else "")


def sqlite_file_problem(url: str, *, creating: bool = False,
                        explicit_url: bool = False) -> StoreError | None:
    """For a SQLite URL: a missing folder, or (unless ``creating``) a missing file. Opening
    either would fail or leave an empty file behind, so say so instead."""
    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:" \
            or path.startswith("file:") or Path(path).exists():
        return None
    if not Path(path).parent.is_dir():
        return StoreError(f"the folder {Path(path).parent} does not exist", path=mask_url(url),
                          fix="create the folder or correct the path in the URL")
    if creating:
        return None
    return StoreError("no database file here yet", path=mask_url(url),
                      fix=_fix("init", explicit_url))


def check_schema(conn: Connection, url: str, *, explicit_url: bool = False) -> int:
    """Raise :class:`StoreError` unless the database holds this collectkit's schema."""
    version = schema_version(conn)
    where = mask_url(url)
    if version is None:
        raise StoreError("no collectkit tables in this database", path=where,
                         fix=_fix("init", explicit_url))
    if version < SCHEMA_VERSION:
        raise StoreError(f"database schema is version {version}, this collectkit needs "
                         f"{SCHEMA_VERSION}", path=where, fix=_fix("upgrade", explicit_url))
    if version > SCHEMA_VERSION:
        raise StoreError(f"database schema is version {version}, newer than this collectkit "
                         f"knows ({SCHEMA_VERSION})", path=where,
                         fix="upgrade collectkit (pip install -U collectkit)")
    return version


def init_schema(engine: Engine, url: str, *, explicit_url: bool = False) -> str:
    """Create the tables in an empty database; says what it did."""
    with engine.begin() as conn:
        version = schema_version(conn)
        if version is None:
            Base.metadata.create_all(conn)
            _stamp(conn, SCHEMA_VERSION)
            return f"created the collectkit tables (schema version {SCHEMA_VERSION})"
        check_schema(conn, url, explicit_url=explicit_url)
        return f"already set up (schema version {version})"


def upgrade_schema(engine: Engine, url: str, *, explicit_url: bool = False) -> str:
    """Bring an older schema up to this collectkit's version; says what it did."""
    with engine.begin() as conn:
        version = schema_version(conn)
        if version is None:
            raise StoreError("no collectkit tables in this database", path=mask_url(url),
                             fix=_fix("init", explicit_url))
        if version >= SCHEMA_VERSION:
            check_schema(conn, url, explicit_url=explicit_url)
            return f"already up to date (schema version {version})"
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        Base.metadata.create_all(conn)
        _stamp(conn, SCHEMA_VERSION)
        return f"upgraded the schema from version {version} to {SCHEMA_VERSION}"


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows per collectkit table."""
    counts = {}
    for name in TABLES:
        table = Base.metadata.tables[name]
        counts[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return counts

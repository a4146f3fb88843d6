"""Fixtures for the store: a real PostgreSQL server for the test session, and a ``store`` that
gives each test a fresh database on SQLite (a temporary file) and on PostgreSQL (a new schema).

Debian keeps ``initdb``/``pg_ctl`` in ``/usr/lib/postgresql/<v>/bin`` (``pg_config --bindir``);
``initdb`` refuses to run as root, so as root both run as the ``postgres`` user on a folder that
user owns. The server listens on 127.0.0.1 only, on a free port, with trust authentication
(except the role ``pwuser``, which needs its password, for the wrong-password test).
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_USER = "postgres"
PW_USER, PW_PASSWORD = "pwuser", "right-password"
TEST_DATABASE = "collectkit_tests"

def _bindir() -> Path | None:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 check=True, timeout=10).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A throwaway PostgreSQL cluster in a temporary folder."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="collectkit-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = None
        self._names = itertools.count(1)
        self._database_made = False
        self._as_postgres = []
        if os.geteuid() == 0:
            import pwd

            try:
                user = pwd.getpwnam(PG_USER)
            except KeyError:
                pytest.skip("running as root and there is no 'postgres' user to run initdb as")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_postgres = ["runuser", "-u", PG_USER, "--"]
        self.root.chmod(0o700)

    def _run(self, tool: str, *args: str) -> None:
        cmd = self._as_postgres + [str(self.bindir / tool), *args]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed: {result.stderr.strip()}\n{log}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", PG_USER, "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        hba = self.data / "pg_hba.conf"  # the password rule must come before the trust ones
        hba.write_text(f"host all {PW_USER} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        for attempt in range(3):
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                       f"-c unix_socket_directories={self.root} -c fsync=off "
                       f"-c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                          "-w", "-t", "30", "start")
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        self.execute(f"CREATE ROLE {PW_USER} LOGIN PASSWORD '{PW_PASSWORD}'")

    def stop(self) -> None:
        if self.port is not None:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            except (RuntimeError, subprocess.SubprocessError):
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = PG_USER, password: str = "") -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname=database,
                             autocommit=True) as conn:
            conn.execute(sql)

    def fresh_url(self) -> str:
        """The URL of a new, empty schema (a new database costs ~0.5 s; a schema, nothing)."""
        if not self._database_made:
            self.execute(f"CREATE DATABASE {TEST_DATABASE}")
            self._database_made = True
        schema = f"test_{next(self._names)}"
        self.execute(f"CREATE SCHEMA {schema}", database=TEST_DATABASE)
        return self.url(TEST_DATABASE) + f"?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_server():
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no pg_config, no /usr/lib/postgresql/*/bin); "
                    "apt-get install postgresql to run the PostgreSQL tests")
    server = PgServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        pytest.fail(f"could not start a test PostgreSQL server: {exc}")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_user_database(monkeypatch, tmp_path):
    """Never touch the developer's own database: no COLLECTKIT_DB, a temporary data folder."""
    monkeypatch.delenv("COLLECTKIT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """The URL of a fresh, empty database on each backend (on PostgreSQL: a new schema)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_server").fresh_url()


@pytest.fixture
def store(db_url):
    from collectkit.store import ResultStore

    opened = ResultStore(db_url, create=True)
    yield opened
    opened.dispose()

"""``collectkit db init|upgrade|info``, schema versions, and one-line errors for bad URLs."""

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from collectkit.errors import StoreError
from collectkit.store import SCHEMA_VERSION, ResultStore, mask_url, resolve_url


def _set_version(url: str, version: int) -> None:
    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = :v"), {"v": version})
    engine.dispose()


def _one_line_error(code, out, err):
    assert code == 2, (out, err)
    assert out == "" or "database:" in out
    assert err.startswith("collectkit: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_urls_resolve_and_mask(monkeypatch, tmp_path):
    assert resolve_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("runs/progress.sqlite") == "sqlite:///runs/progress.sqlite"
    assert mask_url("postgresql+psycopg://kit:p@ss@w0rd@db:5432/x") == "postgresql+psycopg://kit:***@db:5432/x"
    assert mask_url("sqlite:///a.sqlite") == "sqlite:///a.sqlite"
    monkeypatch.setenv("COLLECTKIT_DB", "sqlite:///from-env.sqlite")
    assert resolve_url() == "sqlite:///from-env.sqlite"
    monkeypatch.delenv("COLLECTKIT_DB")
    default = resolve_url()  # XDG_DATA_HOME points into tmp_path (conftest)
    assert default == f"sqlite:///{tmp_path / 'xdg-data' / 'collectkit' / 'collectkit.sqlite'}"
    assert (tmp_path / "xdg-data" / "collectkit").is_dir()


def test_default_store_is_a_wal_sqlite_file(tmp_path):
    with ResultStore(create=True) as store:
        assert store.backend == "sqlite"
        with store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    assert (tmp_path / "xdg-data" / "collectkit" / "collectkit.sqlite").exists()


def test_cli_does_not_import_sqlalchemy():
    code = ("import sys, collectkit, collectkit.store, collectkit.cli; "
            "collectkit.cli.build_parser(); "
            "assert 'sqlalchemy' not in sys.modules and 'pandas' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_init_info_upgrade_round_trip(db_url, run_cli):
    code, out, err = run_cli("db", "info", "--url", db_url)
    assert "run: collectkit db init" in _one_line_error(code, out, err)
    with pytest.raises(StoreError, match="run: collectkit db init"):
        ResultStore(db_url)
    code, out, err = run_cli("db", "upgrade", "--url", db_url)
    assert "run: collectkit db init" in _one_line_error(code, out, err)

    code, out, _ = run_cli("db", "init", "--url", db_url)
    assert code == 0 and "created the collectkit tables" in out
    code, out, _ = run_cli("db", "init", "--url", db_url)
    assert code == 0 and "already set up" in out
    code, out, _ = run_cli("db", "info", "--url", db_url)
    assert code == 0 and f"version {SCHEMA_VERSION}" in out and "trainee 0" in out
    ResultStore(db_url).dispose()


def test_older_schema_names_both_versions_and_the_fix(db_url, run_cli):
    ResultStore(db_url, create=True).dispose()
    _set_version(db_url, SCHEMA_VERSION - 1)
    with pytest.raises(StoreError) as caught:
        ResultStore(db_url)
    message = str(caught.value)
    assert (f"database schema is version {SCHEMA_VERSION - 1}, this collectkit needs "
            f"{SCHEMA_VERSION}") in message
    assert "fix: run: collectkit db upgrade" in message
    code, out, err = run_cli("db", "init", "--url", db_url)
    assert "run: collectkit db upgrade" in _one_line_error(code, out, err)

    code, out, _ = run_cli("db", "upgrade", "--url", db_url)
    assert code == 0 and f"from version {SCHEMA_VERSION - 1} to {SCHEMA_VERSION}" in out
    with ResultStore(db_url) as store:
        assert store.info()["schema_version"] == SCHEMA_VERSION


def test_newer_schema_asks_for_a_newer_collectkit(db_url):
    ResultStore(db_url, create=True).dispose()
    _set_version(db_url, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer than this collectkit"):
        ResultStore(db_url)


def test_env_var_names_the_database(db_url, monkeypatch, run_cli):
    monkeypatch.setenv("COLLECTKIT_DB", db_url)
    code, out, _ = run_cli("db", "init")
    assert code == 0
    with ResultStore() as store:
        assert store.add_trainee("Ana") == 1
    code, out, _ = run_cli("db", "info", "--format", "json")
    assert code == 0 and '"trainee": 1' in out


BAD_URLS = {
    "nosuchdb://host/db": "unknown database type 'nosuchdb'",
    "not a url": "is not a database URL",
    "mysql://kit:s3cret@127.0.0.1/db": "driver for 'mysql' is not installed",
    "postgresql+psycopg2://kit:s3cret@127.0.0.1/db": "driver for 'postgresql+psycopg2' is not installed",
    "sqlite:////no/such/folder/x.sqlite": "folder /no/such/folder does not exist",
}


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("action", ["info", "init", "upgrade"])
def test_bad_urls_are_one_line_errors(url, action, run_cli):
    err = _one_line_error(*run_cli("db", action, "--url", url))
    assert BAD_URLS[url] in err
    assert "s3cret" not in err and "fix:" in err


def test_unreachable_server_masks_the_password(run_cli):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://kit:s3cret@127.0.0.1:{port}/training"
    err = _one_line_error(*run_cli("db", "info", "--url", url))
    assert f"postgresql+psycopg://kit:***@127.0.0.1:{port}/training" in err
    assert "connection refused" in err and "s3cret" not in err
    with pytest.raises(StoreError, match="connection refused"):
        ResultStore(url)


@pytest.mark.postgres
def test_wrong_password_and_missing_database(pg_server, run_cli):
    wrong = pg_server.url(user="pwuser", password="wrong-password")
    err = _one_line_error(*run_cli("db", "info", "--url", wrong))
    assert "wrong user name or password" in err and "wrong-password" not in err
    assert "pwuser:***@127.0.0.1" in err
    right = pg_server.url(user="pwuser", password="right-password")
    code, out, _ = run_cli("db", "info", "--url", right)
    assert "run: collectkit db init" in _one_line_error(code, out, _)
    missing = pg_server.url("no_such_database")
    err = _one_line_error(*run_cli("db", "init", "--url", missing))
    assert 'database "no_such_database" does not exist' in err and "createdb" in err


def test_errors_reach_the_terminal_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "collectkit.cli", "db", "info", "--url",
                             str(tmp_path / "missing" / "x.sqlite")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr

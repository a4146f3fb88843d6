import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def catalog():
    from collectkit.compliance import default_catalog

    return default_catalog()


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from collectkit.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# ------------------------------------------------------------------ progress store data


@pytest.fixture(scope="session")
def shared_demo_store(tmp_path_factory):
    """A SQLite store filled by the real demo generator (6 trainees, 20 days, seed 1): role-plays
    played through the engine, scored and stored. Shared by the session: read it, never write
    to it (``demo_store`` below is a small private copy to change)."""
    from collectkit.demo import generate_demo
    from collectkit.store import ResultStore

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    store = ResultStore(url, create=True)
    generate_demo(store, trainees=6, days=20, seed=1)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """A small store whose trainee name, cohort, drill and lines carry HTML and script tags;
    Eve holds a certification and a violation quoting her hostile line. ``.store``, ``.url``,
    ``.eve``, ``.cohort``, ``.drill``."""
    from types import SimpleNamespace

    from _hostile import HOSTILE_COHORT, HOSTILE_DRILL, HOSTILE_LINE, HOSTILE_NAME, POLITE_SCRIPT

    from collectkit.store import ResultStore

    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.sqlite'}"
    store = ResultStore(url, create=True)
    cohort = store.add_cohort(HOSTILE_COHORT)
    eve = store.add_trainee(HOSTILE_NAME, cohort_id=cohort)
    store.add_trainee("Sam Lee", cohort_id=cohort)
    drill = store.create_drill(HOSTILE_DRILL, ["us-aggressive-card"], 0)
    store.assign(drill, cohort_id=cohort)
    store.save_script(eve, f"Agent: {HOSTILE_LINE}\n", scenario="us-aggressive-card")
    store.save_script(eve, POLITE_SCRIPT, scenario="us-aggressive-card", drill_id=drill)
    yield SimpleNamespace(store=store, url=url, eve=eve, cohort=cohort, drill=drill)
    store.dispose()


# ------------------------------------------------------------------ course stores (tracking, widgets)

@pytest.fixture
def isolated_env(monkeypatch, tmp_path):
    """No COLLECTKIT_DB and a temporary data folder: the developer's own database stays out."""
    monkeypatch.delenv("COLLECTKIT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path


@pytest.fixture
def empty_store(isolated_env):
    from collectkit.store import ResultStore

    store = ResultStore(f"sqlite:///{isolated_env / 'empty.sqlite'}", create=True)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def small_demo_file(tmp_path_factory):
    """A seeded demo cohort (3 trainees, 7 days), made once for the test session."""
    from collectkit.demo import generate_demo
    from collectkit.store import ResultStore

    path = tmp_path_factory.mktemp("small-demo") / "demo.sqlite"
    store = ResultStore(f"sqlite:///{path}", create=True)
    generate_demo(store, trainees=3, days=7, seed=3)
    store.dispose()
    return path


@pytest.fixture
def demo_store(small_demo_file, isolated_env):
    """A private copy of the small demo cohort, free to change."""
    import shutil

    from collectkit.store import ResultStore

    copy = isolated_env / "demo.sqlite"
    shutil.copy(small_demo_file, copy)
    store = ResultStore(f"sqlite:///{copy}")
    yield store
    store.dispose()

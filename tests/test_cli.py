import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

US_CALL = """---
call_id: us-cli
jurisdiction: US
started_at: 2026-03-04T21:15:00
---
Agent: Hi, this is Sam from Acme Recovery. This is an attempt to collect a debt.
Debtor: It's late.
Agent: Pay today or we will have you arrested.
"""


@pytest.fixture
def calls(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "b.txt").write_text(US_CALL, encoding="utf-8")
    (folder / "a.txt").write_text("---\ncall_id: a\n---\nAgent: Hello, this is Sam from Acme "
                                  "Recovery, a debt collector.\n", encoding="utf-8")
    return folder


def test_score_json_in_sorted_order(run_cli, calls):
    code, out, err = run_cli("score", calls, "--format", "json")
    assert code == 0, err
    reports = json.loads(out)
    assert [r["call_id"] for r in reports] == ["a", "us-cli"]
    bad = reports[1]
    assert {v["rule"] for v in bad["violations"]} >= {"US-TIME-01", "US-ARREST-01"}
    arrest = next(v for v in bad["violations"] if v["rule"] == "US-ARREST-01")
    assert arrest["turn"] == 2 and arrest["citation"].startswith("15 U.S.C.")
    assert bad["score"]["passed"] is False and bad["score"]["total"] <= 20
    assert isinstance(bad["score"]["technique"], int) and isinstance(bad["score"]["outcome"], int)
    assert bad["outcome"] in ("no_resolution", "weak_promise")
    assert len(bad["acts"]) == 3


def test_score_table(run_cli, calls):
    code, out, _ = run_cli("score", calls / "b.txt")
    assert code == 0
    assert "FAIL" in out and "US-ARREST-01" in out and "turn 2" in out


def test_bad_input_exit_2_nothing_on_stdout(run_cli, calls):
    (calls / "c.txt").write_text("Agent: hi\nBoss: pay\n", encoding="utf-8")
    code, out, err = run_cli("score", calls, "--format", "json")
    assert code == 2 and out == ""
    assert "c.txt:2: unknown speaker label 'Boss'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_jurisdiction_exit_2(run_cli, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("---\njurisdiction: XX\n---\nAgent: hi\n", encoding="utf-8")
    code, out, err = run_cli("score", path)
    assert code == 2 and out == "" and "x.txt:2: unknown jurisdiction" in err


def test_missing_file_exit_2(run_cli, tmp_path):
    code, out, err = run_cli("score", tmp_path / "nope.txt")
    assert code == 2 and "file not found" in err


def test_rules_list_and_show(run_cli):
    code, out, _ = run_cli("rules", "list", "--regime", "US")
    assert code == 0 and "US-TIME-01" in out and "CN-" not in out
    code, out, _ = run_cli("rules", "show", "US-TIME-01")
    assert code == 0
    for part in ("1692c(a)(1)", "[08:00:00, 21:00:00)", "21:00:00 is outside", "Examples: violating"):
        assert part in out


def test_rules_show_unknown(run_cli):
    code, out, err = run_cli("rules", "show", "US-NOPE-99")
    assert code == 2 and "unknown rule" in err


def test_console_script_starts_fast_and_lazily():
    """The CLI must not import pandas, plotly, SQLAlchemy or widgets to print help."""
    probe = ("import sys, collectkit.cli as c\n"
             "heavy = [m for m in ('pandas', 'plotly', 'sqlalchemy', 'ipywidgets', 'numpy') if m in sys.modules]\n"
             "print(heavy)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    exe = Path(sys.executable).with_name("collectkit")
    if exe.exists():
        result = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "score" in result.stdout

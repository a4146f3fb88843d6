import pytest

from collectkit.errors import ScenarioError
from collectkit.scenarios import list_scenarios, load_scenario, load_scenario_file, validate_all
from collectkit.personas import PERSONA_IDS


def test_shipped_scenarios_are_valid():
    assert validate_all() == []


def test_scenarios_cover_personas_languages_and_regimes():
    scenarios = [load_scenario(s) for s in list_scenarios()]
    assert len(scenarios) >= 20
    assert {s.persona for s in scenarios} == set(PERSONA_IDS)
    assert {lang for s in scenarios for lang in s.langs} == {"en", "zh-Hans", "zh-Hant"}
    assert {s.meta.jurisdiction for s in scenarios} == {"US", "CN", "TW"}
    multi = [s for s in scenarios if s.previous]
    assert len(multi) >= 2
    for s in multi:
        assert s.facts.get("broken_promises", 0) >= 1 and s.meta.prior_contacts


def test_days_past_due_span_the_material():
    days = {load_scenario(s).facts.get("days_past_due") for s in list_scenarios()}
    assert min(days) <= 10 and max(days) >= 35


@pytest.mark.parametrize("body,message", [
    ("id: bad\ntitle: t\npersona: grumpy\nlangs: [en]\nmeta: {}\nfacts: {amount: 1}\ngoal: g\n", "unknown persona 'grumpy'"),
    ("id: bad\ntitle: t\npersona: aggressive\nlangs: [fr]\nmeta: {}\nfacts: {amount: 1}\ngoal: g\n", "unknown language 'fr'"),
    ("id: bad\ntitle: t\npersona: aggressive\nlangs: [en]\nmeta: {jurisdiction: XX}\nfacts: {amount: 1}\ngoal: g\n", "unknown jurisdiction"),
    ("id: bad\ntitle: t\npersona: aggressive\nlangs: [en]\nmeta: {}\nfacts: {days: 3}\ngoal: g\n", "facts need at least 'amount'"),
    ("id: bad\ntitle: t\npersona: aggressive\nlangs: [en]\nmeta: {}\nfacts: {amount: 1}\n", "missing field 'goal'"),
    ("id: bad\ntitle: [t\n", "invalid YAML"),
])
def test_bad_scenario_files(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario_file(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_scenarios_cli(run_cli, tmp_path):
    code, out, _ = run_cli("scenarios", "list")
    assert code == 0 and "us-aggressive-card" in out
    code, out, _ = run_cli("scenarios", "show", "tw-promiser-call2")
    assert code == 0 and "tw-promiser-call1" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n", encoding="utf-8")
    code, out, err = run_cli("scenarios", "validate", bad)
    assert code == 2 and "missing field" in err and "Traceback" not in err
    code, out, err = run_cli("scenarios", "show", "nope")
    assert code == 2 and "unknown scenario" in err

"""The rule packs as a whole: coverage, example counts, languages, loader errors."""

import shutil
import textwrap
import time

import pytest

from collectkit.compliance import REGIMES, default_catalog, load_catalog
from collectkit.compliance.categories import applicable_categories
from collectkit.errors import RuleError
from collectkit.text import detect_lang

CATALOG = default_catalog()
REGIME_LANG = {"US": "en", "CN": "zh-Hans", "TW": "zh-Hant"}


@pytest.mark.parametrize("regime", REGIMES)
def test_every_applicable_category_has_a_rule(regime):
    covered = {r.category for r in CATALOG.regime(regime)}
    missing = sorted(set(applicable_categories(regime)) - covered)
    assert not missing, f"{regime} has no rule for: {missing}"


@pytest.mark.parametrize("rule", CATALOG.rules, ids=lambda r: r.id)
def test_rule_has_four_examples_each_way_in_its_language(rule):
    lang = REGIME_LANG[rule.regime]
    for expect in ("violating", "compliant"):
        own = []
        for e in rule.examples:
            if e.expect != expect:
                continue
            text = e.text if e.text is not None else e.transcript
            detected = detect_lang(text)
            if detected == lang or (lang.startswith("zh") and detected.startswith("zh")
                                    and rule.regime != "TW"):
                own.append(e)
        assert len(own) >= 4, f"{rule.id}: {len(own)} {expect} examples in {lang}"


@pytest.mark.parametrize("rule", CATALOG.rules, ids=lambda r: r.id)
def test_rule_has_citation_and_texts(rule):
    assert rule.citation.strip()
    lang = REGIME_LANG[rule.regime]
    for field in ("title", "explanation", "suggestion"):
        assert rule.text(field, lang).strip(), f"{rule.id} has no {field} in {lang}"


def test_known_misses_are_rare():
    examples = [e for r in CATALOG.rules for e in r.examples]
    misses = [e for e in examples if e.known_miss]
    assert len(misses) <= len(examples) * 0.05


def _write_rule(tmp_path, body, name="US-TEST-01.yaml"):
    folder = tmp_path / "US"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
id: US-TEST-01
regime: US
category: harassment
title: t
explanation: e
citation: 15 U.S.C. 1692d(5)
detect: {kind: phrases, patterns: {en: ['\\\\bevery hour\\\\b']}}
suggestion: s
examples:
  violating: ["We'll call every hour."]
  compliant: ["We'll call next week."]
"""


def test_loader_accepts_a_good_rule(tmp_path):
    _write_rule(tmp_path, GOOD)
    catalog = load_catalog(tmp_path, regimes=("US",))
    assert [r.id for r in catalog.rules] == ["US-TEST-01"]
    assert catalog.get("US-TEST-01").severity == "major"


def test_missing_field_names_file_and_line(tmp_path):
    path = _write_rule(tmp_path, GOOD.replace("citation: 15 U.S.C. 1692d(5)\n", ""))
    with pytest.raises(RuleError) as err:
        load_catalog(tmp_path, regimes=("US",))
    assert str(err.value).startswith(f"{path}:1: missing field 'citation'")


@pytest.mark.parametrize("change,message,line", [
    (("category: harassment", "category: rudeness"), "unknown category 'rudeness'", 3),
    (("kind: phrases", "kind: vibes"), "unknown detector kind 'vibes'", 7),
    (("['\\\\bevery hour\\\\b']", "['(?=x)y']"), "does not compile", 7),
    (("id: US-TEST-01", "id: US-OTHER-01"), "does not match the file name", 1),
    (("{en: ['", "{fr: ['"), "unknown pattern group 'fr'", 7),
    (("title: t", "title: t\nflavour: x"), "unknown field 'flavour'", 5),
])
def test_bad_rule_files_are_clear(tmp_path, change, message, line):
    path = _write_rule(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleError) as err:
        load_catalog(tmp_path, regimes=("US",))
    assert message in str(err.value)
    assert err.value.path == str(path) and err.value.line == line


def test_broken_yaml_names_line(tmp_path):
    _write_rule(tmp_path, GOOD.replace("title: t", "title: [t"))
    with pytest.raises(RuleError, match="invalid YAML") as err:
        load_catalog(tmp_path, regimes=("US",))
    assert err.value.line is not None


def test_pathological_input_is_linear():
    """RE2 cannot backtrack: a long adversarial utterance costs about as much as its length."""
    from collectkit.compliance import check
    from collectkit.transcript import from_lines

    short = "a" * 1_000 + "!"
    long = "a" * 200_000 + "!"
    nasty = ("you " * 20_000) + "tell your " * 20_000 + "x"
    zh = "你" * 100_000 + "！"
    timings = []
    for text in (short, long, nasty, zh):
        start = time.perf_counter()
        check(from_lines([text]))
        timings.append(time.perf_counter() - start)
    # Generous bound: 200k characters through every pattern in well under a second.
    assert max(timings[1:]) < 2.0, timings

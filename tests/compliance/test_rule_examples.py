"""Every example line of every rule is a test case (DESIGN.md section 4).

Violating examples must make their rule fire; compliant ones (near misses on purpose) must not
make it fire, and must not be flagged by any other turn-level rule either. Examples marked
``known_miss`` are expected failures with their reason, and strict: once the checker catches
them the marker has to go.
"""

import pytest

from collectkit.compliance import default_catalog
from collectkit.compliance.examples import judge

CATALOG = default_catalog()


def _cases():
    for rule in CATALOG.rules:
        counts = {"violating": 0, "compliant": 0}
        for example in rule.examples:
            counts[example.expect] += 1
            marks = []
            if example.known_miss:
                marks.append(pytest.mark.xfail(reason=example.known_miss, strict=True))
            yield pytest.param(rule, example, id=f"{rule.id}-{example.expect}-{counts[example.expect]}",
                               marks=marks)


@pytest.mark.parametrize("rule,example", list(_cases()))
def test_rule_example(rule, example):
    outcome = judge(rule, example, CATALOG)
    assert outcome.ok, f"{outcome.problem}: {example.label!r} (fired: {list(outcome.fired)})"

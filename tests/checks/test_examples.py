"""Every rule's documented examples: the bad one is reported, the good one is clean."""

from __future__ import annotations

import pytest

from socialkit.checks import RULES

SILENT = {"SK410", "SK339"}  # documented for the audit; validate never reports it
ALSO = {"SK203": {"SK202"}}  # a schedule that is never open is its own finding


@pytest.mark.parametrize("code", sorted(RULES))
def test_bad_example_reports_only_its_rule(strategy, code):
    codes = {p.code for p in strategy.validate(RULES[code].bad).problems}
    assert codes == (set() if code in SILENT else {code} | ALSO.get(code, set()))


@pytest.mark.parametrize("code", sorted(RULES))
def test_good_example_is_clean(strategy, code):
    assert strategy.messages(RULES[code].good) == []


def test_base_strategy_is_clean(strategy):
    assert strategy.messages("{}\n") == []

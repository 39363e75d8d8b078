"""Policy tests: expectations about the compiled policy, written in YAML next to the strategy.

    suite = load_suite([Path("strategy/tests")], policy.document)
    outcomes = run_cases(policy, select(suite.cases, ["christmas"]))

The pipeline is `suite` (read and check the files) -> `runner` (compare with
the policy) -> `report` (text, json, junit). See docs/guide/policy-tests.md.
"""

from __future__ import annotations

from socialkit.policytest.report import TEST_REPORTERS, Report
from socialkit.policytest.runner import Check, Outcome, rota_gaps, run_cases
from socialkit.policytest.spec import tests_schema
from socialkit.policytest.suite import Case, Expectation, Suite, load_suite, load_text

__all__ = [
    "TEST_REPORTERS",
    "Case",
    "Check",
    "Expectation",
    "Outcome",
    "Report",
    "Suite",
    "load_suite",
    "load_text",
    "rota_gaps",
    "run_cases",
    "select",
    "starter_expectations",
    "tests_schema",
]


def select(cases: list[Case], keywords: list[str]) -> list[Case]:
    """Cases whose name contains any keyword (case-insensitive); all cases without keywords."""
    if not keywords:
        return list(cases)
    wanted = [k.lower() for k in keywords]
    return [case for case in cases if any(k in case.name.lower() for k in wanted)]


def starter_expectations(
    *,
    channel: str,
    team: str,
    received: str,
    timezone: str,
    category: str = "question",
    rota: bool = False,
    names: tuple[str, str] | None = None,
) -> str:
    """A small first test file for a new strategy (what `socialkit init` can write).

    `received` is a local time such as '2027-01-11T10:00', a weekday morning
    when `channel` is open; the file's times are local to `timezone`. With
    `rota` (the team has one), a second test fails if nobody is on duty
    while the channel is open during that week. `names` replaces the two
    cases' (English) names, e.g. for a Swedish starter.
    """
    first, second = names or (
        f"A {category} on {channel} on a weekday morning is handled by {team}",
        f"Someone on {team} is on duty whenever {channel} is open that week",
    )
    text = f"""\
# yaml-language-server: $schema=../../schemas/tests.schema.json
# Policy tests: run them with 'socialkit test'. See docs/guide/policy-tests.md.
timezone: {timezone}
tests:
  - name: {first}
    message:
      channel: {channel}
      category: {category}
      received: "{received}"
    expect:
      open: true
      team: {team}
"""
    if rota:
        day = received[:10]
        text += f"""\
  - name: {second}
    team: {team}
    from: "{day}T00:00"
    until: "{_week_later(day)}T00:00"
    while_open: {channel}
    expect:
      always_on_duty: true
"""
    return text


def _week_later(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=7)).isoformat()

"""SK301-SK304: escalation."""

from __future__ import annotations

import pytest

from socialkit.checks.rules.escalation import EVERYTHING, Match
from socialkit.strategy.model import Conditions

DEFAULT = "  - id: default\n    priority: normal\n"


# --- SK301 shadowed rules -------------------------------------------------------------------


def test_sk301_broader_earlier_rule_shadows_a_later_one(strategy):
    text = """\
    escalation:
      - id: complaints
        when: {categories: [complaint]}
      - id: loud-complaints
        when: {categories: [complaint], min_followers: 10000}
      - id: default
    """
    assert strategy.problems(text) == [("SK301", 4, 5)]
    (message,) = strategy.messages(text)
    assert "rule 'loud-complaints' can never match: rule 'complaints' at " in message
    assert "10-case.yaml:2 comes first" in message


def test_sk301_catch_all_before_the_end_shadows_everything_after(strategy):
    text = """\
    escalation:
      - id: everything
      - id: complaints
        when: {categories: [complaint]}
      - id: default
    """
    assert strategy.problems(text) == [("SK301", 3, 5), ("SK301", 5, 5)]


def test_sk301_keywords_compare_case_insensitively(strategy):
    text = """\
    escalation:
      - id: threats
        when: {keywords: [Bomb, hot]}
      - id: bombs
        when: {keywords: [bomb], channels: []}
      - id: default
    """
    assert strategy.problems(text) == [("SK301", 4, 5)]


def test_sk301_narrower_rule_first_passes(strategy):
    text = """\
    escalation:
      - id: loud-complaints
        when: {categories: [complaint], min_followers: 10000}
      - id: complaints
        when: {categories: [complaint]}
      - id: office
        when: {categories: [complaint], during: office-hours}
      - id: default
    """
    # 'office' is shadowed by 'complaints' (no time condition is broader than 'during')
    assert strategy.problems(text) == [("SK301", 6, 5)]


@pytest.mark.parametrize(
    ("earlier", "later", "covers"),
    [
        ({}, {"categories": ["complaint"]}, True),
        ({"categories": ["complaint"]}, {}, False),
        ({"categories": ["complaint", "praise"]}, {"categories": ["praise"]}, True),
        ({"categories": ["praise"]}, {"categories": ["complaint", "praise"]}, False),
        ({"min_followers": 100}, {"min_followers": 1000}, True),
        ({"min_followers": 1000}, {"min_followers": 100}, False),
        ({"min_followers": 1000}, {}, False),
        ({"max_followers": 1000}, {"max_followers": 100}, True),
        ({"max_followers": 100}, {"max_followers": 1000}, False),
        ({"during": "office-hours"}, {"during": "office-hours", "crisis": True}, True),
        ({"during": "office-hours"}, {"outside": "office-hours"}, False),
        ({"crisis": True}, {"crisis": False}, False),
        ({"author_types": ["journalist"]}, {"author_types": ["journalist"], "keywords": ["x"]}, True),
    ],
)
def test_match_covers(earlier, later, covers):
    assert Match.of(Conditions(**earlier)).covers(Match.of(Conditions(**later))) is covers


def test_empty_conditions_match_everything():
    assert Match.of(Conditions()) == EVERYTHING


# --- SK302 no catch-all ---------------------------------------------------------------------


def test_sk302_last_rule_has_conditions(strategy):
    text = """\
    escalation:
      - id: complaints
        when: {categories: [complaint]}
        route_to: support
    """
    assert strategy.problems(text) == [("SK302", 2, 5)]


def test_sk302_catch_all_last_passes(strategy):
    assert strategy.problems("escalation:\n  - id: complaints\n    when: {categories: [complaint]}\n" + DEFAULT) == []


def test_sk302_no_rules_at_all_passes(strategy):
    assert strategy.problems("escalation: []\n") == []


# --- SK303 routed to nobody on duty ---------------------------------------------------------------


ON_CALL = """\
teams:
  - id: on-call
    name: On call
    members: [anna, erik]
    lead: anna
    rota:
      layers:
        - {id: always, start: 2026-01-05 08:00, every: 1w, order: [erik, anna]}
"""


def test_sk303_outside_hours_routed_to_an_office_hours_team(strategy):
    text = "escalation:\n  - id: evenings\n    when: {outside: office-hours}\n    route_to: support\n" + DEFAULT
    assert strategy.problems(text) == [("SK303", 4, 15)]
    assert (
        "fires outside office-hours, but nobody on team 'support''s rota is on duty mon-thu 17:00-08:00, fri 17:00-mon 08:00;"
        in strategy.messages(text)[0]
    )


def test_sk303_round_the_clock_team_passes(strategy):
    text = ON_CALL + "escalation:\n  - id: evenings\n    when: {outside: office-hours}\n    route_to: on-call\n" + DEFAULT
    assert strategy.problems(text) == []


def test_sk303_during_office_hours_routed_to_office_team_passes(strategy):
    text = "escalation:\n  - id: days\n    when: {during: office-hours}\n    route_to: support\n" + DEFAULT
    assert strategy.problems(text) == []


def test_sk303_calendar_clock_needs_someone_at_any_time(strategy):
    text = (
        "escalation:\n  - id: threat\n    when: {keywords: [threat]}\n    route_to: support\n    respond_within: 30m\n    clock: calendar\n"
        + DEFAULT
    )
    assert strategy.problems(text) == [("SK303", 4, 15)]
    assert "fires at any time (calendar clock)" in strategy.messages(text)[0]


def test_sk303_business_clock_without_time_condition_is_not_checked(strategy):
    text = "escalation:\n  - id: complaints\n    when: {categories: [complaint]}\n    route_to: support\n" + DEFAULT
    assert strategy.problems(text) == []


def test_sk303_routed_team_without_rota(strategy):
    text = (
        "teams:\n  - id: web\n    name: Web\n    members: [anna, erik]\n    lead: anna\n"
        "escalation:\n  - id: evenings\n    when: {outside: office-hours}\n    route_to: web\n" + DEFAULT
    )
    assert strategy.problems(text) == [("SK303", 9, 15)]
    assert "team 'web', which has no rota" in strategy.messages(text)[0]


# --- SK304 notify without contact ------------------------------------------------------------------


def test_sk304_notify_person_without_contact(strategy):
    text = """\
    people:
      - id: lena
        name: Lena
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: anna
    escalation:
      - id: threat
        when: {keywords: [threat]}
        notify: [anna, lena]
      - id: default
    """
    assert strategy.problems(text) == [("SK304", 12, 20)]


def test_sk304_everyone_reachable_passes(strategy):
    text = "escalation:\n  - id: threat\n    when: {keywords: [threat]}\n    notify: [anna, erik]\n" + DEFAULT
    assert strategy.problems(text) == []

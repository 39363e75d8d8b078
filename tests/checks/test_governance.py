"""SK331-SK338: records duties and account governance against the strategy's own rules (positions asserted)."""

from __future__ import annotations

CHANNEL = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    team: support
    customer_service: false
    redirect: {{text: Call us.}}
    disclosures: [redirect]
{account}
"""


def with_rules(rules: str, account: str) -> str:
    return "governance:\n" + rules + CHANNEL.format(account=account)


def test_sk331_points_at_the_account(strategy):
    text = with_rules("  owner_required: true\n", "    account:\n      admins: [anna]\n")
    assert strategy.problems(text) == [("SK331", 12, 7)]


def test_sk331_without_any_account_points_at_the_channel(strategy):
    assert strategy.problems(with_rules("  owner_required: true\n", "")) == [("SK331", 4, 9)]


def test_owner_not_required_no_problem(strategy):
    assert strategy.problems(with_rules("  min_admins: 1\n", "    account:\n      admins: [anna]\n")) == []


def test_sk332_counts_each_person_once(strategy):
    text = with_rules("  min_admins: 2\n", "    account:\n      admins: [anna, anna]\n")
    assert strategy.problems(text) == [("SK332", 12, 15)]


def test_sk333_required_person_and_team(strategy):
    text = "teams:\n  - {id: comms, name: Comms, members: [anna], lead: anna}\n" + with_rules(
        "  required_admins: [erik]\n  admins_from: [comms]\n", "    account:\n      admins: [erik]\n"
    )
    problems = strategy.validate(text).problems
    assert sorted(p.code for p in problems) == ["SK333"]  # erik is there; nobody from comms
    assert "no administrator from team 'comms'" in problems[0].message


def test_sk333_a_member_of_the_team_is_enough(strategy):
    text = "teams:\n  - {id: comms, name: Comms, members: [anna, erik], lead: anna}\n" + with_rules(
        "  admins_from: [comms]\n", "    account:\n      admins: [erik]\n"
    )
    assert [p.code for p in strategy.validate(text).problems if p.code.startswith("SK33")] == []


def test_sk334_points_at_the_disclosure(strategy):
    text = CHANNEL.format(account="").replace("disclosures: [redirect]", "disclosures: [redirect, public-records]")
    assert strategy.problems(text) == [("SK334", 8, 29)]


def test_sk335_and_sk336(strategy):
    text = """\
moderation:
  never_remove: [criticism]
  records:
    content:
      - {content: comment, keep_for: 2y}
      - {content: comment, then: dispose}
"""
    assert strategy.problems(text) == [("SK335", 6, 19), ("SK336", 6, 34)]


def test_sk337_threshold_against_posting_period(strategy):
    text = "governance:\n  lifecycle: {inactive_after: 3w}\n" + CHANNEL.format(account="    min_posts: {count: 1, per: month}")
    assert strategy.problems(text) == [("SK337", 11, 32)]
    fine = text.replace("3w", "5w")
    assert strategy.problems(fine) == []


def test_sk338_approval_by_someone_else(strategy):
    text = with_rules("  approval_to_open: [anna]\n", "    account: {owner: erik, approved_by: erik}\n")
    assert strategy.problems(text) == [("SK338", 11, 41)]

"""SK401-SK410: practices."""

from __future__ import annotations

from datetime import date

PUBLIC = """\
channels:
  - id: tiktok
    name: TikTok
    platform: tiktok
    team: support
    customer_service: false
"""

CS = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
    team: support
    schedule: office-hours
    sla: {sla}
"""


# --- SK401, SK402 redirect ----------------------------------------------------------------


def test_sk401_and_sk402_no_redirect_at_all(strategy):
    assert strategy.problems(PUBLIC) == [("SK401", 6, 23), ("SK402", 6, 23)]


def test_sk402_redirect_not_in_disclosures(strategy):
    text = PUBLIC + "    redirect: {text: Call us.}\n    disclosures: [owner]\n"
    assert strategy.problems(text) == [("SK402", 8, 18)]


def test_sk401_redirect_published_passes(strategy):
    assert strategy.problems(PUBLIC + "    redirect: {text: Call us.}\n    disclosures: [redirect]\n") == []


def test_sk401_internal_channels_are_not_checked(strategy):
    assert strategy.problems(PUBLIC + "    internal: true\n") == []


# --- SK403 hours -------------------------------------------------------------------------------


def test_sk403_customer_service_without_hours(strategy):
    text = CS.format(sla="standard") + "    disclosures: [response-time]\n"
    assert strategy.problems(text) == [("SK403", 9, 18)]


def test_sk403_no_disclosures_key_points_at_customer_service(strategy):
    assert strategy.problems(CS.format(sla="standard")) == [("SK403", 5, 23)]


def test_sk403_hours_published_passes(strategy):
    assert strategy.problems(CS.format(sla="standard") + "    disclosures: [hours]\n") == []


# --- SK404, SK405 moderation ------------------------------------------------------------------


def test_sk404_hides_and_removes_criticism(strategy):
    text = """\
    moderation:
      never_remove: [criticism]
      hide: [spam, negative-review]
      remove: [complaint, illegal-content]
    """
    assert strategy.problems(text) == [("SK404", 3, 16), ("SK404", 4, 12)]


def test_sk405_criticism_missing_from_never_remove(strategy):
    assert strategy.problems("moderation:\n  never_remove: [complaint]\n") == [("SK405", 2, 17)]


def test_sk405_no_never_remove_key_points_at_moderation(strategy):
    assert strategy.problems("moderation:\n  hide: [spam]\n") == [("SK405", 1, 1)]


def test_sk404_sk405_good_moderation_passes(strategy):
    text = "moderation:\n  never_remove: [criticism, negative-review]\n  hide: [spam]\n  remove: [personal-data]\n"
    assert strategy.problems(text) == []


def test_sk405_no_moderation_section_is_not_checked(strategy):
    assert strategy.problems("{}\n") == []


# --- SK406 answer the positive too -----------------------------------------------------------------


def test_sk406_sla_without_praise_target(strategy):
    text = (
        "slas:\n  - id: narrow\n    clock: business\n    targets:\n      complaint: {respond: 4h}\n"
        + CS.format(sla="narrow")
        + "    disclosures: [hours]\n"
    )
    assert strategy.problems(text) == [("SK406", 4, 5)]
    assert "SLA 'narrow' has no target for 'praise' and no 'default'" in strategy.messages(text)[0]


def test_sk406_only_slas_of_customer_service_channels(strategy):
    text = "slas:\n  - id: narrow\n    clock: business\n    targets:\n      complaint: {respond: 4h}\n"
    assert strategy.problems(text) == []


def test_sk406_crisis_sla_counts(strategy):
    text = (
        "slas:\n  - id: crisis\n    clock: business\n    targets:\n      complaint: {respond: 1h}\n"
        "crisis:\n  schedule: office-hours\n  sla: crisis\n" + CS.format(sla="standard") + "    disclosures: [hours]\n"
    )
    assert strategy.problems(text) == [("SK406", 4, 5)]


# --- SK407 canned replies ------------------------------------------------------------------------


def test_sk407_category_and_escalation_rule(strategy):
    text = """\
    categories:
      - {id: question, name: Question, sentiment: neutral, reply_style: canned}
    escalation:
      - id: default
        reply_style: canned
    """
    assert strategy.problems(text) == [("SK407", 2, 69), ("SK407", 5, 18)]


def test_sk407_personal_passes(strategy):
    assert strategy.problems("categories:\n  - {id: question, name: Question, sentiment: neutral, reply_style: personal}\n") == []


# --- SK408 goals ----------------------------------------------------------------------------------


GOAL = """\
goals:
  - id: resolve
    statement: Resolve 50 complaints.
    metric: resolved-complaints
    target: 50
    deadline: 2026-06-30
    owner: anna
"""


def test_sk408_deadline_before_as_of(strategy):
    assert strategy.problems(GOAL, as_of=date(2026, 7, 1)) == [("SK408", 6, 15)]


def test_sk408_deadline_on_or_after_as_of_passes(strategy):
    assert strategy.problems(GOAL, as_of=date(2026, 6, 30)) == []


# --- SK409 two people per channel --------------------------------------------------------------------


def test_sk409_one_person_team(strategy):
    text = (
        "teams:\n  - id: solo\n    name: Solo\n    members: [anna, anna]\n    lead: anna\n"
        + PUBLIC.replace("team: support", "team: solo")
        + "    redirect: {text: Call us.}\n    disclosures: [redirect]\n"
    )
    assert strategy.problems(text) == [("SK409", 10, 11)]


def test_sk409_channel_without_team(strategy):
    text = PUBLIC.replace("    team: support\n", "") + "    redirect: {text: Call us.}\n    disclosures: [redirect]\n"
    assert strategy.problems(text) == [("SK409", 2, 9)]


def test_sk409_two_people_pass(strategy):
    assert strategy.problems(PUBLIC + "    redirect: {text: Call us.}\n    disclosures: [redirect]\n") == []


# --- SK410 posting rate (documented, never reported) ----------------------------------------------


def test_sk410_is_documented_but_never_reported(strategy):
    from socialkit.checks import RULES
    from socialkit.problems import CODES, Severity

    assert CODES["SK410"].severity is Severity.INFO
    assert "never reports it" in RULES["SK410"].doc
    text = PUBLIC + "    redirect: {text: Call us.}\n    disclosures: [redirect]\n    min_posts: {count: 100, per: day}\n"
    assert strategy.problems(text) == []

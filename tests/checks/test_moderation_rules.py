"""SK321-SK323: moderation rules, with positions."""

from __future__ import annotations

CHANNELS = """\
channels:
  - id: x
    name: X
    platform: x
    team: support
    customer_service: false
    internal: true
  - id: linkedin
    name: LinkedIn
    platform: linkedin
    team: support
    customer_service: false
    internal: true
"""


def test_sk322_points_at_the_simple_list_entry_a_platform_cannot_follow(strategy):
    text = CHANNELS + "moderation:\n  never_remove: [criticism]\n  hide: [spam]\n  remove: [threat]\n"
    assert strategy.messages(text) == [
        "SK322 linkedin cannot hide (channel 'linkedin'), so 'spam' has no action there; add a fallback such as 'hide' or 'delete'",
        "SK322 x cannot delete (channel 'x'), so 'threat' has no action there; add a fallback such as 'hide' or 'delete'",
    ]
    assert [p[1:] for p in strategy.problems(text)] == [(16, 10), (17, 12)]  # the entries spam and threat


def test_sk322_a_channel_rule_first_leaves_the_general_rule_for_the_others(strategy):
    text = CHANNELS + (
        "moderation:\n  never_remove: [criticism]\n  reasons:\n"
        "    - {reason: threat, channels: [x], actions: [hide]}\n"
        "    - {reason: threat, actions: [delete]}\n"
    )
    assert strategy.messages(text) == []


def test_sk321_protected_kinds_in_the_ladder_and_in_also(strategy):
    text = CHANNELS + (
        "moderation:\n  never_remove: [criticism]\n  reasons:\n"
        "    - {reason: criticism, actions: [keep], also: [block]}\n"
        "  repeat_offenders:\n    reasons: [criticism]\n    ladder: [{violation: 1, action: warn}]\n"
    )
    assert [code for code, _, _ in strategy.problems(text)] == ["SK321", "SK321"]


def test_sk323_a_kind_both_in_a_simple_list_and_in_reasons(strategy):
    text = (
        CHANNELS + "moderation:\n  never_remove: [criticism]\n  hide: [spam]\n  reasons:\n    - {reason: spam, actions: [hide, delete]}\n"
    )
    assert strategy.messages(text) == ["SK323 'spam' has a rule under 'reasons', which is the one used; take it out of 'hide'"]

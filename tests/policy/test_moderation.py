"""Policy.moderate: which moderation actions are allowed, the steps before them, who approves, the ladder.

The example's answers, the simple form read as rules, and a property test against a reference that
reads the strategy's moderation section directly (not the compiled policy) on random sections.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialkit.cli import main
from socialkit.compile.document import compile_policy
from socialkit.platforms import can
from socialkit.runtime.policy import Policy, PolicyError
from socialkit.strategy.model import Strategy

from .test_commands import POLICY

ACTIONS = ["keep", "hide", "delete", "block", "report-to-platform", "report-to-police", "warn"]
KINDS = ["criticism", "spam", "threat", "off-topic", "personal-data"]
CHANNELS = {"fb": "facebook", "x": "x", "li": "linkedin", "yt": "youtube", "tt": "tiktok", "forum": "forum"}
PEOPLE = ["anna", "erik", "lena"]


def strategy(moderation: dict[str, Any]) -> Strategy:
    return Strategy.model_validate(
        {
            "version": 1,
            "organization": {"name": "Test", "timezone": "Europe/Stockholm", "languages": ["en"]},
            "people": [{"id": p, "name": p.title()} for p in PEOPLE],
            "channels": [{"id": c, "name": c, "platform": p, "customer_service": False} for c, p in CHANNELS.items()],
            "moderation": moderation,
        }
    )


def policy_for(moderation: dict[str, Any]) -> Policy:
    return Policy.from_document(compile_policy(strategy(moderation), as_of=date(2026, 11, 23), horizon_days=7))


# --- the example -----------------------------------------------------------------------------------


def test_x_cannot_delete_so_a_threat_is_hidden_and_reported(policy):
    decision = policy.moderate("x", "threat")
    assert decision.actions == ("hide", "report-to-police")
    assert decision.unavailable == ()
    assert decision.steps["hide"] == ("screenshot", "save-link", "record-in-log", "register-case")
    assert decision.notify == {"hide": ("lena",), "report-to-police": ("lena",)}
    assert decision.approval == {"report-to-police": ("lena",)}


def test_linkedin_deletes_what_others_hide_and_cannot_block(policy):
    decision = policy.moderate("linkedin", "spam", prior_violations=1)
    assert decision.actions == ("delete",)
    assert decision.unavailable == ("hide", "block")
    assert decision.ladder is not None and (decision.ladder.violation, decision.ladder.action, decision.ladder.duration) == (
        2,
        "block",
        30 * 86400,
    )
    assert decision.approval == {"delete": ("anna", "erik")}


def test_criticism_is_only_ever_kept(policy):
    for channel in ("facebook", "x", "linkedin"):
        decision = policy.moderate(channel, "criticism", prior_violations=5)
        assert decision.protected and decision.actions == ("keep",) and decision.ladder is None


def test_unknown_channel_reason_or_count_is_an_error(policy):
    with pytest.raises(PolicyError, match="unknown channel"):
        policy.moderate("myspace", "spam")
    with pytest.raises(PolicyError, match="no moderation rule for 'praise'"):
        policy.moderate("facebook", "praise")
    with pytest.raises(PolicyError, match="prior_violations"):
        policy.moderate("facebook", "spam", -1)


# --- the simple form and the details ---------------------------------------------------------------


def test_the_simple_lists_read_as_rules():
    policy = policy_for({"never_remove": ["criticism"], "hide": ["spam"], "remove": ["threat"], "records": {"required": True}})
    assert policy.moderate("fb", "spam").actions == ("hide",)
    assert policy.moderate("fb", "spam").steps == {"hide": ("record-in-log",)}  # records.required: every removal is logged
    assert policy.moderate("x", "threat").actions == ()  # X cannot delete, and the list offers nothing else
    assert policy.moderate("x", "threat").unavailable == ("delete",)
    assert policy.moderate("fb", "criticism").protected


def test_a_channel_rule_comes_before_the_general_one_and_own_approvals_replace_the_general():
    policy = policy_for(
        {
            "reasons": [
                {"reason": "spam", "channels": ["li"], "actions": ["delete"], "approvals": [{"actions": ["delete"], "by": ["lena"]}]},
                {"reason": "spam", "actions": ["hide", "delete"]},
            ],
            "approvals": [{"actions": ["delete"], "by": ["anna"]}],
        }
    )
    assert policy.moderate("li", "spam").approval == {"delete": ("lena",)}
    assert policy.moderate("yt", "spam").approval == {"delete": ("anna",)}  # YouTube cannot hide: the general rule deletes
    assert policy.moderate("fb", "spam").actions == ("hide",)


def test_the_ladder_counts_only_its_reasons_and_starts_where_it_says():
    policy = policy_for(
        {
            "reasons": [{"reason": "spam", "actions": ["hide"]}, {"reason": "threat", "actions": ["hide"]}],
            "repeat_offenders": {"reasons": ["spam"], "ladder": [{"violation": 2, "action": "warn"}, {"violation": 4, "action": "block"}]},
        }
    )
    assert [policy.moderate("fb", "spam", n).actions for n in range(5)] == [
        ("hide",),
        ("hide", "warn"),
        ("hide", "warn"),
        ("hide", "block"),
        ("hide", "block"),
    ]
    assert policy.moderate("fb", "threat", 3).ladder is None


def test_moderate_command_text_json_and_errors(capsys):
    assert main(["moderate", "--policy", POLICY, "--channel", "x", "--reason", "threat"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["threat on x:", "  hide"]
    assert (
        main(["moderate", "--policy", POLICY, "--channel", "facebook", "--reason", "spam", "--prior-violations", "1", "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["actions"] == ["hide", "block"] and data["ladder"] == {"violation": 2, "action": "block", "duration": 2592000}
    assert main(["moderate", "--policy", POLICY, "--channel", "facebok", "--reason", "spam"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown channel 'facebok'" in err


# --- against a reference on random sections --------------------------------------------------------


def reference(moderation: dict[str, Any], channel: str, reason: str, prior: int) -> dict[str, Any] | None:
    """What the strategy says, read directly: None where the policy has no answer."""
    protected = set(moderation.get("never_remove", []))
    rules = list(moderation.get("reasons", []))
    named = {r["reason"] for r in rules}
    rules += [{"reason": k, "actions": ["keep"]} for k in moderation.get("never_remove", []) if k not in named]
    rule = next((r for r in rules if r["reason"] == reason and (not r.get("channels") or channel in r["channels"])), None)
    if rule is None:
        return None
    platform = CHANNELS[channel]
    silencing = {"hide", "delete", "block"}
    actions = [a for a in rule["actions"] if reason not in protected or a not in silencing] or ["keep"]
    also = [a for a in rule.get("also", []) if reason not in protected or a not in silencing]
    possible = [a for a in actions if can(platform, a)]
    chosen = possible[:1]
    unavailable = actions[: actions.index(chosen[0])] if chosen else actions
    ladder = moderation.get("repeat_offenders")
    step = None
    if ladder and reason not in protected and (reason in ladder.get("reasons", []) or not ladder.get("reasons")):
        reached = [s for s in ladder["ladder"] if s["violation"] <= prior + 1]
        step = reached[-1]["action"] if reached else None
    extra = [a for a in also if can(platform, a)]
    if step is not None and not can(platform, step):
        unavailable = [*unavailable, step]
    wanted = list(dict.fromkeys([*chosen, *extra, *([step] if step and can(platform, step) else [])]))
    approval = {}
    for action in wanted:
        own = [p for a in rule.get("approvals", []) if action in a["actions"] for p in a["by"]]
        general = [p for a in moderation.get("approvals", []) if action in a["actions"] for p in a["by"]]
        if own or general:
            approval[action] = tuple(dict.fromkeys(own or general))
    steps = {}
    for action in wanted:
        done = [s for r in [*moderation.get("steps", []), *rule.get("steps", [])] if action in r["before"] for s in r.get("do", [])]
        if done:
            steps[action] = tuple(dict.fromkeys(done))
    return {"actions": tuple(wanted), "unavailable": tuple(dict.fromkeys(unavailable)), "approval": approval, "steps": steps}


some_actions = st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3, unique=True)
approvals = st.lists(
    st.fixed_dictionaries({"actions": some_actions, "by": st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True)}),
    max_size=2,
)
step_rules = st.lists(
    st.fixed_dictionaries(
        {
            "before": some_actions,
            "do": st.lists(st.sampled_from(["screenshot", "save-link", "register-case"]), min_size=1, max_size=2, unique=True),
        }
    ),
    max_size=2,
)
reason_rules = st.lists(
    st.fixed_dictionaries(
        {"reason": st.sampled_from(KINDS), "actions": some_actions},
        optional={
            "also": some_actions,
            "channels": st.lists(st.sampled_from(list(CHANNELS)), min_size=1, max_size=2, unique=True),
            "approvals": approvals,
            "steps": step_rules,
        },
    ),
    max_size=6,
)
ladders = st.none() | st.fixed_dictionaries(
    {
        "ladder": st.lists(st.integers(1, 5), min_size=1, max_size=3, unique=True)
        .map(sorted)
        .flatmap(
            lambda ns: st.tuples(*[st.sampled_from(["warn", "block", "report-to-platform"]) for _ in ns]).map(
                lambda acts: [{"violation": n, "action": a} for n, a in zip(ns, acts)]
            )
        )
    },
    optional={"reasons": st.lists(st.sampled_from(KINDS), max_size=2, unique=True)},
)
sections = st.fixed_dictionaries(
    {
        "never_remove": st.lists(st.sampled_from(["criticism", "off-topic"]), max_size=2, unique=True),
        "reasons": reason_rules,
        "approvals": approvals,
        "steps": step_rules,
    },
    optional={"repeat_offenders": ladders.filter(lambda v: v is not None)},
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(sections, st.sampled_from(list(CHANNELS)), st.sampled_from(KINDS), st.integers(0, 6))
def test_moderate_equals_a_reading_of_the_strategy(moderation, channel, reason, prior):
    policy = policy_for(moderation)
    want = reference(moderation, channel, reason, prior)
    if want is None:
        with pytest.raises(PolicyError):
            policy.moderate(channel, reason, prior)
        return
    got = policy.moderate(channel, reason, prior)
    assert (got.actions, got.unavailable, got.approval, got.steps) == (
        want["actions"],
        want["unavailable"],
        want["approval"],
        want["steps"],
    )

"""What a message is promised: a deadline only where the strategy gives a time, never an invented one."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.runtime.policy import Event, Policy

ZONE = ZoneInfo("Europe/Stockholm")
START = int(datetime(2026, 11, 23, tzinfo=ZONE).timestamp())
CHANNELS = ("facebook", "instagram", "x", "linkedin", "tiktok", "youtube")
CATEGORIES = ("complaint", "question", "praise", "neutral", "harassment", "outage")
TEXTS = ("", "fråga", "vi ska döda er")


def at(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=ZONE).timestamp())


def reference_promise(policy: Policy, event: Event) -> str:
    """The promise read straight from the strategy's intent: a rule's own limit or an SLA time is a deadline;
    else the channel's promise; a deadline channel whose SLA has no target for the category promises nothing."""
    rule = policy.escalation(event)
    if rule and (rule["acknowledge_within"] is not None or rule["respond_within"] is not None):
        return "deadline"
    channel = policy.document["channels"][event.channel]
    sla = (
        channel["crisis_sla"] if event.crisis and channel["crisis_sla"] else (channel["sla"] if channel["promise"] == "deadline" else None)
    )
    if sla is None:
        return "none" if channel["promise"] == "deadline" else channel["promise"]
    targets = policy.document["slas"][sla]["targets"]
    target = targets.get(event.category) or targets.get("default")
    return target["promise"] if target else "none"


events = st.builds(
    Event,
    st.sampled_from(CHANNELS),
    st.sampled_from(CATEGORIES),
    st.integers(min_value=START, max_value=START + 80 * 86400),
    st.sampled_from(TEXTS),
    st.none() | st.integers(min_value=0, max_value=20000),
    st.sampled_from([None, "customer", "journalist"]),
    st.booleans(),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(events)
def test_deadlines_exist_exactly_when_the_promise_is_a_deadline(policy, event):
    decision = policy.decide(event)
    assert decision.promise == reference_promise(policy, event)
    timed = decision.acknowledge_by is not None or decision.respond_by is not None
    assert timed == (decision.promise == "deadline")
    if decision.promise not in ("deadline", "best-effort"):
        assert not decision.update_if_longer and decision.update_by is None


def test_youtube_answers_without_a_time_and_updates_after_two_calendar_days(policy):
    decision = policy.decide(Event("youtube", "complaint", at("2026-11-27 16:30")))  # Friday, closed from 16:00
    assert (decision.promise, decision.clock, decision.acknowledge_by, decision.respond_by) == ("best-effort", None, None, None)
    assert decision.update_if_longer and decision.update_by == at("2026-11-29 16:30")
    assert "answered without a promised reply time (best effort)" in decision.explanation
    assert "tell them if it takes longer, by Sun 2026-11-29 16:30" in decision.explanation


def test_the_json_line_says_the_promise_as_to_json_does(policy):
    events = [Event(c, "question", at("2026-11-24 09:00"), crisis=crisis) for c in CHANNELS for crisis in (False, True)]
    lines = [json.loads(line) for line in policy.decision_lines(events)]
    assert lines == [d.to_json() for d in policy.decide_many(events)]
    assert {(line["channel"], line["promise"]) for line in lines} >= {
        ("youtube", "best-effort"),
        ("tiktok", "read-only"),
        ("facebook", "deadline"),
    }


def test_a_document_from_before_promises_derives_them_from_the_sla(document):
    old = copy.deepcopy(document)
    for channel in old["channels"].values():
        channel.pop("promise"), channel.pop("update_if_longer")
    for sla in old["slas"].values():
        for target in sla["targets"].values():
            target.pop("promise")
    policy = Policy.from_document(old)
    assert policy.decide(Event("facebook", "question", at("2026-11-24 09:00"))).promise == "deadline"
    assert policy.decide(Event("tiktok", "question", at("2026-11-24 09:00"))).promise == "none"

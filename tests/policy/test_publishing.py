"""Policy.may_publish against a brute-force reference, and `socialkit may-publish`.

The reference: publishing is allowed at t when no blackout that stops
publishing covers the channel at t and the publishing schedule (if any) is
open at t; the next allowed instant is the first allowed one among t, the
window starts after t and the blackout ends after t (the allowed time is a
union of intervals, each starting at one of those).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialkit.cli import main
from socialkit.engine.deadlines import is_open_many
from socialkit.runtime.policy import Policy, PolicyError

from .conftest import ROOT

POLICY = str(ROOT / "policies" / "policy.json")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOUR = 3600


def local(*args: int) -> int:
    return int(datetime(*args, tzinfo=STOCKHOLM).timestamp())


def reference(policy: Policy, channel: str, t: int) -> tuple[bool, bool, int | None]:
    """(allowed, comments off, next allowed) the slow, obvious way."""
    schedule = policy.document["channels"][channel]["publishing"]
    blackouts = [b for b in policy.document["blackouts"] if not b["channels"] or channel in b["channels"]]

    def allowed(x: int) -> bool:
        stopped = any(b["start"] <= x < b["end"] and "publishing" in b["stops"] for b in blackouts)
        return not stopped and (schedule is None or bool(is_open_many(policy.schedule(schedule), np.array([x]))[0]))

    comments_off = any(b["start"] <= t < b["end"] and "comments" in b["stops"] for b in blackouts)
    if allowed(t):
        return True, comments_off, None
    starts = [int(s) for s in policy.schedule(schedule).starts] if schedule else []
    candidates = sorted({x for x in starts + [b["end"] for b in blackouts] if x > t})
    return False, comments_off, next((x for x in candidates if allowed(x)), None)


@pytest.fixture(scope="module")
def base(document) -> dict:
    doc = copy.deepcopy(document)
    doc["channels"]["linkedin"]["publishing"] = "evening-outage-desk"  # overnight, weekdays
    return doc


START = local(2026, 12, 1)
SPAN = 120 * 86400

blackout_strategy = st.builds(
    lambda start, length, channels, stops: {
        "start": START + start,
        "end": START + start + length,
        "reason": "r",
        "channels": channels,
        "stops": stops,
        "internal": False,
    },
    st.integers(0, SPAN).map(lambda s: s - s % 900),
    st.sampled_from([900, HOUR, 5 * HOUR, 86400, 3 * 86400 + 7 * HOUR]),
    st.sampled_from([[], ["facebook"], ["linkedin", "x"], ["tiktok"]]),
    st.sampled_from([["publishing"], ["comments"], ["publishing", "comments"]]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    blackouts=st.lists(blackout_strategy, max_size=6),
    channel=st.sampled_from(["facebook", "instagram", "linkedin", "x", "tiktok"]),
    offset=st.integers(-86400, SPAN + 86400),
    nudge=st.sampled_from([0, 0, -1, 1]),
)
def test_may_publish_equals_the_reference(base, blackouts, channel, offset, nudge):
    doc = {**base, "blackouts": blackouts}
    policy = Policy(doc)
    edges = [b[k] for b in blackouts for k in ("start", "end")]
    t = (edges[offset % len(edges)] + nudge) if edges and offset % 3 == 0 else START + offset
    answer = policy.may_publish(channel, t)
    assert (answer.allowed, answer.comments_off, answer.next_allowed_at) == reference(policy, channel, t)
    assert answer.blackouts == tuple(b for b in blackouts if (not b["channels"] or channel in b["channels"]) and b["start"] <= t < b["end"])


def test_the_example_answers(policy):
    christmas = policy.may_publish("facebook", local(2026, 12, 25, 10))
    assert (christmas.allowed, christmas.reason, christmas.comments_off) == (False, "blackout", True)
    assert christmas.next_allowed_at == local(2026, 12, 27, 7)  # the blackout ends at midnight, publishing opens at 07:00
    assert policy.may_publish("x", local(2026, 12, 25, 10)).reason == "no-publishing-hours"
    evening = policy.may_publish("instagram", local(2026, 11, 28, 22))
    assert (evening.allowed, evening.reason, evening.next_allowed_at) == (False, "outside-publishing-hours", local(2026, 11, 29, 7))
    assert policy.may_publish("instagram", local(2026, 11, 28, 21, 59, 59)).reason == "publishing-hours"


def test_dst_nights_follow_local_time(policy):
    """Publishing hours 07:00-22:00 local: the same wall times on both sides of each DST change."""
    for day in ((2027, 3, 27), (2027, 3, 28), (2027, 10, 30), (2027, 10, 31)):
        assert policy.may_publish("facebook", local(*day, 6, 59, 59)).next_allowed_at == local(*day, 7)
        assert policy.may_publish("facebook", local(*day, 22)).allowed is False


def test_errors_are_one_line(policy):
    with pytest.raises(PolicyError, match="unknown channel 'myspace'"):
        policy.may_publish("myspace", local(2027, 1, 5, 10))
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        policy.may_publish("x", local(2020, 1, 5, 10))


def test_past_the_horizon_it_compiles_from_the_rules(policy):
    later = policy.may_publish("facebook", local(2028, 6, 1, 23))
    assert (later.allowed, later.next_allowed_at) == (False, local(2028, 6, 2, 7))


def test_cli_text_and_json(capsys):
    assert main(["may-publish", "facebook", "--policy", POLICY, "--at", "2026-12-25T10:00:00+01:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("facebook: no publishing (blackout 2026-12-24T00:00:00+01:00 to 2026-12-27T00:00:00+01:00: Ingen modererar")
    assert "next allowed 2026-12-27T07:00:00+01:00" in out and "comments are off" in out
    assert main(["may-publish", "--channel", "instagram", "--policy", POLICY, "--at", "2026-12-01T23:30:00+01:00", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "channel": "instagram",
        "at": "2026-12-01T23:30:00+01:00",
        "allowed": False,
        "reason": "outside-publishing-hours",
        "publishing_schedule": "publishing-hours",
        "comments_off": False,
        "blackouts": [],
        "next_allowed_at": "2026-12-02T07:00:00+01:00",
    }
    assert main(["may-publish", "x", "--policy", POLICY, "--at", "2027-01-05T10:00:00+01:00"]) == 0
    assert capsys.readouterr().out.startswith("x: publishing allowed (the policy sets no publishing hours for it")


def test_cli_errors_exit_2_with_one_line(capsys):
    assert main(["may-publish", "myspace", "--policy", POLICY]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown channel 'myspace'" in err
    assert main(["may-publish", "--policy", POLICY]) == 2


def test_an_older_document_without_publishing_fields_still_answers(document):
    old = copy.deepcopy(document)
    old.pop("blackouts")
    for channel in old["channels"].values():
        channel.pop("publishing")
    answer = Policy.from_document(old).may_publish("facebook", local(2026, 12, 25, 10))
    assert (answer.allowed, answer.reason) == (True, "no-publishing-hours")


def test_many_posts_at_once(policy):
    posts = [("facebook", local(2026, 12, 25, 10)), ("x", local(2026, 12, 25, 10)), ("instagram", local(2026, 11, 28, 22))]
    assert policy.may_publish_many(posts) == [policy.may_publish(c, t) for c, t in posts]
    assert [d.allowed for d in policy.may_publish_many(posts)] == [False, True, False]

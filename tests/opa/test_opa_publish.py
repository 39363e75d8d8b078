"""The bundle's `data.socialkit.publish` gives exactly Policy.may_publish's answers (times in ns),
and errors exactly where Policy.may_publish raises.

Random instants over the example's horizon, weighted to window edges, DST,
holidays and every blackout's edges, for every channel; then a variant policy
with what the example does not use: publishing hours that run past midnight
and over a DST change, overlapping and touching blackouts, a comments-only
blackout for every channel, a blackout that ends while the publishing hours
are closed and one that ends exactly as they open.
"""

from __future__ import annotations

import copy
import random
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from socialkit.export import ExportRequest
from socialkit.export.opa import export_files
from socialkit.runtime.policy import Policy, PolicyError

from .conftest import AS_OF, NS, Rego, sample_size
from .events import EventMaker

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXAMPLE_QUESTIONS = sample_size(800)
VARIANT_QUESTIONS = sample_size(800)


def local(*args: int) -> int:
    return int(datetime(*args, tzinfo=STOCKHOLM).timestamp())


def expected(policy: Policy, channel: str, t: int) -> dict[str, Any] | None:
    """Policy.may_publish's answer as the Rego decision (ns), or None when it raises."""
    try:
        d = policy.may_publish(channel, t)
    except PolicyError:
        return None
    return {
        "channel": d.channel,
        "at_ns": d.at * NS,
        "timezone": d.timezone,
        "allowed": d.allowed,
        "reason": d.reason,
        "publishing_schedule": d.schedule,
        "comments_off": d.comments_off,
        "blackouts": [
            {"start_ns": b["start"] * NS, "end_ns": b["end"] * NS, "reason": b["reason"], "stops": b["stops"]} for b in d.blackouts
        ],
        "next_allowed_ns": None if d.next_allowed_at is None else d.next_allowed_at * NS,
    }


def questions(document: dict[str, Any], seed: int, n: int) -> list[tuple[str, int]]:
    maker = EventMaker(document, seed)
    rnd = random.Random(seed)
    edges = [x for b in document["blackouts"] for x in (b["start"], b["end"])]
    channels = sorted(document["channels"]) + ["myspace"]
    found = []
    for _ in range(n):
        if edges and rnd.random() < 0.35:
            t = rnd.choice(edges) + rnd.choice([-3600, -1, 0, 0, 1, 59, rnd.randrange(-86400, 86400)])
        else:
            t = maker.instant()
        found.append((rnd.choice(channels), t))
    return found


def agree(policy: Policy, rego: Rego, asked: list[tuple[str, int]]) -> dict[str, int]:
    counts = {"allowed": 0, "not allowed": 0, "errors": 0, "blackout": 0, "comments off": 0}
    for channel, t in asked:
        want = expected(policy, channel, t)
        got, errors = rego.may_publish({"channel": channel, "at_ns": t * NS})
        if want is None:
            assert got is None and errors, f"Policy.may_publish raises for {channel} at {t}, the Rego answered {got}"
            counts["errors"] += 1
            continue
        assert not errors, (channel, t, errors)
        assert got == want, (
            f"{channel} at {t}: (python, rego) differ: { ({k: (want[k], got.get(k)) for k in want if want[k] != got.get(k)}) }"
        )
        counts["allowed" if want["allowed"] else "not allowed"] += 1
        counts["blackout"] += want["reason"] == "blackout"
        counts["comments off"] += want["comments_off"]
    return counts


def test_example_agrees(policy, rego, document):
    counts = agree(policy, rego, questions(document, 20261205, EXAMPLE_QUESTIONS))
    n = EXAMPLE_QUESTIONS
    assert counts["allowed"] > n * 0.15 and counts["not allowed"] > n * 0.15 and counts["errors"] > 10
    assert counts["blackout"] > n * 0.025 and counts["comments off"] > n * 0.01


def variant_document(document: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    doc["channels"]["linkedin"]["publishing"] = "evening-outage-desk"  # 17:00-01:00 on weekdays, over midnight
    doc["channels"]["tiktok"]["publishing"] = "weekend-watch"
    doc["channels"]["x"]["publishing"] = None

    def blackout(start: int, end: int, channels: list[str], stops: list[str], reason: str) -> dict[str, Any]:
        return {"start": start, "end": end, "reason": reason, "channels": channels, "stops": stops, "internal": False}

    doc["blackouts"] += [
        blackout(local(2027, 3, 26, 18), local(2027, 3, 30, 0, 30), ["linkedin"], ["publishing"], "over the DST change"),
        blackout(local(2027, 1, 11, 12), local(2027, 1, 12, 12), ["facebook", "x"], ["publishing"], "first of two overlapping"),
        blackout(local(2027, 1, 12, 6), local(2027, 1, 13, 9), ["facebook", "x"], ["publishing", "comments"], "second, overlapping"),
        blackout(local(2027, 1, 13, 9), local(2027, 1, 13, 11), ["x"], ["publishing"], "touching the second"),
        blackout(local(2027, 5, 3, 0), local(2027, 5, 10, 0), [], ["comments"], "comments off everywhere, publishing allowed"),
        blackout(local(2027, 1, 18, 18), local(2027, 1, 19, 3), ["linkedin"], ["publishing"], "ends while the hours are closed"),
        blackout(local(2027, 1, 23, 9), local(2027, 1, 23, 10), ["tiktok"], ["publishing"], "ends as the hours open"),
    ]
    return doc


@pytest.fixture(scope="module")
def variant(document) -> tuple[Policy, Rego, dict[str, Any]]:
    doc = variant_document(document)
    files = export_files(ExportRequest(doc, None, as_of=AS_OF))
    return Policy.from_document(doc), Rego.from_tarball(files["opa/bundle.tar.gz"]), doc


def test_variant_agrees(variant):
    policy, rego, doc = variant
    counts = agree(policy, rego, questions(doc, 14, VARIANT_QUESTIONS))
    assert counts["blackout"] > VARIANT_QUESTIONS * 0.05 and counts["comments off"] > VARIANT_QUESTIONS * 0.025


@pytest.mark.parametrize(
    "channel, at, allowed, reason, next_allowed",
    [
        ("linkedin", local(2027, 3, 28, 12), False, "blackout", local(2027, 3, 30, 0, 30)),  # inside the overnight window, after DST
        ("facebook", local(2027, 1, 12, 7), False, "blackout", local(2027, 1, 13, 9)),  # the end of the overlapping run
        ("x", local(2027, 1, 12, 7), False, "blackout", local(2027, 1, 13, 11)),  # and of the touching one for x
        ("linkedin", local(2027, 1, 18, 23), False, "blackout", local(2027, 1, 19, 17)),  # ends closed: the next opening
        ("tiktok", local(2027, 1, 23, 9, 30), False, "blackout", local(2027, 1, 23, 10)),  # ends as the hours open
        ("tiktok", local(2027, 1, 23, 10), True, "publishing-hours", None),
        ("facebook", local(2027, 5, 4, 12), True, "publishing-hours", None),  # comments off, publishing allowed
        ("x", local(2027, 5, 4, 3), True, "no-publishing-hours", None),
    ],
)
def test_variant_cases(variant, channel, at, allowed, reason, next_allowed):
    policy, rego, _ = variant
    decision = policy.may_publish(channel, at)
    assert (decision.allowed, decision.reason, decision.next_allowed_at) == (allowed, reason, next_allowed)
    got, _ = rego.may_publish({"channel": channel, "at_ns": at * NS})
    assert got == expected(policy, channel, at)


@pytest.mark.parametrize(
    "value, message",
    [
        ({"channel": "myspace", "at": "2027-01-05T10:00:00+01:00"}, "unknown channel 'myspace'"),
        ({"channel": None, "at": "2027-01-05T10:00:00+01:00"}, "channel: a channel id is required"),
        ({"channel": "facebook"}, "at_ns (integer ns since the epoch) or at (RFC 3339 with an offset) is required"),
        (
            {"channel": "facebook", "at": "2020-01-05T10:00:00Z"},
            "the instant lies outside the compiled horizon; rebuild with a suitable --as-of",
        ),
        ({"channel": "x", "at": "2020-01-05T10:00:00Z"}, "the instant lies outside the compiled horizon; rebuild with a suitable --as-of"),
    ],
)
def test_bad_input_gives_errors(rego, value, message):
    decision, errors = rego.may_publish(value)
    assert decision is None and message in errors


def test_rfc3339_input(policy, rego):
    at = local(2026, 12, 25, 10)
    for text in ("2026-12-25T10:00:00+01:00", "2026-12-25T09:00:00Z", "2026-12-25T10:00:00.5+01:00"):
        assert rego.may_publish({"channel": "facebook", "at": text})[0] == expected(policy, "facebook", at)

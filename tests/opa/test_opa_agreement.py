"""The Rego gives exactly Policy.decide's answers (times in ns), and an error
exactly where Policy.decide raises.

Thousands of seeded random events over the example's horizon (see events.py),
plus a variant policy with the features the example strategy does not use, and
events past policy.json's horizon but inside the bundle's longer one (where the
Python API compiles from the rules).
Each comparison is the whole decision: open, next opening, closing time,
clock, both deadlines, team, who is on duty and the escalation.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from socialkit.runtime.policy import Event

from .conftest import NS, as_input, expected, sample_size
from .events import EventMaker

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXAMPLE_EVENTS = sample_size(1000)
VARIANT_EVENTS = sample_size(400)
PAST_POLICY_EVENTS = sample_size(500)


def local(*args: int) -> int:
    """Epoch seconds of a Stockholm wall time (the first, if repeated)."""
    return int(datetime(*args, tzinfo=STOCKHOLM).timestamp())


def agree(policy, rego, events, maker=None) -> dict[str, int]:
    """Compare every event; return counts (decisions, errors) or fail on the first disagreement."""
    counts = {"decisions": 0, "errors": 0}
    for event in events:
        want = expected(policy, event)
        value = as_input(event, **(maker.timing(event) if maker else {}))
        got, errors = rego.decide(value)
        if want is None:
            assert got is None and errors, f"Policy.decide raises for {event}, the Rego decided {got}"
            counts["errors"] += 1
        else:
            assert not errors, f"{event}: {errors}"
            diff = {k: (want[k], got.get(k)) for k in want if want[k] != got.get(k)} if got else "no decision"
            assert got == want, f"{event} via {value}: (python, rego) differ: {diff}"
            counts["decisions"] += 1
    return counts


def test_random_events_agree(policy, rego, document):
    maker = EventMaker(document, seed=20261123)
    started = time.perf_counter()
    counts = agree(policy, rego, (maker.event() for _ in range(EXAMPLE_EVENTS)), maker)
    assert counts["decisions"] > EXAMPLE_EVENTS * 0.8 and counts["errors"] > 10
    print(f"\nexample: {counts} in {time.perf_counter() - started:.1f} s")


def test_variant_policy_agrees(variant, document):
    policy, rego = variant
    maker = EventMaker(document, seed=7)
    counts = agree(policy, rego, (maker.event() for _ in range(VARIANT_EVENTS)), maker)
    assert counts["decisions"] > VARIANT_EVENTS * 0.8
    print(f"\nvariant: {counts}")


def test_variant_exercises_its_features(variant, document):
    """The variant's own rules, zero limits and empty schedule are reached and agree."""
    policy, rego = variant
    saturday_noon = local(2027, 1, 23, 12)  # weekend-watch open
    tuesday_ten = local(2027, 1, 26, 10)  # office hours
    events = [
        Event("x", "question", saturday_noon, "Vi SKA döda er", 20, None, True),  # weekend-crisis
        Event("linkedin", "praise", saturday_noon, "hot!", None, None, True),  # unknown followers: no match
        Event("instagram", "outage", saturday_noon, "hot", 500, None, True),  # crisis on an empty schedule
        Event("instagram", "praise", tuesday_ten, "tack", 50, "customer", False),  # quiet-praise
        Event("facebook", "praise", tuesday_ten + 8 * 3600, "tack", 50, "customer", False),  # closed: praise eonbd
        Event("facebook", "question", saturday_noon, "?", None, None, False),  # closed: 1h from opening
        Event("linkedin", "neutral", saturday_noon, "", None, None, False),  # calendar from the opening
        Event("facebook", "question", tuesday_ten, "?", None, None, False),  # open: three working days
        Event("tiktok", "question", tuesday_ten, "?", None, None, False),  # working days without a schedule
    ]
    rules = set()
    for event in events:
        want = expected(policy, event)
        got, errors = rego.decide(as_input(event))
        assert got == want, (event, errors)
        rules.add(want["escalation"]["rule"])
    assert {"weekend-crisis", "quiet-praise"} <= rules
    assert policy.decide(events[-2]).respond_by == local(2027, 1, 29, 16)  # Friday's close
    assert policy.decide(events[-1]).respond_by is None
    assert policy.decide(events[5]).respond_by == local(2027, 1, 25, 9)  # closed: one business hour from the opening


def test_variant_exercises_every_arrival_window(variant):
    """Each window of the variant's windowed targets (and the gap none covers) is taken somewhere, the same in both."""
    policy, rego = variant
    instants = {
        "office": local(2027, 1, 26, 10),
        "desk": local(2027, 1, 26, 18),
        "weekend watch": local(2027, 1, 23, 12),
        "gap": local(2027, 1, 23, 20),
        "desk closes": local(2027, 1, 27, 1) - 1,
    }
    seen = set()
    for at in instants.values():
        for channel in ("facebook", "x", "tiktok"):
            for category in ("complaint", "question"):
                event = Event(channel, category, at)
                want = expected(policy, event)
                got, errors = rego.decide(as_input(event))
                assert got == want, (event, errors)
                seen.update((kind, label) for kind, label in (want["arrival_window"] or {}).items())
    assert seen >= {
        ("respond", "evening-outage-desk"),
        ("respond", "weekend-watch"),
        ("respond", "office-hours"),
        ("respond", None),
        ("acknowledge", "office-hours"),
        ("acknowledge", "otherwise"),
    }


def test_variant_exercises_every_promise(variant):
    """Each promise, an update due on each clock and an untimed update obligation are reached, and agree."""
    policy, rego = variant
    tuesday_ten, friday_late = local(2027, 1, 26, 10), local(2027, 1, 29, 15, 30)
    events = [
        Event("youtube", "question", tuesday_ten),  # best-effort: no deadline, update on the business clock
        Event("youtube", "question", friday_late),  # ... running over the weekend
        Event("youtube", "question", friday_late, crisis=True),  # the crisis SLA it names still applies
        Event("facebook", "question", tuesday_ten),  # deadline with an update obligation without a time
        Event("x", "complaint", tuesday_ten),  # deadline with an update on the calendar clock
        Event("tiktok", "question", tuesday_ten),  # read-only: the update obligation never applies
        Event("facebook", "praise", tuesday_ten, crisis=True),  # a best-effort crisis target
        Event("facebook", "question", tuesday_ten, text="", followers=None, author_type=None),
        Event("instagram", "question", tuesday_ten),  # a document from before promises: derived from the SLA
    ]
    seen = set()
    for event in events:
        want = expected(policy, event)
        got, errors = rego.decide(as_input(event))
        assert got == want, (event, errors)
        seen.add((want["promise"], want["update_if_longer"], want["update_by_ns"] is not None))
    assert {("best-effort", True, True), ("deadline", True, False), ("deadline", True, True), ("read-only", False, False)} <= seen
    assert ("best-effort", True, False) in seen  # the crisis target, on a channel with an untimed update


def test_variant_relay_turns_agree(variant):
    """Dated turns: each hand-off, the gap, the overlap and the unnamed last turn, on the relay's channel."""
    policy, rego = variant
    cases = [
        (local(2026, 11, 30, 8), ["sara"]),
        (local(2026, 12, 14, 8), []),  # the gap
        (local(2026, 12, 21, 8), ["omar"]),
        (local(2027, 1, 11, 8), ["omar", "anna"]),  # the overlap
        (local(2027, 1, 18, 8), ["anna"]),
        (local(2027, 3, 1, 8), []),  # the unnamed turn
    ]
    for at, on_duty in cases:
        for delta in (-1, 0, 1):
            event = Event("tiktok", "question", at + delta, "")
            want = expected(policy, event)
            got, errors = rego.decide(as_input(event))
            assert got == want, (at, delta, errors)
        assert sorted(want["on_duty"]) == sorted(on_duty), (at, want["on_duty"])


def test_message_kinds_agree_and_change_the_answer(variant):
    """A kind's own SLA (not in crisis mode), a promise without time, a rule on kinds, no kind: as before."""
    policy, rego = variant
    tuesday_ten = local(2027, 1, 26, 10)
    events = {
        "none stated": Event("instagram", "question", tuesday_ten),
        "own sla": Event("instagram", "question", tuesday_ten, kind="direct-message"),
        "own sla, crisis": Event("instagram", "question", tuesday_ten, crisis=True, kind="direct-message"),
        "read-only": Event("instagram", "question", tuesday_ten, kind="review"),
        "not listed": Event("instagram", "question", tuesday_ten, kind="comment"),
        "best-effort": Event("linkedin", "question", tuesday_ten, kind="comment"),
        "rule on kinds": Event("x", "outage", tuesday_ten, kind="tagged-mention"),
        "rule, other kind": Event("x", "outage", tuesday_ten, kind="comment"),
    }
    agree(policy, rego, events.values())
    got = {name: policy.decide(event) for name, event in events.items()}
    careers = policy.decide(Event("linkedin", "question", tuesday_ten))
    assert got["own sla"].respond_by == careers.respond_by != got["none stated"].respond_by
    assert got["own sla, crisis"].respond_by == policy.decide(Event("instagram", "question", tuesday_ten, crisis=True)).respond_by
    assert got["read-only"].respond_by is got["read-only"].acknowledge_by is None
    assert got["best-effort"].respond_by is None and got["best-effort"].handling["promise"] == "best-effort"
    assert got["not listed"].respond_by == got["none stated"].respond_by and got["not listed"].handling is None
    assert got["rule on kinds"].escalation["rule"] == "private-outage" != got["rule, other kind"].escalation["rule"]
    assert got["rule on kinds"].respond_by == tuesday_ten + 7200
    assert "kind" not in got["none stated"].to_json() and got["own sla"].to_json()["kind"] == "direct-message"


EDGE_CASES = [
    # (channel, category, what, instant, text)
    ("facebook", "complaint", "Friday close before Christmas", local(2026, 12, 18, 16), "hej"),
    ("facebook", "complaint", "Monday opening", local(2026, 11, 30, 8), ""),
    ("facebook", "complaint", "Christmas Eve 2026", local(2026, 12, 24, 10), "Ska döda"),
    ("instagram", "complaint", "2026-12-23 closure", local(2026, 12, 23, 9), "threat!"),
    ("facebook", "complaint", "2026-12-28 extra closed day", local(2026, 12, 28, 12), ""),
    ("facebook", "question", "New Year's Eve", local(2026, 12, 31, 16, 59, 59), ""),
    ("x", "outage", "evening desk over the spring DST night", local(2027, 3, 27, 23, 30), "ström"),
    ("x", "outage", "DST jump 2027-03-28 02:00", local(2027, 3, 28, 3), "ström"),
    ("x", "complaint", "autumn DST night", local(2027, 10, 31, 0, 30), ""),
    ("facebook", "question", "Midsummer Eve", local(2027, 6, 25, 10), "fråga"),
    ("facebook", "question", "summer season's first day", local(2027, 6, 22, 9), ""),
    ("linkedin", "question", "Walpurgis Eve 12:59", local(2027, 4, 30, 12, 59), ""),
    ("facebook", "complaint", "rota hand-off Monday 08:00", local(2027, 2, 1, 8), ""),
    ("tiktok", "question", "relay turn hand-off", local(2027, 1, 11, 8), ""),
    ("tiktok", "question", "no schedule", local(2027, 1, 15, 3), ""),
    ("linkedin", "question", "two working days from Maundy Thursday, over Easter and a DST change", local(2027, 3, 25, 16), ""),
    ("linkedin", "praise", "next working day from the Friday before the clocks go back", local(2027, 10, 29, 23, 59, 59), ""),
    ("facebook", "neutral", "one working day from New Year's Eve", local(2026, 12, 31, 23, 59, 59), ""),
    ("linkedin", "question", "two working days from the eve of Midsummer Eve", local(2027, 6, 24, 0, 0), ""),
]


@pytest.mark.parametrize("channel, category, what, at, text", EDGE_CASES, ids=[c[2] for c in EDGE_CASES])
@pytest.mark.parametrize("crisis", [False, True])
def test_edge_instants_agree(policy, rego, channel, category, what, at, text, crisis):
    for delta in (-1, 0, 1):
        event = Event(channel, category, at + delta, text, 10000, "journalist" if delta else None, crisis)
        want = expected(policy, event)
        got, errors = rego.decide(as_input(event))
        assert got == want, (what, delta, errors)


KEYWORD_TEXTS = [
    ("Vi ska döda er", "threat"),
    ("VI SKA, DÖDA er", "threat"),
    ("ska_döda", "threat"),
    ("skadöda", None),
    ("ska   döda", "threat"),
    ("hotell", None),
    ("Hot!", "threat"),
    ("a-hot-b", "threat"),
    ("ska\ndöda", "threat"),
    ("döda ska", None),
    ("THREAT42", None),
    ("", None),
]


@pytest.mark.parametrize("text, rule", KEYWORD_TEXTS)
def test_keywords(policy, rego, text, rule):
    event = Event("facebook", "question", local(2027, 1, 26, 10), text)
    want = expected(policy, event)
    got, _ = rego.decide(as_input(event))
    assert got == want
    assert (got["escalation"]["rule"] == "threat") == (rule == "threat")


def test_followers_boundaries(policy, rego):
    for followers in (None, 0, 9999, 10000, 10001):
        event = Event("facebook", "complaint", local(2027, 1, 26, 10), "", followers)
        got, _ = rego.decide(as_input(event))
        assert got == expected(policy, event)
        assert (got["escalation"]["rule"] == "high-reach-complaint") == (followers is not None and followers >= 10000)


def test_rfc3339_and_sub_second_instants(policy, rego):
    event = Event("facebook", "complaint", local(2027, 1, 26, 10), "")
    want = expected(policy, event)
    for text in (
        "2027-01-26T10:00:00+01:00",
        "2027-01-26T09:00:00Z",
        "2027-01-26T04:00:00-05:00",
        "2027-01-26T10:00:00.999999+01:00",
        "2027-01-26T09:00:00.5z",
    ):
        assert rego.decide({**as_input(event), "received_at_ns": None, "received_at": text})[0] == want
    assert rego.decide(as_input(event, offset_ns=NS - 1))[0] == want


@pytest.mark.parametrize(
    "change, message",
    [
        ({"channel": "myspace"}, "unknown channel 'myspace'"),
        ({"category": "spam"}, "unknown category 'spam'"),
        ({"channel": None}, "channel: a channel id is required"),
        ({"received_at_ns": None}, "received_at_ns (integer ns since the epoch) or received_at (RFC 3339 with an offset) is required"),
        (
            {"received_at_ns": None, "received_at": "tomorrow"},
            "received_at_ns (integer ns since the epoch) or received_at (RFC 3339 with an offset) is required",
        ),
        ({"received_at_ns": 1e9 / 3}, "received_at_ns (integer ns since the epoch) or received_at (RFC 3339 with an offset) is required"),
        ({"followers": "many"}, "followers must be a whole number of 0 or more"),
        ({"followers": 2.5}, "followers must be a whole number of 0 or more"),
        ({"followers": -1}, "followers must be a whole number of 0 or more"),
        ({"crisis": "yes"}, "crisis must be true or false"),
        ({"text": 42}, "text must be a string"),
        ({"author_type": 1}, "author_type must be a string"),
        ({"kind": 1}, "kind must be a string"),
        ({"kind": "dm"}, "unknown message kind 'dm'"),
        (
            {"received_at_ns": 1700000000 * NS},
            "office-hours: the instant lies outside the compiled horizon; rebuild with a suitable --as-of",
        ),
    ],
)
def test_bad_input_gives_errors_and_no_decision(rego, change, message):
    value = {**as_input(Event("facebook", "complaint", local(2027, 1, 26, 10))), **change}
    decision, errors = rego.decide(value)
    assert decision is None
    assert message in errors


def test_outside_horizon_without_schedule_errors_like_python(policy, rego, document):
    """tiktok has no schedule: before the horizon Python raises (its team's rota horizon), and so does the Rego."""
    event = Event("tiktok", "question", document["provenance"]["horizon_start"] - 10)
    assert expected(policy, event) is None
    decision, errors = rego.decide(as_input(event))
    assert decision is None and errors == ["team films: the instant lies outside the compiled horizon of its rota"]


def bundle_end(files) -> int:
    manifest = json.loads(files["opa/.manifest"])
    return int(datetime.fromisoformat(manifest["metadata"]["valid_until"]).timestamp())


def test_the_bundle_ends_where_its_manifest_says(policy, rego, files, document):
    """Past valid_until the Rego gives errors, while the Python API still answers from the rules."""
    end = bundle_end(files)
    assert end - document["provenance"]["horizon_end"] > 690 * 86400  # 1096 - 400 days, give or take DST
    for t, answers in ((end - 1, True), (end, False)):
        event = Event("tiktok", "question", t)
        decision, errors = rego.decide(as_input(event))
        assert (decision is not None) is answers and bool(errors) is not answers
        assert expected(policy, event) is not None


PAST_POLICY_PERIODS = [
    (local(2028, 3, 24), local(2028, 3, 28)),  # DST starts 2028-03-26
    (local(2028, 10, 27), local(2028, 10, 31)),  # DST ends 2028-10-29
    (local(2028, 12, 20), local(2029, 1, 8)),  # Christmas, New Year, Epiphany
    (local(2028, 6, 20), local(2028, 6, 27)),  # Midsummer Eve 2028-06-23
    (local(2029, 4, 28), local(2029, 5, 2)),  # Walpurgis Eve
]


def test_events_past_the_policy_horizon_but_inside_the_bundle_agree(policy, rego, files, document):
    """policy.json covers 400 days, the bundle three years: past the first, Python compiles from the rules
    and must give the Rego's answers."""
    rnd = random.Random(2028)
    start, end = document["provenance"]["horizon_end"], bundle_end(files) - 60 * 86400
    maker = EventMaker(document, seed=2028)

    def instant() -> int:
        if rnd.random() < 0.5:
            return rnd.randrange(start, end)
        low, high = rnd.choice(PAST_POLICY_PERIODS)
        return rnd.randrange(low, high)

    events = []
    for _ in range(PAST_POLICY_EVENTS):
        event = maker.event()
        events.append(dataclasses.replace(event, received_at=instant()))
    counts = agree(policy, rego, events)
    assert counts["decisions"] > PAST_POLICY_EVENTS * 0.75 and counts["errors"] > 10  # bad ids, kinds and followers
    assert policy.covering(end)._extensions == {} and policy._extensions  # answered by an extension

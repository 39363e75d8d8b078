"""Past the compiled horizon the Python API answers from the rules in the document.

The reference is simple: the same strategy compiled for a longer horizon from the
same as_of. A policy compiled for 30 days must answer instants after its end
exactly as one compiled for 800 days does.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.cli import main
from socialkit.compile.document import compile_policy
from socialkit.runtime.policy import Event, Policy, PolicyError

from .conftest import AS_OF, ROOT

DAY = 86400


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


@pytest.fixture(scope="module")
def short(example):
    return Policy.from_document(compile_policy(example.strategy, as_of=AS_OF, horizon_days=30))


@pytest.fixture(scope="module")
def long(example):
    return Policy.from_document(compile_policy(example.strategy, as_of=AS_OF, horizon_days=800))


SHORT_END = utc(2026, 12, 22, 23)  # local midnight starting 2026-12-23 in Stockholm
EDGES = [
    utc(2027, 3, 28, 0, 59, 59),  # the spring DST change
    utc(2027, 3, 28, 1),
    utc(2027, 10, 31, 0, 59, 59),  # the autumn DST change
    utc(2027, 10, 31, 1),
    utc(2027, 6, 24, 22),  # Midsummer eve (closed) starts, local midnight
    utc(2027, 6, 25, 9),
    utc(2027, 12, 24, 8),  # Christmas eve
    utc(2027, 12, 23, 16, 30),  # the day before: a deadline runs over the holidays
    utc(2027, 12, 28, 0),  # past the 400-day horizon of the committed policy
    SHORT_END,
    SHORT_END - 1,
]
instants = st.one_of(
    st.integers(SHORT_END, SHORT_END + 400 * DAY),
    st.sampled_from(EDGES).flatmap(lambda t: st.integers(t - 3600, t + 3600)),
    st.sampled_from(EDGES),
)
CHANNELS = ["facebook", "instagram", "x", "linkedin", "tiktok"]
CATEGORIES = ["complaint", "question", "praise", "neutral", "harassment", "outage"]
events = st.builds(
    Event,
    channel=st.sampled_from(CHANNELS),
    category=st.sampled_from(CATEGORIES),
    received_at=instants,
    text=st.sampled_from(["", "ni hotar oss", "ska döda", "hotell", "strömavbrott igen"]),
    followers=st.sampled_from([None, 0, 9999, 10000, 250000]),
    author_type=st.sampled_from([None, "journalist", "customer"]),
    crisis=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(events, min_size=1, max_size=40))
def test_answers_past_the_horizon_equal_a_longer_compiled_horizon(short, long, batch):
    decisions = short.decide_many(batch)
    assert decisions == long.decide_many(batch)
    assert [json.loads(line) for line in short.decision_lines(batch)] == [d.to_json() for d in decisions]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CHANNELS), instants, st.booleans())
def test_open_next_open_and_closing_past_the_horizon(short, long, channel, t, crisis):
    assert short.is_open(channel, t, crisis) == long.is_open(channel, t, crisis)
    assert short.next_open(channel, t, crisis) == long.next_open(channel, t, crisis)
    assert short.closes_at(channel, t, crisis) == long.closes_at(channel, t, crisis)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["social", "security", "careers"]), st.lists(instants, min_size=1, max_size=20))
def test_on_duty_past_the_horizon(short, long, team, ts):
    assert [short.on_duty(team, t) for t in ts] == [long.on_duty(team, t) for t in ts]
    assert short.on_duty_many(team, np.array(ts)) == long.on_duty_many(team, np.array(ts))


def test_an_escalation_with_a_time_condition_past_the_horizon(short, long):
    event = Event("facebook", "complaint", utc(2027, 12, 24, 20), text="ni hotar oss")
    assert short.escalation(event) == long.escalation(event)
    assert short.escalate_many([event]) == long.escalate_many([event])


def test_a_deadline_running_past_the_end_is_compiled_further(short, long):
    t = SHORT_END - 3600  # Tuesday 22 December, 23:00: the reply falls due after the 30 days
    decision = short.decide(Event("facebook", "complaint", t))
    assert decision.respond_by is not None and decision.respond_by > SHORT_END
    assert decision == long.decide(Event("facebook", "complaint", t))


def test_the_extension_is_bounded_and_cached(short):
    start, end = short.horizon
    first, last = short.answerable
    assert (first, last) == (start, end + 3652 * DAY)
    short.decide(Event("facebook", "complaint", last - 1))
    with pytest.raises(PolicyError, match=r"is more than 10 years past the compiled horizon \(2026-11-23 \+ 30 days\)"):
        short.decide(Event("facebook", "complaint", last))
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        short.decide(Event("facebook", "complaint", start - 1))
    assert short.covering(end) is short.covering(end + DAY)  # one extension for both
    assert short.covering(end - 1) is short


def test_a_window_open_through_the_whole_span_has_no_known_closing(short, long):
    t = utc(2027, 2, 1, 3)  # round-the-clock, in crisis
    for policy in (short, long):
        decision = policy.decide(Event("facebook", "outage", t, crisis=True))
        assert decision.open and decision.closes_at is None
        assert "closes beyond the compiled horizon" in decision.explanation
        assert policy.closes_at("facebook", t, crisis=True) is None


def test_inside_the_horizon_nothing_is_compiled(long):
    policy = Policy(long.document)
    start, end = policy.horizon
    times = np.linspace(start, end - 45 * DAY, 97, dtype=np.int64).tolist()
    batch = [Event(c, k, t, crisis=crisis) for c in CHANNELS for k in CATEGORIES for t in times for crisis in (False, True)]
    policy.decide_many(batch)
    policy.decision_lines(batch)
    assert policy._extensions == {}


def without_rules(document: dict) -> dict:
    older = copy.deepcopy(document)
    for schedule in older["schedules"].values():
        del schedule["rules"]
    for team in older["teams"].values():
        del team["rota_rules"]
    return older


def test_an_older_document_without_rules_still_stops_at_its_horizon(short):
    older = Policy.from_document(without_rules(short.document))
    end = older.horizon[1]
    assert older.answerable == older.horizon
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        older.decide(Event("facebook", "complaint", end))
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        older.on_duty("social", end)
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        older.is_open("facebook", end)
    assert older.decide(Event("facebook", "complaint", end - 1)).respond_by is None  # beyond, as before


def test_the_cli_answers_past_the_committed_horizon(monkeypatch, capfd, tmp_path, long):
    monkeypatch.chdir(ROOT)
    policy_file = "policies/policy.json"
    at = "2028-06-05T10:00:00+02:00"  # a Monday after the committed horizon (2027-12-28)
    assert main(["open", "facebook", "--policy", policy_file, "--at", at, "--format", "json"]) == 0
    opened = json.loads(capfd.readouterr().out)
    t = utc(2028, 6, 5, 8)
    assert opened["open"] is long.is_open("facebook", t) is True
    assert main(["on-duty", "social", "--policy", policy_file, "--at", at, "--format", "json"]) == 0
    assert json.loads(capfd.readouterr().out)["on_duty"] == list(long.on_duty("social", t))
    assert (
        main(
            ["evaluate", "--policy", policy_file, "--channel", "facebook", "--category", "complaint", "--received", at, "--format", "json"]
        )
        == 0
    )
    decided = json.loads(capfd.readouterr().out)
    assert decided["respond_by"] == long.decide(Event("facebook", "complaint", t)).to_json()["respond_by"]
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"channel": "facebook", "category": "complaint", "received_at": at}) + "\n")
    assert main(["evaluate", "--policy", policy_file, "--events", str(events), "--jobs", "1"]) == 0
    (line,) = capfd.readouterr().out.splitlines()
    assert json.loads(line) == long.decide(Event("facebook", "complaint", t)).to_json()


def test_the_holiday_calendars_are_imported_only_past_the_horizon():
    script = (
        "import sys\n"
        "from socialkit.policy import Event, Policy\n"
        "policy = Policy.load('policies/policy.json')\n"
        "start, end = policy.horizon\n"
        "policy.decide(Event('facebook', 'complaint', start + 86400))\n"
        "print('holidays' in sys.modules)\n"
        "policy.decide(Event('facebook', 'complaint', end + 86400))\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_rules_the_engine_refuses_are_a_clear_error(short):
    broken = copy.deepcopy(short.document)
    broken["schedules"]["office-hours"]["rules"]["weekly"][0]["intervals"] = [[480, 2000]]
    policy = Policy.from_document(broken)  # the structure is sound; the engine refuses the value
    with pytest.raises(PolicyError, match=r"cannot compile the policy past its horizon from its rules: .*; run 'socialkit build'"):
        policy.decide(Event("facebook", "complaint", policy.horizon[1] + 3600))
    assert policy.decide(Event("facebook", "complaint", policy.horizon[0] + DAY)).channel == "facebook"  # inside: no compiling

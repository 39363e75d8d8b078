"""Decisions of the enforcement API on the example strategy, with exact answers."""

from __future__ import annotations

import json
import random

import pytest

from socialkit.runtime.policy import Event, Policy, PolicyError, parse_instant


def decide(policy, channel, category, received, **extra):
    return policy.decide(Event(channel, category, parse_instant(received), **extra)).to_json()


def test_complaint_late_in_the_day_rolls_into_the_next_morning(policy):
    d = decide(policy, "facebook", "complaint", "2026-11-23T16:30:00+01:00")
    assert d["open"] is True and d["closes_at"] == "2026-11-23T17:00:00+01:00"
    assert d["clock"] == "business"
    assert d["acknowledge_by"] == "2026-11-24T08:30:00+01:00"  # 30 min today + 30 min tomorrow
    assert d["respond_by"] == "2026-11-24T11:30:00+01:00"
    assert d["escalation"]["rule"] == "default"
    assert d["team"] == "social" and d["on_duty"] == ["omar", "erik"]  # office-days layer + outage on-call


def test_deadline_may_fall_exactly_on_closing_time(policy):
    d = decide(policy, "facebook", "complaint", "2026-11-23T13:00:00+01:00")
    assert d["respond_by"] == "2026-11-23T17:00:00+01:00"


def test_friday_evening_complaint_is_due_end_of_next_business_day(policy):
    d = decide(policy, "facebook", "complaint", "2026-11-27T20:00:00+01:00")
    assert d["open"] is False and d["next_open_at"] == "2026-11-30T08:00:00+01:00"
    assert d["respond_by"] == "2026-11-30T17:00:00+01:00"
    assert d["acknowledge_by"] == "2026-11-30T09:00:00+01:00"


def test_christmas_closures_push_to_the_29th(policy):
    # 24 Dec eve (also_closed), 25-26 public holidays, 27 Sunday, 28 extra closed day
    d = decide(policy, "instagram", "complaint", "2026-12-24T16:55:00+01:00")
    assert d["next_open_at"] == "2026-12-29T08:00:00+01:00"
    assert d["respond_by"] == "2026-12-29T17:00:00+01:00"


def test_midsummer_eve_is_closed(policy):
    assert policy.is_open("facebook", parse_instant("2027-06-25T10:00:00+02:00")) is False
    assert policy.is_open("facebook", parse_instant("2027-06-24T10:00:00+02:00")) is True


def test_summer_hours_apply_in_july(policy):
    assert policy.is_open("facebook", parse_instant("2027-07-06T08:30:00+02:00")) is False
    assert policy.is_open("facebook", parse_instant("2027-07-06T09:30:00+02:00")) is True
    assert policy.closes_at("facebook", parse_instant("2027-07-06T09:30:00+02:00")) == parse_instant("2027-07-06T15:00:00+02:00")


def test_business_deadline_across_easter_and_spring_forward(policy):
    # Easter 2027 is the DST weekend: Good Friday 26 Mar, Easter Eve (also_closed), Easter Monday 29 Mar.
    d = decide(policy, "facebook", "complaint", "2027-03-25T14:00:00+01:00")  # Maundy Thursday, open to 17:00
    assert d["respond_by"] == "2027-03-30T09:00:00+02:00"  # 3 h Thursday + 1 h Tuesday, now CEST
    on_good_friday = decide(policy, "facebook", "complaint", "2027-03-26T10:00:00+01:00")
    assert on_good_friday["open"] is False
    assert on_good_friday["respond_by"] == "2027-03-30T17:00:00+02:00"  # end of next business day


def test_threat_keyword_in_swedish_escalates_on_calendar_clock(policy):
    d = decide(policy, "x", "question", "2026-11-24T23:30:00+01:00", text="Jag SKA DÖDA er!")
    assert d["escalation"] == {
        "rule": "threat",
        "priority": "urgent",
        "route_to": "security",
        "notify": ["lena", "anna"],
        "reply_style": "brief-factual",
    }
    assert d["clock"] == "calendar"
    assert d["acknowledge_by"] == "2026-11-24T23:45:00+01:00"
    assert d["respond_by"] == "2026-11-25T00:00:00+01:00"
    assert d["team"] == "security" and d["on_duty"] == ["anna"]


def test_keywords_match_whole_words_only(policy):
    assert decide(policy, "facebook", "question", "2026-11-24T10:00:00+01:00", text="hotell")["escalation"]["rule"] == "default"
    assert decide(policy, "facebook", "question", "2026-11-24T10:00:00+01:00", text="det är ett hot.")["escalation"]["rule"] == "threat"


def test_reach_is_an_explicit_choice_and_unknown_reach_never_matches(policy):
    assert (
        decide(policy, "facebook", "complaint", "2026-11-23T10:00:00+01:00", followers=20000)["escalation"]["rule"]
        == "high-reach-complaint"
    )
    assert decide(policy, "facebook", "complaint", "2026-11-23T10:00:00+01:00", followers=None)["escalation"]["rule"] == "default"


def test_rule_with_own_calendar_limit_keeps_sla_acknowledge_capped_at_reply(policy):
    d = decide(policy, "facebook", "outage", "2026-11-28T03:00:00+01:00")
    assert d["escalation"]["rule"] == "outage-after-hours"
    assert d["respond_by"] == "2026-11-28T04:00:00+01:00"
    assert d["acknowledge_by"] == "2026-11-28T04:00:00+01:00"


def test_crisis_mode_uses_round_the_clock_schedule_and_crisis_sla(policy):
    d = decide(policy, "facebook", "outage", "2026-11-28T03:00:00+01:00", crisis=True)
    assert d["open"] is True
    assert d["acknowledge_by"] == "2026-11-28T03:15:00+01:00"


def test_on_duty_before_the_horizon_is_an_error_not_nobody(policy):
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        policy.on_duty("social", parse_instant("2026-07-08T10:00:00+02:00"))


def test_unknown_ids_suggest_the_closest(policy):
    with pytest.raises(PolicyError, match="did you mean 'facebook'"):
        decide(policy, "facebok", "complaint", "2026-11-23T10:00:00+01:00")
    with pytest.raises(PolicyError, match="did you mean 'complaint'"):
        decide(policy, "facebook", "complain", "2026-11-23T10:00:00+01:00")


def test_naive_times_are_refused():
    with pytest.raises(PolicyError, match="no UTC offset"):
        parse_instant("2026-11-23T10:00:00")


def test_policy_read_from_json_answers_like_the_in_memory_document(document, tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(document))
    from_file, in_memory = Policy.load(path), Policy.from_document(document)
    events = _random_events(document, 500, seed=3)
    assert [d.to_json() for d in from_file.decide_many(events)] == [d.to_json() for d in in_memory.decide_many(events)]


def test_batch_answers_equal_one_by_one(policy, document):
    events = _random_events(document, 400, seed=7)
    assert [d.to_json() for d in policy.decide_many(events)] == [policy.decide(e).to_json() for e in events]


def test_acknowledge_never_after_respond(policy, document):
    for d in policy.decide_many(_random_events(document, 2000, seed=11)):
        if d.acknowledge_by is not None and d.respond_by is not None:
            assert d.acknowledge_by <= d.respond_by


def test_not_a_policy_document_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "something/v9"}')
    with pytest.raises(PolicyError, match="not a socialkit.policy/v1 document"):
        Policy.load(path)


def _random_events(document, count, seed):
    rng = random.Random(seed)
    start, end = document["provenance"]["horizon_start"], document["provenance"]["horizon_end"]
    channels, categories = sorted(document["channels"]), sorted(document["categories"])
    texts = ["", "hej", "ni hotar oss", "tack för hjälpen", "bomb", "ska döda"]
    return [
        Event(
            rng.choice(channels),
            rng.choice(categories),
            rng.randrange(start, end - 40 * 86400),
            rng.choice(texts),
            rng.choice([None, 10, 50000]),
            rng.choice([None, "journalist", "customer"]),
            rng.random() < 0.1,
            rng.choice([None, None, *document.get("message_kinds", ())]),
        )
        for _ in range(count)
    ]


def test_bulk_json_lines_equal_the_decision_objects_json(policy, document):
    events = _random_events(document, 3000, seed=5)
    expected = [json.dumps(d.to_json(), ensure_ascii=False) for d in policy.decide_many(events)]
    assert policy.decision_lines(events) == expected


def test_bulk_json_lines_in_several_zones_equal_the_decision_objects_json(document):
    """A batch whose schedules show their times in different zones (half-hour and 45-minute offsets among them):
    the column writer formats each event in its own zone, as one decision does."""
    import copy

    doc = copy.deepcopy(document)
    zones = ["America/St_Johns", "Asia/Kolkata", "Europe/Stockholm", "Pacific/Chatham"]
    for number, schedule in enumerate(sorted(doc["schedules"])):
        doc["schedules"][schedule]["timezone"] = zones[number % len(zones)]
    doc["organization"]["timezone"] = "Australia/Lord_Howe"  # channels without a schedule
    policy = Policy.from_document(doc)
    events = _random_events(doc, 2000, seed=23)
    assert len({d.timezone for d in policy.decide_many(events)}) >= 3
    assert policy.decision_lines(events) == [json.dumps(d.to_json(), ensure_ascii=False) for d in policy.decide_many(events)]
    assert policy.decision_lines(events[:50]) == [json.dumps(policy.decide(e).to_json(), ensure_ascii=False) for e in events[:50]]


def test_vectorised_escalation_equals_rule_by_rule_matching(policy, document):
    events = _random_events(document, 5000, seed=13)
    assert [r and r["id"] for r in policy.escalate_many(events)] == [r and r["id"] for r in (policy.escalation(e) for e in events)]


def test_rules_and_handling_by_kind_batch_equals_one_by_one(document):
    """A rule on kinds and kinds with their own SLA or no time promised: the batch planner and the rule matcher
    answer each event as the one-event path does."""
    import copy

    doc = copy.deepcopy(document)
    rule = copy.deepcopy(doc["escalation"][-1])
    rule.update(id="by-kind", priority="high", respond_within=600)
    rule["when"] = {**rule["when"], "kinds": ["direct-message", "review"], "categories": ["question", "complaint"]}
    doc["escalation"].insert(0, rule)
    doc["channels"]["instagram"]["kinds"] = {"comment": {"promise": None, "redirect": None, "sla": "careers"}}
    doc["channels"]["facebook"]["kinds"]["tagged-mention"] = {"promise": "none", "redirect": None, "sla": None}
    policy = Policy.from_document(doc)
    events = _random_events(doc, 3000, seed=17)
    assert [r and r["id"] for r in policy.escalate_many(events)] == [r and r["id"] for r in (policy.escalation(e) for e in events)]
    assert [d.to_json() for d in policy.decide_many(events)] == [policy.decide(e).to_json() for e in events[:400]] + [
        d.to_json() for d in policy.decide_many(events[400:])
    ]
    assert policy.decision_lines(events[:400]) == [json.dumps(policy.decide(e).to_json(), ensure_ascii=False) for e in events[:400]]
    assert {r and r["id"] for r in policy.escalate_many(events)} >= {"by-kind"}


from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.compile.document import tokens
from socialkit.runtime.batch import _contains, keyword_pattern

ALPHABET = "ab åäöÉ1-_.,!\n"
words = st.text(alphabet="abåä1", min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=30), phrases=st.lists(st.lists(words, min_size=1, max_size=3), min_size=1, max_size=3))
def test_keyword_regex_equals_token_sequence_reference(text, phrases):
    phrases = [tokens(" ".join(p)) for p in phrases]
    phrases = [p for p in phrases if p]
    if not phrases:
        return
    reference = any(_contains(tokens(text), phrase) for phrase in phrases)
    assert (keyword_pattern(phrases).search(text.lower()) is not None) == reference

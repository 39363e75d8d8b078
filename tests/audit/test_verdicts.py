"""Verdicts on hand-worked messages, and on a generated log against a per-message reference."""

from __future__ import annotations

import statistics
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from socialkit.audit import audit_log, make_config, read_logs
from socialkit.runtime.policy import Event

from . import generate

ZONE = ZoneInfo("Europe/Stockholm")
HEADER = "id,received_at,channel,category,acknowledged_at,responded_at,text\n"


def at(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=ZONE).timestamp())


# (id, received, channel, category, acknowledged, responded, text) -> expected verdicts worked out by hand on the
# example strategy: office hours Mon-Thu 08-17, Fri 08-16; standard SLA on the business clock.
CASES = [
    # complaint in hours: acknowledge 1h, respond 4h business
    (
        "a",
        "2026-11-23 10:00",
        "facebook",
        "complaint",
        "",
        "2026-11-23 13:30",
        "",
        {
            "acknowledge_by": "2026-11-23T11:00:00+01:00",
            "respond_by": "2026-11-23T14:00:00+01:00",
            "verdict": "breached",
            "acknowledge_verdict": "breached",
            "respond_verdict": "met",
            "respond_business_seconds": 12600,
            "rule": "default",
        },
    ),
    # complaint after Friday closing: respond by the end of the next business day, acknowledge 1h after opening
    (
        "b",
        "2026-11-27 16:30",
        "facebook",
        "complaint",
        "2026-11-30 08:45",
        "2026-11-30 10:00",
        "",
        {
            "acknowledge_by": "2026-11-30T09:00:00+01:00",
            "respond_by": "2026-11-30T17:00:00+01:00",
            "verdict": "met",
            "respond_business_seconds": 7200,
            "respond_calendar_seconds": 235800,
        },
    ),
    # question, 8h business from Tuesday 15:00: 2h on Tuesday, 6h on Wednesday; never answered
    (
        "c",
        "2026-11-24 15:00",
        "instagram",
        "question",
        "",
        "",
        "",
        {"respond_by": "2026-11-25T14:00:00+01:00", "verdict": "breached", "unanswered_age_seconds": 45 * 3600},
    ),
    # outage on X at night: rule outage-after-hours, 1h calendar; acknowledgement 30m on the evening desk
    (
        "d",
        "2026-11-24 22:00",
        "x",
        "outage",
        "",
        "2026-11-24 22:20",
        "",
        {
            "rule": "outage-after-hours",
            "respond_by": "2026-11-24T23:00:00+01:00",
            "acknowledge_by": "2026-11-24T22:30:00+01:00",
            "verdict": "met",
            "clock": "calendar",
        },
    ),
    # praise: only an acknowledgement target, 8h business
    (
        "e",
        "2026-11-25 09:00",
        "facebook",
        "praise",
        "2026-11-25 16:59",
        "",
        "",
        {"acknowledge_by": "2026-11-25T17:00:00+01:00", "respond_by": None, "verdict": "met", "respond_verdict": "no target"},
    ),
    # TikTok takes no customer service: no target
    ("f", "2026-11-25 11:00", "tiktok", "neutral", "", "", "", {"verdict": "no target"}),
    # a threat: 30 minutes on the calendar, routed to security
    (
        "g",
        "2026-11-23 10:00",
        "facebook",
        "question",
        "",
        "2026-11-23 10:45",
        "Ni HOTAR oss!",
        {"rule": "threat", "team": "security", "respond_by": "2026-11-23T10:30:00+01:00", "verdict": "breached"},
    ),
    # careers question, 2 working days from Tuesday 09:00: due at Thursday's close (the day of arrival does not count);
    # still pending at Thursday noon
    ("h", "2026-11-24 09:00", "linkedin", "question", "", "", "", {"respond_by": "2026-11-26T17:00:00+01:00", "verdict": "pending"}),
    # careers complaint on Wednesday evening: the 'otherwise' arrival window, 8 open hours from Thursday's opening at 08:00;
    # still pending
    ("i", "2026-11-25 20:00", "linkedin", "complaint", "", "", "", {"respond_by": "2026-11-26T16:00:00+01:00", "verdict": "pending"}),
]
NOW = "2026-11-26T12:00:00+01:00"


@pytest.fixture(scope="module")
def worked(tmp_path_factory, policy):
    path = tmp_path_factory.mktemp("worked") / "log.csv"
    lines = [",".join(f'"{c}"' for c in case[:7]) for case in CASES]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    log = read_logs([path], policy.document, make_config())
    result, _ = audit_log(log, policy, now=at("2026-11-26 12:00"), details=True)
    return {m["id"]: m for m in result["messages"]}, result


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_worked_message(worked, case):
    message = worked[0][case[0]]
    for key, expected in case[7].items():
        assert message[key] == expected, key


def test_worked_summary_counts(worked):
    overall = worked[1]["overall"]
    assert (overall["messages"], overall["within_sla"], overall["breached"], overall["pending"], overall["no_target"]) == (9, 3, 3, 2, 1)
    assert overall["answered"] == 4 and overall["unanswered"] == 5 and overall["acknowledged"] == 5
    assert worked[1]["period"]["now"] == NOW
    assert worked[1]["rows"]["naive_times"] == 9


# --- a generated log against a per-message reference ------------------------------------------------------


def _open_seconds(windows, start, end):
    return sum(max(0, min(b, end) - max(a, start)) for a, b in windows)


def _state(has, due, done, now):
    if not has:
        return "no target"
    if due is None:
        return "unknown"
    if done is not None:
        return "met" if done <= due else "breached"
    return "breached" if now > due else "pending"


@pytest.fixture(scope="module")
def generated(tmp_path_factory, policy):
    start = at("2026-11-02 00:00")
    rows = generate.generate(1500, start=start, days=40, seed=5)
    path = tmp_path_factory.mktemp("gen") / "log.csv"
    generate.write_canonical_csv(rows, path, delimiter=";")
    log = read_logs([path], policy.document, make_config())
    result, _ = audit_log(log, policy, details=True)
    return rows, result


def test_generated_log_agrees_with_per_message_decisions(generated, policy):
    rows, result = generated
    now = max(max(r["received_at"], r["acknowledged_at"] or 0, r["responded_at"] or 0) for r in rows)
    windows = {sid: s["compiled"]["windows"] for sid, s in policy.document["schedules"].items()}
    expected_states, business = [], []
    for r in rows:
        decision = policy.decide(Event(r["channel"], r["category"], r["received_at"], r["text"], r["followers"], r["author_type"]))
        ack_done = (
            r["responded_at"] if r["acknowledged_at"] is None else min(r["acknowledged_at"], r["responded_at"] or r["acknowledged_at"])
        )
        plan = policy._plan_for(
            r["channel"],
            r["category"],
            False,
            None
            if decision.escalation is None
            else next(x for x in policy.document["escalation"] if x["id"] == decision.escalation["rule"]),
        )
        states = (
            _state(plan.acknowledge is not None, decision.acknowledge_by, ack_done, now),
            _state(plan.respond is not None, decision.respond_by, r["responded_at"], now),
        )
        overall = next((s for s in ("breached", "pending", "unknown", "met") if s in states), "no target")
        expected_states.append(overall)
        if r["responded_at"] is not None:
            schedule = plan.schedule
            business.append(
                _open_seconds(windows[schedule], r["received_at"], r["responded_at"]) if schedule else r["responded_at"] - r["received_at"]
            )
    got = [m["verdict"] for m in result["messages"]]
    assert got == expected_states
    overall = result["overall"]
    assert overall["messages"] == len(rows)
    assert overall["answered"] == sum(r["responded_at"] is not None for r in rows)
    assert overall["within_sla"] == expected_states.count("met")
    assert overall["breached"] == expected_states.count("breached")
    assert overall["respond_business"]["median"] == round(statistics.median(business))
    assert overall["respond_business"]["p90"] == round(statistics.quantiles(business, n=10, method="inclusive")[8])
    assert overall["respond_business"]["max"] == max(business)


def test_generated_groups_add_up_to_the_whole(generated):
    _, result = generated
    for dimension in ("channel", "category", "team", "week", "month", "agent", "rule"):
        groups = result["by"][dimension]
        for key in ("messages", "answered", "within_sla", "breached", "unanswered"):
            assert sum(g[key] for g in groups) == result["overall"][key], (dimension, key)


def test_generated_channel_figures_match_a_plain_count(generated):
    rows, result = generated
    by_channel = {g["key"]: g for g in result["by"]["channel"]}
    messages = {m["id"]: m for m in result["messages"]}
    for channel in {r["channel"] for r in rows}:
        mine = [r for r in rows if r["channel"] == channel]
        assert by_channel[channel]["messages"] == len(mine)
        assert by_channel[channel]["within_sla"] == sum(messages[r["id"]]["verdict"] == "met" for r in mine)
        ages = [m["unanswered_age_seconds"] for m in result["messages"] if m["channel"] == channel and m["responded_at"] is None]
        assert by_channel[channel]["unanswered_age"]["max"] == (max(ages) if ages else None)


def test_resolved_complaints_goal_counts_resolved_complaints(generated, example, policy, tmp_path):
    rows, _ = generated
    path = tmp_path / "log.csv"
    generate.write_canonical_csv(rows, path)
    result, _ = audit_log(read_logs([path], policy.document, make_config()), policy, strategy=example.strategy)
    goal = next(g for g in result["goals"]["items"] if g["id"] == "resolve-complaints")
    assert goal["value"] == sum(1 for r in rows if r["category"] == "complaint" and r["resolved"])
    assert goal["met"] == (goal["value"] >= 50)


def test_heatmap_counts_every_arrival_in_its_local_hour(generated):
    rows, result = generated
    heat = np.array(result["charts"]["heatmap"]["arrivals"])
    assert heat.sum() == len(rows)
    expected = np.zeros((7, 24), dtype=int)
    for r in rows:
        local = datetime.fromtimestamp(r["received_at"], ZONE)
        expected[local.weekday(), local.hour] += 1
    assert (heat == expected).all()

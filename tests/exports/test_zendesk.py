"""zendesk/schedules.json and zendesk/sla_policies.json: the shapes Zendesk documents.

Schedules (developer.zendesk.com, Ticketing > Schedules): create body
{"schedule": {"name", "time_zone"}}; intervals are written with
PUT .../schedules/{id}/workweek as {"workweek": {"intervals": [{"start_time",
"end_time"}]}}, minutes since Sunday 00:00, never spanning calendar days, 0 or
10080 for the midnight between Saturday and Sunday; holidays
{"holiday": {"name", "start_date", "end_date"}} with ISO dates.
SLA policies (Ticketing > Business rules > SLA Policies): {"sla_policy":
{"title", "description", "position", "filter": {"all": [...], "any": [...]},
"policy_metrics": [{"priority", "metric", "target" (minutes), "business_hours"}]}}.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from socialkit.export import ExportRequest, zendesk
from socialkit.export.zendesk import workweek_intervals

from .conftest import AS_OF, SMALL

DAY = 1440
METRICS = {
    "agent_work_time",
    "first_reply_time",
    "next_reply_time",
    "pausable_update_time",
    "periodic_update_time",
    "requester_wait_time",
    "total_resolution_time",
}


def week(**days) -> dict[str, list[list[str]]]:
    out = {d: [] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    for day, intervals in days.items():
        out[day] = [i.split("-") for i in intervals]
    return out


def pairs(intervals) -> list[tuple[int, int]]:
    return [(i["start_time"], i["end_time"]) for i in intervals]


def check_intervals(intervals) -> None:
    assert intervals == sorted(intervals, key=lambda i: i["start_time"])
    for interval in intervals:
        assert set(interval) == {"start_time", "end_time"}
        start, end = interval["start_time"], interval["end_time"]
        assert isinstance(start, int) and isinstance(end, int)
        assert 0 <= start < end <= 7 * DAY
        assert start // DAY == (end - 1) // DAY, "an interval must not span calendar days"
    for a, b in zip(intervals, intervals[1:]):
        assert a["end_time"] <= b["start_time"]


# --- intervals --------------------------------------------------------------------------


def test_office_week_in_minutes_from_sunday():
    intervals = workweek_intervals(week(mon=["08:00-17:00"], fri=["08:00-16:00"]))
    check_intervals(intervals)
    assert pairs(intervals) == [(DAY + 480, DAY + 1020), (5 * DAY + 480, 5 * DAY + 960)]


def test_sunday_hours_come_first():
    assert pairs(workweek_intervals(week(sun=["10:00-14:00"], sat=["10:00-14:00"]))) == [(600, 840), (9240, 9480)]


def test_split_at_sunday_midnight_wrap():
    intervals = workweek_intervals(week(sat=["22:00-02:00"]))
    check_intervals(intervals)
    assert pairs(intervals) == [(0, 120), (6 * DAY + 1320, 10080)]


def test_overnight_split_at_midnight_and_merged_with_next_days_hours():
    intervals = workweek_intervals(week(mon=["20:00-08:00"], tue=["08:00-17:00"]))
    check_intervals(intervals)
    assert pairs(intervals) == [(DAY + 1200, 2 * DAY), (2 * DAY, 2 * DAY + 1020)]  # touching at midnight, not merged


def test_a_24_hour_day_and_a_24_7_week():
    assert pairs(workweek_intervals(week(wed=["00:00-12:00", "12:00-24:00"]))) == [(3 * DAY, 4 * DAY)]
    everyday = workweek_intervals({d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    check_intervals(everyday)
    assert pairs(everyday) == [(d * DAY, (d + 1) * DAY) for d in range(7)]


def test_overlapping_intervals_merge():
    assert pairs(workweek_intervals(week(thu=["08:00-12:00", "10:00-14:00", "14:00-15:00"]))) == [(4 * DAY + 480, 4 * DAY + 900)]


def test_small_strategy_schedule(literal):
    strategy, document, _ = literal({"s.yaml": SMALL})
    late = next(s for s in zendesk.schedules(document, strategy, as_of=AS_OF)["schedules"] if s["id"] == "late")
    intervals = late["workweek"]["workweek"]["intervals"]
    check_intervals(intervals)
    # sat 22:00-04:00 wraps to Sunday; wed 00:00-12:00 + 12:00-24:00 is one whole day
    assert pairs(intervals) == [(0, 240), (3 * DAY, 4 * DAY), (6 * DAY + 1320, 10080)]
    assert late["create"] == {"schedule": {"name": "Late nights", "time_zone": "Stockholm"}}
    assert late["holidays"] == []  # holidays: open


# --- schedules.json ---------------------------------------------------------------------


def test_schedule_bodies(example):
    data = json.loads(zendesk.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["zendesk/schedules.json"])
    assert data["format"] == "socialkit.zendesk.schedules/1"
    entries = {s["id"]: s for s in data["schedules"]}
    assert sorted(entries) == ["evening-outage-desk", "office-hours", "publishing-hours", "round-the-clock", "weekend-watch"]
    for entry in entries.values():
        assert set(entry["create"]) == {"schedule"} and set(entry["create"]["schedule"]) == {"name", "time_zone"}
        assert set(entry["workweek"]) == {"workweek"} and set(entry["workweek"]["workweek"]) == {"intervals"}
        check_intervals(entry["workweek"]["workweek"]["intervals"])
        for holiday in entry["holidays"]:
            assert set(holiday) == {"holiday"} and set(holiday["holiday"]) == {"name", "start_date", "end_date"}
    office = entries["office-hours"]
    assert office["create"]["schedule"] == {"name": "Kontorstid", "time_zone": "Stockholm"}
    assert pairs(office["workweek"]["workweek"]["intervals"]) == [
        (1920, 2460),
        (3360, 3900),
        (4800, 5340),
        (6240, 6780),
        (7680, 8160),
    ]
    assert pairs(entries["round-the-clock"]["workweek"]["workweek"]["intervals"]) == [(d * DAY, (d + 1) * DAY) for d in range(7)]
    desk = pairs(entries["evening-outage-desk"]["workweek"]["workweek"]["intervals"])
    assert desk[:2] == [(DAY + 1020, 2 * DAY), (2 * DAY, 2 * DAY + 60)]  # Mon 17:00-24:00, Tue 00:00-01:00
    assert desk[-1] == (6 * DAY, 6 * DAY + 60)  # Friday's evening ends Saturday 01:00
    assert any("summer" in note for note in office["not_exported"])
    assert any("2027-04-30" in note for note in office["not_exported"])


def test_holidays_merged_and_within_a_year(example):
    data = zendesk.schedules(example.document(), example.strategy, as_of=AS_OF)
    holidays = [h["holiday"] for h in next(s for s in data["schedules"] if s["id"] == "office-hours")["holidays"]]
    spans = [(date.fromisoformat(h["start_date"]), date.fromisoformat(h["end_date"])) for h in holidays]
    assert holidays[0] == {
        "name": "Personalens julfest, Christmas Eve, Christmas Day, Second Day of Christmas",
        "start_date": "2026-12-23",
        "end_date": "2026-12-26",
    }
    assert {"name": "Mellandagsstängt", "start_date": "2026-12-28", "end_date": "2026-12-28"} in holidays
    assert ("2027-03-26", "2027-03-29") in [(h["start_date"], h["end_date"]) for h in holidays]  # Easter
    for (a_start, a_end), (b_start, _) in zip(spans, spans[1:]):
        assert a_start <= a_end and b_start > a_end + timedelta(days=1), "consecutive days must be one holiday"
    assert spans[0][0] >= AS_OF and spans[-1][1] < AS_OF + timedelta(days=365)
    assert data["holidays_until"] == "2027-11-22"


def test_time_zone_names():
    assert zendesk.rails_time_zone("Europe/Stockholm") == "Stockholm"
    assert zendesk.rails_time_zone("America/New_York") == "Eastern Time (US & Canada)"
    assert zendesk.rails_time_zone("Europe/London") == "London"
    assert zendesk.rails_time_zone("Antarctica/Troll") == "Antarctica/Troll"  # not in the table: passed through


# --- sla_policies.json ------------------------------------------------------------------


def policies(example) -> dict:
    data = json.loads(zendesk.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))["zendesk/sla_policies.json"])
    assert data["format"] == "socialkit.zendesk.sla_policies/1"
    return {entry["id"]: entry for entry in data["sla_policies"]}


def metrics(entry) -> dict[tuple[str, str], tuple[int, bool]]:
    return {(m["metric"], m["priority"]): (m["target"], m["business_hours"]) for m in entry["create"]["sla_policy"]["policy_metrics"]}


def test_sla_policy_shapes(example):
    entries = policies(example)
    positions = []
    for entry in entries.values():
        assert set(entry["create"]) == {"sla_policy"}
        body = entry["create"]["sla_policy"]
        assert set(body) == {"title", "description", "position", "filter", "policy_metrics"}
        assert isinstance(body["title"], str) and body["title"]
        assert set(body["filter"]) == {"all", "any"}
        for condition in body["filter"]["all"] + body["filter"]["any"]:
            assert set(condition) == {"field", "operator", "value"}
            assert condition["field"] == "current_tags" and condition["operator"] == "includes"
            assert condition["value"].startswith("socialkit_")
        # only a target that depends on the arrival leaves a policy without metrics (it still claims its category)
        assert body["policy_metrics"] or any(
            limit.startswith(("acknowledge by arrival", "respond by arrival")) for limit in entry["not_exported"]
        )
        for metric in body["policy_metrics"]:
            assert set(metric) == {"priority", "metric", "target", "business_hours"}
            assert metric["priority"] in ("low", "normal", "high", "urgent")
            assert metric["metric"] in METRICS
            assert isinstance(metric["target"], int) and metric["target"] > 0
            assert isinstance(metric["business_hours"], bool)
        positions.append(body["position"])
    assert positions == list(range(1, len(entries) + 1))


def test_sla_targets_in_minutes(example):
    entries = policies(example)
    complaint = metrics(entries["standard/complaint"])
    for priority in ("low", "normal", "high", "urgent"):
        assert complaint[("first_reply_time", priority)] == (60, True)  # acknowledge 1h
        assert complaint[("next_reply_time", priority)] == (240, True)  # respond 4h
    assert metrics(entries["standard/question"])[("first_reply_time", "normal")] == (480, True)  # respond only
    assert metrics(entries["standard/praise"]) == {("first_reply_time", p): (480, True) for p in ("low", "normal", "high", "urgent")}
    assert "careers/default" not in entries  # "by the next working day" is no number of minutes
    assert metrics(entries["crisis/crisis/outage"])[("first_reply_time", "high")] == (15, False)  # calendar clock
    assert metrics(entries["rule/threat"])[("first_reply_time", "urgent")] == (15, False)
    assert any("end of the next business day" in note for note in entries["standard/complaint"]["not_exported"])
    assert "end of the next business day" in entries["standard/complaint"]["create"]["sla_policy"]["description"]


def test_sla_filters_and_order(example):
    entries = policies(example)
    order = list(entries)
    assert order[0].startswith("rule/")
    assert order.index("crisis/crisis/default") < order.index("standard/complaint")
    assert order.index("crisis/crisis/outage") < order.index("crisis/crisis/default")
    assert "standard/default" not in order  # one working day: no Zendesk metric, so no policy
    body = entries["standard/complaint"]["create"]["sla_policy"]
    assert body["filter"]["all"] == [{"field": "current_tags", "operator": "includes", "value": "socialkit_category_complaint"}]
    assert [c["value"] for c in body["filter"]["any"]] == [
        "socialkit_channel_facebook",
        "socialkit_channel_instagram",
        "socialkit_channel_x",
    ]
    crisis = entries["crisis/crisis/default"]["create"]["sla_policy"]["filter"]
    assert crisis["all"] == [{"field": "current_tags", "operator": "includes", "value": "socialkit_crisis"}]
    assert "rule/default" not in entries  # a rule without own limits needs no policy


def test_deterministic(example):
    a = zendesk.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    b = zendesk.export_files(ExportRequest(example.document(), example.strategy, as_of=AS_OF))
    assert a == b


@pytest.mark.parametrize("seconds, minutes", [(60, 1), (90, 2), (86400, 1440)])
def test_targets_round_up_to_whole_minutes(seconds, minutes):
    got, _ = zendesk._metrics(None, {"within": seconds, "if_received_closed": None}, True)
    assert {m["target"] for m in got} == {minutes}


def test_a_target_by_arrival_time_is_listed_not_exported_and_keeps_its_category(example):
    entry = policies(example)["careers/complaint"]
    assert entry["create"]["sla_policy"]["policy_metrics"] == []
    assert entry["not_exported"] == [
        "respond by arrival time: 4h (business clock) if received during office-hours, 8h (business clock) if received otherwise"
    ]


def test_a_target_in_working_days_is_named_as_not_exported():
    from socialkit.export.zendesk import _metrics

    metrics, limits = _metrics(
        {"within": 3600, "if_received_closed": None}, {"within": {"working_days": 2}, "if_received_closed": None}, True
    )
    assert [m["metric"] for m in metrics] == ["first_reply_time"] * 4
    assert limits == ["respond within 2 working days (Zendesk SLA targets are minutes)"]

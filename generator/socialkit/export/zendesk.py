"""Zendesk request bodies: business-hours schedules and SLA policies.

- `zendesk/schedules.json`: per schedule, the bodies of Create Schedule
  (`POST /api/v2/business_hours/schedules`), Update Intervals for a Schedule
  (`PUT /api/v2/business_hours/schedules/{schedule_id}/workweek`) and one
  Create Holiday (`POST .../{schedule_id}/holidays`) per run of consecutive
  closed days in the next HOLIDAY_DAYS days. Zendesk intervals are minutes
  since Sunday 00:00 (0..10080) and cannot span calendar days, so an interval
  past midnight is split at midnight and intervals are merged per day only.
- `zendesk/sla_policies.json`: per escalation rule with its own limits and
  per (SLA, message category), a Create SLA Policy body
  (`POST /api/v2/slas/policies`): acknowledge -> first_reply_time,
  respond -> next_reply_time (and first_reply_time when there is no
  acknowledge target), the same targets for every priority, business_hours
  from the SLA's clock. Tickets are matched by tags the ticket source sets
  (TAG_PREFIX + channel/category/rule/crisis).

What Zendesk cannot express (seasons, special hours, closed-hours targets
such as end-of-next-business-day, targets that depend on the arrival time)
is listed per entry in `not_exported`.
See docs/guide/exports.md for the mapping and its limits.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from socialkit.engine.intervals import merge as merge_intervals
from socialkit.export import ExportRequest
from socialkit.export.calendars import display_text, named_closed_days
from socialkit.runtime import jsonout
from socialkit.strategy.scalars import END_OF_NEXT_BUSINESS_DAY, format_duration
from socialkit.words import WEEKDAYS

SCHEDULES_FORMAT = "socialkit.zendesk.schedules/1"
SLA_FORMAT = "socialkit.zendesk.sla_policies/1"
HOLIDAY_DAYS = 365
MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
PRIORITIES = ("low", "normal", "high", "urgent")
TAG_PREFIX = "socialkit_"

# IANA zone -> the Rails (ActiveSupport) name Zendesk's time_zone takes. Where
# several Rails names share one zone, the city most people would look for.
# A zone missing here is passed through as its IANA name (check it against
# GET /api/v2/time_zones of your account).
RAILS_TIME_ZONES = {
    "Pacific/Honolulu": "Hawaii",
    "America/Juneau": "Alaska",
    "America/Anchorage": "Alaska",
    "America/Los_Angeles": "Pacific Time (US & Canada)",
    "America/Tijuana": "Tijuana",
    "America/Denver": "Mountain Time (US & Canada)",
    "America/Phoenix": "Arizona",
    "America/Chicago": "Central Time (US & Canada)",
    "America/Regina": "Saskatchewan",
    "America/Mexico_City": "Mexico City",
    "America/Monterrey": "Monterrey",
    "America/Guatemala": "Central America",
    "America/New_York": "Eastern Time (US & Canada)",
    "America/Indiana/Indianapolis": "Indiana (East)",
    "America/Bogota": "Bogota",
    "America/Lima": "Lima",
    "America/Halifax": "Atlantic Time (Canada)",
    "America/Caracas": "Caracas",
    "America/La_Paz": "La Paz",
    "America/Santiago": "Santiago",
    "America/St_Johns": "Newfoundland",
    "America/Sao_Paulo": "Brasilia",
    "America/Argentina/Buenos_Aires": "Buenos Aires",
    "America/Montevideo": "Montevideo",
    "America/Puerto_Rico": "Puerto Rico",
    "Atlantic/Azores": "Azores",
    "Atlantic/Cape_Verde": "Cape Verde Is.",
    "Atlantic/Reykjavik": "Reykjavik",
    "Europe/Dublin": "Dublin",
    "Europe/London": "London",
    "Europe/Lisbon": "Lisbon",
    "Africa/Casablanca": "Casablanca",
    "Africa/Monrovia": "Monrovia",
    "UTC": "UTC",
    "Etc/UTC": "UTC",
    "Europe/Amsterdam": "Amsterdam",
    "Europe/Belgrade": "Belgrade",
    "Europe/Berlin": "Berlin",
    "Europe/Bratislava": "Bratislava",
    "Europe/Brussels": "Brussels",
    "Europe/Budapest": "Budapest",
    "Europe/Copenhagen": "Copenhagen",
    "Europe/Ljubljana": "Ljubljana",
    "Europe/Madrid": "Madrid",
    "Europe/Oslo": "Oslo",
    "Europe/Paris": "Paris",
    "Europe/Prague": "Prague",
    "Europe/Rome": "Rome",
    "Europe/Sarajevo": "Sarajevo",
    "Europe/Skopje": "Skopje",
    "Europe/Stockholm": "Stockholm",
    "Europe/Vienna": "Vienna",
    "Europe/Warsaw": "Warsaw",
    "Europe/Zagreb": "Zagreb",
    "Europe/Zurich": "Zurich",
    "Africa/Algiers": "West Central Africa",
    "Europe/Athens": "Athens",
    "Europe/Bucharest": "Bucharest",
    "Africa/Cairo": "Cairo",
    "Africa/Johannesburg": "Pretoria",
    "Africa/Harare": "Harare",
    "Europe/Helsinki": "Helsinki",
    "Europe/Kyiv": "Kyiv",
    "Europe/Kiev": "Kyiv",
    "Europe/Riga": "Riga",
    "Europe/Sofia": "Sofia",
    "Europe/Tallinn": "Tallinn",
    "Europe/Vilnius": "Vilnius",
    "Asia/Jerusalem": "Jerusalem",
    "Europe/Istanbul": "Istanbul",
    "Europe/Minsk": "Minsk",
    "Europe/Kaliningrad": "Kaliningrad",
    "Europe/Moscow": "Moscow",
    "Asia/Riyadh": "Riyadh",
    "Asia/Kuwait": "Kuwait",
    "Asia/Baghdad": "Baghdad",
    "Africa/Nairobi": "Nairobi",
    "Asia/Tehran": "Tehran",
    "Asia/Dubai": "Abu Dhabi",
    "Asia/Muscat": "Muscat",
    "Asia/Baku": "Baku",
    "Asia/Tbilisi": "Tbilisi",
    "Asia/Yerevan": "Yerevan",
    "Asia/Kabul": "Kabul",
    "Asia/Karachi": "Karachi",
    "Asia/Tashkent": "Tashkent",
    "Asia/Kolkata": "New Delhi",
    "Asia/Calcutta": "New Delhi",
    "Asia/Colombo": "Sri Jayawardenepura",
    "Asia/Kathmandu": "Kathmandu",
    "Asia/Dhaka": "Dhaka",
    "Asia/Almaty": "Almaty",
    "Asia/Rangoon": "Rangoon",
    "Asia/Yangon": "Rangoon",
    "Asia/Bangkok": "Bangkok",
    "Asia/Jakarta": "Jakarta",
    "Asia/Shanghai": "Beijing",
    "Asia/Hong_Kong": "Hong Kong",
    "Asia/Kuala_Lumpur": "Kuala Lumpur",
    "Asia/Singapore": "Singapore",
    "Asia/Taipei": "Taipei",
    "Australia/Perth": "Perth",
    "Asia/Seoul": "Seoul",
    "Asia/Tokyo": "Tokyo",
    "Australia/Darwin": "Darwin",
    "Australia/Adelaide": "Adelaide",
    "Australia/Brisbane": "Brisbane",
    "Australia/Melbourne": "Melbourne",
    "Australia/Sydney": "Sydney",
    "Australia/Hobart": "Hobart",
    "Pacific/Guam": "Guam",
    "Pacific/Port_Moresby": "Port Moresby",
    "Pacific/Noumea": "New Caledonia",
    "Pacific/Fiji": "Fiji",
    "Pacific/Auckland": "Auckland",
    "Pacific/Tongatapu": "Nuku'alofa",
    "Pacific/Apia": "Samoa",
}


def rails_time_zone(iana: str) -> str:
    """The Zendesk (Rails) time-zone name of an IANA zone; the IANA name if the table lacks it."""
    return RAILS_TIME_ZONES.get(iana, iana)


def export_files(request: ExportRequest) -> dict[str, bytes]:
    document, strategy, as_of = request.document, request.strategy, request.as_of
    return {
        "zendesk/schedules.json": jsonout.dumps(schedules(document, strategy, as_of=as_of)).encode("utf-8"),
        "zendesk/sla_policies.json": jsonout.dumps(sla_policies(document, strategy)).encode("utf-8"),
    }


# --- schedules ----------------------------------------------------------------------------


def schedules(document: dict[str, Any], strategy, *, as_of: date) -> dict[str, Any]:
    last = as_of + timedelta(days=HOLIDAY_DAYS - 1)
    models = strategy.index("schedules")
    out = []
    for schedule_id, schedule in document["schedules"].items():
        model = models.get(schedule_id)
        name = (display_text(model.name, strategy) if model is not None and model.name else None) or schedule_id
        closed = named_closed_days(strategy, schedule_id, as_of, last)
        out.append(
            {
                "id": schedule_id,
                "create": {"schedule": {"name": name, "time_zone": rails_time_zone(schedule["timezone"])}},
                "workweek": {"workweek": {"intervals": workweek_intervals(schedule["weekly"])}},
                "holidays": [
                    {"holiday": {"name": label, "start_date": first.isoformat(), "end_date": end.isoformat()}}
                    for first, end, label in merge_closed_days(closed)
                ],
                "not_exported": _schedule_limits(model, strategy, as_of, last),
            }
        )
    return {
        "format": SCHEDULES_FORMAT,
        "as_of": as_of.isoformat(),
        "holidays_until": last.isoformat(),
        "schedules": out,
    }


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def workweek_intervals(weekly: dict[str, list[list[str]]]) -> list[dict[str, int]]:
    """Weekly local hours ({'mon': [['08:00', '17:00']], ...}) as Zendesk intervals.

    Minutes since Sunday 00:00; an interval ending at or before its start
    runs past midnight and is split there (Saturday's part ends at 10080, the
    rest starts Sunday at 0); intervals of one day that touch or overlap are
    merged, never across midnight.
    """
    per_day: dict[int, list[tuple[int, int]]] = {day: [] for day in range(7)}
    for index, name in enumerate(WEEKDAYS):
        zendesk_day = (index + 1) % 7  # Zendesk weeks start on Sunday
        for start_clock, end_clock in weekly.get(name, []):
            start, end = _minutes(start_clock), _minutes(end_clock)
            if end <= start:
                end += MINUTES_PER_DAY
            per_day[zendesk_day].append((start, min(end, MINUTES_PER_DAY)))
            if end > MINUTES_PER_DAY:
                per_day[(zendesk_day + 1) % 7].append((0, end - MINUTES_PER_DAY))
    intervals = []
    for day in range(7):
        base = day * MINUTES_PER_DAY
        for start, end in merge_intervals(per_day[day]):
            intervals.append({"start_time": base + start, "end_time": base + end})
    return intervals


def merge_closed_days(closed: dict[date, str]) -> list[tuple[date, date, str]]:
    """Runs of consecutive closed dates as (first, last, names joined)."""
    runs: list[tuple[date, date, list[str]]] = []
    for day in sorted(closed):
        names = [n for n in closed[day].split(", ") if n]
        if runs and runs[-1][1] + timedelta(days=1) == day:
            first, _, seen = runs[-1]
            runs[-1] = (first, day, seen + [n for n in names if n not in seen])
        else:
            runs.append((day, day, names))
    return [(first, last, ", ".join(names) or "Closed") for first, last, names in runs]


def _schedule_limits(model, strategy, first: date, last: date) -> list[str]:
    if model is None:
        return []
    notes = []
    for season in model.seasons:
        label = display_text(season.name, strategy) or season.id
        notes.append(
            f"season '{season.id}' ({label}, {_bound(season.start)} to {_bound(season.end)}) has other weekly hours; "
            "Zendesk has one workweek per schedule: switch the workweek when the season starts and ends"
        )
    for special in model.special_hours:
        if special.hours and first <= special.date <= last:
            label = display_text(special.reason, strategy)
            notes.append(
                f"special hours {special.date.isoformat()} {', '.join(special.hours)}"
                + (f" ({label})" if label else "")
                + ": Zendesk holidays close whole days only"
            )
    return notes


def _bound(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    month, day = value
    return f"{month:02d}-{day:02d}"


# --- SLA policies -----------------------------------------------------------------------------


def tag(kind: str, value: str) -> str:
    """The ticket tag the ticket source sets, e.g. socialkit_channel_facebook."""
    return f"{TAG_PREFIX}{kind}_{value}"


def _has_tag(value: str) -> dict[str, str]:
    return {"field": "current_tags", "operator": "includes", "value": value}


def sla_policies(document: dict[str, Any], strategy) -> dict[str, Any]:
    """Create SLA Policy bodies, in match order: rules with own limits, then
    crisis-mode SLAs, then the channels' SLAs; per SLA the categories with
    their own targets come before its default."""
    entries: list[dict[str, Any]] = []
    channels = document["channels"]
    for rule in document["escalation"]:
        entry = _rule_policy(rule, document)
        if entry is not None:
            entries.append(entry)
    crisis_users: dict[str, list[str]] = {}
    normal_users: dict[str, list[str]] = {}
    for channel_id, channel in sorted(channels.items()):
        if channel["crisis_sla"]:
            crisis_users.setdefault(channel["crisis_sla"], []).append(channel_id)
        if channel["sla"]:
            normal_users.setdefault(channel["sla"], []).append(channel_id)
    for crisis, users in ((True, crisis_users), (False, normal_users)):
        for sla_id in document["slas"]:
            if sla_id in users:
                entries.extend(_sla_policies(document, strategy, sla_id, users[sla_id], crisis=crisis))
    for position, entry in enumerate(entries, start=1):
        entry["create"]["sla_policy"]["position"] = position
    return {
        "format": SLA_FORMAT,
        "tags": {
            "channel": tag("channel", "<channel-id>"),
            "category": tag("category", "<category-id>"),
            "rule": tag("rule", "<escalation-rule-id>"),
            "crisis": TAG_PREFIX + "crisis",
        },
        "sla_policies": entries,
    }


def _sla_policies(document, strategy, sla_id: str, channel_ids: list[str], *, crisis: bool) -> list[dict[str, Any]]:
    sla = document["slas"][sla_id]
    model = strategy.index("slas").get(sla_id)
    sla_name = (display_text(model.name, strategy) if model is not None and model.name else None) or sla_id
    business = sla["clock"] == "business"
    targets = sla["targets"]
    keys = sorted(k for k in targets if k != "default") + (["default"] if "default" in targets else [])
    others = sorted(k for k in targets if k != "default")
    out = []
    for key in keys:
        acknowledge, respond, by_arrival = _without_arrival_windows(targets[key])
        metrics, limits = _metrics(acknowledge, respond, business)
        limits = by_arrival + limits
        # A target by arrival keeps its entry (with no metrics), so the default policy never claims its category;
        # policy_metrics is optional in Create SLA Policy (developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/).
        if not metrics and not by_arrival:
            continue
        conditions = [_has_tag(TAG_PREFIX + "crisis")] if crisis else []
        if key != "default":
            conditions.append(_has_tag(tag("category", key)))
        mode = "crisis mode, " if crisis else ""
        what = f"category {key}" if key != "default" else "every other category"
        description = f"socialkit SLA '{sla_id}' ({mode}{sla['clock']} clock), {what}, channels: {', '.join(channel_ids)}."
        if key == "default" and others:
            description += f" Applies after the policies for {', '.join(others)}."
        if limits:
            description += " Not exported: " + "; ".join(limits) + "."
        out.append(
            {
                "id": f"{'crisis/' if crisis else ''}{sla_id}/{key}",
                "create": {
                    "sla_policy": {
                        "title": f"{sla_name}{' (crisis)' if crisis else ''}: {_category_name(document, strategy, key)}",
                        "description": description,
                        "position": 0,
                        "filter": {"all": conditions, "any": [_has_tag(tag("channel", c)) for c in channel_ids]},
                        "policy_metrics": metrics,
                    }
                },
                "not_exported": limits,
            }
        )
    return out


def _without_arrival_windows(target: dict[str, Any]) -> tuple[Any, Any, list[str]]:
    """(acknowledge, respond, limits): a target that depends on the arrival is left out (a Zendesk SLA policy
    cannot depend on when the ticket arrived), and its windows are listed as not exported."""
    parts, limits = [], []
    for kind in ("acknowledge", "respond"):
        timing = target[kind]
        if timing is not None and "windows" in timing:
            windows = ", ".join(
                f"{_window_within(w)} if received {'during ' + w['during'] if w['during'] else 'otherwise'}" for w in timing["windows"]
            )
            limits.append(f"{kind} by arrival time: {windows}")
            timing = None
        parts.append(timing)
    return parts[0], parts[1], limits


def _window_within(window: dict[str, Any]) -> str:
    """'4h (business clock)', or '2 working days' (counted in the channel's schedule, whatever the clock)."""
    within = window["within"]
    if isinstance(within, dict):
        return f"{within['working_days']} working day" + ("" if within["working_days"] == 1 else "s")
    return f"{format_duration(within)} ({window['clock']} clock)"


def _rule_policy(rule: dict[str, Any], document: dict[str, Any]) -> dict[str, Any] | None:
    acknowledge = rule["acknowledge_within"]
    respond = rule["respond_within"]
    if acknowledge is None and respond is None:
        return None
    clock = rule["clock"] or _channels_clock(rule, document)
    limits = []
    if clock is None:
        clock = "calendar"
        limits.append("the rule has no clock of its own and its channels' SLAs disagree: calendar clock used")
    metrics, more = _metrics(
        {"within": acknowledge, "if_received_closed": None} if acknowledge is not None else None,
        {"within": respond, "if_received_closed": None} if respond is not None else None,
        clock == "business",
    )
    limits += more
    if acknowledge is None or respond is None:
        missing = "acknowledge" if acknowledge is None else "respond"
        limits.append(f"the {missing} target of the channel's SLA (Zendesk applies one policy per ticket: this one)")
    return {
        "id": f"rule/{rule['id']}",
        "create": {
            "sla_policy": {
                "title": f"Escalation: {rule['id']} ({rule['priority']})",
                "description": (
                    f"socialkit escalation rule '{rule['id']}' ({clock} clock): its own limits, ahead of every SLA."
                    + (" Not exported: " + "; ".join(limits) + "." if limits else "")
                ),
                "position": 0,
                "filter": {"all": [_has_tag(tag("rule", rule["id"]))], "any": []},
                "policy_metrics": metrics,
            }
        },
        "not_exported": limits,
    }


def _channels_clock(rule: dict[str, Any], document: dict[str, Any]) -> str | None:
    """The clock of the SLAs of the channels a rule can match, if they all agree."""
    channels = rule["when"]["channels"] or sorted(document["channels"])
    clocks = {document["slas"][document["channels"][c]["sla"]]["clock"] for c in channels if document["channels"][c]["sla"]}
    return clocks.pop() if len(clocks) == 1 else None


def _metrics(acknowledge, respond, business: bool) -> tuple[list[dict[str, Any]], list[str]]:
    """policy_metrics for one target pair, and what could not be expressed."""
    wanted: list[tuple[str, int]] = []
    limits: list[str] = []
    acknowledge, respond = _in_minutes("acknowledge", acknowledge, limits), _in_minutes("respond", respond, limits)
    if acknowledge is not None:
        wanted.append(("first_reply_time", acknowledge["within"]))
    if respond is not None:
        if acknowledge is None:
            wanted.append(("first_reply_time", respond["within"]))
        else:
            limits.append(
                f"respond within {format_duration(respond['within'])} to the first message "
                "(Zendesk tracks one first reply: the acknowledgement)"
            )
        wanted.append(("next_reply_time", respond["within"]))
    for name, timing in (("acknowledge", acknowledge), ("respond", respond)):
        closed = (timing or {}).get("if_received_closed")
        if closed == END_OF_NEXT_BUSINESS_DAY:
            limits.append(f"{name} by the end of the next business day when received while closed")
        elif closed is not None:
            limits.append(f"{name} within {format_duration(closed)} of the next opening when received while closed")
    metrics = [
        {"priority": priority, "metric": metric, "target": math.ceil(seconds / 60), "business_hours": business}
        for metric, seconds in wanted
        for priority in PRIORITIES
    ]
    return metrics, limits


def _in_minutes(name: str, timing: dict[str, Any] | None, limits: list[str]) -> dict[str, Any] | None:
    """The timing when Zendesk can measure it; a target in working days is listed as not exported instead.

    A Zendesk SLA metric target is a number of minutes, in business or calendar hours
    (https://developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/): "by the close of
    the second working day" is no fixed number of minutes.
    """
    if timing is None or not isinstance(timing["within"], dict):
        return timing
    count = timing["within"]["working_days"]
    limits.append(f"{name} within {count} working day{'' if count == 1 else 's'} (Zendesk SLA targets are minutes)")
    return None


def _category_name(document: dict[str, Any], strategy, key: str) -> str:
    if key == "default":
        return "other messages"
    return display_text(document["categories"].get(key, {}).get("name"), strategy) or key

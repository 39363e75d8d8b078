"""iCalendar feeds (RFC 5545) of opening hours and of who is on duty.

- `ics/<channel>.ics`, public: one feed per public (not internal) channel
  that has a schedule. One VEVENT per compiled open window in the next
  FEED_DAYS days (local DTSTART/DTEND with the schedule's TZID and a
  VTIMEZONE), plus an all-day "Closed: <name>" event per named closed day
  (holiday, closure, closed special day).
- `ics/publishing-<channel>.ics`, public: one feed per public channel that
  has publishing hours or a public blackout: one "Publishing" VEVENT per
  compiled window of its publishing schedule in the next FEED_DAYS days, an
  all-day event per named day the publishing hours are closed, and one timed
  event per public blackout covering the channel that overlaps the period
  ("No publishing", "Comments off" or both, with the blackout's reason).
  Internal blackouts are left out: the feeds are published.
- `ics/rota-<team>.ics`, internal: one VEVENT per compiled on-duty span of the
  team's rota in the next FEED_DAYS days, "On duty: <names>".

Events are the policy's compiled windows and spans, not RRULEs re-deriving
them: seasons, special hours, holidays, overnight hours and DST edges are
already resolved there, and every calendar client then shows exactly what
the policy enforces (see docs/guide/exports.md).

Deterministic: DTSTAMP is as_of at 00:00 UTC, UIDs are built from the
channel or team and the event's start, events are sorted by start.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, Timezone

from socialkit import __version__
from socialkit.compile.timespec import schedule_spec
from socialkit.engine import closed_days
from socialkit.engine.localtime import local_midnight, zone
from socialkit.export import ExportRequest
from socialkit.strategy.scalars import text_in

FEED_DAYS = 90


def export_files(request: ExportRequest) -> dict[str, bytes]:
    document, strategy, as_of = request.document, request.strategy, request.as_of
    files: dict[str, bytes] = {}
    for channel_id, channel in sorted(document["channels"].items()):
        if channel["internal"] or not channel["schedule"]:
            continue
        files[f"ics/{channel_id}.ics"] = channel_feed(document, strategy, channel_id, as_of=as_of)
    for channel_id, channel in sorted(document["channels"].items()):
        if not channel["internal"] and (channel.get("publishing") or public_blackouts(document, channel_id)):
            files[f"ics/publishing-{channel_id}.ics"] = publishing_feed(document, strategy, channel_id, as_of=as_of)
    for team_id, team in sorted(document["teams"].items()):
        if team["rota"] is not None:
            files[f"ics/rota-{team_id}.ics"] = rota_feed(document, strategy, team_id, as_of=as_of)
    return files


# --- shared with the other exporters ------------------------------------------------------


def period(compiled: dict[str, Any], as_of: date, days: int) -> tuple[int, int]:
    """UTC [start, end) of the local dates as_of .. as_of + days - 1 in the
    compiled schedule's or rota's zone, cut to its compiled horizon."""
    tz = zone(compiled["timezone"])
    start = max(local_midnight(tz, as_of), int(compiled["horizon_start"]))
    end = min(local_midnight(tz, as_of + timedelta(days=days)), int(compiled["horizon_end"]))
    return start, max(start, end)


def windows_starting(document: dict[str, Any], schedule_id: str, start: int, end: int) -> list[tuple[int, int]]:
    """Compiled open windows of a schedule that start in [start, end), with
    their true ends (a window open at `end` is not cut short)."""
    windows = document["schedules"][schedule_id]["compiled"]["windows"]
    return [(int(s), int(e)) for s, e in windows if start <= s < end]


def last_date(document: dict[str, Any], as_of: date, days: int) -> date:
    """The last local date of as_of + days, but no later than the compiled horizon."""
    horizon = int(document["provenance"].get("horizon_days") or days)
    return as_of + timedelta(days=min(days, horizon) - 1)


def named_closed_days(strategy, schedule_id: str, first: date, last: date) -> dict[date, str]:
    """Named all-day closures of a schedule in [first, last]: date -> name."""
    return closed_days(schedule_spec(strategy, schedule_id), first, last)


def default_language(strategy) -> str:
    return strategy.organization.default_language


def display_text(text, strategy) -> str | None:
    lang = default_language(strategy)
    return text_in(text, lang, lang)


# --- feeds ----------------------------------------------------------------------------------


# What the hours of a channel are, by its reply promise: answered hours, except where nothing is answered.
_PRESENCE = {"read-only": "reads messages on", "none": "is present on"}


def channel_feed(document: dict[str, Any], strategy, channel_id: str, *, as_of: date) -> bytes:
    channel = document["channels"][channel_id]
    schedule_id = channel["schedule"]
    compiled = document["schedules"][schedule_id]["compiled"]
    tz = zone(compiled["timezone"])
    start, end = period(compiled, as_of, FEED_DAYS)
    org = document["organization"]["name"]
    calendar = _calendar(
        name=f"{org}: {channel['name']} opening hours",
        description=(
            f"When {org} {_PRESENCE.get(channel.get('promise'), 'answers on')} {channel['name']}, "
            f"from {as_of.isoformat()} for {FEED_DAYS} days, "
            "and the days it is closed. Generated by socialkit from the published policy."
        ),
        tzid=compiled["timezone"],
        as_of=as_of,
    )
    stamp = _stamp(as_of)
    events: list[tuple[tuple, Event]] = []
    for s, e in windows_starting(document, schedule_id, start, end):
        event = _timed_event(
            uid=_uid(org, "open", channel_id, _utc(s)),
            summary=f"Open: {channel['name']}",
            start=datetime.fromtimestamp(s, tz),
            end=datetime.fromtimestamp(e, tz),
            stamp=stamp,
        )
        if channel["url"]:
            event.add("url", channel["url"])
        events.append(((s, 0), event))
    for day, name in named_closed_days(strategy, schedule_id, as_of, last_date(document, as_of, FEED_DAYS)).items():
        event = Event()
        event.add("uid", _uid(org, "closed", channel_id, day.strftime("%Y%m%d")))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Closed: {name}")
        event.add("description", f"{channel['name']} is closed all day: {name}.")
        event.add("transp", "TRANSPARENT")
        events.append(((local_midnight(tz, day), 1), event))
    return _finish(calendar, compiled["timezone"], as_of, events)


def public_blackouts(document: dict[str, Any], channel_id: str) -> list[dict[str, Any]]:
    return [b for b in document.get("blackouts", []) if not b["internal"] and (not b["channels"] or channel_id in b["channels"])]


BLACKOUT_SUMMARY = {
    ("publishing",): "No publishing",
    ("comments",): "Comments off",
    ("publishing", "comments"): "No publishing, comments off",
}


def publishing_feed(document: dict[str, Any], strategy, channel_id: str, *, as_of: date) -> bytes:
    channel = document["channels"][channel_id]
    schedule_id = channel.get("publishing")
    zone_name = document["schedules"][schedule_id]["timezone"] if schedule_id else document["organization"]["timezone"]
    tz = zone(zone_name)
    bounds = document["schedules"][schedule_id]["compiled"] if schedule_id else document["provenance"]
    start, end = period({"timezone": zone_name, **{k: bounds[k] for k in ("horizon_start", "horizon_end")}}, as_of, FEED_DAYS)
    org = document["organization"]["name"]
    what = f"When {org} publishes on {channel['name']}, and when it" if schedule_id else f"When {org}"
    calendar = _calendar(
        name=f"{org}: {channel['name']} publishing",
        description=(
            f"{what} pauses publishing or turns comments off there, from {as_of.isoformat()} "
            f"for {FEED_DAYS} days. Generated by socialkit from the published policy."
        ),
        tzid=zone_name,
        as_of=as_of,
    )
    stamp = _stamp(as_of)
    events: list[tuple[tuple, Event]] = []
    if schedule_id:
        for s, e in windows_starting(document, schedule_id, start, end):
            event = _timed_event(
                uid=_uid(org, "publishing", channel_id, _utc(s)),
                summary=f"Publishing: {channel['name']}",
                start=datetime.fromtimestamp(s, tz),
                end=datetime.fromtimestamp(e, tz),
                stamp=stamp,
            )
            events.append(((s, 0), event))
        for day, name in named_closed_days(strategy, schedule_id, as_of, last_date(document, as_of, FEED_DAYS)).items():
            event = Event()
            event.add("uid", _uid(org, "no-publishing", channel_id, day.strftime("%Y%m%d")))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", f"No publishing: {name}")
            event.add("transp", "TRANSPARENT")
            events.append(((local_midnight(tz, day), 1), event))
    for blackout in public_blackouts(document, channel_id):
        if blackout["start"] >= end or blackout["end"] <= start:
            continue
        language = document["organization"]["languages"][0]
        reason = text_in(blackout["reason"], language, language)
        event = _timed_event(
            uid=_uid(org, "blackout", channel_id, _utc(blackout["start"])),
            summary=f"{BLACKOUT_SUMMARY[tuple(blackout['stops'])]}: {channel['name']}",
            start=datetime.fromtimestamp(blackout["start"], tz),
            end=datetime.fromtimestamp(blackout["end"], tz),
            stamp=stamp,
        )
        if reason:
            event.add("description", reason)
        event.add("categories", ["blackout", *blackout["stops"]])
        events.append(((blackout["start"], 2), event))
    return _finish(calendar, zone_name, as_of, events)


def rota_feed(document: dict[str, Any], strategy, team_id: str, *, as_of: date) -> bytes:
    rota = document["teams"][team_id]["rota"]
    tz = zone(rota["timezone"])
    start, end = period(rota, as_of, FEED_DAYS)
    org = document["organization"]["name"]
    team = strategy.index("teams").get(team_id)
    team_name = display_text(team.name, strategy) if team is not None else team_id
    people = document["people"]
    calendar = _calendar(
        name=f"{org}: on duty, {team_name}",
        description=(
            f"Who is on duty for {team_name} ({team_id}), from {as_of.isoformat()} for {FEED_DAYS} days. "
            "Internal: names people. Generated by socialkit from the published policy."
        ),
        tzid=rota["timezone"],
        as_of=as_of,
    )
    stamp = _stamp(as_of)
    events: list[tuple[tuple, Event]] = []
    for s, e, persons in rota["spans"]:
        if not (start <= s < end):
            continue
        names = [people.get(p, {}).get("name", p) for p in persons]
        event = _timed_event(
            uid=_uid(org, "rota", team_id, _utc(s)),
            summary="On duty: " + ", ".join(names),
            start=datetime.fromtimestamp(s, tz),
            end=datetime.fromtimestamp(e, tz),
            stamp=stamp,
        )
        event.add("description", f"Team {team_name} ({team_id}): " + ", ".join(persons))
        event.add("categories", ["on-duty", team_id])
        events.append(((int(s), 0), event))
    return _finish(calendar, rota["timezone"], as_of, events)


# --- building blocks ------------------------------------------------------------------------


def _calendar(*, name: str, description: str, tzid: str, as_of: date) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//socialkit//socialkit {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", tzid)
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    return calendar


def _finish(calendar: Calendar, tzid: str, as_of: date, events: list[tuple[tuple, Event]]) -> bytes:
    """Add the VTIMEZONE (only the transitions of the years the feed touches) and the sorted events."""
    if tzid not in ("UTC", "Etc/UTC"):
        last = as_of + timedelta(days=FEED_DAYS)
        calendar.add_component(Timezone.from_tzid(tzid, first_date=date(as_of.year, 1, 1), last_date=date(last.year + 2, 1, 1)))
    for _, event in sorted(events, key=lambda pair: (pair[0], str(pair[1]["uid"]))):
        calendar.add_component(event)
    return calendar.to_ical()


def _timed_event(*, uid: str, summary: str, start: datetime, end: datetime, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _stamp(as_of: date) -> datetime:
    return datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)


def _utc(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y%m%dT%H%M%SZ")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "org"


def _uid(org: str, *parts: str) -> str:
    """Stable across rebuilds: the same opening, closure or span keeps its UID,
    so subscribed clients update events instead of duplicating them."""
    return "-".join(parts) + f"@{slug(org)}.socialkit"

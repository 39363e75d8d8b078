"""`availability.json`: public opening hours for chat bots and status pages.

Per public (not internal) channel: name, link, whether it takes
customer-service questions, where to go instead, its time zone, its weekly
local hours (and seasons), every open window in the next WINDOW_DAYS days as
RFC 3339 times with offset and epoch seconds, and the named closed days of the
next CLOSED_DAYS days; and, when the channel has publishing hours or a public
blackout, its publishing windows and those blackouts over the same WINDOW_DAYS
(`publishing`). No people, no rota, no internal channel or blackout.

"Open now" is for the reader to compute: open at instant t iff some window has
start_epoch <= t < end_epoch; when t is at or past `covers.end_epoch` the file
is stale and says nothing. The shape is `availability.schema.json` beside this
module (JSON Schema 2020-12).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from socialkit.compile.document import weekly_definition
from socialkit.engine.localtime import zone
from socialkit.export import ExportRequest
from socialkit.export.calendars import last_date, named_closed_days, period, windows_starting
from socialkit.runtime import jsonout

FORMAT = "socialkit.availability/1"
WINDOW_DAYS = 28
CLOSED_DAYS = 90
SCHEMA_PATH = Path(__file__).with_name("availability.schema.json")


def export_files(request: ExportRequest) -> dict[str, bytes]:
    data = availability(request.document, request.strategy, as_of=request.as_of)
    return {"availability.json": jsonout.dumps(data).encode("utf-8")}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of availability.json."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def availability(document: dict[str, Any], strategy, *, as_of: date) -> dict[str, Any]:
    org = document["organization"]
    return {
        "format": FORMAT,
        "as_of": as_of.isoformat(),
        "organization": {"name": org["name"], "website": org["website"]},
        "channels": {
            channel_id: _channel(document, strategy, channel_id, as_of)
            for channel_id, channel in sorted(document["channels"].items())
            if not channel["internal"]
        },
    }


def _channel(document: dict[str, Any], strategy, channel_id: str, as_of: date) -> dict[str, Any]:
    channel = document["channels"][channel_id]
    redirect = channel["redirect"]
    out: dict[str, Any] = {
        "name": channel["name"],
        "platform": channel["platform"],
        "url": channel["url"],
        "customer_service": channel["customer_service"],
        "redirect": {"text": redirect["text"], "url": redirect["url"], "channel": redirect["channel"]} if redirect else None,
        "timezone": document["organization"]["timezone"],
        "weekly": None,
        "seasons": [],
        "covers": None,
        "windows": [],
        "closed_days": [],
    }
    out["publishing"] = _publishing(document, channel_id, as_of)
    schedule_id = channel["schedule"]
    if not schedule_id:
        return out
    schedule = document["schedules"][schedule_id]
    compiled = schedule["compiled"]
    tz = zone(schedule["timezone"])
    start, end = period(compiled, as_of, WINDOW_DAYS)
    model = strategy.index("schedules").get(schedule_id)
    out.update(
        timezone=schedule["timezone"],
        weekly=schedule["weekly"],
        seasons=[_season(season) for season in model.seasons] if model is not None else [],
        covers={**_instant("start", start, tz), **_instant("end", end, tz)},
        windows=[{**_instant("start", s, tz), **_instant("end", e, tz)} for s, e in windows_starting(document, schedule_id, start, end)],
        closed_days=[
            {"date": day.isoformat(), "name": name}
            for day, name in named_closed_days(strategy, schedule_id, as_of, last_date(document, as_of, CLOSED_DAYS)).items()
        ],
    )
    return out


def _publishing(document: dict[str, Any], channel_id: str, as_of: date) -> dict[str, Any] | None:
    """Publishing windows of the next WINDOW_DAYS days and the public blackouts overlapping them; None when
    the channel has neither publishing hours nor a public blackout (the policy promises nothing there)."""
    from socialkit.export.calendars import public_blackouts

    schedule_id = document["channels"][channel_id].get("publishing")
    blackouts = public_blackouts(document, channel_id)
    if schedule_id is None and not blackouts:
        return None
    zone_name = document["schedules"][schedule_id]["timezone"] if schedule_id else document["organization"]["timezone"]
    tz = zone(zone_name)
    bounds = document["schedules"][schedule_id]["compiled"] if schedule_id else document["provenance"]
    start, end = period(
        {"timezone": zone_name, "horizon_start": bounds["horizon_start"], "horizon_end": bounds["horizon_end"]}, as_of, WINDOW_DAYS
    )
    windows = windows_starting(document, schedule_id, start, end) if schedule_id else []
    return {
        "timezone": zone_name,
        "weekly": document["schedules"][schedule_id]["weekly"] if schedule_id else None,
        "covers": {**_instant("start", start, tz), **_instant("end", end, tz)},
        "windows": [{**_instant("start", s, tz), **_instant("end", e, tz)} for s, e in windows],
        "blackouts": [
            {**_instant("start", b["start"], tz), **_instant("end", b["end"], tz), "stops": list(b["stops"]), "reason": b["reason"]}
            for b in blackouts
            if b["start"] < end and b["end"] > start
        ],
    }


def _season(season) -> dict[str, Any]:
    return {
        "id": season.id,
        "name": _plain_text(season.name),
        "start": _month_day(season.start),
        "end": _month_day(season.end),
        "weekly": weekly_definition(season.weekly),
    }


def _plain_text(text):
    return dict(sorted(text.items())) if isinstance(text, dict) else text


def _month_day(value) -> str:
    """A season bound as the strategy writes it: 'YYYY-MM-DD' or yearly 'MM-DD'."""
    if isinstance(value, date):
        return value.isoformat()
    month, day = value
    return f"{month:02d}-{day:02d}"


def _instant(key: str, t: int, tz) -> dict[str, Any]:
    return {key: datetime.fromtimestamp(t, tz).isoformat(), f"{key}_epoch": int(t)}

"""Small builders shared by the explicit engine tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from socialkit.engine import DayHours, HolidayRules, Interval, ScheduleSpec

STOCKHOLM = "Europe/Stockholm"
SWEDISH_EVES = ("easter-eve", "midsummer-eve", "christmas-eve", "new-years-eve")


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, tz: str = STOCKHOLM) -> int:
    """UTC epoch seconds of an unambiguous local wall time."""
    return int(datetime(y, mo, d, h, mi, s, tzinfo=ZoneInfo(tz)).timestamp())


def hm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def iv(start: str, end: str) -> Interval:
    return Interval(hm(start), hm(end))


def every(days, *intervals: Interval) -> tuple[DayHours, ...]:
    return tuple(DayHours(d, tuple(intervals)) for d in days)


WEEKDAYS = range(5)
ALL_DAYS = range(7)


def office(also_closed=SWEDISH_EVES, holidays_closed=True, **kw) -> ScheduleSpec:
    """Mon-Fri 08:00-17:00 in Stockholm, Swedish holidays closed."""
    return ScheduleSpec(
        id="office",
        timezone=STOCKHOLM,
        weekly=every(WEEKDAYS, iv("08:00", "17:00")),
        holidays_closed=holidays_closed,
        holidays=HolidayRules("SE", also_closed=tuple(also_closed)),
        **kw,
    )


def always(tz: str = STOCKHOLM, **kw) -> ScheduleSpec:
    return ScheduleSpec(
        id="always",
        timezone=tz,
        weekly=every(ALL_DAYS, iv("00:00", "24:00")),
        holidays_closed=False,
        holidays=HolidayRules(None),
        **kw,
    )


def nightly(start: str = "22:00", end: str = "06:00", holidays_closed=False, **kw) -> ScheduleSpec:
    return ScheduleSpec(
        id="nightly",
        timezone=STOCKHOLM,
        weekly=every(ALL_DAYS, iv(start, end)),
        holidays_closed=holidays_closed,
        holidays=HolidayRules("SE" if holidays_closed else None, **kw.pop("rules", {})),
        **kw,
    )

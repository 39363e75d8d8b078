"""The engine's input contract: small frozen records, no behaviour.

The YAML model maps onto these records; the engine never sees YAML. Times of
day are local wall-clock minutes, dates are local dates in the record's IANA
zone, and rota datetimes are naive local wall-clock datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "Interval",
    "DayHours",
    "Season",
    "SpecialHours",
    "Closure",
    "HolidayRules",
    "ScheduleSpec",
    "RotaLayer",
    "RotaOverride",
    "RotaTurn",
    "RotaSpec",
]


@dataclass(frozen=True, slots=True)
class Interval:
    """Local wall-clock minutes of day, half-open [start, end).

    start is 0..1439, end is 1..1440 (1440 means 24:00). end <= start means the
    interval runs past midnight into the next day.
    """

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DayHours:
    """The hours of one weekday: weekday 0=Monday .. 6=Sunday."""

    weekday: int
    intervals: tuple[Interval, ...]


@dataclass(frozen=True, slots=True)
class Season:
    """Seasonal weekly hours over an inclusive date range.

    start/end are dates, or (month, day) pairs recurring every year; a
    recurring season may wrap the year end (e.g. (12, 20) .. (1, 6)).
    """

    id: str
    start: date | tuple[int, int]
    end: date | tuple[int, int]
    weekly: tuple[DayHours, ...]


@dataclass(frozen=True, slots=True)
class SpecialHours:
    """Replaces the hours of one local date; intervals=() means closed."""

    date: date
    intervals: tuple[Interval, ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class Closure:
    """An inclusive local date range during which the schedule is closed."""

    start: date
    end: date
    name: str = ""


@dataclass(frozen=True, slots=True)
class HolidayRules:
    """Where public holidays come from and how they are adjusted.

    country: ISO 3166 alpha-2 code for the `holidays` package, None for none.
    also_closed: named days the calendar lacks (see SUPPORTED_NAMED_DAYS).
    extra: (date, name) extra closed days.
    not_closed: names of calendar entries that are not days off.
    """

    country: str | None
    subdivision: str | None = None
    also_closed: tuple[str, ...] = ()
    extra: tuple[tuple[date, str], ...] = ()
    not_closed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    """Weekly opening hours with holidays, closures, special days and seasons."""

    id: str
    timezone: str
    weekly: tuple[DayHours, ...]
    holidays_closed: bool
    holidays: HolidayRules
    closures: tuple[Closure, ...] = ()
    special: tuple[SpecialHours, ...] = ()
    seasons: tuple[Season, ...] = ()


@dataclass(frozen=True, slots=True)
class RotaTurn:
    """A dated turn [start, end) of `person` (naive local datetimes).

    person=None: nobody is named for the turn. end=None: the turn lasts
    until the next turn (by start) begins, or without end if none does.
    """

    person: str | None
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class RotaLayer:
    """One rotation: `order` takes turns, handing off every rotation_seconds.

    start is a naive local datetime (the first hand-off). A rotation that is a
    whole number of days hands off at the same local wall time every N days;
    any other rotation counts real elapsed seconds. A layer with `turns`
    (dated turns, a relay) has no period: rotation_seconds is 0, order empty.
    """

    id: str
    start: datetime
    rotation_seconds: int
    order: tuple[str, ...]
    restrict_to: ScheduleSpec | None = None
    turns: tuple[RotaTurn, ...] = ()


@dataclass(frozen=True, slots=True)
class RotaOverride:
    """A naive local window [start, end) where `person` takes over.

    replaces=None: person alone is on duty for the whole window; otherwise
    person stands in for `replaces` wherever that person would be on duty.
    """

    start: datetime
    end: datetime
    person: str
    replaces: str | None = None


@dataclass(frozen=True, slots=True)
class RotaSpec:
    """A team's on-duty rota: layers plus overrides, in one IANA zone."""

    id: str
    timezone: str
    layers: tuple[RotaLayer, ...]
    overrides: tuple[RotaOverride, ...] = ()

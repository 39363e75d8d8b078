"""Compile a ScheduleSpec into sorted, disjoint UTC open windows.

Pipeline (all pure):

1. hours of each local date: closure -> none; special hours -> those;
   else the first covering season's weekly hours; else the default weekly
   hours. An interval belongs to the date it starts on.
2. split every interval at local midnight into per-date pieces (an interval
   past midnight spills into the next date).
3. drop pieces on closed dates (closure, or holiday while holidays_closed),
   except pieces from that date's own special hours.
4. resolve piece ends to UTC (gap -> shift forward, repeat -> first
   occurrence), drop empty pieces, merge touching/overlapping pieces.

The result is plain data: epoch-second int64 arrays a reader in any language
can use with integer comparisons and binary search.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from socialkit.engine import intervals
from socialkit.engine.compiled import CompiledSchedule, _frozen, schedule_from_plain, schedule_to_plain
from socialkit.engine.holidays import closed_day_set
from socialkit.engine.localtime import local_midnight, local_to_utc, zone
from socialkit.engine.spec import Closure, DayHours, HolidayRules, Interval, ScheduleSpec, Season, SpecialHours

__all__ = [
    "CompiledSchedule",
    "compile_schedule",
    "schedule_to_plain",
    "schedule_from_plain",
    "spec_to_plain",
    "spec_from_plain",
]

MINUTES_PER_DAY = 1440


# -- step 1: the hours of each local date ------------------------------------


def _check_interval(iv: Interval, where: str) -> None:
    if not (0 <= iv.start <= MINUTES_PER_DAY - 1 and 1 <= iv.end <= MINUTES_PER_DAY):
        raise ValueError(f"{where}: interval {iv.start}-{iv.end} out of range (start 0..1439, end 1..1440 minutes)")


def _weekly_table(weekly: Iterable[DayHours], where: str) -> tuple[tuple[Interval, ...], ...]:
    table: list[list[Interval]] = [[] for _ in range(7)]
    for day in weekly:
        if not 0 <= day.weekday <= 6:
            raise ValueError(f"{where}: weekday {day.weekday} out of range 0..6")
        for iv in day.intervals:
            _check_interval(iv, where)
        table[day.weekday].extend(day.intervals)
    return tuple(tuple(ivs) for ivs in table)


def _season_covers(season: Season, day: date) -> bool:
    if isinstance(season.start, date) and isinstance(season.end, date):
        return season.start <= day <= season.end
    if isinstance(season.start, date) or isinstance(season.end, date):
        raise ValueError(f"season {season.id!r}: start and end must both be dates or both (month, day)")
    key = (day.month, day.day)
    start, end = tuple(season.start), tuple(season.end)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end  # wraps the year end


@dataclass(frozen=True, slots=True)
class _Rules:
    """The spec pre-digested for per-date lookups."""

    weekly: tuple[tuple[Interval, ...], ...]
    seasons: tuple[tuple[Season, tuple[tuple[Interval, ...], ...]], ...]
    special: dict[date, tuple[Interval, ...]]
    closed: frozenset[date]
    closures: frozenset[date]


def _rules(spec: ScheduleSpec, first: date, last: date) -> _Rules:
    special: dict[date, list[Interval]] = {}
    for sp in spec.special:
        for iv in sp.intervals:
            _check_interval(iv, f"schedule {spec.id!r} special hours {sp.date}")
        special.setdefault(sp.date, []).extend(sp.intervals)
    closures = frozenset(day for c in spec.closures for day in _dates(max(c.start, first), min(c.end, last)))
    return _Rules(
        weekly=_weekly_table(spec.weekly, f"schedule {spec.id!r}"),
        seasons=tuple((s, _weekly_table(s.weekly, f"schedule {spec.id!r} season {s.id!r}")) for s in spec.seasons),
        special={d: tuple(ivs) for d, ivs in special.items()},
        closed=closed_day_set(spec, first, last),
        closures=closures,
    )


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _hours_of(rules: _Rules, day: date) -> tuple[tuple[Interval, ...], bool]:
    """(intervals starting on `day`, whether they are the day's own special hours)."""
    if day in rules.closures:
        return (), False
    if day in rules.special:
        return rules.special[day], True
    for season, table in rules.seasons:
        if _season_covers(season, day):
            return table[day.weekday()], False
    return rules.weekly[day.weekday()], False


# -- step 2 and 3: per-date pieces in local minutes ---------------------------


def _split(day: date, iv: Interval) -> Iterator[tuple[date, int, int]]:
    """Pieces (date, start minute, end minute) of an interval starting on day."""
    end = iv.end if iv.end > iv.start else iv.end + MINUTES_PER_DAY
    yield day, iv.start, min(end, MINUTES_PER_DAY)
    if end > MINUTES_PER_DAY:
        yield day + timedelta(days=1), 0, end - MINUTES_PER_DAY


def _pieces(rules: _Rules, first: date, last: date) -> Iterator[tuple[date, int, int, date]]:
    """Open pieces (date, start minute, end minute, date the interval starts on) on dates first..last;
    intervals of first - 1 may spill in."""
    for day in _dates(first - timedelta(days=1), last):
        intervals, own_special = _hours_of(rules, day)
        for iv in intervals:
            for piece_day, a, b in _split(day, iv):
                if not first <= piece_day <= last:
                    continue
                keep_on_closed = own_special and piece_day == day
                if piece_day in rules.closed and not keep_on_closed:
                    continue
                yield piece_day, a, b, day


# -- step 4: UTC windows -------------------------------------------------------


def _day_closes(starts: np.ndarray, ends: np.ndarray, day_starts: np.ndarray) -> np.ndarray:
    """End of the last open piece of each local date, -1 if none."""
    lo, hi = day_starts[:-1], day_starts[1:]
    if not len(starts):
        return np.full(len(lo), -1, dtype=np.int64)
    last = np.searchsorted(starts, hi, side="left") - 1  # last window starting before hi
    end = ends[np.maximum(last, 0)]
    return np.where((last >= 0) & (end > lo), np.minimum(end, hi), -1).astype(np.int64)


def compile_schedule(spec: ScheduleSpec, as_of: date, horizon_days: int = 400) -> CompiledSchedule:
    """Compile `spec` over [local midnight of as_of, local midnight of
    as_of + horizon_days). The previous evening's overnight interval is
    included. Raises ValueError for an invalid spec."""
    if horizon_days < 1:
        raise ValueError(f"horizon_days must be >= 1, got {horizon_days}")
    tz = zone(spec.timezone)
    last = as_of + timedelta(days=horizon_days - 1)
    rules = _rules(spec, as_of - timedelta(days=1), last)
    spans = []
    work_closes = np.full(horizon_days, -1, dtype=np.int64)
    for day, a, b, starts_on in _pieces(rules, as_of, last):
        start = local_to_utc(tz, day, a)
        end = local_to_utc(tz, day, b)
        if end > start:
            spans.append((start, end))
            if starts_on >= as_of:
                k = (starts_on - as_of).days
                work_closes[k] = max(work_closes[k], end)
    windows = intervals.merge(spans)
    starts = _frozen(s for s, _ in windows)
    ends = _frozen(e for _, e in windows)
    lengths = ends - starts
    cum = _frozen(np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(windows) else [])
    day_starts = _frozen(local_midnight(tz, d) for d in _dates(as_of, last + timedelta(days=1)))
    return CompiledSchedule(
        id=spec.id,
        timezone=spec.timezone,
        as_of=as_of,
        horizon_start=int(day_starts[0]),
        horizon_end=int(day_starts[-1]),
        starts=starts,
        ends=ends,
        cum=cum,
        day_starts=day_starts,
        day_closes=_frozen(_day_closes(starts, ends, day_starts)),
        work_closes=_frozen(work_closes),
    )


# -- plain data for JSON -------------------------------------------------------


# -- the rules as plain data (so a reader can compile further than the horizon) ----


def _intervals_to_plain(intervals: Iterable[Interval]) -> list[list[int]]:
    return [[iv.start, iv.end] for iv in intervals]


def _intervals_from_plain(data: list[list[int]]) -> tuple[Interval, ...]:
    return tuple(Interval(int(a), int(b)) for a, b in data)


def _weekly_to_plain(weekly: Iterable[DayHours]) -> list[dict[str, Any]]:
    return [{"weekday": d.weekday, "intervals": _intervals_to_plain(d.intervals)} for d in weekly]


def _weekly_from_plain(data: list[dict[str, Any]]) -> tuple[DayHours, ...]:
    return tuple(DayHours(int(d["weekday"]), _intervals_from_plain(d["intervals"])) for d in data)


def _season_day_to_plain(day: date | tuple[int, int]) -> str:
    """A date as YYYY-MM-DD; a (month, day) recurring every year as ISO 8601's --MM-DD."""
    if isinstance(day, date):
        return day.isoformat()
    return f"--{day[0]:02d}-{day[1]:02d}"


def _season_day_from_plain(text: str) -> date | tuple[int, int]:
    if text.startswith("--"):
        month, day = text[2:].split("-")
        return int(month), int(day)
    return date.fromisoformat(text)


def holiday_rules_to_plain(rules: HolidayRules) -> dict[str, Any]:
    return {
        "country": rules.country,
        "subdivision": rules.subdivision,
        "also_closed": list(rules.also_closed),
        "extra": [[day.isoformat(), name] for day, name in rules.extra],
        "not_closed": list(rules.not_closed),
    }


def holiday_rules_from_plain(data: dict[str, Any]) -> HolidayRules:
    return HolidayRules(
        country=data["country"],
        subdivision=data["subdivision"],
        also_closed=tuple(data["also_closed"]),
        extra=tuple((date.fromisoformat(day), name) for day, name in data["extra"]),
        not_closed=tuple(data["not_closed"]),
    )


def spec_to_plain(spec: ScheduleSpec) -> dict[str, Any]:
    """The schedule's rules (the engine's input) as JSON-ready data; spec_from_plain reverses it."""
    return {
        "id": spec.id,
        "timezone": spec.timezone,
        "weekly": _weekly_to_plain(spec.weekly),
        "holidays_closed": spec.holidays_closed,
        "holidays": holiday_rules_to_plain(spec.holidays),
        "closures": [{"start": c.start.isoformat(), "end": c.end.isoformat(), "name": c.name} for c in spec.closures],
        "special": [{"date": s.date.isoformat(), "intervals": _intervals_to_plain(s.intervals), "name": s.name} for s in spec.special],
        "seasons": [
            {
                "id": s.id,
                "start": _season_day_to_plain(s.start),
                "end": _season_day_to_plain(s.end),
                "weekly": _weekly_to_plain(s.weekly),
            }
            for s in spec.seasons
        ],
    }


def spec_from_plain(data: dict[str, Any]) -> ScheduleSpec:
    """Inverse of spec_to_plain (KeyError/ValueError for data it did not write)."""
    return ScheduleSpec(
        id=data["id"],
        timezone=data["timezone"],
        weekly=_weekly_from_plain(data["weekly"]),
        holidays_closed=bool(data["holidays_closed"]),
        holidays=holiday_rules_from_plain(data["holidays"]),
        closures=tuple(Closure(date.fromisoformat(c["start"]), date.fromisoformat(c["end"]), c["name"]) for c in data["closures"]),
        special=tuple(
            SpecialHours(date.fromisoformat(s["date"]), _intervals_from_plain(s["intervals"]), s["name"]) for s in data["special"]
        ),
        seasons=tuple(
            Season(s["id"], _season_day_from_plain(s["start"]), _season_day_from_plain(s["end"]), _weekly_from_plain(s["weekly"]))
            for s in data["seasons"]
        ),
    )

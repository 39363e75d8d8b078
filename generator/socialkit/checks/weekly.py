"""The weekly view of time: minute-of-week sets and how to describe them.

A week is 10 080 local minutes, Monday 00:00 = 0. A `Week` is a numpy bool
array of that length: True where the set holds (open, covered, closed ...).
Messages describe a set in the words a strategy uses, e.g.
"mon-thu 17:00-08:00, fri 16:00-mon 08:00", so a reader can find the hours in
the YAML. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from socialkit.strategy.scalars import DAY_NAMES, parse_days, parse_interval

DAY = 1440
WEEK = 7 * DAY

Week = np.ndarray


def empty() -> Week:
    return np.zeros(WEEK, dtype=bool)


def full() -> Week:
    return np.ones(WEEK, dtype=bool)


@dataclass(frozen=True, slots=True)
class Piece:
    """One interval of a weekly map on one weekday, in minutes of the week.

    `end` may pass WEEK (Sunday night spilling into Monday); `key` and `index`
    say where in the YAML it was written (`weekly[key][index]`).
    """

    key: str
    index: int
    weekday: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {clock(self.start % DAY)}-{clock(self.end % DAY or DAY)}"


def pieces(weekly: Mapping[str, Iterable[str]]) -> Iterator[Piece]:
    """Every (weekday, interval) of a weekly map; an end before the start runs past midnight."""
    for key, intervals in weekly.items():
        days = parse_days(key) or ()
        for index, text in enumerate(intervals):
            start, end = parse_interval(text)
            if start is None or end is None:
                continue
            length = (end - start) % DAY or DAY
            for weekday in days:
                first = weekday * DAY + start
                yield Piece(key, index, weekday, first, first + length)


def add(week: Week, start: int, end: int) -> None:
    """Set minutes [start, end) of the week, wrapping past Sunday midnight."""
    length = end - start
    if length >= WEEK:
        week[:] = True
        return
    start %= WEEK
    end = start + length
    if end <= WEEK:
        week[start:end] = True
    else:
        week[start:] = True
        week[: end - WEEK] = True


def of_weekly(weekly: Mapping[str, Iterable[str]]) -> Week:
    week = empty()
    for piece in pieces(weekly):
        add(week, piece.start, piece.end)
    return week


def shifted(week: Week, minutes: int) -> Week:
    """The same set seen from a zone `minutes` ahead (positive = later local time)."""
    return np.roll(week, minutes) if minutes else week


# --- describing a set ---------------------------------------------------------


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def runs(week: Week) -> list[tuple[int, int]]:
    """Maximal (start, length) runs of True, treating the week as a circle."""
    if week.all():
        return [(0, WEEK)]
    if not week.any():
        return []
    before = np.roll(week, 1)
    starts = np.flatnonzero(week & ~before)  # a True whose predecessor is False
    ends = np.flatnonzero(~week & before)  # the first False after a run
    follow = ends[np.searchsorted(ends, starts, side="right") % len(ends)]
    lengths = (follow - starts) % WEEK
    return list(zip(starts.tolist(), lengths.tolist()))


def days_text(days: list[int]) -> str:
    """[0, 1, 2, 3] -> 'mon-thu'; [5, 6] -> 'sat,sun'; [0, 2] -> 'mon,wed'."""
    groups: list[list[int]] = []
    for day in sorted(days):
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        if len(group) >= 3:
            parts.append(f"{DAY_NAMES[group[0]]}-{DAY_NAMES[group[-1]]}")
        else:
            parts.extend(DAY_NAMES[d] for d in group)
    return ",".join(parts)


def describe(week: Week, *, limit: int = 6) -> str:
    """Human text of a set: 'mon-thu 17:00-08:00, fri 16:00-mon 08:00'."""
    found = runs(week)
    if not found:
        return "never"
    if found == [(0, WEEK)]:
        return "all week"
    grouped: dict[tuple[int, int], list[int]] = {}
    for start, length in found:
        grouped.setdefault((start % DAY, length), []).append(start // DAY)
    texts: list[tuple[int, str]] = []
    for (minute, length), days in grouped.items():
        end = minute + length
        if length < DAY:
            texts.append((min(days) * DAY + minute, f"{days_text(days)} {clock(minute)}-{clock(end % DAY or DAY)}"))
        else:
            for day in days:
                stop = (day * DAY + end) % WEEK
                end_day, end_minute = divmod(stop, DAY)
                if end_minute == 0:  # ends at midnight: name the day that ends
                    end_day, end_minute = (end_day - 1) % 7, DAY
                texts.append((day * DAY + minute, f"{DAY_NAMES[day]} {clock(minute)}-{DAY_NAMES[end_day]} {clock(end_minute)}"))
    texts.sort()
    shown = [text for _, text in texts[:limit]]
    more = len(texts) - limit
    return ", ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def longest_run(week: Week) -> int:
    """Length in minutes of the longest run of True (0 if none)."""
    return max((length for _, length in runs(week)), default=0)

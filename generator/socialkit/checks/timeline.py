"""Exact time: sets of UTC windows from the engine, and how they look locally.

The engine compiles schedules and rotas into sorted, disjoint [start, end)
windows in UTC epoch seconds. The rules need set arithmetic on them (open but
nobody on duty) and a way back to local dates and clock times for messages.
Every operation is a linear merge over sorted windows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.checks import weekly
from socialkit.engine import intervals

Windows = tuple[np.ndarray, np.ndarray]


def windows(starts, ends) -> Windows:
    return np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def merged(spans: Windows) -> Windows:
    """Sorted, disjoint, non-touching windows (merge overlaps and touching ends; drop empty ones)."""
    return intervals.merge_arrays(*spans)


def subtract(a: Windows, b: Windows) -> Windows:
    """Parts of `a` not covered by `b` (both sorted and disjoint)."""
    a_starts, a_ends = a
    b_starts, b_ends = merged(b)
    out_s: list[int] = []
    out_e: list[int] = []
    j = 0
    nb = len(b_starts)
    for s, e in zip(a_starts.tolist(), a_ends.tolist()):
        while j < nb and b_ends[j] <= s:
            j += 1
        k = j
        cursor = s
        while k < nb and b_starts[k] < e:
            if b_starts[k] > cursor:
                out_s.append(cursor)
                out_e.append(int(b_starts[k]))
            cursor = max(cursor, int(b_ends[k]))
            if cursor >= e:
                break
            k += 1
        if cursor < e:
            out_s.append(cursor)
            out_e.append(e)
    return windows(out_s, out_e)


def complement(spans: Windows, lo: int, hi: int) -> Windows:
    """[lo, hi) minus the windows."""
    return subtract(windows([lo], [hi]), spans)


def clip(spans: Windows, lo: int, hi: int) -> Windows:
    starts, ends = np.maximum(spans[0], lo), np.minimum(spans[1], hi)
    keep = ends > starts
    return starts[keep], ends[keep]


@dataclass(frozen=True, slots=True, eq=False)
class Exact:
    """Windows known exactly inside [lo, hi) (a compiled horizon); unknown outside."""

    windows: Windows
    lo: int
    hi: int

    def __sub__(self, other: Exact) -> Exact:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Exact(subtract(clip(self.windows, lo, hi), other.windows), lo, hi)

    def __and__(self, other: Exact) -> Exact:
        return self - Exact(complement(other.windows, other.lo, other.hi), other.lo, other.hi)

    def inverted(self) -> Exact:
        return Exact(complement(self.windows, self.lo, self.hi), self.lo, self.hi)

    @property
    def empty(self) -> bool:
        return not len(self.windows[0])


@dataclass(frozen=True, slots=True)
class LocalPiece:
    """A part of one local date: [start, end) minutes past local midnight."""

    day: date
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"{self.day.isoformat()} {weekly.clock(self.start)}-{weekly.clock(self.end)}"


def local_pieces(spans: Windows, zone: ZoneInfo) -> Iterator[LocalPiece]:
    """Each window cut at local midnights, in local wall-clock minutes."""
    for s, e in zip(spans[0].tolist(), spans[1].tolist()):
        start = datetime.fromtimestamp(s, zone)
        end = datetime.fromtimestamp(e, zone)
        day = start.date()
        minute = start.hour * 60 + start.minute
        while day < end.date():
            if minute < weekly.DAY:
                yield LocalPiece(day, minute, weekly.DAY)
            day += timedelta(days=1)
            minute = 0
        stop = end.hour * 60 + end.minute
        if stop > minute:
            yield LocalPiece(day, minute, stop)


def split_by_week(spans: Windows, zone: ZoneInfo, usual: weekly.Week) -> tuple[weekly.Week, list[LocalPiece]]:
    """Separate exact windows into the weekly pattern `usual` and dated exceptions.

    Returns the part of `usual` that actually occurs in the windows, and the
    local pieces that fall outside `usual` (holidays, seasons, closures ...).
    """
    seen = weekly.empty()
    dated: list[LocalPiece] = []
    for piece in local_pieces(spans, zone):
        base = piece.day.weekday() * weekly.DAY
        inside = usual[base + piece.start : base + piece.end]
        seen[base + piece.start : base + piece.end] |= inside
        if inside.all():
            continue
        # the minutes of this piece outside the weekly pattern, as sub-pieces
        outside = np.flatnonzero(~inside)
        cuts = np.flatnonzero(np.diff(outside) > 1)
        for first, last in zip(np.r_[0, cuts + 1], np.r_[cuts, len(outside) - 1]):
            dated.append(LocalPiece(piece.day, piece.start + int(outside[first]), piece.start + int(outside[last]) + 1))
    return seen, dated


def describe_dated(dated: list[LocalPiece], *, limit: int = 3) -> str:
    """Dated pieces grouped by their hours, e.g.
    'on 2026-12-23 08:00-17:00, 15:00-16:00 on 38 dates from 2027-06-22 to 2027-08-13'."""
    by_day: dict[date, list[LocalPiece]] = {}
    for piece in dated:
        by_day.setdefault(piece.day, []).append(piece)
    by_hours: dict[str, list[date]] = {}
    for day in sorted(by_day):
        hours = ",".join(f"{weekly.clock(p.start)}-{weekly.clock(p.end)}" for p in by_day[day])
        by_hours.setdefault(hours, []).append(day)
    groups = sorted(by_hours.items(), key=lambda item: item[1][0])
    texts = []
    for hours, days in groups[:limit]:
        if len(days) <= 2:
            texts.append(", ".join(f"on {day.isoformat()} {hours}" for day in days))
        else:
            texts.append(f"{hours} on {len(days)} dates from {days[0].isoformat()} to {days[-1].isoformat()}")
    more = sum(len(days) for _, days in groups[limit:])
    return ", ".join(texts) + (f" (and {more} more date{'s' * (more != 1)})" if more > 0 else "")

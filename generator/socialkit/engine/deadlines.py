"""Queries on a CompiledSchedule: open or not, next opening, deadlines.

All instants are integer UTC epoch seconds. The batch functions are the
implementation (numpy, binary search over the windows, no Python loop over
events); the scalar functions wrap them and raise HorizonError where a batch
function returns the -1 sentinel.

Business clock: the deadline for arrival t and target d seconds is the
smallest x >= t with exactly d open seconds in [t, x). It may fall on a
closing instant. d = 0 gives t if open at t, else the next opening.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from socialkit.engine.compiled import CompiledSchedule
from socialkit.engine.errors import HorizonError

__all__ = [
    "is_open",
    "next_open",
    "closes_at",
    "open_seconds_between",
    "business_deadline",
    "end_of_next_business_day",
    "calendar_deadline",
    "is_open_many",
    "next_open_many",
    "business_deadlines",
    "end_of_next_business_days",
    "open_seconds_before_many",
]

NO_TIME = -1  # the one "no time" sentinel of every batch: no answer inside the horizon, no target, no time given


def _i64(values: ArrayLike) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def _in_horizon(cs: CompiledSchedule, t: np.ndarray) -> np.ndarray:
    return (t >= cs.horizon_start) & (t < cs.horizon_end)


def _locate(cs: CompiledSchedule, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(k, safe k, open mask): k is the last window starting at or before t (-1 if none)."""
    k = np.searchsorted(cs.starts, t, side="right") - 1
    safe = np.maximum(k, 0)
    if not len(cs.starts):
        return k, safe, np.zeros(t.shape, dtype=bool)
    return k, safe, (k >= 0) & (t < cs.ends[safe])


def _next_open(cs: CompiledSchedule, t: np.ndarray, k: np.ndarray, inside: np.ndarray) -> np.ndarray:
    n = len(cs.starts)
    following = k + 1
    has_next = following < n
    after = cs.starts[np.minimum(following, n - 1)] if n else np.zeros(t.shape, dtype=np.int64)
    return np.where(inside, t, np.where(has_next, after, NO_TIME))


def open_seconds_before_many(cs: CompiledSchedule, t: ArrayLike) -> np.ndarray:
    """Open seconds in [horizon_start, t) for each t (t clipped to the horizon)."""
    clipped = np.clip(_i64(t), cs.horizon_start, cs.horizon_end)
    k, safe, _ = _locate(cs, clipped)
    if not len(cs.starts):
        return np.zeros(clipped.shape, dtype=np.int64)
    inner = cs.cum[safe] + np.minimum(clipped, cs.ends[safe]) - cs.starts[safe]
    return np.where(k >= 0, inner, 0)


def is_open_many(cs: CompiledSchedule, t: ArrayLike) -> np.ndarray:
    """Bool array: open at each t. HorizonError if any t is outside the horizon."""
    t = _i64(t)
    if not _in_horizon(cs, t).all():
        raise HorizonError(f"schedule {cs.id!r}: instants outside the compiled horizon")
    return _locate(cs, t)[2]


def next_open_many(cs: CompiledSchedule, t: ArrayLike) -> np.ndarray:
    """t where open, else the next opening; -1 if none in the horizon or t outside it."""
    t = _i64(t)
    k, _, inside = _locate(cs, t)
    return np.where(_in_horizon(cs, t), _next_open(cs, t, k, inside), NO_TIME)


def business_deadlines(cs: CompiledSchedule, t: ArrayLike, d: ArrayLike) -> np.ndarray:
    """Business-clock deadlines for arrivals t with targets d seconds (broadcast).

    -1 where t is outside the horizon or the deadline lies beyond it.
    ValueError if any d is negative.
    """
    t, d = np.broadcast_arrays(_i64(t), _i64(d))
    if (d < 0).any():
        raise ValueError("deadline targets must be >= 0 seconds")
    n = len(cs.starts)
    k, safe, inside = _locate(cs, t)
    if n == 0:
        return np.full(t.shape, NO_TIME, dtype=np.int64)
    before = np.where(k >= 0, cs.cum[safe] + np.minimum(t, cs.ends[safe]) - cs.starts[safe], 0)
    target = before + d
    j = np.searchsorted(cs.cum_end, target, side="left")  # first window reaching target
    jj = np.minimum(j, n - 1)
    positive = np.where(j < n, cs.starts[jj] + (target - cs.cum[jj]), NO_TIME)
    result = np.where(d == 0, _next_open(cs, t, k, inside), positive)
    return np.where(_in_horizon(cs, t), result, NO_TIME)


def end_of_next_business_days(cs: CompiledSchedule, t: ArrayLike) -> np.ndarray:
    """Close instant of the local date of the next opening at or after t; -1 if none."""
    opening = next_open_many(cs, t)
    day = np.searchsorted(cs.day_starts, opening, side="right") - 1
    day = np.clip(day, 0, len(cs.day_closes) - 1)
    return np.where(opening == NO_TIME, NO_TIME, cs.day_closes[day])


# -- scalar API -----------------------------------------------------------------


def _check(cs: CompiledSchedule, t: int) -> None:
    if not cs.horizon_start <= t < cs.horizon_end:
        raise HorizonError(f"schedule {cs.id!r}: instant {t} outside the compiled horizon [{cs.horizon_start}, {cs.horizon_end})")


def _beyond(cs: CompiledSchedule, what: str, t: int) -> HorizonError:
    return HorizonError(f"schedule {cs.id!r}: {what} for {t} lies beyond the compiled horizon end {cs.horizon_end}")


def is_open(cs: CompiledSchedule, t: int) -> bool:
    """Whether the schedule is open at instant t."""
    _check(cs, t)
    return bool(_locate(cs, _i64([t]))[2][0])


def next_open(cs: CompiledSchedule, t: int) -> int:
    """t if open at t, else the start of the next window."""
    _check(cs, t)
    out = int(next_open_many(cs, [t])[0])
    if out == NO_TIME:
        raise _beyond(cs, "next opening", t)
    return out


def closes_at(cs: CompiledSchedule, t: int) -> int | None:
    """End of the window containing t; None if closed at t.

    HorizonError if the window is still open at the horizon end (its real end
    is unknown).
    """
    _check(cs, t)
    k, _, inside = _locate(cs, _i64([t]))
    if not inside[0]:
        return None
    end = int(cs.ends[k[0]])
    if end >= cs.horizon_end:
        raise _beyond(cs, "closing time", t)
    return end


def open_seconds_between(cs: CompiledSchedule, a: int, b: int) -> int:
    """Open seconds in [a, b); requires horizon_start <= a <= b <= horizon_end."""
    if not cs.horizon_start <= a <= b <= cs.horizon_end:
        raise HorizonError(f"schedule {cs.id!r}: [{a}, {b}) not a range inside the compiled horizon [{cs.horizon_start}, {cs.horizon_end})")
    before = open_seconds_before_many(cs, [a, b])
    return int(before[1] - before[0])


def business_deadline(cs: CompiledSchedule, t: int, d: int) -> int:
    """Smallest x >= t with d open seconds in [t, x) (see module docstring)."""
    _check(cs, t)
    out = int(business_deadlines(cs, [t], [d])[0])
    if out == NO_TIME:
        raise _beyond(cs, f"business deadline (+{d}s)", t)
    return out


def end_of_next_business_day(cs: CompiledSchedule, t: int) -> int:
    """End of the last open piece of the local date of next_open(cs, t)."""
    _check(cs, t)
    out = int(end_of_next_business_days(cs, [t])[0])
    if out == NO_TIME:
        raise _beyond(cs, "end of next business day", t)
    return out


def calendar_deadline(t: int, d: int) -> int:
    """Calendar clock: t + d, ignoring schedules and holidays."""
    if d < 0:
        raise ValueError("deadline targets must be >= 0 seconds")
    return t + d

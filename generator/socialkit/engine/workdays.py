"""Targets counted in working days of a schedule.

A working day is a local date (in the schedule's zone) on which an opening
interval of the schedule starts: weekly hours, seasons, special hours,
closures and holidays decide it, exactly as they decide the windows. Its close
is the end of the open time of the intervals that start on it: 17:00 for
08:00-17:00, 01:00 the next morning for an evening desk open 17:00-01:00 (so
the early hours of Saturday belong to Friday's working day, and Saturday is
no working day of its own).

The deadline for arrival t and n >= 1 working days is the close of the n-th
working day after the local date of t. The date of arrival never counts,
whatever the time of day and whether or not it is a working day itself, so
"within one working day" and "by the next working day" are the same instant:
a message on Monday (at 06:00, 10:00 or 20:00) is due at Tuesday's close, one
on Saturday at Monday's close, one on Maundy Thursday at the close of the
Tuesday after Easter Monday.

As in `deadlines`, the batch function is the implementation and the scalar
one wraps it; -1 (NO_TIME) means an arrival outside the horizon or a deadline
beyond it (a close at the horizon end counts as beyond: the interval may go on).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from socialkit.engine.compiled import CompiledSchedule
from socialkit.engine.deadlines import NO_TIME
from socialkit.engine.errors import HorizonError

__all__ = ["working_day_indexes", "working_day_deadline", "working_day_deadlines"]


def working_day_indexes(cs: CompiledSchedule) -> np.ndarray:
    """Indexes k (dates as_of + k) of the horizon's working days, ascending."""
    return np.flatnonzero(cs.work_closes >= 0)


def working_day_deadlines(cs: CompiledSchedule, t: ArrayLike, n: ArrayLike) -> np.ndarray:
    """The close of the n-th working day after each arrival's local date (broadcast); ValueError if any n < 1."""
    t, n = np.broadcast_arrays(np.asarray(t, dtype=np.int64), np.asarray(n, dtype=np.int64))
    if (n < 1).any():
        raise ValueError("working-day targets must be at least 1 working day")
    working = working_day_indexes(cs)
    inside = (t >= cs.horizon_start) & (t < cs.horizon_end)
    if not len(working):
        return np.full(t.shape, NO_TIME, dtype=np.int64)
    arrival_day = np.searchsorted(cs.day_starts, t, side="right") - 1
    position = np.searchsorted(working, arrival_day, side="right") + n - 1  # working days up to the arrival date don't count
    found = inside & (position < len(working))
    closes = cs.work_closes[working[np.minimum(position, len(working) - 1)]]
    known = closes < cs.horizon_end  # an interval of the last date may run on past the compiled end
    return np.where(found & known, closes, NO_TIME)


def working_day_deadline(cs: CompiledSchedule, t: int, n: int) -> int:
    """The close of the n-th working day after t's local date; HorizonError outside or beyond the horizon."""
    if not cs.horizon_start <= t < cs.horizon_end:
        raise HorizonError(f"schedule {cs.id!r}: instant {t} outside the compiled horizon [{cs.horizon_start}, {cs.horizon_end})")
    out = int(working_day_deadlines(cs, [t], [n])[0])
    if out == NO_TIME:
        raise HorizonError(f"schedule {cs.id!r}: {n} working day(s) after {t} lies beyond the compiled horizon end {cs.horizon_end}")
    return out

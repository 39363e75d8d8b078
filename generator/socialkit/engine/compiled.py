"""A compiled schedule: what a query needs, and its plain (JSON) form.

The queries (engine/deadlines.py, engine/workdays.py) and a policy read from
policies/policy.json need only this module, not the compiler (engine/windows.py)
with its calendars and rule records: one decision from a built policy starts
without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

PLAIN_FORMAT = "socialkit.schedule/1"


@dataclass(frozen=True, slots=True, eq=False)
class CompiledSchedule:
    """Open windows of one schedule over a horizon, in UTC epoch seconds.

    Windows are half-open [starts[i], ends[i]), sorted, disjoint and not
    touching. cum[i] is the open seconds in [horizon_start, starts[i]).
    day_starts[k] is the UTC start of local date as_of + k (len n_days + 1,
    the last entry equals horizon_end); day_closes[k] is the end of the last
    open piece of that date, or -1 if the date has no open time.
    work_closes[k] is the end of the open time of the intervals that start on
    local date as_of + k (an interval past midnight ends the next morning), or
    -1 if none does: the dates with one are the working days (engine/workdays.py).
    """

    id: str
    timezone: str
    as_of: date
    horizon_start: int
    horizon_end: int
    starts: np.ndarray
    ends: np.ndarray
    cum: np.ndarray
    day_starts: np.ndarray
    day_closes: np.ndarray
    work_closes: np.ndarray

    @property
    def cum_end(self) -> np.ndarray:
        """Open seconds in [horizon_start, ends[i])."""
        return self.cum + (self.ends - self.starts)

    @property
    def open_total(self) -> int:
        return int(self.cum[-1] + self.ends[-1] - self.starts[-1]) if len(self.starts) else 0

    def to_plain(self) -> dict[str, Any]:
        return schedule_to_plain(self)


def _frozen(values: Iterable[int]) -> np.ndarray:
    arr = np.fromiter(values, dtype=np.int64)
    arr.flags.writeable = False
    return arr


def schedule_to_plain(cs: CompiledSchedule) -> dict[str, Any]:
    """JSON-ready dict: windows as [[start, end], ...] plus the per-day arrays.

    A reader needs only integer comparisons: open at t iff some window has
    start <= t < end; open seconds before window i is cum[i].
    """
    return {
        "format": PLAIN_FORMAT,
        "id": cs.id,
        "timezone": cs.timezone,
        "as_of": cs.as_of.isoformat(),
        "horizon_start": cs.horizon_start,
        "horizon_end": cs.horizon_end,
        "windows": [[int(s), int(e)] for s, e in zip(cs.starts, cs.ends)],
        "cum": [int(c) for c in cs.cum],
        "day_starts": [int(d) for d in cs.day_starts],
        "day_closes": [int(c) for c in cs.day_closes],
        "work_closes": [int(c) for c in cs.work_closes],
    }


def schedule_from_plain(data: dict[str, Any]) -> CompiledSchedule:
    """Inverse of schedule_to_plain."""
    if data.get("format") != PLAIN_FORMAT:
        raise ValueError(f"not a {PLAIN_FORMAT} document: format={data.get('format')!r}")
    windows = data["windows"]
    return CompiledSchedule(
        id=data["id"],
        timezone=data["timezone"],
        as_of=date.fromisoformat(data["as_of"]),
        horizon_start=int(data["horizon_start"]),
        horizon_end=int(data["horizon_end"]),
        starts=_frozen(w[0] for w in windows),
        ends=_frozen(w[1] for w in windows),
        cum=_frozen(data["cum"]),
        day_starts=_frozen(data["day_starts"]),
        day_closes=_frozen(data["day_closes"]),
        work_closes=_frozen(data["work_closes"]),
    )

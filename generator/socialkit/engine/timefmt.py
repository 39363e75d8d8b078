"""Fast RFC 3339 formatting of many epoch seconds in one IANA zone.

`datetime.fromtimestamp(t, zone).isoformat()` costs microseconds per call, and
a batch of decisions formats several times per event. Instead the zone's UTC
offset transitions are found once for the range in use (hourly samples, each
change refined to the second by bisection) and strings are made by numpy.
A handful of instants (one decision on the command line) is formatted one by
one instead: building the table and the day's 86,400 clock texts would cost
more than the answer.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

STEP = 3600  # zones never change offset twice within an hour
WEEKDAY = ("Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed")  # 1970-01-01 was a Thursday
FEW = 64  # up to this many instants outside the table's range are formatted one by one


class ZoneFormatter:
    def __init__(self, zone_name: str, horizon: tuple[int, int] | None = None) -> None:
        """`horizon`: (first, last) instant the first offset table covers (a compiled policy's horizon), so that
        a batch in pieces builds one table, not one per piece."""
        self.zone = ZoneInfo(zone_name)
        self._horizon = horizon
        self._range = (0, -1)
        self._changes = np.zeros(0, dtype=np.int64)  # instants where a new offset starts
        self._values = np.zeros(1, dtype=np.int64)  # offset before the first change, then after each

    def _offset(self, instant: int) -> int:
        offset = datetime.fromtimestamp(instant, self.zone).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def _cover(self, low: int, high: int) -> None:
        if self._range[0] <= low and high <= self._range[1]:
            return
        if self._range[1] >= self._range[0]:  # grow the known range instead of replacing it
            low, high = min(low, self._range[0]), max(high, self._range[1])
        low, high = low - 2 * 86400, high + 450 * 86400  # one table covers a whole compiled horizon
        low -= low % STEP
        samples = np.arange(low, high + STEP, STEP, dtype=np.int64)
        values = np.fromiter((self._offset(int(s)) for s in samples), dtype=np.int64, count=len(samples))
        changes, offsets = [], [int(values[0])]
        for k in np.flatnonzero(values[1:] != values[:-1]).tolist():
            a, b = int(samples[k]), int(samples[k + 1])  # offset(a) differs from offset(b)
            while b - a > 1:
                middle = (a + b) // 2
                if self._offset(middle) == values[k]:
                    a = middle
                else:
                    b = middle
            changes.append(b)
            offsets.append(int(values[k + 1]))
        self._range = (int(samples[0]), int(samples[-1]))
        self._changes = np.array(changes, dtype=np.int64)
        self._values = np.array(offsets, dtype=np.int64)

    def offsets(self, t: np.ndarray) -> np.ndarray:
        if self._horizon is not None:
            self._cover(*self._horizon)
            self._horizon = None
        self._cover(int(t.min()), int(t.max()))
        return self._values[np.searchsorted(self._changes, t, side="right")]

    def both(self, t: np.ndarray) -> tuple[list[str], list[str]]:
        """(RFC 3339 like isoformat(), 'Mon 2026-11-23 16:30') for each t.

        Strings are glued from per-day and per-second-of-day pieces: a batch
        spans few days, and the 86,400 clock texts are made once per process.
        """
        t = np.asarray(t, dtype=np.int64)
        if not len(t):
            return [], []
        if len(t) <= FEW and not (self._range[0] <= int(t.min()) and int(t.max()) <= self._range[1]):
            return self._one_by_one(t.tolist())
        offsets = self.offsets(t)
        local = t + offsets
        day = local // 86400
        second = (local - day * 86400).tolist()
        first = int(day.min())
        days = np.arange(first, int(day.max()) + 1, dtype=np.int64)
        dates = np.datetime_as_string(days.astype("datetime64[D]")).tolist()
        labels = [f"{WEEKDAY[d % 7]} {date}" for d, date in zip(days.tolist(), dates)]
        index = (day - first).tolist()
        clock, minute = _clock_texts()
        if len(self._values) == 1:
            suffix = _offset_text(int(self._values[0]))
            rfc = [f"{dates[d]}{clock[s]}{suffix}" for d, s in zip(index, second)]
        else:
            texts = {int(o): _offset_text(int(o)) for o in self._values}
            rfc = [f"{dates[d]}{clock[s]}{texts[o]}" for d, s, o in zip(index, second, offsets.tolist())]
        short = [f"{labels[d]}{minute[s // 60]}" for d, s in zip(index, second)]
        return rfc, short

    def _one_by_one(self, instants: list[int]) -> tuple[list[str], list[str]]:
        """`both` through datetime, for a few instants: the same texts (tests/engine/test_timefmt.py)."""
        rfc, short = [], []
        for instant in instants:
            local = datetime.fromtimestamp(instant, self.zone)
            offset = local.utcoffset()
            date_text = local.strftime("%Y-%m-%d") if local.year >= 1000 else f"{local.year:04d}-{local.month:02d}-{local.day:02d}"
            rfc.append(f"{date_text}T{local:%H:%M:%S}{_offset_text(int(offset.total_seconds()) if offset is not None else 0)}")
            short.append(f"{WEEKDAY[(local.toordinal() - 719163) % 7]} {date_text} {local:%H:%M}")
        return rfc, short

    def rfc3339(self, t: np.ndarray) -> list[str]:
        return self.both(t)[0]

    def short(self, t: np.ndarray) -> list[str]:
        return self.both(t)[1]


def _offset_text(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


@lru_cache(maxsize=1)
def _clock_texts() -> tuple[list[str], list[str]]:
    """('THH:MM:SS' for every second of a day, ' HH:MM' for every minute)."""
    two = [f"{i:02d}" for i in range(60)]  # joined, not formatted 86,400 times: 8x faster at start-up
    seconds = [f"T{h}:{m}:{s}" for h in two[:24] for m in two for s in two]
    minutes = [f" {h}:{m}" for h in two[:24] for m in two]
    return seconds, minutes

"""Fast RFC 3339 formatting of many epoch seconds in one IANA zone.

`datetime.fromtimestamp(t, zone).isoformat()` costs microseconds per call, and
a batch of decisions formats several times per event. Instead the zone's UTC
offset transitions are found once for the range in use (hourly samples, each
change refined to the second by bisection) and texts are glued by numpy from
per-day, per-second-of-day and per-offset pieces (engine/textrows.py): a
batch spans few days, and the day's 86,400 clock texts are made once per
process. A handful of instants (one decision on the command line) is formatted one by
one instead: building the table and the day's 86,400 clock texts would cost
more than the answer.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.engine.textrows import TextRows, byte_table, with_fills

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
        self._day_tables: dict[str, tuple[int, np.ndarray]] = {}  # style -> (first day, its date texts) over the range

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
        self._day_tables.clear()

    def offsets(self, t: np.ndarray) -> np.ndarray:
        codes = self.offset_codes(t)  # first: it may grow the table
        return self._values[codes]

    def offset_codes(self, t: np.ndarray) -> np.ndarray:
        """Per instant, the index of its UTC offset in `self._values`."""
        if self._horizon is not None:
            self._cover(*self._horizon)
            self._horizon = None
        self._cover(int(t.min()), int(t.max()))
        return np.searchsorted(self._changes, t, side="right")

    def both(self, t: np.ndarray, quoted: bool = False) -> tuple[list[str], list[str]]:
        """(RFC 3339 like isoformat(), 'Mon 2026-11-23 16:30') for each t; `quoted`: the RFC 3339 texts as JSON strings."""
        t = np.asarray(t, dtype=np.int64)
        return _texts(self.pieces(t, "json" if quoted else "rfc3339"), len(t)), _texts(self.pieces(t, "short"), len(t))

    def pieces(self, t: np.ndarray, style: str) -> list[tuple[np.ndarray, np.ndarray]]:
        """The texts of instants t as TextRows pieces; style 'rfc3339', 'json' (RFC 3339 in quotes) or 'short'."""
        if not len(t):
            return [(np.zeros((0, 0), dtype=np.uint8), np.zeros(0, dtype=np.intp))]
        if len(t) <= FEW and not (self._range[0] <= int(t.min()) and int(t.max()) <= self._range[1]):
            rfc, short = self._one_by_one(t.tolist())
            texts = short if style == "short" else [f'"{text}"' for text in rfc] if style == "json" else rfc
            return [(byte_table(texts), np.arange(len(t)))]
        codes = self.offset_codes(t)
        local = t + self._values[codes]
        day = local // 86400
        second = local - day * 86400
        first, days = self._days(style)
        clock, minute = _clock_tables()
        if style == "short":
            return [(days, day - first), (minute, second // 60)]
        quote = '"' if style == "json" else ""
        offsets = [_offset_text(int(o)) + quote for o in self._values]
        return [(days, day - first), (clock, second), (byte_table(offsets), codes)]

    def _days(self, style: str) -> tuple[int, np.ndarray]:
        """(first local day, a table of each local day's text) over the offset table's range: 'Mon 2026-11-23' for
        the short style, '2026-11-23' (after a quote for 'json') otherwise; made once per range, not per batch."""
        if style not in self._day_tables:
            low, high = self._range
            first = (low + int(self._values.min())) // 86400
            days = np.arange(first, (high + int(self._values.max())) // 86400 + 1, dtype=np.int64)
            dates = np.datetime_as_string(days.astype("datetime64[D]")).tolist()
            if style == "short":
                texts = [f"{WEEKDAY[d % 7]} {date}" for d, date in zip(days.tolist(), dates)]
            else:
                texts = [f'"{date}' for date in dates] if style == "json" else dates
            self._day_tables[style] = first, byte_table(texts)
        return self._day_tables[style]

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


def time_pieces(
    zones: list[tuple[ZoneFormatter, np.ndarray]], t: np.ndarray, style: str, fills: dict[int, str]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """TextRows pieces for t: each t[i] in the zone of the (formatter, indexes) pair that holds i, in `style`
    (see `ZoneFormatter.pieces`); where t[i] is a key of `fills` (a sentinel for no time), that text instead."""
    masks = [(t == value, text) for value, text in fills.items()]
    filled = np.zeros(len(t), dtype=bool)
    for mask, _ in masks:
        filled |= mask
    real = np.flatnonzero(~filled)
    if len(real) < len(t):  # sentinels take a real time's place in the tables, then the fills replace their texts
        t = np.where(filled, t[real[0]] if len(real) else 0, t)
    if not len(real):
        pieces = [(np.zeros((0, 0), dtype=np.uint8), np.zeros(len(t), dtype=np.intp))]
    elif len(zones) == 1:
        pieces = zones[0][0].pieces(t, style)
    else:
        pieces = _stacked([(indexes, formatter.pieces(t[indexes], style)) for formatter, indexes in zones if len(indexes)], len(t))
    return with_fills(pieces, [(mask, text) for mask, text in masks if mask.any()])


def _stacked(parts: list[tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]], count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pieces for all rows from the pieces of each zone's rows: the zones' tables one below the other."""
    if len({len(pieces) for _, pieces in parts}) > 1:  # a zone with a few instants has one piece: make them all one
        parts = [(rows, [(byte_table(_texts(pieces, len(rows))), np.arange(len(rows)))]) for rows, pieces in parts]
    out = []
    for number in range(len(parts[0][1])):
        tables = [pieces[number][0] for _, pieces in parts]
        width = max(table.shape[1] for table in tables)
        stacked = np.zeros((sum(len(table) for table in tables), width), dtype=np.uint8)
        index = np.zeros(count, dtype=np.intp)
        at = 0
        for (rows, pieces), table in zip(parts, tables):
            stacked[at : at + len(table), : table.shape[1]] = table
            index[rows] = pieces[number][1] + at
            at += len(table)
        out.append((stacked, index))
    return out


def _texts(pieces: list[tuple[np.ndarray, np.ndarray]], count: int) -> list[str]:
    rows = TextRows(count)
    rows.add_pieces(pieces)
    return rows.texts()


@lru_cache(maxsize=1)
def _clock_tables() -> tuple[np.ndarray, np.ndarray]:
    """TextRows tables of 'THH:MM:SS' for every second of a day and ' HH:MM' for every minute, made from digits
    by numpy (86,400 Python strings would cost a tenth of a second at start-up)."""
    return _clock_table(86400, "T", (3600, 60, 1)), _clock_table(1440, " ", (60, 1))


def _clock_table(count: int, lead: str, units: tuple[int, ...]) -> np.ndarray:
    """Row i: `lead`, then i split into `units` as two-digit numbers joined by ':' (the hour first)."""
    i = np.arange(count, dtype=np.int64)
    table = np.empty((count, 1 + 3 * len(units) - 1), dtype=np.uint8)
    table[:, 0] = ord(lead)
    for k, unit in enumerate(units):
        value = i // unit % (24 if k == 0 else 60)
        table[:, 1 + 3 * k] = ord("0") + value // 10
        table[:, 2 + 3 * k] = ord("0") + value % 10
        if k:
            table[:, 3 * k] = ord(":")
    return table

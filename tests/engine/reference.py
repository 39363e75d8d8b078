"""A brute-force minute-stepping reference for the time engine.

Shares no code with socialkit.engine. It is slow and deliberately literal:

1. For every local date, mark which of its 1440 wall-clock minutes are open,
   straight from the rules (closure, special, season, weekly; intervals past
   midnight spill into the next date; closed dates drop everything except
   their own special hours).
2. Walk every UTC minute of the range and note its local wall-clock minute.
   A wall time L resolves to the first UTC minute whose wall clock has
   reached L: that is the first occurrence of a repeated time, and the
   transition instant for a time in a spring-forward gap.
3. Wall minute [L, L+1) open -> UTC minutes [resolve(L), resolve(L+1)) open.

Queries then step minute by minute over a boolean array.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_pkg
import numpy as np

NAIVE_EPOCH = datetime(1970, 1, 1)


class Beyond(Exception):
    """The reference's answer lies beyond the horizon."""


def _easter(year: int) -> date:
    # dateutil's implementation is independent of the engine's.
    from dateutil.easter import easter

    return easter(year)


def named_days(name: str, year: int) -> date:
    if name == "easter-eve":
        return _easter(year) - timedelta(days=1)
    if name == "whitsun-eve":
        return _easter(year) + timedelta(days=48)
    if name == "midsummer-eve":
        return next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    if name == "all-saints-eve":
        saturday = next(day for day in (date(year, 10, 31) + timedelta(days=i) for i in range(7)) if day.weekday() == 5)
        return saturday - timedelta(days=1)
    fixed = {
        "christmas-eve": (12, 24),
        "new-years-eve": (12, 31),
        "walpurgis-eve": (4, 30),
        "epiphany-eve": (1, 5),
    }
    month, day = fixed[name]
    return date(year, month, day)


def holiday_dates(spec, first: date, last: date) -> set[date]:
    rules = spec.holidays
    out: set[date] = set()
    years = range(first.year, last.year + 1)
    if rules.country:
        skip = {n.lower() for n in rules.not_closed}
        for lang in ("en_US",):
            cal = holidays_pkg.country_holidays(rules.country, subdiv=rules.subdivision, years=years, language=lang)
            for day in cal:
                names = [n for n in cal.get_list(day) if n.lower() not in skip and n != "Sunday"]
                if names:
                    out.add(day)
    for name in rules.also_closed:
        out.update(named_days(name, y) for y in years)
    out.update(d for d, _ in rules.extra)
    return {d for d in out if first <= d <= last}


def _in_season(season, day: date) -> bool:
    if isinstance(season.start, date):
        return season.start <= day <= season.end
    md = (day.month, day.day)
    if tuple(season.start) <= tuple(season.end):
        return tuple(season.start) <= md <= tuple(season.end)
    return md >= tuple(season.start) or md <= tuple(season.end)


def _own_intervals(spec, day: date, closures: set[date]):
    """(intervals starting on day, from the day's own special hours?)"""
    if day in closures:
        return [], False
    specials = [iv for sp in spec.special if sp.date == day for iv in sp.intervals]
    if any(sp.date == day for sp in spec.special):
        return specials, True
    weekly = spec.weekly
    for season in spec.seasons:
        if _in_season(season, day):
            weekly = season.weekly
            break
    return [iv for dh in weekly if dh.weekday == day.weekday() for iv in dh.intervals], False


def open_wall_minutes(spec, first: date, last: date) -> dict[date, np.ndarray]:
    """date -> bool[1440], for first..last (the day before first spills in)."""
    closures = {c.start + timedelta(days=i) for c in spec.closures for i in range((c.end - c.start).days + 1)}
    holidays_ = holiday_dates(spec, first - timedelta(days=1), last) if spec.holidays_closed else set()
    closed = closures | holidays_
    out = {first + timedelta(days=i): np.zeros(1440, bool) for i in range((last - first).days + 1)}
    day = first - timedelta(days=1)
    while day <= last:
        intervals, own = _own_intervals(spec, day, closures)
        for iv in intervals:
            length = (iv.end - iv.start) % 1440 or 1440
            for m in range(iv.start, iv.start + length):
                on = day + timedelta(days=m // 1440)
                if on not in out:
                    continue
                if on in closed and not (own and on == day):
                    continue
                out[on][m % 1440] = True
        day += timedelta(days=1)
    return out


def wall_minutes_by_start(spec, first: date, last: date) -> dict[date, list[int]]:
    """Start date (first..last) -> the open wall minutes (minutes since 1970-01-01 00:00 local) of the intervals
    that start on it, as open_wall_minutes keeps them (a spill into a closed date is dropped)."""
    closures = {c.start + timedelta(days=i) for c in spec.closures for i in range((c.end - c.start).days + 1)}
    closed = closures | (holiday_dates(spec, first, last + timedelta(days=1)) if spec.holidays_closed else set())
    out: dict[date, list[int]] = {}
    day = first
    while day <= last:
        intervals, own = _own_intervals(spec, day, closures)
        midnight = (datetime.combine(day, datetime.min.time()) - NAIVE_EPOCH) // timedelta(minutes=1)
        for iv in intervals:
            length = (iv.end - iv.start) % 1440 or 1440
            for m in range(iv.start, iv.start + length):
                on = day + timedelta(days=m // 1440)
                if on in closed and not (own and on == day):
                    continue
                out.setdefault(day, []).append(midnight + m)
        day += timedelta(days=1)
    return out


class Reference:
    """Open/closed per UTC minute over the engine's horizon."""

    def __init__(self, spec, as_of: date, horizon_days: int):
        tz = ZoneInfo(spec.timezone)
        last = as_of + timedelta(days=horizon_days - 1)
        # UTC minutes covering every local wall minute we need, with margin.
        lo = int((datetime.combine(as_of - timedelta(days=2), datetime.min.time()) - NAIVE_EPOCH).total_seconds()) // 60
        hi = lo + (horizon_days + 5) * 1440
        self.base = lo
        walls = np.empty(hi - lo, dtype=np.int64)
        for i in range(hi - lo):
            offset = datetime.fromtimestamp((lo + i) * 60, tz).utcoffset()
            walls[i] = lo + i + offset // timedelta(minutes=1)  # local wall minute
        self.walls = walls
        self.reached = np.maximum.accumulate(walls)
        wall_open = open_wall_minutes(spec, as_of, last)
        opened = np.zeros(hi - lo + 1, dtype=np.int64)
        for day, minutes in wall_open.items():
            day_min = (datetime.combine(day, datetime.min.time()) - NAIVE_EPOCH) // timedelta(minutes=1)
            wall_minutes = day_min + np.flatnonzero(minutes)
            a = np.searchsorted(self.reached, wall_minutes, side="left")
            b = np.searchsorted(self.reached, wall_minutes + 1, side="left")
            np.add.at(opened, a, 1)
            np.add.at(opened, b, -1)
        self.open = np.cumsum(opened)[:-1] > 0
        self.hs = self.resolve_date(as_of) * 60
        self.he = self.resolve_date(as_of + timedelta(days=horizon_days)) * 60
        self.open[: self.hs // 60 - lo] = False
        self.open[self.he // 60 - lo :] = False

    def resolve(self, wall_minute: int) -> int:
        """UTC minute at which the local wall clock first reaches wall_minute."""
        return self.base + int(np.searchsorted(self.reached, wall_minute, side="left"))

    def resolve_many(self, wall_minutes: np.ndarray) -> np.ndarray:
        """`resolve` of each wall minute."""
        return self.base + np.searchsorted(self.reached, wall_minutes, side="left")

    def resolve_date(self, day: date) -> int:
        return self.resolve((datetime.combine(day, datetime.min.time()) - NAIVE_EPOCH) // timedelta(minutes=1))

    def local_date(self, t: int) -> date:
        return (NAIVE_EPOCH + timedelta(minutes=int(self.walls[t // 60 - self.base]))).date()

    def is_open(self, t: int) -> bool:
        return bool(self.open[t // 60 - self.base])

    def next_open(self, t: int) -> int:
        if self.is_open(t):
            return t
        m = t // 60 + 1
        while m * 60 < self.he:
            if self.open[m - self.base]:
                return m * 60
            m += 1
        raise Beyond

    def deadline(self, t: int, d: int) -> int:
        if d == 0:
            return self.next_open(t)
        left, cur = d, t
        while cur < self.he:
            nxt = (cur // 60 + 1) * 60
            if self.open[cur // 60 - self.base]:
                if left <= nxt - cur:
                    return cur + left
                left -= nxt - cur
            cur = nxt
        raise Beyond

    def open_seconds(self, a: int, b: int) -> int:
        total, cur = 0, a
        while cur < b:
            nxt = min((cur // 60 + 1) * 60, b)
            if self.open[cur // 60 - self.base]:
                total += nxt - cur
            cur = nxt
        return total

    def closes_at(self, t: int) -> int | None:
        if not self.is_open(t):
            return None
        m = t // 60
        while self.open[m - self.base]:
            m += 1
        if m * 60 >= self.he:
            raise Beyond
        return m * 60

    def end_of_next_business_day(self, t: int) -> int:
        opening = self.next_open(t)
        day = self.local_date(opening)
        m = opening // 60
        last_open = m
        while m * 60 < self.he and self.local_date(m * 60) == day:
            if self.open[m - self.base]:
                last_open = m
            m += 1
        return (last_open + 1) * 60


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())

"""Local wall-clock time to UTC epoch seconds, with one rule for DST edges.

- A non-existent local time (the spring-forward gap) moves forward to the
  first instant that exists: the transition itself (pandas calls this
  ``nonexistent="shift_forward"``).
- An ambiguous local time (the fall-back repeat) takes its first occurrence
  (``fold=0``).

The mapping is monotone: a later wall time never maps to an earlier instant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["zone", "wall_to_utc", "local_to_utc", "local_midnight", "utc_to_local"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_SECOND = timedelta(seconds=1)


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; ValueError if the zone database lacks it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA timezone {name!r}") from exc


def _offset_at(tz: ZoneInfo, utc_seconds: int) -> timedelta:
    return datetime.fromtimestamp(utc_seconds, tz).utcoffset() or timedelta(0)


def _timestamp(aware: datetime) -> int:
    return (aware - _EPOCH) // timedelta(seconds=1)


def wall_to_utc(tz: ZoneInfo, wall: datetime) -> int:
    """UTC epoch seconds of the naive local `wall` time in `tz`."""
    naive = wall.replace(tzinfo=None, fold=0)
    if naive.microsecond:
        return _wall_to_utc(tz, naive)
    return _seconds_to_utc(tz, naive, _naive_seconds(naive.date(), naive.hour * 3600 + naive.minute * 60 + naive.second))


@lru_cache(maxsize=1 << 16)
def local_to_utc(tz: ZoneInfo, day: date, minute: int) -> int:
    """UTC epoch seconds of local `day` at `minute` minutes past midnight.

    Remembered: the schedules of one strategy share their days and mostly their hours (validate
    resolves ~7000 wall times of which ~2800 differ).
    """
    if 0 <= minute < 1440:
        wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    else:
        wall = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    return _seconds_to_utc(tz, wall, _naive_seconds(day, minute * 60))


def _naive_seconds(day: date, seconds: int) -> int:
    """Epoch seconds of a wall time read as if it were UTC."""
    return (day.toordinal() - _EPOCH_ORDINAL) * 86400 + seconds


def _seconds_to_utc(tz: ZoneInfo, naive: datetime, naive_seconds: int) -> int:
    """`_wall_to_utc` for a whole-second wall time, without building aware datetimes (a schedule resolves thousands).

    The first reading (fold=0) is the wall time less its offset; it stands when the offset at
    that instant is the same one, which is `_wall_to_utc`'s round trip in integers. Else the wall
    time is in a gap, which `_wall_to_utc` resolves.
    """
    offset = tz.utcoffset(naive) or timedelta(0)
    first = naive_seconds - offset // _SECOND
    if _offset_at(tz, first) == offset:
        return first
    return _wall_to_utc(tz, naive)


def _wall_to_utc(tz: ZoneInfo, naive: datetime) -> int:
    """The reference rule for a naive wall time with fold=0 (round trip, then the gap search)."""
    first = _timestamp(naive.replace(tzinfo=tz))
    if utc_to_local(tz, first) == naive:
        return first
    # In a gap: fold=0 used the offset before the transition (an instant at or
    # after it), fold=1 the offset after (an instant before it). The
    # transition is the first instant whose offset is the later one.
    after_offset = _offset_at(tz, first)
    lo = _timestamp(naive.replace(tzinfo=tz, fold=1))  # offset differs here
    hi = first  # offset == after_offset here
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset_at(tz, mid) == after_offset:
            hi = mid
        else:
            lo = mid
    return hi


def local_midnight(tz: ZoneInfo, day: date) -> int:
    """UTC epoch seconds of the start of local `day`."""
    return local_to_utc(tz, day, 0)


def utc_to_local(tz: ZoneInfo, utc_seconds: int) -> datetime:
    """The naive local wall-clock datetime of a UTC instant."""
    return datetime.fromtimestamp(utc_seconds, tz).replace(tzinfo=None)

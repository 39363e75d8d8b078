"""Many export times to UTC epoch seconds at once.

ISO 8601 shapes (`2026-11-23T16:30`, `2026-11-23 16:30:05`, with `Z`,
`+01:00` or `+0100`, or without an offset) are parsed by numpy over the bytes
of the whole column; anything else (fractions of a second, a `time_format`
such as `%d/%m/%Y %H:%M`, epoch seconds) goes through a per-value parser.
Naive times are wall-clock times in the given zone: a time in the spring
gap moves forward to the transition, a repeated autumn hour takes its first
occurrence (the engine's rule, see docs/guide/time.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from socialkit.engine.deadlines import NO_TIME
from socialkit.engine.localtime import wall_to_utc, zone
from socialkit.engine.timefmt import ZoneFormatter

MISSING = NO_TIME  # no time given (an empty cell)
BAD = -2  # a time that cannot be read
OUT_OF_RANGE = -3  # a readable time outside the years an audit handles (see EARLIEST, LATEST)

# Times an audit accepts: 1970-01-01 up to the end of 2199 (UTC, or wall-clock for naive times). Beyond
# them a log holds a typo or a 'never' placeholder, and the zone tables (sampled hourly over the span
# of the times in use) would grow with the distance.
EARLIEST = 0
LATEST = 7258118400  # 2200-01-01T00:00:00Z, exclusive
YEARS = "1970 to 2199"

_DAY = 86400
# length -> (has seconds, offset layout): layout None naive, "Z", "+HH:MM", "+HHMM"
_SHAPES = {
    16: (False, None),
    17: (False, "Z"),
    19: (True, None),
    20: (True, "Z"),
    21: (False, "+HHMM"),
    22: (False, "+HH:MM"),
    24: (True, "+HHMM"),
    25: (True, "+HH:MM"),
}


@dataclass
class ParsedTimes:
    seconds: np.ndarray  # int64 epoch seconds, MISSING or BAD
    naive: np.ndarray  # bool: read as wall-clock time in the zone


def parse_times(texts: list[str], zone_name: str, time_format: str | None = None, formatter: ZoneFormatter | None = None) -> ParsedTimes:
    n = len(texts)
    seconds = np.full(n, BAD, dtype=np.int64)
    naive = np.zeros(n, dtype=bool)
    wall = np.zeros(n, dtype=np.int64)  # local wall-clock seconds of naive rows
    done = np.zeros(n, dtype=bool)
    if n and time_format is None:
        _fast(texts, seconds, naive, wall, done)
    for i in np.flatnonzero(~done).tolist():
        _slow(texts[i], i, seconds, naive, wall, time_format)
    readable = seconds >= 0
    beyond = readable & np.where(naive, (wall < EARLIEST) | (wall >= LATEST), (seconds < EARLIEST) | (seconds >= LATEST))
    seconds[beyond] = OUT_OF_RANGE
    naive[beyond] = False
    if naive.any():
        at = np.flatnonzero(naive & (seconds != BAD))
        seconds[at] = _wall_to_utc(wall[at], zone_name, formatter or ZoneFormatter(zone_name))
    return ParsedTimes(seconds, naive)


def _fast(texts: list[str], seconds: np.ndarray, naive: np.ndarray, wall: np.ndarray, done: np.ndarray) -> None:
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    short = texts if lengths.max() <= 25 else [t if len(t) <= 25 else "" for t in texts]  # a huge cell never widens the matrix
    try:
        raw = np.array(short, dtype="S25")
    except UnicodeEncodeError:  # some value is not ASCII (no ISO time): it fails the shape checks below
        raw = np.array([t.encode("ascii", "replace") for t in short], dtype="S25")
    matrix = np.frombuffer(raw.tobytes(), dtype=np.uint8).reshape(len(texts), 25)
    empty = lengths == 0
    seconds[empty], done[empty] = MISSING, True
    for length, (has_seconds, layout) in _SHAPES.items():
        rows = np.flatnonzero(lengths == length)
        if len(rows):
            _fast_shape(matrix[rows], rows, has_seconds, layout, seconds, naive, wall, done)


def _digits(m: np.ndarray, start: int, count: int) -> np.ndarray:
    value = np.zeros(len(m), dtype=np.int64)
    for k in range(start, start + count):
        value = value * 10 + (m[:, k].astype(np.int64) - 48)
    return value


def _is_digit(m: np.ndarray, positions) -> np.ndarray:
    part = m[:, positions]
    return ((part >= 48) & (part <= 57)).all(axis=1)


def _fast_shape(m, rows, has_seconds, layout, seconds, naive, wall, done) -> None:
    digit_at = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15] + ([17, 18] if has_seconds else [])
    ok = _is_digit(m, digit_at) & (m[:, 4] == ord("-")) & (m[:, 7] == ord("-")) & (m[:, 13] == ord(":"))
    ok &= (m[:, 10] == ord("T")) | (m[:, 10] == ord(" ")) | (m[:, 10] == ord("t"))
    if has_seconds:
        ok &= m[:, 16] == ord(":")
    year, month, day = _digits(m, 0, 4), _digits(m, 5, 2), _digits(m, 8, 2)
    hour, minute = _digits(m, 11, 2), _digits(m, 14, 2)
    second = _digits(m, 17, 2) if has_seconds else np.zeros(len(m), dtype=np.int64)
    ok &= (month >= 1) & (month <= 12) & (day >= 1) & (day <= _month_days(year, np.clip(month, 1, 12)))
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    local = _days_from_civil(year, np.clip(month, 1, 12), day) * _DAY + hour * 3600 + minute * 60 + second
    p = 19 if has_seconds else 16
    offset = np.zeros(len(m), dtype=np.int64)
    if layout == "Z":
        ok &= (m[:, p] == ord("Z")) | (m[:, p] == ord("z"))
    elif layout is not None:
        sign = np.where(m[:, p] == ord("-"), -1, 1)
        ok &= (m[:, p] == ord("+")) | (m[:, p] == ord("-"))
        minutes_at = p + 4 if layout == "+HH:MM" else p + 3
        ok &= _is_digit(m, [p + 1, p + 2, minutes_at, minutes_at + 1])
        if layout == "+HH:MM":
            ok &= m[:, p + 3] == ord(":")
        ok &= (_digits(m, p + 1, 2) <= 23) & (_digits(m, minutes_at, 2) <= 59)  # +25:00 is no offset
        offset = sign * (_digits(m, p + 1, 2) * 3600 + _digits(m, minutes_at, 2) * 60)
    good = rows[ok]
    if layout is None:
        naive[good] = True
        wall[good] = local[ok]
        seconds[good] = 0
    else:
        utc = (local - offset)[ok]
        seconds[good] = np.where(utc < EARLIEST, OUT_OF_RANGE, utc)  # never confused with the negative sentinels
    done[good] = True


def _days_from_civil(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of proleptic Gregorian dates (Howard Hinnant's algorithm)."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _month_days(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[month]
    return np.where((month == 2) & leap, 29, days)


def _slow(text: str, i: int, seconds, naive, wall, time_format) -> None:
    text = text.strip()
    if not text:
        seconds[i] = MISSING
        return
    parsed = None
    if time_format:
        try:
            parsed = datetime.strptime(text, time_format)
        except (ValueError, OverflowError):
            return
    elif text.isascii() and text.isdigit() and len(text) >= 9:  # epoch seconds (ASCII digits only: not '²')
        seconds[i] = int(text) if len(text) <= 12 else OUT_OF_RANGE  # ASCII digits: never negative
        return
    else:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return
    if parsed.tzinfo is None:
        naive[i] = True
        seconds[i] = 0
        wall[i] = _seconds_since_1970(parsed)
    else:
        utc = _seconds_since_1970(parsed.replace(tzinfo=None)) - int(parsed.utcoffset().total_seconds())
        seconds[i] = OUT_OF_RANGE if utc < EARLIEST else utc  # never confused with the negative sentinels


def _seconds_since_1970(moment: datetime) -> int:
    """Whole seconds from 1970-01-01 to a naive datetime (any year: no conversion that could overflow)."""
    delta = moment - datetime(1970, 1, 1)
    return delta.days * 86400 + delta.seconds


def _wall_to_utc(wall: np.ndarray, zone_name: str, formatter: ZoneFormatter) -> np.ndarray:
    """UTC of local wall-clock seconds: numpy away from offset changes, the engine's rule next to them."""
    if not len(wall):
        return wall
    guess = wall - formatter.offsets(wall)
    guess = wall - formatter.offsets(guess)
    changes = formatter._changes
    out = guess.copy()
    if len(changes):
        k = np.searchsorted(changes, guess)
        near = (
            np.minimum(
                np.abs(guess - changes[np.clip(k, 0, len(changes) - 1)]), np.abs(guess - changes[np.clip(k - 1, 0, len(changes) - 1)])
            )
            < _DAY
        )
        tz = zone(zone_name)
        for j in np.flatnonzero(near).tolist():
            out[j] = wall_to_utc(tz, datetime(1970, 1, 1) + _timedelta(int(wall[j])))
    return out


def _timedelta(seconds: int):
    from datetime import timedelta

    return timedelta(seconds=seconds)

"""Calendar periods (`2y`, `6mo`, `3w`, `30d`): retention, snapshot intervals and inactivity thresholds.

Unlike a duration (exact seconds, for deadlines), a period counts calendar
units: six months from 31 August is 28 February (the day is clamped to the
month's end, as records officers count), two years are two years whatever
the leap days. This module is the one place periods are parsed, normalised
for wording (`104w` and `24mo` are said as "2 years") and added to dates;
the strategy format, the policy document, the playbook, `diff`, `audit` and
the Rego all start from it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal, NamedTuple

Unit = Literal["year", "month", "week", "day"]
UNITS: tuple[Unit, ...] = ("year", "month", "week", "day")
SHORT = {"y": "year", "mo": "month", "w": "week", "d": "day"}
ISO = {"Y": "year", "M": "month", "W": "week", "D": "day"}
ABBREVIATION = {unit: short for short, unit in SHORT.items()}
MAX_YEARS = 100  # the longest period: a retention beyond a century is "kept permanently", not a period
_LIMIT = {"year": MAX_YEARS, "month": 12 * MAX_YEARS, "week": 5218, "day": 36525}
_SHORT_RE = re.compile(r"^(\d{1,6})(y|mo|w|d)$")
_ISO_RE = re.compile(r"^P(\d{1,6})([YMWD])$")


class Period(NamedTuple):
    count: int
    unit: Unit

    def canonical(self) -> str:
        """The strategy format's form: Period(6, 'month') -> '6mo'."""
        return f"{self.count}{ABBREVIATION[self.unit]}"

    def natural(self) -> Period:
        """The largest unit the period is a whole number of, for wording: 24mo and 104w -> 2 years, 14d -> 2 weeks.

        A year is 12 months, 52 weeks or 365 days here: nobody keeps records "104 weeks" or "730 days".
        """
        count, unit = self.count, self.unit
        if unit == "month" and count % 12 == 0:
            return Period(count // 12, "year")
        if unit == "week" and count % 52 == 0:
            return Period(count // 52, "year")
        if unit == "day" and count % 365 == 0:
            return Period(count // 365, "year")
        if unit == "day" and count % 7 == 0:
            return Period(count // 7, "week")
        return self

    def months_and_days(self) -> tuple[int, int]:
        """(months, days) to add: years count as 12 months, weeks as 7 days."""
        if self.unit == "year":
            return 12 * self.count, 0
        if self.unit == "month":
            return self.count, 0
        return 0, self.count * (7 if self.unit == "week" else 1)

    def to_plain(self) -> dict[str, int | str]:
        return {"count": self.count, "unit": self.unit}


class PeriodError(ValueError):
    """Text that is not a period; the message says how to write one."""


def parse_period(text: object) -> Period:
    """'2y', '6mo', '3w', '30d' or ISO 8601 ('P2Y', 'P6M', 'P3W', 'P30D') -> Period.

    A whole number of days written as a duration ('1w2d', 'P9D') is read too, so an old `keep_for`
    stays readable.
    """
    if isinstance(text, bool) or not isinstance(text, str):
        raise PeriodError(f"expected a period such as '2y', '6mo', '3w' or '30d', got {text!r}")
    match = _SHORT_RE.fullmatch(text) or _ISO_RE.fullmatch(text)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        return _within_limit(Period(count, SHORT.get(unit) or ISO[unit]), text)  # type: ignore[arg-type]
    days = _whole_days(text)
    if days is None:
        raise PeriodError(
            f"{text!r} is not a period: write a count and one unit, e.g. '2y' (years), '6mo' (months), '3w' (weeks) or '30d' (days)"
        )
    return _within_limit(Period(days, "day"), text)


def _whole_days(text: str) -> int | None:
    from pydantic_core import PydanticCustomError

    from socialkit.strategy.scalars import parse_duration

    try:
        seconds = parse_duration(text, _LIMIT["day"])
    except PydanticCustomError:
        return None
    if seconds == 0 or seconds % 86400:
        return None
    return seconds // 86400


def _within_limit(period: Period, text: str) -> Period:
    if period.count < 1:
        raise PeriodError(f"{text!r} is an empty period; give at least one day, week, month or year")
    if period.count > _LIMIT[period.unit]:
        raise PeriodError(f"{text!r} is longer than the limit of {MAX_YEARS} years")
    return period


def add_period(day: date, period: Period) -> date:
    """The date `period` after `day`; a day past the target month's end is clamped to it (31 Aug + 6mo = 28 Feb)."""
    from datetime import timedelta

    months, days = period.months_and_days()
    if months:
        total = day.year * 12 + day.month - 1 + months
        year, month = divmod(total, 12)
        year = min(year, 9999)
        day = date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    return day + timedelta(days=days) if days else day


def period_from_plain(value: dict) -> Period:
    return Period(int(value["count"]), value["unit"])

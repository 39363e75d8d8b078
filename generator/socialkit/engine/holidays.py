"""Closed days: public holidays, named eves the calendar lacks, extras, closures.

Public holidays come from the `holidays` package. Two things about what that
calendar really contains are handled here:

- Some calendars list a weekly marker as a "holiday" (older releases of the
  Swedish calendar list every Sunday as "Sunday"/"Söndag"). Entries with
  those names, and any name that occurs on more than
  ``_WEEKLY_MARKER_MIN`` dates in one year, are dropped: they are not days off
  but a weekly pattern, which the weekly hours already express.
- Many organisations close on eves the calendar does not list (Midsummer
  Eve, Christmas Eve, ...). Those are the named days of
  ``SUPPORTED_NAMED_DAYS``, computed here.

Names come from the calendar in US English when it offers it (stable across
machines and locales); ``not_closed`` matches either that spelling or the
calendar's native one, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from socialkit.engine.spec import HolidayRules, ScheduleSpec

__all__ = [
    "SUPPORTED_NAMED_DAYS",
    "easter_sunday",
    "named_day",
    "holiday_names",
    "closed_days",
]

_WEEKLY_MARKER_NAMES = frozenset({"sunday", "söndag"})
_WEEKLY_MARKER_MIN = 20  # no real holiday name recurs this often in a year
_LANGUAGE = "en_US"


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _friday_between(year: int, month: int, first_day: int) -> date:
    """The Friday in the 7-day run starting at (month, first_day)."""
    start = date(year, month, first_day)
    return start + timedelta(days=(4 - start.weekday()) % 7)


_NAMED_DAYS: dict[str, tuple[str, Callable[[int], date]]] = {
    "easter-eve": ("Easter Eve", lambda y: easter_sunday(y) - timedelta(days=1)),
    "midsummer-eve": ("Midsummer Eve", lambda y: _friday_between(y, 6, 19)),
    "christmas-eve": ("Christmas Eve", lambda y: date(y, 12, 24)),
    "new-years-eve": ("New Year's Eve", lambda y: date(y, 12, 31)),
    "walpurgis-eve": ("Walpurgis Night", lambda y: date(y, 4, 30)),
    # All Saints' Day (SE) is the Saturday between 31 Oct and 6 Nov; its eve is
    # the Friday before, i.e. the Friday between 30 Oct and 5 Nov.
    "all-saints-eve": ("All Saints' Eve", lambda y: _friday_between(y, 10, 30)),
    "epiphany-eve": ("Twelfth Night", lambda y: date(y, 1, 5)),
    "whitsun-eve": ("Whitsun Eve", lambda y: easter_sunday(y) + timedelta(days=48)),
}

SUPPORTED_NAMED_DAYS: tuple[str, ...] = tuple(_NAMED_DAYS)


def named_day(name: str, year: int) -> tuple[date, str]:
    """(date, display name) of a supported named day in `year`."""
    try:
        display, rule = _NAMED_DAYS[name]
    except KeyError:
        supported = ", ".join(SUPPORTED_NAMED_DAYS)
        raise ValueError(f"unknown named day {name!r}; supported: {supported}") from None
    return rule(year), display


def _years(start: date, end: date) -> range:
    return range(start.year, end.year + 1)


def holidays_package() -> Any:
    """The `holidays` package, importing only the countries asked for.

    `holidays/countries/__init__.py` imports all ~250 country modules (about half
    of `validate`'s rule time on the example); an unexecuted package object stands
    in for it, and holidays' own lazy loader imports one country module on first use.
    """
    import sys

    import holidays

    if "holidays.countries" not in sys.modules:
        import importlib.util

        spec = importlib.util.find_spec("holidays.countries")
        if spec is not None and spec.submodule_search_locations:
            sys.modules["holidays.countries"] = importlib.util.module_from_spec(spec)
    return holidays


def _calendar(country: str, subdivision: str | None, year: int | None, language: str | None) -> Any:
    """The calendar of `year` (None: of no year, computing nothing: its class tells the languages)."""
    _holidays = holidays_package()  # only compiling needs calendars; enforcing a built policy never does

    try:
        return _holidays.country_holidays(country, subdiv=subdivision, years=[] if year is None else year, language=language)
    except NotImplementedError as exc:
        raise ValueError(
            f"no public-holiday calendar for country {country!r}" + (f" subdivision {subdivision!r}" if subdivision else "")
        ) from exc


def _entries(cal: Any) -> list[tuple[date, str]]:
    return [(day, name) for day in sorted(cal) for name in cal.get_list(day)]


def _name_counts(entries: list[tuple[date, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, name in entries:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _is_weekly_marker(name: str, counts: dict[str, int]) -> bool:
    return name.casefold() in _WEEKLY_MARKER_NAMES or counts[name] >= _WEEKLY_MARKER_MIN


@lru_cache(maxsize=512)
def _public_year(country: str, subdivision: str | None, year: int) -> tuple[tuple[date, str, frozenset[str]], ...]:
    """(date, display name, every spelling) per calendar entry of one year."""
    probe = _calendar(country, subdivision, None, None)
    languages = type(probe).supported_languages or ()
    display_lang = _LANGUAGE if _LANGUAGE in languages else None
    display = _entries(_calendar(country, subdivision, year, display_lang))
    native = _entries(_calendar(country, subdivision, year, type(probe).default_language))
    counts = _name_counts(display)
    counts.update(_name_counts(native))
    spellings: dict[date, list[str]] = {}
    for day, name in native:
        spellings.setdefault(day, []).append(name)
    out = []
    for index, (day, name) in enumerate(display):
        native_names = spellings.get(day, [])
        # Same date, same position: the native spelling of this entry.
        same = [d for d, _ in display[:index]].count(day)
        alias = native_names[same] if same < len(native_names) else name
        if _is_weekly_marker(name, counts) or _is_weekly_marker(alias, counts):
            continue
        out.append((day, name, frozenset({name.casefold(), alias.casefold()})))
    return tuple(out)


def _public_holidays(rules: HolidayRules, start: date, end: date) -> dict[date, list[str]]:
    if rules.country is None:
        return {}
    skip = {n.casefold() for n in rules.not_closed}
    out: dict[date, list[str]] = {}
    for year in _years(start, end):
        for day, name, spellings in _public_year(rules.country, rules.subdivision, year):
            if start <= day <= end and not (spellings & skip):
                out.setdefault(day, []).append(name)
    return out


def _add(out: dict[date, list[str]], day: date, name: str) -> None:
    names = out.setdefault(day, [])
    if name not in names:
        names.append(name)


def _join(days: dict[date, list[str]]) -> dict[date, str]:
    return {day: ", ".join(days[day]) for day in sorted(days)}


def _holiday_lists(rules: HolidayRules, start: date, end: date) -> dict[date, list[str]]:
    out = _public_holidays(rules, start, end)
    for named in rules.also_closed:
        for year in _years(start, end):
            day, display = named_day(named, year)
            if start <= day <= end:
                _add(out, day, display)
    for day, name in rules.extra:
        if start <= day <= end:
            _add(out, day, name or "Closed")
    return out


def holiday_names(rules: HolidayRules, start: date, end: date) -> dict[date, str]:
    """Holidays in [start, end] inclusive: public calendar minus not_closed,
    plus also_closed named days and extra days; date -> name(s)."""
    return _join(_holiday_lists(rules, start, end))


def _closure_days(spec: ScheduleSpec, start: date, end: date) -> Iterable[tuple[date, str]]:
    for closure in spec.closures:
        day = max(closure.start, start)
        while day <= min(closure.end, end):
            yield day, closure.name or "Closed"
            day += timedelta(days=1)


def closed_day_set(spec: ScheduleSpec, start: date, end: date) -> frozenset[date]:
    """Dates in [start, end] closed by a closure, or by a holiday when
    holidays_closed. Special hours do not change this set."""
    days = {day for day, _ in _closure_days(spec, start, end)}
    if spec.holidays_closed:
        days.update(_holiday_lists(spec.holidays, start, end))
    return frozenset(days)


def closed_days(spec: ScheduleSpec, start_date: date, end_date: date) -> dict[date, str]:
    """Local dates in [start_date, end_date] (inclusive) that are closed all
    day, by name, for "upcoming closures" lists.

    A date is listed when a closure covers it, when it is a holiday (public,
    also_closed or extra) and holidays_closed is set, or when its special
    hours have no intervals. A date with non-empty special hours is open by
    exception and is not listed unless a closure covers it. A date closed
    only because its weekday has no hours (a weekend) is not listed.
    """
    out: dict[date, list[str]] = {}
    for day, name in _closure_days(spec, start_date, end_date):
        _add(out, day, name)
    closure_days = set(out)
    if spec.holidays_closed:
        for day, names in _holiday_lists(spec.holidays, start_date, end_date).items():
            for name in names:
                _add(out, day, name)
    for special in spec.special:
        day = special.date
        if not start_date <= day <= end_date or day in closure_days:
            continue
        if special.intervals:
            out.pop(day, None)
        else:
            _add(out, day, special.name or "Closed")
    return _join(out)

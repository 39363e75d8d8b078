"""Closed days: the public calendar as it really is, named eves, closures."""

from __future__ import annotations

from datetime import date

import holidays as holidays_pkg
import pytest
from dateutil.easter import easter

from socialkit.engine import (
    SUPPORTED_NAMED_DAYS,
    Closure,
    HolidayRules,
    SpecialHours,
    closed_days,
    holiday_names,
    named_day,
)
from socialkit.engine import holidays as engine_holidays

from .helpers import iv, office


def test_supported_named_days():
    assert SUPPORTED_NAMED_DAYS == (
        "easter-eve",
        "midsummer-eve",
        "christmas-eve",
        "new-years-eve",
        "walpurgis-eve",
        "all-saints-eve",
        "epiphany-eve",
        "whitsun-eve",
    )


@pytest.mark.parametrize(
    "name, year, expected",
    [
        ("easter-eve", 2025, date(2025, 4, 19)),
        ("easter-eve", 2026, date(2026, 4, 4)),
        ("midsummer-eve", 2025, date(2025, 6, 20)),
        ("midsummer-eve", 2026, date(2026, 6, 19)),
        ("midsummer-eve", 2027, date(2027, 6, 25)),
        ("christmas-eve", 2025, date(2025, 12, 24)),
        ("new-years-eve", 2025, date(2025, 12, 31)),
        ("walpurgis-eve", 2025, date(2025, 4, 30)),
        ("all-saints-eve", 2025, date(2025, 10, 31)),  # All Saints' Day: Sat 1 Nov
        ("all-saints-eve", 2026, date(2026, 10, 30)),  # All Saints' Day: Sat 31 Oct
        ("epiphany-eve", 2026, date(2026, 1, 5)),
        ("whitsun-eve", 2025, date(2025, 6, 7)),
        ("whitsun-eve", 2026, date(2026, 5, 23)),
    ],
)
def test_named_day_dates(name, year, expected):
    assert named_day(name, year)[0] == expected


def test_all_saints_eve_is_the_friday_before_swedish_all_saints_day():
    for year in range(2020, 2040):
        cal = holidays_pkg.country_holidays("SE", years=year, language="en_US")
        all_saints = next(d for d, n in cal.items() if n == "All Saints' Day")
        eve = named_day("all-saints-eve", year)[0]
        assert eve.weekday() == 4 and (all_saints - eve).days == 1


def test_easter_matches_dateutil():
    for year in range(1900, 2101):
        assert engine_holidays.easter_sunday(year) == easter(year)


def test_unknown_named_day_names_the_supported_ones():
    with pytest.raises(ValueError, match="unknown named day 'groundhog-eve'.*midsummer-eve"):
        named_day("groundhog-eve", 2025)


def test_swedish_calendar_has_no_sundays_and_lacks_the_eves():
    names = holiday_names(HolidayRules("SE"), date(2025, 1, 1), date(2025, 12, 31))
    assert len(names) == 13
    assert names[date(2025, 4, 20)] == "Easter Sunday"  # a real holiday on a Sunday stays
    assert date(2025, 3, 2) not in names  # an ordinary Sunday
    assert date(2025, 6, 20) not in names and date(2025, 12, 24) not in names


def test_weekly_sunday_markers_are_dropped(monkeypatch):
    """Older releases listed every Swedish Sunday; we drop such markers generically."""
    real = holidays_pkg.country_holidays

    def with_sundays(country, **kw):
        return real(country, include_sundays=True, **kw)

    engine_holidays._public_year.cache_clear()
    monkeypatch.setattr(holidays_pkg, "country_holidays", with_sundays)
    try:
        assert real("SE", years=2025, include_sundays=True).get(date(2025, 3, 2))
        names = holiday_names(HolidayRules("SE"), date(2025, 1, 1), date(2025, 12, 31))
        assert date(2025, 3, 2) not in names
        assert names[date(2025, 4, 20)] == "Easter Sunday"
        assert len(names) == 13
    finally:
        engine_holidays._public_year.cache_clear()


@pytest.mark.parametrize("spelling", ["Epiphany", "epiphany", "Trettondedag jul"])
def test_not_closed_matches_english_or_native_spelling(spelling):
    rules = HolidayRules("SE", not_closed=(spelling,))
    names = holiday_names(rules, date(2025, 1, 1), date(2025, 1, 31))
    assert names == {date(2025, 1, 1): "New Year's Day"}


def test_also_closed_and_extra_days():
    rules = HolidayRules("SE", also_closed=("christmas-eve", "new-years-eve"), extra=((date(2025, 12, 29), "Between days"),))
    names = holiday_names(rules, date(2025, 12, 20), date(2026, 1, 1))
    assert names == {
        date(2025, 12, 24): "Christmas Eve",
        date(2025, 12, 25): "Christmas Day",
        date(2025, 12, 26): "Second Day of Christmas",
        date(2025, 12, 29): "Between days",
        date(2025, 12, 31): "New Year's Eve",
        date(2026, 1, 1): "New Year's Day",
    }


def test_no_country_means_no_public_calendar():
    rules = HolidayRules(None, also_closed=("christmas-eve",))
    assert holiday_names(rules, date(2025, 12, 1), date(2025, 12, 31)) == {date(2025, 12, 24): "Christmas Eve"}


def test_unknown_country_is_a_value_error():
    with pytest.raises(ValueError, match="no public-holiday calendar for country 'XX'"):
        holiday_names(HolidayRules("XX"), date(2025, 1, 1), date(2025, 12, 31))


def test_subdivision_is_passed_through():
    # Corpus Christi is a holiday in Bavaria but not in Berlin.
    by = holiday_names(HolidayRules("DE", subdivision="BY"), date(2025, 6, 19), date(2025, 6, 19))
    be = holiday_names(HolidayRules("DE", subdivision="BE"), date(2025, 6, 19), date(2025, 6, 19))
    assert by and not be


def test_closed_days_lists_closures_holidays_and_closed_specials():
    spec = office(
        closures=(Closure(date(2025, 12, 29), date(2025, 12, 30), "Stocktaking"),),
        special=(
            SpecialHours(date(2025, 12, 26), (iv("10:00", "14:00"),), "Sale"),
            SpecialHours(date(2025, 12, 19), (), "Party"),
        ),
    )
    days = closed_days(spec, date(2025, 12, 15), date(2026, 1, 1))
    assert days == {
        date(2025, 12, 19): "Party",
        date(2025, 12, 24): "Christmas Eve",
        date(2025, 12, 25): "Christmas Day",
        date(2025, 12, 29): "Stocktaking",
        date(2025, 12, 30): "Stocktaking",
        date(2025, 12, 31): "New Year's Eve",
        date(2026, 1, 1): "New Year's Day",
    }


def test_closed_days_without_holidays_closed_lists_only_closures():
    spec = office(holidays_closed=False, closures=(Closure(date(2025, 12, 29), date(2025, 12, 29)),))
    assert closed_days(spec, date(2025, 12, 1), date(2025, 12, 31)) == {date(2025, 12, 29): "Closed"}

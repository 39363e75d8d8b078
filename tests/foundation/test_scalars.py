"""scalars.py: ids, durations, clock times, intervals, weekdays, dates, links."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from socialkit.strategy import scalars as S


def _error(func, value) -> PydanticCustomError:
    with pytest.raises(PydanticCustomError) as info:
        func(value)
    return info.value


# --- durations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30m", 1800),
        ("4h", 14400),
        ("1h30m", 5400),
        ("2d", 172800),
        ("1w", 604800),
        ("90s", 90),
        ("1w2d3h4m5s", 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5),
        ("90m", 5400),
        ("0m", 0),
        ("PT4H", 14400),
        ("P1D", 86400),
        ("P1W", 604800),
        ("PT1H30M", 5400),
        ("P1DT2H", 93600),
        ("PT45S", 45),
        ("P2W3D", 17 * 86400),
    ],
)
def test_parse_duration(text, seconds):
    assert S.parse_duration(text) == seconds


@pytest.mark.parametrize(
    "value",
    ["", " ", "h", "4", "4 h", "4hours", "1.5h", "-1h", "h4", "4h30", "P", "PT", "P1H", "PT1D", "pt4h", "4H", "1m1h"],
)
def test_parse_duration_rejects(value):
    assert _error(S.parse_duration, value).type == "sk_duration"


@pytest.mark.parametrize("value", ["P1M", "P1Y", "P1Y2M", "P1MT2H"])
def test_months_and_years_get_a_hint(value):
    assert "months and years vary in length" in _error(S.parse_duration, value).message()


@pytest.mark.parametrize("value", [4, 4.5, True, None, ["4h"], {"within": "4h"}])
def test_parse_duration_rejects_non_text(value):
    assert _error(S.parse_duration, value).type == "sk_duration"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0m"), (90, "1m30s"), (5400, "1h30m"), (86400, "1d"), (694800, "1w1d1h")])
def test_format_duration(seconds, text):
    assert S.format_duration(seconds) == text


@given(st.integers(min_value=0, max_value=S.MAX_DURATION_DAYS * 86400))
def test_duration_round_trip(seconds):
    assert S.parse_duration(S.format_duration(seconds)) == seconds


@given(st.integers(min_value=S.MAX_DURATION_DAYS * 86400 + 1, max_value=10**30))
def test_duration_beyond_the_limit_is_refused(seconds):
    with pytest.raises(PydanticCustomError, match="longer than the limit of 366 days"):
        S.parse_duration(S.format_duration(seconds))


@given(st.integers(min_value=0, max_value=10**7))
def test_formatted_duration_is_canonical_and_schema_valid(seconds):
    text = S.format_duration(seconds)
    assert S.format_duration(S.parse_duration(text)) == text
    assert re.fullmatch(S.DURATION_SCHEMA["pattern"], text) and len(text) >= S.DURATION_SCHEMA["minLength"]


@pytest.mark.parametrize(("value", "expected"), [("8h", 28800), ("end-of-next-business-day", "end-of-next-business-day")])
def test_closed_target(value, expected):
    assert S.check_closed_target(value) == expected


def test_closed_target_rejects_other_words():
    error = _error(S.check_closed_target, "next-business-day")
    assert error.type == "sk_duration" and "end-of-next-business-day" in error.message()


# --- clock times and intervals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:00", 0),
        ("08:30", 510),
        ("23:59", 1439),
        ("24:00", 1440),
        ("24:01", None),
        ("8:30", None),
        ("25:00", None),
        ("12:60", None),
        ("12.30", None),
        ("", None),
    ],
)
def test_parse_clock(text, minutes):
    assert S.parse_clock(text) == minutes


@pytest.mark.parametrize(
    ("text", "normalised", "span"),
    [
        ("08:00-17:00", "08:00-17:00", (480, 1020)),
        ("22:00-02:00", "22:00-02:00", (1320, 120)),  # runs past midnight
        ("00:00-24:00", "00:00-24:00", (0, 1440)),
        ("23:59-00:01", "23:59-00:01", (1439, 1)),
    ],
)
def test_interval(text, normalised, span):
    assert S.check_interval(text) == normalised
    assert S.parse_interval(normalised) == span


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("24:00-06:00", "24:00 may only end an interval"),
        ("10:00-10:00", "start and end are equal"),
        ("00:00-00:00", "start and end are equal"),
        ("08:00-00:00", "end a day at 24:00"),
        ("8-17", "not an interval"),
        ("08:00", "not an interval"),
        ("08:00-", "not an interval"),
        ("08:00–17:00", "not an interval"),  # an en dash
        ("08:00-24:30", "not an interval"),
        ("08:00-17:60", "not an interval"),
        (480, "expected an interval"),
    ],
)
def test_interval_rejects(value, says):
    error = _error(S.check_interval, value)
    assert error.type == "sk_time"
    assert says in error.message()


@pytest.mark.parametrize("value", ["24:00", "7:00", "", 480])
def test_clock_time_rejects(value):
    assert _error(S.check_clock_time, value).type == "sk_time"


# --- weekdays -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "days"),
    [
        ("mon", (0,)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sat,sun", (5, 6)),
        ("fri-mon", (4, 5, 6, 0)),  # wraps over the weekend
        ("sun-mon", (6, 0)),
        ("sat-fri", (5, 6, 0, 1, 2, 3, 4)),
        ("mon-mon", (0,)),
        ("mon-wed,fri", (0, 1, 2, 4)),
        ("mon-wed,tue-thu", (0, 1, 2, 3)),  # overlaps count once
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_parse_days(spec, days):
    assert S.parse_days(spec) == days


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "mon-fry",
        "monday",
        "weekdays",
        "mon-",
        "-fri",
        "mon--fri",
        "mon-tue-wed",
        "mon;tue",
        "mon,",
        "every-day",
        "Mon-Fri",
        "mon, tue",
        " mon",
    ],
)
def test_parse_days_rejects(spec):
    assert S.parse_days(spec) is None
    assert _error(S.check_dayspec, spec).type == "sk_time"


@pytest.mark.parametrize(
    "spec", ["mon", "mon-fri", "sat,sun", "fri-mon", "daily", "mon-wed,fri", "every-day", "Mon-Fri", "mon, tue", "mon-fry"]
)
def test_socialkit_and_the_schema_agree_on_day_sets(spec):
    assert (S.parse_days(spec) is not None) == bool(re.fullmatch(S.DAYSPEC_PATTERN, spec))


@pytest.mark.parametrize("text", ["08:00-17:00", "22:00-02:00", "00:00-24:00", " 08:00-17:00", "08:00 - 17:00", "8:00-17:00"])
def test_socialkit_and_the_schema_agree_on_intervals(text):
    pattern = S.Interval.__metadata__[1].json_schema["pattern"]
    try:
        S.check_interval(text)
        accepted = True
    except Exception:
        accepted = False
    assert accepted == bool(re.fullmatch(pattern, text))


# --- month-day and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06-22", (6, 22)),
        ("02-28", (2, 28)),
        ("12-31", (12, 31)),
        ("2026-06-15", date(2026, 6, 15)),
        (date(2026, 6, 15), date(2026, 6, 15)),
    ],
)
def test_month_day_or_date(value, expected):
    assert S.check_month_day_or_date(value) == expected


@pytest.mark.parametrize("value", ["06-31", "02-30", "02-29", "13-01", "00-10", "6-22", "06/22", "06-22\n", "2026-02-30", 622])
def test_month_day_or_date_rejects(value):
    assert _error(S.check_month_day_or_date, value).type == "sk_date"


@pytest.mark.parametrize(
    "value", ["2026-02-30", "31/12/2027", "2027", "", 20270101, datetime(2026, 1, 1, 8, 0), "0001-01-01", "9999-12-31", date(1970, 12, 31)]
)
def test_date_rejects(value):
    assert _error(S.check_date, value).type == "sk_date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-05 08:00", datetime(2026, 1, 5, 8, 0)),
        ("2026-01-05T08:00:30", datetime(2026, 1, 5, 8, 0, 30)),
        ("2026-01-05", datetime(2026, 1, 5)),
        (date(2026, 1, 5), datetime(2026, 1, 5)),
    ],
)
def test_local_datetime(value, expected):
    assert S.check_local_datetime(value) == expected


@pytest.mark.parametrize("value", ["2026-01-05 08:00+01:00", "2026-01-05T08:00Z"])
def test_local_datetime_rejects_offsets(value):
    error = _error(S.check_local_datetime, value)
    assert error.type == "sk_date" and "UTC offset" in error.message()


@pytest.mark.parametrize(
    ("func", "value"),
    [
        pytest.param(S.parse_duration, 90, id="duration"),
        pytest.param(S.check_closed_target, "soon", id="closed-target"),
        pytest.param(S.check_interval, 480, id="interval"),
        pytest.param(S.check_clock_time, "25:00", id="clock-time"),
        pytest.param(S.check_date, "31/12/2027", id="date"),
        pytest.param(S.check_local_datetime, "tomorrow", id="local-datetime"),
        pytest.param(S.check_month_day_or_date, "midsummer", id="month-day"),
        pytest.param(S.check_id, "Bad Id", id="id"),
        pytest.param(S.check_text, 5, id="text"),
        pytest.param(S.check_timezone, "Mars/Olympus", id="timezone"),
    ],
)
def test_messages_have_no_unfilled_placeholders(func, value):
    message = _error(func, value).message()
    assert "{" not in message.replace("{sv: ..., en: ...}", ""), message
    assert str(value) in message or type(value).__name__ in message


# --- ids, languages, texts, zones, links ---------------------------------------------------------


@pytest.mark.parametrize("value", ["a", "customer-service", "x1", "2026", "a" * 64])
def test_id(value):
    assert S.check_id(value) == value


@pytest.mark.parametrize("value", ["Facebook", "job seekers", "-a", "a-", "a_b", "", "å", "a" * 65, "a.b"])
def test_id_rejects(value):
    assert _error(S.check_id, value).type == "sk_id"


def test_id_rejects_non_text():
    assert _error(S.check_id, 5).type == "sk_type"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("sv", True), ("en", True), ("sv-SE", True), ("fil", True), ("EN", False), ("swedish", False), ("sv_SE", False), ("sv-se", False)],
)
def test_language(value, ok):
    if ok:
        assert S.check_language(value) == value
    else:
        assert _error(S.check_language, value).type == "sk_language"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("", "sk_value"),
        ("  ", "sk_value"),
        ({}, "sk_value"),
        ({"en": ""}, "sk_type"),
        ({"en": 5}, "sk_type"),
        ({"english": "Hi"}, "sk_language"),
        (["Hi"], "sk_type"),
        (None, "sk_type"),
    ],
)
def test_text_rejects(value, kind):
    assert _error(S.check_text, value).type == kind


def test_text_in_falls_back():
    text = {"sv": "Hej", "en": "Hi"}
    assert S.text_in(text, "en", "sv") == "Hi"
    assert S.text_in(text, "de", "sv") == "Hej"
    assert S.text_in({"en": "Hi"}, "de", "sv") == "Hi"
    assert S.text_in("Plain", "de", "sv") == "Plain"
    assert S.text_in(None, "en", "sv") is None


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("Europe/Stockholm", True),
        ("UTC", True),
        ("America/Argentina/Buenos_Aires", True),
        ("Europe/Stokholm", False),
        ("CET+1", False),
        ("../etc/passwd", False),
        ("", False),
    ],
)
def test_timezone(value, ok):
    if ok:
        assert S.check_timezone(value) == value
    else:
        assert _error(S.check_timezone, value).type == "sk_timezone"


@pytest.mark.parametrize("value", ["https://www.example.se", "http://example.se/a?b=c#d", "mailto:kundservice@example.se"])
def test_url(value):
    assert S.check_url(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "www.example.se",
        "ftp://example.se",
        "https://",
        "https:///path",
        "mailto:",
        "https://exa mple.se",
        "//example.se",
        "file:///etc/passwd",
    ],
)
def test_url_rejects(value):
    assert _error(S.check_url, value).type == "sk_url"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("anna@example.se", True),
        ("anna.lind+x@sub.example.se", True),
        ("anna@example", False),
        ("anna example.se", False),
        ("@example.se", False),
    ],
)
def test_email(value, ok):
    if ok:
        assert S.check_email(value) == value
    else:
        assert _error(S.check_email, value).type == "sk_value"


@pytest.mark.parametrize(("value", "ok"), [("+46 70 123 45 67", True), ("08-123 456", True), ("(08) 123", False), ("call me", False)])
def test_phone(value, ok):
    if ok:
        assert S.check_phone(value) == value
    else:
        assert _error(S.check_phone, value).type == "sk_value"


def test_timezone_answer_is_the_zone_databases():
    """The tzdata package's list answers first (no walk of the zone folders); the verdict is available_timezones()'s."""
    from zoneinfo import available_timezones

    zones = available_timezones()
    assert S._packaged_timezones() <= zones
    folders = {name.split("/")[0] for name in zones if "/" in name}
    others = ["", "posixrules", "Europe/../Europe/Stockholm", "./UTC", "/etc/localtime", "europe/stockholm", "UTC\x00", *folders]
    for name in sorted(zones) + others:
        assert S.is_timezone(name) == (name in zones), name

"""Records duties, account status and inactivity through the Policy API; calendar periods against a reference."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialkit.periods import Period, PeriodError, add_period, parse_period
from socialkit.runtime.policy import PolicyError


def test_records_duty_of_the_example(policy):
    duty = policy.records_duty("direct-message")
    assert duty["stated"] and duty["registered"] and duty["then"] == "archive"
    assert duty["keep_for"] == {"count": 2, "unit": "year"}
    assert policy.records_duty("post") == {
        "content": "post",
        "stated": False,
        "registered": None,
        "where": None,
        "keep_for": None,
        "then": None,
        "screenshot": None,
    }
    with pytest.raises(PolicyError, match="unknown kind of content 'fax'"):
        policy.records_duty("fax")


def test_account_status_and_gaps(policy):
    assert policy.account_status("linkedin") == {
        "channel": "linkedin",
        "owner": "johan",
        "admins": ["anna", "johan"],
        "gaps": [],
        "ok": True,
    }
    with pytest.raises(PolicyError, match="unknown channel 'nope'"):
        policy.account_status("nope")


def test_gaps_follow_the_rules(policy):
    document = dict(policy.document)
    document["governance"] = {
        "policy": {
            "owner_required": True,
            "min_admins": 3,
            "required_admins": ["lena"],
            "admins_from": {"security": ["anna", "lena"]},
            "approval_to_open": [],
            "registry": None,
            "lifecycle": None,
        },
        "accounts": {"x": {"owner": None, "admins": ["erik", "omar"], "opened": None, "approved_by": None, "min_posts": None}},
    }
    from socialkit.runtime.governance import account_status

    assert [g["kind"] for g in account_status(document, "x")["gaps"]] == ["no-owner", "too-few-admins", "missing-admin", "no-admin-from"]
    assert account_status(document, "facebook")["gaps"][0] == {"kind": "no-owner"}  # a channel without an account entry


def stockholm(*args: int) -> int:
    from zoneinfo import ZoneInfo

    return int(datetime(*args, tzinfo=ZoneInfo("Europe/Stockholm")).timestamp())


def test_inactivity_counts_local_dates(policy):
    last = stockholm(2026, 8, 14, 0, 30)  # 13 August in UTC
    answer = policy.inactivity("x", last, stockholm(2026, 11, 13, 23, 59))
    assert answer == {
        "channel": "x",
        "threshold": {"count": 3, "unit": "month"},
        "inactive_from": "2026-11-14",
        "inactive": False,
        "then": "review",
    }
    assert policy.inactivity("x", last, stockholm(2026, 11, 14, 0, 0))["inactive"] is True


@pytest.mark.parametrize(
    "text,period,natural",
    [
        ("2y", Period(2, "year"), Period(2, "year")),
        ("24mo", Period(24, "month"), Period(2, "year")),
        ("104w", Period(104, "week"), Period(2, "year")),
        ("P6M", Period(6, "month"), Period(6, "month")),
        ("14d", Period(14, "day"), Period(2, "week")),
        ("1w2d", Period(9, "day"), Period(9, "day")),
        ("730d", Period(730, "day"), Period(2, "year")),
    ],
)
def test_periods_read_and_say_their_natural_unit(text, period, natural):
    assert parse_period(text) == period and period.natural() == natural


@pytest.mark.parametrize("text", ["1y6mo", "0d", "PT4H", "2 years", "101y", "", "5h"])
def test_not_a_period(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def reference_add(day: date, period: Period) -> date:
    """Month arithmetic by counting months one at a time; days by ordinal."""
    months, days = period.months_and_days()
    year, month = day.year, day.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    moved = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return date.fromordinal(moved.toordinal() + days)


@given(
    st.dates(date(1971, 1, 1), date(2200, 12, 31)),
    st.integers(1, 60),
    st.sampled_from(["year", "month", "week", "day"]),
)
def test_add_period_equals_counting_months_one_by_one(day, count, unit):
    period = Period(count, unit)
    assert add_period(day, period) == reference_add(day, period)


def test_month_ends_are_clamped():
    assert add_period(date(2026, 8, 31), Period(6, "month")) == date(2027, 2, 28)
    assert add_period(date(2027, 8, 31), Period(6, "month")) == date(2028, 2, 29)
    assert add_period(date(2028, 2, 29), Period(1, "year")) == date(2029, 2, 28)

"""Explicit cases: DST weekends, Swedish holidays, arrival edge cases."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from socialkit.engine import (
    Closure,
    DayHours,
    HolidayRules,
    HorizonError,
    Interval,
    ScheduleSpec,
    Season,
    SpecialHours,
    business_deadline,
    business_deadlines,
    calendar_deadline,
    closes_at,
    compile_schedule,
    end_of_next_business_day,
    is_open,
    is_open_many,
    next_open,
    next_open_many,
    open_seconds_between,
    schedule_from_plain,
    schedule_to_plain,
)

from .helpers import ALL_DAYS, STOCKHOLM, WEEKDAYS, always, at, every, iv, nightly, office

H = 3600


@pytest.fixture(scope="module")
def office_2025():
    return compile_schedule(office(), date(2025, 1, 1), 400)


# -- DST weekends, Europe/Stockholm ---------------------------------------------


@pytest.mark.parametrize(
    "sunday, hours",
    [
        (date(2025, 3, 30), 23),
        (date(2025, 10, 26), 25),
        (date(2026, 3, 29), 23),
        (date(2026, 10, 25), 25),
    ],
)
def test_always_open_dst_sunday_has_real_hours(sunday, hours):
    cs = compile_schedule(always(), date(2025, 1, 1), 700)
    start = at(sunday.year, sunday.month, sunday.day)
    end = at(sunday.year, sunday.month, sunday.day + 1)
    assert open_seconds_between(cs, start, end) == hours * H
    assert len(cs.starts) == 1, "whole days join into one window"
    # End of next business day for a 24/7 schedule: the local midnight ending the date.
    assert end_of_next_business_day(cs, start + 5 * H) == end


@pytest.mark.parametrize(
    "saturday, hours",
    [
        (date(2025, 3, 29), 7),
        (date(2025, 10, 25), 9),
        (date(2026, 3, 28), 7),
        (date(2026, 10, 24), 9),
    ],
)
def test_overnight_dst_night_is_shorter_or_longer(saturday, hours):
    cs = compile_schedule(nightly(), date(2025, 1, 1), 700)
    y, m, d = saturday.year, saturday.month, saturday.day
    evening, morning = at(y, m, d, 22), at(y, m, d + 1, 6)
    assert open_seconds_between(cs, evening, morning) == hours * H
    assert closes_at(cs, evening) == morning
    # The whole night's open time ends exactly at 06:00: deadline on the close.
    assert business_deadline(cs, evening, hours * H) == morning
    # One more hour: the next night, 23:00.
    assert business_deadline(cs, evening, (hours + 1) * H) == at(y, m, d + 1, 23)


def test_always_open_deadline_over_fall_back_is_real_elapsed_time():
    cs = compile_schedule(always(), date(2025, 10, 1), 60)
    t = at(2025, 10, 25, 12)
    assert business_deadline(cs, t, 24 * H) == at(2025, 10, 26, 11)
    assert business_deadline(cs, t, 24 * H) == calendar_deadline(t, 24 * H)


def test_interval_starting_in_spring_gap_starts_at_transition():
    spec = ScheduleSpec(
        "gap",
        STOCKHOLM,
        (DayHours(6, (iv("02:30", "05:00"), iv("02:10", "02:40"))),),
        False,
        HolidayRules(None),
    )
    cs = compile_schedule(spec, date(2025, 3, 24), 14)
    transition = at(2025, 3, 30, 3)  # 01:00 UTC; 02:xx does not exist
    assert int(cs.starts[0]) == transition
    assert int(cs.ends[0]) == at(2025, 3, 30, 5)
    # 02:10-02:40 lies wholly in the gap: it is empty, not a window.
    assert len(cs.starts) == 2  # this Sunday and the next
    assert open_seconds_between(cs, at(2025, 3, 30), at(2025, 3, 31)) == 2 * H


def test_interval_ending_in_repeated_hour_ends_at_first_occurrence():
    spec = ScheduleSpec("fold", STOCKHOLM, (DayHours(6, (iv("01:00", "02:30"),)),), False, HolidayRules(None))
    cs = compile_schedule(spec, date(2025, 10, 20), 7)
    start = at(2025, 10, 26, 1)
    assert closes_at(cs, start) == start + 90 * 60  # the first 02:30 (CEST)
    assert not is_open(cs, start + 90 * 60 + 1800)  # the second 02:00 (CET)


# -- Swedish holidays --------------------------------------------------------------


def test_easter_2025_good_friday_and_easter_monday_closed(office_2025):
    cs = office_2025
    assert not is_open(cs, at(2025, 4, 18, 10))  # Good Friday
    assert not is_open(cs, at(2025, 4, 21, 10))  # Easter Monday
    assert is_open(cs, at(2025, 4, 17, 10))
    assert business_deadline(cs, at(2025, 4, 17, 16), 2 * H) == at(2025, 4, 22, 9)


def test_easter_eve_closes_a_seven_day_schedule_only_when_named():
    def spec(also_closed):
        return ScheduleSpec(
            "shop",
            STOCKHOLM,
            every(ALL_DAYS, iv("10:00", "16:00")),
            True,
            HolidayRules("SE", also_closed=also_closed),
        )

    plain = compile_schedule(spec(()), date(2025, 4, 1), 40)
    eves = compile_schedule(spec(("easter-eve",)), date(2025, 4, 1), 40)
    saturday = at(2025, 4, 19, 12)
    assert is_open(plain, saturday)
    assert not is_open(eves, saturday)
    assert not is_open(plain, at(2025, 4, 20, 12))  # Easter Sunday is a public holiday
    assert business_deadline(eves, at(2025, 4, 17, 15), 2 * H) == at(2025, 4, 22, 11)


def test_midsummer_eve_and_day(office_2025):
    cs = office_2025
    assert not is_open(cs, at(2025, 6, 20, 10))  # Midsummer Eve (also_closed)
    assert business_deadline(cs, at(2025, 6, 19, 16, 30), H) == at(2025, 6, 23, 8, 30)
    without = compile_schedule(office(also_closed=()), date(2025, 6, 1), 30)
    assert is_open(without, at(2025, 6, 20, 10))


def test_christmas_24_to_26_closed(office_2025):
    cs = office_2025
    for day in (24, 25, 26):
        assert not is_open(cs, at(2025, 12, day, 12))
    assert business_deadline(cs, at(2025, 12, 23, 16), 2 * H) == at(2025, 12, 29, 9)


def test_message_arriving_on_a_holiday_counts_from_next_opening(office_2025):
    cs = office_2025
    t = at(2025, 4, 18, 10)  # Good Friday
    assert next_open(cs, t) == at(2025, 4, 22, 8)
    assert business_deadline(cs, t, H) == at(2025, 4, 22, 9)
    assert business_deadline(cs, t, 0) == at(2025, 4, 22, 8)


def test_holidays_ignored_when_not_closed():
    cs = compile_schedule(office(holidays_closed=False), date(2025, 4, 1), 30)
    assert is_open(cs, at(2025, 4, 18, 10))


def test_holiday_splits_overnight_interval_at_midnight():
    spec = nightly("20:00", "02:00", holidays_closed=True)
    cs = compile_schedule(spec, date(2025, 12, 1), 40)
    assert is_open(cs, at(2025, 12, 23, 23))
    assert is_open(cs, at(2025, 12, 24, 1))  # 24 Dec is not a public holiday here
    assert is_open(cs, at(2025, 12, 24, 23))
    assert closes_at(cs, at(2025, 12, 24, 23)) == at(2025, 12, 25)  # split at midnight
    assert not is_open(cs, at(2025, 12, 25, 1))
    assert not is_open(cs, at(2025, 12, 26, 21))
    # 26 Dec is a holiday too; its evening interval spills into the 27th, which is open.
    assert next_open(cs, at(2025, 12, 25, 0)) == at(2025, 12, 27, 0)
    assert end_of_next_business_day(cs, at(2025, 12, 24, 21)) == at(2025, 12, 25)


def test_special_hours_open_a_holiday_but_their_spill_onto_a_holiday_is_dropped():
    special = (
        SpecialHours(date(2025, 12, 25), (iv("10:00", "14:00"),), "Christmas cover"),
        SpecialHours(date(2025, 12, 24), (iv("20:00", "03:00"),), "Eve"),
    )
    cs = compile_schedule(office(special=special), date(2025, 12, 1), 40)
    assert is_open(cs, at(2025, 12, 25, 10))
    assert closes_at(cs, at(2025, 12, 25, 10)) == at(2025, 12, 25, 14)
    assert is_open(cs, at(2025, 12, 24, 21))  # special hours open Christmas Eve
    assert not is_open(cs, at(2025, 12, 25, 1))  # the spill lands on a holiday


def test_special_hours_with_no_intervals_close_a_day():
    special = (SpecialHours(date(2025, 3, 12), (), "Staff day"),)
    cs = compile_schedule(office(special=special), date(2025, 3, 1), 30)
    assert not is_open(cs, at(2025, 3, 12, 10))
    assert business_deadline(cs, at(2025, 3, 11, 16), 2 * H) == at(2025, 3, 13, 9)


def test_closure_range_beats_special_hours():
    spec = office(
        closures=(Closure(date(2025, 3, 10), date(2025, 3, 14), "Move"),),
        special=(SpecialHours(date(2025, 3, 12), (iv("08:00", "12:00"),)),),
    )
    cs = compile_schedule(spec, date(2025, 3, 1), 30)
    assert not any(is_open(cs, at(2025, 3, d, 10)) for d in range(10, 15))
    assert next_open(cs, at(2025, 3, 10, 10)) == at(2025, 3, 17, 8)


def test_seasons_first_covering_season_wins_and_recurring_wraps_year():
    summer = Season("summer", (6, 1), (8, 31), every(WEEKDAYS, iv("08:00", "16:00")))
    july = Season("july", date(2025, 7, 1), date(2025, 7, 31), every(WEEKDAYS, iv("09:00", "12:00")))
    winter = Season("winter", (12, 20), (1, 6), every(WEEKDAYS, iv("10:00", "14:00")))
    cs = compile_schedule(office(seasons=(summer, july, winter)), date(2025, 5, 1), 300)
    assert closes_at(cs, at(2025, 5, 30, 10)) == at(2025, 5, 30, 17)
    assert closes_at(cs, at(2025, 6, 2, 10)) == at(2025, 6, 2, 16)
    assert closes_at(cs, at(2025, 7, 1, 10)) == at(2025, 7, 1, 16)  # summer listed first
    assert closes_at(cs, at(2025, 12, 22, 10)) == at(2025, 12, 22, 14)
    assert closes_at(cs, at(2026, 1, 2, 10)) == at(2026, 1, 2, 14)
    assert closes_at(cs, at(2026, 1, 8, 10)) == at(2026, 1, 8, 17)


# -- arrival edge cases --------------------------------------------------------------


def test_deadline_exactly_on_closing_instant(office_2025):
    # Monday 3 March 2025, open 08-17; arrive 13:00 with 4h -> 17:00 the same day.
    assert business_deadline(office_2025, at(2025, 3, 3, 13), 4 * H) == at(2025, 3, 3, 17)
    assert business_deadline(office_2025, at(2025, 3, 3, 13), 4 * H + 1) == at(2025, 3, 4, 8, 0, 1)


def test_arrival_exactly_at_closing_time(office_2025):
    cs = office_2025
    t = at(2025, 3, 3, 17)
    assert not is_open(cs, t)
    assert is_open(cs, t - 1)
    assert closes_at(cs, t - 1) == t
    assert closes_at(cs, t) is None
    assert business_deadline(cs, t, H) == at(2025, 3, 4, 9)
    assert business_deadline(cs, t, 0) == at(2025, 3, 4, 8)


def test_arrival_before_opening(office_2025):
    cs = office_2025
    t = at(2025, 3, 3, 6)
    assert next_open(cs, t) == at(2025, 3, 3, 8)
    assert business_deadline(cs, t, H) == at(2025, 3, 3, 9)
    assert business_deadline(cs, t, 9 * H) == at(2025, 3, 3, 17)


def test_zero_target_is_arrival_if_open_else_next_opening(office_2025):
    assert business_deadline(office_2025, at(2025, 3, 3, 10), 0) == at(2025, 3, 3, 10)
    assert business_deadline(office_2025, at(2025, 3, 1, 10), 0) == at(2025, 3, 3, 8)


@pytest.mark.parametrize(
    "arrival, expected",
    [
        ((2025, 3, 1, 12), (2025, 3, 3, 17)),  # Saturday -> end of Monday
        ((2025, 3, 3, 6), (2025, 3, 3, 17)),  # Monday before opening -> end of Monday
        ((2025, 3, 3, 10), (2025, 3, 3, 17)),  # Monday while open -> end of Monday
        ((2025, 3, 7, 20), (2025, 3, 10, 17)),  # Friday evening -> end of Monday
        ((2025, 4, 19, 12), (2025, 4, 22, 17)),  # Easter Saturday, Monday a holiday -> Tuesday
    ],
)
def test_end_of_next_business_day(office_2025, arrival, expected):
    assert end_of_next_business_day(office_2025, at(*arrival)) == at(*expected)


def test_calendar_clock_ignores_everything():
    assert calendar_deadline(at(2025, 4, 18, 10), 2 * H) == at(2025, 4, 18, 12)
    with pytest.raises(ValueError):
        calendar_deadline(0, -1)


# -- horizon and errors ----------------------------------------------------------------


def test_horizon_bounds_and_beyond_horizon_results():
    cs = compile_schedule(office(), date(2025, 3, 3), 7)  # Mon 3 .. Sun 9 March
    assert cs.horizon_start == at(2025, 3, 3)
    assert cs.horizon_end == at(2025, 3, 10)
    assert business_deadline(cs, at(2025, 3, 3, 8), 45 * H) == at(2025, 3, 7, 17)
    with pytest.raises(HorizonError):
        business_deadline(cs, at(2025, 3, 3, 8), 45 * H + 1)
    with pytest.raises(HorizonError):
        next_open(cs, at(2025, 3, 8, 12))
    with pytest.raises(HorizonError):
        is_open(cs, at(2025, 3, 2, 12))
    with pytest.raises(HorizonError):
        is_open(cs, cs.horizon_end)
    out = business_deadlines(cs, [at(2025, 3, 3, 8), at(2025, 3, 3, 8), at(2025, 3, 2)], [H, 46 * H, 0])
    assert out.tolist() == [at(2025, 3, 3, 9), -1, -1]
    assert next_open_many(cs, [at(2025, 3, 8, 12)]).tolist() == [-1]
    with pytest.raises(HorizonError):
        is_open_many(cs, [at(2025, 3, 2, 12)])


def test_window_open_at_horizon_end_has_unknown_close():
    cs = compile_schedule(always(), date(2025, 3, 3), 2)
    with pytest.raises(HorizonError):
        closes_at(cs, at(2025, 3, 3, 12))
    assert business_deadline(cs, at(2025, 3, 3, 12), 36 * H) == cs.horizon_end


def test_overnight_interval_from_previous_evening_is_present():
    cs = compile_schedule(nightly(), date(2025, 3, 4), 3)
    assert is_open(cs, at(2025, 3, 4, 1))
    assert int(cs.starts[0]) == cs.horizon_start


def test_invalid_inputs_raise_value_errors():
    with pytest.raises(ValueError, match="timezone"):
        compile_schedule(always(tz="Mars/Olympus"), date(2025, 1, 1), 3)
    bad = ScheduleSpec("bad", STOCKHOLM, (DayHours(0, (Interval(0, 1441),)),), False, HolidayRules(None))
    with pytest.raises(ValueError, match="out of range"):
        compile_schedule(bad, date(2025, 1, 1), 3)
    with pytest.raises(ValueError, match="horizon_days"):
        compile_schedule(always(), date(2025, 1, 1), 0)
    with pytest.raises(ValueError, match=">= 0"):
        business_deadlines(compile_schedule(always(), date(2025, 1, 1), 3), [0], [-1])
    with pytest.raises(ValueError, match="unknown named day"):
        compile_schedule(office(also_closed=("groundhog-eve",)), date(2025, 1, 1), 3)


def test_empty_schedule_is_never_open():
    spec = ScheduleSpec("never", STOCKHOLM, (), False, HolidayRules(None))
    cs = compile_schedule(spec, date(2025, 1, 1), 3)
    t = at(2025, 1, 1, 12)
    assert not is_open(cs, t)
    assert business_deadlines(cs, [t], [H]).tolist() == [-1]
    with pytest.raises(HorizonError):
        end_of_next_business_day(cs, t)


# -- plain data ----------------------------------------------------------------------------


def test_plain_export_is_json_and_round_trips(office_2025):
    plain = schedule_to_plain(office_2025)
    again = schedule_from_plain(json.loads(json.dumps(plain)))
    assert plain["windows"][0] == [at(2025, 1, 2, 8), at(2025, 1, 2, 17)]  # 1 Jan is a holiday
    for name in ("starts", "ends", "cum", "day_starts", "day_closes", "work_closes"):
        assert np.array_equal(getattr(again, name), getattr(office_2025, name))
    assert (again.horizon_start, again.horizon_end) == (office_2025.horizon_start, office_2025.horizon_end)
    assert plain["cum"][1] == 9 * H

"""Property tests: the engine against the minute-stepping reference."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    end_of_next_business_days,
    is_open,
    is_open_many,
    next_open,
    next_open_many,
    open_seconds_between,
)

from .reference import Beyond, Reference

HOLIDAY_ANCHORS = [date(2025, 4, 18), date(2025, 6, 20), date(2025, 12, 24)]
# Each zone with the dates its DST changes (the horizon is placed around one
# of them, or around a Swedish holiday) and the local minutes around them.
ZONES = {
    "Europe/Stockholm": (
        [date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29), date(2026, 10, 25)],
        [120, 150, 179, 180],
    ),
    "America/New_York": ([date(2025, 3, 9), date(2025, 11, 2)], [60, 120, 150, 180]),
    # DST starts at local midnight: 00:00 does not exist that day.
    "America/Santiago": ([date(2025, 4, 6), date(2025, 9, 7)], [0, 30, 1380, 1410]),
    # A 30-minute DST shift at 02:00.
    "Australia/Lord_Howe": ([date(2025, 4, 6), date(2025, 10, 5)], [90, 120, 135, 150]),
    "Asia/Kolkata": ([], [0, 330]),  # no DST, +05:30
    "UTC": ([], [0]),
}
EDGE_MINUTES = [0, 60, 480, 1020, 1380, 1439]
NAMED = ["easter-eve", "midsummer-eve", "christmas-eve", "new-years-eve", "all-saints-eve"]
SE_NAMES = ["Good Friday", "Easter Monday", "Epiphany", "May Day", "National Day"]


@st.composite
def intervals(draw, minutes: list[int]) -> Interval:
    start = draw(st.one_of(st.sampled_from(minutes), st.integers(0, 1439)))
    kind = draw(st.sampled_from(["day", "overnight", "whole", "to-midnight"]))
    if kind == "whole":
        return Interval(0, 1440)
    if kind == "to-midnight":
        return Interval(start, 1440)
    ends = st.sampled_from([m for m in minutes if 0 < m <= start] or [1440])
    if kind == "overnight":
        return Interval(start, draw(st.one_of(ends, st.integers(1, start if start else 1440))))
    later = [m for m in minutes if m > start] or [1440]
    return Interval(start, draw(st.one_of(st.sampled_from(later), st.integers(start + 1, 1440))) if start < 1439 else 1440)


def weekly_hours(minutes: list[int]) -> st.SearchStrategy[tuple[DayHours, ...]]:
    day = st.builds(
        DayHours,
        weekday=st.integers(0, 6),
        intervals=st.lists(intervals(minutes), max_size=2).map(tuple),
    )
    return st.lists(day, max_size=7).map(tuple)


@st.composite
def scenarios(draw):
    horizon = draw(st.integers(14, 30))
    zone = draw(st.sampled_from(sorted(ZONES)))
    transitions, gap_minutes = ZONES[zone]
    minutes = EDGE_MINUTES + gap_minutes
    anchor = draw(st.sampled_from(transitions + HOLIDAY_ANCHORS))
    as_of = anchor - timedelta(days=draw(st.integers(0, horizon - 3)))
    in_range = st.one_of(
        st.integers(-1, 1).map(lambda k: anchor + timedelta(days=k)),
        st.integers(-2, horizon).map(lambda k: as_of + timedelta(days=k)),
    )

    def closure(start: date, length: int) -> Closure:
        return Closure(start, start + timedelta(days=length), "closure")

    seasons = draw(
        st.lists(
            st.one_of(
                st.builds(
                    lambda a, n, w: Season("s", a, a + timedelta(days=n), w),
                    in_range,
                    st.integers(0, 10),
                    weekly_hours(minutes),
                ),
                st.builds(
                    lambda a, b, w: Season("r", (a.month, a.day), (b.month, b.day), w),
                    in_range,
                    in_range,
                    weekly_hours(minutes),
                ),
            ),
            max_size=2,
        )
    )
    spec = ScheduleSpec(
        id="p",
        timezone=zone,
        weekly=draw(weekly_hours(minutes)),
        holidays_closed=draw(st.booleans()),
        holidays=HolidayRules(
            country=draw(st.sampled_from(["SE", None])),
            also_closed=tuple(draw(st.lists(st.sampled_from(NAMED), max_size=3, unique=True))),
            extra=tuple((d, "extra") for d in draw(st.lists(in_range, max_size=2))),
            not_closed=tuple(draw(st.lists(st.sampled_from(SE_NAMES), max_size=2, unique=True))),
        ),
        closures=tuple(draw(st.lists(st.builds(closure, in_range, st.integers(0, 3)), max_size=2))),
        special=tuple(
            draw(
                st.lists(
                    st.builds(SpecialHours, date=in_range, intervals=st.lists(intervals(minutes), max_size=2).map(tuple)),
                    max_size=3,
                )
            )
        ),
        seasons=tuple(seasons),
    )
    return spec, as_of, horizon


def _edges(ref: Reference) -> list[int]:
    changes = np.flatnonzero(np.diff(ref.open.astype(np.int8))) + 1
    minutes = (changes + ref.base) * 60
    inside = [int(m) for m in minutes if ref.hs <= m < ref.he]
    return inside + [ref.hs, ref.he - 1]


def _expect(fn, *args):
    try:
        return fn(*args)
    except (Beyond, HorizonError):
        return "beyond"


targets = st.one_of(
    st.sampled_from([0, 1, 59, 60, 3600, 4 * 3600, 9 * 3600, 86400, 3 * 86400]),
    st.integers(0, 10 * 86400),
)

SETTINGS = settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(scenario=scenarios(), data=st.data())
def test_engine_matches_minute_reference(scenario, data):
    spec, as_of, horizon = scenario
    cs = compile_schedule(spec, as_of, horizon)
    ref = Reference(spec, as_of, horizon)
    assert (cs.horizon_start, cs.horizon_end) == (ref.hs, ref.he)
    edges = _edges(ref)
    instant = st.one_of(
        st.integers(ref.hs, ref.he - 1),
        st.builds(lambda e, k: min(max(e + k, ref.hs), ref.he - 1), st.sampled_from(edges), st.integers(-61, 61)),
    )
    ts = data.draw(st.lists(instant, min_size=8, max_size=16), label="instants")
    ds = data.draw(st.lists(targets, min_size=len(ts), max_size=len(ts)), label="targets")
    for t, d in zip(ts, ds):
        assert is_open(cs, t) == ref.is_open(t), t
        assert _expect(next_open, cs, t) == _expect(ref.next_open, t), t
        assert _expect(closes_at, cs, t) == _expect(ref.closes_at, t), t
        assert _expect(business_deadline, cs, t, d) == _expect(ref.deadline, t, d), (t, d)
        assert _expect(end_of_next_business_day, cs, t) == _expect(ref.end_of_next_business_day, t), t
        assert calendar_deadline(t, d) == t + d
        b = min(t + d, ref.he)
        assert open_seconds_between(cs, t, b) == ref.open_seconds(t, b), (t, b)
    # Batch equals scalar on the same instants.
    t_arr, d_arr = np.array(ts, dtype=np.int64), np.array(ds, dtype=np.int64)
    batch = business_deadlines(cs, t_arr, d_arr)
    scalar = [_expect(business_deadline, cs, t, d) for t, d in zip(ts, ds)]
    assert [int(x) if x != -1 else "beyond" for x in batch] == scalar
    assert list(is_open_many(cs, t_arr)) == [is_open(cs, t) for t in ts]
    assert [int(x) if x != -1 else "beyond" for x in next_open_many(cs, t_arr)] == [_expect(next_open, cs, t) for t in ts]
    assert [int(x) if x != -1 else "beyond" for x in end_of_next_business_days(cs, t_arr)] == [
        _expect(end_of_next_business_day, cs, t) for t in ts
    ]


@SETTINGS
@given(scenario=scenarios())
def test_total_open_time_matches_reference(scenario):
    """The whole horizon: every window edge and the total open seconds."""
    spec, as_of, horizon = scenario
    cs = compile_schedule(spec, as_of, horizon)
    ref = Reference(spec, as_of, horizon)
    mask = np.zeros(len(ref.open), dtype=bool)
    for s, e in zip(cs.starts, cs.ends):
        assert s < e and s % 60 == 0 and e % 60 == 0
        mask[s // 60 - ref.base : e // 60 - ref.base] = True
    assert np.array_equal(mask, ref.open)
    assert all(cs.ends[:-1] < cs.starts[1:]), "windows must be disjoint and not touching"
    assert open_seconds_between(cs, cs.horizon_start, cs.horizon_end) == int(ref.open.sum()) * 60


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios(), data=st.data())
def test_batch_equals_scalar_on_random_inputs(scenario, data):
    spec, as_of, horizon = scenario
    cs = compile_schedule(spec, as_of, horizon)
    seed = data.draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    # Include instants outside the horizon: batch gives -1, scalar raises.
    t = rng.integers(cs.horizon_start - 3600, cs.horizon_end + 3600, 200)
    d = rng.choice([0, 1, 3600, 86400, 5 * 86400, 40 * 86400], 200)
    batch = business_deadlines(cs, t, d)
    for ti, di, xi in zip(t.tolist(), d.tolist(), batch.tolist()):
        assert _expect(business_deadline, cs, ti, di) == (xi if xi != -1 else "beyond")


def test_reference_sanity_fall_back_night_is_25_hours():
    """The reference itself: a 24/7 schedule's fall-back day has 25 open hours."""
    spec = ScheduleSpec(
        "all",
        "Europe/Stockholm",
        tuple(DayHours(d, (Interval(0, 1440),)) for d in range(7)),
        False,
        HolidayRules(None),
    )
    ref = Reference(spec, date(2025, 10, 26), 1)
    assert ref.open.sum() == 25 * 60
    ref = Reference(spec, date(2025, 3, 30), 1)
    assert ref.open.sum() == 23 * 60


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])

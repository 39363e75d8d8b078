"""Working-day deadlines against a day-walking reference built on the minute reference.

A working day is a date on which an opening interval starts; its close is where
that open time ends (the next morning for an overnight interval). The scenarios
are the engine property tests' own: horizons around the DST
changes of several zones (Europe/Stockholm among them) and Swedish holidays,
with seasons, closures (bridge days), special hours and overnight intervals.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.engine import (
    Closure,
    DayHours,
    HolidayRules,
    HorizonError,
    Interval,
    ScheduleSpec,
    compile_schedule,
    working_day_deadline,
    working_day_deadlines,
)

from .reference import Beyond, Reference, wall_minutes_by_start
from .test_property import SETTINGS, _edges, _expect, scenarios


def working_day_closes(ref: Reference, spec, as_of: date, horizon: int) -> list[tuple[date, int]]:
    """Each date on which an interval starts (with open time left once resolved to UTC) is a working day;
    its close is the latest end of its intervals' open minutes (epoch seconds)."""
    last = as_of + timedelta(days=horizon - 1)
    closes = []
    for day, minutes in sorted(wall_minutes_by_start(spec, as_of, last).items()):
        starts, ends = ref.resolve_many(np.array(minutes)), ref.resolve_many(np.array(minutes) + 1)
        ends = ends[starts < ends]
        if ends.size:
            closes.append((day, int(ends.max()) * 60))
    return closes


def reference_working_day_deadline(ref: Reference, closes: list[tuple[date, int]], t: int, n: int) -> int:
    """The n-th working day after t's local date closes at its close."""
    arrival = ref.local_date(t)
    after = [close for day, close in closes if day > arrival]
    if len(after) < n or after[n - 1] >= ref.he:  # at the horizon end the interval may go on
        raise Beyond
    return after[n - 1]


# The engine's own property tests (test_property.py) already walk 70 of these scenarios per run; working days
# add a day-walk on top, so fewer scenarios with 6-12 instants each keep the suite quick.
@settings(SETTINGS, max_examples=40)
@given(scenario=scenarios(), data=st.data())
def test_working_days_match_the_day_walking_reference(scenario, data):
    spec, as_of, horizon = scenario
    cs = compile_schedule(spec, as_of, horizon)
    ref = Reference(spec, as_of, horizon)
    edges = _edges(ref)
    instant = st.one_of(
        st.integers(ref.hs, ref.he - 1),
        st.builds(lambda e, k: min(max(e + k, ref.hs), ref.he - 1), st.sampled_from(edges), st.integers(-61, 61)),
    )
    ts = data.draw(st.lists(instant, min_size=6, max_size=12), label="instants")
    ns = data.draw(st.lists(st.integers(1, 6), min_size=len(ts), max_size=len(ts)), label="working days")
    closes = working_day_closes(ref, spec, as_of, horizon)
    for t, n in zip(ts, ns):
        assert _expect(working_day_deadline, cs, t, n) == _expect(reference_working_day_deadline, ref, closes, t, n), (t, n)
    batch = working_day_deadlines(cs, np.array(ts, dtype=np.int64), np.array(ns, dtype=np.int64))
    assert [int(x) if x != -1 else "beyond" for x in batch] == [_expect(working_day_deadline, cs, t, n) for t, n in zip(ts, ns)]


STOCKHOLM = "Europe/Stockholm"
OFFICE = tuple(DayHours(d, (Interval(8 * 60, 17 * 60),)) for d in range(5))


def office(**changes) -> ScheduleSpec:
    return ScheduleSpec("office", STOCKHOLM, OFFICE, True, HolidayRules("SE", also_closed=("christmas-eve",)), **changes)


def at(cs, *local) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return int(datetime(*local, tzinfo=ZoneInfo(STOCKHOLM)).timestamp())


@pytest.mark.parametrize(
    "arrival, n, due",
    [
        ((2026, 11, 23, 10), 1, (2026, 11, 24, 17)),  # Monday, open: Tuesday's close
        ((2026, 11, 23, 6), 1, (2026, 11, 24, 17)),  # Monday before opening: the arrival date never counts
        ((2026, 11, 23, 20), 1, (2026, 11, 24, 17)),  # Monday evening
        ((2026, 11, 27, 16), 1, (2026, 11, 30, 17)),  # Friday: Monday's close
        ((2026, 11, 28, 12), 1, (2026, 11, 30, 17)),  # Saturday: Monday's close
        ((2026, 11, 23, 10), 2, (2026, 11, 25, 17)),  # two working days
        ((2027, 3, 25, 10), 1, (2027, 3, 30, 17)),  # Maundy Thursday: Good Friday and Easter Monday are holidays
        ((2027, 3, 26, 12), 2, (2027, 3, 31, 17)),  # Good Friday; the clocks go forward on Easter Sunday: 17:00 CEST
        ((2027, 10, 29, 15), 1, (2027, 11, 1, 17)),  # the clocks go back on the weekend: 17:00 CET
        ((2026, 12, 23, 9), 1, (2026, 12, 28, 17)),  # Christmas Eve and Day, Boxing Day
    ],
)
def test_working_days_in_stockholm_office_hours(arrival, n, due):
    cs = compile_schedule(office(), date(2026, 11, 23), 400)
    assert working_day_deadline(cs, at(cs, *arrival), n) == at(cs, *due)


def test_a_bridge_day_closure_is_not_a_working_day():
    bridge = Closure(date(2027, 5, 7), date(2027, 5, 7), "bridge day after Ascension")
    cs = compile_schedule(office(closures=(bridge,)), date(2026, 11, 23), 400)
    wednesday = at(cs, 2027, 5, 5, 12)  # Thursday 6 May is Ascension Day, Friday 7 May the closure
    assert working_day_deadline(cs, wednesday, 1) == at(cs, 2027, 5, 10, 17)


def test_working_days_beyond_the_horizon_raise_and_batch_gives_the_sentinel():
    cs = compile_schedule(office(), date(2026, 11, 23), 10)
    late = at(cs, 2026, 12, 1, 10)  # Tuesday; Wednesday 2 December is the horizon's last date
    assert working_day_deadline(cs, late, 1) == at(cs, 2026, 12, 2, 17)
    with pytest.raises(HorizonError):
        working_day_deadline(cs, late, 2)
    assert working_day_deadlines(cs, [late, late, cs.horizon_end], [1, 2, 1]).tolist() == [at(cs, 2026, 12, 2, 17), -1, -1]
    with pytest.raises(ValueError):
        working_day_deadlines(cs, [late], [0])


def test_an_overnight_interval_belongs_to_the_working_day_it_starts_on():
    evenings = ScheduleSpec("desk", STOCKHOLM, tuple(DayHours(d, (Interval(17 * 60, 60),)) for d in range(5)), False, HolidayRules(None))
    cs = compile_schedule(evenings, date(2026, 11, 23), 60)
    friday_evening = at(cs, 2026, 11, 27, 20)
    # Saturday 00:00-01:00 is Friday's open time, not a working day: Monday's evening closes on Tuesday at 01:00
    assert working_day_deadline(cs, friday_evening, 1) == at(cs, 2026, 12, 1, 1)
    assert working_day_deadline(cs, at(cs, 2026, 11, 28, 0, 30), 1) == at(cs, 2026, 12, 1, 1)
    assert working_day_deadline(cs, at(cs, 2026, 11, 23, 23), 2) == at(cs, 2026, 11, 26, 1)

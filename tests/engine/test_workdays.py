"""Working-day deadlines against a day-walking reference built on the minute reference.

The scenarios are the engine property tests' own: horizons around the DST
changes of several zones (Europe/Stockholm among them) and Swedish holidays,
with seasons, closures (bridge days), special hours and overnight intervals.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
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

from .reference import Beyond, Reference
from .test_property import SETTINGS, _edges, _expect, scenarios


def reference_working_day_deadline(ref: Reference, t: int, n: int) -> int:
    """Every UTC minute after t with its local date: the later dates with an open minute are working days; the
    n-th one's close is the end of its last open minute."""
    first, stop = t // 60 + 1 - ref.base, ref.he // 60 - ref.base
    days = ref.walls[first:stop] // 1440  # local date of each minute, as days since 1970-01-01
    arrival = ref.walls[t // 60 - ref.base] // 1440
    open_later = ref.open[first:stop] & (days > arrival)
    working = list(dict.fromkeys(days[open_later].tolist()))
    if len(working) < n:
        raise Beyond
    last = np.flatnonzero(open_later & (days == working[n - 1]))[-1]
    return (ref.base + first + int(last) + 1) * 60


@SETTINGS
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
    for t, n in zip(ts, ns):
        assert _expect(working_day_deadline, cs, t, n) == _expect(reference_working_day_deadline, ref, t, n), (t, n)
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

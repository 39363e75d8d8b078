"""The engine's input records as plain data (the policy document's `rules`): JSON round trip."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from socialkit.engine.rota import rota_spec_from_plain, rota_spec_to_plain
from socialkit.engine.spec import (
    Closure,
    DayHours,
    HolidayRules,
    Interval,
    RotaLayer,
    RotaOverride,
    RotaSpec,
    ScheduleSpec,
    Season,
    SpecialHours,
)
from socialkit.engine.windows import spec_from_plain, spec_to_plain

from .helpers import office

names = st.text(max_size=12)
small = st.lists(names, max_size=3).map(tuple)
interval_lists = st.lists(st.builds(Interval, st.integers(0, 1439), st.integers(1, 1440)), max_size=3).map(tuple)
weekly = st.lists(st.builds(DayHours, st.integers(0, 6), interval_lists), max_size=7).map(tuple)
season_days = st.one_of(st.dates(), st.tuples(st.integers(1, 12), st.integers(1, 28)))
holiday_rules = st.builds(
    HolidayRules,
    country=st.one_of(st.none(), st.sampled_from(["SE", "DE", "US"])),
    subdivision=st.one_of(st.none(), names),
    also_closed=small,
    extra=st.lists(st.tuples(st.dates(), names), max_size=3).map(tuple),
    not_closed=small,
)
schedules = st.builds(
    ScheduleSpec,
    id=names,
    timezone=st.sampled_from(["Europe/Stockholm", "America/New_York", "UTC", "Pacific/Kiritimati"]),
    weekly=weekly,
    holidays_closed=st.booleans(),
    holidays=holiday_rules,
    closures=st.lists(st.builds(Closure, st.dates(), st.dates(), names), max_size=3).map(tuple),
    special=st.lists(st.builds(SpecialHours, st.dates(), interval_lists, names), max_size=3).map(tuple),
    seasons=st.lists(st.builds(Season, names, season_days, season_days, weekly), max_size=3).map(tuple),
)
rotas = st.builds(
    RotaSpec,
    id=names,
    timezone=st.sampled_from(["Europe/Stockholm", "Australia/Lord_Howe"]),
    layers=st.lists(
        st.builds(
            RotaLayer,
            id=names,
            start=st.datetimes(),
            rotation_seconds=st.integers(1, 10**8),
            order=st.lists(names, min_size=1, max_size=4).map(tuple),
            restrict_to=st.one_of(st.none(), schedules),
        ),
        max_size=3,
    ).map(tuple),
    overrides=st.lists(st.builds(RotaOverride, st.datetimes(), st.datetimes(), names, st.one_of(st.none(), names)), max_size=3).map(tuple),
)


def through_json(data: dict) -> dict:
    return json.loads(json.dumps(data))


@given(schedules)
def test_schedule_rules_survive_json(spec):
    assert spec_from_plain(through_json(spec_to_plain(spec))) == spec


@given(rotas)
def test_rota_rules_survive_json(spec):
    assert rota_spec_from_plain(through_json(rota_spec_to_plain(spec))) == spec


def test_recurring_season_days_are_iso_month_days():
    spec = office(seasons=(Season("winter", (12, 20), (1, 6), ()),))
    plain = spec_to_plain(spec)
    assert (plain["seasons"][0]["start"], plain["seasons"][0]["end"]) == ("--12-20", "--01-06")
    assert plain["weekly"][0] == {"weekday": 0, "intervals": [[480, 1020]]}

"""Rota: hand-offs across DST, several layers, overrides, restrict_to."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.engine import (
    HorizonError,
    RotaLayer,
    RotaOverride,
    RotaSpec,
    RotaTurn,
    compile_rota,
    on_duty,
    rota_to_plain,
)

from .helpers import STOCKHOLM, at, office

DAY = 86400
WEEK = 7 * DAY


def rota(*layers, overrides=()):
    return RotaSpec("team", STOCKHOLM, tuple(layers), tuple(overrides))


def weekly(start: datetime, order=("ann", "bo"), **kw) -> RotaLayer:
    return RotaLayer("primary", start, WEEK, order, **kw)


@pytest.mark.parametrize(
    "first_monday, change_monday",
    [
        (datetime(2025, 3, 24, 8), (2025, 3, 31)),  # spring forward on Sun 30 March
        (datetime(2025, 10, 20, 8), (2025, 10, 27)),  # fall back on Sun 26 October
    ],
)
def test_weekly_hand_off_stays_at_local_0800_across_dst(first_monday, change_monday):
    cr = compile_rota(rota(weekly(first_monday)), date(2025, 3, 1), 300)
    assert on_duty(cr, at(*change_monday, 7, 59, 59)) == ("ann",)
    assert on_duty(cr, at(*change_monday, 8)) == ("bo",)
    # The DST week is an hour shorter or longer in real time: not 7 * 86400 s.
    hand_off = at(*change_monday, 8)
    previous = at(first_monday.year, first_monday.month, first_monday.day, 8)
    assert abs((hand_off - previous) - WEEK) == 3600


def test_weekly_rotation_cycles_and_nobody_before_start():
    cr = compile_rota(rota(weekly(datetime(2025, 3, 24, 8), ("ann", "bo", "cy"))), date(2025, 3, 1), 100)
    assert on_duty(cr, at(2025, 3, 24, 7, 59)) == ()
    assert on_duty(cr, at(2025, 3, 24, 8)) == ("ann",)
    assert on_duty(cr, at(2025, 4, 7, 8)) == ("cy",)
    assert on_duty(cr, at(2025, 4, 14, 8)) == ("ann",)
    assert int(cr.starts[0]) == at(2025, 3, 24, 8)


def test_elapsed_rotation_counts_real_seconds_across_dst():
    layer = RotaLayer("half-day", datetime(2025, 3, 29, 8), 12 * 3600, ("ann", "bo"))
    cr = compile_rota(rota(layer), date(2025, 3, 29), 3)
    assert on_duty(cr, at(2025, 3, 29, 19, 59)) == ("ann",)
    assert on_duty(cr, at(2025, 3, 29, 20)) == ("bo",)
    # 12 real hours after 20:00 CET is 09:00 CEST, not 08:00.
    assert on_duty(cr, at(2025, 3, 30, 8, 30)) == ("bo",)
    assert on_duty(cr, at(2025, 3, 30, 9)) == ("ann",)


def test_layers_combine_in_layer_order_without_duplicates():
    primary = weekly(datetime(2025, 3, 3, 8), ("ann", "bo"))
    backup = RotaLayer("backup", datetime(2025, 3, 3, 8), WEEK, ("bo", "ann"))
    third = RotaLayer("lead", datetime(2025, 3, 3, 8), WEEK, ("ann",))
    cr = compile_rota(rota(primary, backup, third), date(2025, 3, 3), 14)
    assert on_duty(cr, at(2025, 3, 4, 12)) == ("ann", "bo")
    assert on_duty(cr, at(2025, 3, 11, 12)) == ("bo", "ann")


def test_override_alone_on_duty_for_its_window():
    primary = weekly(datetime(2025, 3, 3, 8), ("ann", "bo"))
    backup = RotaLayer("backup", datetime(2025, 3, 3, 8), WEEK, ("cy",))
    ov = RotaOverride(datetime(2025, 3, 5, 12), datetime(2025, 3, 5, 18), "dee")
    cr = compile_rota(rota(primary, backup, overrides=[ov]), date(2025, 3, 3), 14)
    assert on_duty(cr, at(2025, 3, 5, 11, 59)) == ("ann", "cy")
    assert on_duty(cr, at(2025, 3, 5, 12)) == ("dee",)
    assert on_duty(cr, at(2025, 3, 5, 18)) == ("ann", "cy")


def test_override_without_replaces_fills_a_gap_with_nobody_on_duty():
    ov = RotaOverride(datetime(2025, 3, 1, 9), datetime(2025, 3, 1, 10), "dee")
    cr = compile_rota(rota(weekly(datetime(2025, 3, 3, 8)), overrides=[ov]), date(2025, 3, 1), 7)
    assert on_duty(cr, at(2025, 3, 1, 9, 30)) == ("dee",)
    assert on_duty(cr, at(2025, 3, 1, 10)) == ()


def test_override_replacing_a_person_only_where_they_are_on_duty():
    primary = weekly(datetime(2025, 3, 3, 8), ("ann", "bo"))
    backup = RotaLayer("backup", datetime(2025, 3, 3, 8), WEEK, ("cy",))
    ov = RotaOverride(datetime(2025, 3, 8), datetime(2025, 3, 12), "dee", replaces="ann")
    cr = compile_rota(rota(primary, backup, overrides=[ov]), date(2025, 3, 3), 14)
    assert on_duty(cr, at(2025, 3, 9, 12)) == ("dee", "cy")  # ann's week
    assert on_duty(cr, at(2025, 3, 10, 12)) == ("bo", "cy")  # bo's week: nothing to replace


def test_override_replacing_someone_already_on_duty_deduplicates():
    primary = weekly(datetime(2025, 3, 3, 8), ("ann",))
    backup = RotaLayer("backup", datetime(2025, 3, 3, 8), WEEK, ("bo",))
    ov = RotaOverride(datetime(2025, 3, 4), datetime(2025, 3, 5), "bo", replaces="ann")
    cr = compile_rota(rota(primary, backup, overrides=[ov]), date(2025, 3, 3), 7)
    assert on_duty(cr, at(2025, 3, 4, 12)) == ("bo",)


def test_restrict_to_counts_only_while_schedule_open():
    layer = RotaLayer("office", datetime(2025, 3, 3, 0), WEEK, ("ann", "bo"), restrict_to=office())
    night = RotaLayer("night", datetime(2025, 3, 3, 0), DAY, ("cy",))
    cr = compile_rota(rota(layer, night), date(2025, 4, 14), 14)
    assert on_duty(cr, at(2025, 4, 14, 9)) == ("ann", "cy")
    assert on_duty(cr, at(2025, 4, 14, 7, 59)) == ("cy",)
    assert on_duty(cr, at(2025, 4, 14, 17)) == ("cy",)
    assert on_duty(cr, at(2025, 4, 18, 10)) == ("cy",)  # Good Friday: office closed
    only = compile_rota(rota(layer), date(2025, 4, 14), 14)
    assert on_duty(only, at(2025, 4, 19, 12)) == ()
    assert int(only.starts[0]) == at(2025, 4, 14, 8)


def test_rota_horizon_and_plain_export():
    cr = compile_rota(rota(weekly(datetime(2025, 3, 3, 8))), date(2025, 3, 3), 14)
    with pytest.raises(HorizonError):
        on_duty(cr, at(2025, 3, 2, 12))
    with pytest.raises(HorizonError):
        on_duty(cr, cr.horizon_end)
    plain = json.loads(json.dumps(rota_to_plain(cr)))
    assert plain["spans"] == [
        [at(2025, 3, 3, 8), at(2025, 3, 10, 8), ["ann"]],
        [at(2025, 3, 10, 8), at(2025, 3, 17), ["bo"]],
    ]


def test_invalid_rota_inputs():
    bad = RotaLayer("bad", datetime(2025, 3, 3), 0, ("ann",))
    with pytest.raises(ValueError, match="rotation_seconds"):
        compile_rota(rota(bad), date(2025, 3, 3), 7)
    ov = RotaOverride(datetime(2025, 3, 5), datetime(2025, 3, 4), "x")
    with pytest.raises(ValueError, match="override"):
        compile_rota(rota(weekly(datetime(2025, 3, 3)), overrides=[ov]), date(2025, 3, 3), 7)


# -- property: spans agree with a per-instant brute force ---------------------------------


def _brute_person(layer: RotaLayer, t: int) -> str | None:
    """Count hand-offs one by one (no shared code with the engine)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(STOCKHOLM)

    def hand_off(k: int) -> int:
        if layer.rotation_seconds % DAY == 0:
            wall = layer.start + timedelta(days=k * layer.rotation_seconds // DAY)
            # Wall times in these tests avoid DST gaps and repeats.
            return int(wall.replace(tzinfo=tz).timestamp())
        return int(layer.start.replace(tzinfo=tz).timestamp()) + k * layer.rotation_seconds

    if t < hand_off(0):
        return None
    k = 0
    while hand_off(k + 1) <= t:
        k += 1
    return layer.order[k % len(layer.order)]


@settings(max_examples=30, deadline=None)
@given(
    layers=st.lists(
        st.builds(
            RotaLayer,
            id=st.just("l"),
            start=st.builds(
                datetime,
                st.just(2025),
                st.sampled_from([3, 10]),
                st.integers(20, 28),
                st.sampled_from([0, 8, 9, 12, 17]),
                st.sampled_from([0, 30]),
            ),
            rotation_seconds=st.sampled_from([DAY, 2 * DAY, WEEK, 8 * 3600, 5400]),
            order=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=3).map(tuple),
        ),
        min_size=1,
        max_size=3,
    ),
    offsets=st.lists(st.integers(0, 13 * DAY), min_size=10, max_size=20),
    as_of=st.sampled_from([date(2025, 3, 22), date(2025, 10, 18)]),
)
def test_rota_matches_brute_force(layers, offsets, as_of):
    cr = compile_rota(rota(*layers), as_of, 14)
    for off in offsets:
        t = cr.horizon_start + off
        found = [_brute_person(layer, t) for layer in layers]
        expected = tuple(dict.fromkeys(p for p in found if p is not None))
        assert on_duty(cr, t) == expected


# -- dated turns (relays) ----------------------------------------------------------------


def relay(*turns, **kw) -> RotaLayer:
    return RotaLayer("relay", min(t.start for t in turns), 0, (), turns=tuple(turns), **kw)


def test_dated_turns_run_until_the_next_turn_and_the_last_until_further_notice():
    layer = relay(RotaTurn("ann", datetime(2025, 3, 24, 8)), RotaTurn("bo", datetime(2025, 4, 7, 8)))
    cr = compile_rota(rota(layer), date(2025, 3, 1), 100)
    assert on_duty(cr, at(2025, 3, 24, 7, 59)) == ()
    assert on_duty(cr, at(2025, 3, 30, 12)) == ("ann",)  # across the spring DST change
    assert on_duty(cr, at(2025, 4, 7, 7, 59)) == ("ann",)
    assert on_duty(cr, at(2025, 4, 7, 8)) == ("bo",)
    assert on_duty(cr, cr.horizon_end - 1) == ("bo",)


def test_dated_turns_with_ends_leave_gaps_and_overlaps_put_both_on_duty():
    layer = relay(
        RotaTurn("ann", datetime(2025, 3, 24, 8), datetime(2025, 3, 31, 8)),
        RotaTurn("bo", datetime(2025, 4, 7, 8), datetime(2025, 4, 21, 8)),
        RotaTurn("cy", datetime(2025, 4, 14, 8), datetime(2025, 4, 28, 8)),
        RotaTurn(None, datetime(2025, 4, 28, 8)),
    )
    cr = compile_rota(rota(layer), date(2025, 3, 1), 100)
    assert on_duty(cr, at(2025, 4, 1, 12)) == ()  # the gap
    assert on_duty(cr, at(2025, 4, 15, 12)) == ("bo", "cy")  # the overlap
    assert on_duty(cr, at(2025, 4, 22, 12)) == ("cy",)
    assert on_duty(cr, at(2025, 5, 5, 12)) == ()  # the unnamed last turn


def test_dated_turns_restricted_to_a_schedule_and_replaced_by_an_override():
    layer = relay(RotaTurn("ann", datetime(2025, 4, 14, 0)), RotaTurn("bo", datetime(2025, 4, 21, 0)), restrict_to=office())
    ov = RotaOverride(datetime(2025, 4, 22), datetime(2025, 4, 23), "cy", "bo")
    cr = compile_rota(rota(layer, overrides=[ov]), date(2025, 4, 14), 14)
    assert on_duty(cr, at(2025, 4, 14, 9)) == ("ann",)
    assert on_duty(cr, at(2025, 4, 18, 10)) == ()  # Good Friday: office closed
    assert on_duty(cr, at(2025, 4, 22, 10)) == ("cy",)
    assert on_duty(cr, at(2025, 4, 23, 10)) == ("bo",)


def test_dated_turns_survive_the_plain_round_trip():
    from socialkit.engine.rota import rota_spec_from_plain, rota_spec_to_plain

    spec = rota(relay(RotaTurn("ann", datetime(2025, 3, 24, 8), datetime(2025, 4, 1)), RotaTurn(None, datetime(2025, 4, 7, 8))))
    plain = json.loads(json.dumps(rota_spec_to_plain(spec)))
    assert plain["layers"][0]["turns"] == [
        {"person": "ann", "start": "2025-03-24T08:00:00", "end": "2025-04-01T00:00:00"},
        {"person": None, "start": "2025-04-07T08:00:00", "end": None},
    ]
    assert rota_spec_from_plain(plain) == spec
    del plain["layers"][0]["turns"]  # documents written before turns existed
    assert rota_spec_from_plain(plain).layers[0].turns == ()


def _brute_turns(turns, t: int) -> tuple[str, ...]:
    """Each turn on its own: its end, else the next later start, else for ever (no shared code with the engine)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(STOCKHOLM)
    out = []
    for turn in turns:
        later = sorted(u.start for u in turns if u.start > turn.start)
        end = turn.end or (later[0] if later else None)
        lo = int(turn.start.replace(tzinfo=tz).timestamp())
        hi = int(end.replace(tzinfo=tz).timestamp()) if end else 2**62
        if turn.person and lo <= t < hi:
            out.append((turn.start, turn.person))
    return tuple(dict.fromkeys(p for _, p in sorted(out)))


@settings(max_examples=40, deadline=None)
@given(
    turns=st.lists(
        st.builds(
            RotaTurn,
            person=st.sampled_from(["a", "b", "c", None]),
            start=st.builds(datetime, st.just(2025), st.just(10), st.integers(18, 31), st.sampled_from([0, 8, 17])),
            end=st.one_of(st.none(), st.builds(datetime, st.just(2025), st.just(11), st.integers(1, 6), st.sampled_from([0, 8]))),
        ),
        min_size=1,
        max_size=5,
    ),
    offsets=st.lists(st.integers(0, 20 * DAY), min_size=10, max_size=20),
)
def test_dated_turns_match_brute_force(turns, offsets):
    cr = compile_rota(rota(relay(*turns)), date(2025, 10, 18), 21)
    for off in offsets:
        t = cr.horizon_start + off
        assert set(on_duty(cr, t)) == set(_brute_turns(turns, t))

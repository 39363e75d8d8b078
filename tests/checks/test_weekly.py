"""The weekly and exact time helpers, against simple set-of-minutes references."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.checks import timeline, weekly

OFFICE = {"mon-thu": ["08:00-17:00"], "fri": ["08:00-16:00"]}


def test_describe_closed_office_hours():
    assert weekly.describe(~weekly.of_weekly(OFFICE)) == "mon-thu 17:00-08:00, fri 16:00-mon 08:00"


def test_describe_spill_past_midnight_and_groups():
    assert weekly.describe(weekly.of_weekly({"mon-fri": ["17:00-01:00"]})) == "mon-fri 17:00-01:00"
    assert weekly.describe(weekly.of_weekly({"sat,sun": ["10:00-14:00"], "wed": ["10:00-14:00"]})) == "wed,sat,sun 10:00-14:00"
    assert weekly.describe(weekly.of_weekly({"daily": ["00:00-24:00"]})) == "all week"
    assert weekly.describe(weekly.empty()) == "never"
    assert weekly.describe(weekly.of_weekly({"sat": ["10:00-24:00"]})) == "sat 10:00-24:00"


def test_describe_limits_long_lists():
    week = weekly.of_weekly({"daily": [f"{h:02d}:00-{h:02d}:30" for h in range(0, 24, 2)]})
    assert weekly.describe(week, limit=2).endswith("(and 10 more)")


def test_longest_run_wraps_the_week_end():
    assert weekly.longest_run(~weekly.of_weekly(OFFICE)) == 64 * 60


def test_shift_between_zones():
    week = weekly.of_weekly({"mon": ["07:00-16:00"]})
    assert weekly.describe(weekly.shifted(week, 60)) == "mon 08:00-17:00"


@st.composite
def minute_sets(draw):
    week = np.zeros(weekly.WEEK, dtype=bool)
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, weekly.WEEK - 1))
        length = draw(st.integers(1, 3 * weekly.DAY))
        weekly.add(week, start, start + length)
    return week


@settings(max_examples=200, deadline=None)
@given(minute_sets())
def test_runs_cover_exactly_the_set(week):
    rebuilt = weekly.empty()
    for start, length in weekly.runs(week):
        weekly.add(rebuilt, start, start + length)
    assert (rebuilt == week).all()
    if 0 < week.sum() < weekly.WEEK:
        assert weekly.longest_run(week) == max(length for _, length in weekly.runs(week))


def spans(draw_list):
    starts, ends = [], []
    cursor = 0
    for gap, length in draw_list:
        cursor += gap
        starts.append(cursor)
        cursor += length
        ends.append(cursor)
    return timeline.windows(starts, ends)


window_lists = st.lists(st.tuples(st.integers(1, 50), st.integers(1, 50)), max_size=12)


def as_set(w) -> set[int]:
    return {t for s, e in zip(*w) for t in range(int(s), int(e))}


@settings(max_examples=300, deadline=None)
@given(window_lists, window_lists)
def test_subtract_matches_set_difference(a, b):
    wa, wb = spans(a), spans(b)
    out = timeline.subtract(wa, wb)
    assert as_set(out) == as_set(wa) - as_set(wb)
    assert all(e > s for s, e in zip(*out))


@settings(max_examples=200, deadline=None)
@given(window_lists, window_lists)
def test_exact_intersection_and_inversion(a, b):
    wa, wb = spans(a), spans(b)
    ea, eb = timeline.Exact(wa, 0, 600), timeline.Exact(wb, 0, 600)
    horizon = set(range(600))
    assert as_set((ea & eb).windows) == as_set(wa) & as_set(wb) & horizon
    assert as_set(ea.inverted().windows) == horizon - as_set(wa)


def test_merged_joins_overlapping_and_touching():
    merged = timeline.merged(timeline.windows([5, 0, 10, 30], [12, 5, 20, 40]))
    assert [(int(s), int(e)) for s, e in zip(*merged)] == [(0, 20), (30, 40)]


def test_local_pieces_and_dated_description():
    zone = ZoneInfo("Europe/Stockholm")
    from socialkit.engine import local_to_utc

    start = local_to_utc(zone, date(2026, 12, 24), 20 * 60)
    end = local_to_utc(zone, date(2026, 12, 26), 2 * 60)
    pieces = list(timeline.local_pieces(timeline.windows([start], [end]), zone))
    assert [p.text for p in pieces] == ["2026-12-24 20:00-24:00", "2026-12-25 00:00-24:00", "2026-12-26 00:00-02:00"]
    usual = weekly.of_weekly({"thu": ["20:00-24:00"]})  # 2026-12-24 is a Thursday
    seen, dated = timeline.split_by_week(timeline.windows([start], [end]), zone, usual)
    assert weekly.describe(seen) == "thu 20:00-24:00"
    assert timeline.describe_dated(dated) == "on 2026-12-25 00:00-24:00, on 2026-12-26 00:00-02:00"


def test_dated_pieces_with_the_same_hours_are_grouped():
    pieces = [timeline.LocalPiece(date(2027, 6, d), 900, 960) for d in (22, 23, 24, 25)] + [timeline.LocalPiece(date(2027, 1, 1), 0, 60)]
    assert timeline.describe_dated(pieces) == "on 2027-01-01 00:00-01:00, 15:00-16:00 on 4 dates from 2027-06-22 to 2027-06-25"
    assert timeline.describe_dated(pieces, limit=1) == "on 2027-01-01 00:00-01:00 (and 4 more dates)"

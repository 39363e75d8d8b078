"""ZoneFormatter against datetime: the texts every decision carries."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.engine.timefmt import FEW, ZoneFormatter

ZONES = ["Europe/Stockholm", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"]
FORMATTERS = {zone: ZoneFormatter(zone) for zone in ZONES}
START, END = 1767225600, 1830297600  # 2026-01-01 .. 2028-01-01 UTC


def reference(t: int, zone: str) -> tuple[str, str]:
    local = datetime.fromtimestamp(t, ZoneInfo(zone))
    return local.isoformat(), local.strftime("%a %Y-%m-%d %H:%M")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ZONES), st.lists(st.integers(START, END), min_size=1, max_size=40))
def test_texts_equal_datetime_isoformat_and_short_form(zone, instants):
    """Through the offset table (the formatter has covered the range: a batch) ..."""
    FORMATTERS[zone].offsets(np.array([START, END], dtype=np.int64))
    rfc, short = FORMATTERS[zone].both(np.array(instants, dtype=np.int64))
    assert list(zip(rfc, short)) == [reference(t, zone) for t in instants]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ZONES), st.lists(st.integers(0, 7258118400), min_size=1, max_size=FEW))
def test_a_few_instants_one_by_one_give_the_same_texts(zone, instants):
    """... and one by one (a fresh formatter, a few instants: one decision on the command line), 1970-2200."""
    formatter = ZoneFormatter(zone, horizon=(START, END))
    rfc, short = formatter.both(np.array(instants, dtype=np.int64))
    assert list(zip(rfc, short)) == [reference(t, zone) for t in instants]
    assert formatter._range == (0, -1)  # no table was built


def test_more_than_a_few_instants_build_the_table_over_the_horizon():
    formatter = ZoneFormatter("Europe/Stockholm", horizon=(START, END))
    instants = np.arange(START, START + (FEW + 1) * 3600, 3600, dtype=np.int64)
    assert formatter.rfc3339(instants) == [reference(int(t), "Europe/Stockholm")[0] for t in instants]
    assert formatter._range[0] <= START and formatter._range[1] >= END


def test_every_second_around_stockholm_dst_changes():
    spring, autumn = 1774746000, 1792890000  # 2026-03-29 01:00 UTC and 2026-10-25 01:00 UTC
    instants = np.concatenate([np.arange(spring - 3700, spring + 3700), np.arange(autumn - 3700, autumn + 3700)])
    rfc, short = ZoneFormatter("Europe/Stockholm").both(instants)
    expected = [reference(int(t), "Europe/Stockholm") for t in instants]
    assert list(zip(rfc, short)) == expected
    assert rfc[3700 - 1] == "2026-03-29T01:59:59+01:00" and rfc[3700] == "2026-03-29T03:00:00+02:00"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ZONES + [None, "gone"]), st.integers(START, END)), min_size=1, max_size=150))
def test_time_pieces_of_many_zones_with_fills(events):
    """One column of a batch whose events lie in several zones (each through the table, or one by one when it
    has a few instants and a fresh formatter), with 'no time' sentinels written as the fill texts."""
    from socialkit.engine.textrows import TextRows
    from socialkit.engine.timefmt import time_pieces

    zones = sorted({zone for zone, _ in events if zone not in (None, "gone")}) or ["UTC"]
    fresh = {zone: ZoneFormatter(zone) for zone in zones}
    t = np.array([-1 if zone is None else -2 if zone == "gone" else at for zone, at in events], dtype=np.int64)
    groups = [
        (fresh[zone], np.array([i for i, (z, _) in enumerate(events) if z == zone or (z in (None, "gone") and zone == zones[0])]))
        for zone in zones
    ]
    for style, expected in (("json", lambda zone, at: f'"{reference(at, zone)[0]}"'), ("short", lambda zone, at: reference(at, zone)[1])):
        rows = TextRows(len(t))
        rows.add_pieces(time_pieces(groups, t, style, {-1: "null", -2: ""}))
        assert rows.texts() == ["null" if zone is None else "" if zone == "gone" else expected(zone, at) for zone, at in events]

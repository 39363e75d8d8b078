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

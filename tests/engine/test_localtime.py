"""Wall time -> UTC: the integer fast path agrees with a brute-force scan of UTC instants.

The rule (engine/localtime.py): a wall time resolves to the first UTC instant
whose local wall clock has reached it, which is the first occurrence of a
repeated time and the transition itself for a time in a spring-forward gap.
The reference below applies that rule literally, stepping through UTC minutes
and then seconds; it shares no code with the engine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.engine.localtime import local_midnight, local_to_utc, wall_to_utc

# Zones with summer time both ways round, half-hour and 45-minute offsets, a 30-minute DST shift
# (Lord Howe), a skipped calendar day (Apia 2011-12-30) and a zone without any transitions.
ZONES = (
    "Europe/Stockholm",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Africa/Monrovia",
    "UTC",
)
NAIVE_EPOCH = datetime(1970, 1, 1)


def wall_clock(tz: ZoneInfo, instant: int) -> int:
    """The local wall clock at a UTC instant, as naive epoch seconds."""
    local = datetime.fromtimestamp(instant, UTC).astimezone(tz).replace(tzinfo=None)
    return int((local - NAIVE_EPOCH).total_seconds())


def reference(tz: ZoneInfo, wall: datetime) -> int:
    """The first UTC instant whose wall clock has reached `wall`: minutes first, then seconds."""
    target = int((wall - NAIVE_EPOCH).total_seconds())
    instant = target - 15 * 3600  # no zone is more than 14 hours ahead of UTC
    while wall_clock(tz, instant + 60) < target:
        instant += 60
    while wall_clock(tz, instant) < target:
        instant += 1
    return instant


def transition_days(tz: ZoneInfo, year: int) -> list[date]:
    """Local days of `year` that are not 24 hours long."""
    first = date(year, 1, 1)
    days = [first + timedelta(days=k) for k in range(366)]
    return [d for d in days if d.year == year and local_midnight(tz, d + timedelta(days=1)) - local_midnight(tz, d) != 86400]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.dates(min_value=date(1971, 1, 1), max_value=date(2190, 12, 31)),
    minute=st.integers(0, 1440),
)
def test_any_day_matches_the_scan(zone: str, day: date, minute: int) -> None:
    tz = ZoneInfo(zone)
    wall = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    assert local_to_utc(tz, day, minute) == reference(tz, wall)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), zone=st.sampled_from(ZONES[:-1]), year=st.integers(2010, 2030))
def test_transition_days_match_the_scan(data: st.DataObject, zone: str, year: int) -> None:
    """Days with a gap or a repeat, at any minute (and at odd seconds through wall_to_utc)."""
    tz = ZoneInfo(zone)
    days = transition_days(tz, year)
    if not days:
        return
    day = data.draw(st.sampled_from(days))
    minute = data.draw(st.integers(0, 1440))
    second = data.draw(st.integers(0, 59))
    wall = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    assert local_to_utc(tz, day, minute) == reference(tz, wall)
    assert wall_to_utc(tz, wall + timedelta(seconds=second)) == reference(tz, wall + timedelta(seconds=second))


def test_stockholm_spring_gap_and_autumn_repeat() -> None:
    tz = ZoneInfo("Europe/Stockholm")
    transition = int(datetime(2026, 3, 29, 1, 0, tzinfo=UTC).timestamp())  # 02:00 CET becomes 03:00 CEST
    assert local_to_utc(tz, date(2026, 3, 29), 150) == transition  # 02:30 does not exist: the transition
    assert local_to_utc(tz, date(2026, 3, 29), 180) == transition  # 03:00 CEST is the same instant
    first_230 = int(datetime(2026, 10, 25, 0, 30, tzinfo=UTC).timestamp())  # 02:30 CEST, before the clocks go back
    assert local_to_utc(tz, date(2026, 10, 25), 150) == first_230


def test_fractional_seconds_keep_the_rule() -> None:
    tz = ZoneInfo("Europe/Stockholm")
    wall = datetime(2026, 3, 29, 2, 30, 0, 500_000)  # in the gap, with microseconds
    assert wall_to_utc(tz, wall) == int(datetime(2026, 3, 29, 1, 0, tzinfo=UTC).timestamp())
    assert wall_to_utc(tz, datetime(2026, 6, 1, 12, 0, 0, 999_999)) == int(datetime(2026, 6, 1, 10, 0, tzinfo=UTC).timestamp())

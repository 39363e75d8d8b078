from datetime import date

from socialkit.words import WEEKDAYS, did_you_mean


def test_weekdays_follow_date_weekday():
    assert WEEKDAYS[date(2026, 11, 23).weekday()] == "mon" and WEEKDAYS[date(2026, 11, 29).weekday()] == "sun"


def test_did_you_mean():
    assert did_you_mean("facebok", ["facebook", "x"]) == "; did you mean 'facebook'?"
    assert did_you_mean("myspace", ["facebook", "x"]) == ""
    assert did_you_mean("myspace", ["x", "facebook"], or_list=True) == "; known: facebook, x"


def test_duration_split_round_trips_through_the_strategy_parser():
    from hypothesis import given
    from hypothesis import strategies as st

    from socialkit import durations
    from socialkit.strategy.scalars import parse_duration

    @given(st.integers(0, 10 * 604800))
    def check(seconds):
        text = durations.canonical(seconds)
        assert parse_duration(text) == seconds
        assert sum(c * durations.UNIT_SECONDS[u] for c, u in durations.split(seconds)) == seconds

    check()
    assert durations.split(5400) == [(1, "h"), (30, "m")] and durations.canonical(0) == "0m"
    assert durations.split(90, "m") == [(1, "m")]

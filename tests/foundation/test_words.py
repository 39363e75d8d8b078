from datetime import date

from socialkit.words import WEEKDAYS, did_you_mean


def test_weekdays_follow_date_weekday():
    assert WEEKDAYS[date(2026, 11, 23).weekday()] == "mon" and WEEKDAYS[date(2026, 11, 29).weekday()] == "sun"


def test_did_you_mean():
    assert did_you_mean("facebok", ["facebook", "x"]) == "; did you mean 'facebook'?"
    assert did_you_mean("myspace", ["facebook", "x"]) == ""
    assert did_you_mean("myspace", ["x", "facebook"], or_list=True) == "; known: facebook, x"

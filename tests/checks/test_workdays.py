"""SK216 (a business-clock target of a day or more) and SK217 (working days without a working day)."""

from __future__ import annotations

SLA = """\
slas:
  - id: careers
    clock: {clock}
    targets:
      default: {{respond: {within}}}
"""

LINKEDIN = """\
channels:
  - id: linkedin
    name: LinkedIn
    platform: linkedin
    customer_service: false
    redirect: {{text: Call us., url: https://www.example.org/contact}}
    team: support
{schedule}    sla: careers
    disclosures: [redirect]
"""


def test_sk216_a_day_of_open_hours(strategy):
    text = SLA.format(clock="business", within="1d") + LINKEDIN.format(schedule="    schedule: office-hours\n")
    assert strategy.problems(text) == [("SK216", 5, 26)]
    message = strategy.messages(text)[0]
    assert "counts 24 open hours on the business clock, about 2.7 working days of schedule 'office-hours' (9 open hours a day)" in message
    assert "write 'respond: 1 working day'" in message


def test_sk216_suggests_as_many_working_days_as_days(strategy):
    text = SLA.format(clock="business", within="48h")
    assert ("SK216", 5, 26) in strategy.problems(text)  # and SK208: a complaint waits more than a day
    assert any("write 'respond: 2 working days'" in m for m in strategy.messages(text))


def test_sk216_is_silent_below_a_day_on_the_calendar_clock_and_round_the_clock(strategy):
    assert strategy.problems(SLA.format(clock="business", within="23h")) == []
    assert strategy.problems(SLA.format(clock="calendar", within="1d")) == []
    assert strategy.problems(SLA.format(clock="business", within="1 working day")) == []
    always = "schedules:\n  - id: always\n    weekly: {daily: ['00:00-24:00']}\n"
    text = always + SLA.format(clock="business", within="1d") + LINKEDIN.format(schedule="    schedule: always\n")
    assert strategy.problems(text) == []


def test_sk217_working_days_on_a_channel_without_a_schedule(strategy):
    text = SLA.format(clock="calendar", within="1 working day") + LINKEDIN.format(schedule="")
    assert strategy.problems(text) == [("SK217", 13, 10)]
    assert "has targets in working days, but channel 'linkedin' has no schedule" in strategy.messages(text)[0]


def test_sk217_working_days_on_a_schedule_that_never_opens(strategy):
    never = "schedules:\n  - id: never\n    weekly: {}\n"
    text = never + SLA.format(clock="calendar", within="next working day") + LINKEDIN.format(schedule="    schedule: never\n")
    codes = {code for code, _, _ in strategy.problems(text)}
    assert "SK217" in codes
    assert any("schedule 'never' has no working day" in m for m in strategy.messages(text))


def test_working_days_are_written_as_a_count_or_the_next_working_day(strategy):
    for bad in ("0 working days", "61 working days", "1.5 working days", "two working days", "next business day"):
        problems = strategy.problems(SLA.format(clock="business", within=f"'{bad}'"))
        assert [code for code, _, _ in problems] == ["SK016"], bad


WINDOWED = """\
slas:
  - id: careers
    clock: calendar
    targets:
      default:
        respond:
          - {during: office-hours, within: 4h}
          - {during: otherwise, within: 1d, clock: %s}
"""


def test_sk216_reports_an_arrival_window_on_its_own_business_clock(strategy):
    """The SLA counts calendar time, the evening window open hours: only that window's day is 24 open hours."""
    text = WINDOWED % "business" + LINKEDIN.format(schedule="    schedule: office-hours\n")
    assert ("SK216", 8, 41) in strategy.problems(text)  # the second window's `1d`, not the list
    assert strategy.problems(WINDOWED % "calendar" + LINKEDIN.format(schedule="    schedule: office-hours\n")) == []

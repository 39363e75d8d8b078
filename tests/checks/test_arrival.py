"""SK221-SK223: targets written as arrival windows (and SK204 leaving them to SK223)."""

from __future__ import annotations

CHANNEL = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
    team: support
    schedule: office-hours
    sla: desk
    disclosures: [hours]
"""

SCHEDULES = """\
schedules:
  - id: weekdays
    weekly:
      mon-fri: ["00:00-24:00"]
  - id: weekend
    weekly:
      sat,sun: ["00:00-24:00"]
  - id: holiday-desk
    weekly: {}
    special_hours:
      - date: 2026-12-26
        hours: ["10:00-14:00"]
"""


def sla(windows: str, clock: str = "business") -> str:
    return f"slas:\n  - id: desk\n    clock: {clock}\n    targets:\n      default:\n        respond:\n{windows}"


def test_sk221_a_window_inside_an_earlier_one_is_reported_at_its_schedule(strategy):
    text = SCHEDULES + sla(
        "          - {during: weekdays, within: 8h}\n"  # line 19
        "          - {during: office-hours, within: 4h}\n"  # line 20: every office hour is a weekday
        "          - {during: otherwise, within: 8h}\n"
    )
    assert strategy.problems(text) == [("SK221", 20, 22)]
    (message,) = strategy.messages(text)
    assert "window 2 ('office-hours') of the respond target for 'default' in SLA 'desk' never applies" in message
    assert "already falls in 'weekdays'" in message


def test_sk221_anything_after_otherwise_never_applies(strategy):
    text = SCHEDULES + sla("          - {during: otherwise, within: 8h}\n          - {during: weekend, within: 4h}\n")
    assert [code for code, _, _ in strategy.problems(text)] == ["SK221"]
    assert "comes after 'otherwise'" in strategy.messages(text)[0]


def test_sk221_a_window_of_dates_the_earlier_ones_leave_out_applies(strategy):
    """The holiday desk is open on Boxing Day, a Saturday: no earlier window (weekdays) holds it."""
    text = SCHEDULES + sla(
        "          - {during: weekdays, within: 8h}\n          - {during: holiday-desk, within: 2h}\n          - {during: otherwise, within: 8h}\n"
    )
    assert "SK221" not in [code for code, _, _ in strategy.problems(text)]


def test_sk222_uncovered_hours_of_the_week_are_named(strategy):
    text = sla("          - {during: office-hours, within: 4h}\n")
    assert strategy.problems(text) == [("SK222", 7, 11)]  # the list under respond:
    (message,) = strategy.messages(text)
    assert "messages that arrive mon-thu 17:00-08:00, fri 17:00-mon 08:00 match none of the windows" in message


def test_sk222_a_dated_gap_is_named_when_the_week_is_covered(strategy):
    """Weekdays and weekends cover the usual week; a closure of the weekday schedule on Christmas Day leaves a gap."""
    text = SCHEDULES.replace(
        '      mon-fri: ["00:00-24:00"]\n', '      mon-fri: ["00:00-24:00"]\n    closures:\n      - date: 2026-12-25\n', 1
    ) + sla("          - {during: weekdays, within: 8h}\n          - {during: weekend, within: 8h}\n")
    (message,) = [m for m in strategy.messages(text) if m.startswith("SK222")]
    assert "messages that arrive on 2026-12-25 00:00 (a holiday or closure)" in message


def test_sk222_otherwise_covers_everything(strategy):
    text = sla("          - {during: office-hours, within: 4h}\n          - {during: otherwise, within: 8h}\n")
    assert strategy.problems(text) == []


def test_sk223_checks_each_calendar_window_on_the_arrivals_it_applies_to(strategy):
    # window 1 (office hours, calendar 2h): due after closing for arrivals after 15:00;
    # window 2 (weekend, calendar 48h): a Saturday arrival is due on Monday at the same time, open only from 08:00
    text = (
        SCHEDULES
        + sla(
            "          - {during: office-hours, within: 2h, clock: calendar}\n"
            "          - {during: weekend, within: 48h, clock: calendar}\n"
            "          - {during: otherwise, within: 4h}\n"
        )
        + CHANNEL
    )
    messages = [m for m in strategy.messages(text) if m.startswith("SK223")]
    assert len(messages) == 2
    assert "(window 1, 'office-hours') within 2h of calendar time, but for messages that arrive mon-fri 15:01-17:00" in messages[0]
    assert (
        "(window 2, 'weekend') within 2d of calendar time, but for messages that arrive sat 00:00-08:00, sat 17:01-08:00, sun 17:01-24:00"
        in messages[1]
    )
    assert "SK204" not in {m[:5] for m in strategy.messages(text)}  # windows are SK223's, not SK204's


def test_sk223_a_window_with_if_received_closed_is_checked_on_open_arrivals_only(strategy):
    text = (
        SCHEDULES
        + sla(
            "          - {during: weekend, within: 2h, clock: calendar, if_received_closed: end-of-next-business-day}\n"
            "          - {during: otherwise, within: 4h}\n"
        )
        + CHANNEL
    )
    assert "SK223" not in [code for code, _, _ in strategy.problems(text)]  # weekend arrivals are all closed ones


def test_sk223_business_windows_always_fall_due_in_open_time(strategy):
    text = sla("          - {during: office-hours, within: 2h}\n          - {during: otherwise, within: 4h}\n") + CHANNEL
    assert strategy.problems(text) == []

"""Check cadence (`checks`, `check_times`) against reply targets (SK207), and relay layers (SK226-SK229)."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.checks import cadence, weekly
from socialkit.strategy.model import CheckRate

CS = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
    team: support
    schedule: office-hours
    sla: standard
    disclosures: [hours]
"""

# --- the waits ---------------------------------------------------------------------------------------------------


def office_week() -> weekly.Week:
    return weekly.of_weekly({"mon-fri": ["08:00-17:00"]})


def test_rate_wait_spreads_the_open_hours_over_the_checks():
    # 45 open hours a week; twice a week: some message waits at least 22h30m of open time
    assert cadence.rate_wait(CheckRate(at_least=2, per="week"), office_week()) == 45 * 3600 // 2
    # three per working day: 15 checks over 45 hours
    assert cadence.rate_wait(CheckRate(at_least=3, per="working-day"), office_week()) == 3 * 3600
    # per calendar day on an always-open channel: 24h / n
    assert cadence.rate_wait(CheckRate(at_least=4, per="day"), weekly.full()) == 6 * 3600
    assert cadence.rate_wait(CheckRate(at_least=1, per="day"), weekly.empty()) is None


def test_times_wait_counts_open_minutes_on_the_business_clock():
    week = office_week()
    # 08:00, 12:00, 16:00: 12->16 is 4 open hours; 16->08 next day is 1 open hour (16-17)
    assert cadence.times_wait(["08:00", "12:00", "16:00"], week, business=True) == 4 * 3600
    # calendar clock: a message just after the 16:00 check waits until the 08:00 check (check times hold every day)
    assert cadence.times_wait(["08:00", "12:00", "16:00"], week, business=False) == 16 * 3600


def brute_times_wait(times: list[str], week: np.ndarray, business: bool) -> int | None:
    """Every open minute of the week: minutes until the next check (open ones only on the business clock)."""
    checks = {int(t[:2]) * 60 + int(t[3:]) for t in times}
    longest = None
    for arrival in np.flatnonzero(week).tolist():
        wait, t = 0, arrival
        while True:  # a check exactly at arrival has already happened: the next one counts
            t += 1
            if business:
                wait += int(week[(t - 1) % weekly.WEEK])
            else:
                wait += 1
            if (t % weekly.WEEK) % weekly.DAY in checks:
                break
        longest = wait if longest is None else max(longest, wait)
    return None if longest is None else longest * 60


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 23 * 4 - 1), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 23), st.integers(1, 10)), min_size=1, max_size=4),
    st.booleans(),
)
def test_times_wait_equals_a_minute_by_minute_reference(quarters, opens, business):
    times = [f"{q // 4:02d}:{q % 4 * 15:02d}" for q in quarters]
    week = weekly.empty()
    for day, hour, length in opens:
        weekly.add(week, day * weekly.DAY + hour * 60, day * weekly.DAY + (hour + length) * 60)
    assert cadence.times_wait(times, week, business) == brute_times_wait(times, week, business)


# --- SK207 with the other ways to write the routine ------------------------------------------------------------------


def test_sk207_twice_a_week_cannot_keep_an_eight_hour_target(strategy):
    text = CS + "    checks: {at_least: 2, at_most: 3, per: week}\n"
    assert strategy.problems(text) == [("SK207", 10, 13)]
    message = strategy.messages(text)[0]
    assert "checks at least 2 times per week: even spread evenly, a message can wait 22h30m of open hours" in message
    assert "the 1h acknowledge target for 'complaint' in SLA 'standard'" in message


def test_sk207_checks_often_enough_are_fine(strategy):
    # 45 open hours / (12 x 5) = 45 minutes <= the 1h target
    assert strategy.problems(CS + "    checks: {at_least: 12, per: working-day}\n") == []


def test_sk207_check_times_with_a_long_gap(strategy):
    text = CS + '    check_times: ["08:00", "12:00", "16:00"]\n'
    assert strategy.problems(text) == [("SK207", 10, 18)]
    assert "with checks at 08:00, 12:00, 16:00 a message can wait 4h of open hours" in strategy.messages(text)[0]


def test_sk207_the_fastest_routine_decides(strategy):
    text = CS + '    check_every: 1h\n    check_times: ["08:00", "16:00"]\n    checks: {at_least: 1, per: day}\n'
    assert strategy.problems(text) == []


# --- relays ---------------------------------------------------------------------------------------------------------

RELAY = """\
teams:
  - id: summer
    name: Summer account
    members: [anna, erik]
    lead: anna
    rota:
      layers:
        - id: relay
          turns:
"""


def test_sk226_gap_names_the_dates(strategy):
    text = RELAY + "            - {person: anna, start: 2027-06-07 08:00, end: 2027-06-21 08:00}\n"
    text += "            - {person: erik, start: 2027-06-28 08:00}\n"
    assert strategy.problems(text) == [("SK226", 10, 60)]
    assert "has nobody on duty from 2027-06-21 08:00 to 2027-06-28 08:00" in strategy.messages(text)[0]


def test_sk226_turns_in_the_past_are_history(strategy):
    text = RELAY + "            - {person: anna, start: 2025-06-07 08:00, end: 2025-06-21 08:00}\n"
    text += "            - {person: erik, start: 2025-06-28 08:00}\n"
    assert strategy.problems(text) == []


def test_sk227_overlap_both_on_duty(strategy):
    text = RELAY + "            - {person: erik, start: 2027-06-21 08:00}\n"
    text += "            - {person: anna, start: 2027-06-07 08:00, end: 2027-06-28 08:00}\n"
    assert strategy.problems(text) == [("SK227", 11, 60)]
    assert "overlap from 2027-06-21 08:00 to 2027-06-28 08:00: both are on duty then" in strategy.messages(text)[0]


def test_sk228_unnamed_turn(strategy):
    text = RELAY + "            - {person: anna, start: 2027-06-07 08:00}\n            - {start: 2027-06-21 08:00}\n"
    assert strategy.problems(text) == [("SK228", 11, 23)]
    assert "nobody is named for the turn from 2027-06-21 08:00 on, until further notice" in strategy.messages(text)[0]


def test_sk229_relay_ended_long_ago_is_a_warning_with_the_date(strategy):
    text = RELAY + "            - {person: anna, start: 2026-06-01 08:00, end: 2026-08-31 17:00}\n"
    assert [(p.code, p.severity.value) for p in strategy.validate(text).problems] == [("SK229", "warning")]
    assert "is on duty from 2026-08-31 17:00 on" in strategy.messages(text)[0]


def test_sk229_silent_while_another_layer_goes_on(strategy):
    text = RELAY + "            - {person: anna, start: 2026-12-01 08:00, end: 2027-01-04 08:00}\n"
    text += "        - {id: weekly, start: 2026-01-05 08:00, every: 1w, order: [erik]}\n"
    assert strategy.problems(text) == []


def test_layer_needs_a_period_or_turns(strategy):
    text = RELAY.replace("          turns:\n", "          order: [anna]\n")
    messages = strategy.messages(text)
    assert len(messages) == 1 and "a layer needs start, every and order, or a list of dated turns; missing: start, every" in messages[0]


def test_layer_with_both_kinds_is_refused(strategy):
    text = (
        RELAY.replace("          turns:\n", "          every: 1w\n          turns:\n")
        + "            - {person: anna, start: 2027-06-07 08:00}\n"
    )
    assert "either dated turns or start, every and order, not both" in strategy.messages(text)[0]


def test_relay_covers_only_its_turns_in_the_exact_on_duty_view(strategy):
    from socialkit.checks.context import Context

    text = RELAY + "            - {person: anna, start: 2026-12-01 00:00, end: 2026-12-08 00:00}\n"
    result = strategy.validate(text)
    ctx = Context(result.strategy, result.source, as_of=date(2026, 11, 23))
    exact = ctx.on_duty_exact("summer")
    assert exact is not None
    assert [(int(a), int(b)) for a, b in zip(*exact.windows)] == [(1796079600, 1796684400)]  # 2026-12-01 00:00 to 12-08 00:00 CET

"""SK201-SK208: time and coverage."""

from __future__ import annotations

from datetime import date


def schedule(weekly: str, extra: str = "") -> str:
    return "schedules:\n  - id: shop\n    weekly:\n" + weekly + extra


# --- SK201 overlapping hours -------------------------------------------------------------


def test_sk201_day_key_overlaps_range_key(strategy):
    text = schedule('      mon-fri: ["08:00-17:00"]\n      mon: ["16:00-19:00"]\n')
    assert strategy.problems(text) == [("SK201", 5, 13)]
    assert "'16:00-19:00' under 'mon' overlaps '08:00-17:00' under 'mon-fri' on mon 16:00-17:00" in strategy.messages(text)[0]


def test_sk201_past_midnight_spill_overlaps_next_day(strategy):
    text = schedule('      fri: ["20:00-02:00"]\n      sat: ["00:00-10:00"]\n')
    assert strategy.problems(text) == [("SK201", 5, 13)]
    assert "(past midnight) on sat 00:00-02:00" in strategy.messages(text)[0]


def test_sk201_sunday_night_spills_into_monday(strategy):
    text = schedule('      mon: ["01:00-09:00"]\n      sun: ["22:00-02:00"]\n')
    assert strategy.problems(text) == [("SK201", 5, 13)]
    assert "on mon 01:00-02:00" in strategy.messages(text)[0]


def test_sk201_second_item_of_one_list(strategy):
    text = schedule('      daily: ["08:00-12:00", "11:00-13:00"]\n')
    assert strategy.problems(text) == [("SK201", 4, 30)]


def test_sk201_seasons_and_special_hours(strategy):
    extra = """\
    seasons:
      - id: summer
        start: "06-22"
        end: "08-14"
        weekly:
          mon-fri: ["09:00-15:00"]
          fri: ["14:00-16:00"]
    special_hours:
      - date: 2026-12-24
        hours: ["08:00-12:00", "10:00-11:00"]
"""
    text = schedule('      mon-fri: ["08:00-17:00"]\n', extra)
    assert strategy.problems(text) == [("SK201", 11, 17), ("SK201", 14, 32)]
    assert "on 2026-12-24 10:00-11:00" in strategy.messages(text)[1]


def test_sk201_touching_intervals_pass(strategy):
    text = schedule('      mon-fri: ["08:00-12:00", "12:00-17:00"]\n      sat: ["22:00-02:00"]\n      sun: ["02:00-04:00"]\n')
    assert strategy.problems(text) == []


# --- SK202 never open --------------------------------------------------------------------


def test_sk202_empty_weekly_hours(strategy):
    text = "schedules:\n  - id: never\n    weekly: {}\n"
    assert strategy.problems(text) == [("SK202", 2, 9)]
    assert "its weekly hours are empty" in strategy.messages(text)[0]


def test_sk202_closures_cover_the_horizon(strategy):
    text = """\
    schedules:
      - id: shut
        weekly:
          mon-fri: ["08:00-17:00"]
        closures:
          - {start: 2026-01-01, end: 2030-12-31}
    """
    assert strategy.problems(text) == [("SK202", 2, 9)]
    assert "closures and holidays cover every opening" in strategy.messages(text)[0]


def test_sk202_a_season_with_hours_is_open(strategy):
    text = """\
    schedules:
      - id: summer-only
        weekly: {}
        seasons:
          - id: summer
            start: "06-22"
            end: "08-14"
            weekly:
              sat: ["10:00-14:00"]
    """
    assert strategy.problems(text) == []


def test_sk202_depends_on_the_reference_date(strategy):
    text = """\
    schedules:
      - id: one-day
        weekly: {}
        special_hours:
          - {date: 2026-12-24, hours: ["10:00-12:00"]}
    """
    assert strategy.problems(text, as_of=date(2026, 12, 1)) == []
    assert strategy.problems(text, as_of=date(2027, 1, 1)) == [("SK202", 2, 9)]


# --- SK203 business clock never due ------------------------------------------------------------


CS = """\
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
    team: support
    schedule: {schedule}
    sla: {sla}
    disclosures: [hours]
"""


def test_sk203_business_clock_on_never_open_schedule(strategy):
    text = "schedules:\n  - id: never\n    weekly: {}\n" + CS.format(schedule="never", sla="standard")
    assert strategy.problems(text) == [("SK202", 2, 9), ("SK203", 11, 10)]


def test_sk203_non_customer_service_channel_without_schedule(strategy):
    text = """\
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        sla: standard
    """
    assert strategy.problems(text) == [("SK203", 9, 10)]


def test_sk203_crisis_section(strategy):
    text = "schedules:\n  - id: never\n    weekly: {}\ncrisis:\n  schedule: never\n  sla: standard\n"
    assert strategy.problems(text) == [("SK202", 2, 9), ("SK203", 6, 8)]


def test_sk203_open_schedule_passes(strategy):
    assert strategy.problems(CS.format(schedule="office-hours", sla="standard")) == []


# --- SK204 calendar clock while closed -----------------------------------------------------


OFFICE = """\
schedules:
  - id: office
    weekly:
      mon-thu: ["08:00-17:00"]
      fri: ["08:00-16:00"]
"""


def calendar_sla(targets: str) -> str:
    return "slas:\n  - id: quick\n    clock: calendar\n    targets:\n" + targets


def test_sk204_calendar_target_shorter_than_the_night(strategy):
    text = OFFICE + calendar_sla("      default: {acknowledge: 1h, respond: 4h}\n") + CS.format(schedule="office", sla="quick")
    assert strategy.problems(text) == [("SK204", 18, 10)]
    (message,) = strategy.messages(text)
    assert "closed mon-thu 17:00-08:00, fri 16:00-mon 08:00" in message
    assert "waits 2d16h, longer than the 1h acknowledge target for 'default'" in message


def test_sk204_targets_longer_than_every_closed_stretch_pass(strategy):
    targets = "      complaint:\n        respond: {within: 24h, if_received_closed: 8h}\n      default: {respond: 3d}\n"
    text = OFFICE + calendar_sla(targets) + CS.format(schedule="office", sla="quick")
    # no SK204; the open arrivals of the 24h target are SK223's: Thursday after 16:00 is due after Friday's 16:00 close
    assert strategy.problems(text) == [("SK223", 20, 10)]
    (message,) = strategy.messages(text)
    assert "arrive thu 16:01-17:00, fri 08:00-16:00 that falls due while schedule 'office'" in message


def test_sk204_if_received_closed_says_what_happens(strategy):
    targets = "      default:\n        respond: {within: 4h, if_received_closed: end-of-next-business-day}\n"
    text = OFFICE + calendar_sla(targets) + CS.format(schedule="office", sla="quick")
    assert [code for code, _, _ in strategy.problems(text)] == ["SK223"]  # not SK204: only the open arrivals can miss it
    (message,) = strategy.messages(text)
    assert "arrive mon-thu 13:01-17:00, fri 12:01-16:00 that falls due" in message


def test_sk204_round_the_clock_passes(strategy):
    text = (
        'schedules:\n  - id: always\n    weekly:\n      daily: ["00:00-24:00"]\n'
        + calendar_sla("      default: {respond: 1h}\n")
        + CS.format(schedule="always", sla="quick")
        + "teams:\n  - id: on-call\n    name: On call\n    members: [anna, erik]\n    lead: anna\n"
    )
    # the channel is open round the clock, the support rota is not: that is SK205, not SK204
    assert [code for code, _, _ in strategy.problems(text)] == ["SK205"]


# --- SK205 rota gaps ---------------------------------------------------------------------------


def test_sk205_weekly_gap(strategy):
    text = 'schedules:\n  - id: long\n    weekly:\n      mon-fri: ["08:00-20:00"]\n      sat: ["10:00-14:00"]\n' + CS.format(
        schedule="long", sla="standard"
    )
    assert strategy.problems(text) == [("SK205", 11, 11)]
    assert "(schedule 'long'): mon-fri 17:00-20:00, sat 10:00-14:00;" in strategy.messages(text)[0]


def test_sk205_dated_gap_from_a_closure_of_the_rota_schedule(strategy):
    text = """\
    schedules:
      - id: staffed
        weekly:
          mon-fri: ["08:00-17:00"]
        closures:
          - date: 2026-12-23
      - id: public
        weekly:
          mon-fri: ["08:00-17:00"]
    teams:
      - id: desk
        name: Desk
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - {id: days, start: 2026-01-05 08:00, every: 1w, order: [anna, erik], only_during: staffed}
    channels:
      - id: chat
        name: Chat
        platform: website-chat
        customer_service: true
        team: desk
        schedule: public
        sla: standard
        disclosures: [hours]
    """
    assert strategy.problems(text) == [("SK205", 23, 11)]
    assert "(schedule 'public'): on 2026-12-23 08:00-17:00;" in strategy.messages(text)[0]


def test_sk205_rota_in_another_zone_covers_the_same_hours(strategy):
    text = """\
    schedules:
      - id: london-days
        timezone: Europe/London
        weekly:
          mon-fri: ["07:00-16:00"]
    teams:
      - id: remote
        name: Remote
        members: [anna, erik]
        lead: anna
        rota:
          timezone: Europe/London
          layers:
            - {id: days, start: 2026-01-05 07:00, every: 1w, order: [anna, erik], only_during: london-days}
    channels:
      - id: chat
        name: Chat
        platform: website-chat
        customer_service: true
        team: remote
        schedule: office-hours
        sla: standard
        disclosures: [hours]
    """
    assert strategy.problems(text) == []


def test_sk205_covered_hours_pass(strategy):
    assert strategy.problems(CS.format(schedule="office-hours", sla="standard")) == []


# --- SK206 team without rota ------------------------------------------------------------------


def test_sk206_team_without_rota(strategy):
    text = "teams:\n  - id: web\n    name: Web\n    members: [anna, erik]\n    lead: anna\n" + CS.format(
        schedule="office-hours", sla="standard"
    ).replace("team: support", "team: web")
    assert strategy.problems(text) == [("SK206", 11, 11)]


# --- SK207 target shorter than check_every ----------------------------------------------------


def test_sk207_check_every_longer_than_a_target(strategy):
    text = CS.format(schedule="office-hours", sla="standard") + "    check_every: 2h\n"
    assert strategy.problems(text) == [("SK207", 10, 18)]
    assert "check_every 2h is longer than the 1h acknowledge target for 'complaint'" in strategy.messages(text)[0]


def test_sk207_equal_is_fine(strategy):
    assert strategy.problems(CS.format(schedule="office-hours", sla="standard") + "    check_every: 1h\n") == []


# --- SK208 slow complaint targets -----------------------------------------------------------


def test_sk208_complaint_target_over_a_day(strategy):
    text = "slas:\n  - id: slow\n    clock: calendar\n    targets:\n      complaint: {acknowledge: 2d}\n      default: {respond: 8h}\n"
    assert strategy.problems(text) == [("SK208", 5, 32)]


def test_sk208_counts_two_working_days_as_more_than_a_day(strategy):
    text = (
        "slas:\n  - id: slow\n    clock: business\n    targets:\n      complaint: {respond: 2 working days}\n      default: {respond: 8h}\n"
    )
    assert strategy.problems(text) == [("SK208", 5, 28)]
    assert "respond target 2 working days for 'complaint'" in strategy.messages(text)[0]
    assert strategy.problems(text.replace("2 working days", "next working day")) == []


def test_sk208_default_covering_a_negative_category(strategy):
    text = """\
    slas:
      - id: slow
        clock: calendar
        targets:
          praise: {acknowledge: 4h}
          default:
            respond:
              within: 36h
    """
    assert strategy.problems(text) == [("SK208", 8, 19)]
    assert "respond target 1d12h for 'default' (which covers complaint)" in strategy.messages(text)[0]


def test_sk208_exactly_a_day_passes(strategy):
    text = "slas:\n  - id: day\n    clock: calendar\n    targets:\n      complaint: {respond: 24h}\n      default: {respond: 3d}\n"
    assert strategy.problems(text) == []

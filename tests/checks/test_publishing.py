"""SK311 (blackout stops nothing), SK312 (blackout over), and the blackout fields' own checks."""

from __future__ import annotations

import pytest

CHANNELS = """\
schedules:
  - id: daytime
    weekly:
      daily: ["07:00-22:00"]
    holidays: open
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    team: support
    customer_service: false
    redirect: {text: "Call us.", url: "https://example.org/contact"}
    disclosures: [redirect]
    publishing: daytime
  - id: x
    name: X
    platform: x
    team: support
    customer_service: false
    redirect: {text: "Call us.", url: "https://example.org/contact"}
    disclosures: [redirect]
"""


def case(blackout: str, channels: str = CHANNELS) -> str:
    return channels + "moderation:\n  never_remove: [criticism]\n  blackouts:\n" + blackout


@pytest.mark.parametrize(
    "blackout, codes",
    [
        # the night on facebook only: nothing to stop
        ('    - {start: "2027-03-01 22:00", end: "2027-03-02 07:00", reason: Night, channels: [facebook]}\n', ["SK311"]),
        # touching the hours at both ends, still outside them
        ('    - {start: "2027-03-01 22:00", end: "2027-03-02 07:01", reason: Night, channels: [facebook]}\n', []),
        # all channels: x has no publishing hours, so it may publish at night and the blackout stops it
        ('    - {start: "2027-03-01 22:00", end: "2027-03-02 07:00", reason: Night}\n', []),
        # comments off at night does something
        (
            '    - {start: "2027-03-01 22:00", end: "2027-03-02 07:00", reason: Night, channels: [facebook], stops: [publishing, comments]}\n',
            [],
        ),
        # beyond the compiled horizon: not judged
        ('    - {start: "2029-03-01 22:00", end: "2029-03-02 07:00", reason: Night, channels: [facebook]}\n', []),
        # over before the reference date
        ('    - {start: "2026-09-13 00:00", end: "2026-09-14 00:00", reason: Election}\n', ["SK312"]),
    ],
)
def test_blackout_rules(strategy, blackout, codes):
    assert [code for code, _, _ in strategy.problems(case(blackout))] == codes


def test_stops_nothing_points_at_the_start(strategy):
    text = case('    - start: "2027-03-01 22:00"\n      end: "2027-03-02 07:00"\n      reason: Night\n      channels: [facebook]\n')
    result = strategy.validate(text)
    assert [(p.code, p.line, p.column) for p in result.problems] == [("SK311", 25, 14)]
    assert "(daytime) are closed all that time" in result.problems[0].message


def test_blackout_over_is_information_only(strategy):
    result = strategy.validate(case('    - {start: "2026-09-13 00:00", end: "2026-09-14 00:00", reason: Election}\n'))
    assert [p.severity.value for p in result.problems] == ["info"]


@pytest.mark.parametrize(
    "blackout, message",
    [
        ('    - {start: "2027-03-02 00:00", end: "2027-03-01 00:00", reason: Late}\n', "SK023 a blackout must end after it starts"),
        (
            '    - {start: "2027-03-01 00:00", end: "2027-03-02 00:00", reason: Twice, stops: [comments, comments]}\n',
            "SK023 stops lists a value twice",
        ),
        ('    - {start: "2027-03-01 00:00", end: "2027-03-02 00:00", reason: None, stops: []}\n', "SK023"),
        ('    - {start: "2027-03-01 00:00", end: "2027-03-02 00:00", reason: Odd, stops: [posting]}\n', "SK012"),
        ('    - {start: "2027-03-01 00:00", end: "2027-03-02 00:00", reason: Who, channels: [myspace]}\n', "SK101"),
    ],
)
def test_bad_blackouts(strategy, blackout, message):
    messages = strategy.messages(case(blackout))
    assert len(messages) == 1 and messages[0].startswith(message), messages


def test_unknown_publishing_schedule(strategy):
    messages = strategy.messages(CHANNELS.replace("publishing: daytime", "publishing: daytme"))
    assert len(messages) == 1 and messages[0].startswith("SK101") and "daytime" in messages[0], messages

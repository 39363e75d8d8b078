"""SK316-SK319: message kinds, and the references and keys of a channel's `kinds`."""

from __future__ import annotations

CHANNEL = """\
channels:
  - id: {id}
    name: Channel
    platform: {platform}
    team: support
    customer_service: true
    schedule: office-hours
    sla: standard
    disclosures: [hours, response-time]
    kinds:
"""


def channel(platform: str, kinds: str, id: str = "main") -> str:
    return CHANNEL.format(id=id, platform=platform) + kinds


def test_sk316_reviews_on_x_point_at_the_kind(strategy):
    assert strategy.problems(channel("x", "      review: {promise: best-effort}\n")) == [("SK316", 11, 15)]


def test_sk316_direct_messages_on_youtube_and_comments_on_whatsapp(strategy):
    assert [p[0] for p in strategy.problems(channel("youtube", "      direct-message: {promise: none}\n"))] == ["SK316"]
    assert [p[0] for p in strategy.problems(channel("whatsapp", "      comment: {promise: none}\n"))] == ["SK316"]


def test_sk316_what_the_platform_has_passes(strategy):
    assert strategy.problems(channel("facebook", "      review: {promise: best-effort}\n")) == []
    assert strategy.problems(channel("x", "      untagged-mention: {promise: read-only}\n")) == []
    assert strategy.problems(channel("other", "      review: {promise: best-effort}\n")) == []


def test_sk317_deadline_without_any_sla(strategy):
    text = channel("facebook", "      review: {promise: deadline}\n").replace("    sla: standard\n", "")
    codes = [p for p in strategy.problems(text) if p[0] == "SK317"]
    assert codes == [("SK317", 10, 25)]


def test_sk317_the_channels_sla_gives_the_deadline(strategy):
    assert strategy.problems(channel("facebook", "      review: {promise: deadline}\n")) == []


def test_sk318_sla_with_a_promise_without_time(strategy):
    assert strategy.problems(channel("facebook", "      review: {promise: best-effort, sla: standard}\n")) == [("SK318", 11, 43)]


def test_sk319_redirect_to_the_same_channel(strategy):
    text = channel("facebook", "      direct-message:\n        redirect: {text: Go., channel: main}\n")
    assert strategy.problems(text) == [("SK319", 12, 40)]


def test_a_kind_names_an_sla_that_does_not_exist(strategy):
    problems = strategy.problems(channel("facebook", "      review: {sla: reviews}\n"))
    assert len(problems) == 1 and problems[0][1:] == (11, 21)


def test_an_unknown_kind_is_refused_where_it_stands(strategy):
    problems = strategy.problems(channel("facebook", "      dm: {promise: none}\n"))
    assert len(problems) == 1 and problems[0][1] == 11


def test_an_empty_handling_is_refused(strategy):
    problems = strategy.problems(channel("facebook", "      review: {}\n"))
    assert len(problems) == 1 and problems[0][1] == 11


def test_escalation_conditions_take_known_kinds_only(strategy):
    good = "escalation:\n  - id: dm\n    when: {kinds: [direct-message]}\n"
    assert strategy.problems(good) == []
    assert len(strategy.problems("escalation:\n  - id: dm\n    when: {kinds: [dms]}\n")) == 1

"""Reply promises (SK211-SK215) and the fields a strategy may leave out (issue 13, parts 1 and 7)."""

from __future__ import annotations

CHANNEL = """\
channels:
  - id: youtube
    name: YouTube
    platform: youtube
    team: support
    customer_service: true
    schedule: office-hours
{extra}    disclosures: [hours, response-time]
"""


def channel(extra: str) -> str:
    return CHANNEL.format(extra="".join(f"    {line}\n" for line in extra.splitlines()))


def test_a_best_effort_channel_needs_no_sla(strategy):
    assert strategy.messages(channel("promise: best-effort\nupdate_if_longer: 2d")) == []


def test_a_customer_service_channel_without_sla_is_told_it_may_promise_best_effort(strategy):
    (message,) = strategy.messages(channel(""))
    assert message.startswith("SK103 customer-service channel 'youtube' has no sla;")
    assert "'promise: best-effort' if you answer without promising a time" in message


def test_a_promise_without_time_and_an_sla_point_at_the_sla(strategy):
    assert sorted(strategy.problems(channel("promise: read-only\nsla: standard"))) == [("SK211", 9, 10), ("SK215", 8, 14)]


def test_a_deadline_promise_without_sla(strategy):
    problems = strategy.problems(
        "channels:\n  - id: tiktok\n    name: TikTok\n    platform: tiktok\n    team: support\n    customer_service: false\n"
        "    promise: deadline\n    redirect: {text: Call us.}\n    disclosures: [redirect]\n"
    )
    assert problems == [("SK211", 7, 14)]


def test_the_update_obligation_only_where_something_is_answered(strategy):
    assert sorted(code for code, *_ in strategy.problems(channel("promise: none\nupdate_if_longer: true"))) == ["SK212", "SK215"]
    assert strategy.messages(channel("promise: best-effort\nupdate_if_longer: {after: 1d, clock: business}")) == []
    assert strategy.messages(channel("promise: best-effort\nupdate_if_longer: false")) == []


def test_the_update_obligation_forms(strategy):
    result = strategy.validate(channel("promise: best-effort\nupdate_if_longer: true"))
    assert result.strategy.channels[0].update_if_longer.after is None
    result = strategy.validate(channel("promise: best-effort\nupdate_if_longer: 2d"))
    update = result.strategy.channels[0].update_if_longer
    assert (update.after, update.clock) == (2 * 86400, "calendar")


def test_a_target_without_time_says_its_promise(strategy):
    sla = "slas:\n  - id: quiet\n    clock: business\n    targets:\n      praise: {promise: read-only}\n      default: {respond: 8h}\n"
    assert strategy.messages(sla) == []
    bad = sla.replace("{promise: read-only}", "{promise: read-only, respond: 2h}")
    (message,) = strategy.messages(bad)
    assert "a target with promise 'read-only' has no reply time" in message
    (message,) = strategy.messages(sla.replace("{promise: read-only}", "{}"))
    assert "a promise without a time" in message


def test_a_category_nobody_answers_needs_no_sentiment_or_reply_style(strategy):
    category = "categories:\n  - {id: spam, name: Spam}\n"
    assert strategy.messages(category) == []  # no channel answers anything yet
    answered = category + channel("promise: best-effort")
    assert strategy.problems(answered) == [("SK213", 2, 10)]
    assert "channel 'youtube' promises to answer it" in strategy.messages(answered)[0]
    read_only = category + channel("promise: read-only").replace("customer_service: true", "customer_service: false")
    read_only = read_only.replace(
        "    disclosures: [hours, response-time]\n", "    redirect: {text: Call us.}\n    disclosures: [redirect]\n"
    )
    assert strategy.messages(read_only) == []


def test_a_goal_without_deadline_or_owner_is_information_only(strategy):
    result = strategy.validate("goals:\n  - id: listen\n    statement: Answer everyone.\n    metric: reply-rate\n    target: 0.9\n")
    assert result.ok
    assert [(p.code, p.severity.value, p.message) for p in result.problems] == [
        (
            "SK214",
            "info",
            "goal 'listen' has no deadline (the playbook cannot show the time left) and no owner (nobody is named as accountable)",
        )
    ]


def test_a_channel_without_customer_service_or_redirect_is_a_warning(strategy):
    result = strategy.validate(
        "channels:\n  - id: tiktok\n    name: TikTok\n    platform: tiktok\n    team: support\n    customer_service: false\n"
        "    promise: read-only\n    disclosures: [owner]\n"
    )
    assert result.ok and [(p.code, p.severity.value) for p in result.problems] == [("SK401", "warning"), ("SK402", "warning")]

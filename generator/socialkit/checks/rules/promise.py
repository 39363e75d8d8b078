"""SK211-SK215: what a channel promises about replies, and the fields a policy may leave out.

A channel promises a `deadline` (its SLA's times), `best-effort` (answered, no
time), `read-only` (read, not answered) or `none`. Optional fields stay
optional; these rules say what is missing where it matters.
"""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity
from socialkit.strategy.model import Channel, Sla

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the rule tables read as E/W/I)

ANSWERED = ("deadline", "best-effort")


def _promise_path(ctx: Context, index: int, channel: Channel) -> tuple:
    raw = ctx.source.data.get("channels", [])[index]
    return ("channels", index, "promise") if "promise" in raw else ("channels", index, "sla" if channel.sla else "id")


@rule(
    "SK211",
    "promise-contradicts-sla",
    E,
    "A channel's promise and its SLA disagree: a deadline without an SLA, or an SLA on a channel that promises no time.",
    bad="""
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        team: support
        customer_service: true
        schedule: office-hours
        promise: best-effort     # we answer without a promised time...
        sla: standard            # ...yet name reply times
        disclosures: [hours, response-time]
    """,
    good="""
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        team: support
        customer_service: true
        schedule: office-hours
        promise: best-effort
        disclosures: [hours, response-time]
    """,
)
def promise_contradicts_sla(ctx: Context) -> Iterator[Finding]:
    """
    `promise` says what a channel promises about replies. Only `deadline`
    has reply times, and they come from the channel's `sla`. A channel that
    promises `best-effort`, `read-only` or `none` but names an SLA would keep
    times nobody publishes or enforces; one that promises `deadline` without
    an SLA has no time to keep. Remove the SLA, or say `promise: deadline`
    (the default when an SLA is given).
    """
    for i, channel in ctx.channels():
        if channel.promise is None:
            continue
        if channel.promise == "deadline" and channel.sla is None:
            yield Finding(
                ("channels", i, "promise"),
                f"channel '{channel.id}' promises a deadline but has no 'sla' to take its times from; "
                "add 'sla:', or say 'best-effort' if you answer without promising a time",
            )
        elif channel.promise != "deadline" and channel.sla is not None:
            yield Finding(
                ("channels", i, "sla"),
                f"channel '{channel.id}' promises '{channel.promise}' (no reply time) but names SLA '{channel.sla}', "
                "whose times would never be used; remove 'sla', or use promise 'deadline'",
            )


@rule(
    "SK212",
    "update-without-answer",
    E,
    "A channel that does not answer promises to say when an answer takes longer.",
    bad="""
    channels:
      - id: press
        name: Press account
        platform: x
        team: support
        customer_service: false
        promise: read-only       # read, not answered...
        update_if_longer: 2d     # ...so there is no answer to be late
        redirect: {text: Questions? Call the press office.}
        disclosures: [redirect]
    """,
    good="""
    channels:
      - id: press
        name: Press account
        platform: x
        team: support
        customer_service: false
        promise: read-only
        redirect: {text: Questions? Call the press office.}
        disclosures: [redirect]
    """,
)
def update_without_answer(ctx: Context) -> Iterator[Finding]:
    """
    "We answer as soon as we can, and tell you if it takes longer" is an
    obligation of a channel that answers: one with a `deadline` or a
    `best-effort` promise. On a channel that is `read-only` or promises
    `none` nobody waits for an answer, so there is nothing to be late with
    and the obligation would never apply. Remove `update_if_longer`, or
    change the promise.
    """
    for i, channel in ctx.channels():
        if channel.update_if_longer is not None and channel.effective_promise not in ANSWERED:
            yield Finding(
                ("channels", i, "update_if_longer"),
                f"channel '{channel.id}' promises '{channel.effective_promise}', so no answer can take longer; "
                "remove 'update_if_longer' or promise 'best-effort'",
            )


def answered_categories(ctx: Context, channel: Channel) -> set[str]:
    """The category ids a channel promises to answer (with or without a time)."""
    every = {c.id for c in ctx.strategy.categories}
    promise = channel.effective_promise
    if promise == "best-effort":
        return every
    if promise != "deadline" or channel.sla is None:
        return set()
    sla: Sla | None = ctx.slas.get(channel.sla)
    if sla is None:
        return set()
    answered = set()
    for category in every:
        target = sla.targets.get(category) or sla.targets.get("default")
        if target is not None and (target.promise or "deadline") in ANSWERED:
            answered.add(category)
    return answered


@rule(
    "SK213",
    "reply-style-missing",
    W,
    "A category that some channel promises to answer has no reply style.",
    bad="""
    categories:
      - {id: question, name: Question}    # answered on facebook, but how?
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
    """,
    good="""
    categories:
      - {id: question, name: Question, reply_style: personal}
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
    """,
)
def reply_style_missing(ctx: Context) -> Iterator[Finding]:
    """
    `reply_style` is optional: a category nobody answers (spam, say, or
    messages on a read-only channel) needs none. Once a channel promises to
    answer the category, with a deadline or best effort, whoever answers
    needs to know how, and the decision's `escalation.reply_style` would
    otherwise be empty. Give the category a `reply_style`.
    """
    answering: dict[str, str] = {}
    for _, channel in ctx.channels():
        for category in sorted(answered_categories(ctx, channel)):
            answering.setdefault(category, channel.id)
    for i, category in enumerate(ctx.strategy.categories):
        if category.reply_style is None and category.id in answering:
            yield Finding(
                ("categories", i, "id"),
                f"category '{category.id}' has no reply_style, but channel '{answering[category.id]}' promises to answer it; "
                "say how it is answered",
            )


@rule(
    "SK214",
    "goal-open-ended",
    I,
    "A goal has no deadline or no owner.",
    bad="""
    goals:
      - id: resolve-complaints
        statement: Resolve 50 complaints voiced in social media.
        metric: resolved-complaints
        target: 50               # by when, and who answers for it?
    """,
    good="""
    goals:
      - id: resolve-complaints
        statement: Resolve 50 complaints voiced in social media.
        metric: resolved-complaints
        target: 50
        deadline: 2099-06-30
        owner: anna
    """,
)
def goal_open_ended(ctx: Context) -> Iterator[Finding]:
    """
    A goal may be written as the policy states it, without a fixed deadline
    or a named owner. The playbook and the audit then show what they can:
    without a deadline they cannot show the time left or end the period the
    audit measures; without an owner nobody is named as accountable. Add
    them when the organisation has them; leave them out when it does not.
    """
    for i, goal in enumerate(ctx.strategy.goals):
        missing = []
        if goal.deadline is None:
            missing.append("no deadline (the playbook cannot show the time left)")
        if goal.owner is None:
            missing.append("no owner (nobody is named as accountable)")
        if missing:
            yield Finding(("goals", i, "id"), f"goal '{goal.id}' has " + " and ".join(missing))


@rule(
    "SK215",
    "customer-service-unanswered",
    W,
    "A customer-service channel promises that messages are not answered.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true    # takes questions...
        promise: read-only        # ...but never answers them
        team: support
        disclosures: [hours]
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: false
        promise: read-only
        team: support
        redirect: {text: Questions? Call us.}
        disclosures: [redirect]
    """,
)
def customer_service_unanswered(ctx: Context) -> Iterator[Finding]:
    """
    A channel marked `customer_service: true` invites questions. If it is
    `read-only` (read, not answered) or promises `none`, those questions get
    no answer and the people who asked conclude nobody listens. Either answer
    them (`best-effort` or a `deadline`) or mark the channel
    `customer_service: false` and give a `redirect` to where questions are
    answered.
    """
    for i, channel in ctx.cs_channels():
        if channel.promise in ("read-only", "none"):
            yield Finding(
                _promise_path(ctx, i, channel),
                f"customer-service channel '{channel.id}' promises '{channel.promise}': its questions are never answered; "
                "answer them ('best-effort') or set customer_service: false with a redirect",
            )

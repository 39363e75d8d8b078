"""SK4xx: practices. Advice on customer dialogue in social media, made checkable."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the rule tables read as E/W/I)

NEVER_HIDE = ("criticism", "negative-review", "complaint")


def _disclosures_path(ctx: Context, index: int) -> tuple:
    raw = ctx.source.data.get("channels", [])[index]
    return ("channels", index, "disclosures") if "disclosures" in raw else ("channels", index, "customer_service")


@rule(
    "SK401",
    "missing-redirect",
    W,
    "A public channel without customer service does not say where to go instead.",
    bad="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false    # so where should customers go?
        disclosures: [redirect]    # there is no redirect to publish
    """,
    good="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect:
          text: Questions? Use the chat on our website.
          url: https://www.example.org/contact
        disclosures: [redirect]
    """,
)
def missing_redirect(ctx: Context) -> Iterator[Finding]:
    """
    People ask questions wherever the organisation is present, whether or not
    the channel is meant for it. A channel that does not take customer service
    should say so on the profile and tell people where to go instead: another
    of your channels, a web form, a phone number. Without `redirect` the
    question goes unanswered and the person concludes nobody listens.
    A warning, not an error: many real policies have no redirect, and the
    strategy should not make one up. Internal channels (`internal: true`) are not public and are not checked.
    """
    for i, channel in ctx.channels():
        if not channel.customer_service and not channel.internal and channel.redirect is None:
            yield Finding(
                ("channels", i, "customer_service"),
                f"channel '{channel.id}' takes no customer service but has no 'redirect'; say where customers should go instead",
            )


@rule(
    "SK402",
    "redirect-not-disclosed",
    W,
    "A public channel without customer service does not publish its redirect.",
    bad="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [owner]       # the redirect is never shown
    """,
    good="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [owner, redirect]
    """,
)
def redirect_not_disclosed(ctx: Context) -> Iterator[Finding]:
    """
    `disclosures` lists what the channel's profile must publish, and the
    playbook turns it into a checklist for whoever maintains the profile. A
    redirect that is not in the list is written down in the strategy but
    never reaches the people who need it. Add `redirect` to `disclosures`.
    """
    for i, channel in ctx.channels():
        if not channel.customer_service and not channel.internal and "redirect" not in channel.disclosures:
            yield Finding(
                _disclosures_path(ctx, i),
                f"channel '{channel.id}' takes no customer service but does not disclose where to go instead; add 'redirect' to disclosures",
            )


@rule(
    "SK403",
    "hours-not-disclosed",
    W,
    "A customer-service channel does not publish its hours.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        disclosures: [response-time]   # but not when someone is there
    """,
    good="""
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
def hours_not_disclosed(ctx: Context) -> Iterator[Finding]:
    """
    A channel that takes customer-service questions should publish when
    someone is there to answer. People who know the hours do not wait in vain
    at night or expect a reply on Sunday, and a late answer is not taken as
    being ignored. Add `hours` to `disclosures`; the playbook then prints the
    schedule for the profile text.
    """
    for i, channel in ctx.cs_channels():
        if not channel.internal and "hours" not in channel.disclosures:
            yield Finding(
                _disclosures_path(ctx, i),
                f"customer-service channel '{channel.id}' does not publish its hours; add 'hours' to disclosures",
            )


@rule(
    "SK404",
    "removes-criticism",
    E,
    "Moderation hides or removes criticism, negative reviews or complaints.",
    bad="""
    moderation:
      never_remove: [criticism]
      hide: [spam, negative-review]   # hiding bad reviews
      remove: [illegal-content]
    """,
    good="""
    moderation:
      never_remove: [criticism, negative-review, complaint]
      hide: [spam]
      remove: [illegal-content]
    """,
)
def removes_criticism(ctx: Context) -> Iterator[Finding]:
    """
    Deleting or hiding critical comments costs more credibility than the
    comment itself: readers notice, screenshots spread, and the critic now has
    two complaints. Criticism, negative reviews and complaints are answered,
    not moderated. Hide and remove what breaks the rules (spam, illegal
    content, personal data, threats), and record every removal.
    """
    moderation = ctx.strategy.moderation
    if moderation is None:
        return
    for field in ("hide", "remove"):
        for k, kind in enumerate(getattr(moderation, field)):
            if kind in NEVER_HIDE:
                yield Finding(
                    ("moderation", field, k),
                    f"moderation may {field} '{kind}'; criticism is answered, not {'hidden' if field == 'hide' else 'removed'}: take it out of '{field}' and add it to never_remove",
                )


@rule(
    "SK405",
    "criticism-not-protected",
    W,
    "Moderation's never_remove does not include criticism.",
    bad="""
    moderation:
      never_remove: [complaint]
      hide: [spam]
    """,
    good="""
    moderation:
      never_remove: [criticism, complaint]
      hide: [spam]
    """,
)
def criticism_not_protected(ctx: Context) -> Iterator[Finding]:
    """
    Moderators decide quickly and under pressure. Writing down that criticism
    is never removed settles the question before it comes up, and shows up in
    the published moderation policy. The rule asks for `criticism` in
    `never_remove` whenever a `moderation` section exists.
    """
    moderation = ctx.strategy.moderation
    if moderation is not None and "criticism" not in moderation.never_remove:
        raw = ctx.source.data.get("moderation", {})
        path = ("moderation", "never_remove") if "never_remove" in raw else ("moderation",)
        yield Finding(
            path,
            "moderation does not list 'criticism' under never_remove; add it so criticism is never hidden or removed",
            key=path == ("moderation",),
        )


@rule(
    "SK406",
    "positive-unanswered",
    W,
    "An SLA of a customer-service channel has no target for positive or neutral messages.",
    bad="""
    slas:
      - id: complaints-only
        clock: business
        targets:
          complaint: {respond: 4h}   # praise gets no target
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: complaints-only
        disclosures: [hours]
    """,
    good="""
    slas:
      - id: complaints-only
        clock: business
        targets:
          complaint: {respond: 4h}
          praise: {acknowledge: 8h}
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: complaints-only
        disclosures: [hours]
    """,
)
def positive_unanswered(ctx: Context) -> Iterator[Finding]:
    """
    Never stay silent: praise and neutral comments deserve an answer too, not
    only criticism. Not every message needs a written reply (a like or other
    reaction acknowledges it), but each should have a target so it is not
    forgotten while the complaints take all the attention. Every SLA used by a
    customer-service channel (including crisis SLAs) needs a target for each
    category with positive or neutral sentiment, either its own or through
    `default`.
    """
    soft = [c.id for c in ctx.strategy.categories if c.sentiment in ("positive", "neutral")]
    if not soft:
        return
    used: dict[str, None] = {}
    cs = ctx.cs_channels()
    for _, channel in cs:
        for sla in (channel.sla, channel.crisis_sla):
            if sla:
                used[sla] = None
    if cs and ctx.strategy.crisis is not None:
        used[ctx.strategy.crisis.sla] = None
    for i, sla in enumerate(ctx.strategy.slas):
        if sla.id not in used or "default" in sla.targets:
            continue
        missing = [c for c in soft if c not in sla.targets]
        if missing:
            yield Finding(
                ("slas", i, "targets"),
                f"SLA '{sla.id}' has no target for {', '.join(repr(m) for m in missing)} and no 'default'; positive and neutral messages deserve an answer too",
                key=True,
            )


@rule(
    "SK407",
    "canned-replies",
    W,
    "A category or escalation rule answers with pre-written replies.",
    bad="""
    categories:
      - id: question
        name: Question
        sentiment: neutral
        reply_style: canned       # the same text for everyone
    """,
    good="""
    categories:
      - id: question
        name: Question
        sentiment: neutral
        reply_style: personal
    """,
)
def canned_replies(ctx: Context) -> Iterator[Finding]:
    """
    People notice a pre-written auto-reply at once, and in public everybody
    else notices too. Answer personally and sincerely, signed by a person.
    Templates can help whoever writes (in `guidance`), but `reply_style:
    canned` tells the team and the tools to paste the same text for
    everyone, and is reported wherever it is used.
    """
    for i, category in enumerate(ctx.strategy.categories):
        if category.reply_style == "canned":
            yield Finding(
                ("categories", i, "reply_style"),
                f"category '{category.id}' is answered with canned replies; answer personally ('personal' or 'thank-and-fix')",
            )
    for j, esc in ctx.rules():
        if esc.reply_style == "canned":
            yield Finding(
                ("escalation", j, "reply_style"),
                f"escalation rule '{esc.id}' answers with canned replies; answer personally ('personal' or 'brief-factual')",
            )


@rule(
    "SK408",
    "goal-deadline-passed",
    W,
    "A goal's deadline is before the reference date.",
    bad="""
    goals:
      - id: resolve-complaints
        statement: Resolve 50 complaints voiced in social media.
        metric: resolved-complaints
        target: 50
        deadline: 2020-06-30     # long gone
        owner: anna
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
def goal_deadline_passed(ctx: Context) -> Iterator[Finding]:
    """
    A goal is a metric, a target and a deadline. Once the deadline has passed
    the goal no longer steers anything: evaluate it, then set a new deadline
    (and perhaps a new target) or move it out of the strategy. "Passed" is
    relative to the reference date: `--as-of DATE`, the `as_of` setting, or
    today.
    """
    for i, goal in enumerate(ctx.strategy.goals):
        if goal.deadline is not None and goal.deadline < ctx.as_of:
            yield Finding(
                ("goals", i, "deadline"),
                f"goal '{goal.id}' had its deadline on {goal.deadline.isoformat()}, before {ctx.as_of.isoformat()}; evaluate it and set a new deadline",
            )


@rule(
    "SK409",
    "single-point-of-failure",
    W,
    "Fewer than two people can handle a channel.",
    bad="""
    people:
      - id: sara
        name: Sara Nyberg
        email: sara@example.org
    teams:
      - id: solo
        name: Solo
        members: [sara]
        lead: sara
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: solo                # only sara can post or answer
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [redirect]
    """,
    good="""
    people:
      - id: sara
        name: Sara Nyberg
        email: sara@example.org
    teams:
      - id: solo
        name: Solo
        members: [sara, anna]
        lead: sara
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: solo
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [redirect]
    """,
)
def single_point_of_failure(ctx: Context) -> Iterator[Finding]:
    """
    A channel only one person can handle goes silent when that person is ill,
    on holiday or leaves, and the organisation may lose access to the account
    itself. At least two people should be able to post, answer and reach the
    account's settings: the channel's team needs two members. A channel
    without a team (and without customer service, which SK103 covers) has
    nobody at all and is reported too.
    """
    for i, channel in ctx.channels():
        if channel.team is None:
            if not channel.customer_service:
                yield Finding(
                    ("channels", i, "id"),
                    f"channel '{channel.id}' has no team, so nobody is responsible for it; add 'team:' with at least two people",
                )
            continue
        team = ctx.teams.get(channel.team)
        if team is not None and len(set(team.members)) < 2:
            yield Finding(
                ("channels", i, "team"),
                f"only {len(set(team.members))} person in team '{team.id}' can handle channel '{channel.id}'; add a second member so the channel survives holidays and sick days",
            )


@rule(
    "SK410",
    "posting-rate",
    I,
    "Reported by the audit: a channel posted less than its minimum posting rate (min_posts).",
    bad="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [redirect]
        min_posts: {count: 3, per: week}   # met or not, only the audit knows
    """,
    good="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect:
          text: Questions? Call us.
        disclosures: [redirect]
        min_posts: {count: 3, per: week}
    """,
)
def posting_rate(ctx: Context) -> Iterator[Finding]:
    """
    `min_posts` states how often a channel should publish. Whether that
    happens can only be measured against what was actually posted, which the
    strategy files do not contain. `socialkit audit --posts LOG` reads a
    publishing log and reports this code, located at the channel's
    `min_posts`, for every channel with a whole period (day, week or month,
    local time) in the log below the minimum, so its findings can be
    selected, ignored and re-graded like any other rule. `socialkit
    validate` never reports it: both examples below are valid strategy and
    produce no problem here.
    """
    return iter(())

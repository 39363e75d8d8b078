"""SK331-SK339: public-records duties and account governance, checked against the strategy's own rules."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the rule tables read as E/W/I)


def _gaps(ctx: Context) -> Iterator[tuple[int, object, dict]]:
    """(channel index, channel, gap) for every gap between a channel's account and the account rules."""
    from socialkit.compile.governance import account_plain, governance_policy_plain
    from socialkit.runtime.governance import account_gaps

    policy = governance_policy_plain(ctx.strategy)
    for i, channel in ctx.channels():
        for gap in account_gaps(policy, account_plain(channel)):
            yield i, channel, gap


def _account_path(ctx: Context, i: int, key: str) -> tuple:
    raw = ctx.source.data.get("channels", [])[i]
    account = raw.get("account") if isinstance(raw, dict) else None
    if isinstance(account, dict) and key in account:
        return ("channels", i, "account", key)
    return ("channels", i, "account") if isinstance(account, dict) else ("channels", i, "id")


@rule(
    "SK331",
    "account-without-owner",
    E,
    "The account rules require an owner and a channel names none.",
    bad="""
    governance:
      owner_required: true
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          admins: [anna, erik]     # but who answers for the account?
    """,
    good="""
    governance:
      owner_required: true
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          owner: anna
          admins: [anna, erik]
    """,
)
def account_without_owner(ctx: Context) -> Iterator[Finding]:
    """
    An account without a named owner is the one nobody closes, nobody
    reviews and nobody can answer for when something goes wrong on it. With
    `governance.owner_required: true` every channel names the person
    accountable for it in `account.owner` (internal: the public playbook
    never shows it).
    """
    for i, channel, gap in _gaps(ctx):
        if gap["kind"] == "no-owner":
            yield Finding(_account_path(ctx, i, "owner"), f"channel '{channel.id}' has no account owner; the account rules require one")


@rule(
    "SK332",
    "too-few-admins",
    E,
    "A channel's account has fewer administrators than the account rules require.",
    bad="""
    governance:
      min_admins: 2
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          admins: [anna]     # locked out when Anna leaves
    """,
    good="""
    governance:
      min_admins: 2
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          admins: [anna, erik]
    """,
)
def too_few_admins(ctx: Context) -> Iterator[Finding]:
    """
    An account with a single administrator is lost the day that person
    leaves, forgets a password or loses a phone. `governance.min_admins` says
    how many each account needs; every person counts once.
    """
    for i, channel, gap in _gaps(ctx):
        if gap["kind"] == "too-few-admins":
            yield Finding(
                _account_path(ctx, i, "admins"),
                f"channel '{channel.id}' has {gap['have']} administrator(s); the account rules require at least {gap['need']}",
            )


@rule(
    "SK333",
    "missing-required-admin",
    E,
    "A channel's account lacks an administrator the account rules require on every account.",
    bad="""
    governance:
      required_admins: [anna]     # central communications on every account
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          admins: [erik]
    """,
    good="""
    governance:
      required_admins: [anna]
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account:
          admins: [erik, anna]
    """,
)
def missing_required_admin(ctx: Context) -> Iterator[Finding]:
    """
    Many organisations require central communications (a team, or named
    people) to hold administrator rights on every account, so that an
    account can always be reached, corrected or closed. `required_admins`
    names people who administer every account; `admins_from` names teams
    with at least one member among each account's administrators.
    """
    for i, channel, gap in _gaps(ctx):
        if gap["kind"] == "missing-admin":
            yield Finding(
                _account_path(ctx, i, "admins"),
                f"channel '{channel.id}': {gap['person']} administers every account by the rules, not this one",
            )
        elif gap["kind"] == "no-admin-from":
            yield Finding(
                _account_path(ctx, i, "admins"),
                f"channel '{channel.id}' has no administrator from team '{gap['team']}'; the rules put one on every account",
            )


@rule(
    "SK334",
    "public-records-notice-missing",
    E,
    "A channel publishes the public-records notice and the strategy has no notice text.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect, public-records]   # which text?
    """,
    good="""
    moderation:
      never_remove: [criticism]
      records:
        notice: What you write to us may become an official document.
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect, public-records]
    """,
)
def public_records_notice_missing(ctx: Context) -> Iterator[Finding]:
    """
    A profile that promises a public-records notice must have one to show.
    The notice is the organisation's own words (`moderation.records.notice`):
    socialkit does not write a legal statement for you, because whether and
    how public access applies depends on who you are.
    """
    records = ctx.strategy.moderation.records if ctx.strategy.moderation else None
    if records is not None and records.notice is not None:
        return
    for i, channel in ctx.channels():
        if "public-records" in channel.disclosures:
            index = channel.disclosures.index("public-records")
            yield Finding(
                ("channels", i, "disclosures", index),
                f"channel '{channel.id}' discloses public-records; give the text in moderation.records.notice",
            )


@rule(
    "SK335",
    "records-duty-twice",
    E,
    "Two public-records duties cover the same kind of content.",
    bad="""
    moderation:
      never_remove: [criticism]
      records:
        content:
          - {content: comment, keep_for: 2y}
          - {content: comment, keep_for: 6mo}   # which one holds?
    """,
    good="""
    moderation:
      never_remove: [criticism]
      records:
        content:
          - {content: comment, keep_for: 2y}
          - {content: direct-message, keep_for: 6mo}
    """,
)
def records_duty_twice(ctx: Context) -> Iterator[Finding]:
    """
    Each kind of content has one duty: two entries for the same kind would
    publish two different promises about the same messages, and the policy
    could only keep one of them. Merge them into one entry.
    """
    records = ctx.strategy.moderation.records if ctx.strategy.moderation else None
    seen: set[str] = set()
    for k, duty in enumerate(records.content if records else []):
        if duty.content in seen:
            yield Finding(("moderation", "records", "content", k, "content"), f"a records duty for '{duty.content}' is already given above")
        seen.add(duty.content)


@rule(
    "SK336",
    "disposal-without-period",
    W,
    "A records duty says what happens when retention ends but not how long it lasts.",
    bad="""
    moderation:
      never_remove: [criticism]
      records:
        content:
          - {content: comment, then: dispose}   # disposed of when?
    """,
    good="""
    moderation:
      never_remove: [criticism]
      records:
        content:
          - {content: comment, keep_for: 2y, then: dispose}
    """,
)
def disposal_without_period(ctx: Context) -> Iterator[Finding]:
    """
    "Disposed of" without a retention period tells nobody when; the
    playbook can then only say that it is disposed of, not after how long.
    Give `keep_for` in the unit your records plan uses (`2y`, `6mo`, `3w`,
    `30d`).
    """
    records = ctx.strategy.moderation.records if ctx.strategy.moderation else None
    for k, duty in enumerate(records.content if records else []):
        if duty.then is not None and duty.keep_for is None:
            yield Finding(
                ("moderation", "records", "content", k, "then"), f"'{duty.content}' is {duty.then}d with no keep_for; say after how long"
            )


@rule(
    "SK337",
    "inactivity-shorter-than-posting",
    W,
    "The inactivity threshold is shorter than a channel's posting period: meeting the minimum can look inactive.",
    bad="""
    governance:
      lifecycle: {inactive_after: 2w}
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        min_posts: {count: 1, per: month}   # one post a month is fine, yet inactive after two weeks
    """,
    good="""
    governance:
      lifecycle: {inactive_after: 3mo}
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        min_posts: {count: 1, per: month}
    """,
)
def inactivity_shorter_than_posting(ctx: Context) -> Iterator[Finding]:
    """
    A channel that posts exactly as often as `min_posts` asks should never
    count as inactive. When `lifecycle.inactive_after` is shorter than the
    posting period (one post a month, inactive after two weeks), a channel
    that keeps its minimum is still flagged for review or closing.
    """
    g = ctx.strategy.governance
    threshold = g.lifecycle.inactive_after if g and g.lifecycle else None
    if threshold is None:
        return
    months, days = threshold.months_and_days()
    threshold_days = months * 28 + days  # the shortest a threshold can be
    period_days = {"day": 1, "week": 7, "month": 31}
    for i, channel in ctx.channels():
        if channel.min_posts is not None and threshold_days < period_days[channel.min_posts.per]:
            yield Finding(
                ("channels", i, "min_posts", "per"),
                f"channel '{channel.id}' posts per {channel.min_posts.per}, but no posts for {threshold.canonical()} already counts as inactive",
            )


@rule(
    "SK338",
    "account-approved-by-other",
    W,
    "An account was approved by someone the account rules do not let approve new accounts.",
    bad="""
    governance:
      approval_to_open: [anna]
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account: {owner: erik, approved_by: erik}
    """,
    good="""
    governance:
      approval_to_open: [anna]
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        account: {owner: erik, approved_by: anna}
    """,
)
def account_approved_by_other(ctx: Context) -> Iterator[Finding]:
    """
    When `approval_to_open` names who may approve a new account, an account
    whose `approved_by` is someone else was opened outside the procedure:
    either the record is wrong or the account needs the approval it lacks.
    """
    g = ctx.strategy.governance
    if g is None or not g.approval_to_open:
        return
    for i, channel in ctx.channels():
        approver = channel.account.approved_by if channel.account else None
        if approver is not None and approver not in g.approval_to_open:
            yield Finding(
                _account_path(ctx, i, "approved_by"),
                f"channel '{channel.id}' was approved by {approver}, who is not in governance.approval_to_open",
            )


@rule(
    "SK339",
    "inactive-account",
    W,
    "Reported by the audit: no posts on a channel for longer than the inactivity threshold.",
    bad="""
    governance:
      lifecycle: {inactive_after: 3mo, then: review}
    # ... and a publishing log whose last post on a channel is four months old
    """,
    good="""
    governance:
      lifecycle: {inactive_after: 3mo, then: review}
    # ... and a publishing log with a post on every channel last month
    """,
)
def inactive_account(ctx: Context) -> Iterator[Finding]:
    """
    `governance.lifecycle.inactive_after` says how long an account may go
    without posts before it is reviewed or closed. Only the posts show
    whether that happened, so `socialkit audit --posts LOG` reports this
    code, located at the channel, for every channel whose last post (or the
    start of the log, when the log holds none for it) lies that long before
    the end of the log, counted on local dates. Like SK410 it is never
    reported by `socialkit validate`.
    """
    return iter(())

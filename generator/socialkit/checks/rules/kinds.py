"""SK316-SK319: message kinds. How a message reached us (comment, direct message, mention, review) and what a
channel promises for each kind."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity

W = Severity.WARNING

# Kinds a platform does not have, each with the vendor's word for it. Only what a source says is listed; a
# platform missing here (website-chat, forum, other) may have any kind. An untagged mention can happen anywhere.
MESSAGING_ONLY = "a messaging app: people write to the account, nothing is posted to comment on or tag"
NO_REVIEWS = (
    "reviews on social platforms are Facebook's Page recommendations "
    "(https://developers.facebook.com/docs/graph-api/reference/page/ratings/); this platform has none"
)
UNSUPPORTED: dict[str, dict[str, str]] = {
    "youtube": {
        # YouTube closed its direct messages on 2019-09-18:
        # https://www.theverge.com/2019/8/22/20828177/youtube-private-messages-discontinued-dm-public-conversations
        "direct-message": "YouTube closed its direct messages in September 2019",
        "review": NO_REVIEWS,
    },
    "whatsapp": {"comment": MESSAGING_ONLY, "tagged-mention": MESSAGING_ONLY, "review": MESSAGING_ONLY},
    "messenger": {"comment": MESSAGING_ONLY, "tagged-mention": MESSAGING_ONLY, "review": MESSAGING_ONLY},
    # X has replies, mentions (https://docs.x.com/x-api/posts/timelines) and direct messages
    # (https://docs.x.com/x-api/direct-messages/lookup/migrate), but no reviews.
    **{
        platform: {"review": NO_REVIEWS}
        for platform in ("instagram", "linkedin", "x", "threads", "tiktok", "bluesky", "mastodon", "snapchat", "pinterest")
    },
}


@rule(
    "SK316",
    "kind-not-on-platform",
    W,
    "A channel says how it handles a kind of message its platform does not have.",
    bad="""
    channels:
      - id: x
        name: X
        platform: x
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          review: {promise: best-effort}    # X has no reviews
    """,
    good="""
    channels:
      - id: x
        name: X
        platform: x
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          untagged-mention: {promise: read-only}
    """,
)
def kind_not_on_platform(ctx: Context) -> Iterator[Finding]:
    """
    A channel's `kinds` describe how each kind of message is handled. A
    kind the platform does not have never arrives: the playbook would
    publish a promise about messages nobody can send (reviews on X, direct
    messages on YouTube, comments on WhatsApp), which is usually a sign
    that the channel or the kind is a mistake. The table of what each
    platform lacks is in `checks/rules/kinds.py`, each line with its source;
    platforms not in it (`website-chat`, `forum`, `other`) may have any kind.
    """
    for i, channel in ctx.channels():
        missing = UNSUPPORTED.get(channel.platform, {})
        for kind in channel.kinds:
            if kind in missing:
                yield Finding(
                    ("channels", i, "kinds", kind),
                    f"channel '{channel.id}' ({channel.platform}) handles '{kind}' messages, which the platform does not have: "
                    f"{missing[kind]}",
                )


@rule(
    "SK317",
    "kind-deadline-without-targets",
    W,
    "A kind is promised a deadline but no SLA gives it one.",
    bad="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        kinds:
          direct-message: {promise: deadline}    # which deadline?
    """,
    good="""
    channels:
      - id: tiktok
        name: TikTok
        platform: tiktok
        team: support
        customer_service: false
        redirect: {text: Call us.}
        disclosures: [redirect]
        kinds:
          direct-message: {promise: deadline, sla: standard}
    """,
)
def kind_deadline_without_targets(ctx: Context) -> Iterator[Finding]:
    """
    `promise: deadline` says the kind is answered by a stated time, and the
    time comes from an SLA: the kind's own `sla`, else the channel's. With
    neither, nothing computes a deadline and nothing can be published, so
    the promise says more than the strategy knows. Name the SLA whose
    targets apply, or choose `best-effort` if no time is promised.
    """
    for i, channel in ctx.channels():
        for kind, handling in channel.kinds.items():
            if handling.promise == "deadline" and handling.sla is None and channel.sla is None:
                yield Finding(
                    ("channels", i, "kinds", kind, "promise"),
                    f"'{kind}' messages on channel '{channel.id}' are promised a deadline, but neither the kind nor the channel "
                    "names an SLA; add 'sla' to the kind or the channel, or promise 'best-effort'",
                )


@rule(
    "SK318",
    "kind-sla-unused",
    W,
    "A kind names an SLA but its promise gives no deadline, so the SLA is never used.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          review: {promise: read-only, sla: standard}    # read, not answered: no targets
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          review: {promise: read-only}
    """,
)
def kind_sla_unused(ctx: Context) -> Iterator[Finding]:
    """
    Only `promise: deadline` (or no promise, the channel's own) uses an
    SLA's targets. A kind with `best-effort`, `read-only` or `none` and an
    `sla` keeps targets nobody is held to: remove the `sla`, or change the
    promise to `deadline` if the targets are meant.
    """
    for i, channel in ctx.channels():
        for kind, handling in channel.kinds.items():
            if handling.sla is not None and handling.promise not in (None, "deadline"):
                yield Finding(
                    ("channels", i, "kinds", kind, "sla"),
                    f"'{kind}' messages on channel '{channel.id}' are promised '{handling.promise}', so SLA '{handling.sla}' "
                    "never applies; remove 'sla' or promise 'deadline'",
                )


@rule(
    "SK319",
    "kind-redirect-to-itself",
    W,
    "A kind's redirect sends people to the channel they are already on.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          direct-message:
            promise: none
            redirect: {text: Write to us on Facebook., channel: facebook}
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        team: support
        customer_service: true
        schedule: office-hours
        sla: standard
        disclosures: [hours, response-time]
        kinds:
          direct-message:
            promise: none
            redirect: {text: Call customer service., url: https://www.example.org/contact}
    """,
)
def kind_redirect_to_itself(ctx: Context) -> Iterator[Finding]:
    """
    A kind's `redirect` tells people where to go instead with that kind of
    message ("we do not take individual cases in direct messages: call
    customer service"). Naming the same channel sends them in a circle;
    name another channel, a web page or a phone number.
    """
    for i, channel in ctx.channels():
        for kind, handling in channel.kinds.items():
            if handling.redirect is not None and handling.redirect.channel == channel.id:
                yield Finding(
                    ("channels", i, "kinds", kind, "redirect", "channel"),
                    f"'{kind}' messages on channel '{channel.id}' are redirected to the same channel; name another channel, a url or both",
                )

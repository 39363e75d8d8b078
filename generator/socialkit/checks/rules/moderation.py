"""SK321-SK323: moderation rules that cannot work as written (protected content removed, actions no
platform of the channel can take, rules that are never reached)."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.compile.moderation import SILENCING
from socialkit.platforms import can
from socialkit.problems import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the rule tables read as E/W/I)


@rule(
    "SK321",
    "protected-content-removed",
    E,
    "A moderation rule or the ladder would hide, delete or block content that is never removed.",
    bad="""
    moderation:
      never_remove: [criticism, negative-review]
      reasons:
        - reason: negative-review
          actions: [hide, keep]    # hides a bad review where the platform can
    """,
    good="""
    moderation:
      never_remove: [criticism, negative-review]
      reasons:
        - reason: negative-review
          actions: [keep]
    """,
)
def protected_content_removed(ctx: Context) -> Iterator[Finding]:
    """
    What `never_remove` lists (criticism, negative reviews, complaints) stays up and is answered:
    removing it costs more credibility than the comment itself. A reason rule for such content may
    only keep it (and report or warn), never hide, delete or block, and the repeat-offender ladder
    may not count it as a violation. The policy keeps it in any case; this rule says where the
    strategy contradicts itself.
    """
    moderation = ctx.strategy.moderation
    if moderation is None:
        return
    protected = set(moderation.never_remove)
    for i, reason in enumerate(moderation.reasons):
        if reason.reason not in protected:
            continue
        for field in ("actions", "also"):
            for k, action in enumerate(getattr(reason, field)):
                if action in SILENCING:
                    yield Finding(
                        ("moderation", "reasons", i, field, k),
                        f"'{reason.reason}' is in never_remove, but this rule would {action} it; keep it and answer instead",
                    )
    ladder = moderation.repeat_offenders
    if ladder is not None:
        for k, kind in enumerate(ladder.reasons):
            if kind in protected:
                yield Finding(
                    ("moderation", "repeat_offenders", "reasons", k),
                    f"'{kind}' is in never_remove, so it is no violation; take it out of the ladder's reasons",
                )


@rule(
    "SK322",
    "action-impossible-on-platform",
    W,
    "On a channel a moderation rule applies to, the platform can take none of the rule's actions.",
    bad="""
    moderation:
      never_remove: [criticism]
      reasons:
        - reason: threat
          actions: [delete]        # X cannot delete other people's replies
    channels:
      - id: x
        name: X
        platform: x
        team: support
        customer_service: false
        internal: true
    """,
    good="""
    moderation:
      never_remove: [criticism]
      reasons:
        - reason: threat
          actions: [delete, hide]  # hide where deleting is impossible
    channels:
      - id: x
        name: X
        platform: x
        team: support
        customer_service: false
        internal: true
    """,
)
def action_impossible_on_platform(ctx: Context) -> Iterator[Finding]:
    """
    Platforms differ in what an account can do with someone else's comment: X can hide a reply but
    not delete it, LinkedIn and YouTube can delete a comment but not hide it. A rule whose actions
    no platform of its channels supports leaves the moderator with nothing to do there. List a
    fallback in order of preference (`[hide, delete]`), or write a rule for that channel. The table
    of capabilities and its sources are in the guide (strategy-format.md, moderation).
    """
    moderation = ctx.strategy.moderation
    if moderation is None:
        return
    protected = set(moderation.never_remove)
    from socialkit.compile.moderation import reason_rules

    rules = reason_rules(moderation)
    written = len(moderation.reasons)
    for index, reason in enumerate(rules):
        if reason.reason in protected:
            continue
        for _, channel in ctx.channels():
            if reason.channels and channel.id not in reason.channels:
                continue
            if _rule_for(rules, reason.reason, channel.id) is not reason:
                continue
            if not any(can(channel.platform, action) for action in reason.actions):
                path = ("moderation", "reasons", index, "actions") if index < written else _simple_list_path(moderation, reason.reason)
                yield Finding(
                    path,
                    f"{channel.platform} cannot {' or '.join(reason.actions)} (channel '{channel.id}'), so '{reason.reason}' has no action there; "
                    "add a fallback such as 'hide' or 'delete'",
                )


def _simple_list_path(moderation, kind: str) -> tuple:
    """Where a kind of the simple form is written: its entry under hide or remove."""
    for field in ("hide", "remove"):
        kinds = getattr(moderation, field)
        if kind in kinds:
            return ("moderation", field, kinds.index(kind))
    return ("moderation",)


def _rule_for(rules, reason: str, channel: str):
    return next((r for r in rules if r.reason == reason and (not r.channels or channel in r.channels)), None)


@rule(
    "SK323",
    "moderation-rule-unreachable",
    W,
    "A moderation rule is never used: an earlier rule for the same reason covers all its channels.",
    bad="""
    moderation:
      never_remove: [criticism]
      reasons:
        - reason: spam
          actions: [hide, delete]
        - reason: spam
          channels: [linkedin]     # never reached: the rule above covers every channel
          actions: [delete]
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        team: support
        customer_service: false
        internal: true
    """,
    good="""
    moderation:
      never_remove: [criticism]
      reasons:
        - reason: spam
          channels: [linkedin]     # the channel rule first
          actions: [delete]
        - reason: spam
          actions: [hide, delete]
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        team: support
        customer_service: false
        internal: true
    """,
)
def moderation_rule_unreachable(ctx: Context) -> Iterator[Finding]:
    """
    For each reason the first rule that fits the channel wins, like escalation rules. A rule after a
    general rule for the same reason (one without `channels`), or whose channels earlier rules all
    cover, is never used. Put the channel rules first. A kind listed both under `hide` or `remove`
    and under `reasons` is also reported: the `reasons` rule is the one used.
    """
    moderation = ctx.strategy.moderation
    if moderation is None:
        return
    covered: dict[str, set[str] | None] = {}  # reason -> channels covered so far (None: all)
    for i, reason in enumerate(moderation.reasons):
        seen = covered.get(reason.reason, set())
        if seen is None or (reason.channels and set(reason.channels) <= seen):
            yield Finding(
                ("moderation", "reasons", i), f"this rule for '{reason.reason}' is never used: an earlier rule covers its channels"
            )
            continue
        covered[reason.reason] = None if not reason.channels else seen | set(reason.channels)
    for field in ("hide", "remove"):
        for k, kind in enumerate(getattr(moderation, field)):
            if kind in covered:
                yield Finding(
                    ("moderation", field, k), f"'{kind}' has a rule under 'reasons', which is the one used; take it out of '{field}'"
                )

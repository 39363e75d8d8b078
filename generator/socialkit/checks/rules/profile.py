"""SK411: the profile text the playbook offers must fit where it is pasted."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.platforms import PROFILE_LIMITS
from socialkit.problems import Severity


@rule(
    "SK411",
    "profile-too-long",
    Severity.WARNING,
    "The profile text of a channel is longer than its platform accepts.",
    bad="""
    channels:
      - id: instagram
        name: Instagram
        platform: instagram
        customer_service: false
        team: support
        redirect:
          text: >-
            We do not answer customer questions on Instagram. Write to us on our website,
            where customer service answers every weekday, or call us during office hours.
        disclosures: [redirect]    # 155 characters; Instagram takes 150
    """,
    good="""
    channels:
      - id: instagram
        name: Instagram
        platform: instagram
        customer_service: false
        team: support
        redirect:
          text: We do not answer customer questions here. Write to us on our website.
        disclosures: [redirect]
    """,
)
def profile_too_long(ctx: Context) -> Iterator[Finding]:
    """
    Each channel page of the playbook offers a profile text, one per
    language, made from what `disclosures` asks the profile to publish:
    hours, reply times, the redirect, the moderation policy. Some platforms
    take only a short description (Instagram 150 characters, X 160, TikTok
    80), and a text that is longer cannot be pasted as it is. The channel
    page then offers the sentences that fit, in order; this rule says so at
    validation, so the overflow is not found when someone edits the profile.

    Fix it by publishing less on that profile (drop a disclosure, shorten a
    redirect text), or, when the shorter version the page offers is what you
    want on the profile, silence the warning on that channel with a comment
    `# socialkit: ignore[SK411]` at the end of its `disclosures` line.
    """
    limited = [(i, channel) for i, channel in ctx.channels() if channel.platform in PROFILE_LIMITS and not channel.internal]
    if not limited:
        return
    # The text is the playbook's own, built only when it matters; the CLDR excerpt spares validate importing Babel.
    from socialkit.render.cldr_excerpt import ExcerptCtx
    from socialkit.render.pages import profile_overflow

    for i, channel in limited:
        overflow = profile_overflow(ctx.strategy, channel, as_of=ctx.as_of, context=ExcerptCtx)
        if overflow:
            lengths = ", ".join(f"{lang} {length}" for lang, length in overflow)
            yield Finding(
                _where(ctx, i),
                f"the profile text of channel '{channel.id}' is longer than the {PROFILE_LIMITS[channel.platform]} characters "
                f"{channel.platform} takes ({lengths}); publish less there (disclosures, redirect text) or paste the "
                "shorter version its playbook page offers",
            )


def _where(ctx: Context, index: int) -> tuple:
    raw = ctx.source.data.get("channels", [])[index]
    return ("channels", index, "disclosures") if "disclosures" in raw else ("channels", index, "platform")

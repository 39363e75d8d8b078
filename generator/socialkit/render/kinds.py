"""Per channel, how each kind of message is handled: one sentence per kind the strategy names, nothing more."""

from __future__ import annotations

from socialkit.render.context import Ctx
from socialkit.render.markdown import escape_md, link
from socialkit.strategy.model import MESSAGE_KINDS, Channel, KindHandling, Redirect


def kind_sentences(ctx: Ctx, ch: Channel, path: str) -> list[str]:
    """'Reviews: answered, with no promised reply time.' for each kind in `ch.kinds`, in the vocabulary's order."""
    return [_sentence(ctx, ch, kind, ch.kinds[kind], path) for kind in MESSAGE_KINDS if kind in ch.kinds]


def _sentence(ctx: Ctx, ch: Channel, kind: str, handling: KindHandling, path: str) -> str:
    from socialkit.render.pages import name_of

    name = ctx.l(f"kind.{kind}")
    promise = handling.promise or ("deadline" if handling.sla else None)
    if promise == "deadline" and handling.sla:
        text = ctx.l("kinds.deadline_sla", kind=name, sla=name_of(ctx, "slas", handling.sla))
    elif promise == "deadline" and ch.sla:
        text = ctx.l("kinds.deadline", kind=name)
    elif promise in ("best-effort", "read-only", "none"):
        text = ctx.l(f"kinds.{promise}", kind=name)
    else:  # a redirect alone, or a deadline no SLA gives (SK317): say only what the strategy says
        text = ctx.l("kinds.as_channel", kind=name)
    if handling.redirect is not None:
        text += " " + ctx.l("kinds.instead", where=redirect_text(ctx, handling.redirect, path))
    return text


def redirect_text(ctx: Ctx, redirect: Redirect, path: str) -> str:
    """The redirect's text, link and channel (escaped), as the channel page shows a channel's redirect."""
    from socialkit.render.pages import channel_link

    where = [ctx.t(redirect.text)]
    if redirect.url:
        where.append(link(escape_md(redirect.url), redirect.url))
    target = channel_link(ctx, redirect.channel, path) if redirect.channel else ""
    if target:
        where.append(ctx.l("channel.redirect_channel", channel=target))
    return " ".join(w for w in where if w)

"""The moderation page's rule tables: what is done with what (public), and internally the steps
before each action, who approves, the repeat-offender ladder and what each platform allows.

Every sentence states a field of `moderation` and nothing more; the compiled rules
(compile/moderation.py) are the source, so the page says what `socialkit moderate` answers.
"""

from __future__ import annotations

from typing import Any

from socialkit.compile.moderation import compile_moderation
from socialkit.render.context import Ctx
from socialkit.render.markdown import escape_md, table


def compiled(ctx: Ctx) -> dict[str, Any]:
    return compile_moderation(ctx.strategy) or {"reasons": [], "ladder": None, "capabilities": {}}


def action(ctx: Ctx, name: str) -> str:
    return ctx.l(f"moderation.action.{name}")


def preference(ctx: Ctx, actions: list[str]) -> str:
    """'Hidden; where the platform cannot: deleted' for [hide, delete]."""
    text = action(ctx, actions[0])
    for later in actions[1:]:
        text = ctx.l("moderation.otherwise", first=text, then=action(ctx, later).lower())
    return text


def channels_of(ctx: Ctx, channel_ids: list[str]) -> str:
    names = {c.id: escape_md(c.name) for c in ctx.strategy.channels}
    return ctx.join([names.get(c, c) for c in channel_ids]) if channel_ids else ctx.l("moderation.all_channels")


def rules_table(ctx: Ctx) -> str | None:
    """Content, what is done (preferences, further actions) and where; public."""
    reasons = compiled(ctx)["reasons"]
    if not reasons:
        return None
    public = {c.id for c in ctx.strategy.channels if not c.internal}
    rows = []
    for rule in sorted(reasons, key=lambda r: not r["protected"]):  # what stays first, then the rules in order
        shown = [c for c in rule["channels"] if not ctx.public or c in public]
        if rule["channels"] and not shown:
            continue
        what = ctx.l("moderation.never_remove") if rule["protected"] else preference(ctx, rule["actions"])
        if rule["also"]:
            what = ctx.l("moderation.also", first=what, more=ctx.join([action(ctx, a).lower() for a in rule["also"]]))
        rows.append([ctx.l(f"kind.{rule['reason']}"), what, channels_of(ctx, shown)])
    return table([ctx.l("col.content"), ctx.l("col.action"), ctx.l("col.channels")], rows)


def procedure_table(ctx: Ctx) -> str | None:
    """Internal: per reason and action, the steps first and who approves (by name)."""
    rows = []
    for rule in compiled(ctx)["reasons"]:
        for name in dict.fromkeys([*rule["actions"], *rule["also"], *rule["before"], *rule["approval"]]):
            before = rule["before"].get(name, {"steps": [], "notify": []})
            first = [ctx.l(f"moderation.step.{s}") for s in before["steps"]]
            if before["notify"]:
                first.append(ctx.l("moderation.notify", people=ctx.join([ctx.person(p) for p in before["notify"]])))
            approvers = rule["approval"].get(name, [])
            if not first and not approvers:
                continue
            rows.append(
                [
                    ctx.l(f"kind.{rule['reason']}"),
                    action(ctx, name),
                    ctx.join(first) if first else "–",
                    ctx.join([ctx.person(p) for p in approvers], style="or") if approvers else "–",
                ]
            )
    if not rows:
        return None
    return table([ctx.l("col.content"), ctx.l("col.action"), ctx.l("moderation.first"), ctx.l("moderation.approved_by")], rows)


def period(ctx: Ctx, seconds: int) -> str:
    """A duration as written: 30d as '30 days', not '4 weeks, 2 days' (whole weeks and years as such)."""
    from babel.units import format_unit

    if seconds % 86400 == 0 and seconds % (7 * 86400) and seconds % (365 * 86400):
        return format_unit(seconds // 86400, "duration-day", locale=ctx.locale)
    return ctx.duration(seconds)


def ladder_text(ctx: Ctx) -> list[str]:
    """Internal: the ladder as an intro sentence and a table."""
    ladder = compiled(ctx)["ladder"]
    if ladder is None:
        return []
    kinds = ctx.join([ctx.l(f"kind.{k}").lower() for k in ladder["reasons"]])
    within = ladder["within"]
    intro = (
        ctx.l("moderation.ladder_within", kinds=kinds, period=period(ctx, within))
        if within
        else ctx.l("moderation.ladder_always", kinds=kinds)
    )
    rows = []
    for step in ladder["steps"]:
        what = action(ctx, step["action"])
        if step["duration"]:
            what = ctx.l("moderation.for", action=what, duration=period(ctx, step["duration"]))
        rows.append([ctx.l("moderation.violation", n=str(step["violation"])), what])
    return [intro, table([ctx.l("moderation.violation_col"), ctx.l("col.action")], rows)]


def platforms_table(ctx: Ctx) -> str | None:
    """Internal: what each channel's platform allows (from the vendor table, platforms.py)."""
    capabilities = compiled(ctx)["capabilities"]
    if not capabilities:
        return None
    names = {c.id: escape_md(c.name) for c in ctx.strategy.channels}
    word = {True: ctx.l("yes"), False: ctx.l("no"), None: ctx.l("moderation.unknown")}
    columns = ("hide", "delete", "block", "comments-off")
    rows = [[names[c], *(word[capabilities[c][k]] for k in columns)] for c in capabilities]
    return table([ctx.l("col.channel"), *(ctx.l(f"moderation.can.{k}") for k in columns)], rows)

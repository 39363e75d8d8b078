"""Playbook text for public-records duties and account governance (pure).

The moderation page's records sections, the public-records sentence of a
profile text, and the internal accounts page. Every sentence states a field
the strategy holds; a field left out says nothing. The accounts page names
people, so it is internal only (render/__init__.py's SECTIONS).
"""

from __future__ import annotations

from socialkit.render.context import Ctx
from socialkit.render.markdown import bullets, escape_md, table
from socialkit.strategy.model import RecordsDuty, RemovalRecords

# --- the moderation page ---------------------------------------------------------------------------------


def records_sections(ctx: Ctx, channel_link) -> list[str]:
    """The records parts of the moderation page: removals, duties per kind of content, snapshots, notice."""
    m = ctx.strategy.moderation
    records = m.records if m is not None else None
    if records is None:
        return []
    out = _removal_section(ctx, records)
    if records.content:
        out += [f"## {ctx.l('records.title')}", ctx.l("records.intro"), _duties_table(ctx, records.content)]
    if records.snapshots is not None:
        out += [f"## {ctx.l('records.snapshots')}", _snapshot_sentence(ctx, records, channel_link)]
    if records.notice is not None:
        out += [f"## {ctx.l('records.notice')}", ctx.l("records.notice_intro"), "> " + ctx.t(records.notice)]
    return out


def _removal_section(ctx: Ctx, r: RemovalRecords) -> list[str]:
    items = []
    if r.required is not None:
        items.append(ctx.l("moderation.records_required" if r.required else "moderation.records_optional"))
    if r.where:
        items.append(ctx.l("moderation.records_where", where=ctx.t(r.where)))
    if r.keep_for:
        items.append(ctx.l("moderation.records_keep", duration=ctx.period(r.keep_for)))
    if r.fields:
        items.append(ctx.l("moderation.records_fields", fields=ctx.join([ctx.labels.get(f"field.{f}") or escape_md(f) for f in r.fields])))
    return [f"## {ctx.l('moderation.records')}", bullets(items)] if items else []


def _yes_no(ctx: Ctx, value: bool | None) -> str:
    return "" if value is None else ctx.l("records.yes" if value else "records.no")


def kept_text(ctx: Ctx, duty: RecordsDuty) -> str:
    """'2 years, then disposed of' / '2 år, gallras sedan'; only what the duty states."""
    if duty.keep_for is None:
        return ctx.l(f"records.then_{duty.then}_only") if duty.then else ""
    kept = ctx.period(duty.keep_for)
    return ctx.l(f"records.kept_then_{duty.then}", period=kept) if duty.then else kept


def _duties_table(ctx: Ctx, duties: list[RecordsDuty]) -> str:
    rows = [
        [
            ctx.l(f"records.content.{d.content}"),
            _yes_no(ctx, d.registered),
            ctx.t(d.where),
            kept_text(ctx, d),
            _yes_no(ctx, d.screenshot),
        ]
        for d in duties
    ]
    headers = ["col.content", "records.col.registered", "records.col.where", "records.col.kept", "records.col.screenshot"]
    return table([ctx.l(h) for h in headers], rows)


def _snapshot_sentence(ctx: Ctx, records: RemovalRecords, channel_link) -> str:
    snapshots = records.snapshots
    assert snapshots is not None
    if snapshots.channels:
        links = [channel_link(ctx, c, "moderation.md") for c in snapshots.channels]
        which = ctx.join([x for x in links if x]) or ctx.l("records.snapshot_listed")
    else:
        which = ctx.l("records.snapshot_every_channel")
    out = ctx.l("records.snapshot_every", channels=which, period=ctx.period(snapshots.every))
    if snapshots.format:
        out += " " + ctx.l("records.snapshot_format", format=escape_md(snapshots.format))
    if snapshots.where:
        out += " " + ctx.l("records.snapshot_where", where=ctx.t(snapshots.where))
    return out


# --- the profile text --------------------------------------------------------------------------------------


def records_notice(ctx: Ctx) -> str | None:
    """The public-records notice in ctx's language (plain text), or None when the strategy has none."""
    m = ctx.strategy.moderation
    if m is None or m.records is None or m.records.notice is None:
        return None
    return ctx.raw(m.records.notice)


# --- the internal accounts page ------------------------------------------------------------------------------


def accounts(ctx: Ctx):
    from socialkit.compile.governance import account_plain, governance_policy_plain
    from socialkit.render.pages import Page, channel_link, visible_channels
    from socialkit.runtime.governance import account_gaps

    path = "accounts.md"
    s = ctx.strategy
    out = [ctx.l("accounts.intro")]
    g = s.governance
    if g is not None:
        out += [f"## {ctx.l('accounts.rules')}", bullets(_rule_items(ctx, g)) or ctx.l("accounts.no_rules")]
    policy = governance_policy_plain(s)
    rows = []
    for channel in visible_channels(ctx):
        account = account_plain(channel)
        gaps = account_gaps(policy, account)
        rows.append(
            [
                channel_link(ctx, channel.id, path),
                ctx.person(account["owner"]),
                ctx.join([ctx.person(p) for p in account["admins"]]),
                ctx.long_date(channel.account.opened) if channel.account and channel.account.opened else "",
                ctx.person(account["approved_by"]),
                _posting(ctx, channel),
                ctx.join([gap_text(ctx, gap) for gap in gaps]) if gaps else (ctx.l("accounts.ok") if policy else ""),
            ]
        )
    headers = ["col.channel", "col.owner", "accounts.col.admins", "accounts.col.opened", "accounts.col.approved_by"]
    headers += ["channel.posting", "accounts.col.gaps"]
    out += [f"## {ctx.l('accounts.table')}", table([ctx.l(h) for h in headers], rows)]
    if g is not None and g.registry is not None:
        out += [f"## {ctx.l('accounts.registry')}", bullets(_registry_items(ctx, g.registry))]
    return Page(path, ctx.l("title.accounts"), "\n\n".join(out), ("governance", "channels"))


def _rule_items(ctx: Ctx, g) -> list[str]:
    items = []
    if g.owner_required:
        items.append(ctx.l("accounts.owner_required"))
    if g.min_admins is not None:
        items.append(ctx.l("accounts.min_admins_one" if g.min_admins == 1 else "accounts.min_admins", count=ctx.number(g.min_admins)))
    if g.required_admins:
        items.append(ctx.l("accounts.required_admins", people=ctx.join([ctx.person(p) for p in g.required_admins])))
    for team in g.admins_from:
        items.append(ctx.l("accounts.admins_from", team=_team(ctx, team)))
    if g.approval_to_open:
        items.append(ctx.l("accounts.approval", people=ctx.join([ctx.person(p) for p in g.approval_to_open], "or")))
    lifecycle = g.lifecycle
    if lifecycle is not None and lifecycle.inactive_after is not None:
        key = f"accounts.inactive_{lifecycle.then}" if lifecycle.then else "accounts.inactive"
        items.append(ctx.l(key, period=ctx.period(lifecycle.inactive_after)))
    if lifecycle is not None and lifecycle.evaluation_starts is not None:
        first, last = evaluation_days(lifecycle.evaluation_starts)
        items.append(ctx.l("accounts.evaluation", start=ctx.month_day(first), end=ctx.month_day(last)))
    return items


def evaluation_days(starts) -> tuple[tuple[int, int], tuple[int, int]]:
    """The yearly evaluation period's first and last day as (month, day): 11-01 -> (11, 1), (10, 31)."""
    from datetime import date, timedelta

    month, day = starts if isinstance(starts, tuple) else (starts.month, starts.day)
    last = date(2023, month, day) - timedelta(days=1)  # a common year: the period's last day exists every year
    return (month, day), (last.month, last.day)


def _team(ctx: Ctx, team_id: str) -> str:
    team = ctx.strategy.index("teams").get(team_id)
    return ctx.t(team.name) if team is not None else escape_md(team_id)


def _posting(ctx: Ctx, channel) -> str:
    if channel.min_posts is None:
        return ""
    key = "channel.posting_rate_one" if channel.min_posts.count == 1 else "channel.posting_rate"
    return ctx.l(key, count=ctx.number(channel.min_posts.count), per=ctx.l(f"per.{channel.min_posts.per}"))


def gap_text(ctx: Ctx, gap: dict) -> str:
    kind = gap["kind"]
    if kind == "too-few-admins":
        return ctx.l("accounts.gap.too-few-admins", have=ctx.number(gap["have"]), need=ctx.number(gap["need"]))
    if kind == "missing-admin":
        return ctx.l("accounts.gap.missing-admin", person=ctx.person(gap["person"]))
    if kind == "no-admin-from":
        return ctx.l("accounts.gap.no-admin-from", team=_team(ctx, gap["team"]))
    return ctx.l(f"accounts.gap.{kind}")


def _registry_items(ctx: Ctx, registry) -> list[str]:
    items = []
    if registry.where:
        items.append(ctx.l("accounts.registry_where", where=ctx.t(registry.where)))
    if registry.fields:
        fields = ctx.join([ctx.labels.get(f"field.{f}") or escape_md(f) for f in registry.fields])
        items.append(ctx.l("accounts.registry_fields", fields=fields))
    return items

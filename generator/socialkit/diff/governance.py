"""`diff` of public-records duties and account governance, in words (people by name, periods as '2 years')."""

from __future__ import annotations

from typing import Any

from socialkit.diff.semantic import Change, Section, _in, _scalar, _set


def _period(value: Any) -> str:
    if value is None:
        return "not stated"
    from socialkit.commands.records import plain_period
    from socialkit.periods import Period

    return plain_period(Period(value.count, value.unit))


def _yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


def records_sections(ctx) -> list[Section]:
    old, new = ctx.old.records, ctx.new.records
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [Section("records", None, "Public records", (Change("records duties " + ("added" if old is None else "removed")),))]
    changes: list[Change] = []
    changes += _scalar("removal records kept for", old.removals.keep_for, new.removals.keep_for, _period, none="not stated")
    changes += _scalar("removals recorded", old.removals.required, new.removals.required, _yes_no, none="not stated")
    for content in sorted(set(old.content) | set(new.content)):
        a, b = old.content.get(content), new.content.get(content)
        if a is None or b is None:
            changes.append(Change("records duty for {} " + ("added" if a is None else "removed"), (content,)))
            continue
        changes += _scalar("{} kept for", a.keep_for, b.keep_for, _period, none="not stated", pre=(content,))
        changes += _scalar("{} registered as a case", a.registered, b.registered, _yes_no, none="not stated", pre=(content,))
        changes += _scalar("{} then", a.then, b.then, none="not stated", pre=(content,))
        changes += _scalar("{} screenshot", a.screenshot, b.screenshot, _yes_no, none="not stated", pre=(content,))
        changes += _scalar("{} kept where", _in(a.where, ctx.lang), _in(b.where, ctx.lang), none="not stated", pre=(content,))
    every = lambda r: r.snapshots.every if r.snapshots else None  # noqa: E731
    changes += _scalar("channels snapshotted every", every(old), every(new), _period, none="never")
    changes += _scalar("public-records notice", _in(old.notice, ctx.lang), _in(new.notice, ctx.lang), none="none")
    return [Section("records", None, "Public records", tuple(changes))]


def governance_sections(ctx) -> list[Section]:
    old, new = ctx.old.governance, ctx.new.governance
    if old is None and new is None:
        return []
    names = {**{k: v.name for k, v in ctx.old.people.items()}, **{k: v.name for k, v in ctx.new.people.items()}}
    person = lambda p: names.get(p, p) if p else "nobody"  # noqa: E731
    changes: list[Change] = []
    a, b = old.policy if old else None, new.policy if new else None
    if (a is None) != (b is None):
        changes.append(Change("account rules " + ("added" if a is None else "removed")))
    elif a is not None and b is not None:
        changes += _scalar("owner required", a.owner_required, b.owner_required, _yes_no)
        changes += _scalar("administrators per account at least", a.min_admins, b.min_admins, none="no minimum")
        changes += _set(
            a.required_admins, b.required_admins, "{} administers every account", "{} no longer administers every account", person
        )
        changes += _set(
            a.admins_from, b.admins_from, "every account has an administrator from team {}", "no administrator from team {} required"
        )
        changes += _set(
            a.approval_to_open, b.approval_to_open, "{} may approve new accounts", "{} may no longer approve new accounts", person
        )
        la, lb = a.lifecycle, b.lifecycle
        changes += _scalar(
            "inactive after no posts for", la.inactive_after if la else None, lb.inactive_after if lb else None, _period, none="never"
        )
        changes += _scalar("inactive accounts are", la.then if la else None, lb.then if lb else None, none="not stated")
        changes += _scalar(
            "evaluation period starts", la.evaluation_starts if la else None, lb.evaluation_starts if lb else None, none="not stated"
        )
    accounts_a, accounts_b = old.accounts if old else {}, new.accounts if new else {}
    for channel in sorted(set(accounts_a) & set(accounts_b)):
        x, y = accounts_a[channel], accounts_b[channel]
        changes += _scalar("{} account owner", x.owner, y.owner, person, none="nobody", pre=(channel,))
        changes += _set(x.admins, y.admins, f"{{}} administers {channel}", f"{{}} no longer administers {channel}", person)
    return [Section("governance", None, "Account governance", tuple(changes))]

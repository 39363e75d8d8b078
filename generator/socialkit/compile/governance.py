"""The policy document's `records` and `governance` parts (model -> plain data), pure.

`records` holds the public-records duties per kind of content, the periodic
snapshots and the notice; `governance` holds the organisation's account rules
(`policy`) and each channel's account (`accounts`: owner, administrators,
minimum posting rate). Periods stay calendar periods (`{"count": 2, "unit":
"year"}`): a month is not a number of seconds.
"""

from __future__ import annotations

from typing import Any

from socialkit.strategy.model import Account, Channel, Governance, RecordsDuty, RemovalRecords, Strategy


def records_document(strategy: Strategy) -> dict[str, Any] | None:
    records = strategy.moderation.records if strategy.moderation else None
    if records is None:
        return None
    return {
        "removals": _removals(records),
        "content": {duty.content: _duty(duty) for duty in records.content},
        "snapshots": _snapshots(records),
        "notice": _text(records.notice),
    }


def _removals(records: RemovalRecords) -> dict[str, Any]:
    return {
        "required": records.required,
        "where": _text(records.where),
        "keep_for": _period(records.keep_for),
        "fields": list(records.fields),
    }


def _duty(duty: RecordsDuty) -> dict[str, Any]:
    return {
        "registered": duty.registered,
        "where": _text(duty.where),
        "keep_for": _period(duty.keep_for),
        "then": duty.then,
        "screenshot": duty.screenshot,
    }


def _snapshots(records: RemovalRecords) -> dict[str, Any] | None:
    snapshots = records.snapshots
    if snapshots is None:
        return None
    return {
        "every": _period(snapshots.every),
        "format": snapshots.format,
        "where": _text(snapshots.where),
        "channels": sorted(snapshots.channels),
    }


def governance_document(strategy: Strategy) -> dict[str, Any]:
    teams = strategy.index("teams")
    return {
        "policy": _policy(strategy.governance, teams),
        "accounts": {channel.id: account_plain(channel) for channel in strategy.channels},
    }


def _policy(governance: Governance | None, teams: dict[str, Any]) -> dict[str, Any] | None:
    if governance is None:
        return None
    lifecycle = governance.lifecycle
    return {
        "owner_required": governance.owner_required,
        "min_admins": governance.min_admins,
        "required_admins": sorted(set(governance.required_admins)),
        "admins_from": {team: sorted(set(teams[team].members)) if team in teams else [] for team in sorted(set(governance.admins_from))},
        "approval_to_open": sorted(set(governance.approval_to_open)),
        "registry": (
            {"where": _text(governance.registry.where), "fields": list(governance.registry.fields)} if governance.registry else None
        ),
        "lifecycle": (
            {
                "inactive_after": _period(lifecycle.inactive_after),
                "then": lifecycle.then,
                "evaluation_starts": _month_day(lifecycle.evaluation_starts),
            }
            if lifecycle
            else None
        ),
    }


def account_plain(channel: Channel) -> dict[str, Any]:
    """A channel's account as the document holds it (also what the rules check, through the runtime's function)."""
    account: Account | None = channel.account
    return {
        "owner": account.owner if account else None,
        "admins": sorted(set(account.admins)) if account else [],
        "opened": account.opened.isoformat() if account and account.opened else None,
        "approved_by": account.approved_by if account else None,
        "min_posts": {"count": channel.min_posts.count, "per": channel.min_posts.per} if channel.min_posts else None,
    }


def governance_policy_plain(strategy: Strategy) -> dict[str, Any] | None:
    return _policy(strategy.governance, strategy.index("teams"))


def _period(period: Any) -> dict[str, Any] | None:
    return None if period is None else period.to_plain()


def _month_day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return f"{value[0]:02d}-{value[1]:02d}"
    return f"{value.month:02d}-{value.day:02d}"


def _text(text: str | dict[str, str] | None) -> dict[str, str] | str | None:
    return dict(sorted(text.items())) if isinstance(text, dict) else text

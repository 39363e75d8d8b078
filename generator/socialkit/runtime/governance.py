"""Answers about public-records duties and account governance, from a policy document (pure).

The reference the Rego (export/rego/governance.rego) is tested against, and
what the rules (checks/rules/governance.py), the playbook and the audit use:

- `records_duty(document, content)`: what the policy says about keeping one
  kind of content (registered as a case, where, how long, then what,
  screenshot), plus the periodic snapshots and the public notice;
- `account_status(document, channel)`: the channel's owner and
  administrators against the account rules, with every gap;
- `inactivity(document, channel, last_post_at, at)`: whether the account has
  been without posts for the lifecycle's threshold, counted in calendar
  units on local dates of the organisation's time zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from socialkit.periods import add_period, period_from_plain
from socialkit.runtime.types import PolicyError

RECORD_CONTENT = ("post", "comment", "reply", "direct-message", "mention", "review", "story", "live-video", "removed-content")
GAP_KINDS = ("no-owner", "too-few-admins", "missing-admin", "no-admin-from")


def records_duty(document: dict[str, Any], content: str) -> dict[str, Any]:
    """The duty for `content`: {'content', 'stated', 'registered', 'where', 'keep_for', 'then', 'screenshot'}.

    `stated` is false when the policy says nothing about that kind (every other value is then null).
    PolicyError for a kind the format does not know.
    """
    if content not in RECORD_CONTENT:
        raise PolicyError(f"unknown kind of content '{str(content)[:60]}'; known: {', '.join(RECORD_CONTENT)}")
    records = document.get("records") or {}
    duty = (records.get("content") or {}).get(content)
    keys = ("registered", "where", "keep_for", "then", "screenshot")
    return {"content": content, "stated": duty is not None, **{key: (duty or {}).get(key) for key in keys}}


def _governance(document: dict[str, Any]) -> dict[str, Any]:
    return document.get("governance") or {"policy": None, "accounts": {}}


def _account(document: dict[str, Any], channel_id: str) -> dict[str, Any]:
    accounts = _governance(document)["accounts"]
    if channel_id not in document["channels"]:
        from socialkit.runtime.policy import _shown, _suggest

        raise PolicyError(f"unknown channel '{_shown(channel_id)}'{_suggest(channel_id, document['channels'])}")
    return accounts.get(channel_id) or {"owner": None, "admins": [], "opened": None, "approved_by": None, "min_posts": None}


def account_gaps(policy: dict[str, Any] | None, account: dict[str, Any]) -> list[dict[str, Any]]:
    """Every way `account` falls short of the account rules `policy`, in a fixed order."""
    if policy is None:
        return []
    gaps: list[dict[str, Any]] = []
    admins = set(account["admins"])
    if policy["owner_required"] and account["owner"] is None:
        gaps.append({"kind": "no-owner"})
    need = policy["min_admins"]
    if need is not None and len(admins) < need:
        gaps.append({"kind": "too-few-admins", "have": len(admins), "need": need})
    for person in policy["required_admins"]:
        if person not in admins:
            gaps.append({"kind": "missing-admin", "person": person})
    for team, members in policy["admins_from"].items():
        if not admins & set(members):
            gaps.append({"kind": "no-admin-from", "team": team})
    return gaps


def account_status(document: dict[str, Any], channel_id: str) -> dict[str, Any]:
    """The channel's account and its gaps: {'channel', 'owner', 'admins', 'gaps', 'ok'}."""
    account = _account(document, channel_id)
    gaps = account_gaps(_governance(document)["policy"], account)
    return {"channel": channel_id, "owner": account["owner"], "admins": list(account["admins"]), "gaps": gaps, "ok": not gaps}


def inactivity_threshold(document: dict[str, Any]) -> dict[str, Any] | None:
    policy = _governance(document)["policy"]
    lifecycle = (policy or {}).get("lifecycle") or {}
    return lifecycle.get("inactive_after")


def local_date(document: dict[str, Any], t: int) -> date:
    from socialkit.engine.localtime import zone

    return datetime.fromtimestamp(t, UTC).astimezone(zone(document["organization"]["timezone"])).date()


def inactivity(document: dict[str, Any], channel_id: str, last_post_at: int, at: int) -> dict[str, Any]:
    """Whether the account is inactive at `at` when it last posted at `last_post_at` (epoch seconds).

    {'channel', 'threshold', 'inactive_from' (local date, ISO), 'inactive', 'then'}; with no threshold in
    the policy, 'inactive' and 'inactive_from' are null. Inactive from the local date `threshold` after the
    last post's local date (31 Aug + 6 months = 28 Feb).
    """
    _account(document, channel_id)
    threshold = inactivity_threshold(document)
    policy = _governance(document)["policy"] or {}
    then = (policy.get("lifecycle") or {}).get("then")
    if threshold is None:
        return {"channel": channel_id, "threshold": None, "inactive_from": None, "inactive": None, "then": then}
    due = add_period(local_date(document, last_post_at), period_from_plain(threshold))
    inactive = local_date(document, at) >= due
    return {"channel": channel_id, "threshold": threshold, "inactive_from": due.isoformat(), "inactive": inactive, "then": then}


def evaluation_period(document: dict[str, Any], day: date) -> tuple[date, date] | None:
    """The yearly evaluation period (first day, last day) that holds `day`; None when the policy sets none."""
    from datetime import timedelta

    policy = _governance(document)["policy"] or {}
    starts = (policy.get("lifecycle") or {}).get("evaluation_starts")
    if starts is None:
        return None
    month, first = int(starts[:2]), int(starts[3:])
    start = date(day.year, month, first)
    if start > day:
        start = date(day.year - 1, month, first)
    return start, date(start.year + 1, month, first) - timedelta(days=1)

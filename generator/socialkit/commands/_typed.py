"""The policy commands as people type them: ids given positionally, local times, answers that say why.

Shared by `open`, `on-duty` and `evaluate` (a module whose name starts with '_' is not a command).
"""

from __future__ import annotations

import sys
from datetime import datetime


def positional_or_flag(parser, positional: str | None, flag: str | None, what: str) -> str | None:
    """The id from `socialkit open facebook` or `--channel facebook`; None (usage error said) when missing or both differ."""
    problem = None
    if positional and flag and positional != flag:
        problem = f"{what} given twice ('{positional}' and --{what} {flag}); give it once"
    elif not (positional or flag):
        problem = f"give the {what}, e.g. 'socialkit {parser.prog.split()[-1]} {_example(what)}'"
    if problem:
        print(f"{parser.prog}: error: {problem} (see '{parser.prog} --help')", file=sys.stderr)
        return None
    return positional or flag


def _example(what: str) -> str:
    return {"channel": "facebook", "team": "social"}.get(what, what)


def local_instant(text: str | None, zone_name: str, flag: str) -> int:
    """--at/--received: RFC 3339 with an offset, or a local time read in the organisation's zone (said on stderr)."""
    from socialkit.commands import instant
    from socialkit.engine.localtime import wall_to_utc
    from socialkit.runtime.policy import PolicyError, rfc3339

    try:
        return instant(text)
    except PolicyError:
        wall = _naive(text)
        if wall is None:
            raise
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name)
    t = wall_to_utc(zone, wall)
    print(f"socialkit: {flag} {text} has no UTC offset; read as {zone_name} time, {rfc3339(t, zone)}", file=sys.stderr)
    return t


def _naive(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else None


def clock_text(policy, decision, crisis: bool) -> str:
    """Which clock the deadlines were counted on, and what chose it: an escalation rule or the channel's SLA."""
    if decision.clock is None:
        return "-"
    document = policy.document
    rule = next((r for r in _rules(document) if decision.escalation and r.get("id") == decision.escalation.get("rule")), None)
    if rule and (rule.get("respond_within") or rule.get("acknowledge_within")):
        source = f"escalation rule {rule['id']}"
    else:
        channel = document["channels"].get(decision.channel, {})
        sla = channel.get("crisis_sla") if crisis and channel.get("crisis_sla") else channel.get("sla")
        source = f"SLA {sla}" if sla else "the channel"
    days = _working_days(policy, decision, crisis, rule)
    if days is not None:
        schedule = policy.channel_schedule(decision.channel, crisis)
        plural = "" if days == 1 else "s"
        return f"working days of {schedule}: due at the close of the {_ordinal(days)} working day after the day of arrival ({days} working day{plural}, {source})"
    if decision.clock == "business":
        schedule = policy.channel_schedule(decision.channel, crisis)
        return f"business: only the open hours of {schedule} count ({source})"
    return f"calendar: every hour counts ({source})"


def _working_days(policy, decision, crisis: bool, rule: dict | None) -> int | None:
    """The main target's working days, when it is counted in working days."""
    plan = policy._plan_for(decision.channel, decision.category, crisis, rule)
    kind = "respond" if plan.respond else "acknowledge"
    timing = getattr(plan, kind)
    if timing and "windows" in timing:  # by arrival: the window that applied
        applied = (decision.arrival_window or {}).get(kind)
        timing = next((w for w in timing["windows"] if applied is not None and (w["during"] or "otherwise") == applied), None)
    within = timing["within"] if timing else None
    return within["working_days"] if isinstance(within, dict) else None


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _rules(document: dict) -> list[dict]:
    rules = document.get("escalation") or []
    return list(rules.values()) if isinstance(rules, dict) else list(rules)


def next_on_duty(policy, team: str, t: int) -> tuple[int, tuple[str, ...]] | None:
    """The next span of the team's rota after `t` in which someone is on duty; None if none in the horizon."""
    rota = policy.covering(t).document["teams"][team]["rota"]
    for start, _end, people in rota["spans"] if rota else ():
        if start > t and people:
            return start, tuple(people)
    return None


def people_text(policy, people) -> str:
    names = policy.document["people"]
    return ", ".join(f"{names.get(p, {}).get('name', p)} ({p})" for p in people)


def takes_no_questions(policy, channel: str) -> str | None:
    """Why a channel gets no deadlines: it is not a customer-service channel (it may redirect)."""
    data = policy.document["channels"].get(channel)
    if data is None or data.get("customer_service"):
        return None
    redirect = data.get("redirect") or {}
    target = redirect.get("channel") or redirect.get("url")
    where = f"; it sends questions to {target}" if target else ""
    return f"{channel} takes no customer questions (customer_service: false){where}"

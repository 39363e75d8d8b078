"""Compile the strategy into the policy document (`socialkit.policy/v1`): pure.

Everything is resolved and normalised so a consumer in any language needs only
integer comparisons: durations in seconds, references resolved, schedules both
as their weekly local definition and as UTC open windows with cumulative open
seconds, rotas as UTC on-duty spans, keywords as lower-case word tokens.
The same document drives the Python API, the OPA bundle and every export, so
they cannot disagree.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from socialkit import POLICY_FORMAT, __version__  # noqa: F401  (POLICY_FORMAT re-exported)
from socialkit.compile.moderation import compile_moderation
from socialkit.strategy.model import (
    MESSAGE_KINDS,
    OTHERWISE,
    ArrivalWindow,
    Category,
    Channel,
    EscalationRule,
    Redirect,
    Sla,
    Strategy,
    Timing,
)
from socialkit.strategy.scalars import WorkingDays, parse_days, parse_interval

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (Unicode letters and digits): how keywords match text."""
    return _TOKEN.findall(text.lower())


def compile_policy(strategy: Strategy, *, as_of: date, horizon_days: int = 400, fingerprint: str = "") -> dict[str, Any]:
    from socialkit.compile.governance import governance_document, records_document
    from socialkit.compile.timespec import rota_spec, schedule_spec
    from socialkit.engine import compile_rota, compile_schedule
    from socialkit.engine.rota import rota_spec_to_plain
    from socialkit.engine.windows import spec_to_plain

    specs = {s.id: schedule_spec(strategy, s) for s in strategy.schedules}
    schedules = {key: compile_schedule(spec, as_of, horizon_days) for key, spec in specs.items()}
    any_schedule = next(iter(schedules.values()), None)
    rotas, rota_specs = {}, {}
    for team in strategy.teams:
        spec = rota_spec(strategy, team)
        if spec is not None:
            rota_specs[team.id] = spec
            rotas[team.id] = compile_rota(spec, as_of, horizon_days)
    org = strategy.organization
    return {
        "format": POLICY_FORMAT,
        "provenance": {
            "strategy_sha256": fingerprint,
            "as_of": as_of.isoformat(),
            "horizon_days": horizon_days,
            "horizon_start": any_schedule.horizon_start if any_schedule else None,
            "horizon_end": any_schedule.horizon_end if any_schedule else None,
            "kit_version": __version__,
        },
        "organization": {
            "name": org.name,
            "timezone": org.timezone,
            "languages": list(org.languages),
            "website": org.website,
        },
        "categories": {c.id: _category(c) for c in strategy.categories},
        "message_kinds": list(MESSAGE_KINDS),
        "slas": {s.id: _sla(s, strategy.categories) for s in strategy.slas},
        "schedules": {
            s.id: {
                "timezone": schedules[s.id].timezone,
                "holidays": s.holidays,
                "weekly": weekly_definition(s.weekly),
                "compiled": schedules[s.id].to_plain(),
                "rules": spec_to_plain(specs[s.id]),
            }
            for s in strategy.schedules
        },
        "teams": {
            t.id: {
                "members": list(t.members),
                "lead": t.lead,
                "rota": rotas[t.id].to_plain() if t.id in rotas else None,
                "rota_rules": rota_spec_to_plain(rota_specs[t.id]) if t.id in rota_specs else None,
            }
            for t in strategy.teams
        },
        "people": {p.id: {"name": p.name} for p in strategy.people},
        "channels": {c.id: _channel(c, strategy) for c in strategy.channels},
        "escalation": [_rule(r) for r in strategy.escalation],
        "crisis": ({"schedule": strategy.crisis.schedule, "sla": strategy.crisis.sla} if strategy.crisis else None),
        "records": records_document(strategy),
        "governance": governance_document(strategy),
        "moderation": compile_moderation(strategy),
        "blackouts": blackouts(strategy),
    }


def weekly_definition(weekly: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    """{'mon-fri': ['08:00-17:00']} -> {'mon': [['08:00', '17:00']], ...}, every weekday present."""
    days: dict[str, list[tuple[int, int]]] = {day: [] for day in WEEKDAYS}
    for spec, intervals in weekly.items():
        for weekday in parse_days(spec) or ():
            days[WEEKDAYS[weekday]].extend(parse_interval(i) for i in intervals)
    return {day: [[_clock(a), _clock(b)] for a, b in sorted(set(spans))] for day, spans in days.items()}


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _timing(timing: Timing | list[ArrivalWindow] | None, clock: str) -> dict[str, Any] | None:
    if timing is None:
        return None
    if isinstance(timing, list):
        return {"windows": [_window(window, clock) for window in timing]}
    return {"within": within_value(timing.within), "if_received_closed": timing.if_received_closed}


def within_value(within: int | WorkingDays) -> int | dict[str, int]:
    """A target's `within` in the document: seconds, or {"working_days": n} (how it was worded stays in the strategy)."""
    return {"working_days": within.count} if isinstance(within, WorkingDays) else within


def _window(window: ArrivalWindow, clock: str) -> dict[str, Any]:
    """One arrival window: its schedule (None for 'otherwise'), its timing (compiled as any other) and its
    clock (default the SLA's)."""
    return {
        "during": None if window.during == OTHERWISE else window.during,
        **(_timing(window, clock) or {}),
        "clock": window.clock or clock,
    }


def _category(category: Category) -> dict[str, Any]:
    return {
        "name": _text(category.name),
        "sentiment": category.sentiment,
        "reply_style": category.reply_style,
        "written_reply": category.written_reply,
    }


def _sla(sla: Sla, categories: list[Category]) -> dict[str, Any]:
    targets = {
        key: {
            "acknowledge": _timing(t.acknowledge, sla.clock),
            "respond": _timing(t.respond, sla.clock),
            "promise": t.promise or "deadline",
        }
        for key, t in sla.targets.items()
    }
    for category in categories:
        if not category.written_reply:
            targets.update(_reaction_only(category.id, targets))
    return {"clock": sla.clock, "targets": dict(sorted(targets.items()))}


def _reaction_only(category_id: str, targets: dict[str, Any]) -> dict[str, Any]:
    """`written_reply: false`: a reaction is enough, so no respond deadline; the acknowledgement is
    due when the category's (or the default) target says, or when the reply would have been."""
    target = targets.get(category_id) or targets.get("default")
    if target is None or target["respond"] is None:
        return {}
    return {category_id: {"acknowledge": target["acknowledge"] or target["respond"], "respond": None, "promise": "deadline"}}


def _channel(channel: Channel, strategy: Strategy) -> dict[str, Any]:
    crisis = strategy.crisis
    # A channel that says it promises no reply time keeps that promise in crisis mode too, unless it names its own crisis SLA.
    inherits_crisis_sla = channel.promise in (None, "deadline")
    return {
        "name": channel.name,
        "platform": channel.platform,
        "url": channel.url,
        "customer_service": channel.customer_service,
        "team": channel.team,
        "schedule": channel.schedule,
        "publishing": channel.publishing,
        "sla": channel.sla,
        "crisis_schedule": channel.crisis_schedule or (crisis.schedule if crisis else None),
        "crisis_sla": channel.crisis_sla or (crisis.sla if crisis and inherits_crisis_sla else None),
        "promise": channel.effective_promise,
        "update_if_longer": _update(channel),
        "check_every": channel.check_every,
        "check_times": sorted(channel.check_times),
        "checks": channel.checks.model_dump() if channel.checks else None,
        "outreach": channel.outreach,
        "internal": channel.internal,
        "redirect": _redirect(channel.redirect),
        "kinds": {
            kind: {"promise": handling.promise, "redirect": _redirect(handling.redirect), "sla": handling.sla}
            for kind, handling in sorted(channel.kinds.items())
        },
    }


def _update(channel: Channel) -> dict[str, Any] | None:
    """ "We tell you if it takes longer": {after (seconds or null), clock}, or None without that obligation."""
    update = channel.update_if_longer
    return None if update is None else {"after": update.after, "clock": update.clock}


def _redirect(redirect: Redirect | None) -> dict[str, Any] | None:
    return {"text": _text(redirect.text), "url": redirect.url, "channel": redirect.channel} if redirect else None


def _rule(rule: EscalationRule) -> dict[str, Any]:
    when = rule.when
    return {
        "id": rule.id,
        "when": {
            "categories": sorted(when.categories),
            "channels": sorted(when.channels),
            "keywords": [tokens(k) for k in when.keywords if tokens(k)],
            "author_types": sorted(when.author_types),
            "kinds": sorted(when.kinds),
            "min_followers": when.min_followers,
            "max_followers": when.max_followers,
            "during": when.during,
            "outside": when.outside,
            "crisis": when.crisis,
        },
        "priority": rule.priority,
        "route_to": rule.route_to,
        "notify": list(rule.notify),
        "acknowledge_within": rule.acknowledge_within,
        "respond_within": rule.respond_within,
        "clock": rule.clock,
        "reply_style": rule.reply_style,
    }


def blackouts(strategy: Strategy) -> list[dict[str, Any]]:
    """The blackouts in the order written, as UTC instants (their local times are in the organisation's zone)."""
    from socialkit.engine.localtime import wall_to_utc, zone

    moderation = strategy.moderation
    if moderation is None:
        return []
    tz = zone(strategy.organization.timezone)
    return [
        {
            "start": wall_to_utc(tz, b.start),
            "end": wall_to_utc(tz, b.end),
            "reason": _text(b.reason),
            "channels": sorted(b.channels),
            "stops": sorted(b.stops, key=("publishing", "comments").index),
            "internal": b.internal,
        }
        for b in moderation.blackouts
    ]


def _text(text: str | dict[str, str] | None) -> dict[str, str] | str | None:
    return dict(sorted(text.items())) if isinstance(text, dict) else text

"""Compile `moderation` into the policy document: per reason, what is done where, after which steps, approved by whom.

Everything a decision needs is resolved here, so the Python API and the Rego only look values up:
the old simple lists (`never_remove`, `hide`, `remove`) become reason rules after the written ones,
the steps and approvals of every action a rule can lead to are listed per action, the ladder's
reasons are spelled out, and each channel carries its platform's capabilities (platforms.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from socialkit.platforms import capabilities
from socialkit.strategy.model import ApprovalRule, Moderation, ModerationReason, StepRule, Strategy

SILENCING = ("hide", "delete", "block")  # actions that remove protected content or its author; never for never_remove
REMOVALS = ("hide", "delete")  # what `records.required` records


def compile_moderation(strategy: Strategy) -> dict[str, Any] | None:
    moderation = strategy.moderation
    if moderation is None:
        return None
    protected: set[str] = set(moderation.never_remove)
    rules = reason_rules(moderation)
    ladder_reasons = _ladder_reasons(moderation, rules)
    ladder = moderation.repeat_offenders
    return {
        "never_remove": sorted(moderation.never_remove),
        "hide": sorted(moderation.hide),
        "remove": sorted(moderation.remove),
        "record_removals": _records_required(moderation),
        "languages": list(moderation.languages),
        "reasons": [_reason(moderation, rule, protected, ladder_reasons) for rule in rules],
        "ladder": (
            {
                "within": ladder.within,
                "reasons": sorted(ladder_reasons),
                "steps": [{"violation": s.violation, "action": s.action, "duration": s.duration} for s in ladder.ladder],
            }
            if ladder
            else None
        ),
        "capabilities": {c.id: capabilities(c.platform) for c in strategy.channels},
    }


def reason_rules(moderation: Moderation) -> list[ModerationReason]:
    """The written reason rules, then one per kind of the simple lists that no written rule names."""
    named = {rule.reason for rule in moderation.reasons}
    derived = [
        ModerationReason.model_validate({"reason": kind, "actions": [action]})
        for kinds, action in ((moderation.never_remove, "keep"), (moderation.hide, "hide"), (moderation.remove, "delete"))
        for kind in kinds
        if kind not in named
    ]
    return [*moderation.reasons, *derived]


def _records_required(moderation: Moderation) -> bool:
    return bool(moderation.records and moderation.records.required)


def _ladder_reasons(moderation: Moderation, rules: list[ModerationReason]) -> set[str]:
    ladder = moderation.repeat_offenders
    if ladder is None:
        return set()
    protected: set[str] = set(moderation.never_remove)
    named: set[str] = set(ladder.reasons) if ladder.reasons else {rule.reason for rule in rules}
    return named - protected


def _reason(moderation: Moderation, rule: ModerationReason, protected: set[str], ladder_reasons: set[str]) -> dict[str, Any]:
    is_protected = rule.reason in protected
    allowed = (lambda a: a not in SILENCING) if is_protected else (lambda a: True)
    actions = [a for a in rule.actions if allowed(a)] or ["keep"]
    also = [a for a in rule.also if allowed(a)]
    on_ladder = rule.reason in ladder_reasons
    ladder_actions = [s.action for s in moderation.repeat_offenders.ladder] if on_ladder and moderation.repeat_offenders else []
    possible = _unique([*actions, *also, *ladder_actions])
    step_rules = [*moderation.steps, *rule.steps]
    return {
        "reason": rule.reason,
        "channels": sorted(rule.channels),
        "protected": is_protected,
        "actions": actions,
        "also": also,
        "ladder": on_ladder,
        "before": {a: before for a in possible if (before := _before(a, step_rules, _records_required(moderation)))},
        "approval": {a: people for a in possible if (people := _approvers(a, moderation.approvals, rule.approvals))},
    }


def _before(action: str, rules: list[StepRule], record_removals: bool) -> dict[str, list[str]] | None:
    steps: list[str] = [step for rule in rules if action in rule.before for step in rule.do]
    if record_removals and action in REMOVALS:
        steps.append("record-in-log")
    notify = [person for rule in rules if action in rule.before for person in rule.notify]
    if not steps and not notify:
        return None
    return {"steps": _unique(steps), "notify": _unique(notify)}


def _approvers(action: str, general: list[ApprovalRule], own: list[ApprovalRule]) -> list[str]:
    """Who may approve `action`: the reason's own rules for it replace the moderation-wide ones."""
    rules = [r for r in own if action in r.actions] or [r for r in general if action in r.actions]
    return _unique([person for r in rules for person in r.by])


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))

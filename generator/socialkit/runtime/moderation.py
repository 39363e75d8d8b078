"""The moderation question: for a channel, a reason and the author's earlier violations, which actions
are allowed, which steps come first and who must approve. Reads only the policy document.

    >>> policy.moderate("facebook", "spam", prior_violations=2).actions
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from socialkit.runtime.types import PolicyError, _shown

NEEDS_NO_PLATFORM = ("keep", "warn", "report-to-police")


@dataclass(frozen=True)
class LadderStep:
    violation: int  # the violation this is (prior violations + 1)
    action: str
    duration: int | None  # seconds a block lasts; None: until lifted


@dataclass(frozen=True)
class ModerationDecision:
    channel: str
    reason: str
    prior_violations: int
    protected: bool  # the reason is never removed: the only action is keep
    actions: tuple[str, ...]  # allowed, in order: the preferred action the platform supports, the further ones, the ladder's
    unavailable: tuple[str, ...]  # preferred actions passed over because the platform cannot take them
    steps: dict[str, tuple[str, ...]] = field(default_factory=dict)  # action -> steps required first
    notify: dict[str, tuple[str, ...]] = field(default_factory=dict)  # action -> people told first
    approval: dict[str, tuple[str, ...]] = field(default_factory=dict)  # action -> who may approve it (any one)
    ladder: LadderStep | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "reason": self.reason,
            "prior_violations": self.prior_violations,
            "protected": self.protected,
            "actions": list(self.actions),
            "unavailable": list(self.unavailable),
            "steps": {a: list(s) for a, s in self.steps.items()},
            "notify": {a: list(p) for a, p in self.notify.items()},
            "approval": {a: list(p) for a, p in self.approval.items()},
            "ladder": None
            if self.ladder is None
            else {"violation": self.ladder.violation, "action": self.ladder.action, "duration": self.ladder.duration},
        }


def moderate(document: dict[str, Any], channel: str, reason: str, prior_violations: int = 0) -> ModerationDecision:
    """The decision; PolicyError for an unknown channel, a reason without a rule or a bad count."""
    if type(prior_violations) is not int or prior_violations < 0:
        raise PolicyError(f"prior_violations must be a whole number of 0 or more, not {prior_violations!r}")
    moderation = document.get("moderation")
    if channel not in document["channels"]:
        raise PolicyError(f"unknown channel '{_shown(channel)}'")
    if moderation is None:
        raise PolicyError("the policy has no moderation section; add 'moderation' to the strategy")
    rule = matching_rule(moderation, channel, reason)
    if rule is None:
        known = sorted({r["reason"] for r in moderation.get("reasons", [])})
        raise PolicyError(f"no moderation rule for '{_shown(reason)}' on {channel}; rules exist for: {', '.join(known) or 'nothing'}")
    capabilities = moderation.get("capabilities", {}).get(channel, {})
    possible = [a for a in rule["actions"] if can(capabilities, a)]
    chosen = possible[:1]
    passed_over = rule["actions"][: rule["actions"].index(chosen[0])] if chosen else list(rule["actions"])
    also = [a for a in rule["also"] if can(capabilities, a)]
    step = ladder_step(moderation.get("ladder"), prior_violations + 1) if rule["ladder"] else None
    from_ladder = [step.action] if step is not None and can(capabilities, step.action) else []
    if step is not None and not from_ladder:
        passed_over.append(step.action)
    actions = tuple(dict.fromkeys([*chosen, *also, *from_ladder]))
    before = rule["before"]
    return ModerationDecision(
        channel=channel,
        reason=reason,
        prior_violations=prior_violations,
        protected=rule["protected"],
        actions=actions,
        unavailable=tuple(dict.fromkeys(passed_over)),
        steps={a: tuple(before[a]["steps"]) for a in actions if a in before and before[a]["steps"]},
        notify={a: tuple(before[a]["notify"]) for a in actions if a in before and before[a]["notify"]},
        approval={a: tuple(rule["approval"][a]) for a in actions if a in rule["approval"]},
        ladder=step,
    )


def matching_rule(moderation: dict[str, Any], channel: str, reason: str) -> dict[str, Any] | None:
    """The first rule for `reason` that names `channel` or no channel."""
    return next(
        (r for r in moderation.get("reasons", []) if r["reason"] == reason and (not r["channels"] or channel in r["channels"])), None
    )


def can(capabilities: dict[str, bool | None], action: str) -> bool:
    """Unknown capabilities count as possible; keep, warn and report-to-police need nothing from the platform."""
    return action in NEEDS_NO_PLATFORM or capabilities.get(action) is not False


def ladder_step(ladder: dict[str, Any] | None, violation: int) -> LadderStep | None:
    """The ladder's step for this violation: the last step whose number it has reached."""
    if ladder is None:
        return None
    reached = [s for s in ladder["steps"] if s["violation"] <= violation]
    if not reached:
        return None
    last = reached[-1]
    return LadderStep(violation, last["action"], last["duration"])

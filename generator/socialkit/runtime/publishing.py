"""May we publish on a channel at an instant? Publishing hours and blackouts, from the policy document.

A channel's publishing hours are the optional schedule `publishing` beside its
answering schedule; without one the policy makes no promise about publishing
hours, and only blackouts can stop a post. A blackout (`blackouts` in the
document, written under `moderation.blackouts`) stops publishing, turns
comments off, or both, on the channels it lists (all when it lists none).

This is the reference the OPA bundle's `data.socialkit.publish` is tested
against (tests/opa): it walks forward one blackout or one opening at a time,
where the bundle looks the answer up in precomputed windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.engine.deadlines import NO_TIME, is_open_many, next_open_many
from socialkit.runtime.types import rfc3339

if TYPE_CHECKING:
    from socialkit.runtime.policy import Policy

# Why the answer is what it is.
WITHIN_HOURS = "publishing-hours"  # allowed: inside the channel's publishing hours, no blackout
NO_HOURS = "no-publishing-hours"  # allowed: the policy sets no publishing hours for the channel, no blackout
OUTSIDE_HOURS = "outside-publishing-hours"  # not allowed: the publishing hours are closed
BLACKOUT = "blackout"  # not allowed: a blackout that stops publishing is in force
REASONS = (WITHIN_HOURS, NO_HOURS, OUTSIDE_HOURS, BLACKOUT)


@dataclass(frozen=True, slots=True)
class PublishDecision:
    channel: str
    at: int  # UTC epoch seconds
    timezone: str  # the zone times are shown in: the publishing schedule's, else the organisation's
    allowed: bool
    reason: str  # one of REASONS
    schedule: str | None  # the publishing schedule; None: the policy sets no publishing hours
    comments_off: bool  # a blackout in force turns comments off on the channel
    blackouts: tuple[dict[str, Any], ...]  # the blackouts in force for the channel, in the order written
    next_allowed_at: int | None  # when not allowed: the first instant publishing is allowed (None: not within the horizon)

    def to_json(self) -> dict[str, Any]:
        """RFC 3339 times in `timezone`, as `socialkit may-publish --format json` prints."""
        zone = ZoneInfo(self.timezone)
        stamp = lambda t: None if t is None else rfc3339(t, zone)  # noqa: E731
        return {
            "channel": self.channel,
            "at": stamp(self.at),
            "allowed": self.allowed,
            "reason": self.reason,
            "publishing_schedule": self.schedule,
            "comments_off": self.comments_off,
            "blackouts": [
                {"start": stamp(b["start"]), "end": stamp(b["end"]), "reason": b["reason"], "stops": list(b["stops"])}
                for b in self.blackouts
            ],
            "next_allowed_at": stamp(self.next_allowed_at),
        }


def applies_to(blackout: dict[str, Any], channel_id: str) -> bool:
    return not blackout["channels"] or channel_id in blackout["channels"]


def blackouts_in_force(document: dict[str, Any], channel_id: str, t: int) -> list[dict[str, Any]]:
    return [b for b in document.get("blackouts", []) if applies_to(b, channel_id) and b["start"] <= t < b["end"]]


def may_publish(policy: Policy, channel_id: str, t: int) -> PublishDecision:
    """The answer for one channel at instant t; PolicyError for an unknown channel or an instant it cannot answer for."""
    channel = policy.channel(channel_id)
    schedule = channel.get("publishing")
    covering = policy.covering(t)  # raises outside what the policy answers for
    in_force = blackouts_in_force(policy.document, channel_id, t)
    blocked = any("publishing" in b["stops"] for b in in_force)
    open_ = schedule is None or bool(is_open_many(covering.schedule(schedule), np.array([t]))[0])
    if blocked:
        reason = BLACKOUT
    elif not open_:
        reason = OUTSIDE_HOURS
    else:
        reason = NO_HOURS if schedule is None else WITHIN_HOURS
    allowed = reason in (WITHIN_HOURS, NO_HOURS)
    zone = policy.document["schedules"][schedule]["timezone"] if schedule else policy.document["organization"]["timezone"]
    return PublishDecision(
        channel=channel_id,
        at=t,
        timezone=zone,
        allowed=allowed,
        reason=reason,
        schedule=schedule,
        comments_off=any("comments" in b["stops"] for b in in_force),
        blackouts=tuple(in_force),
        next_allowed_at=None if allowed else next_allowed(policy, channel_id, schedule, t),
    )


def next_allowed(policy: Policy, channel_id: str, schedule: str | None, t: int) -> int | None:
    """The first instant at or after t that no publishing blackout covers and the publishing hours are open.

    Each step passes one run of blackouts or moves to the next opening, and the instant only grows,
    so no blackout is passed twice: at most two steps per blackout, and one more.
    """
    stopping = [b for b in policy.document.get("blackouts", []) if applies_to(b, channel_id) and "publishing" in b["stops"]]
    candidate, last = t, policy.answerable[1]
    for _ in range(2 * len(stopping) + 2):
        ends = [b["end"] for b in stopping if b["start"] <= candidate < b["end"]]
        if ends:
            candidate = max(ends)
            continue
        if schedule is None:
            return candidate
        if candidate >= last:  # a blackout runs past what the policy answers for: its hours then are unknown
            return None
            return candidate
        opening = _next_opening(policy, schedule, candidate)
        if opening is None or opening == candidate:
            return opening
        candidate = opening
    raise AssertionError("next_allowed did not settle")  # pragma: no cover  (bounded above)


def _next_opening(policy: Policy, schedule: str, t: int) -> int | None:
    """t when the schedule is open at t, else its next opening; compiled further from the rules when needed."""
    covering = policy.covering(t)
    found = next_open_many(covering.schedule(schedule), np.array([t]))
    while found[0] == NO_TIME and (further := policy._further(covering)) is not None:
        covering = further
        found = next_open_many(covering.schedule(schedule), np.array([t]))
    return None if found[0] == NO_TIME else int(found[0])

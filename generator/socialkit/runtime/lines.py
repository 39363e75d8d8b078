"""The JSON-lines writer: one batch's decisions as JSON lines, formatted per time zone in bulk.

Every answer of a batch is a column; texts are built once per shape of answer (channel, category, plan,
escalation, duty) and glued to the per-event times, so a million decisions cost a few seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from socialkit.runtime.types import NO_TIME, EventBatch

if TYPE_CHECKING:  # annotations only: the Policy imports this module
    from socialkit.runtime.policy import Policy, _Plan


class _Columns:
    """One batch's answers as columns, formatted per zone in bulk."""

    def __init__(self, batch: EventBatch, plans: list[_Plan], policy: Policy) -> None:
        self.batch, self.plans, self.policy = batch, plans, policy
        self.open = self.next_open = self.closes = self.acknowledge = self.respond = self.update = np.zeros(0, dtype=np.int64)
        self.escalations: list[dict | None] = []
        self.teams: list[str | None] = []
        self.on_duty: list[tuple[str, ...]] = []
        self.zones: list[str] = []
        self.zone_index: dict[str, np.ndarray] = {}  # zone -> indexes of its events, in order
        self._formatted: dict[tuple[str, str], list[str | None]] = {}
        self._explained: dict[bool, list[str]] = {}

    def column(self, name: str) -> np.ndarray:
        if name == "received":
            return self.batch.received_at
        return getattr(self, name)

    def format_all(self, name: str, style: str) -> list[str | None]:
        """Column `name` formatted ('rfc3339' or 'short') in each event's zone; None for no time."""
        key = (name, style)
        if key not in self._formatted:
            values = self.column(name)
            rfc: list[str | None] = [None] * len(values)
            short: list[str | None] = [None] * len(values)
            for zone, indexes in self._zone_groups().items():
                present = indexes[values[indexes] != NO_TIME]
                texts, shorts = self.policy.formatter(zone).both(values[present])
                if len(present) == len(values):
                    rfc, short = cast(list[str | None], texts), cast(list[str | None], shorts)  # no copy of a million strings
                else:
                    for i, text, brief in zip(present.tolist(), texts, shorts):
                        rfc[i], short[i] = text, brief
            self._formatted[(name, "rfc3339")], self._formatted[(name, "short")] = rfc, short
        return self._formatted[key]

    def _zone_groups(self) -> dict[str, np.ndarray]:
        return self.zone_index

    def explanation(self, i: int) -> str:
        return self.explanations()[i]

    def shapes(self) -> list[_Shape]:
        """Per event, the parts of its answer fixed by channel, category, plan, rule, team and duty."""
        if not hasattr(self, "_shapes"):
            cache = self.policy._shapes  # plans live as long as the policy, so their ids are stable keys
            out = []
            batch = self.batch
            for channel, category, plan, escalation, team, people, kind in zip(
                batch.channel, batch.category, self.plans, self.escalations, self.teams, self.on_duty, batch.kinds()
            ):
                key = (channel, category, id(plan), escalation and escalation["rule"], team, people, kind)
                shape = cache.get(key)
                if shape is None:
                    handling = None if kind is None else self.policy.kind_handling(channel, kind)
                    shape = cache[key] = _Shape.of(channel, category, plan, escalation, team, people, kind, handling)
                out.append(shape)
            self._shapes = out
        return self._shapes

    def explanations(self, json_escaped: bool = False) -> list[str]:
        """The explanation of every event, built column-wise (optionally as JSON string contents)."""
        if json_escaped in self._explained:
            return self._explained[json_escaped]
        beyond = _BEYOND
        received, closes, opens, acknowledge, respond, update = (self.format_all(name, "short") for name in _TIMES_SHORT)
        out = []
        for i, (shape, is_open) in enumerate(zip(self.shapes(), self.open.tolist())):
            fixed = shape.json_text if json_escaped else shape.text
            head, no_schedule, while_open, while_closed, middle, has_acknowledge, has_respond, has_update, promised, team = fixed
            if no_schedule:
                state = no_schedule
            elif is_open:
                state = f"{while_open}{closes[i] or beyond})"
            else:
                state = f"{while_closed}{opens[i] or beyond})"
            ack = f"; acknowledge by {acknowledge[i] or beyond}" if has_acknowledge else ""
            due = f"; respond by {respond[i] or beyond}" if has_respond else ""
            told = f"; tell them if it takes longer, by {update[i] or beyond}" if has_update else ""
            out.append(f"{head}{received[i] or beyond}; {state}{middle}{ack}{due}{promised}{told}{team}")
        self._explained[json_escaped] = out
        return out


_TIMES = ("received", "next_open", "closes", "acknowledge", "respond", "update")
_TIMES_SHORT = ("received", "closes", "next_open", "acknowledge", "respond", "update")
_BEYOND = "beyond the compiled horizon"


@dataclass(frozen=True, slots=True)
class _Shape:
    """Fragments of a decision shared by every event with the same channel, category, plan, rule and duty.

    `text` and `json_text` are the explanation's fixed parts, plain and
    escaped for a JSON string; times are ASCII and never need escaping.
    """

    json_head: str
    json_clock: str
    json_promise: str
    json_tail: str
    text: tuple
    json_text: tuple

    @classmethod
    def of(
        cls,
        channel: str,
        category: str,
        plan: _Plan,
        escalation: dict[str, Any] | None,
        team: str | None,
        people: tuple[str, ...],
        kind: str | None = None,
        handling: dict[str, Any] | None = None,
    ) -> _Shape:
        text = _explanation_parts(channel, category, plan, escalation, team, people, kind, handling)
        inner = lambda part: part if isinstance(part, bool) else _json(part)[1:-1]  # noqa: E731
        stated = "" if kind is None else f'"kind": {_json(kind)}, "handling": {_json(handling)}, '
        return cls(
            json_head=f'{{"channel": {_json(channel)}, "category": {_json(category)}, "received_at": ',
            json_clock=f'"clock": {_json(plan.clock)}, "acknowledge_by": ',
            json_promise=f'"promise": {_json(plan.promise)}, "update_if_longer": {_json(plan.update_if_longer)}, "update_by": ',
            json_tail=(
                f'"team": {_json(team)}, "on_duty": {_json(list(people))}, "escalation": {_json(escalation)}, '
                f'"arrival_window": {_json(plan.windows)}, {stated}"explanation": '
            ),
            text=text,
            json_text=tuple(inner(part) for part in text),
        )


def _explanation_parts(
    channel: str,
    category: str,
    plan: _Plan,
    escalation: dict[str, Any] | None,
    team: str | None,
    people: tuple[str, ...],
    kind: str | None = None,
    handling: dict[str, Any] | None = None,
) -> tuple:
    """(head, no-schedule text, open prefix, closed prefix, middle, has acknowledge, has respond, has update, promise part,
    team part)."""
    middle = ""
    if handling and handling["promise"]:
        middle += f"; {kind}: {handling['promise']}"
    if escalation:
        middle += f"; escalation rule '{escalation['rule']}' ({escalation['priority']})"
    if plan.clock:
        middle += f"; {plan.clock} clock"
    for kind, window in (plan.windows or {}).items():
        middle += f"; {kind} window '{window}'" if window else f"; no {kind} window matches the arrival"
    days = _working_days(plan.respond or plan.acknowledge)
    if days is not None:
        middle += f" ({days} working day{'' if days == 1 else 's'} of {plan.schedule or 'no schedule'})"
    return (
        f"{category} on {channel} received " if kind is None else f"{category} ({kind}) on {channel} received ",
        "channel has no schedule (always open)" if plan.schedule is None else "",
        f"while {plan.schedule} is open (closes ",
        f"while {plan.schedule} is closed (opens ",
        middle,
        bool(plan.acknowledge),
        bool(plan.respond),
        bool(plan.update),
        PROMISE_EXPLAINED.get(plan.promise, "") + ("; tell them if it takes longer" if plan.update_if_longer and not plan.update else ""),
        f"; team {team}: " + (", ".join(people) or "nobody on duty") if team else "",
    )


# What the explanation says for a message without a deadline (a deadline speaks for itself).
PROMISE_EXPLAINED = {
    "best-effort": "; answered without a promised reply time (best effort)",
    "read-only": "; read, not answered (read-only)",
    "none": "; no reply promised",
}


def _working_days(timing: dict[str, Any] | None) -> int | None:
    within = timing.get("within") if timing else None  # None too for a target still split by arrival
    return within["working_days"] if isinstance(within, dict) else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- columnar API (socialkit audit) -----------------------------------------------------------------

"""The JSON-lines writer: one batch's decisions as JSON lines, built column by column.

Every answer of a batch is a column. The texts fixed by an answer's shape
(channel, category, plan, escalation, duty: `_Shape`) are made once per
shape, the times once per distinct day, second of day and UTC offset; each
line is glued from those pieces by numpy (engine/textrows.py), so a million
decisions cost no per-event Python at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from socialkit.engine.textrows import TextRows, checked
from socialkit.engine.timefmt import time_pieces
from socialkit.runtime.types import NO_TIME, EventBatch

if TYPE_CHECKING:  # annotations only: the Policy imports this module
    from socialkit.runtime.batch import PlanGroup
    from socialkit.runtime.policy import Policy, _Plan


class _Columns:
    """One batch's answers as columns: deadlines per event, everything else per plan group or per duty."""

    def __init__(
        self,
        batch: EventBatch,
        policy: Policy,
        group: np.ndarray,
        groups: list[PlanGroup],
        group_plans: list[_Plan],
        deadlines: tuple[np.ndarray, ...],
        duty: np.ndarray,
        duty_people: list[tuple[str, ...]],
    ) -> None:
        self.batch, self.policy = batch, policy
        self.group, self.groups, self.group_plans = group, groups, group_plans  # per event: index into groups
        self.open, self.next_open, self.closes, self.acknowledge, self.respond, self.update = deadlines
        self.duty, self.duty_people = duty, duty_people  # per event: index into duty_people
        self.group_escalations = [policy._escalation_answer(g) for g in groups]
        self.group_zones = [policy._zone_of(plan.schedule) for plan in group_plans]

    # per-event lists, for the Decision objects of `Policy.decide_many`
    @cached_property
    def plans(self) -> list[_Plan]:
        return [self.group_plans[g] for g in self.group.tolist()]

    @cached_property
    def escalations(self) -> list[dict | None]:
        return [self.group_escalations[g] for g in self.group.tolist()]

    @cached_property
    def teams(self) -> list[str | None]:
        return [self.groups[g].team for g in self.group.tolist()]

    @cached_property
    def zones(self) -> list[str]:
        return [self.group_zones[g] for g in self.group.tolist()]

    @cached_property
    def on_duty(self) -> list[tuple[str, ...]]:
        return [self.duty_people[d] for d in self.duty.tolist()]

    def explanation(self, i: int) -> str:
        return self.explanations[i]

    @cached_property
    def explanations(self) -> list[str]:
        rows = TextRows(len(self.batch))
        self._explain(rows, json_escaped=False)
        return rows.texts()

    def lines(self) -> list[bytes]:
        """Every decision as `json.dumps(decision.to_json(), ensure_ascii=False)`, each followed by a newline,
        in a few blocks of bytes."""
        rows = TextRows(len(self.batch))
        shapes, g = self._shapes, self.group
        rows.add_encoded([s.json[0] for s in shapes], g)  # {"channel": ..., "category": ..., "received_at":
        rows.add_pieces(self._time("received", "json"))
        rows.add_encoded([b', "open": false, "next_open_at": ', b', "open": true, "next_open_at": '], self.open)
        rows.add_pieces(self._time("next_open", "json"))
        rows.add_constant(', "closes_at": ')
        rows.add_pieces(self._time("closes", "json"))
        rows.add_encoded([s.json[1] for s in shapes], g)  # , "clock": ..., "acknowledge_by":
        rows.add_pieces(self._time("acknowledge", "json"))
        rows.add_constant(', "respond_by": ')
        rows.add_pieces(self._time("respond", "json"))
        rows.add_encoded([s.json[2] for s in shapes], g)  # , "promise": ..., "update_by":
        rows.add_pieces(self._time("update", "json"))
        rows.add_encoded([s.json[3] for s in shapes], g)  # , "team": ..., "on_duty":
        rows.add_texts([_json(list(people)) for people in self.duty_people], self.duty)
        rows.add_encoded([s.json[4] for s in shapes], g)  # , "escalation": ... "explanation": "
        self._explain(rows, json_escaped=True)
        rows.add_constant('"}')
        return rows.blocks(b"\n")

    def _explain(self, rows: TextRows, json_escaped: bool) -> None:
        """The explanation's pieces: fixed words per shape (and open or closed), times in the short form."""
        g = self.group
        shapes = self._shapes
        said = [s.json_said if json_escaped else s.said for s in shapes]
        flag = lambda name: np.array([getattr(s, name) for s in shapes], dtype=bool)[g]  # noqa: E731
        rows.add_encoded([words[0] for words in said], g)
        rows.add_pieces(self._time("received", "short"))
        rows.add_encoded([words[k] for words in said for k in (1, 2)], g * 2 + self.open)  # closed or open words
        rows.add_pieces(self._time(np.where(self.open == 1, self.closes, self.next_open), "short", shown=flag("scheduled")))
        rows.add_encoded([words[3] for words in said], g)
        rows.add_pieces(self._time("acknowledge", "short", shown=flag("acknowledge")))
        rows.add_encoded([words[4] for words in said], g)
        rows.add_pieces(self._time("respond", "short", shown=flag("respond")))
        rows.add_encoded([words[5] for words in said], g)
        rows.add_pieces(self._time("update", "short", shown=flag("update")))
        rows.add_encoded([words[6] for words in said], g)
        no_team = len(self.duty_people)  # events of a group without a team name nobody
        names = [", ".join(people) or "nobody on duty" for people in self.duty_people] + [""]
        rows.add_texts([_json(n)[1:-1] for n in names] if json_escaped else names, np.where(flag("team"), self.duty, no_team))

    def _time(self, column: str | np.ndarray, style: str, shown: np.ndarray | None = None) -> list:
        """TextRows pieces of a time column (a name or the values) in each event's zone: 'json' quoted or null,
        'short' the explanation's form or _BEYOND for no time; left out (empty) where `shown` is False."""
        values = column if isinstance(column, np.ndarray) else self.batch.received_at if column == "received" else getattr(self, column)
        fills = {NO_TIME: "null"} if style == "json" else {NO_TIME: _BEYOND}
        if shown is not None:
            values = np.where(shown, values, _LEFT_OUT)
            fills[_LEFT_OUT] = ""
        return time_pieces(self._zones, values, style, fills)

    @cached_property
    def _zones(self) -> list:
        """(formatter, indexes of its events) per zone of the batch."""
        by_zone: dict[str, list[int]] = {}
        for g, zone in enumerate(self.group_zones):
            by_zone.setdefault(zone, []).append(g)
        if len(by_zone) == 1:
            return [(self.policy.formatter(next(iter(by_zone))), np.arange(len(self.batch)))]
        zone_of_group = np.array([list(by_zone).index(zone) for zone in self.group_zones], dtype=np.intp)
        per_event = zone_of_group[self.group]
        return [(self.policy.formatter(zone), np.flatnonzero(per_event == k)) for k, zone in enumerate(by_zone)]

    @cached_property
    def _shapes(self) -> list[_Shape]:
        """Per plan group, the fixed parts of its answers."""
        return [
            self._shape(group, plan, escalation) for group, plan, escalation in zip(self.groups, self.group_plans, self.group_escalations)
        ]

    def _shape(self, group: PlanGroup, plan: _Plan, escalation: dict[str, Any] | None) -> _Shape:
        key = (group.channel, group.category, id(plan), escalation and escalation["rule"], group.team, group.kind)
        cache = self.policy._shapes  # plans live as long as the policy, so their ids are stable keys
        shape = cache.get(key)
        if shape is None:
            handling = None if group.kind is None else self.policy.kind_handling(group.channel, group.kind)
            shape = cache[key] = _Shape.of(group.channel, group.category, plan, escalation, group.team, group.kind, handling)
        return shape


_BEYOND = "beyond the compiled horizon"
_LEFT_OUT = np.iinfo(np.int64).min  # a time the explanation does not mention (never a real time, unlike NO_TIME)


@dataclass(frozen=True, slots=True)
class _Words:
    """The fixed parts of an explanation: everything but its times."""

    head: str  # "praise on instagram received "
    no_schedule: str  # the state of a channel without a schedule; "" when it has one
    while_open: str  # "while office-hours is open (closes "
    while_closed: str
    middle: str  # escalation, clock, arrival windows, working days
    acknowledge: bool  # whether an acknowledge-by time is mentioned
    respond: bool
    update: bool
    promised: str  # a promise without a deadline, in words
    team: str  # "; team social: " (then who is on duty), or "" without a team

    def pieces(self) -> tuple[str, ...]:
        """The texts between the explanation's times (see `_Shape`)."""
        state = lambda words: f"; {self.no_schedule or words}"  # noqa: E731
        return (
            self.head,
            state(self.while_closed),
            state(self.while_open),
            f"{'' if self.no_schedule else ')'}{self.middle}{'; acknowledge by ' if self.acknowledge else ''}",
            "; respond by " if self.respond else "",
            f"{self.promised}{'; tell them if it takes longer, by ' if self.update else ''}",
            self.team,
        )

    def escaped(self) -> _Words:
        """The words as the contents of a JSON string."""
        inner = lambda text: _json(text)[1:-1]  # noqa: E731
        return replace(
            self,
            head=inner(self.head),
            no_schedule=inner(self.no_schedule),
            while_open=inner(self.while_open),
            while_closed=inner(self.while_closed),
            middle=inner(self.middle),
            promised=inner(self.promised),
            team=inner(self.team),
        )


@dataclass(frozen=True, slots=True)
class _Shape:
    """Fragments of a decision shared by every event with the same channel, category, plan, rule and team, as
    UTF-8 pieces in the order of the line.

    `json`: the line's fixed parts between its times. `said` and `json_said`:
    the explanation's words between its times, plain and escaped for a JSON
    string (head, '; ' and the state when closed, when open, the rest up to
    the acknowledge time, up to the respond time, up to the update time, the
    team); times are ASCII and never need escaping. The flags say which times
    the explanation mentions.
    """

    json: tuple[bytes, ...]
    said: tuple[bytes, ...]
    json_said: tuple[bytes, ...]
    scheduled: bool
    acknowledge: bool
    respond: bool
    update: bool
    team: bool

    @classmethod
    def of(
        cls,
        channel: str,
        category: str,
        plan: _Plan,
        escalation: dict[str, Any] | None,
        team: str | None,
        kind: str | None = None,
        handling: dict[str, Any] | None = None,
    ) -> _Shape:
        words = _explanation_parts(channel, category, plan, escalation, team, kind, handling)
        stated = "" if kind is None else f'"kind": {_json(kind)}, "handling": {_json(handling)}, '
        json_parts = (
            f'{{"channel": {_json(channel)}, "category": {_json(category)}, "received_at": ',
            f', "clock": {_json(plan.clock)}, "acknowledge_by": ',
            f', "promise": {_json(plan.promise)}, "update_if_longer": {_json(plan.update_if_longer)}, "update_by": ',
            f', "team": {_json(team)}, "on_duty": ',
            f', "escalation": {_json(escalation)}, "arrival_window": {_json(plan.windows)}, {stated}"explanation": "',
        )
        return cls(
            json=tuple(map(checked, json_parts)),
            said=tuple(map(checked, words.pieces())),
            json_said=tuple(map(checked, words.escaped().pieces())),
            scheduled=not words.no_schedule,
            acknowledge=words.acknowledge,
            respond=words.respond,
            update=words.update,
            team=bool(words.team),
        )


def _explanation_parts(
    channel: str,
    category: str,
    plan: _Plan,
    escalation: dict[str, Any] | None,
    team: str | None,
    kind: str | None = None,
    handling: dict[str, Any] | None = None,
) -> _Words:
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
    return _Words(
        f"{category} on {channel} received " if kind is None else f"{category} ({kind}) on {channel} received ",
        "channel has no schedule (always open)" if plan.schedule is None else "",
        f"while {plan.schedule} is open (closes ",
        f"while {plan.schedule} is closed (opens ",
        middle,
        bool(plan.acknowledge),
        bool(plan.respond),
        bool(plan.update),
        PROMISE_EXPLAINED.get(plan.promise, "") + ("; tell them if it takes longer" if plan.update_if_longer and not plan.update else ""),
        f"; team {team}: " if team else "",
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

"""Enforce the compiled policy: open/next opening, deadlines, on-duty, escalation.

Reads only the policy document (`policies/policy.json` or the in-memory result
of `compile_policy`), never the strategy, YAML or holiday calendars, so a tool
that enforces the policy needs nothing but this module, numpy and the JSON.

    >>> policy = Policy.load("policies/policy.json")
    >>> policy.decide(Event("facebook", "complaint", received_at=1795451400)).respond_by
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit import END_OF_NEXT_BUSINESS_DAY, POLICY_FORMAT
from socialkit.engine.deadlines import (
    business_deadlines,
    end_of_next_business_days,
    is_open_many,
    next_open_many,
)
from socialkit.engine.windows import CompiledSchedule, schedule_from_plain

__all__ = [
    "NO_TIME",
    "Decision",
    "DecisionColumns",
    "Event",
    "EventBatch",
    "PlanGroup",
    "Policy",
    "PolicyError",
    "decide_columns",
    "keyword_pattern",
    "parse_instant",
    "rfc3339",
]

NO_TIME = -1  # batch sentinel: beyond the compiled horizon, or no target


class PolicyError(ValueError):
    """The event or the document cannot be evaluated (unknown channel, bad format...)."""


@dataclass(frozen=True, slots=True)
class Event:
    channel: str
    category: str
    received_at: int  # UTC epoch seconds
    text: str = ""
    followers: int | None = None
    author_type: str | None = None
    crisis: bool = False


@dataclass(frozen=True)
class EventBatch:
    """Many events as columns: what the batch methods work on.

    Build one with `EventBatch.from_events(events)`, or fill the columns
    directly when reading a large file (no Event object per row).
    """

    channel: list[str]
    category: list[str]
    received_at: np.ndarray  # int64 UTC epoch seconds
    text: list[str]
    followers: np.ndarray  # int64; -1 where unknown
    author_type: list[str | None]
    crisis: np.ndarray  # bool

    @classmethod
    def from_events(cls, events: list[Event] | EventBatch) -> EventBatch:
        if isinstance(events, EventBatch):
            return events
        for event in events:
            _check_event_types(event)
        n = len(events)
        return cls(
            channel=[e.channel for e in events],
            category=[e.category for e in events],
            received_at=np.fromiter((e.received_at for e in events), dtype=np.int64, count=n),
            text=[e.text for e in events],
            followers=np.fromiter((-1 if e.followers is None else e.followers for e in events), dtype=np.int64, count=n),
            author_type=[e.author_type for e in events],
            crisis=np.fromiter((bool(e.crisis) for e in events), dtype=bool, count=n),
        )

    def __len__(self) -> int:
        return len(self.channel)


def _check_event_types(event: Event) -> None:
    """Refuse what would otherwise be silently coerced (2.5 followers, crisis='no')."""
    followers = event.followers
    if followers is not None and (type(followers) is not int or followers < 0):
        raise PolicyError(f"followers must be a whole number of 0 or more, not {followers!r}")
    if type(event.crisis) is not bool:
        raise PolicyError(f"crisis must be True or False, not {event.crisis!r}")
    if type(event.received_at) is not int:
        raise PolicyError(f"received_at must be epoch seconds (int), not {event.received_at!r}; see parse_instant")


@dataclass(frozen=True, slots=True)
class Decision:
    channel: str
    category: str
    received_at: int
    timezone: str
    open: bool
    next_open_at: int | None
    closes_at: int | None
    clock: str | None
    acknowledge_by: int | None
    respond_by: int | None
    team: str | None
    on_duty: tuple[str, ...]
    escalation: dict[str, Any] | None
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        """RFC 3339 times in the schedule's zone, as `socialkit evaluate --format json` prints."""
        zone = ZoneInfo(self.timezone)
        stamp = lambda t: None if t is None else rfc3339(t, zone)  # noqa: E731
        return {
            "channel": self.channel,
            "category": self.category,
            "received_at": stamp(self.received_at),
            "open": self.open,
            "next_open_at": stamp(self.next_open_at),
            "closes_at": stamp(self.closes_at),
            "clock": self.clock,
            "acknowledge_by": stamp(self.acknowledge_by),
            "respond_by": stamp(self.respond_by),
            "team": self.team,
            "on_duty": list(self.on_duty),
            "escalation": self.escalation,
            "explanation": self.explanation,
        }


def rfc3339(t: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, zone).isoformat()


def parse_instant(text: str) -> int:
    """RFC 3339 with a numeric offset or Z -> epoch seconds. Naive times are refused."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise PolicyError(f"'{text}' is not an RFC 3339 time such as 2026-11-23T16:30:00+01:00") from None
    if parsed.tzinfo is None:
        raise PolicyError(f"'{text}' has no UTC offset; write e.g. 2026-11-23T16:30:00+01:00")
    try:
        return int(parsed.astimezone(UTC).timestamp())
    except OverflowError:
        raise PolicyError(f"'{text}' is outside the years 1 to 9999") from None


@dataclass
class _Plan:
    """How one event's deadlines are computed: grouped so batches vectorise.

    Each target carries its own clock: an escalation rule's own limit may run
    on the calendar clock while the SLA's other target stays on business time.
    """

    schedule: str | None
    acknowledge: dict[str, Any] | None  # {"within", "if_received_closed", "clock"}
    respond: dict[str, Any] | None

    @property
    def clock(self) -> str | None:
        main = self.respond or self.acknowledge
        return main["clock"] if main else None

    def key(self) -> tuple:
        return (self.schedule, _timing_key(self.acknowledge), _timing_key(self.respond))


def _timing_key(timing: dict[str, Any] | None) -> tuple | None:
    return None if timing is None else (timing["within"], timing.get("if_received_closed"), timing["clock"])


@dataclass
class Policy:
    document: dict[str, Any]
    _schedules: dict[str, CompiledSchedule] = field(default_factory=dict, repr=False)
    _formatters: dict[str, Any] = field(default_factory=dict, repr=False)
    _plans: dict[tuple, Any] = field(default_factory=dict, repr=False)
    _shapes: dict[tuple, Any] = field(default_factory=dict, repr=False)

    # --- loading ---------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise PolicyError(f"cannot read policy {path}: {err}") from None
        return cls.from_document(document)

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Policy:
        if not isinstance(document, dict) or document.get("format") != POLICY_FORMAT:
            raise PolicyError(f"not a {POLICY_FORMAT} document (run 'socialkit build' to regenerate it)")
        return cls(document)

    def formatter(self, zone: str):
        from socialkit.engine.timefmt import ZoneFormatter

        if zone not in self._formatters:
            formatter = self._formatters[zone] = ZoneFormatter(zone)
            provenance = self.document["provenance"]
            if provenance.get("horizon_start") is not None:  # one offset table for the whole horizon
                formatter.offsets(np.array([provenance["horizon_start"], provenance["horizon_end"]], dtype=np.int64))
        return self._formatters[zone]

    def schedule(self, schedule_id: str) -> CompiledSchedule:
        if schedule_id not in self._schedules:
            self._schedules[schedule_id] = schedule_from_plain(self.document["schedules"][schedule_id]["compiled"])
        return self._schedules[schedule_id]

    def channel(self, channel_id: str) -> dict[str, Any]:
        try:
            return self.document["channels"][channel_id]
        except KeyError:
            raise PolicyError(f"unknown channel '{channel_id}'{_suggest(channel_id, self.document['channels'])}") from None

    @cached_property
    def _rules(self) -> list[dict[str, Any]]:
        return self.document["escalation"]

    # --- questions -------------------------------------------------------------------

    def channel_schedule(self, channel_id: str, crisis: bool = False) -> str | None:
        channel = self.channel(channel_id)
        return (channel["crisis_schedule"] or channel["schedule"]) if crisis else channel["schedule"]

    def is_open(self, channel_id: str, t: int, crisis: bool = False) -> bool:
        schedule = self.channel_schedule(channel_id, crisis)
        self._check_horizon(np.array([t]))
        return True if schedule is None else bool(is_open_many(self.schedule(schedule), np.array([t]))[0])

    def next_open(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        self._check_horizon(np.array([t]))
        if schedule is None:
            return t
        return _opt(next_open_many(self.schedule(schedule), np.array([t]))[0])

    def closes_at(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        self._check_horizon(np.array([t]))
        return None if schedule is None else _closes_at(self.schedule(schedule), t)

    def on_duty(self, team_id: str, t: int) -> tuple[str, ...]:
        try:
            rota = self.document["teams"][team_id]["rota"]
        except KeyError:
            raise PolicyError(f"unknown team '{team_id}'{_suggest(team_id, self.document['teams'])}") from None
        if rota is None:
            return ()
        if not rota["horizon_start"] <= t < rota["horizon_end"]:
            raise PolicyError(self.outside_horizon_message(t))
        spans = rota["spans"]
        low, high = 0, len(spans)
        while low < high:  # last span starting at or before t
            mid = (low + high) // 2
            if spans[mid][0] <= t:
                low = mid + 1
            else:
                high = mid
        if low and t < spans[low - 1][1]:
            return tuple(spans[low - 1][2])
        return ()

    @property
    def horizon(self) -> tuple[int, int]:
        """[start, end) in epoch seconds: the arrivals this policy can answer for."""
        provenance = self.document["provenance"]
        return provenance["horizon_start"], provenance["horizon_end"]

    def outside_horizon_message(self, t: int) -> str:
        provenance = self.document["provenance"]
        return (
            f"{datetime.fromtimestamp(t, UTC).isoformat()} is outside the compiled horizon "
            f"({provenance['as_of']} + {provenance['horizon_days']} days); "
            "compile with an --as-of before it (or a longer horizon_days) and try again"
        )

    def _check_horizon(self, t: np.ndarray) -> None:
        start, end = self.horizon
        outside = (t < start) | (t >= end)
        if outside.any():
            raise PolicyError(self.outside_horizon_message(int(t[np.argmax(outside)])))

    def escalation(self, event: Event) -> dict[str, Any] | None:
        """The first rule whose conditions all hold, or None."""
        words = event.text.lower()
        for rule in self._rules:
            if self._matches(rule["when"], event, words):
                return rule
        return None

    def _matches(self, when: dict[str, Any], event: Event, words: str) -> bool:
        if when["categories"] and event.category not in when["categories"]:
            return False
        if when["channels"] and event.channel not in when["channels"]:
            return False
        if when["author_types"] and event.author_type not in when["author_types"]:
            return False
        if when["min_followers"] is not None and (event.followers is None or event.followers < when["min_followers"]):
            return False
        if when["max_followers"] is not None and (event.followers is None or event.followers > when["max_followers"]):
            return False
        if when["crisis"] is not None and when["crisis"] != event.crisis:
            return False
        if when["keywords"] and keyword_pattern(when["keywords"]).search(words) is None:
            return False
        if when["during"] is not None and not self._open_in(when["during"], event.received_at):
            return False
        if when["outside"] is not None and self._open_in(when["outside"], event.received_at):
            return False
        return True

    def escalate_many(self, events: list[Event] | EventBatch) -> list[dict[str, Any] | None]:
        """`escalation(e)` for each event: cheap conditions as numpy masks, words only where needed."""
        batch = EventBatch.from_events(events)
        chosen = _rule_indexes(self, batch, *_coded_channels_and_categories(batch))
        return [None if c < 0 else self._rules[c] for c in chosen.tolist()]

    def on_duty_many(self, team_id: str, t: np.ndarray) -> list[tuple[str, ...]]:
        if team_id not in self.document["teams"]:
            raise PolicyError(f"unknown team '{team_id}'{_suggest(team_id, self.document['teams'])}")
        rota = self.document["teams"][team_id]["rota"]
        if rota is None:
            return [()] * len(t)
        if len(t) and (t.min() < rota["horizon_start"] or t.max() >= rota["horizon_end"]):
            self.on_duty(team_id, int(t.min() if t.min() < rota["horizon_start"] else t.max()))  # raises
        spans = rota["spans"]
        if not spans:  # nobody on duty anywhere in the horizon
            return [()] * len(t)
        starts = np.fromiter((s[0] for s in spans), dtype=np.int64, count=len(spans))
        ends = np.fromiter((s[1] for s in spans), dtype=np.int64, count=len(spans))
        people = [tuple(s[2]) for s in spans] + [()]
        k = np.searchsorted(starts, t, side="right") - 1
        inside = (k >= 0) & (t < ends[np.maximum(k, 0)])
        return [people[i] for i in np.where(inside, k, len(spans)).tolist()]

    def _open_in(self, schedule_id: str, t: int) -> bool:
        return bool(is_open_many(self.schedule(schedule_id), np.array([t]))[0])

    # --- decisions -------------------------------------------------------------------

    def decide(self, event: Event) -> Decision:
        return self.decide_many([event])[0]

    def decide_many(self, events: list[Event]) -> list[Decision]:
        """Decisions for many events; deadlines are computed per group with numpy."""
        cols = self._columns(events)
        return [
            Decision(
                channel=e.channel,
                category=e.category,
                received_at=e.received_at,
                timezone=cols.zones[i],
                open=bool(cols.open[i]),
                next_open_at=_opt(cols.next_open[i]),
                closes_at=_opt(cols.closes[i]),
                clock=cols.plans[i].clock,
                acknowledge_by=_opt(cols.acknowledge[i]),
                respond_by=_opt(cols.respond[i]),
                team=cols.teams[i],
                on_duty=cols.on_duty[i],
                escalation=cols.escalations[i],
                explanation=cols.explanation(i),
            )
            for i, e in enumerate(events)
        ]

    def decision_lines(self, events: list[Event] | EventBatch) -> list[str]:
        """`json.dumps(decision.to_json(), ensure_ascii=False)` for each event, computed in bulk."""
        cols = self._columns(events)
        received, next_open, closes, acknowledge, respond = (
            [f'"{v}"' if v else "null" for v in cols.format_all(name, "rfc3339")] for name in _TIMES
        )
        opens = ["true" if v else "false" for v in cols.open.tolist()]
        explanations = cols.explanations(json_escaped=True)
        return [
            f'{s.json_head}{r}, "open": {o}, "next_open_at": {n}, "closes_at": {c}, '
            f'{s.json_clock}{a}, "respond_by": {d}, {s.json_tail}"{x}"}}'
            for s, r, o, n, c, a, d, x in zip(cols.shapes(), received, opens, next_open, closes, acknowledge, respond, explanations)
        ]

    def _columns(self, events: list[Event] | EventBatch) -> _Columns:
        batch = EventBatch.from_events(events)
        self._check_horizon(batch.received_at)
        grouped = self._grouped(batch)
        per_event = grouped.group.tolist()
        cols = _Columns(batch, [grouped.plans[g] for g in per_event], self)
        cols.open, cols.next_open, cols.closes, cols.acknowledge, cols.respond = grouped.deadlines
        escalations = [self._escalation_answer(group) for group in grouped.groups]
        zones = [self._zone_of(plan.schedule) for plan in grouped.plans]
        cols.escalations = [escalations[g] for g in per_event]
        cols.teams = [grouped.groups[g].team for g in per_event]
        cols.zones = [zones[g] for g in per_event]
        cols.on_duty = self._on_duty_column(cols.teams, batch.received_at)
        return cols

    def _grouped(self, batch: EventBatch) -> _Grouped:
        """Events grouped by (channel, category, crisis, escalation rule), with every deadline column filled."""
        channels, categories, vocabulary = _coded_channels_and_categories(batch)
        rules = _rule_indexes(self, batch, channels, categories, vocabulary)
        width = len(vocabulary) + 1
        key = ((channels * width + categories) * 2 + batch.crisis.astype(np.int64)) * (len(self._rules) + 1) + rules + 1
        unique, first, group = np.unique(key, return_index=True, return_inverse=True)
        group = group.reshape(-1).astype(np.int64)
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(len(unique) + 1))
        deadlines = tuple(np.full(len(batch), NO_TIME, dtype=np.int64) for _ in range(5))
        groups, plans = [], []
        for g, i in enumerate(first.tolist()):
            rule = None if rules[i] < 0 else self._rules[int(rules[i])]
            channel, category, crisis = batch.channel[i], batch.category[i], bool(batch.crisis[i])
            plan = self._plan_for(channel, category, crisis, rule)
            team = (rule or {}).get("route_to") or self.channel(channel)["team"]
            groups.append(
                PlanGroup(
                    channel, category, crisis, None if rule is None else rule["id"], plan.schedule, team, plan.acknowledge, plan.respond
                )
            )
            plans.append(plan)
            at = order[bounds[g] : bounds[g + 1]]
            for column, values in zip(deadlines, self._group_deadlines(plan, batch.received_at[at])):
                if values is not None:
                    column[at] = values
        return _Grouped(group, groups, plans, deadlines)

    def _escalation_answer(self, group: PlanGroup) -> dict[str, Any] | None:
        """The `escalation` object of a decision: the rule's answer, reply style defaulting to the category's."""
        if group.rule is None:
            return None
        rule = next(r for r in self._rules if r["id"] == group.rule)
        return {
            "rule": rule["id"],
            "priority": rule["priority"],
            "route_to": rule["route_to"],
            "notify": list(rule["notify"]),
            "reply_style": rule["reply_style"] or self.document["categories"][group.category]["reply_style"],
        }

    def _zone_of(self, schedule: str | None) -> str:
        if schedule is None:
            return self.document["organization"]["timezone"]
        return self.document["schedules"][schedule]["timezone"]

    def _on_duty_column(self, teams: list[str | None], received: np.ndarray) -> list[tuple[str, ...]]:
        on_duty: list[tuple[str, ...]] = [()] * len(teams)
        by_team: dict[str, list[int]] = {}
        for i, team in enumerate(teams):
            if team:
                by_team.setdefault(team, []).append(i)
        for team, indexes in by_team.items():
            for i, people in zip(indexes, self.on_duty_many(team, received[indexes])):
                on_duty[i] = people
        return on_duty

    def _plan(self, event: Event, rule: dict[str, Any] | None) -> _Plan:
        return self._plan_for(event.channel, event.category, event.crisis, rule)

    def _plan_for(self, channel: str, category: str, crisis: bool, rule: dict[str, Any] | None) -> _Plan:
        key = (channel, category, crisis, None if rule is None else rule["id"])
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._make_plan(Event(channel, category, 0, crisis=crisis), rule)
        return plan

    def _make_plan(self, event: Event, rule: dict[str, Any] | None) -> _Plan:
        channel = self.channel(event.channel)
        if event.category not in self.document["categories"]:
            raise PolicyError(f"unknown category '{event.category}'{_suggest(event.category, self.document['categories'])}")
        sla_id = (channel["crisis_sla"] or channel["sla"]) if event.crisis else channel["sla"]
        sla = self.document["slas"].get(sla_id) if sla_id else None
        targets = (sla["targets"].get(event.category) or sla["targets"].get("default") or {}) if sla else {}
        clock = sla["clock"] if sla else "calendar"
        acknowledge = _with_clock(targets.get("acknowledge"), clock)
        respond = _with_clock(targets.get("respond"), clock)
        if rule is not None:
            rule_clock = rule["clock"] or clock
            if rule["acknowledge_within"] is not None:
                acknowledge = {"within": rule["acknowledge_within"], "if_received_closed": None, "clock": rule_clock}
            if rule["respond_within"] is not None:
                respond = {"within": rule["respond_within"], "if_received_closed": None, "clock": rule_clock}
        return _Plan(self.channel_schedule(event.channel, event.crisis), acknowledge, respond)

    def _group_deadlines(self, plan: _Plan, t: np.ndarray) -> tuple:
        """(open, next_open, closes_at, acknowledge_by, respond_by) arrays for events sharing a plan."""
        if plan.schedule is None:
            open_ = np.ones(len(t), dtype=bool)
            nxt = t.copy()
            closes = None
            cs = None
        else:
            cs = self.schedule(plan.schedule)
            open_ = is_open_many(cs, t)
            nxt = next_open_many(cs, t)
            k = np.searchsorted(cs.starts, t, side="right") - 1
            closes = np.where(open_, cs.ends[np.maximum(k, 0)] if len(cs.ends) else NO_TIME, NO_TIME)
        acknowledge = _due(cs, plan.acknowledge, t, open_, nxt)
        respond = _due(cs, plan.respond, t, open_, nxt)
        if acknowledge is not None and respond is not None:  # never due after the reply itself
            acknowledge = np.where((respond != NO_TIME) & ((acknowledge == NO_TIME) | (acknowledge > respond)), respond, acknowledge)
        return open_.astype(np.int64), nxt, closes, acknowledge, respond


def _with_clock(timing: dict[str, Any] | None, clock: str) -> dict[str, Any] | None:
    return None if timing is None else {**timing, "clock": clock}


def _due(cs, timing, t, open_, nxt) -> np.ndarray | None:
    if timing is None:
        return None
    clock = timing["clock"]
    within = np.full(len(t), timing["within"], dtype=np.int64)
    closed_rule = timing.get("if_received_closed")
    if cs is None or clock == "calendar":
        due = t + within
    else:
        due = business_deadlines(cs, t, within)
    if cs is None or closed_rule is None:
        return due
    closed = ~open_
    if closed_rule == END_OF_NEXT_BUSINESS_DAY:
        alternative = end_of_next_business_days(cs, t)
    elif clock == "calendar":
        alternative = np.where(nxt == NO_TIME, NO_TIME, nxt + closed_rule)
    else:
        alternative = business_deadlines(cs, t, np.full(len(t), closed_rule, dtype=np.int64))
    return np.where(closed, alternative, due)


def _closes_at(cs: CompiledSchedule, t: int) -> int | None:
    i = int(np.searchsorted(cs.starts, t, side="right")) - 1
    if i >= 0 and t < cs.ends[i]:
        return int(cs.ends[i])
    return None


def _suggest(value: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(known))}"


def _opt(value) -> int | None:
    value = int(value)
    return None if value == NO_TIME else value


_TOKEN_CHAR = r"[^\W_]"
_PATTERNS: dict[tuple, re.Pattern] = {}


def keyword_pattern(phrases: list[list[str]]) -> re.Pattern:
    """One regex for a rule's keyword phrases over lower-cased text.

    Equivalent to: some phrase's tokens appear contiguously among the text's
    tokens (maximal runs of letters and digits), since a phrase must start and
    end on token boundaries and its tokens may be separated only by non-token
    characters.
    """
    key = tuple(tuple(p) for p in phrases)
    if key not in _PATTERNS:
        alternatives = "|".join(r"[\W_]+".join(re.escape(word) for word in phrase) for phrase in phrases)
        _PATTERNS[key] = re.compile(rf"(?<!{_TOKEN_CHAR})(?:{alternatives})(?!{_TOKEN_CHAR})")
    return _PATTERNS[key]


def _contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _js(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


class _Columns:
    """One batch's answers as columns, formatted per zone in bulk."""

    def __init__(self, batch: EventBatch, plans: list[_Plan], policy: Policy) -> None:
        self.batch, self.plans, self.policy = batch, plans, policy
        self.open = self.next_open = self.closes = self.acknowledge = self.respond = np.zeros(0, dtype=np.int64)
        self.escalations: list[dict | None] = []
        self.teams: list[str | None] = []
        self.on_duty: list[tuple[str, ...]] = []
        self.zones: list[str] = []
        self._formatted: dict[tuple[str, str], list[str | None]] = {}

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
                    rfc, short = texts, shorts
                else:
                    for i, text, brief in zip(present.tolist(), texts, shorts):
                        rfc[i], short[i] = text, brief
            self._formatted[(name, "rfc3339")], self._formatted[(name, "short")] = rfc, short
        return self._formatted[key]

    def _zone_groups(self) -> dict[str, np.ndarray]:
        if not hasattr(self, "_groups"):
            groups: dict[str, list[int]] = {}
            for i, zone in enumerate(self.zones):
                groups.setdefault(zone, []).append(i)
            self._groups = {zone: np.array(indexes, dtype=np.int64) for zone, indexes in groups.items()}
        return self._groups

    def explanation(self, i: int) -> str:
        return self.explanations()[i]

    def shapes(self) -> list[_Shape]:
        """Per event, the parts of its answer fixed by channel, category, plan, rule, team and duty."""
        if not hasattr(self, "_shapes"):
            cache = self.policy._shapes  # plans live as long as the policy, so their ids are stable keys
            out = []
            batch = self.batch
            for channel, category, plan, escalation, team, people in zip(
                batch.channel, batch.category, self.plans, self.escalations, self.teams, self.on_duty
            ):
                key = (channel, category, id(plan), escalation and escalation["rule"], team, people)
                shape = cache.get(key)
                if shape is None:
                    shape = cache[key] = _Shape.of(channel, category, plan, escalation, team, people)
                out.append(shape)
            self._shapes = out
        return self._shapes

    def explanations(self, json_escaped: bool = False) -> list[str]:
        """The explanation of every event, built column-wise (optionally as JSON string contents)."""
        key = ("explanations", json_escaped)
        if key in self._formatted:
            return self._formatted[key]
        beyond = _BEYOND
        received, closes, opens, acknowledge, respond = (self.format_all(name, "short") for name in _TIMES_SHORT)
        out = []
        for i, (shape, is_open) in enumerate(zip(self.shapes(), self.open.tolist())):
            fixed = shape.json_text if json_escaped else shape.text
            head, no_schedule, while_open, while_closed, middle, has_acknowledge, has_respond, team = fixed
            if no_schedule:
                state = no_schedule
            elif is_open:
                state = f"{while_open}{closes[i] or beyond})"
            else:
                state = f"{while_closed}{opens[i] or beyond})"
            ack = f"; acknowledge by {acknowledge[i] or beyond}" if has_acknowledge else ""
            due = f"; respond by {respond[i] or beyond}" if has_respond else ""
            out.append(f"{head}{received[i] or beyond}; {state}{middle}{ack}{due}{team}")
        self._formatted[key] = out
        return out


_TIMES = ("received", "next_open", "closes", "acknowledge", "respond")
_TIMES_SHORT = ("received", "closes", "next_open", "acknowledge", "respond")
_BEYOND = "beyond the compiled horizon"


@dataclass(frozen=True, slots=True)
class _Shape:
    """Fragments of a decision shared by every event with the same channel, category, plan, rule and duty.

    `text` and `json_text` are the explanation's fixed parts, plain and
    escaped for a JSON string; times are ASCII and never need escaping.
    """

    json_head: str
    json_clock: str
    json_tail: str
    text: tuple
    json_text: tuple

    @classmethod
    def of(cls, channel, category, plan, escalation, team, people) -> _Shape:
        text = _explanation_parts(channel, category, plan, escalation, team, people)
        inner = lambda part: part if isinstance(part, bool) else _json(part)[1:-1]  # noqa: E731
        return cls(
            json_head=f'{{"channel": {_json(channel)}, "category": {_json(category)}, "received_at": ',
            json_clock=f'"clock": {_json(plan.clock)}, "acknowledge_by": ',
            json_tail=(f'"team": {_json(team)}, "on_duty": {_json(list(people))}, "escalation": {_json(escalation)}, "explanation": '),
            text=text,
            json_text=tuple(inner(part) for part in text),
        )


def _explanation_parts(channel, category, plan, escalation, team, people) -> tuple:
    """(head, no-schedule text, open prefix, closed prefix, middle, has acknowledge, has respond, team part)."""
    middle = ""
    if escalation:
        middle += f"; escalation rule '{escalation['rule']}' ({escalation['priority']})"
    if plan.clock:
        middle += f"; {plan.clock} clock"
    return (
        f"{category} on {channel} received ",
        "channel has no schedule (always open)" if plan.schedule is None else "",
        f"while {plan.schedule} is open (closes ",
        f"while {plan.schedule} is closed (opens ",
        middle,
        bool(plan.acknowledge),
        bool(plan.respond),
        f"; team {team}: " + (", ".join(people) or "nobody on duty") if team else "",
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- columnar API (socialkit audit) -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanGroup:
    """What one (channel, category, crisis, escalation rule) combination is due: shared by many events."""

    channel: str
    category: str
    crisis: bool
    rule: str | None
    schedule: str | None
    team: str | None
    acknowledge: dict[str, Any] | None  # {"within", "if_received_closed", "clock"}
    respond: dict[str, Any] | None


@dataclass
class DecisionColumns:
    """Decisions for an EventBatch: per-event plan group index and deadlines (NO_TIME for none)."""

    group: np.ndarray  # int64 index into groups
    groups: list[PlanGroup]
    open: np.ndarray  # bool
    acknowledge_by: np.ndarray
    respond_by: np.ndarray


# Characters outside ASCII whose lower case holds an ASCII letter (KELVIN SIGN, I WITH DOT ABOVE): the byte scan
# in _keyword_rows lowers ASCII only, so a text with one of these is checked the slow way.
_LOWER_TO_ASCII = ("\u212a", "\u0130")


def _keyword_rows(pattern: re.Pattern, phrases: list[list[str]], texts: list[str], rows: np.ndarray) -> np.ndarray:
    """The rows (of `rows`) whose lower-cased text matches `pattern`.

    A match needs the ASCII part of some phrase's first word in the text, so
    one byte scan (ASCII lower-casing, bytes.find) over all the texts picks
    the candidates and the regex runs on those alone.
    """
    if not len(rows):
        return rows
    pieces = [texts[i] or "" for i in rows.tolist()]
    probes = [max(re.findall(r"[\x00-\x7f]+", phrase[0]) or [""], key=len).encode() for phrase in phrases]
    joined = "\x00".join(pieces)
    if not all(probes) or joined.count("\x00") != len(pieces) - 1 or any(c in joined for c in _LOWER_TO_ASCII):
        return np.array([i for i, text in zip(rows.tolist(), pieces) if pattern.search(text.lower())], dtype=np.int64)
    data = joined.encode("utf-8")
    lowered = data.lower()  # ASCII letters only, so byte offsets stay put
    starts = np.concatenate(([0], np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0) + 1))
    found = []
    for probe in set(probes):
        at = lowered.find(probe)
        while at >= 0:
            found.append(at)
            at = lowered.find(probe, at + 1)
    if not found:
        return np.zeros(0, dtype=np.int64)
    candidates = np.unique(np.searchsorted(starts, np.array(found, dtype=np.int64), side="right") - 1).tolist()
    hits = [k for k in candidates if pattern.search(pieces[k].lower())]
    return rows[np.array(hits, dtype=np.int64)] if hits else np.zeros(0, dtype=np.int64)


def _rule_indexes(policy: Policy, batch: EventBatch, channels: np.ndarray, categories: np.ndarray, vocabulary: dict) -> np.ndarray:
    """Index into document['escalation'] of the first matching rule per event (-1: none): `escalate_many` as codes."""
    n = len(batch)
    chosen = np.full(n, -1, dtype=np.int64)
    authors = None
    coded = lambda wanted: [vocabulary.setdefault(v, len(vocabulary)) for v in wanted]  # noqa: E731
    for index, rule in enumerate(policy._rules):
        when = rule["when"]
        mask = chosen == -1
        if when["categories"]:
            mask &= np.isin(categories, coded(when["categories"]))
        if when["channels"]:
            mask &= np.isin(channels, coded(when["channels"]))
        if when["author_types"]:
            if authors is None:
                authors = np.fromiter((vocabulary.setdefault(v, len(vocabulary)) for v in batch.author_type), dtype=np.int64, count=n)
            mask &= np.isin(authors, coded(when["author_types"]))
        if when["min_followers"] is not None:
            mask &= (batch.followers >= 0) & (batch.followers >= when["min_followers"])
        if when["max_followers"] is not None:
            mask &= (batch.followers >= 0) & (batch.followers <= when["max_followers"])
        if when["crisis"] is not None:
            mask &= batch.crisis == when["crisis"]
        if when["during"] is not None and mask.any():
            mask &= is_open_many(policy.schedule(when["during"]), batch.received_at)
        if when["outside"] is not None and mask.any():
            mask &= ~is_open_many(policy.schedule(when["outside"]), batch.received_at)
        if when["keywords"] and mask.any():
            hits = _keyword_rows(keyword_pattern(when["keywords"]), when["keywords"], batch.text, np.flatnonzero(mask))
            mask[:] = False
            mask[hits] = True
        elif when["keywords"]:
            continue
        chosen[mask] = index
    return chosen


def decide_columns(policy: Policy, batch: EventBatch) -> DecisionColumns:
    """Deadlines for many events as columns, grouped by plan: no per-event Python objects out.

    The same answers as `Policy.decide_many` (acknowledge_by, respond_by, open,
    escalation rule, team); arrivals must lie inside the compiled horizon.
    """
    grouped = policy._grouped(batch)
    open_, _, _, acknowledge, respond = grouped.deadlines
    return DecisionColumns(grouped.group, grouped.groups, open_.astype(bool), acknowledge, respond)


@dataclass
class _Grouped:
    group: np.ndarray  # per event: index into groups
    groups: list[PlanGroup]
    plans: list[_Plan]  # per group
    deadlines: tuple[np.ndarray, ...]  # open, next_open, closes_at, acknowledge_by, respond_by (NO_TIME for none)


def _coded_channels_and_categories(batch: EventBatch) -> tuple[np.ndarray, np.ndarray, dict]:
    """Channel and category columns as integer codes, and the vocabulary the rules' conditions are coded in."""
    vocabulary: dict[object, int] = {}

    def coded(values: list) -> np.ndarray:
        for value in dict.fromkeys(values):
            vocabulary.setdefault(value, len(vocabulary))
        return np.fromiter(map(vocabulary.__getitem__, values), dtype=np.int64, count=len(values))

    return coded(batch.channel), coded(batch.category), vocabulary

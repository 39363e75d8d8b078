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
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from .compile import POLICY_FORMAT, tokens
from .engine.compile import CompiledSchedule, schedule_from_plain
from .engine.deadlines import (
    business_deadlines,
    end_of_next_business_days,
    is_open_many,
    next_open_many,
)
from .scalars import END_OF_NEXT_BUSINESS_DAY

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
    return int(parsed.astimezone(timezone.utc).timestamp())


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
        from .timefmt import ZoneFormatter

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
        return True if schedule is None else bool(is_open_many(self.schedule(schedule), np.array([t]))[0])

    def next_open(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        if schedule is None:
            return t
        return _opt(next_open_many(self.schedule(schedule), np.array([t]))[0])

    def closes_at(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        return None if schedule is None else _closes_at(self.schedule(schedule), t)

    def on_duty(self, team_id: str, t: int) -> tuple[str, ...]:
        try:
            rota = self.document["teams"][team_id]["rota"]
        except KeyError:
            raise PolicyError(f"unknown team '{team_id}'{_suggest(team_id, self.document['teams'])}") from None
        if rota is None:
            return ()
        if not rota["horizon_start"] <= t < rota["horizon_end"]:
            raise PolicyError(
                f"{datetime.fromtimestamp(t, timezone.utc).isoformat()} is outside the compiled horizon "
                f"(from {self.document['provenance']['as_of']}, {self.document['provenance']['horizon_days']} days); "
                "rebuild with a suitable --as-of"
            )
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

    def escalate_many(self, events: list[Event]) -> list[dict[str, Any] | None]:
        """`escalation(e)` for each event: cheap conditions as numpy masks, words only where needed."""
        n = len(events)
        chosen = np.full(n, -1, dtype=np.int64)
        if not n:
            return []
        codes: dict[object, int] = {}
        column = lambda values: np.array([codes.setdefault(v, len(codes)) for v in values], dtype=np.int64)  # noqa: E731
        coded = lambda wanted: [codes.setdefault(v, len(codes)) for v in wanted]  # noqa: E731
        channels, categories = column([e.channel for e in events]), column([e.category for e in events])
        authors = column([e.author_type for e in events])
        followers = np.array([-1 if e.followers is None else e.followers for e in events], dtype=np.int64)
        crisis = np.array([e.crisis for e in events], dtype=bool)
        times = np.fromiter((e.received_at for e in events), dtype=np.int64, count=n)
        lowered: dict[int, str] = {}
        for index, rule in enumerate(self._rules):
            when = rule["when"]
            mask = chosen == -1
            if when["categories"]:
                mask &= np.isin(categories, coded(when["categories"]))
            if when["channels"]:
                mask &= np.isin(channels, coded(when["channels"]))
            if when["author_types"]:
                mask &= np.isin(authors, coded(when["author_types"]))
            if when["min_followers"] is not None:
                mask &= (followers >= 0) & (followers >= when["min_followers"])
            if when["max_followers"] is not None:
                mask &= (followers >= 0) & (followers <= when["max_followers"])
            if when["crisis"] is not None:
                mask &= crisis == when["crisis"]
            if when["during"] is not None and mask.any():
                mask &= is_open_many(self.schedule(when["during"]), times)
            if when["outside"] is not None and mask.any():
                mask &= ~is_open_many(self.schedule(when["outside"]), times)
            if when["keywords"]:
                pattern = keyword_pattern(when["keywords"])
                for i in np.flatnonzero(mask).tolist():
                    if i not in lowered:
                        lowered[i] = events[i].text.lower()
                    if pattern.search(lowered[i]) is None:
                        mask[i] = False
            chosen[mask] = index
        return [None if c < 0 else self._rules[c] for c in chosen.tolist()]

    def on_duty_many(self, team_id: str, t: np.ndarray) -> list[tuple[str, ...]]:
        rota = self.document["teams"][team_id]["rota"]
        if rota is None:
            return [()] * len(t)
        if len(t) and (t.min() < rota["horizon_start"] or t.max() >= rota["horizon_end"]):
            self.on_duty(team_id, int(t.min() if t.min() < rota["horizon_start"] else t.max()))  # raises
        spans = rota["spans"]
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
                channel=e.channel, category=e.category, received_at=e.received_at, timezone=cols.zones[i],
                open=bool(cols.open[i]), next_open_at=_opt(cols.next_open[i]), closes_at=_opt(cols.closes[i]),
                clock=cols.plans[i].clock, acknowledge_by=_opt(cols.acknowledge[i]), respond_by=_opt(cols.respond[i]),
                team=cols.teams[i], on_duty=cols.on_duty[i], escalation=cols.escalations[i],
                explanation=cols.explanation(i),
            )
            for i, e in enumerate(events)
        ]

    def decision_lines(self, events: list[Event]) -> list[str]:
        """`json.dumps(decision.to_json(), ensure_ascii=False)` for each event, computed in bulk."""
        cols = self._columns(events)
        stamps = {name: cols.format_all(name, "rfc3339") for name in ("received", "next_open", "closes", "acknowledge", "respond")}
        explanations = cols.explanations()
        escalation_json: dict[int, str] = {}
        on_duty_json: dict[tuple, str] = {}
        lines = []
        for i, e in enumerate(events):
            people = cols.on_duty[i]
            if people not in on_duty_json:
                on_duty_json[people] = json.dumps(list(people))
            rule_key = id(cols.escalations[i])
            if rule_key not in escalation_json:
                escalation_json[rule_key] = json.dumps(cols.escalations[i], ensure_ascii=False)
            plan = cols.plans[i]
            lines.append(
                f'{{"channel": "{e.channel}", "category": "{e.category}", "received_at": {_js(stamps["received"][i])}, '
                f'"open": {"true" if cols.open[i] else "false"}, "next_open_at": {_js(stamps["next_open"][i])}, '
                f'"closes_at": {_js(stamps["closes"][i])}, "clock": {_js(plan.clock)}, '
                f'"acknowledge_by": {_js(stamps["acknowledge"][i])}, "respond_by": {_js(stamps["respond"][i])}, '
                f'"team": {_js(cols.teams[i])}, "on_duty": {on_duty_json[people]}, '
                f'"escalation": {escalation_json[rule_key]}, "explanation": {json.dumps(explanations[i], ensure_ascii=False)}}}'
            )
        return lines

    def _columns(self, events: list[Event]) -> _Columns:
        rules = self.escalate_many(events)
        plans = [self._plan(event, rule) for event, rule in zip(events, rules)]
        cols = _Columns(events, plans, self)
        cols.open, cols.next_open, cols.closes, cols.acknowledge, cols.respond = self._deadlines(events, plans)
        escalation_cache: dict[tuple, dict | None] = {}
        team_of: dict[tuple, str | None] = {}
        for event, rule in zip(events, rules):
            key = (id(rule), event.category, event.channel)
            if key not in escalation_cache:
                escalation_cache[key] = None if rule is None else {
                    "rule": rule["id"], "priority": rule["priority"], "route_to": rule["route_to"],
                    "notify": list(rule["notify"]),
                    "reply_style": rule["reply_style"] or self.document["categories"][event.category]["reply_style"],
                }
                team_of[key] = (rule or {}).get("route_to") or self.channel(event.channel)["team"]
            cols.escalations.append(escalation_cache[key])
            cols.teams.append(team_of[key])
        cols.on_duty = [()] * len(events)
        received = cols.column("received")
        by_team: dict[str, list[int]] = {}
        for i, team in enumerate(cols.teams):
            if team:
                by_team.setdefault(team, []).append(i)
        for team, indexes in by_team.items():
            for i, people in zip(indexes, self.on_duty_many(team, received[indexes])):
                cols.on_duty[i] = people
        zone_of = {
            schedule_id: self.document["schedules"][schedule_id]["timezone"] for schedule_id in self.document["schedules"]
        }
        default_zone = self.document["organization"]["timezone"]
        cols.zones = [zone_of[p.schedule] if p.schedule else default_zone for p in plans]
        return cols

    def _plan(self, event: Event, rule: dict[str, Any] | None) -> _Plan:
        key = (event.channel, event.category, event.crisis, None if rule is None else rule["id"])
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._make_plan(event, rule)
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

    def _deadlines(self, events: list[Event], plans: list[_Plan]) -> tuple[np.ndarray, ...]:
        """open, next_open, closes_at, acknowledge_by, respond_by as int64 columns (NO_TIME for none)."""
        n = len(events)
        columns = tuple(np.full(n, NO_TIME, dtype=np.int64) for _ in range(5))
        groups: dict[tuple, list[int]] = {}
        for index, plan in enumerate(plans):
            groups.setdefault(plan.key(), []).append(index)
        received = np.fromiter((e.received_at for e in events), dtype=np.int64, count=n)
        for indexes in groups.values():
            at = np.array(indexes, dtype=np.int64)
            for target, values in zip(columns, self._group_deadlines(plans[indexes[0]], received[at])):
                if values is not None:
                    target[at] = values
        return columns

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
    return any(words[i:i + size] == phrase for i in range(len(words) - size + 1))


def _js(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


class _Columns:
    """One batch's answers as columns, formatted per zone in bulk."""

    def __init__(self, events: list[Event], plans: list[_Plan], policy: Policy) -> None:
        self.events, self.plans, self.policy = events, plans, policy
        self.open = self.next_open = self.closes = self.acknowledge = self.respond = np.zeros(0, dtype=np.int64)
        self.escalations: list[dict | None] = []
        self.teams: list[str | None] = []
        self.on_duty: list[tuple[str, ...]] = []
        self.zones: list[str] = []
        self._formatted: dict[tuple[str, str], list[str | None]] = {}

    def column(self, name: str) -> np.ndarray:
        if name == "received":
            return np.fromiter((e.received_at for e in self.events), dtype=np.int64, count=len(self.events))
        return getattr(self, name)

    def format_all(self, name: str, style: str) -> list[str | None]:
        """Column `name` formatted ('rfc3339' or 'short') in each event's zone; None for no time."""
        key = (name, style)
        if key not in self._formatted:
            from .timefmt import ZoneFormatter

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

    def explanations(self) -> list[str]:
        """The explanation of every event, built column-wise."""
        if hasattr(self, "_explanations"):
            return self._explanations
        beyond = "beyond the compiled horizon"
        received, closes, opens, acknowledge, respond = (
            self.format_all(name, "short") for name in ("received", "closes", "next_open", "acknowledge", "respond")
        )
        out = []
        for i, (event, plan) in enumerate(zip(self.events, self.plans)):
            parts = [f"{event.category} on {event.channel} received {received[i] or beyond}"]
            if plan.schedule is None:
                parts.append("channel has no schedule (always open)")
            elif self.open[i]:
                parts.append(f"while {plan.schedule} is open (closes {closes[i] or beyond})")
            else:
                parts.append(f"while {plan.schedule} is closed (opens {opens[i] or beyond})")
            escalation = self.escalations[i]
            if escalation:
                parts.append(f"escalation rule '{escalation['rule']}' ({escalation['priority']})")
            if plan.clock:
                parts.append(f"{plan.clock} clock")
            if plan.acknowledge:
                parts.append(f"acknowledge by {acknowledge[i] or beyond}")
            if plan.respond:
                parts.append(f"respond by {respond[i] or beyond}")
            if self.teams[i]:
                parts.append(f"team {self.teams[i]}: " + (", ".join(self.on_duty[i]) or "nobody on duty"))
            out.append("; ".join(parts))
        self._explanations = out
        return out

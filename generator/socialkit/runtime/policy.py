"""Enforce the compiled policy: open/next opening, deadlines, on-duty, escalation.

The Policy answers one event or many; its parts live beside it: `types` (events,
decisions, the error), `batch` (the column-wise planner), `lines` (the JSON-lines
writer) and `shape` (the check of a loaded document).

Reads only the policy document (`policies/policy.json` or the in-memory result
of `compile_policy`), never the strategy, YAML or holiday calendars, so a tool
that enforces the policy needs nothing but this module, numpy and the JSON.

    >>> policy = Policy.load("policies/policy.json")
    >>> policy.decide(Event("facebook", "complaint", received_at=1795451400)).respond_by
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from socialkit import END_OF_NEXT_BUSINESS_DAY, POLICY_FORMAT
from socialkit.engine.compiled import CompiledSchedule, schedule_from_plain
from socialkit.engine.deadlines import (
    business_deadlines,
    end_of_next_business_days,
    is_open_many,
    next_open_many,
)
from socialkit.engine.workdays import working_day_deadlines
from socialkit.runtime.batch import (
    DecisionColumns,
    PlanGroup,
    _coded_channels_and_categories,
    _Grouped,
    _rule_indexes,
    decide_columns,
    keyword_pattern,
)
from socialkit.runtime.lines import _Columns

if TYPE_CHECKING:
    from socialkit.engine.timefmt import ZoneFormatter
    from socialkit.runtime.moderation import ModerationDecision
    from socialkit.runtime.publishing import PublishDecision
from socialkit.runtime.types import NO_TIME, Decision, Event, EventBatch, PolicyError, _shown, parse_instant, rfc3339

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


DAY = 86400
OTHERWISE = "otherwise"  # the arrival window that applies at any time (strategy.model.OTHERWISE: the runtime reads no model)
MAX_BEYOND_DAYS = 3652  # past the compiled horizon the rules answer for 10 years; then a clear error
EXTENSION_MARGIN_DAYS = 400  # compiled past the latest instant, so its deadlines usually fit
EXTENSION_STEP_DAYS = 366  # extensions are cached by span, rounded up to whole steps
MAX_EXTENSIONS = 8  # extensions kept per policy


@dataclass
class _Plan:
    """How one event's deadlines are computed: grouped so batches vectorise.

    Each target carries its own clock: an escalation rule's own limit may run
    on the calendar clock while the SLA's other target stays on business time.
    """

    schedule: str | None
    acknowledge: dict[str, Any] | None  # {"within", "if_received_closed", "clock"}, or {"windows": [...]} by arrival
    respond: dict[str, Any] | None
    promise: str = "deadline"  # deadline, best-effort, read-only or none: deadlines exist only for 'deadline'
    update_if_longer: bool = False  # the person is told if the answer takes longer
    update: dict[str, Any] | None = None  # when that update is due: {"within", "if_received_closed": None, "clock"}
    windows: dict[str, str | None] | None = None  # after the split by arrival: target -> window applied (None: none matched)

    @property
    def clock(self) -> str | None:
        main = self.respond or self.acknowledge
        return main["clock"] if main else None

    @property
    def by_arrival(self) -> bool:
        """Whether a target depends on when the message arrives (split per event before any deadline is computed)."""
        return any(timing is not None and "windows" in timing for timing in (self.acknowledge, self.respond))

    def key(self) -> tuple:
        return (self.schedule, _timing_key(self.acknowledge), _timing_key(self.respond), self.promise, _timing_key(self.update))


def _timing_key(timing: dict[str, Any] | None) -> tuple | None:
    return None if timing is None else (_within_key(timing["within"]), timing.get("if_received_closed"), timing["clock"])


def _within_key(within: int | dict[str, int]) -> int | tuple:
    return tuple(sorted(within.items())) if isinstance(within, dict) else within


def _gives_time(plan: _Plan, kind: str) -> bool:
    """Whether the plan's target of `kind` has a deadline to compute (working days need a schedule)."""
    timing = getattr(plan, kind)
    return timing is not None and (plan.schedule is not None or not isinstance(timing["within"], dict))


@dataclass
class Policy:
    document: dict[str, Any]
    _schedules: dict[str, CompiledSchedule] = field(default_factory=dict, repr=False)
    _formatters: dict[str, Any] = field(default_factory=dict, repr=False)
    _plans: dict[tuple, Any] = field(default_factory=dict, repr=False)
    _shapes: dict[tuple, Any] = field(default_factory=dict, repr=False)
    _extensions: dict[int, Policy] = field(default_factory=dict, repr=False)

    # --- loading ---------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path, *, label: str | None = None) -> Policy:
        """Read and check a policy.json; PolicyError (one line, with the JSON path) if it is unusable.

        `label` names the file in messages (default: the path as given).
        """
        import orjson

        shown = label or str(path)
        try:
            document = orjson.loads(Path(path).read_bytes())
        except OSError as err:
            raise PolicyError(f"cannot read policy {shown}: {err.strerror or err}") from None
        except orjson.JSONDecodeError as err:
            raise PolicyError(f"cannot read policy {shown}: not JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
        return cls.from_document(document, source=shown)

    @classmethod
    def from_document(cls, document: dict[str, Any], source: str | None = None) -> Policy:
        """A Policy for a document, after checking it against the published schema and the engine's invariants.

        `source` names the file it was read from; None means a document compiled in memory.
        """
        from socialkit.runtime.shape import ShapeError, check_document

        if not isinstance(document, dict) or document.get("format") != POLICY_FORMAT:
            where = f"{source}: " if source else ""
            raise PolicyError(f"{where}not a {POLICY_FORMAT} document (run 'socialkit build' to regenerate it)")
        try:
            check_document(document)
        except ShapeError as err:
            if source is None:
                raise PolicyError(f"the compiled policy cannot be used: {err} (a value of the strategy out of range?)") from None
            raise PolicyError(f"{source}: {err}; run 'socialkit build' to regenerate it") from None
        return cls(document)

    def formatter(self, zone: str) -> ZoneFormatter:
        from socialkit.engine.timefmt import ZoneFormatter

        if zone not in self._formatters:
            provenance = self.document["provenance"]
            horizon = (provenance["horizon_start"], provenance["horizon_end"]) if provenance.get("horizon_start") is not None else None
            self._formatters[zone] = ZoneFormatter(zone, horizon)  # one offset table for the whole horizon, when one is needed
        return self._formatters[zone]

    def schedule(self, schedule_id: str) -> CompiledSchedule:
        if schedule_id not in self._schedules:
            self._schedules[schedule_id] = schedule_from_plain(self.document["schedules"][schedule_id]["compiled"])
        return self._schedules[schedule_id]

    def channel(self, channel_id: str) -> dict[str, Any]:
        try:
            return self.document["channels"][channel_id]
        except KeyError:
            raise PolicyError(f"unknown channel '{_shown(channel_id)}'{_suggest(channel_id, self.document['channels'])}") from None

    @cached_property
    def _rules(self) -> list[dict[str, Any]]:
        return self.document["escalation"]

    # --- questions -------------------------------------------------------------------

    def channel_schedule(self, channel_id: str, crisis: bool = False) -> str | None:
        channel = self.channel(channel_id)
        return (channel["crisis_schedule"] or channel["schedule"]) if crisis else channel["schedule"]

    def channel_promise(self, channel_id: str, crisis: bool = False) -> str:
        """What the channel promises about replies: deadline, best-effort, read-only or none (a category's
        SLA target or an escalation rule may say otherwise for one message: see `decide`)."""
        channel = self.channel(channel_id)
        return "deadline" if crisis and channel["crisis_sla"] else channel_promise_of(channel)

    def is_open(self, channel_id: str, t: int, crisis: bool = False) -> bool:
        schedule = self.channel_schedule(channel_id, crisis)
        policy = self._answering(np.array([t]))
        return True if schedule is None else bool(is_open_many(policy.schedule(schedule), np.array([t]))[0])

    def next_open(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        policy = self._answering(np.array([t]))
        if schedule is None:
            return t
        found = next_open_many(policy.schedule(schedule), np.array([t]))
        while found[0] == NO_TIME and (further := self._further(policy)) is not None:
            policy = further
            found = next_open_many(policy.schedule(schedule), np.array([t]))
        return _opt(found[0])

    def closes_at(self, channel_id: str, t: int, crisis: bool = False) -> int | None:
        schedule = self.channel_schedule(channel_id, crisis)
        policy = self._answering(np.array([t]))
        if schedule is None:
            return None
        while _cut_at_the_end(policy.schedule(schedule), np.array([t])) and (further := self._further(policy)) is not None:
            policy = further
        return _closes_at(policy.schedule(schedule), t)

    def may_publish(self, channel_id: str, t: int) -> PublishDecision:
        """May we publish on the channel at t: its publishing hours and the blackouts in force, the reason,
        and when publishing is next allowed (see runtime/publishing.py)."""
        from socialkit.runtime.publishing import may_publish

        return may_publish(self, channel_id, t)

    def may_publish_many(self, posts: Iterable[tuple[str, int]]) -> list[PublishDecision]:
        """`may_publish` for each (channel id, instant), e.g. the rows of a publishing log."""
        from socialkit.runtime.publishing import may_publish

        return [may_publish(self, channel_id, t) for channel_id, t in posts]

    def moderate(self, channel_id: str, reason: str, prior_violations: int = 0) -> ModerationDecision:
        """Which moderation actions are allowed for `reason` on a channel, the steps before each and who approves."""
        from socialkit.runtime.moderation import moderate

        return moderate(self.document, channel_id, reason, prior_violations)

    def on_duty(self, team_id: str, t: int) -> tuple[str, ...]:
        try:
            rota = self.document["teams"][team_id]["rota"]
        except KeyError:
            raise PolicyError(f"unknown team '{_shown(team_id)}'{_suggest(team_id, self.document['teams'])}") from None
        if rota is None:
            return ()
        if not rota["horizon_start"] <= t < rota["horizon_end"]:
            return self._answering(np.array([t]), rota=rota).on_duty(team_id, t)
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

    # --- past the horizon: compiled from the rules in the document --------------------

    @property
    def answerable(self) -> tuple[int, int]:
        """[start, end) in epoch seconds: the arrivals this policy answers for, past the horizon included."""
        start, end = self.horizon
        return (start, end + MAX_BEYOND_DAYS * DAY) if self.has_rules else (start, end)

    @cached_property
    def has_rules(self) -> bool:
        """Whether every schedule and rota carries its rules, so the policy can be compiled past its horizon."""
        schedules = self.document["schedules"].values()
        teams = self.document["teams"].values()
        return all(s.get("rules") is not None for s in schedules) and all(
            t["rota"] is None or t.get("rota_rules") is not None for t in teams
        )

    def covering(self, t: int) -> Policy:
        """The policy whose compiled horizon holds instant t: this one, or one compiled further from the rules."""
        return self._answering(np.array([t]))

    def _answering(self, t: np.ndarray, rota: dict[str, Any] | None = None) -> Policy:
        """The policy that answers for instants t: this one when all lie inside its horizon (checked against
        `rota`'s when given), else one compiled from the rules far enough to hold them."""
        start, end = (rota["horizon_start"], rota["horizon_end"]) if rota is not None else self.horizon
        if not len(t) or start is None:
            return self
        low, high = int(t.min()), int(t.max())
        if start <= low and high < end:
            return self
        if low < start or not self.has_rules:
            raise PolicyError(self.outside_horizon_message(low if low < start else high))
        if high >= self.answerable[1]:
            raise PolicyError(self.beyond_rules_message(high))
        return self._extended(self._days_to_hold(high) + EXTENSION_MARGIN_DAYS)

    def _further(self, policy: Policy) -> Policy | None:
        """The next longer extension after `policy` (a deadline ran past its end), or None at the bound."""
        days = policy.document["provenance"]["horizon_days"]
        if not self.has_rules or days >= self._max_days:
            return None
        return self._extended(days + EXTENSION_MARGIN_DAYS)

    @property
    def _max_days(self) -> int:
        return self.document["provenance"]["horizon_days"] + MAX_BEYOND_DAYS + EXTENSION_MARGIN_DAYS

    def _days_to_hold(self, t: int) -> int:
        """Days from as_of to one day past t's UTC date (local dates lag UTC dates by at most a day)."""
        as_of = date.fromisoformat(self.document["provenance"]["as_of"])
        return (datetime.fromtimestamp(t, UTC).date() - as_of).days + 2

    def _extended(self, days: int) -> Policy:
        """This policy compiled for `days` from the same as_of (rounded up to whole steps, cached by span)."""
        days = min(-(-days // EXTENSION_STEP_DAYS) * EXTENSION_STEP_DAYS, self._max_days)
        if days not in self._extensions:
            if len(self._extensions) >= MAX_EXTENSIONS:
                del self._extensions[next(iter(self._extensions))]
            self._extensions[days] = Policy(extend_document(self.document, days))
        return self._extensions[days]

    def unanswerable_message(self, t: int) -> str:
        """Why instant t (outside `answerable`) gets no answer."""
        start, end = self.horizon
        return self.beyond_rules_message(t) if self.has_rules and t >= end else self.outside_horizon_message(t)

    def beyond_rules_message(self, t: int) -> str:
        provenance = self.document["provenance"]
        return (
            f"{datetime.fromtimestamp(t, UTC).isoformat()} is more than {MAX_BEYOND_DAYS // 365} years past the compiled horizon "
            f"({provenance['as_of']} + {provenance['horizon_days']} days); "
            "compile with an --as-of closer to it and try again"
        )

    def escalation(self, event: Event) -> dict[str, Any] | None:
        """The first rule whose conditions all hold, or None."""
        start, end = self.horizon
        inside = start is None or start <= event.received_at < end
        policy = self if inside or not self.has_rules else self._answering(np.array([event.received_at]))
        words = event.text.lower()
        for rule in policy._rules:
            if policy._matches(rule["when"], event, words):
                return rule
        return None

    def _matches(self, when: dict[str, Any], event: Event, words: str) -> bool:
        if when["categories"] and event.category not in when["categories"]:
            return False
        if when["channels"] and event.channel not in when["channels"]:
            return False
        if when["author_types"] and event.author_type not in when["author_types"]:
            return False
        if when.get("kinds") and event.kind not in when["kinds"]:
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
        chosen = _rule_indexes(self._answering(batch.received_at), batch, *_coded_channels_and_categories(batch))
        return [None if c < 0 else self._rules[c] for c in chosen.tolist()]

    def on_duty_many(self, team_id: str, t: np.ndarray) -> list[tuple[str, ...]]:
        codes, people = self.on_duty_codes(team_id, t)
        return [people[c] for c in codes.tolist()]

    def on_duty_codes(self, team_id: str, t: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Who is on duty at each t, as an index into the returned list of people."""
        if team_id not in self.document["teams"]:
            raise PolicyError(f"unknown team '{_shown(team_id)}'{_suggest(team_id, self.document['teams'])}")
        rota = self.document["teams"][team_id]["rota"]
        nobody: tuple[np.ndarray, list[tuple[str, ...]]] = (np.zeros(len(t), dtype=np.int64), [()])
        if rota is None:
            return nobody
        if len(t) and (t.min() < rota["horizon_start"] or t.max() >= rota["horizon_end"]):
            return self._answering(t, rota=rota).on_duty_codes(team_id, t)
        spans = rota["spans"]
        if not spans:  # nobody on duty anywhere in the horizon
            return nobody
        starts = np.fromiter((s[0] for s in spans), dtype=np.int64, count=len(spans))
        ends = np.fromiter((s[1] for s in spans), dtype=np.int64, count=len(spans))
        people = [tuple(s[2]) for s in spans] + [()]
        k = np.searchsorted(starts, t, side="right") - 1
        inside = (k >= 0) & (t < ends[np.maximum(k, 0)])
        return np.where(inside, k, len(spans)), people

    def _open_in(self, schedule_id: str, t: int) -> bool:
        return bool(is_open_many(self.schedule(schedule_id), np.array([t]))[0])

    # --- decisions -------------------------------------------------------------------

    def decide(self, event: Event) -> Decision:
        return self.decide_many([event])[0]

    def decide_many(self, events: list[Event]) -> list[Decision]:
        """Decisions for many events; deadlines are computed per group with numpy."""
        cols = self._columns(events)
        times = [_times_or_none(column) for column in (cols.next_open, cols.closes, cols.acknowledge, cols.respond, cols.update)]
        plans = [(plan.clock, plan.windows, plan.promise, plan.update_if_longer) for plan in cols.group_plans]
        return [
            Decision(
                channel=e.channel,
                category=e.category,
                received_at=e.received_at,
                timezone=zone,
                open=bool(is_open),
                next_open_at=next_open,
                closes_at=closes,
                clock=clock,
                acknowledge_by=acknowledge,
                respond_by=respond,
                team=team,
                on_duty=people,
                escalation=escalation,
                explanation=explanation,
                arrival_window=windows,
                promise=promise,
                update_if_longer=update_if_longer,
                update_by=update,
                kind=e.kind,
                handling=None if e.kind is None else self.kind_handling(e.channel, e.kind),
            )
            for (
                e,
                zone,
                is_open,
                next_open,
                closes,
                acknowledge,
                respond,
                update,
                team,
                people,
                escalation,
                explanation,
                (clock, windows, promise, update_if_longer),
            ) in zip(
                events,
                cols.zones,
                cols.open.tolist(),
                *times,
                cols.teams,
                cols.on_duty,
                cols.escalations,
                cols.explanations,
                [plans[g] for g in cols.group.tolist()],
            )
        ]

    def decision_lines(self, events: list[Event] | EventBatch) -> list[str]:
        """`json.dumps(decision.to_json(), ensure_ascii=False)` for each event, computed in bulk."""
        return self.decision_bytes(events).decode("utf-8").split("\n")[:-1]

    def decision_bytes(self, events: list[Event] | EventBatch) -> bytes:
        """The decision lines as UTF-8, each followed by a newline: what `evaluate --events` writes."""
        return b"".join(self.decision_blocks(events))

    def decision_blocks(self, events: list[Event] | EventBatch) -> list[bytes]:
        """`decision_bytes` in a few blocks (a writer saves copying them into one)."""
        return self._columns(events).lines() if len(events) else []

    def _columns(self, events: list[Event] | EventBatch) -> _Columns:
        """The answers as columns, from this policy or, past its horizon (or when a deadline runs past its end),
        from one compiled further from the rules: the same answers as a policy compiled that far."""
        batch = EventBatch.from_events(events)
        policy = self._answering(batch.received_at)
        grouped = policy._grouped(batch)
        while policy._runs_past_end(batch, grouped) and (further := self._further(policy)) is not None:
            policy, grouped = further, further._grouped(batch)
        return policy._columns_from(batch, grouped)

    def _runs_past_end(self, batch: EventBatch, grouped: _Grouped) -> bool:
        """Whether a next opening, a due deadline or a closing lies past the compiled end (cheap when none does)."""
        _, next_open, closes, acknowledge, respond, update = grouped.deadlines
        if not len(next_open):
            return False
        if (next_open == NO_TIME).any():
            return True
        for column, kind in ((acknowledge, "acknowledge"), (respond, "respond"), (update, "update")):
            missing = column == NO_TIME
            if missing.any():
                expected = np.array([_gives_time(plan, kind) for plan in grouped.plans], dtype=bool)
                if (missing & expected[grouped.group]).any():
                    return True
        late = (grouped.deadlines[0] == 1) & (closes == NO_TIME)  # open, closing unknown (or no schedule)
        if not late.any():
            return False
        for schedule in {plan.schedule for plan in grouped.plans if plan.schedule is not None}:
            in_group = np.array([plan.schedule == schedule for plan in grouped.plans], dtype=bool)
            if _cut_at_the_end(self.schedule(schedule), batch.received_at[late & in_group[grouped.group]]).any():
                return True
        return False

    def _columns_from(self, batch: EventBatch, grouped: _Grouped) -> _Columns:
        teams = [g.team for g in grouped.groups]
        duty, people = self._duty_column(_indexes_by_value(teams, grouped.group), batch.received_at)
        return _Columns(batch, self, grouped.group, grouped.groups, grouped.plans, grouped.deadlines, duty, people)

    def _grouped(self, batch: EventBatch) -> _Grouped:
        """Events grouped by (channel, category, crisis, escalation rule), with every deadline column filled."""
        channels, categories, vocabulary = _coded_channels_and_categories(batch)
        rules = _rule_indexes(self, batch, channels, categories, vocabulary)
        kinds, kind_count = _coded_kinds(batch)
        width = len(vocabulary) + 1
        key = ((channels * width + categories) * 2 + batch.crisis.astype(np.int64)) * (len(self._rules) + 1) + rules + 1
        if kind_count:  # events of the same plan but another kind may be due at other times
            key = key * (kind_count + 1) + kinds
        unique, first, group = np.unique(key, return_index=True, return_inverse=True)
        group = group.reshape(-1).astype(np.int64)
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(len(unique) + 1))
        deadlines = tuple(np.full(len(batch), NO_TIME, dtype=np.int64) for _ in range(6))
        groups: list[PlanGroup] = []
        plans: list[_Plan] = []
        by_timing: dict[tuple, tuple[_Plan, list[np.ndarray]]] = {}  # deadlines are computed once per timing
        for g, i in enumerate(first.tolist()):
            rule = None if rules[i] < 0 else self._rules[int(rules[i])]
            channel, category, crisis = batch.channel[i], batch.category[i], bool(batch.crisis[i])
            kind = None if batch.kind is None else batch.kind[i]
            plan = self._plan_for(channel, category, crisis, rule, kind)
            team = (rule or {}).get("route_to") or self.channel(channel)["team"]
            at = order[bounds[g] : bounds[g + 1]]
            parts = self._by_arrival(plan, batch.received_at[at]) if plan.by_arrival else [(plan, None)]
            for part, rows in parts:
                events = at if rows is None else at[rows]
                if len(groups) != g or rows is not None:  # group numbers shifted by an earlier split
                    group[events] = len(groups)
                groups.append(
                    PlanGroup(
                        channel,
                        category,
                        crisis,
                        None if rule is None else rule["id"],
                        part.schedule,
                        team,
                        part.acknowledge,
                        part.respond,
                        promise=part.promise,
                        update=part.update,
                        arrival_window=part.windows,
                        kind=kind,
                    )
                )
                plans.append(part)
                same = by_timing.setdefault(part.key(), (part, []))  # groups of other channels often share timings
                same[1].append(events)
        for part, indexes in by_timing.values():
            events = np.concatenate(indexes) if len(indexes) > 1 else indexes[0]
            for column, values in zip(deadlines, self._group_deadlines(part, batch.received_at[events])):
                if values is not None:
                    column[events] = values
        return _Grouped(group, groups, plans, deadlines)

    def _by_arrival(self, plan: _Plan, t: np.ndarray) -> list[tuple[_Plan, np.ndarray]]:
        """A plan whose targets depend on the arrival, split into ordinary plans: one per combination of the
        arrival windows that apply, with the rows (of t) it applies to."""
        chosen = {kind: self._window_choice(getattr(plan, kind), t) for kind in ("acknowledge", "respond")}
        width = 1 + len((plan.respond or {}).get("windows", ()))
        code = (chosen["acknowledge"] + 1) * (width + 1) + chosen["respond"] + 1
        out = []
        for value in np.unique(code).tolist():
            picks = {"acknowledge": value // (width + 1) - 1, "respond": value % (width + 1) - 1}
            key = (id(plan), picks["acknowledge"], picks["respond"])
            part = self._plans.get(key)
            if part is None:
                part = self._plans[key] = _window_plan(plan, picks)
            out.append((part, np.flatnonzero(code == value)))
        return out

    def _window_choice(self, timing: dict[str, Any] | None, t: np.ndarray) -> np.ndarray:
        """Per arrival, the index of the first window that applies; -1 where none does (or the target has no windows)."""
        choice = np.full(len(t), -1, dtype=np.int64)
        for k, window in enumerate((timing or {}).get("windows", ())):
            free = choice == -1
            if not free.any():
                break
            if window["during"] is None:
                choice[free] = k
                break
            choice[free & is_open_many(self.schedule(window["during"]), t)] = k
        return choice

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
            "reply_style": rule["reply_style"] or self.document["categories"][group.category].get("reply_style"),
        }

    def _zone_of(self, schedule: str | None) -> str:
        if schedule is None:
            return self.document["organization"]["timezone"]
        return self.document["schedules"][schedule]["timezone"]

    def _duty_column(self, by_team: dict[str | None, np.ndarray], received: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Per event, an index into the returned list of who is on duty (0: nobody, or no team)."""
        duty = np.zeros(len(received), dtype=np.int64)
        people: list[tuple[str, ...]] = [()]
        for team, indexes in by_team.items():
            if team:
                codes, names = self.on_duty_codes(team, received[indexes])
                duty[indexes] = codes + len(people)
                people += names
        distinct = list(dict.fromkeys(people))  # rota spans repeat the same people: one shape each, not one per span
        index = {names: k for k, names in enumerate(distinct)}
        return np.array([index[names] for names in people], dtype=np.int64)[duty], distinct

    def _plan(self, event: Event, rule: dict[str, Any] | None) -> _Plan:
        return self._plan_for(event.channel, event.category, event.crisis, rule, event.kind)

    def _plan_for(self, channel: str, category: str, crisis: bool, rule: dict[str, Any] | None, kind: str | None = None) -> _Plan:
        key = (channel, category, crisis, None if rule is None else rule["id"], kind)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._make_plan(Event(channel, category, 0, crisis=crisis, kind=kind), rule)
        return plan

    def kind_handling(self, channel_id: str, kind: str) -> dict[str, Any] | None:
        """The channel's handling of a message kind (promise, redirect, sla), or None: handled as the channel."""
        known = self.document.get("message_kinds", ())
        if kind not in known:
            raise PolicyError(
                f"unknown message kind '{_shown(kind)}'{_suggest(kind, known) if known else '; this policy has no message kinds'}"
            )
        return self.channel(channel_id).get("kinds", {}).get(kind)

    def _make_plan(self, event: Event, rule: dict[str, Any] | None) -> _Plan:
        channel = self.channel(event.channel)
        if event.category not in self.document["categories"]:
            raise PolicyError(f"unknown category '{_shown(event.category)}'{_suggest(event.category, self.document['categories'])}")
        handling = None if event.kind is None else self.kind_handling(event.channel, event.kind)
        kind_promise = (handling or {}).get("promise")
        channel_promise = kind_promise or channel_promise_of(channel)  # a kind's own promise wins outside its SLA targets
        deadline_sla = ((handling or {}).get("sla") or channel["sla"]) if channel_promise == "deadline" else None
        sla_id = (channel["crisis_sla"] or (channel["sla"] if channel_promise == "deadline" else None)) if event.crisis else deadline_sla
        sla = self.document["slas"].get(sla_id) if sla_id else None
        targets = (sla["targets"].get(event.category) or sla["targets"].get("default") or {}) if sla else {}
        if handling is not None and handling["promise"] not in (None, "deadline"):  # no time promised for this kind
            targets = {}
        clock = sla["clock"] if sla else "calendar"
        acknowledge = _with_clock(targets.get("acknowledge"), clock)
        respond = _with_clock(targets.get("respond"), clock)
        if rule is not None:
            rule_clock = rule["clock"] or clock
            if rule["acknowledge_within"] is not None:
                acknowledge = {"within": rule["acknowledge_within"], "if_received_closed": None, "clock": rule_clock}
            if rule["respond_within"] is not None:
                respond = {"within": rule["respond_within"], "if_received_closed": None, "clock": rule_clock}
        untimed_kind = kind_promise not in (None, "deadline")
        promise = plan_promise(
            acknowledge is not None or respond is not None, sla is not None and not untimed_kind, targets, channel_promise
        )
        update = channel.get("update_if_longer") if promise in ("deadline", "best-effort") else None
        due = (
            None
            if update is None or update["after"] is None
            else {"within": update["after"], "if_received_closed": None, "clock": update["clock"]}
        )
        return _Plan(self.channel_schedule(event.channel, event.crisis), acknowledge, respond, promise, update is not None, due)

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
            window_end = cs.ends[np.maximum(k, 0)] if len(cs.ends) else NO_TIME
            closes = np.where(open_ & (window_end < cs.horizon_end), window_end, NO_TIME)  # else unknown: past the end
        acknowledge = _due(cs, plan.acknowledge, t, open_, nxt)
        respond = _due(cs, plan.respond, t, open_, nxt)
        if acknowledge is not None and respond is not None:  # never due after the reply itself
            acknowledge = np.where((respond != NO_TIME) & ((acknowledge == NO_TIME) | (acknowledge > respond)), respond, acknowledge)
        return open_.astype(np.int64), nxt, closes, acknowledge, respond, _due(cs, plan.update, t, open_, nxt)

    # --- records and account governance (runtime/governance.py) ---------------------------

    def records_duty(self, content: str) -> dict[str, Any]:
        """What the policy says about keeping `content` (a comment, a direct message...): registered, where, how long."""
        from socialkit.runtime.governance import records_duty

        return records_duty(self.document, content)

    def account_status(self, channel_id: str) -> dict[str, Any]:
        """The channel's owner and administrators against the account rules, with every gap."""
        from socialkit.runtime.governance import account_status

        return account_status(self.document, channel_id)

    def inactivity(self, channel_id: str, last_post_at: int, at: int) -> dict[str, Any]:
        """Whether the channel's account is past the inactivity threshold at `at`, given its last post."""
        from socialkit.runtime.governance import inactivity

        return inactivity(self.document, channel_id, last_post_at, at)


def _cut_at_the_end(cs: CompiledSchedule, t: np.ndarray) -> np.ndarray:
    """Where t lies in a window that runs into the compiled end, so its closing is not known yet (a window
    that has covered the whole span, as round-the-clock hours do, does not count: it never closes)."""
    if not len(cs.starts):
        return np.zeros(len(t), dtype=bool)
    k = np.maximum(np.searchsorted(cs.starts, t, side="right") - 1, 0)
    return (cs.ends[k] >= cs.horizon_end) & (cs.starts[k] > cs.horizon_start) & (cs.starts[k] <= t)


def extend_document(document: dict[str, Any], horizon_days: int) -> dict[str, Any]:
    """`document` with its schedules and rotas compiled from their rules for horizon_days from the same as_of.

    Imports the engine's compilers (and, through them, the holiday calendars) only when called.
    """
    from socialkit.engine.rota import compile_rota, rota_spec_from_plain
    from socialkit.engine.windows import compile_schedule, spec_from_plain

    provenance = document["provenance"]
    as_of = date.fromisoformat(provenance["as_of"])
    try:
        schedules = {
            key: {**schedule, "compiled": compile_schedule(spec_from_plain(schedule["rules"]), as_of, horizon_days).to_plain()}
            for key, schedule in document["schedules"].items()
        }
        teams = {
            key: team
            if team["rota"] is None
            else {**team, "rota": compile_rota(rota_spec_from_plain(team["rota_rules"]), as_of, horizon_days).to_plain()}
            for key, team in document["teams"].items()
        }
    except (KeyError, ValueError, TypeError) as err:
        raise PolicyError(
            f"cannot compile the policy past its horizon from its rules: {err}; run 'socialkit build' to regenerate it"
        ) from None
    any_schedule = next(iter(schedules.values()), None)
    horizon = (
        {"horizon_start": any_schedule["compiled"]["horizon_start"], "horizon_end": any_schedule["compiled"]["horizon_end"]}
        if any_schedule
        else {}
    )
    return {
        **document,
        "provenance": {**provenance, "horizon_days": horizon_days, **horizon},
        "schedules": schedules,
        "teams": teams,
    }


def _coded_kinds(batch: EventBatch) -> tuple[np.ndarray, int]:
    """The kind column as codes (0: no kind) and how many distinct kinds it holds (0 when no event states one)."""
    if batch.kind is None:
        return np.zeros(len(batch), dtype=np.int64), 0
    codes: dict[str | None, int] = {None: 0}
    for kind in dict.fromkeys(batch.kind):
        codes.setdefault(kind, len(codes))
    return np.fromiter(map(codes.__getitem__, batch.kind), dtype=np.int64, count=len(batch)), len(codes)


def _indexes_by_value(values: list, group: np.ndarray) -> dict:
    """{value: indexes of the events (in order) whose group has that value}, from one value per group."""
    distinct = list(dict.fromkeys(values))
    code_of_group = np.array([distinct.index(v) for v in values], dtype=np.int64)
    codes = code_of_group[group] if len(group) else np.zeros(0, dtype=np.int64)
    return {value: np.flatnonzero(codes == k) for k, value in enumerate(distinct)}


def channel_promise_of(channel: dict[str, Any]) -> str:
    """The channel's promise; a document written before promises existed: 'deadline' with an SLA, else 'none'."""
    return channel.get("promise") or ("deadline" if channel["sla"] else "none")


def plan_promise(timed: bool, has_sla: bool, target: dict[str, Any], channel_promise: str) -> str:
    """What one message is promised: 'deadline' when it has a time; else its SLA target's promise ('none' for a category
    the SLA has no target for); without an SLA, the channel's own promise ('none' where it would be a deadline)."""
    if timed:
        return "deadline"
    if has_sla:
        return target.get("promise", "deadline") if target else "none"
    return channel_promise if channel_promise != "deadline" else "none"


def _with_clock(timing: dict[str, Any] | None, clock: str) -> dict[str, Any] | None:
    if timing is None or "windows" in timing:  # each window carries its own clock
        return timing
    return {**timing, "clock": clock}


def _window_plan(plan: _Plan, picks: dict[str, int]) -> _Plan:
    """The ordinary plan of arrivals whose windows are `picks` (target -> window index, -1: none applies)."""
    timings: dict[str, dict[str, Any] | None] = {}
    labels: dict[str, str | None] = {}
    for kind, pick in picks.items():
        timing = getattr(plan, kind)
        if timing is None or "windows" not in timing:
            timings[kind] = timing
            continue
        window = timing["windows"][pick] if pick >= 0 else None
        timings[kind] = None if window is None else {key: value for key, value in window.items() if key != "during"}
        labels[kind] = None if window is None else (window["during"] or OTHERWISE)
    return dataclasses.replace(plan, acknowledge=timings["acknowledge"], respond=timings["respond"], windows=labels)


def _due(
    cs: CompiledSchedule | None, timing: dict[str, Any] | None, t: np.ndarray, open_: np.ndarray, nxt: np.ndarray
) -> np.ndarray | None:
    if timing is None:
        return None
    clock = timing["clock"]
    closed_rule = timing.get("if_received_closed")
    if isinstance(timing["within"], dict):  # working days: the schedule's dates decide, whatever the clock
        if cs is None:
            return np.full(len(t), NO_TIME, dtype=np.int64)
        due = working_day_deadlines(cs, t, timing["within"]["working_days"])
    elif cs is None or clock == "calendar":
        due = t + timing["within"]
    else:
        due = business_deadlines(cs, t, np.full(len(t), timing["within"], dtype=np.int64))
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
    """The end of the window open at t; None when closed at t, or when the window runs to the compiled end."""
    i = int(np.searchsorted(cs.starts, t, side="right")) - 1
    if i >= 0 and t < cs.ends[i] < cs.horizon_end:
        return int(cs.ends[i])
    return None


def _suggest(value: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(str(value)[:100], list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(known))}"


def _opt(value: Any) -> int | None:
    value = int(value)
    return None if value == NO_TIME else value


def _times_or_none(column: np.ndarray) -> list[int | None]:
    """A deadline column as Python ints, None for no time."""
    return [None if t == NO_TIME else t for t in column.tolist()]

"""Stage 2: the policy's verdict on every message of a Log.

For each message: the escalation rule and plan that applied (policy columns,
no per-row Python), the acknowledge and respond deadlines, whether each was
met, and the acknowledge/response times on the business clock (open seconds
of the plan's schedule) and on the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.audit.read import BadRow, Log
from socialkit.engine.deadlines import open_seconds_before_many
from socialkit.runtime.policy import NO_TIME, EventBatch, PlanGroup, Policy, decide_columns

STATES = ("met", "breached", "pending", "no target", "unknown")
MET, BREACHED, PENDING, NO_TARGET, UNKNOWN = range(len(STATES))


@dataclass
class Verdicts:
    log: Log
    now: int  # the audit's reference instant: unanswered messages are aged and judged at it
    groups: list[PlanGroup]
    group: np.ndarray
    open: np.ndarray
    acknowledge_by: np.ndarray  # NO_TIME: no target, or beyond the horizon
    respond_by: np.ndarray
    acknowledge_state: np.ndarray  # int8 index into STATES
    respond_state: np.ndarray
    state: np.ndarray  # the message as a whole: breached if any target is, then pending, unknown, met
    acknowledge_calendar: np.ndarray  # seconds, NO_TIME if never acknowledged
    acknowledge_business: np.ndarray
    respond_calendar: np.ndarray
    respond_business: np.ndarray
    age: np.ndarray  # now - received for unanswered messages, else NO_TIME

    def __len__(self) -> int:
        return len(self.group)

    def column(self, name: str) -> list:
        """Per-message plan facts: 'rule', 'team', 'schedule', 'clock'."""
        if name == "clock":
            values = [(g.respond or g.acknowledge or {}).get("clock") for g in self.groups]
        else:
            values = [getattr(g, name) for g in self.groups]
        return [values[g] for g in self.group.tolist()]


def horizon_problems(log: Log, policy: Policy) -> tuple[Log, list[BadRow]]:
    """Rows arriving outside the compiled horizon, as problems that say how to widen it; the rest."""
    provenance = policy.document["provenance"]
    start, end = provenance["horizon_start"], provenance["horizon_end"]
    outside = (log.received_at < start) | (log.received_at >= end)
    if not outside.any():
        return log, []
    zone = ZoneInfo(policy.document["organization"]["timezone"])
    first = date.fromisoformat(provenance["as_of"])
    last = first + timedelta(days=provenance["horizon_days"] - 1)
    fix = (
        f"outside the policy's horizon {first} to {last} (as_of {first}, {provenance['horizon_days']} days); "
        "audit with --strategy and --as-of on or before the log's first day, or raise horizon_days and rebuild"
    )
    problems = [
        BadRow(log.files[log.file[i]], int(log.line[i]), "outside the horizon", f"received {_day(int(log.received_at[i]), zone)}: {fix}")
        for i in np.flatnonzero(outside).tolist()
    ]
    return log.take(~outside), problems


def _day(t: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, zone).date().isoformat()


def judge(log: Log, policy: Policy, now: int | None = None) -> Verdicts:
    """Verdicts for every row of `log` (arrivals must be inside the horizon: see horizon_problems)."""
    now = latest_instant(log) if now is None else now
    decided = decide_columns(policy, event_batch(log))
    groups = decided.groups
    has_ack = np.array([g.acknowledge is not None for g in groups] + [False], dtype=bool)[decided.group]
    has_resp = np.array([g.respond is not None for g in groups] + [False], dtype=bool)[decided.group]
    ack_state = _state(has_ack, decided.acknowledge_by, log.acknowledged_at, now)
    resp_state = _state(has_resp, decided.respond_by, log.responded_at, now)
    state = _overall(ack_state, resp_state)
    ack_cal, ack_bus = _elapsed(policy, groups, decided.group, log.received_at, log.acknowledged_at)
    resp_cal, resp_bus = _elapsed(policy, groups, decided.group, log.received_at, log.responded_at)
    unanswered = log.responded_at == NO_TIME
    age = np.where(unanswered, np.maximum(now - log.received_at, 0), NO_TIME)
    return Verdicts(
        log,
        now,
        groups,
        decided.group,
        decided.open,
        decided.acknowledge_by,
        decided.respond_by,
        ack_state,
        resp_state,
        state,
        ack_cal,
        ack_bus,
        resp_cal,
        resp_bus,
        age,
    )


def event_batch(log: Log) -> EventBatch:
    """The policy's columnar events for a log; absent optional columns read as unknown."""
    n = len(log)
    return EventBatch(
        channel=log.channel,
        category=log.category,
        received_at=log.received_at,
        text=log.text if log.text is not None else [""] * n,
        followers=log.followers if log.followers is not None else np.full(n, -1, dtype=np.int64),
        author_type=log.author_type if log.author_type is not None else [None] * n,
        crisis=log.crisis if log.crisis is not None else np.zeros(n, dtype=bool),
        kind=None if log.kind is None or all(k is None for k in log.kind) else log.kind,
    )


def latest_instant(log: Log) -> int:
    """The log's last recorded instant: the default 'now' of an audit (when the export was taken, at the latest)."""
    values = [log.received_at, log.acknowledged_at, log.responded_at]
    return int(max((v.max() for v in values if len(v)), default=0))


def _state(has_target: np.ndarray, due: np.ndarray, done: np.ndarray, now: int) -> np.ndarray:
    answered = done != NO_TIME
    state = np.full(len(due), NO_TARGET, dtype=np.int8)
    known = has_target & (due != NO_TIME)
    state[has_target & (due == NO_TIME)] = UNKNOWN
    state[known & answered & (done <= due)] = MET
    state[known & ((answered & (done > due)) | (~answered & (now > due)))] = BREACHED
    state[known & ~answered & (now <= due)] = PENDING
    return state


def _overall(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.full(len(a), NO_TARGET, dtype=np.int8)
    for state in (MET, UNKNOWN, PENDING, BREACHED):  # later wins
        out[(a == state) | (b == state)] = state
    return out


def _elapsed(
    policy: Policy, groups: list[PlanGroup], group: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(calendar, business) seconds from start to end; NO_TIME where end is NO_TIME."""
    done = end != NO_TIME
    calendar = np.where(done, end - start, NO_TIME)
    business = calendar.copy()
    schedule_of = (
        np.array([_schedule_index(g.schedule, groups) for g in groups], dtype=np.int64)[group] if len(group) else np.zeros(0, np.int64)
    )
    names = sorted({g.schedule for g in groups if g.schedule})
    for k, name in enumerate(names):
        rows = np.flatnonzero((schedule_of == k) & done)
        if len(rows):
            cs = policy.schedule(name)
            business[rows] = open_seconds_before_many(cs, end[rows]) - open_seconds_before_many(cs, start[rows])
    return calendar, business


def _schedule_index(name: str | None, groups: list[PlanGroup]) -> int:
    names = sorted({g.schedule for g in groups if g.schedule})
    return names.index(name) if name else -1

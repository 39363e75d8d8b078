"""Run policy-test cases against a `Policy` and compare expected with actual values.

Message cases are decided in one batch (`Policy.decide_many`); a case whose
time lies outside the compiled horizon is an error, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.engine import intervals
from socialkit.engine.errors import HorizonError
from socialkit.policytest.spec import NONE
from socialkit.policytest.suite import Case, Expectation
from socialkit.runtime.policy import Decision, Event, Policy, PolicyError
from socialkit.strategy.scalars import format_duration

PASSED, FAILED, ERROR = "passed", "failed", "error"


@dataclass(frozen=True)
class Check:
    """One expectation compared: where it is written, what was expected, what the policy says."""

    key: str
    expected: str
    actual: str
    passed: bool
    line: int | None
    column: int | None


@dataclass(frozen=True)
class Outcome:
    case: Case
    status: str  # passed | failed | error
    checks: tuple[Check, ...] = ()
    error: str | None = None
    explanation: str = ""

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.passed)


def run_cases(policy: Policy, cases: list[Case], advance: Callable[[int], None] | None = None) -> list[Outcome]:
    """An outcome per case, in the order given."""
    advance = advance or (lambda count: None)
    outcomes: dict[int, Outcome] = {}
    messages = []
    for index, case in enumerate(cases):
        outside = _outside_horizon(policy, case)
        if outside:
            outcomes[index] = Outcome(case, ERROR, error=outside)
            advance(1)
        elif case.kind == "message":
            messages.append(index)
        else:
            outcomes[index] = _guarded(case, lambda c=case: _RUNNERS[c.kind](policy, c))
            advance(1)
    for index, decision in zip(messages, _decisions(policy, [cases[i] for i in messages])):
        case = cases[index]
        outcomes[index] = decision if isinstance(decision, Outcome) else _guarded(case, lambda c=case, d=decision: _message(policy, c, d))
        advance(1)
    return [outcomes[i] for i in range(len(cases))]


def _guarded(case: Case, evaluate: Callable[[], Outcome]) -> Outcome:
    try:
        return evaluate()
    except (PolicyError, HorizonError) as err:
        return Outcome(case, ERROR, error=str(err))


def _outcome(case: Case, checks: list[Check], explanation: str = "") -> Outcome:
    status = PASSED if all(check.passed for check in checks) else FAILED
    return Outcome(case, status, tuple(checks), explanation=explanation)


# --- the horizon ---------------------------------------------------------------------------


def _outside_horizon(policy: Policy, case: Case) -> str | None:
    provenance = policy.document["provenance"]
    start, end = provenance.get("horizon_start"), provenance.get("horizon_end")
    if start is None or end is None:
        return None
    times = [case.subject[k] for k in ("received", "at", "from") if k in case.subject]
    if "until" in case.subject:
        times.append(case.subject["until"] - 1)
    for t in times:
        if not start <= t < end:
            zone = ZoneInfo(policy.document["organization"]["timezone"])
            return (
                f"{_stamp(t, zone)} is outside the compiled policy (from {provenance['as_of']}, "
                f"{provenance['horizon_days']} days); run with --as-of, or move the test's time"
            )
    return None


# --- messages -----------------------------------------------------------------------------


def _decisions(policy: Policy, cases: list[Case]) -> list[Decision | Outcome]:
    events = [_event(case) for case in cases]
    try:
        return list(policy.decide_many(events))
    except (PolicyError, HorizonError):  # find the culprit: decide one at a time
        out: list[Decision | Outcome] = []
        for case, event in zip(cases, events):
            try:
                out.append(policy.decide(event))
            except (PolicyError, HorizonError) as err:
                out.append(Outcome(case, ERROR, error=str(err)))
        return out


def _event(case: Case) -> Event:
    s = case.subject
    return Event(
        s["channel"], s["category"], s["received"], s["text"] or "", s["followers"], s["author_type"], bool(s["crisis"]), s.get("kind")
    )


def _message(policy: Policy, case: Case, decision: Decision) -> Outcome:
    zone = ZoneInfo(decision.timezone)
    escalation = decision.escalation or {}
    reply_style = escalation.get("reply_style") or policy.document["categories"][decision.category].get("reply_style")
    actual = {
        "open": decision.open,
        "closes_at": decision.closes_at if decision.open else None,
        "next_opening": None if decision.open else decision.next_open_at,
        "clock": decision.clock or NONE,
        "acknowledge_by": decision.acknowledge_by,
        "respond_by": decision.respond_by,
        "acknowledge_within": _elapsed(decision.acknowledge_by, decision.received_at),
        "respond_within": _elapsed(decision.respond_by, decision.received_at),
        "acknowledge_window": (decision.arrival_window or {}).get("acknowledge") or NONE,
        "respond_window": (decision.arrival_window or {}).get("respond") or NONE,
        "promise": decision.promise,
        "update_if_longer": decision.update_if_longer,
        "update_by": decision.update_by,
        "update_within": _elapsed(decision.update_by, decision.received_at),
        "team": decision.team or NONE,
        "on_duty": decision.on_duty,
        "on_duty_includes": decision.on_duty,
        "escalation": escalation.get("rule", NONE),
        "priority": escalation.get("priority", NONE),
        "notify": tuple(escalation.get("notify", ())),
        "reply_style": reply_style or NONE,
    }
    checks = [_compare(e, actual[e.key], zone, decision) for e in case.expectations]
    return _outcome(case, checks, decision.explanation)


def _elapsed(deadline: int | None, received: int) -> int | None:
    return None if deadline is None else deadline - received


# --- opening hours, duty, coverage -------------------------------------------------------


def _channel(policy: Policy, case: Case) -> Outcome:
    channel, t, crisis = case.subject["channel"], case.subject["at"], case.subject["crisis"]
    is_open = policy.is_open(channel, t, crisis)
    schedule = policy.channel_schedule(channel, crisis)
    zone = ZoneInfo(policy.document["schedules"][schedule]["timezone"] if schedule else policy.document["organization"]["timezone"])
    actual = {
        "open": is_open,
        "closes_at": policy.closes_at(channel, t, crisis) if is_open else None,
        "next_opening": None if is_open else policy.next_open(channel, t, crisis),
    }
    checks = [_compare(e, actual[e.key], zone, None) for e in case.expectations]
    state = "open" if is_open else "closed"
    return _outcome(case, checks, f"{channel} at {_stamp(t, zone)}: {state} ({schedule or 'no schedule, always open'})")


def _on_duty(policy: Policy, case: Case) -> Outcome:
    team, t = case.subject["team"], case.subject["at"]
    people = policy.on_duty(team, t)
    zone = _org_zone(policy)
    checks = [_compare(e, people, zone, None) for e in case.expectations]
    return _outcome(case, checks, f"team {team} at {_stamp(t, zone)}: {_people(people)}")


def _coverage(policy: Policy, case: Case) -> Outcome:
    s = case.subject
    gaps = rota_gaps(policy, s["team"], s["from"], s["until"], s["while_open"])
    zone = _org_zone(policy)
    if gaps:
        first_start, first_end = gaps[0]
        more = f" (and {len(gaps) - 1} more gap{'s' * (len(gaps) > 2)})" if len(gaps) > 1 else ""
        actual_text = f"false: nobody on duty from {_stamp(first_start, zone)} to {_stamp(first_end, zone)}{more}"
    else:
        actual_text = "true"
    checks = []
    for e in case.expectations:
        passed = e.value == (not gaps)
        checks.append(Check(e.key, e.text, actual_text, passed, e.line, e.column))
    scope = f" while {s['while_open']} is open" if s["while_open"] else ""
    return _outcome(case, checks, f"team {s['team']} from {_stamp(s['from'], zone)} until {_stamp(s['until'], zone)}{scope}")


def rota_gaps(policy: Policy, team: str, start: int, until: int, while_open: str | None = None) -> list[tuple[int, int]]:
    """[start, end) stretches in [start, until) with nobody of `team` on duty (only while `while_open` is open)."""
    policy.on_duty(team, start)  # unknown team or outside the horizon: PolicyError
    rota = policy.document["teams"][team]["rota"]
    covered = [(max(a, start), min(b, until)) for a, b, people in (rota["spans"] if rota else []) if people and b > start and a < until]
    gaps = intervals.complement(covered, start, until)
    if while_open is None:
        return gaps
    schedule = policy.channel_schedule(while_open)
    if schedule is None:
        return gaps
    compiled = policy.schedule(schedule)
    return intervals.intersect(gaps, zip(np.asarray(compiled.starts).tolist(), np.asarray(compiled.ends).tolist()))


def _records(policy: Policy, case: Case) -> Outcome:
    duty = policy.records_duty(case.subject["content"])
    checks = []
    for e in case.expectations:
        actual = duty[e.key]
        if e.key == "keep_for":
            shown = NONE if actual is None else _period_text(actual)
            expected = None if e.value == NONE else e.value
            checks.append(Check(e.key, e.text, shown, _same_period(expected, actual), e.line, e.column))
        elif e.key == "then":
            checks.append(Check(e.key, e.text, actual or NONE, (actual or NONE) == e.value, e.line, e.column))
        else:
            checks.append(_compare(e, actual, _org_zone(policy), None))
    return _outcome(case, checks, f"records duty for {case.subject['content']}: {'stated' if duty['stated'] else 'not stated'}")


def _period_text(plain: dict) -> str:
    from socialkit.commands.records import plain_period
    from socialkit.periods import period_from_plain

    return plain_period(period_from_plain(plain))


def _same_period(expected: dict | None, actual: dict | None) -> bool:
    """'2y' and '24mo' are the same retention: compared in their largest natural unit."""
    from socialkit.periods import period_from_plain

    if expected is None or actual is None:
        return expected is actual
    return period_from_plain(expected).natural() == period_from_plain(actual).natural()


def _account(policy: Policy, case: Case) -> Outcome:
    s = case.subject
    status = policy.account_status(s["channel"])
    actual: dict[str, Any] = {"ok": status["ok"], "owner": status["owner"] or NONE, "gaps": frozenset(g["kind"] for g in status["gaps"])}
    if s["last_post_at"] is not None:
        answer = policy.inactivity(s["channel"], s["last_post_at"], s["judged_at"])
        actual.update(inactive=answer["inactive"], inactive_from=answer["inactive_from"] or NONE)
    checks = []
    for e in case.expectations:
        if e.key not in actual:
            checks.append(Check(e.key, e.text, "give last_post to judge inactivity", False, e.line, e.column))
        elif e.key == "gaps":
            checks.append(Check(e.key, e.text, "[" + ", ".join(sorted(actual["gaps"])) + "]", e.value == actual["gaps"], e.line, e.column))
        else:
            checks.append(_compare(e, actual[e.key], _org_zone(policy), None))
    gaps = ", ".join(g["kind"] for g in status["gaps"]) or "none"
    return _outcome(case, checks, f"account of {s['channel']}: owner {status['owner'] or NONE}, gaps: {gaps}")


def _publish(policy: Policy, case: Case) -> Outcome:
    channel, t = case.subject["channel"], case.subject["at"]
    answer = policy.may_publish(channel, t)
    zone = ZoneInfo(answer.timezone)
    actual = {
        "allowed": answer.allowed,
        "reason": answer.reason,
        "comments_off": answer.comments_off,
        "next_allowed": answer.next_allowed_at,
    }
    checks = [_compare(e, actual[e.key], zone, None) for e in case.expectations]
    verdict = "may publish" if answer.allowed else "may not publish"
    return _outcome(case, checks, f"{channel} at {_stamp(t, zone)}: {verdict} ({answer.reason})")


def _moderate(policy: Policy, case: Case) -> Outcome:
    s = case.subject
    decision = policy.moderate(s["channel"], s["reason"], s["prior_violations"])
    actual = {
        "actions": tuple(decision.actions),
        "protected": decision.protected,
        "steps": {step for steps in decision.steps.values() for step in steps},
        "approved_by": {person for people in decision.approval.values() for person in people},
        "notify": {person for people in decision.notify.values() for person in people},
        "ladder": decision.ladder.action if decision.ladder else NONE,
    }
    checks = []
    for e in case.expectations:
        value = actual[e.key]
        if e.key == "actions":
            checks.append(Check(e.key, e.text, "[" + ", ".join(value) + "]", list(e.value) == list(value), e.line, e.column))
        elif isinstance(value, set):
            checks.append(Check(e.key, e.text, "[" + ", ".join(sorted(value)) + "]", frozenset(e.value) == value, e.line, e.column))
        else:
            checks.append(_compare(e, value, _org_zone(policy), None))
    return _outcome(case, checks, f"{s['reason']} on {s['channel']} after {s['prior_violations']} earlier violation(s)")


_RUNNERS: dict[str, Callable[[Policy, Case], Outcome]] = {
    "channel": _channel,
    "on-duty": _on_duty,
    "coverage": _coverage,
    "records": _records,
    "account": _account,
    "publish": _publish,
    "moderate": _moderate,
}


# --- comparing ------------------------------------------------------------------------------


def _compare(e: Expectation, actual: Any, zone: ZoneInfo, decision: Decision | None) -> Check:
    if e.key in ("on_duty", "notify"):
        return Check(e.key, e.text, _people(actual), e.value == frozenset(actual), e.line, e.column)
    if e.key == "on_duty_includes":
        return Check(e.key, e.text, _people(actual), e.value <= frozenset(actual), e.line, e.column)
    if e.key in ("acknowledge_within", "respond_within", "update_within"):
        deadline = None if decision is None else getattr(decision, e.key.replace("_within", "_by"))
        shown = NONE if actual is None else f"{format_duration(actual)} (until {_stamp(deadline, zone)})"
        return Check(e.key, e.text, shown, e.value == actual, e.line, e.column)
    if e.key in ("closes_at", "next_opening", "acknowledge_by", "respond_by", "update_by", "next_allowed"):
        return Check(e.key, e.text, _stamp(actual, zone), e.value == actual, e.line, e.column)
    if isinstance(actual, bool):
        return Check(e.key, e.text, "true" if actual else "false", e.value is actual, e.line, e.column)
    return Check(e.key, e.text, str(actual), e.value == actual, e.line, e.column)


def _stamp(t: int | None, zone: ZoneInfo) -> str:
    return NONE if t is None else datetime.fromtimestamp(t, zone).isoformat()


def _people(people) -> str:
    return "[" + ", ".join(people) + "]" if people else "[] (nobody)"


def _org_zone(policy: Policy) -> ZoneInfo:
    return ZoneInfo(policy.document["organization"]["timezone"])

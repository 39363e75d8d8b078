"""Stage 3: figures per group (channel, category, team, rule, agent, week, month) and overall.

Plain JSON-ready data, the `socialkit.audit/v1` result that `--format json`
prints and the report page is rendered from. Percentiles interpolate linearly
between ranks (numpy's and pandas' default; the median of an even count is the
mean of the middle two); times are whole seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from socialkit import __version__
from socialkit.audit.mapping import DIMENSIONS
from socialkit.audit.read import BadRow, reasons_count
from socialkit.audit.verdicts import BREACHED, MET, NO_TARGET, PENDING, STATES, UNKNOWN, Verdicts
from socialkit.engine.timefmt import ZoneFormatter
from socialkit.runtime.policy import NO_TIME, Policy

RESULT_FORMAT = "socialkit.audit/v1"
PROMISES = ("deadline", "best-effort", "read-only", "none")  # the policy's reply promises; a deadline first
# Response time as a share of the time allowed: the report's distribution chart.
RATIO_EDGES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 4.0)
KNOWN_METRICS = (
    "reply-rate",
    "within-sla-share",
    "resolved-complaints",
    "respond-time-p90-hours",
    "respond-time-median-hours",
    "acknowledge-time-p90-hours",
    "unanswered",
    "breaches",
)


def local_clock(verdicts: Verdicts, zone: str, formatter: ZoneFormatter | None = None) -> np.ndarray:
    """Local wall-clock seconds of each arrival in `zone`."""
    t = verdicts.log.received_at
    if not len(t):
        return t
    return t + (formatter or ZoneFormatter(zone)).offsets(t)


def _week_and_month(local: np.ndarray) -> tuple[tuple[np.ndarray, list[str]], tuple[np.ndarray, list[str]]]:
    """(codes, labels) of the ISO week and of the month of each local instant."""
    days = local // 86400
    unique, inverse = np.unique(days, return_inverse=True)
    weeks, months = [], []
    for day in unique.tolist():
        d = datetime.fromtimestamp(day * 86400, UTC).date()
        year, week, _ = d.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        months.append(f"{d.year}-{d.month:02d}")
    inverse = inverse.reshape(-1)
    return _recoded(inverse, weeks), _recoded(inverse, months)


def _recoded(codes: np.ndarray, labels: list[str]) -> tuple[np.ndarray, list[str]]:
    """Codes into `labels` (which may repeat) made codes into the distinct labels."""
    distinct = sorted(set(labels))
    position = np.array([distinct.index(label) for label in labels] or [0], dtype=np.int64)
    return (position[codes] if len(codes) else codes), distinct


def _by_group(verdicts: Verdicts, value) -> tuple[np.ndarray, list[str]]:
    """(codes, labels) of a fact that the plan group decides: channel, category, team, rule."""
    labels = [value(g) or "-" for g in verdicts.groups]
    return _recoded(verdicts.group, labels)


def _coded(values: list[str]) -> tuple[np.ndarray, list[str]]:
    codes: dict[str, int] = {}
    column = np.fromiter((codes.setdefault(v, len(codes)) for v in values), dtype=np.int64, count=len(values))
    return _recoded(column, list(codes))


def _stats(values: np.ndarray) -> dict[str, int | None]:
    values = values[values != NO_TIME]
    if not len(values):
        return {"count": 0, "median": None, "p90": None, "max": None}
    median, p90 = np.percentile(values, [50, 90])
    return {"count": int(len(values)), "median": int(round(float(median))), "p90": int(round(float(p90))), "max": int(values.max())}


def _figures(v: dict[str, np.ndarray], rows: np.ndarray | slice) -> dict[str, Any]:
    state = v["state"][rows]
    answered = v["responded"][rows]
    messages = int(len(state))
    counts = {name: int(c) for name, c in zip(STATES, np.bincount(state, minlength=len(STATES)))}
    promised = np.bincount(v["promise"][rows], minlength=len(PROMISES))
    decided = counts["met"] + counts["breached"]
    unanswered = ~answered
    ages = v["age"][rows][unanswered]
    out = {
        "messages": messages,
        "answered": int(answered.sum()),
        "acknowledged": int(v["acknowledged"][rows].sum()),
        "reply_rate": _share(int(answered.sum()), messages),
        "within_sla": counts["met"],
        "breached": counts["breached"],
        "pending": counts["pending"],
        "no_target": counts["no target"],
        # Messages promised no reply time: answered or not and how fast, never a verdict.
        "no_deadline": int(len(state) - promised[0]),
        "promises": {name: int(c) for name, c in zip(PROMISES, promised) if c},
        "unknown": counts["unknown"],
        "sla_share": _share(counts["met"], decided),
        "unanswered": int(unanswered.sum()),
        "unanswered_overdue": int((unanswered & (state == BREACHED)).sum()),
        "unanswered_age": {"median": int(np.median(ages)) if len(ages) else None, "max": int(ages.max()) if len(ages) else None},
        "acknowledge_business": _stats(v["ack_business"][rows]),
        "acknowledge_calendar": _stats(v["ack_calendar"][rows]),
        "respond_business": _stats(v["resp_business"][rows]),
        "respond_calendar": _stats(v["resp_calendar"][rows]),
    }
    if "resolved" in v:
        out["resolved"] = int((v["resolved"][rows] == 1).sum())
    return out


def _promise_codes(verdicts: Verdicts) -> np.ndarray:
    """Per message, the index in PROMISES of what it was promised (0: a deadline)."""
    codes = np.array([PROMISES.index(g.promise) for g in verdicts.groups] or [0], dtype=np.int64)
    return codes[verdicts.group] if len(verdicts.group) else np.zeros(0, dtype=np.int64)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def _grouped(coded: tuple[np.ndarray, list[str]], v: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    code, labels = coded
    order = np.argsort(code, kind="stable")
    bounds = np.searchsorted(code[order], np.arange(len(labels) + 1))
    sorted_v = {name: values[order] for name, values in v.items()}
    out = []
    for c, key in enumerate(labels):
        if bounds[c + 1] > bounds[c]:
            out.append({"key": key, **_figures(sorted_v, slice(int(bounds[c]), int(bounds[c + 1])))})
    return out


def _display_names(document: dict[str, Any], strategy) -> dict[str, dict[str, Any]]:
    """Names of the ids a report groups by (a name is a string or {language: text}); the ids stay the keys."""
    named = lambda section: {id_: entry["name"] for id_, entry in (document.get(section) or {}).items() if entry.get("name")}  # noqa: E731
    names = {"channel": named("channels"), "category": named("categories"), "agent": named("people")}
    if strategy is not None:
        names["team"] = {team.id: team.name for team in strategy.teams}
    return names


def summarise(
    verdicts: Verdicts,
    policy: Policy,
    *,
    skipped: list[BadRow],
    strategy=None,
    zone: str | None = None,
    details: bool = False,
    complaints: frozenset[str] | None = frozenset({"complaint"}),
) -> dict[str, Any]:
    """The audit result: figures overall and per group, goal progress, chart data, problems."""
    log = verdicts.log
    zone = zone or policy.document["organization"]["timezone"]
    formatter = policy.formatter(zone)
    local = local_clock(verdicts, zone, formatter)
    week, month = _week_and_month(local)
    v = {
        "state": verdicts.state,
        "responded": log.responded_at != NO_TIME,
        "acknowledged": log.acknowledged_at != NO_TIME,
        "age": verdicts.age,
        "ack_business": verdicts.acknowledge_business,
        "ack_calendar": verdicts.acknowledge_calendar,
        "resp_business": verdicts.respond_business,
        "resp_calendar": verdicts.respond_calendar,
        "promise": _promise_codes(verdicts),
    }
    if log.resolved is not None:
        v["resolved"] = log.resolved
    keys = {
        "channel": _by_group(verdicts, lambda g: g.channel),
        "category": _by_group(verdicts, lambda g: g.category),
        "team": _by_group(verdicts, lambda g: g.team),
        "rule": _by_group(verdicts, lambda g: g.rule),
        "week": week,
        "month": month,
    }
    if log.agent is not None:
        agents = {a: a.strip() or "(none)" for a in set(log.agent)}
        keys["agent"] = _coded([agents[a] for a in log.agent])
    if log.kind is not None:
        keys["kind"] = _coded([k or "(none)" for k in log.kind])
    overall = _figures(v, slice(None))
    result: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "kit_version": __version__,
        "organization": policy.document["organization"]["name"],
        "timezone": zone,
        "policy": {k: policy.document["provenance"].get(k) for k in ("as_of", "horizon_days", "strategy_sha256")},
        "logs": list(log.files),
        "period": _period(verdicts, formatter),
        "rows": {
            "read": log.rows_read,
            "audited": len(log),
            "skipped": len(skipped),
            "skipped_by_reason": reasons_count(skipped),
            "naive_times": log.naive_times,
            "naive_zone": zone if log.naive_times else None,
        },
        "overall": overall,
        "by": {name: _grouped(values, v) for name, values in keys.items()},
        "names": _display_names(policy.document, strategy),
        "goals": _goals(strategy, overall, v, log, verdicts, complaints, formatter),
        "charts": {"response_ratio": _ratio_histogram(verdicts), "heatmap": _heatmap(local, verdicts.open)},
        "problems": [
            {"file": b.file, "line": b.line, "code": b.code, "json_path": b.json_path, "reason": b.reason, "message": b.message}
            for b in skipped
        ],
    }
    if details:
        result["messages"] = message_rows(verdicts, formatter)
    return result


def _period(verdicts: Verdicts, formatter: ZoneFormatter) -> dict[str, str | None]:
    t = verdicts.log.received_at
    if not len(t):
        return {"first_received": None, "last_received": None, "now": None}
    # Three values, formatted directly: 'now' (--at) may lie far from the log, and the formatter's offset
    # table would grow to span the distance.
    stamps = [datetime.fromtimestamp(int(value), formatter.zone).isoformat() for value in (t.min(), t.max(), verdicts.now)]
    return {"first_received": stamps[0], "last_received": stamps[1], "now": stamps[2]}


def _ratio_histogram(verdicts: Verdicts) -> dict[str, Any]:
    """How long answers took as a share of the time allowed (respond target, else acknowledge), in bins."""
    log = verdicts.log
    has_resp = verdicts.respond_by != NO_TIME
    due = np.where(has_resp, verdicts.respond_by, verdicts.acknowledge_by)
    done = np.where(has_resp, log.responded_at, log.acknowledged_at)
    judged = (due != NO_TIME) & (done != NO_TIME)
    allowed = np.maximum(due - log.received_at, 1)[judged]
    ratio = (done - log.received_at)[judged] / allowed
    edges = np.array(RATIO_EDGES + (np.inf,))
    counts = np.histogram(ratio, bins=edges)[0] if len(ratio) else np.zeros(len(edges) - 1, dtype=np.int64)
    overdue = (due != NO_TIME) & (done == NO_TIME) & (verdicts.now > due)
    return {"edges": list(RATIO_EDGES), "counts": [int(c) for c in counts], "unanswered_overdue": int(overdue.sum())}


def _heatmap(local: np.ndarray, open_: np.ndarray) -> dict[str, Any]:
    """Arrivals per local weekday (Mon=0) and hour, and how many of them arrived while their channel was closed."""
    weekday = ((local // 86400) + 3) % 7
    hour = (local % 86400) // 3600
    cell = weekday * 24 + hour
    arrivals = np.bincount(cell, minlength=168) if len(cell) else np.zeros(168, dtype=np.int64)
    closed = np.bincount(cell[~open_], minlength=168) if len(cell) else np.zeros(168, dtype=np.int64)
    return {"arrivals": arrivals.reshape(7, 24).tolist(), "closed": closed.reshape(7, 24).tolist()}


# --- goals and KPIs -------------------------------------------------------------------------------


def metric_value(
    metric: str,
    overall: dict[str, Any],
    log,
    verdicts: Verdicts,
    *,
    complaints: frozenset[str] | None = frozenset({"complaint"}),
    until: int | None = None,
    since: int | None = None,
) -> float | None:
    """A strategy metric computed from the audited log; None when the log cannot tell.

    `overall` holds the figures of the messages measured; counts (resolved-complaints) take the
    messages received in [since, until) (a goal's period).
    """
    hours = lambda seconds: None if seconds is None else round(seconds / 3600, 2)  # noqa: E731
    if metric == "reply-rate":
        return overall["reply_rate"]
    if metric == "within-sla-share":
        return overall["sla_share"]
    if metric == "respond-time-p90-hours":
        return hours(overall["respond_business"]["p90"])
    if metric == "respond-time-median-hours":
        return hours(overall["respond_business"]["median"])
    if metric == "acknowledge-time-p90-hours":
        return hours(overall["acknowledge_business"]["p90"])
    if metric == "unanswered":
        return overall["unanswered"]
    if metric == "breaches":
        return overall["breached"]
    if metric == "resolved-complaints" and log.resolved is not None and complaints:
        counted = np.array([c in complaints for c in log.category], dtype=bool)
        if until is not None:
            counted &= log.received_at < until
        if since is not None:
            counted &= log.received_at >= since
        return int(((log.resolved == 1) & counted).sum())
    return None


def _goals(strategy, overall: dict[str, Any], v, log, verdicts: Verdicts, complaints, formatter: ZoneFormatter) -> dict[str, Any]:
    if strategy is None:
        return {"available": False, "note": "goals live in the strategy: audit with --strategy to see their progress", "items": []}
    items = []
    measured = [
        (
            "goal",
            g.id,
            g.metric,
            g.target,
            "at-least" if g.metric not in _AT_MOST else "at-most",
            g.unit,
            None if g.deadline is None else g.deadline.isoformat(),  # an open-ended goal: measured to the log's end
            g.baseline,
            g.start,
        )
        for g in strategy.goals
    ]
    if strategy.measurement is not None:
        measured += [("kpi", k.id, k.metric, k.target, k.direction, k.unit, None, None, None) for k in strategy.measurement.kpis]
    for kind, item_id, metric, target, direction, unit, deadline, baseline, start in measured:
        until = _end_of_day(deadline, formatter) if deadline else None
        since = _end_of_day((start - timedelta(days=1)).isoformat(), formatter) if start else None
        figures = _period_figures(v, log, overall, since, until)
        value = metric_value(metric, figures, log, verdicts, complaints=complaints, until=until, since=since)
        met = None if value is None else (value >= target if direction == "at-least" else value <= target)
        progress = None
        if value is not None and direction == "at-least" and target:
            base = baseline or 0
            progress = round(max(0.0, (value - base) / (target - base)), 4) if target != base else None
        items.append(
            {
                "kind": kind,
                "id": item_id,
                "metric": metric,
                "target": target,
                "direction": direction,
                "unit": unit,
                "deadline": deadline,
                "value": value,
                "met": met,
                "progress": progress,
                "note": None if value is not None else _missing_note(metric, log, complaints),
            }
        )
    return {"available": True, "note": None, "items": items}


_AT_MOST = ("respond-time-p90-hours", "respond-time-median-hours", "acknowledge-time-p90-hours", "unanswered", "breaches")


def _period_figures(v, log, overall: dict[str, Any], since: int | None, until: int | None) -> dict[str, Any]:
    """The figures of the messages received in a goal's period (the overall ones when that is the whole log)."""
    inside = np.ones(len(log.received_at), dtype=bool)
    if until is not None:
        inside &= log.received_at < until
    if since is not None:
        inside &= log.received_at >= since
    return overall if inside.all() else _figures(v, np.flatnonzero(inside))


def _end_of_day(day: str, formatter: ZoneFormatter) -> int:
    """The first instant after the deadline day, in the organisation's zone."""
    from datetime import date, datetime, timedelta

    from socialkit.engine.localtime import wall_to_utc

    following = date.fromisoformat(day) + timedelta(days=1)
    return wall_to_utc(formatter.zone, datetime(following.year, following.month, following.day))


def _missing_note(metric: str, log=None, complaints=None) -> str:
    if metric == "resolved-complaints" and log is not None and log.resolved is not None and not complaints:
        return (
            "no category counts as a complaint; name them in [tool.socialkit.audit] complaint_categories "
            "(e.g. ['klagomal']) or complaint_sentiments (e.g. ['negative'])"
        )
    if metric == "resolved-complaints":
        return "the log has no 'resolved' column; map one with --map resolved=COLUMN"
    return f"'{metric}' cannot be computed from a log; known: {', '.join(KNOWN_METRICS)}"


# --- per-message verdicts -----------------------------------------------------------------------------


def message_rows(verdicts: Verdicts, formatter: ZoneFormatter) -> list[dict[str, Any]]:
    """One JSON-ready verdict per message, in log order."""
    log = verdicts.log
    stamp = lambda values: _stamps(formatter, values)  # noqa: E731
    received, acknowledged, responded = stamp(log.received_at), stamp(log.acknowledged_at), stamp(log.responded_at)
    ack_by, resp_by = stamp(verdicts.acknowledge_by), stamp(verdicts.respond_by)
    rules, teams, clocks = verdicts.column("rule"), verdicts.column("team"), verdicts.column("clock")
    promises = verdicts.column("promise")
    out = []
    number = lambda x: None if x == NO_TIME else x  # noqa: E731
    columns = zip(
        log.file.tolist(),
        log.line.tolist(),
        log.id,
        log.channel,
        log.category,
        received,
        acknowledged,
        responded,
        ack_by,
        resp_by,
        verdicts.state.tolist(),
        verdicts.acknowledge_state.tolist(),
        verdicts.respond_state.tolist(),
        verdicts.respond_business.tolist(),
        verdicts.respond_calendar.tolist(),
        verdicts.acknowledge_business.tolist(),
        verdicts.acknowledge_calendar.tolist(),
        verdicts.age.tolist(),
        verdicts.open.tolist(),
        rules,
        teams,
        clocks,
        promises,
    )
    for (
        f,
        line,
        mid,
        channel,
        category,
        rec,
        ack,
        resp,
        ackby,
        respby,
        state,
        ack_state,
        resp_state,
        rb,
        rc,
        ab,
        ac,
        age,
        is_open,
        rule,
        team,
        clock,
        promise,
    ) in columns:
        out.append(
            {
                "file": log.files[f],
                "line": line,
                "id": mid or None,
                "channel": channel,
                "category": category,
                "received_at": rec,
                "acknowledged_at": ack,
                "responded_at": resp,
                "open_at_arrival": bool(is_open),
                "rule": rule,
                "team": team,
                "clock": clock,
                "promise": promise,
                "acknowledge_by": ackby,
                "respond_by": respby,
                "verdict": STATES[state],
                "acknowledge_verdict": STATES[ack_state],
                "respond_verdict": STATES[resp_state],
                "respond_business_seconds": number(rb),
                "respond_calendar_seconds": number(rc),
                "acknowledge_business_seconds": number(ab),
                "acknowledge_calendar_seconds": number(ac),
                "unanswered_age_seconds": number(age),
            }
        )
    return out


def _stamps(formatter: ZoneFormatter, values: np.ndarray) -> list[str | None]:
    out: list[str | None] = [None] * len(values)
    present = np.flatnonzero(values != NO_TIME)
    for i, text in zip(present.tolist(), formatter.rfc3339(values[present])):
        out[i] = text
    return out


__all__ = ["summarise", "message_rows", "metric_value", "RESULT_FORMAT", "DIMENSIONS", "MET", "BREACHED", "PENDING", "NO_TARGET", "UNKNOWN"]

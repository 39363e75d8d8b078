"""The publishing audit: posts per channel from a publishing log, against `min_posts` and the inactivity threshold.

A publishing log is CSV (any of , ; tab |) or JSON lines with, per post, the
channel (id or display name, any case) and when it was published
(`published_at`, or `time`): RFC 3339, or a local time read in the
organisation's zone. Rows that cannot be used are Problems located by row
(SK501-SK506, like the inbox audit) and skipped; the rest are measured:

- posting rate (SK410): for a channel with `min_posts`, every whole local day,
  week (Monday to Sunday) or month inside the measured span with fewer posts
  than the minimum. The span runs from the log's first post (or the start of
  the evaluation period that holds the end, when later) to the end (`--at`,
  default the log's last post);
- inactivity (SK339): a channel whose last post (or, with none in the log,
  the span's start) lies `inactive_after` or more before the end, on local
  dates (runtime.governance.inactivity, the same answer as the Policy API).

Findings are Problems located at the channel in the strategy (or in the
policy document's path when audited against --policy).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from socialkit import problems as P
from socialkit.runtime.governance import evaluation_period, inactivity, local_date

TIME_KEYS = ("published_at", "time")
MAX_ROWS_SHOWN = 12  # periods listed per channel in the text report


@dataclass
class Posts:
    """What a publishing log holds: epoch seconds per channel id, and the problems of the rows skipped."""

    times: dict[str, list[int]] = field(default_factory=dict)
    problems: list[P.Problem] = field(default_factory=list)
    read: int = 0


def read_posts(paths: list[Path], shown: list[str], document: dict[str, Any]) -> Posts:
    posts = Posts()
    channels = _channel_names(document)
    zone = document["organization"]["timezone"]
    for path, name in zip(paths, shown):
        for line, row in _rows(path, name, posts):
            posts.read += 1
            _take(row, name, line, channels, zone, posts)
    for times in posts.times.values():
        times.sort()
    return posts


def _channel_names(document: dict[str, Any]) -> dict[str, str]:
    names = {channel_id.lower(): channel_id for channel_id in document["channels"]}
    for channel_id, channel in document["channels"].items():
        names.setdefault(str(channel.get("name", "")).lower(), channel_id)
    return names


def _rows(path: Path, name: str, posts: Posts):
    """(line number, dict row) of a CSV or JSON-lines file; unreadable lines become problems."""
    from socialkit.audit.read import ReadError

    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read {name}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(f"{name} is not UTF-8 text; save it as UTF-8") from None
    if text.lstrip().startswith("{"):
        yield from _json_rows(text, name, posts)
    else:
        yield from _csv_rows(text)


def _json_rows(text: str, name: str, posts: Posts):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            posts.read += 1
            posts.problems.append(P.problem(P.LINE_UNREADABLE, "the line is not JSON", file=name, line=number))
            continue
        if not isinstance(value, dict):
            posts.read += 1
            posts.problems.append(P.problem(P.LINE_NOT_OBJECT, "the line holds no JSON object", file=name, line=number))
            continue
        yield number, value


def _csv_rows(text: str):
    head = text[:4096]
    delimiter = max(",;\t|", key=lambda d: head.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    for row in reader:
        if any(cell.strip() for cell in row):
            yield reader.line_num, dict(zip(header, row))


def _take(row: dict, name: str, line: int, channels: dict[str, str], zone: str, posts: Posts) -> None:
    channel_text = str(row.get("channel") or "").strip()
    time_text = next((str(row[k]).strip() for k in TIME_KEYS if row.get(k) not in (None, "")), "")
    if not channel_text:
        posts.problems.append(
            P.problem(P.FIELD_MISSING, "channel is empty; every post needs its channel", file=name, line=line, json_path="$.channel")
        )
        return
    channel = channels.get(channel_text.lower())
    if channel is None:
        known = ", ".join(sorted(set(channels.values())))
        message = f"unknown channel '{channel_text[:60]}'; known: {known}"
        posts.problems.append(P.problem(P.FIELD_UNKNOWN_ID, message, file=name, line=line, json_path="$.channel"))
        return
    if not time_text:
        message = "published_at is empty; every post needs the time it was published"
        posts.problems.append(P.problem(P.FIELD_MISSING, message, file=name, line=line, json_path="$.published_at"))
        return
    at = _instant(time_text, zone)
    if at is None:
        message = f"published_at '{time_text[:40]}' is not a time; write ISO 8601 such as 2026-11-23T16:30:00+01:00"
        posts.problems.append(P.problem(P.FIELD_BAD_TIME, message, file=name, line=line, json_path="$.published_at"))
        return
    posts.times.setdefault(channel, []).append(at)


def _instant(text: str, zone_name: str) -> int | None:
    from socialkit.audit.times import EARLIEST, LATEST
    from socialkit.engine.localtime import zone

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(zone_name))
    seconds = int(moment.timestamp())
    return seconds if EARLIEST <= seconds < LATEST else None


# --- measuring --------------------------------------------------------------------------------


def audit_posts(posts: Posts, document: dict[str, Any], *, at: int | None, locate) -> dict[str, Any]:
    """The publishing part of an audit result; `locate(channel_id, key)` gives (file, line, json_path) of a finding."""
    every = [t for times in posts.times.values() for t in times]
    end = at if at is not None else (max(every) if every else None)
    result: dict[str, Any] = {"rows": {"read": posts.read, "skipped": len(posts.problems)}, "span": None, "channels": {}, "findings": []}
    if end is None or not every:
        return result
    first_day, last_day = local_date(document, min(every)), local_date(document, end)
    period = evaluation_period(document, last_day)
    if period is not None and period[0] > first_day:
        first_day = period[0]
    result["span"] = {"first_day": first_day.isoformat(), "last_day": last_day.isoformat()}
    accounts = (document.get("governance") or {}).get("accounts") or {}
    findings: list[P.Problem] = []
    log_start = min(every)
    for channel_id in document["channels"]:
        all_times = [t for t in posts.times.get(channel_id, []) if t <= end]
        times = [t for t in all_times if local_date(document, t) >= first_day]
        figures = _channel_figures(document, channel_id, times, first_day, last_day, end, accounts.get(channel_id) or {})
        _add_inactivity(figures, document, channel_id, all_times, log_start, end)
        result["channels"][channel_id] = figures
        findings += _findings(channel_id, figures, locate)
    result["findings"] = [f.as_dict() for f in sorted(findings, key=P.Problem.sort_key)]
    return result


def _channel_figures(document, channel_id, times, first_day, last_day, end, account) -> dict[str, Any]:
    days = [local_date(document, t) for t in times]
    figures: dict[str, Any] = {
        "posts": len(times),
        "last_post": None,
        "min_posts": account.get("min_posts"),
        "periods": None,
        "below": None,
        "fewest": None,
        "per_period": [],
        "inactive": None,
        "inactive_from": None,
    }
    rate = account.get("min_posts")
    if rate is not None:
        counts = period_counts(days, first_day, last_day, rate["per"])
        below = [(start, n) for start, n in counts if n < rate["count"]]
        figures.update(
            periods=len(counts),
            below=len(below),
            fewest=min((n for _, n in counts), default=None),
            per_period=[[start.isoformat(), n] for start, n in counts],
        )
    return figures


def _add_inactivity(figures: dict[str, Any], document: dict[str, Any], channel_id: str, times: list[int], log_start: int, end: int) -> None:
    """Inactivity from the channel's last post in the whole log (not only the measured span); with none, from the log's start."""
    answer = inactivity(document, channel_id, times[-1] if times else log_start, end)
    figures.update(
        last_post=_local(document, times[-1]) if times else None,
        inactive=answer["inactive"],
        inactive_from=answer["inactive_from"],
        then=answer["then"],
        since_log_start=not times,
    )


def _local(document: dict[str, Any], t: int) -> str:
    from socialkit.engine.localtime import zone

    return datetime.fromtimestamp(t, UTC).astimezone(zone(document["organization"]["timezone"])).isoformat()


def period_start(day: date, per: str) -> date:
    if per == "week":
        return day - timedelta(days=day.weekday())
    if per == "month":
        return day.replace(day=1)
    return day


def _next(start: date, per: str) -> date:
    if per == "week":
        return start + timedelta(days=7)
    if per == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def period_counts(days: list[date], first: date, last: date, per: str) -> list[tuple[date, int]]:
    """Posts in every whole period (day, Monday-to-Sunday week, calendar month) from `first` to `last` inclusive."""
    start = period_start(first, per)
    if start < first:
        start = _next(start, per)
    out = []
    while _next(start, per) - timedelta(days=1) <= last:
        following = _next(start, per)
        out.append((start, sum(1 for d in days if start <= d < following)))
        start = following
    return out


def _findings(channel_id: str, figures: dict[str, Any], locate) -> list[P.Problem]:
    out = []
    rate = figures["min_posts"]
    if rate is not None and figures["below"]:
        file, line, path = locate(channel_id, "min_posts")
        message = (
            f"channel '{channel_id}' posted fewer than {rate['count']} per {rate['per']} in {figures['below']} of "
            f"{figures['periods']} {rate['per']}s (fewest: {figures['fewest']})"
        )
        out.append(P.problem(P.CODES["SK410"], message, file=file, line=line, json_path=path))
    if figures["inactive"]:
        file, line, path = locate(channel_id, "account")
        since = "no posts in the log" if figures["since_log_start"] else f"last post {figures['last_post']}"
        then = f"; the rules say: {figures['then']}" if figures["then"] else ""
        message = f"channel '{channel_id}' is inactive since {figures['inactive_from']} ({since}){then}"
        out.append(P.problem(P.CODES["SK339"], message, file=file, line=line, json_path=path))
    return out


def text_section(publishing: dict[str, Any]) -> str:
    lines = ["", "publishing:"]
    span = publishing["span"]
    rows = publishing["rows"]
    lines.append(f"  {rows['read']:,} rows read, {rows['skipped']:,} skipped")
    if span is None:
        lines.append("  no posts to measure")
        return "\n".join(lines) + "\n"
    lines.append(f"  measured {span['first_day']} to {span['last_day']}")
    lines.append(f"  {'channel':<12} {'posts':>6}  {'minimum':<14} {'below':>9}  {'last post':<25} inactive")
    for channel_id, f in publishing["channels"].items():
        rate = f["min_posts"]
        minimum = f"{rate['count']}/{rate['per']}" if rate else "-"
        below = f"{f['below']}/{f['periods']}" if rate else "-"
        inactive = "-" if f["inactive"] is None else ("yes, since " + f["inactive_from"] if f["inactive"] else "no")
        lines.append(f"  {channel_id[:12]:<12} {f['posts']:>6}  {minimum:<14} {below:>9}  {(f['last_post'] or '-'):<25} {inactive}")
    return "\n".join(lines) + "\n"

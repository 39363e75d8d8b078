"""Stage 4: the audit result as a terminal table or CSV (the JSON is the result itself)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, TextIO

from socialkit.report import Reporters

TABLE_COLUMNS = ("messages", "reply", "in SLA", "breached", "resp med", "resp p90", "resp max", "unanswered", "oldest")
CSV_FIELDS = (
    "messages",
    "answered",
    "acknowledged",
    "reply_rate",
    "within_sla",
    "breached",
    "pending",
    "no_target",
    "unknown",
    "sla_share",
    "unanswered",
    "unanswered_overdue",
    "no_deadline",
)
CSV_TIMES = ("acknowledge_business", "acknowledge_calendar", "respond_business", "respond_calendar")
MESSAGE_FIELDS = (
    "file",
    "line",
    "id",
    "channel",
    "category",
    "received_at",
    "acknowledged_at",
    "responded_at",
    "open_at_arrival",
    "rule",
    "team",
    "clock",
    "promise",
    "acknowledge_by",
    "respond_by",
    "verdict",
    "acknowledge_verdict",
    "respond_verdict",
    "respond_business_seconds",
    "respond_calendar_seconds",
    "acknowledge_business_seconds",
    "acknowledge_calendar_seconds",
    "unanswered_age_seconds",
)


def duration(seconds: int | None) -> str:
    """Compact duration: 45s, 12m, 3h05m, 2d04h."""
    if seconds is None:
        return "-"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours:02d}h"


def percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f}%"


def _row(key: str, figures: dict[str, Any]) -> list[str]:
    resp = figures["respond_business"]
    return [
        key,
        f"{figures['messages']:,}",
        percent(figures["reply_rate"]),
        percent(figures["sla_share"]),
        f"{figures['breached']:,}" if figures["no_deadline"] < figures["messages"] else "-",  # no deadline: no verdict
        duration(resp["median"]),
        duration(resp["p90"]),
        duration(resp["max"]),
        f"{figures['unanswered']:,}",
        duration(figures["unanswered_age"]["max"]),
    ]


def _table(title: str, rows: list[list[str]]) -> list[str]:
    header = [title, *TABLE_COLUMNS]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()  # noqa: E731
    return [line(header), *(line(r) for r in rows)]


def text_report(result: dict[str, Any], dimensions: tuple[str, ...]) -> str:
    from socialkit.audit.moderation import moderation_text

    moderation = moderation_text(result["moderation"]) if result.get("moderation") else ""
    if "rows" not in result:  # moderation logs only
        return f"audit against the policy of {result['organization']} (as of {result['policy']['as_of']})\n" + moderation
    return _messages_text(result, dimensions) + ("\n" + moderation if moderation else "")


def _messages_text(result: dict[str, Any], dimensions: tuple[str, ...]) -> str:
    rows, period = result["rows"], result["period"]
    out = [f"audit of {', '.join(result['logs'])} against the policy of {result['organization']} (as of {result['policy']['as_of']})"]
    if period["first_received"]:
        out.append(f"messages received {period['first_received']} to {period['last_received']}; judged at {period['now']}")
    out.append(f"{rows['audited']:,} messages audited, {rows['skipped']:,} row(s) skipped (see above), of {rows['read']:,} read")
    if rows["naive_times"]:
        out.append(f"{rows['naive_times']:,} messages had times without a UTC offset: read as {rows['naive_zone']} wall-clock time")
    overall = result["overall"]
    out.append(
        f"within target: {overall['within_sla']:,}  breached: {overall['breached']:,}  pending: {overall['pending']:,}  "
        f"no target: {overall['no_target']:,}  undetermined (beyond the horizon): {overall['unknown']:,}"
    )
    if overall["no_deadline"]:
        promised = ", ".join(f"{name} {count:,}" for name, count in overall["promises"].items() if name != "deadline")
        out.append(f"promised no reply time ({promised}): counted as answered or not, and how fast; never breached")
    out.append("times are business time (open hours of the channel's schedule); --format json also has calendar time")
    for name in dimensions:
        groups = result["by"].get(name)
        if not groups:
            continue
        out.append("")
        out += _table(name, [_row(g["key"], g) for g in groups] + [_row("all", overall)])
    goals = result["goals"]
    out.append("")
    if not goals["available"]:
        out.append(f"goals: {goals['note']}")
    else:
        for item in goals["items"]:
            value = "not measurable from this log" if item["value"] is None else f"{item['value']:g}"
            verdict = "" if item["met"] is None else ("  (met)" if item["met"] else "  (not met)")
            sign = ">=" if item["direction"] == "at-least" else "<="
            out.append(
                f"{item['kind']} {item['id']}: {item['metric']} = {value}, target {sign} {item['target']:g}{verdict}"
                + (f"; {item['note']}" if item["note"] else "")
            )
    return "\n".join(out) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with a single quote (OWASP CSV injection)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class _SafeWriter:
    """csv.writer whose text cells can never start a formula; numbers are written as they are."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\n")
        # Python < 3.12 leaves a field holding a lone CR unquoted when the line ends in LF; quote such rows whole.
        self._quoting_all = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, cells) -> None:
        safe = [spreadsheet_safe(cell) for cell in cells]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in safe)
        (self._quoting_all if carriage_return else self._writer).writerow(safe)


def csv_report(result: dict[str, Any], dimensions: tuple[str, ...], details: bool) -> str:
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    if details:
        writer.writerow(MESSAGE_FIELDS)
        for message in result.get("messages", []):
            writer.writerow(["" if message[f] is None else message[f] for f in MESSAGE_FIELDS])
        return buffer.getvalue()
    times = [f"{name}_{stat}" for name in CSV_TIMES for stat in ("median", "p90", "max")]
    writer.writerow(["dimension", "key", *CSV_FIELDS, *times, "unanswered_age_max"])
    groups = [("overall", "all", result["overall"])] + [(name, g["key"], g) for name in dimensions for g in result["by"].get(name, [])]
    for name, key, figures in groups:
        stats = [figures[t][s] for t in CSV_TIMES for s in ("median", "p90", "max")]
        cells = [name, key, *(figures[f] for f in CSV_FIELDS), *stats, figures["unanswered_age"]["max"]]
        writer.writerow(["" if c is None else c for c in cells])
    return buffer.getvalue()


# --- the command's reporters: one registry, one (result, stream) signature like validate, test and diff ----


@dataclass(frozen=True)
class AuditReport:
    """What `socialkit audit` reports: the result and the options that shape its text."""

    result: dict[str, Any]
    dimensions: tuple[str, ...] = ()
    details: bool = False


AUDIT_REPORTERS: Reporters[AuditReport] = Reporters("audit results")


@AUDIT_REPORTERS.register("text")
def _text(report: AuditReport, stream: TextIO) -> None:
    stream.write(text_report(report.result, report.dimensions))


@AUDIT_REPORTERS.register("json")
def _json(report: AuditReport, stream: TextIO) -> None:
    stream.write(json.dumps(report.result, ensure_ascii=False, indent=2) + "\n")


@AUDIT_REPORTERS.register("csv")
def _csv(report: AuditReport, stream: TextIO) -> None:
    if "rows" not in report.result:  # moderation logs only: one row per action the policy does not allow
        stream.write(moderation_csv(report.result["moderation"]))
        return
    stream.write(csv_report(report.result, report.dimensions, report.details))


def moderation_csv(section: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "line", "code", "field", "message"])
    for p in section["problems"]:
        writer.writerow([spreadsheet_safe(p["file"]), p["line"], p["code"], p["json_path"], spreadsheet_safe(p["message"])])
    return buffer.getvalue()


@AUDIT_REPORTERS.register("markdown")
def _markdown(report: AuditReport, stream: TextIO) -> None:
    from socialkit.audit.report import report_markdown

    stream.write(report_markdown(report.result, "en"))

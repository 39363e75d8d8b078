"""`socialkit audit --moderation-log`: what moderators really did, judged against the moderation policy.

A moderation log is CSV (any delimiter) or JSON lines, one action per row:

    time, channel, reason, action, moderator, steps, approved_by   (author, id optional)

`steps` and `approved_by` hold several values separated by `;`, `,` or `|` (or a JSON list). Each row
is judged with `Policy.moderate` (the same answer as `socialkit moderate`), the author's earlier
violations counted from the log itself: per channel and author, rows for a reason on the ladder,
within the ladder's period. Unreadable rows are skipped as SK501-SK506 problems; rows the policy
does not allow are kept and reported as SK324-SK328, located by file and line.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from socialkit import problems as P
from socialkit.audit.read import ReadError
from socialkit.audit.times import parse_times
from socialkit.runtime.policy import Policy, PolicyError

ACTIONS = ("keep", "hide", "delete", "block", "report-to-platform", "report-to-police", "warn")
STEPS = ("screenshot", "save-link", "record-in-log", "register-case", "notify")
REQUIRED = ("time", "channel", "reason", "action")
REMOVING = ("hide", "delete", "block")
COLUMNS = {  # field -> the column names it is read from (compared in lower case, spaces as _)
    "time": ("time", "at", "timestamp", "date"),
    "channel": ("channel",),
    "reason": ("reason",),
    "action": ("action",),
    "moderator": ("moderator", "by"),
    "steps": ("steps", "steps_done"),
    "approved_by": ("approved_by", "approver", "approval"),
    "author": ("author", "user", "offender"),
    "id": ("id",),
}
SYNONYMS = {
    "removed": "delete",
    "remove": "delete",
    "deleted": "delete",
    "hidden": "hide",
    "blocked": "block",
    "ban": "block",
    "banned": "block",
    "warned": "warn",
    "warning": "warn",
    "kept": "keep",
    "link": "save-link",
    "saved-link": "save-link",
    "log": "record-in-log",
    "logged": "record-in-log",
    "case": "register-case",
    "registered": "register-case",
    "notified": "notify",
}
SEPARATORS = re.compile(r"[;,|]")


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    time: int
    channel: str
    reason: str
    action: str
    moderator: str
    steps: frozenset[str]
    approved_by: tuple[str, ...]
    author: str | None


@dataclass
class ModerationLog:
    files: list[str]
    rows: list[Row]
    skipped: list[P.Problem]
    read: int


# --- reading -------------------------------------------------------------------------------------


def moderation_columns(columns: dict[str, str] | None = None, overrides: list[str] = ()) -> dict[str, tuple[str, ...]]:
    """Field -> the column names it is read from: COLUMNS, then a columns table ([tool.socialkit.audit]
    moderation_columns), then FIELD=COLUMN overrides (--moderation-map); MappingError names the bad part."""
    from socialkit.audit.mapping import MappingError
    from socialkit.words import did_you_mean

    names = dict(COLUMNS)
    pairs = [(field, column, "moderation_columns") for field, column in (columns or {}).items()]
    for text in overrides:
        field, sep, column = text.partition("=")
        if not sep or not column.strip():
            raise MappingError(f"--moderation-map '{text}' is not FIELD=COLUMN, e.g. --moderation-map time='Created at'")
        pairs.append((field.strip(), column, "--moderation-map"))
    for field, column, where in pairs:
        if field not in COLUMNS:
            raise MappingError(f"{where}: unknown moderation-log field '{field}'{did_you_mean(field, COLUMNS, or_list=True)}")
        if not _key(column):
            raise MappingError(f"{where}: the column for '{field}' is empty")
        names[field] = (_key(column),)
    return names


def read_moderation_logs(
    paths: list[Path], shown: list[str], document: dict[str, Any], columns: dict[str, tuple[str, ...]] | None = None
) -> ModerationLog:
    """Every row of the logs, in time order; `columns` (from `moderation_columns`) names each field's columns."""
    columns = columns or COLUMNS
    log = ModerationLog(files=list(shown), rows=[], skipped=[], read=0)
    for path, name in zip(paths, shown):
        for line, record in _records(path, name, columns):
            log.read += 1
            row = _row(record, name, line, document, log.skipped, columns)
            if row is not None:
                log.rows.append(row)
    log.rows.sort(key=lambda r: (r.time, shown.index(r.file), r.line))
    return log


def _records(path: Path, name: str, columns: dict[str, tuple[str, ...]]) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as err:
        raise ReadError(f"{name}: cannot read: {err.strerror}") from None
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        return _json_lines(text)
    return _csv_rows(text, name, columns)


def _json_lines(text: str) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = _NOT_JSON
        out.append((number, value if isinstance(value, dict) else {_BAD: "not JSON" if value is _NOT_JSON else "not a JSON object"}))
    return out


_NOT_JSON = object()
_BAD = "\0bad"


def _csv_rows(text: str, name: str, columns: dict[str, tuple[str, ...]]) -> list[tuple[int, dict[str, Any]]]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ReadError(f"{name}:1: no header; the first line must name the columns (time, channel, reason, action, ...)")
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=lines[0].count)
    try:
        header = [_key(h) for h in next(csv.reader(lines[:1], delimiter=delimiter))]
    except csv.Error as err:
        raise ReadError(f"{name}:1: cannot read the header ({err})") from None
    missing = [f for f in REQUIRED if not any(c in header for c in columns[f])]
    if missing:
        wanted = ", ".join(f if columns[f] == COLUMNS[f] else f"{columns[f][0]} (for {f})" for f in missing)
        raise ReadError(
            f"{name}:1: the moderation log has no column {wanted}; columns: {', '.join(header)}. "
            "Name the column with --moderation-map FIELD=COLUMN"
        )
    return _csv_records(lines, header, delimiter)


def _csv_records(lines: list[str], header: list[str], delimiter: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows as CSV reads them (a quoted field may span lines), each with the line it starts on; a row the
    reader refuses (a field over its size limit) is a bad row, and reading goes on after it."""
    reader = csv.reader(lines, delimiter=delimiter)
    next(reader)
    out: list[tuple[int, dict[str, Any]]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as err:
            out.append((start, {_BAD: f"not CSV ({err})"}))
            continue
        if any(c.strip() for c in cells):
            out.append((start, _cells(cells, header)))


def _cells(cells: list[str], header: list[str]) -> dict[str, Any]:
    if len(cells) != len(header):
        return {_BAD: f"{len(cells)} fields where the header has {len(header)}"}
    return dict(zip(header, cells))


def _key(name: str) -> str:
    return "_".join(str(name).strip().lower().split())


def _word(value: Any) -> str:
    word = "-".join(str(value).strip().lower().replace("_", " ").split())
    return SYNONYMS.get(word, word)


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else SEPARATORS.split(str(value)) if value is not None else []
    return [str(v).strip() for v in items if str(v).strip()]


def _row(
    record: dict[str, Any], file: str, line: int, document: dict[str, Any], skipped: list[P.Problem], columns: dict[str, tuple[str, ...]]
) -> Row | None:
    def skip(code: P.Code, message: str, field: str | None = None) -> None:
        skipped.append(P.problem(code, message, file=file, line=line, json_path=f"$.{field}" if field else "$"))

    if _BAD in record:
        code = P.ROW_FIELD_COUNT if "fields" in record[_BAD] else P.LINE_NOT_OBJECT if "object" in record[_BAD] else P.LINE_UNREADABLE
        skip(code, record[_BAD])
        return None
    keys = {_key(k): v for k, v in record.items()}
    values = {name: next((keys[c] for c in columns[name] if keys.get(c) not in (None, "")), None) for name in COLUMNS}
    for name in REQUIRED:
        if values[name] is None:
            skip(P.FIELD_MISSING, f"no {name}; every row needs time, channel, reason and action", name)
            return None
    channel = _channel(str(values["channel"]), document)
    if channel is None:
        skip(P.FIELD_UNKNOWN_ID, f"unknown channel '{_short(values['channel'])}'; known: {', '.join(document['channels'])}", "channel")
        return None
    action = _word(values["action"])
    if action not in ACTIONS:
        skip(P.FIELD_INVALID, f"unknown action '{_short(values['action'])}'; use one of {', '.join(ACTIONS)}", "action")
        return None
    zone = document["organization"]["timezone"]
    seconds = int(parse_times([str(values["time"])], zone).seconds[0])
    if seconds < 0:
        skip(P.FIELD_BAD_TIME, f"cannot read the time '{_short(values['time'])}'; write e.g. 2026-11-02T14:05:00+01:00", "time")
        return None
    return Row(
        file=file,
        line=line,
        time=seconds,
        channel=channel,
        reason=_word(values["reason"]),
        action=action,
        moderator=str(values["moderator"] or ""),
        steps=frozenset(_word(s) for s in _values(values["steps"])),
        approved_by=tuple(_person(p, document) for p in _values(values["approved_by"])),
        author=str(values["author"]).strip() or None if values["author"] is not None else None,
    )


def _channel(value: str, document: dict[str, Any]) -> str | None:
    wanted = value.strip().lower()
    return next((cid for cid, c in document["channels"].items() if wanted in (cid.lower(), str(c["name"]).lower())), None)


def _person(value: str, document: dict[str, Any]) -> str:
    wanted = value.strip().lower()
    return next((pid for pid, p in document["people"].items() if wanted in (pid.lower(), str(p["name"]).lower())), value.strip())


def _short(value: Any, width: int = 40) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --- judging -------------------------------------------------------------------------------------


def judge_moderation(log: ModerationLog, policy: Policy) -> list[P.Problem]:
    """Every row the policy does not allow, one problem per broken requirement."""
    moderation = policy.document.get("moderation") or {}
    ladder = moderation.get("ladder")
    on_ladder = set(ladder["reasons"]) if ladder else set()
    within = ladder["within"] if ladder else None
    earlier: dict[tuple[str, str], list[int]] = defaultdict(list)
    findings: list[P.Problem] = []
    for row in log.rows:
        prior = None
        if row.author is not None:
            times = earlier[(row.channel, row.author)]
            prior = sum(1 for t in times if within is None or row.time - t <= within)
        findings += _judge_row(policy, row, prior)
        if row.author is not None and row.reason in on_ladder:
            earlier[(row.channel, row.author)].append(row.time)
    findings.sort(key=lambda p: (log.files.index(p.file), p.line or 0, p.code))
    return findings


def _judge_row(policy: Policy, row: Row, prior: int | None) -> list[P.Problem]:
    def finding(code: P.Code, message: str, field: str) -> P.Problem:
        return P.problem(
            code, f"{row.action} ({row.reason} on {row.channel}): {message}", file=row.file, line=row.line, json_path=f"$.{field}"
        )

    try:
        decision = policy.moderate(row.channel, row.reason, prior or 0)
    except PolicyError as err:
        return [finding(P.MODERATION_NOT_ALLOWED, str(err), "reason")]
    if decision.protected and row.action in REMOVING:
        return [finding(P.MODERATION_PROTECTED, f"'{row.reason}' is never removed; it should have been kept and answered", "action")]
    ladder_action = decision.ladder.action if decision.ladder else None
    if row.action not in decision.actions and row.action not in _uncertain_fallbacks(policy, decision):
        if prior is None and _on_ladder_somewhere(policy, row):
            return []  # without an author the earlier violations are unknown: a ladder action cannot be judged
        if row.action == "block" and prior is not None and ladder_action is not None:
            return [
                finding(P.MODERATION_NO_WARNING, f"violation {prior + 1} of this author calls for {ladder_action}, not a block", "action")
            ]
        allowed = ", ".join(decision.actions) or "nothing"
        return [finding(P.MODERATION_NOT_ALLOWED, f"the policy allows {allowed} here", "action")]
    out = []
    missing = [s for s in decision.steps.get(row.action, ()) if s not in row.steps]
    if row.action in decision.notify and "notify" not in row.steps:
        missing.append("notify")
    if missing:
        out.append(finding(P.MODERATION_STEP_MISSING, f"no {', '.join(missing)} before it", "steps"))
    approvers = decision.approval.get(row.action)
    if approvers and not set(row.approved_by) & set(approvers):
        who = " or ".join(_name(policy, p) for p in approvers)
        got = f" (approved by {', '.join(_name(policy, p) for p in row.approved_by)})" if row.approved_by else ""
        out.append(finding(P.MODERATION_NOT_APPROVED, f"needs approval by {who} first{got}", "approved_by"))
    return out


def _name(policy: Policy, person: str) -> str:
    return str(policy.document["people"].get(person, {}).get("name", person))


def _uncertain_fallbacks(policy: Policy, decision) -> tuple[str, ...]:
    """Later preferences, when whether the platform supports the chosen one is not known (the audit then
    accepts what the moderator found possible)."""
    from socialkit.runtime.moderation import matching_rule

    moderation = policy.document.get("moderation") or {}
    rule = matching_rule(moderation, decision.channel, decision.reason)
    if rule is None or not decision.actions or decision.actions[0] not in rule["actions"]:
        return ()
    chosen = decision.actions[0]
    if moderation.get("capabilities", {}).get(decision.channel, {}).get(chosen, True) is not None:
        return ()
    return tuple(rule["actions"][rule["actions"].index(chosen) + 1 :])


def _on_ladder_somewhere(policy: Policy, row: Row) -> bool:
    """Whether the row's action is one the ladder could allow for this reason."""
    ladder = (policy.document.get("moderation") or {}).get("ladder")
    if not ladder or row.reason not in ladder["reasons"]:
        return False
    return any(step["action"] == row.action for step in ladder["steps"])


# --- the summary ---------------------------------------------------------------------------------


def summarise_moderation(log: ModerationLog, findings: list[P.Problem]) -> dict[str, Any]:
    """The `moderation` part of the audit result (plain JSON-ready data)."""
    flagged = {(p.file, p.line) for p in findings}
    by_reason: dict[str, Counter] = defaultdict(Counter)
    for row in log.rows:
        by_reason[row.reason][row.action] += 1
    return {
        "logs": list(log.files),
        "rows": {"read": log.read, "audited": len(log.rows), "skipped": len(log.skipped), "not_allowed": len(flagged)},
        "actions": dict(sorted(Counter(row.action for row in log.rows).items())),
        "by_reason": [
            {"reason": reason, "actions": dict(sorted(counts.items())), "rows": sum(counts.values())}
            for reason, counts in sorted(by_reason.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        ],
        "findings": dict(sorted(Counter(p.code for p in findings).items())),
        "problems": [_plain(p) for p in findings],
        "skipped": [_plain(p) for p in log.skipped],
    }


def _plain(problem: P.Problem) -> dict[str, Any]:
    return {"code": problem.code, "file": problem.file, "line": problem.line, "json_path": problem.json_path, "message": problem.message}


def audit_moderation(
    paths: list[Path], shown: list[str], policy: Policy, columns: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    """Read, judge and summarise moderation logs in one call."""
    log = read_moderation_logs(paths, shown, policy.document, columns)
    return summarise_moderation(log, judge_moderation(log, policy))


# --- output --------------------------------------------------------------------------------------

CODE_NAMES = {
    "SK324": "protected content removed",
    "SK325": "action not allowed",
    "SK326": "step missing",
    "SK327": "approval missing",
    "SK328": "block without warning",
}


def moderation_text(section: dict[str, Any]) -> str:
    """The moderation part of the terminal report: counts, then every row the policy does not allow."""
    rows = section["rows"]
    out = [
        f"moderation log {', '.join(section['logs'])}: {rows['audited']:,} actions audited, {rows['skipped']:,} row(s) skipped, "
        f"{rows['not_allowed']:,} not allowed by the policy"
    ]
    if section["actions"]:
        out.append("actions: " + ", ".join(f"{a} {n:,}" for a, n in section["actions"].items()))
    for code, count in section["findings"].items():
        out.append(f"  {code} {CODE_NAMES.get(code, code)}: {count:,}")
    for p in section["problems"]:
        out.append(f"{p['file']}:{p['line']}: {p['code']} {p['message']}")
    return "\n".join(out) + "\n"


def moderation_only_result(policy: Policy, section: dict[str, Any]) -> dict[str, Any]:
    """The audit result when only moderation logs were given."""
    from socialkit import __version__
    from socialkit.audit.summarise import RESULT_FORMAT

    document = policy.document
    return {
        "format": RESULT_FORMAT,
        "kit_version": __version__,
        "organization": document["organization"]["name"],
        "timezone": document["organization"]["timezone"],
        "policy": {k: document["provenance"].get(k) for k in ("as_of", "horizon_days", "strategy_sha256")},
        "logs": [],
        "moderation": section,
    }

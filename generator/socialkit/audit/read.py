"""Stage 1: read interaction logs (CSV with any delimiter, JSON lines) into columns.

Every row becomes either a message in `Log` or a `BadRow` with its file and
line: nothing is dropped silently. Times are UTC epoch seconds; naive times
are read in the organisation's zone (or the configured one) and counted.
"""

from __future__ import annotations

import codecs
import csv
import gc
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson

from socialkit import problems as P
from socialkit.audit.derive import apply_preset, closest_preset, list_cell
from socialkit.audit.mapping import FALSE, KIND_ALIASES, REQUIRED, TIME_FIELDS, TRUE, AuditConfig, fold, value_matcher
from socialkit.audit.times import BAD, MISSING, OUT_OF_RANGE, YEARS, parse_times
from socialkit.engine.deadlines import NO_TIME
from socialkit.errors import SocialkitError
from socialkit.runtime.jsonout import line_problem

CHUNK = 100_000  # rows per progress step
SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
MAX_REPLY_DELAY = 366 * 86400  # a first reply or acknowledgement over a year after arrival is a data error


class ReadError(SocialkitError):
    """A whole log cannot be read (missing file, no header, required column missing): one line, with the fix."""


@dataclass(frozen=True)
class BadRow:
    file: str
    line: int
    reason: str  # short, groupable: 'bad received_at', 'unknown channel', ...
    message: str  # the full one-line explanation with the fix

    def __str__(self) -> str:
        path = f" {self.json_path}:" if self.json_path != "$" else ""
        return f"{self.file}:{self.line}: {self.code}{path} {self.message}"

    @property
    def code(self) -> str:
        """The stable SK5xx problem code of the reason (docs/guide/codes.md)."""
        reason = self.reason
        for start, code in _REASON_CODES:
            if reason.startswith(start) or reason.endswith(start):
                return code.code
        return P.FIELD_INVALID.code

    @property
    def json_path(self) -> str:
        """The field the reason is about, as a JSON path into the row ('$' for the row as a whole)."""
        words = self.reason.split()
        if self.reason == "duplicate id":
            return "$.id"
        if self.reason == "outside the horizon":
            return "$.received_at"
        field_name = next((w for w in words if w in _FIELD_NAMES), None)
        return f"$.{field_name}" if field_name else "$"

    def problem(self) -> P.Problem:
        """The same as the one Problem type every stage reports."""
        return P.problem(P.CODES[self.code], self.message, file=self.file, line=self.line, json_path=self.json_path)


_REASON_CODES = (
    ("missing ", P.FIELD_MISSING),
    ("unknown ", P.FIELD_UNKNOWN_ID),
    ("bad followers", P.FIELD_INVALID),
    ("bad resolved", P.FIELD_INVALID),
    ("bad crisis", P.FIELD_INVALID),
    ("bad ", P.FIELD_BAD_TIME),
    ("wrong number of fields", P.ROW_FIELD_COUNT),
    ("not a JSON object", P.LINE_NOT_OBJECT),
    ("not JSON", P.LINE_UNREADABLE),
    ("not UTF-8", P.LINE_UNREADABLE),
    ("not CSV", P.LINE_UNREADABLE),
    ("outside the horizon", P.OUTSIDE_HORIZON),
    ("duplicate id", P.DUPLICATE_MESSAGE),
    ("received_at", P.TIME_ORDER),
)
_FIELD_NAMES = {"received_at", "acknowledged_at", "responded_at", "channel", "category", "followers", "resolved", "crisis", "id", "kind"}


@dataclass
class Log:
    """Messages as columns (row i of every column is one message)."""

    file: np.ndarray  # int index into `files`
    line: np.ndarray  # 1-based line number of the row in its file
    files: list[str]
    id: list[str]
    received_at: np.ndarray
    channel: list[str]
    category: list[str]
    acknowledged_at: np.ndarray  # NO_TIME when never acknowledged
    responded_at: np.ndarray  # NO_TIME when unanswered
    agent: list[str] | None = None
    followers: np.ndarray | None = None  # -1 unknown
    author_type: list[str | None] | None = None
    text: list[str] | None = None
    resolved: np.ndarray | None = None  # int8: 1 yes, 0 no, -1 unknown
    crisis: np.ndarray | None = None  # bool
    naive_times: int = 0
    bad: list[BadRow] = field(default_factory=list)
    rows_read: int = 0
    kind: list[str | None] | None = None  # None: the log has no kind column

    def __len__(self) -> int:
        return len(self.received_at)

    def take(self, keep: np.ndarray) -> Log:
        """Only the rows where `keep` is true (bad rows and counters stay)."""
        if keep.all():
            return self
        index = np.flatnonzero(keep)
        pick = lambda values: (
            None if values is None else (values[index] if isinstance(values, np.ndarray) else [values[i] for i in index.tolist()])
        )  # noqa: E731
        return Log(
            self.file[index],
            self.line[index],
            self.files,
            pick(self.id),
            self.received_at[index],
            pick(self.channel),
            pick(self.category),
            self.acknowledged_at[index],
            self.responded_at[index],
            pick(self.agent),
            pick(self.followers),
            pick(self.author_type),
            pick(self.text),
            pick(self.resolved),
            pick(self.crisis),
            self.naive_times,
            self.bad,
            self.rows_read,
            pick(self.kind),
        )


@dataclass
class _Raw:
    """Text cells per canonical field for the rows of one file."""

    file: str
    lines: list[int] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=dict)
    bad: list[BadRow] = field(default_factory=list)
    pending: list[tuple[int, str, str]] = field(default_factory=list)  # (row index, reason, message) before lines are known


@contextmanager
def paused_gc():
    """Millions of small row lists make the cyclic collector rescan them again and again; none of them form cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_logs(paths: list[Path], document: dict, config: AuditConfig, *, shown: list[str] | None = None, progress=None) -> Log:
    """Read every log into one Log; ReadError when a whole file is unusable."""
    with paused_gc():
        raws = []
        for path, name in zip(paths, shown or [str(p) for p in paths]):
            raws.append(apply_preset(_read_file(path, name, config, progress), document, config))
        return _to_log(raws, document, config)


def _read_file(path: Path, name: str, config: AuditConfig, progress) -> _Raw:
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as err:
        raise ReadError(f"{name}: cannot read: {err.strerror}") from None
    text_head = head.decode("utf-8-sig", errors="replace").lstrip()
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text_head.startswith("{"):
        return _read_jsonl(path, name, config, progress)
    return _read_csv(path, name, text_head, config, progress)


def _open_text(path: Path, name: str):
    """The log as text; undecodable bytes become lone surrogates (counted), so one bad byte rejects only its row."""
    try:
        return path.open(encoding="utf-8-sig", newline="", errors=_BAD_BYTES_HANDLER)
    except OSError as err:
        raise ReadError(f"{name}: cannot read: {err.strerror}") from None


_BAD_BYTES_HANDLER = "socialkit-audit-bad-bytes"
_bad_bytes = [0]  # how many undecodable byte runs the handler replaced: rows are scanned only when it moved


def _replace_bad_bytes(err: UnicodeError) -> tuple[str, int]:
    _bad_bytes[0] += 1
    return codecs.lookup_error("surrogateescape")(err)


codecs.register_error(_BAD_BYTES_HANDLER, _replace_bad_bytes)


def _undecodable(text: str) -> int | None:
    """The value of the first byte that was not UTF-8 (kept as a lone surrogate), or None."""
    for char in text:
        if "\udc80" <= char <= "\udcff":
            return ord(char) - 0xDC00
    return None


def _delimiter(head: str, config: AuditConfig, name: str) -> str:
    if config.delimiter:
        return config.delimiter
    first = head.splitlines()[0] if head else ""
    try:
        return csv.Sniffer().sniff("\n".join(head.splitlines()[:20]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
        raise ReadError(
            f"{name}:1: cannot tell the CSV delimiter; set it with --delimiter ';' or [tool.socialkit.audit] delimiter"
        ) from None


def _columns_needed(config: AuditConfig, header: list[str], name: str) -> dict[str, int]:
    """{field: column index} for the mapped fields present in the header; ReadError if a required one is missing."""
    position = {column.strip(): i for i, column in enumerate(header)}
    folded = {fold(column): i for i, column in enumerate(header)}
    found = {}
    for field_name, column in config.columns.items():
        index = position.get(column, folded.get(fold(column)))
        if index is not None:
            found[field_name] = index
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        wanted = ", ".join(f"{f} (column '{config.columns.get(f, f)}')" for f in missing)
        raise ReadError(
            f"{name}:1: no column for {wanted}; the header has: {', '.join(h.strip() for h in header)}. "
            f"{_preset_hint(header, config)}Choose a --preset or map it, e.g. --map received_at=Created"
        )
    return found


KEY_SAMPLE = 100  # objects whose keys the closest-preset hint looks at


def _key_paths(data: dict, prefix: str = "", depth: int = 0) -> set[str]:
    """'id', 'via', 'via.channel', ... of one JSON object (three levels deep at most)."""
    found = set()
    for key, value in data.items():
        path = f"{prefix}{key}"
        found.add(path)
        if isinstance(value, dict) and depth < 2:
            found |= _key_paths(value, f"{path}.", depth + 1)
    return found


def _preset_hint(header: list[str], config: AuditConfig, *, nested: bool = False) -> str:
    closest = closest_preset(header, nested=nested)
    if closest is None:
        return ""
    name, missing = closest
    lacking = f"; missing: {', '.join(repr(c) for c in missing)}" if missing else ""
    return f"The closest preset is {name}{' (in use)' if name == config.preset else f' (--preset {name})'}{lacking}. "


def _read_csv(path: Path, name: str, head: str, config: AuditConfig, progress) -> _Raw:
    raw = _Raw(name)
    bad_bytes_before = _bad_bytes[0]
    with _open_text(path, name) as handle:
        reader = csv.reader(handle, delimiter=_delimiter(head, config, name))
        try:
            header = next(reader)
        except StopIteration:
            raise ReadError(f"{name}:1: the file is empty; expected a header row") from None
        except csv.Error as err:
            raise ReadError(f"{name}:1: not readable as CSV ({err})") from None
        found = _columns_needed(config, header, name)
        header_lines = reader.line_num
        try:
            rows = list(reader)
            one_line_each = reader.line_num == header_lines + len(rows)
            lines = list(range(header_lines + 1, header_lines + 1 + len(rows))) if one_line_each else None
        except csv.Error:  # e.g. a field over the size limit: read again, row by row, skipping the broken ones
            rows, lines = _rows_one_by_one(path, name, config, head, raw)
    if progress is not None:
        progress.advance(len(rows))
    raw.lines = lines if lines is not None else _record_lines(path, name, config, head)  # quoted line breaks
    width = len(header)
    misfits = [k for k, row in enumerate(rows) if len(row) != width]
    if _bad_bytes[0] != bad_bytes_before:
        misfits = sorted(set(misfits) | set(_rows_with_bad_bytes(rows, header, raw)))
    if misfits:
        bad_rows = set(misfits)
        miscounted = set()
        for k in misfits:
            row = rows[k]
            if len(row) != width and row and not (len(row) == 1 and not row[0].strip()):
                miscounted.add(k)
                raw.bad.append(
                    BadRow(
                        name,
                        raw.lines[k],
                        "wrong number of fields",
                        f"{len(row)} fields where the header has {width}; check the delimiter and quoting",
                    )
                )
        raw.bad.extend(BadRow(name, raw.lines[k], reason, message) for k, reason, message in raw.pending if k not in miscounted)
        raw.bad.sort(key=lambda b: b.line)
        rows = [row for k, row in enumerate(rows) if k not in bad_rows]
        raw.lines = [line for k, line in enumerate(raw.lines) if k not in bad_rows]
    wanted = list(found.items())
    columns = list(zip(*rows)) if rows else [()] * width
    raw.cells = {f: list(columns[i]) for f, i in wanted}
    return raw


def _rows_with_bad_bytes(rows: list[list[str]], header: list[str], raw: _Raw) -> list[int]:
    """Indexes of rows holding bytes that are not UTF-8; each is noted in raw.pending (reason, message)."""
    out = []
    for k, row in enumerate(rows):
        for column, cell in enumerate(row):
            byte = _undecodable(cell)
            if byte is not None:
                where = f"column '{_short(header[column])}'" if column < len(header) else f"field {column + 1}"
                raw.pending.append((k, "not UTF-8", f"not UTF-8 text (byte 0x{byte:02x} in {where}); save the export as UTF-8"))
                out.append(k)
                break
    return out


def _rows_one_by_one(path: Path, name: str, config: AuditConfig, head: str, raw: _Raw) -> tuple[list[list[str]], list[int]]:
    rows, lines = [], []
    with _open_text(path, name) as handle:
        reader = csv.reader(handle, delimiter=_delimiter(head, config, name))
        next(reader, None)
        previous_end = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                raw.bad.append(BadRow(name, previous_end + 1, "not CSV", f"not readable as CSV ({err})"))
            else:
                rows.append(row)
                lines.append(previous_end + 1)
            previous_end = reader.line_num
    return rows, lines


def _record_lines(path: Path, name: str, config: AuditConfig, head: str) -> list[int]:
    with _open_text(path, name) as handle:
        reader = csv.reader(handle, delimiter=_delimiter(head, config, name))
        next(reader, None)
        starts, previous_end = [], reader.line_num
        for _ in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    return starts


def _read_jsonl(path: Path, name: str, config: AuditConfig, progress) -> _Raw:
    raw = _Raw(name)
    cells: dict[str, list[str]] = {f: [] for f in config.columns}
    paths = {f: column.split(".") for f, column in config.columns.items()}
    seen: set[str] = set()
    keys: set[str] = set()  # dotted key paths of the first objects, for the closest-preset hint
    try:
        handle = path.open("rb")
    except OSError as err:
        raise ReadError(f"{name}: cannot read: {err.strerror}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)  # about twice as fast as json; refuses NaN, lone surrogates, bad UTF-8
            except orjson.JSONDecodeError:
                problem = line_problem(line)
                raw.bad.append(BadRow(name, number, "not UTF-8" if problem.startswith("not UTF-8") else "not JSON", problem))
                continue
            if not isinstance(data, dict):
                raw.bad.append(BadRow(name, number, "not a JSON object", "expected one JSON object per line"))
                continue
            raw.lines.append(number)
            if len(raw.lines) <= KEY_SAMPLE:
                keys |= _key_paths(data)
            for f, steps in paths.items():
                value = _dig(data, steps)
                if value is not None:
                    seen.add(f)
                cells[f].append(_cell(value))
            if number % CHUNK == 0 and progress is not None:
                progress.advance(CHUNK)
    if raw.lines:
        missing = [f for f in REQUIRED if f not in seen]
        if missing:
            wanted = ", ".join(f"{f} (key '{config.columns.get(f, f)}')" for f in missing)
            raise ReadError(
                f"{name}:{raw.lines[0]}: no line has {wanted}. {_preset_hint(sorted(keys), config, nested=True)}"
                "Choose a --preset or map it, e.g. --map received_at=created_at (dots reach nested keys: via.channel)"
            )
    raw.cells = {f: values for f, values in cells.items() if f in seen or f in REQUIRED}
    return raw


def _dig(data: dict, keys: list[str]):
    """data['via']['channel'] for ['via', 'channel']; a flat key 'via.channel' also counts."""
    if len(keys) > 1 and ".".join(keys) in data:
        return data[".".join(keys)]
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # orjson gives finite floats only
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list):  # tags: all of them; the preset step picks the one that counts
        return list_cell(value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode()
    return str(value)


# --- from text cells to typed columns ---------------------------------------------------------------


def _to_log(raws: list[_Raw], document: dict, config: AuditConfig) -> Log:
    files = [r.file for r in raws]
    file_index = np.concatenate([np.full(len(r.lines), k, dtype=np.int64) for k, r in enumerate(raws)]) if raws else np.zeros(0, np.int64)
    lines = np.concatenate([np.array(r.lines, dtype=np.int64) for r in raws]) if raws else np.zeros(0, np.int64)
    present = set().union(*(r.cells for r in raws)) if raws else set()
    cells = {f: _concatenated([r.cells.get(f) or [""] * len(r.lines) for r in raws]) for f in present}
    n = len(lines)
    bad = [b for r in raws for b in r.bad]
    problem = np.zeros(n, dtype=bool)
    reasons: list[tuple[int, str, str]] = []

    def flag(mask: np.ndarray, reason: str, message) -> None:
        fresh = mask & ~problem
        for i in np.flatnonzero(fresh).tolist():
            reasons.append((i, reason, message(i) if callable(message) else message))
        problem[fresh] = True

    zone_name = config.timezone or document["organization"]["timezone"]
    times, naive = {}, np.zeros(n, dtype=bool)
    for f in TIME_FIELDS:
        if f not in cells:
            times[f] = np.full(n, NO_TIME, dtype=np.int64)
            continue
        parsed = parse_times(cells[f], zone_name, config.time_format)
        hint = (
            f" (time_format '{config.time_format}')"
            if config.time_format
            else "; write ISO 8601 such as 2026-11-23T16:30:00+01:00, or set time_format (e.g. '%d/%m/%Y %H:%M')"
        )
        flag(parsed.seconds == BAD, f"bad {f}", lambda i, f=f, hint=hint: f"{f} '{_short(cells[f][i])}' is not a time{hint}")
        flag(
            parsed.seconds == OUT_OF_RANGE,
            f"bad {f}",
            lambda i, f=f: f"{f} '{_short(cells[f][i])}' is outside the years {YEARS} that an audit reads",
        )
        if f == "received_at":
            flag(parsed.seconds == MISSING, "missing received_at", "received_at is empty; every message needs its arrival time")
        naive |= parsed.naive & (parsed.seconds >= 0)
        times[f] = np.where(parsed.seconds < 0, NO_TIME, parsed.seconds)
    received, acknowledged, responded = times["received_at"], times["acknowledged_at"], times["responded_at"]
    for f in ("acknowledged_at", "responded_at"):
        flag(
            (times[f] != NO_TIME) & (times[f] < received) & (received != NO_TIME),
            f"{f} before received_at",
            lambda i, f=f: f"{f} is before received_at; check the columns map and the time zone of naive times",
        )
        flag(
            (times[f] != NO_TIME) & (received != NO_TIME) & (times[f] - received > MAX_REPLY_DELAY),
            f"{f} over a year after received_at",
            lambda i, f=f: f"{f} is more than a year after received_at; check the columns map (a 'never' placeholder date?)",
        )

    channel = _matched(cells["channel"], document, config, "channel", flag, n)
    category = _matched(cells["category"], document, config, "category", flag, n)
    followers = _followers(cells.get("followers"), flag, n) if "followers" in cells else None
    resolved = _flags(cells.get("resolved"), "resolved", flag, n) if "resolved" in cells else None
    crisis = _flags(cells.get("crisis"), "crisis", flag, n) if "crisis" in cells else None
    author = None
    if "author_type" in cells:
        aliases = {fold(k): v for k, v in config.values.get("author_type", {}).items()}
        unique = {v: (aliases.get(fold(v), v.strip().lower()) if v.strip() else None) for v in set(cells["author_type"])}
        author = [unique[v] for v in cells["author_type"]]
    kind = _kinds(cells["kind"], document, config, flag, n) if "kind" in cells else None
    ids = cells.get("id")
    if ids is not None:
        _flag_duplicates(ids, problem, flag, files, file_index, lines)
    for i, reason, message in sorted(reasons):
        bad.append(BadRow(files[file_index[i]], int(lines[i]), reason, message))
    log = Log(
        file_index,
        lines,
        files,
        cells.get("id") or [""] * n,
        received,
        channel,
        category,
        np.where((acknowledged == NO_TIME) | ((responded != NO_TIME) & (responded < acknowledged)), responded, acknowledged),
        responded,
        cells.get("agent"),
        followers,
        author,
        cells.get("text"),
        resolved,
        None if crisis is None else crisis == 1,
        int(naive[~problem].sum()),
        bad,
        n + sum(len(r.bad) for r in raws),
        kind,
    )
    return log.take(~problem)


def _flag_duplicates(ids: list[str], problem: np.ndarray, flag, files: list[str], file_index: np.ndarray, lines: np.ndarray) -> None:
    """Later rows with the id of an earlier usable row: reported and skipped, so each message counts once."""
    if len(set(map(str.strip, ids))) == len(ids):  # the usual export: every id distinct (one C-level pass)
        return
    first: dict[str, int] = {}
    again: list[int] = []
    for i, (message_id, skipped) in enumerate(zip(ids, problem.tolist())):
        key = message_id.strip()
        if key and not skipped and first.setdefault(key, i) != i:
            again.append(i)
    if not again:
        return
    mask = np.zeros(len(ids), dtype=bool)
    mask[again] = True

    def message(i: int) -> str:
        j = first[ids[i].strip()]
        return f"message id '{_short(ids[i])}' was already read at {files[file_index[j]]}:{lines[j]}; counted once"

    flag(mask, "duplicate id", message)


def _concatenated(parts: list[list[str]]) -> list[str]:
    if len(parts) == 1:
        return parts[0]
    return [v for part in parts for v in part]


def _matched(values: list[str], document: dict, config: AuditConfig, field_name: str, flag, n: int) -> list[str]:
    table = value_matcher(document, config, field_name)
    known = sorted(document["channels" if field_name == "channel" else "categories"])
    unique = {v: table.get(fold(v)) or "" for v in set(values)}
    out = [unique[v] for v in values]
    if all(unique.values()):
        return out
    unknown = np.fromiter((not v for v in out), dtype=bool, count=n)
    flag(
        unknown,
        f"unknown {field_name}",
        lambda i: (
            (
                f"unknown {field_name} '{_short(values[i])}'; known: {', '.join(known)}. Map it in "
                f'[tool.socialkit.audit.values] {field_name} = {{"{_short(values[i])}" = "..."}}'
            )
            if values[i].strip()
            else f"{field_name} is empty"
        ),
    )
    return out


def _kinds(values: list[str], document: dict, config: AuditConfig, flag, n: int) -> list[str | None]:
    """Message kinds by id, a common export word (KIND_ALIASES) or the `values` table; empty: not stated."""
    known = document.get("message_kinds", [])
    table = {fold(k): k for k in known} | {k: v for k, v in KIND_ALIASES.items() if v in known}
    table |= {fold(k): v for k, v in config.values.get("kind", {}).items()}
    unique = {v: (table.get(fold(v), "") if v.strip() else None) for v in set(values)}
    out = [unique[v] for v in values]
    unknown = np.fromiter((k == "" or (k is not None and k not in known) for k in out), dtype=bool, count=n)
    flag(
        unknown,
        "unknown kind",
        lambda i: (
            f"unknown kind '{_short(values[i])}'; known: {', '.join(known)}. Map it in "
            f'[tool.socialkit.audit.values] kind = {{"{_short(values[i])}" = "..."}}'
        ),
    )
    return [k or None for k in out]


def _followers(values: list[str], flag, n: int) -> np.ndarray:
    unique = {v: (-1 if not v.strip() else _count(v)) for v in set(values)}
    out = np.fromiter((-2 if unique[v] is None else unique[v] for v in values), dtype=np.int64, count=n)
    flag(
        out == -2,
        "bad followers",
        lambda i: f"followers '{_short(values[i])}' is not a count such as 12500, 12 500 or 12.5k (at most 10^15)",
    )
    return np.where(out == -2, -1, out)


MAX_FOLLOWERS = 10**15  # as for evaluate --events: far above any real account, far below 64 bits
_SCALED = re.compile(r"([0-9]{1,16})(?:[.,]([0-9]{1,6}))?([km])")


def _count(text: str) -> int | None:
    """12500, 12 500, 12,500, 12.5k, 1,2m -> a whole count; None for anything else ('1e400k', 'infk', '²', -3)."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("_", "").lower()
    scaled = _SCALED.fullmatch(cleaned)
    if scaled:
        whole, fraction, unit = scaled.groups()
        scale = 1000 if unit == "k" else 1_000_000
        value = int(whole) * scale + round(int(fraction or "0") * scale / 10 ** len(fraction or ""))
    else:
        cleaned = cleaned.replace(",", "")
        if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 16:
            return None
        value = int(cleaned)
    return value if value <= MAX_FOLLOWERS else None


def _flags(values: list[str], name: str, flag, n: int) -> np.ndarray:
    unique: dict[str, int] = {}
    for v in set(values):
        folded = v.strip().lower()
        unique[v] = -1 if not folded else 1 if folded in TRUE else 0 if folded in FALSE else -2
    out = np.fromiter((unique[v] for v in values), dtype=np.int8, count=n)
    flag(out == -2, f"bad {name}", lambda i: f"{name} '{_short(values[i])}' is not yes/no (true/false, 1/0, ja/nej)")
    return np.where(out == -2, -1, out).astype(np.int8)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def reasons_count(bad: list[BadRow]) -> dict[str, int]:
    return dict(sorted(Counter(b.reason for b in bad).items()))

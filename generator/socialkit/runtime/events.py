"""Read JSON-lines events and answer them in order: the engine of `socialkit evaluate --events`.

Input is read as bytes in chunks of whole lines, about CHUNK_BYTES each (the
first one smaller: it runs before the workers start), which the process that
answers a chunk splits into lines. Every line is either
answered (one decision line out, in input order) or becomes a located
`Problem` (file, line, JSON path, an SK5xx code): one bad line never stops
the batch, whatever it holds (invalid UTF-8, NaN, 100,000 levels of
nesting, a channel given as a list, a time in the year 10000, followers
beyond 64 bits). Chunks after the first are evaluated by forked worker
processes when `jobs` > 1; the output is the same for any job count.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import orjson

from socialkit import problems as P
from socialkit.problems import Code, Problem
from socialkit.runtime.jsonout import line_problem
from socialkit.runtime.policy import EventBatch, Policy, PolicyError, _suggest, parse_instant

CHUNK_BYTES = 4 << 20  # about 25,000 events a worker answers at once: per-group numpy work is paid per chunk, not per event
FIRST_CHUNK_BYTES = 256 << 10  # the chunk answered before the workers start, warming the caches they inherit
FIELDS = ("channel", "category", "received_at", "text", "followers", "author_type", "crisis", "kind")
EARLIEST = -62135596800  # 0001-01-01T00:00:00Z: epoch seconds outside the years 1 to 9999 are refused
LATEST = 253402300799  # 9999-12-31T23:59:59Z
MAX_FOLLOWERS = 10**15  # far above any real account, far below the 64-bit limit of the batch columns
SHOWN = 60  # characters of a bad value quoted in a message
_TIME_HINT = "RFC 3339 with offset, e.g. 2026-11-23T16:30:00+01:00, or whole epoch seconds"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ChunkResult:
    """One chunk answered: how many lines it had, the decision lines (UTF-8, in blocks), the problems of its bad lines."""

    lines: int
    blocks: list[bytes]
    problems: list[Problem]

    @property
    def output(self) -> bytes:
        return b"".join(self.blocks)


def read_chunks(stream: IO[bytes], size: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, whole lines as one bytes object) pieces of a binary stream, of about `size` bytes
    (by default FIRST_CHUNK_BYTES, then CHUNK_BYTES); a line longer than that is one piece of its own.

    Reading blocks instead of lines keeps the parent's work per chunk to a few C calls: with workers, it is the
    one process that must keep up with all of them.
    """
    read = getattr(stream, "read1", stream.read)  # what a pipe has now, not a wait for a whole block
    first, pending, ended = 1, b"", False
    while True:
        wanted = size or (min(FIRST_CHUNK_BYTES, CHUNK_BYTES) if first == 1 else CHUNK_BYTES)
        if len(pending) >= wanted:  # part of a line longer than a block: read on, doubling
            wanted = 2 * len(pending)
        parts, have = [pending], len(pending)
        while not ended and have < wanted:
            piece = read(wanted - have)
            ended = not piece
            parts.append(piece)
            have += len(piece)
        data = b"".join(parts)
        if not data:
            return
        cut = len(data) if ended else data.rfind(b"\n") + 1
        block, pending = data[:cut], data[cut:]
        if first == 1 and block.startswith(_BOM):
            block = block[len(_BOM) :]
        if block:
            yield first, block
        first += block.count(b"\n") + (bool(block) and not block.endswith(b"\n"))


def split_lines(chunk: tuple[int, bytes]) -> tuple[int, list[bytes]]:
    """A chunk of `read_chunks` as its lines, without their newlines."""
    first, block = chunk
    lines = block.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return first, lines


Sink = Callable[[ChunkResult], None]


def evaluate_stream(
    policy: Policy, stream: IO[bytes], label: str, jobs: int = 1, size: int | None = None, sink: Sink | None = None
) -> Iterator[ChunkResult]:
    """Every chunk of `stream` answered, in input order; `label` names the file in problems ('-' for stdin).

    With a `sink`, each chunk's result is handed to it in input order as soon as it is ready, by the process
    that answered it (a worker writes its own decisions: they never travel back through the parent), and the
    results yielded carry no decision lines.
    """
    return evaluate_chunks(policy, read_chunks(stream, size), label, jobs, sink)


def evaluate_chunks(
    policy: Policy, chunks: Iterable[tuple[int, bytes]], label: str, jobs: int, sink: Sink | None = None
) -> Iterator[ChunkResult]:
    """ChunkResults in input order (see `evaluate_stream`).

    With jobs > 1 and more than one chunk, chunks are evaluated by forked
    worker processes (each inherits the loaded policy); results are still
    delivered in input order, so the output is the same for any job count.
    """
    global _WORKER
    import gc
    from itertools import chain

    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    # The first chunk runs here: it fills the policy's caches (compiled schedules, zone tables,
    # plans), which forked workers then inherit instead of each building their own.
    yield _delivered(evaluate_chunk(policy, split_lines(first), label), sink)
    second = next(chunks, None)
    if second is None:
        return
    context = _fork_context()
    if jobs <= 1 or context is None:
        for chunk in chain((second,), chunks):
            yield _delivered(evaluate_chunk(policy, split_lines(chunk), label), sink)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    turn = _Turn(context)
    _WORKER = (policy, label, sink, turn)
    gc.freeze()  # the loaded policy's objects stay shared with the workers: a collection would touch (copy) their pages
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            try:
                pending: deque = deque()
                for number, chunk in enumerate(chain((second,), chunks)):
                    pending.append(pool.submit(_evaluate_in_worker, chunk, number))
                    if len(pending) >= 2 * jobs:  # bounded: a huge file never sits in memory at once
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:  # done, failed, interrupted or no longer read: no worker may wait for a turn that never comes
                turn.stop()
    finally:
        gc.unfreeze()


class _Turn:
    """Whose turn it is to hand over a chunk (the number of the next one), shared by forked workers.

    Chunks are handed out in order, so the one whose turn it is never waits
    for another: no deadlock. A chunk that fails (or whose hand-over fails,
    as on a closed pipe) ends the run at its number: the chunks before it are
    still handed over, none after it, and nobody waits for a turn that will
    not come. `stop` ends it everywhere (the parent stopped reading results).
    """

    def __init__(self, context: Any) -> None:
        self.condition = context.Condition()
        self.next = context.Value("q", 0, lock=False)
        self.limit = context.Value("q", 2**62, lock=False)  # chunks from this number on are not handed over

    def open_for(self, number: int) -> bool:
        return number < self.limit.value

    def hand_over(self, number: int, deliver: Callable[[], ChunkResult]) -> ChunkResult | None:
        """deliver() when chunk `number`'s turn comes; None if the run ended before it."""
        with self.condition:
            self.condition.wait_for(lambda: self.next.value == number or not self.open_for(number))
            if not self.open_for(number):
                return None
            try:
                return deliver()
            except BaseException:
                self.limit.value = min(self.limit.value, number)
                raise
            finally:
                self.next.value = number + 1
                self.condition.notify_all()

    def end_at(self, number: int) -> None:
        with self.condition:
            self.limit.value = min(self.limit.value, number)
            self.condition.notify_all()

    def stop(self) -> None:
        self.end_at(-1)


def _delivered(result: ChunkResult, sink: Sink | None) -> ChunkResult:
    if sink is None:
        return result
    sink(result)
    return ChunkResult(result.lines, [], result.problems)


_WORKER: tuple[Policy, str, Sink | None, _Turn] | None = None


class _Stopped(Exception):
    """The run stopped before this chunk's turn (another chunk failed, or the reader went away)."""


def _evaluate_in_worker(chunk: tuple[int, bytes], number: int) -> ChunkResult:
    assert _WORKER is not None
    policy, label, sink, turn = _WORKER
    if sink is not None and not turn.open_for(number):
        raise _Stopped
    try:
        result = evaluate_chunk(policy, split_lines(chunk), label)
    except BaseException:
        turn.end_at(number)
        raise
    if sink is None:
        return result
    delivered = turn.hand_over(number, lambda: _delivered(result, sink))
    if delivered is None:
        raise _Stopped
    return delivered


def evaluate_chunk(policy: Policy, chunk: tuple[int, list[bytes]], label: str) -> ChunkResult:
    """Decision lines for the good lines of one chunk (encoded here, in the worker), problems for the others."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # a chunk makes hundreds of thousands of objects and frees them all; no cycles to look for meanwhile
    try:
        return _evaluate_chunk(policy, chunk, label)
    finally:
        if enabled:
            gc.enable()


def _evaluate_chunk(policy: Policy, chunk: tuple[int, list[bytes]], label: str) -> ChunkResult:
    reader = EventReader.for_policy(policy)
    batch, numbers, problems = reader.read(chunk, label)
    try:
        output = policy.decision_blocks(batch)
    except PolicyError:  # some event the policy cannot answer (e.g. a rota gap): find it, answer the others
        output = _one_by_one(policy, batch, numbers, label, problems)
    return ChunkResult(len(chunk[1]), output, problems)


def _one_by_one(policy: Policy, batch: EventBatch, numbers: list[int], label: str, problems: list[Problem]) -> list[bytes]:
    lines = []
    for i, number in enumerate(numbers):
        one = EventBatch(
            [batch.channel[i]],
            [batch.category[i]],
            batch.received_at[i : i + 1],
            [batch.text[i]],
            batch.followers[i : i + 1],
            [batch.author_type[i]],
            batch.crisis[i : i + 1],
            None if batch.kind is None else [batch.kind[i]],
        )
        try:
            lines += policy.decision_blocks(one)
        except PolicyError as err:
            problems.append(P.problem(P.FIELD_INVALID, f"cannot be evaluated: {err}", file=label, line=number))
    problems.sort(key=Problem.sort_key)
    return lines


def problem_line(p: Problem) -> str:
    """'FILE:LINE: CODE $.path: message', the one-line form on standard error."""
    where = f"{p.file}:{p.line}" if p.line is not None else str(p.file)
    path = f" {p.json_path}:" if p.json_path != "$" else ""
    return f"{where}: {p.code}{path} {p.message}"


def shown(value: Any) -> str:
    """A bad value as quoted in a message: one line, at most SHOWN characters."""
    text = value if isinstance(value, str) else orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode() if _dumpable(value) else "?"
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _dumpable(value: Any) -> bool:
    try:
        orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return False
    return True


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


class EventReader:
    """Turns raw JSON lines into an EventBatch, the line number of each event, and a Problem for each bad line."""

    _cache: dict[int, EventReader] = {}

    @classmethod
    def for_policy(cls, policy: Policy) -> EventReader:
        """One reader per policy (its id sets are built once); the reader holds the policy, so ids are never reused."""
        reader = cls._cache.get(id(policy))
        if reader is None or reader.policy is not policy:
            if len(cls._cache) >= 8:  # a long-running host that loads many policies keeps only the latest
                cls._cache.clear()
            reader = cls._cache[id(policy)] = cls(policy)
        return reader

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.channels = set(policy.document["channels"])
        self.categories = set(policy.document["categories"])
        self.kinds = set(policy.document.get("message_kinds", ()))

    def read(self, chunk: tuple[int, list[bytes]], label: str) -> tuple[EventBatch, list[int], list[Problem]]:
        import numpy as np

        from socialkit.engine.timeparse import parse_instants

        rows, numbers, problems = self._objects(chunk, label)
        columns = _transpose(rows)
        received = columns["received_at"]
        if None in received:
            for i in (i for i, value in enumerate(received) if value is None):  # the short name, if used
                received[i] = rows[i].get("received")
        keep = self._valid(rows, columns, numbers, problems, label)
        seconds, refused = parse_instants(received if len(keep) == len(rows) else [received[i] for i in keep], _instant)
        start, end = self.policy.answerable
        for j, err in refused.items():
            problems.append(self._time_problem(P.FIELD_BAD_TIME, str(err), rows[keep[j]], numbers[keep[j]], label))
        for j in np.flatnonzero((seconds < start) | (seconds >= end)).tolist():
            if j not in refused:
                refused[j] = ValueError()
                message = self.policy.unanswerable_message(int(seconds[j]))
                problems.append(self._time_problem(P.OUTSIDE_HORIZON, message, rows[keep[j]], numbers[keep[j]], label))
        if refused:
            seconds = np.delete(seconds, list(refused))
            keep = [k for j, k in enumerate(keep) if j not in refused]
        problems.sort(key=Problem.sort_key)
        if len(keep) < len(rows):
            columns = {name: [values[i] for i in keep] for name, values in columns.items()}
        # Column-wide checks before per-value work: C-level passes where every value is given.
        texts, followers, crisis, kinds = columns["text"], columns["followers"], columns["crisis"], columns["kind"]
        batch = EventBatch(
            channel=columns["channel"],
            category=columns["category"],
            received_at=seconds,
            text=[text or "" for text in texts] if None in texts else texts,
            followers=np.array([-1 if f is None else f for f in followers] if None in followers else followers, dtype=np.int64),
            author_type=columns["author_type"],
            crisis=np.array([c is True for c in crisis], dtype=bool),
            kind=None if kinds.count(None) == len(kinds) else kinds,
        )
        return batch, [numbers[k] for k in keep], problems

    @staticmethod
    def _time_problem(code: Code, message: str, row: dict, number: int, label: str) -> Problem:
        key = "received_at" if "received_at" in row else "received"
        return P.problem(code, message, file=label, line=number, json_path=f"$.{key}")

    def _objects(self, chunk: tuple[int, list[bytes]], label: str) -> tuple[list[dict], list[int], list[Problem]]:
        """Decoded JSON objects with their line numbers; undecodable lines become problems."""
        first, lines = chunk
        try:  # the common case, every line an object: one C-level pass, no per-line Python
            values = list(map(orjson.loads, lines))
        except orjson.JSONDecodeError:
            values = None
        if values is not None and set(map(type, values)) <= {dict}:
            return values, list(range(first, first + len(lines))), []
        rows: list[dict] = []
        numbers: list[int] = []
        problems: list[Problem] = []
        loads = orjson.loads
        for number, line in enumerate(lines, start=first):
            try:
                value = loads(line)
            except orjson.JSONDecodeError:
                if line.strip():  # blank lines are allowed and skipped
                    problems.append(P.problem(P.LINE_UNREADABLE, line_problem(line), file=label, line=number))
                continue
            if type(value) is not dict:
                problems.append(
                    P.problem(P.LINE_NOT_OBJECT, f"expected a JSON object per line, not {_kind(value)}", file=label, line=number)
                )
                continue
            rows.append(value)
            numbers.append(number)
        return rows, numbers, problems

    def _valid(self, rows: list[dict], columns: dict[str, list], numbers: list[int], problems: list[Problem], label: str) -> list[int]:
        """Indexes of rows whose fields are usable; a located problem for each of the others."""
        if self._all_valid(columns):
            return list(range(len(rows)))
        channels, categories, kinds = self.channels, self.categories, self.kinds
        good = [
            type(channel) is str
            and channel in channels
            and type(category) is str
            and category in categories
            and (type(received) is str or (type(received) is int and EARLIEST <= received <= LATEST))
            and (followers is None or (type(followers) is int and 0 <= followers <= MAX_FOLLOWERS))
            and (crisis is None or type(crisis) is bool)
            and (text is None or type(text) is str)
            and (author is None or type(author) is str)
            and (kind is None or (type(kind) is str and kind in kinds))
            for channel, category, received, followers, crisis, text, author, kind in zip(
                columns["channel"],
                columns["category"],
                columns["received_at"],
                columns["followers"],
                columns["crisis"],
                columns["text"],
                columns["author_type"],
                columns["kind"],
            )
        ]
        if all(good):
            return list(range(len(good)))
        for i in (i for i, ok in enumerate(good) if not ok):
            code, path, message = self._problem(rows[i])
            problems.append(P.problem(code, message, file=label, line=numbers[i], json_path=path))
        return [i for i, ok in enumerate(good) if ok]

    def _all_valid(self, columns: dict[str, list]) -> bool:
        """Whether every row is usable, checked a column at a time (C-level passes); False sends rows one by one."""
        try:
            if not (self.channels.issuperset(columns["channel"]) and self.categories.issuperset(columns["category"])):
                return False
        except TypeError:  # an unhashable value (a list, an object)
            return False
        received = columns["received_at"]
        kinds = set(map(type, received))
        if not kinds <= {str, int} or (int in kinds and not EARLIEST <= min(t for t in received if type(t) is int) <= LATEST):
            return False
        if int in kinds and max(t for t in received if type(t) is int) > LATEST:
            return False
        followers = columns["followers"]
        kinds = set(map(type, followers))
        if not kinds <= {type(None), int}:
            return False
        if int in kinds:
            counts = [f for f in followers if f is not None]
            if min(counts) < 0 or max(counts) > MAX_FOLLOWERS:
                return False
        return (
            set(map(type, columns["crisis"])) <= {type(None), bool}
            and set(map(type, columns["text"])) <= {type(None), str}
            and set(map(type, columns["author_type"])) <= {type(None), str}
            and self._kinds_valid(columns["kind"])
        )

    def _kinds_valid(self, kinds: list) -> bool:
        try:
            return self.kinds.issuperset(k for k in kinds if k is not None)
        except TypeError:  # an unhashable value (a list, an object)
            return False

    def _problem(self, row: dict) -> tuple[Code, str, str]:
        """(code, JSON path, message) of the first thing wrong with a row, in field order."""
        for name, known in (("channel", self.channels), ("category", self.categories)):
            value = row.get(name)
            if value is None:
                return P.FIELD_MISSING, f"$.{name}", f"missing '{name}' (a {name} id)"
            if type(value) is not str:
                return P.FIELD_INVALID, f"$.{name}", f"'{name}' must be a string (a {name} id), not {_kind(value)}"
            if value not in known:
                return P.FIELD_UNKNOWN_ID, f"$.{name}", f"unknown {name} '{shown(value)}'{_suggest(value[:200], known)}"
        key = "received_at" if row.get("received_at") is not None or "received" not in row else "received"
        received = row.get(key)
        if received is None:
            return P.FIELD_MISSING, "$.received_at", f"missing 'received_at' ({_TIME_HINT})"
        if type(received) is int:
            if not EARLIEST <= received <= LATEST:
                return P.FIELD_BAD_TIME, f"$.{key}", f"epoch seconds {shown(received)} are outside the years 1 to 9999"
        elif type(received) is not str:
            return P.FIELD_INVALID, f"$.{key}", f"'{key}' must be {_TIME_HINT}, not {shown(received)}"
        followers = row.get("followers")
        if followers is not None and (type(followers) is not int or not 0 <= followers <= MAX_FOLLOWERS):
            return P.FIELD_INVALID, "$.followers", f"'followers' must be a whole number from 0 to 10^15, not {shown(followers)}"
        if row.get("crisis") is not None and type(row.get("crisis")) is not bool:
            return P.FIELD_INVALID, "$.crisis", f"'crisis' must be true or false, not {shown(row.get('crisis'))}"
        if row.get("text") is not None and type(row.get("text")) is not str:
            return P.FIELD_INVALID, "$.text", f"'text' must be a string, not {_kind(row.get('text'))}"
        kind = row.get("kind")
        if kind is not None and type(kind) is not str:
            return P.FIELD_INVALID, "$.kind", f"'kind' must be a string (a message kind), not {_kind(kind)}"
        if kind is not None and kind not in self.kinds:
            known = self.kinds or {"(none: this policy has no message kinds)"}
            return P.FIELD_UNKNOWN_ID, "$.kind", f"unknown message kind '{shown(kind)}'{_suggest(kind[:200], known)}"
        return P.FIELD_INVALID, "$.author_type", f"'author_type' must be a string, not {_kind(row.get('author_type'))}"


def _instant(value: str | int) -> int:
    """parse_instant, and whole epoch seconds as they are (the fast path only sees strings of its shapes)."""
    return value if isinstance(value, int) else parse_instant(value)


def _transpose(rows: list[dict]) -> dict[str, list]:
    """{field: [value of each row, None where missing]} for FIELDS, in one pass."""
    from itertools import repeat

    return {name: list(map(dict.get, rows, repeat(name))) for name in FIELDS}  # one C-level pass per field


def _fork_context() -> Any:
    """Forked workers share the loaded policy for free; where fork is unsafe or missing, run in-process."""
    import multiprocessing

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def default_jobs() -> int:
    """Worker processes for --events: the CPUs this process may use, at most 8."""
    import os

    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:
        available = os.cpu_count() or 1
    return max(1, min(available, 8))

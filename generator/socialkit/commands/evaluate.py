"""`socialkit evaluate`: the decision for a message (or a stream of them)."""

from __future__ import annotations

import json
import sys

import orjson

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit evaluate --channel facebook --category complaint --received 2026-11-23T16:30:00+01:00
  socialkit evaluate --channel x --category question --received 2026-11-24T23:30:00+01:00 \\
      --text "Ni ska få se" --followers 25000 --format json
  socialkit evaluate --policy policies/policy.json --events events.jsonl > decisions.jsonl
  cat events.jsonl | socialkit evaluate --events -

an --events line is a JSON object with channel, category, received_at (RFC 3339
with offset, or epoch seconds), and optionally text, followers, author_type, crisis. A bad line is
reported as FILE:LINE on stderr and the rest still run (exit 1 at the end).
"""

CHUNK = 5000
FIELDS = ("channel", "category", "received_at", "text", "followers", "author_type", "crisis")


def register(subparsers) -> None:
    parser = add_command(subparsers, "evaluate", "Decide deadlines, duty and escalation for a message.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--channel", help="channel id, e.g. facebook")
    parser.add_argument("--category", help="message category id, e.g. complaint")
    parser.add_argument(
        "--received", metavar="TIME", help="arrival, RFC 3339; without an offset, the organisation's local time (default: now)"
    )
    parser.add_argument("--text", default="", help="message text (for keyword rules)")
    parser.add_argument("--followers", type=int, help="author's follower count (for reach rules)")
    parser.add_argument("--author-type", help="customer, journalist, influencer, ...")
    parser.add_argument("--crisis", action="store_true", help="evaluate in crisis mode")
    parser.add_argument("--events", metavar="FILE", help="JSON lines of events ('-' for stdin); one decision per line out")
    parser.add_argument("--jobs", type=_positive, metavar="N", help="worker processes for --events (default: the CPUs available; 1 = none)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output for a single event (default: text)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.commands._typed import clock_text, local_instant
    from socialkit.runtime.policy import Event, PolicyError

    if not args.events and not (args.channel and args.category):
        print("socialkit evaluate: give --channel and --category (or --events FILE)", file=sys.stderr)
        return 2
    policy = load_policy(args)
    if policy is None:
        return 2
    if args.events:
        return _run_events(policy, args.events, args.jobs or default_jobs())
    try:
        received = local_instant(args.received, policy.document["organization"]["timezone"], "--received")
        event = Event(args.channel, args.category, received, args.text, args.followers, args.author_type, args.crisis)
        decision = policy.decide(event)
    except PolicyError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(decision, clock_text(policy, decision, args.crisis))
    return 0


def _print_text(decision, clock: str) -> None:
    data = decision.to_json()
    rows = [
        ("channel", data["channel"]),
        ("category", data["category"]),
        ("received", data["received_at"]),
        ("open", "yes" if data["open"] else f"no, opens {data['next_open_at'] or 'beyond the horizon'}"),
        ("clock", clock),
        ("acknowledge by", data["acknowledge_by"] or "-"),
        ("respond by", data["respond_by"] or "-"),
        ("team", data["team"] or "-"),
        ("on duty", ", ".join(data["on_duty"]) or "nobody"),
    ]
    if data["escalation"]:
        esc = data["escalation"]
        rows.append(("escalation", f"{esc['rule']} ({esc['priority']})"))
        if esc["route_to"]:
            rows.append(("route to", esc["route_to"]))
        if esc["notify"]:
            rows.append(("notify", ", ".join(esc["notify"])))
        rows.append(("reply style", esc["reply_style"] or "-"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _run_events(policy, name: str, jobs: int) -> int:
    from socialkit.progress import Progress

    stream = sys.stdin if name == "-" else _open(name)
    if stream is None:
        return 2
    label = "<stdin>" if name == "-" else name
    failures = 0
    with Progress("evaluating", None) as progress:
        for count, output, errors in _evaluate_chunks(policy, _chunks(stream), jobs):
            for number, message in errors:
                print(f"{label}:{number}: {message}", file=sys.stderr)
            failures += len(errors)
            _write_bytes(output)
            progress.advance(count)
    if failures:
        print(f"socialkit: {failures} event line(s) could not be evaluated", file=sys.stderr)
    return 1 if failures else 0


def _evaluate_chunks(policy, chunks, jobs: int):
    """(lines in, decision lines out, errors) per chunk, in input order.

    With jobs > 1 and more than one chunk, chunks are evaluated by forked
    worker processes (each inherits the loaded policy); results are still
    yielded in input order, so the output is the same for any job count.
    """
    global _WORKER_POLICY
    from itertools import chain

    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    # The first chunk runs here: it fills the policy's caches (compiled schedules, zone tables,
    # plans), which forked workers then inherit instead of each building their own.
    yield len(first[1]), *_evaluate(policy, first)
    second = next(chunks, None)
    if second is None:
        return
    context = _fork_context()
    if jobs <= 1 or context is None:
        for chunk in chain((second,), chunks):
            yield len(chunk[1]), *_evaluate(policy, chunk)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    _WORKER_POLICY = policy
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque = deque()
        for chunk in chain((second,), chunks):
            pending.append((len(chunk[1]), pool.submit(_evaluate_in_worker, chunk)))
            if len(pending) >= 2 * jobs:  # bounded: a huge file never sits in memory at once
                count, future = pending.popleft()
                yield count, *future.result()
        while pending:
            count, future = pending.popleft()
            yield count, *future.result()


_WORKER_POLICY = None


def _evaluate_in_worker(chunk):
    return _evaluate(_WORKER_POLICY, chunk)


def _evaluate(policy, chunk) -> tuple[bytes, list[tuple[int, str]]]:
    batch, errors = _EventReader.for_policy(policy).read(chunk)
    # Encoded here, in the worker: the parent only passes bytes through.
    output = ("\n".join(policy.decision_lines(batch)) + "\n").encode("utf-8") if len(batch) else b""
    return output, errors


def _write_bytes(data: bytes) -> None:
    stdout = sys.stdout
    if hasattr(stdout, "buffer"):
        stdout.flush()
        stdout.buffer.write(data)
    else:  # a text-only stream (some embedding hosts)
        stdout.write(data.decode("utf-8"))


def _fork_context():
    """Forked workers share the loaded policy for free; where fork is unsafe or missing, run in-process."""
    import multiprocessing

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def default_jobs() -> int:
    import os

    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


def _chunks(stream):
    """(number of the first line, up to CHUNK lines) pieces of the input; blank lines are skipped later."""
    from itertools import islice

    first = 1
    while lines := list(islice(stream, CHUNK)):
        yield first, lines
        first += len(lines)


def _open(name: str):
    try:
        return open(name, encoding="utf-8")
    except OSError as err:
        print(f"socialkit: cannot read {name}: {err.strerror}", file=sys.stderr)
        return None


class _EventReader:
    """Turns JSON lines into an EventBatch plus (line number, message) for each bad line."""

    _cache: dict[int, _EventReader] = {}

    @classmethod
    def for_policy(cls, policy) -> _EventReader:
        if id(policy) not in cls._cache:
            cls._cache[id(policy)] = cls(policy)
        return cls._cache[id(policy)]

    def __init__(self, policy) -> None:
        self.policy = policy
        self.channels = set(policy.document["channels"])
        self.categories = set(policy.document["categories"])

    def read(self, chunk: tuple[int, list[str]]):
        import numpy as np

        from socialkit.engine.timeparse import parse_instants
        from socialkit.runtime.policy import EventBatch

        rows, numbers, errors = self._objects(chunk)
        columns = _transpose(rows)
        received = columns["received_at"]
        for i in (i for i, value in enumerate(received) if value is None):  # the short name, if used
            received[i] = rows[i].get("received")
        keep = self._valid(columns, numbers, errors)
        seconds, refused = parse_instants(received if len(keep) == len(rows) else [received[i] for i in keep], _instant)
        start, end = self.policy.horizon
        for j in np.flatnonzero((seconds < start) | (seconds >= end)).tolist():
            refused.setdefault(j, self.policy.outside_horizon_message(int(seconds[j])))
        for j, err in refused.items():
            errors.append((numbers[keep[j]], str(err)))
        if refused:
            seconds = np.delete(seconds, list(refused))
            keep = [k for j, k in enumerate(keep) if j not in refused]
        errors.sort()
        if len(keep) < len(rows):
            columns = {name: [values[i] for i in keep] for name, values in columns.items()}
        followers = columns["followers"]
        batch = EventBatch(
            channel=columns["channel"],
            category=columns["category"],
            received_at=seconds,
            text=[text or "" for text in columns["text"]],
            followers=np.array([-1 if f is None else f for f in followers], dtype=np.int64),
            author_type=columns["author_type"],
            crisis=np.array([c is True for c in columns["crisis"]], dtype=bool),
        )
        return batch, errors

    def _objects(self, chunk):
        """Decoded JSON objects with their line numbers; undecodable lines become errors."""
        rows, numbers, errors = [], [], []
        from socialkit.runtime.jsonout import line_problem

        loads = orjson.loads
        first, lines = chunk
        for number, line in enumerate(lines, start=first):
            try:
                value = loads(line)
            except orjson.JSONDecodeError:
                if line.strip():  # blank lines are allowed and skipped
                    errors.append((number, line_problem(line)))
                continue
            if type(value) is not dict:
                errors.append((number, "expected a JSON object per line"))
                continue
            rows.append(value)
            numbers.append(number)
        return rows, numbers, errors

    def _valid(self, columns, numbers, errors) -> list[int]:
        """Indexes of rows whose fields are usable; a located message for each of the others."""
        channels, categories = self.channels, self.categories
        good = [
            channel in channels
            and category in categories
            and (type(received) is str or type(received) is int)
            and (followers is None or (type(followers) is int and followers >= 0))
            and (crisis is None or type(crisis) is bool)
            and (text is None or type(text) is str)
            and (author is None or type(author) is str)
            for channel, category, received, followers, crisis, text, author in zip(
                columns["channel"],
                columns["category"],
                columns["received_at"],
                columns["followers"],
                columns["crisis"],
                columns["text"],
                columns["author_type"],
            )
        ]
        if all(good):
            return list(range(len(good)))
        for i in (i for i, ok in enumerate(good) if not ok):
            errors.append((numbers[i], self._problem({name: values[i] for name, values in columns.items()})))
        return [i for i, ok in enumerate(good) if ok]

    def _problem(self, row: dict) -> str:
        followers, crisis = row["followers"], row["crisis"]
        if row["channel"] not in self.channels or row["category"] not in self.categories or type(row["received_at"]) not in (str, int):
            return self._field_problem(row["channel"], row["category"], row["received_at"])
        if followers is not None and (type(followers) is not int or followers < 0):
            return "'followers' must be a whole number, 0 or more"
        if crisis is not None and type(crisis) is not bool:
            return "'crisis' must be true or false"
        if row["text"] is not None and type(row["text"]) is not str:
            return "'text' must be a string"
        return "'author_type' must be a string"

    def _field_problem(self, channel, category, received) -> str:
        from socialkit.runtime.policy import PolicyError

        if not isinstance(channel, str) or not isinstance(category, str):
            return "missing 'channel' or 'category'"
        try:
            self.policy.channel(channel)
        except PolicyError as err:
            return str(err)
        if category not in self.categories:
            from socialkit.runtime.policy import _suggest

            return f"unknown category '{category}'{_suggest(category, self.categories)}"
        if received is None:
            return "missing 'received_at' (RFC 3339 with offset, e.g. 2026-11-23T16:30:00+01:00, or epoch seconds)"
        return "'received_at' must be RFC 3339 with offset, e.g. 2026-11-23T16:30:00+01:00, or whole epoch seconds"


def _instant(value) -> int:
    """parse_instant, and whole epoch seconds as they are (the fast path only sees strings of its shapes)."""
    from socialkit.runtime.policy import parse_instant

    return value if type(value) is int else parse_instant(value)


def _transpose(rows: list[dict]) -> dict[str, list]:
    """{field: [value of each row, None where missing]} for FIELDS, in one pass."""
    if not rows:
        return {name: [] for name in FIELDS}
    return dict(zip(FIELDS, map(list, zip(*[tuple(map(row.get, FIELDS)) for row in rows]))))

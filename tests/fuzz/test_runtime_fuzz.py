"""Fuzz harness, runtime half (issue 17 section 6): event lines, audit rows and policy documents.

Random and mutated inputs must never raise anything but the documented error
(`PolicyError` for a policy, a located SK5xx problem for a line or row), every
good line must still be answered exactly as if the bad ones were not there,
and every message must be one bounded line.

`make test` runs a small fixed budget per test (a few seconds in all). For a
longer run, set the number of examples per test:

    SOCIALKIT_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz/test_runtime_fuzz.py
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialkit import problems as P
from socialkit.runtime.events import evaluate_chunk
from socialkit.runtime.policy import Event, Policy, PolicyError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SOCIALKIT_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RUNTIME_CODES = {entry.code for entry in P.CODES if entry.code.startswith("SK5")}
MAX_MESSAGE = 500


@cache
def policy() -> Policy:
    return Policy.load(ROOT / "policies" / "policy.json")


def _one_bounded_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text and len(text) <= MAX_MESSAGE


# --- values ---------------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["facebook", "complaint", "2026-11-23T16:30:00+01:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00", "²"]),
)
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6
)


@st.composite
def good_events(draw) -> dict:
    doc = policy().document
    start, end = policy().horizon
    event = {
        "channel": draw(st.sampled_from(sorted(doc["channels"]))),
        "category": draw(st.sampled_from(sorted(doc["categories"]))),
        "received_at": draw(st.integers(min_value=start, max_value=end - 1)),
    }
    if draw(st.booleans()):
        event["text"] = draw(st.sampled_from(["", "ni hotar oss", "tack!", "bomb"]) | st.text(max_size=20))
    if draw(st.booleans()):
        event["followers"] = draw(st.integers(min_value=0, max_value=10**15))
    if draw(st.booleans()):
        event["crisis"] = draw(st.booleans())
    if draw(st.booleans()):
        event["author_type"] = draw(st.sampled_from(["customer", "journalist", "influencer"]))
    if draw(st.booleans()):
        event["kind"] = draw(st.sampled_from(doc.get("message_kinds", [])))
    return event


@st.composite
def bad_lines(draw) -> bytes:
    """A good event with one field replaced, dropped or mangled, or a line that is not an event at all."""
    event = draw(good_events())
    kind = draw(st.sampled_from(["field", "drop", "bytes", "special"]))
    if kind == "field":
        event[draw(st.sampled_from(["channel", "category", "received_at", "received", "followers", "crisis", "text", "kind"]))] = draw(
            json_values
        )
    elif kind == "drop":
        del event[draw(st.sampled_from(["channel", "category", "received_at"]))]
    line = json.dumps(event, ensure_ascii=False).encode()
    if kind == "bytes":
        at = draw(st.integers(min_value=0, max_value=len(line)))
        line = line[:at] + draw(st.binary(min_size=1, max_size=4).filter(lambda b: b"\n" not in b)) + line[at:]
    elif kind == "special":
        line = draw(
            st.sampled_from(
                [b"[" * 5000 + b"]" * 5000, b'{"a": NaN}', b"\xff\xfe", b"[]", b"null", b'"x"', b"{" * 3, b'{"text": "\\ud800"}', line[:-1]]
            )
        )
    return line


# --- event lines ----------------------------------------------------------------------------------


@FUZZ
@given(st.lists(st.one_of(good_events().map(lambda e: json.dumps(e).encode()), bad_lines()), min_size=1, max_size=12))
def test_event_lines_never_raise_and_good_lines_are_answered_as_if_alone(lines):
    chunk = (1, [line + b"\n" for line in lines])
    result = evaluate_chunk(policy(), chunk, "events.jsonl")
    answered = result.output.decode().splitlines()
    assert len(answered) + len(result.problems) == sum(1 for line in lines if line.strip())
    bad = {p.line for p in result.problems}
    assert len(bad) == len(result.problems)  # one problem per bad line
    for problem in result.problems:
        assert problem.code in RUNTIME_CODES and problem.file == "events.jsonl" and 1 <= problem.line <= len(lines)
        assert _one_bounded_line(problem.message) and _one_bounded_line(problem.json_path)
    good = [line + b"\n" for number, line in enumerate(lines, start=1) if number not in bad and line.strip()]
    alone = evaluate_chunk(policy(), (1, good), "events.jsonl")
    assert alone.problems == [] and alone.output == result.output


@FUZZ
@given(st.lists(bad_lines(), min_size=1, max_size=8), st.sampled_from(["1", "2"]))
def test_the_command_exits_1_with_a_located_line_per_bad_event(tmp_path_factory, lines, jobs):
    from socialkit.cli import main

    source = tmp_path_factory.mktemp("events") / "events.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    err, stdout = io.StringIO(), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        code = main(["evaluate", "--policy", str(ROOT / "policies" / "policy.json"), "--events", str(source), "--jobs", jobs])
    reported = err.getvalue().splitlines()
    assert code in (0, 1)
    assert (code == 1) == any(line.startswith("socialkit: ") for line in reported)
    for line in reported[:-1]:
        assert line.startswith(f"{source}:") and _one_bounded_line(line[len(str(source)) :])


# --- policy documents -----------------------------------------------------------------------------


def _paths(value, path=()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for k, inner in enumerate(value[:3]):  # a few items of the long window and span lists are enough
            out += _paths(inner, (*path, k))
        if len(value) > 3:
            out += _paths(value[-1], (*path, len(value) - 1))
    return out


@cache
def document_paths() -> list[tuple]:
    return [p for p in _paths(policy().document) if p]


def _mutated(document: dict, path: tuple, how: str, value) -> dict:
    out = json.loads(json.dumps(document))
    parent = out
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if how == "delete":
        del parent[key]
    elif how == "reverse" and isinstance(parent[key], list):
        parent[key] = parent[key][::-1]
    elif how == "nudge" and type(parent[key]) is int:
        parent[key] += value if type(value) is int else 1
    elif how == "extra" and isinstance(parent[key], dict):
        parent[key]["extra"] = value
    else:
        parent[key] = value
    return out


EVENTS = [
    Event("facebook", "complaint", 1795451400, "ni hotar oss", 40_000, "journalist"),
    Event("x", "question", 1796000000, crisis=True),
    Event("instagram", "praise", 1800000000, "tack"),
]


@FUZZ
@given(
    st.sampled_from(range(10_000)),
    st.sampled_from(["replace", "delete", "reverse", "nudge", "extra"]),
    json_values | st.integers(min_value=-(10**6), max_value=10**6),
)
def test_a_mutated_policy_is_refused_with_a_path_or_answers_without_a_traceback(index, how, value):
    paths = document_paths()
    path = paths[index % len(paths)]
    document = _mutated(policy().document, path, how, value)
    try:
        mutated = Policy.from_document(document)
    except PolicyError as err:
        assert _one_bounded_line(str(err))
        return
    try:
        mutated.decide_many([e for e in EVENTS if e.channel in mutated.document["channels"]])
    except PolicyError as err:  # e.g. an arrival the mutated horizon no longer covers
        assert _one_bounded_line(str(err))


@FUZZ
@given(st.integers(min_value=0), st.binary(max_size=8), st.sampled_from(["truncate", "insert", "flip"]))
def test_a_damaged_policy_file_loads_or_is_a_one_line_error(tmp_path_factory, at, data, how):
    original = (ROOT / "policies" / "policy.json").read_bytes()
    at %= len(original)
    damaged = {
        "truncate": original[:at],
        "insert": original[:at] + data + original[at:],
        "flip": original[:at] + bytes([original[at] ^ 0x20]) + original[at + 1 :],
    }[how]
    path = tmp_path_factory.mktemp("policy") / "policy.json"
    path.write_bytes(damaged)
    try:
        Policy.load(path)
    except PolicyError as err:
        assert _one_bounded_line(str(err))


# --- audit rows -----------------------------------------------------------------------------------

HEADER = ["id", "received_at", "channel", "category", "text", "followers", "acknowledged_at", "responded_at"]
CELL_HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "0000-01-01 00:00",
            "9999-12-31 23:59",
            "0001-01-01 00:00",
            "12345678901234567890",
            "²⁰²⁶-11-02 12:56",
            "1e400k",
            "infk",
            "²",
            "2026-11-02T12:56:00+25:00",
            "-5",
            "nan",
            "1970-01-01 00:00",
            "2199-12-31 23:59",
        ]
    ),
)


@cache
def audit_policy() -> Policy:
    from datetime import date

    from socialkit.compile.document import compile_policy
    from socialkit.validate import validate_paths

    result = validate_paths([ROOT / "strategy"])
    return Policy.from_document(compile_policy(result.strategy, as_of=date(2026, 11, 1), horizon_days=90, fingerprint="fuzz"))


@st.composite
def good_rows(draw) -> list[str]:
    day = draw(st.integers(min_value=2, max_value=28))
    minute = draw(st.integers(min_value=0, max_value=23 * 60))
    received = f"2026-11-{day:02d} {minute // 60:02d}:{minute % 60:02d}"
    reply = draw(st.sampled_from(["", f"2026-11-{day:02d} 23:59"]))
    network = draw(st.sampled_from(["Facebook", "Instagram", "X"]))
    tag = draw(st.sampled_from(["Fråga", "Klagomål", "Beröm"]))
    return ["", received, network, tag, draw(st.text(max_size=20)), draw(st.sampled_from(["", "16", "12,5k"])), "", reply]


@st.composite
def bad_rows(draw) -> list[str]:
    row = draw(good_rows())
    row[draw(st.integers(min_value=1, max_value=len(row) - 1))] = draw(CELL_HOSTILE)
    return row


def _csv_bytes(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")  # a bare \r in a cell gets quoted too
    writer.writerow(HEADER)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def _audit(tmp_path_factory, data: bytes) -> dict:
    from socialkit.audit import audit_log, make_config, read_logs

    path = tmp_path_factory.mktemp("audit") / "log.csv"
    path.write_bytes(data)
    log = read_logs([path], audit_policy().document, make_config(preset="socialkit", delimiter=";"), shown=["log.csv"])
    return audit_log(log, audit_policy(), details=True)[0]


def _check_problems(result: dict) -> None:
    rows = result["rows"]
    assert rows["read"] == rows["audited"] + rows["skipped"] == rows["audited"] + len(result["problems"])
    for problem in result["problems"]:
        assert problem["code"] in RUNTIME_CODES and problem["file"] == "log.csv"
        assert _one_bounded_line(problem["message"])


@FUZZ
@given(st.lists(st.tuples(st.booleans(), good_rows(), bad_rows()), min_size=1, max_size=10))
def test_audit_rows_with_hostile_cells_are_skipped_and_good_rows_audited(tmp_path_factory, mix):
    rows = []
    for k, (is_good, good, bad) in enumerate(mix):
        row = good if is_good else bad
        row[0] = f"good-{k:04d}" if is_good else f"bad-{k:04d}"
        rows.append(row)
    result = _audit(tmp_path_factory, _csv_bytes(rows))
    _check_problems(result)
    audited = {m["id"] for m in result["messages"]}
    assert {row[0] for row in rows if row[0].startswith("good-")} <= audited


@FUZZ
@given(st.lists(good_rows(), min_size=1, max_size=6), st.integers(min_value=0), st.binary(min_size=1, max_size=6))
def test_audit_files_with_random_bytes_never_raise(tmp_path_factory, rows, at, junk):
    from socialkit.audit import ReadError

    for k, row in enumerate(rows):
        row[0] = f"m{k}"
    data = _csv_bytes(rows)
    at %= len(data)
    try:
        result = _audit(tmp_path_factory, data[:at] + junk + data[at:])
    except ReadError as err:  # the header itself was hit: the whole file is refused, in one line
        assert _one_bounded_line(str(err))
        return
    _check_problems(result)


@pytest.mark.parametrize("seed_line", [b'{"channel": "facebook"}', b"[" * 100_000])
def test_the_harness_examples_include_the_issue_cases(seed_line):
    """The harness's own oracle on two fixed inputs, so a broken generator cannot hide a broken reader."""
    result = evaluate_chunk(policy(), (1, [seed_line + b"\n"]), "events.jsonl")
    assert result.output == b"" and len(result.problems) == 1 and result.problems[0].code in RUNTIME_CODES

"""`evaluate --events` at scale: column-wise parsing, worker processes, located errors."""

from __future__ import annotations

import io
import json
import os
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.cli import main
from socialkit.engine.timeparse import parse_instants
from socialkit.runtime import events
from socialkit.runtime.policy import Event, EventBatch, PolicyError, parse_instant

ROOT = Path(__file__).resolve().parents[2]
POLICY = str(ROOT / "policies" / "policy.json")


def _scalar(text: str):
    try:
        return parse_instant(text)
    except PolicyError:
        return None


def _vector(texts: list[str]) -> list[int | None]:
    seconds, errors = parse_instants(texts, parse_instant)
    return [None if i in errors else int(seconds[i]) for i in range(len(texts))]


digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731
fast_shaped = st.builds(
    lambda y, mo, d, h, mi, s, tail: f"{y}-{mo}-{d}T{h}:{mi}:{s}{tail}",
    digits(4),
    digits(2),
    digits(2),
    digits(2),
    digits(2),
    digits(2),
    st.one_of(st.just("Z"), st.builds(lambda sign, hh, mm: f"{sign}{hh}:{mm}", st.sampled_from("+-"), digits(2), digits(2))),
)


# A fast-shaped text with one character swapped for any other (a Unicode digit; a character whose low byte is a
# digit or the right punctuation, as U+0130 is '0' plus 0x100): the column parser must refuse what is not ASCII.
lookalike = st.sampled_from([chr(0x100 + ord(c)) for c in "0123456789-:TZ+"])
one_swapped = st.builds(
    lambda text, at, char: text[:at] + char + text[at + 1 :], fast_shaped, st.integers(0, 24), st.one_of(st.characters(), lookalike)
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(fast_shaped, one_swapped, st.text(max_size=30)), max_size=20))
def test_column_parser_agrees_with_parse_instant_on_any_text(texts):
    """Same accepted set and same seconds, including impossible dates like 2026-02-30 and offsets like +25:00."""
    assert _vector(texts) == [_scalar(t) for t in texts]


def test_column_parser_reads_real_instants_across_offsets_and_leap_days():
    rng = random.Random(7)
    base = datetime(1999, 1, 1, tzinfo=UTC)
    texts, expected = [], []
    for _ in range(2000):
        moment = base + timedelta(seconds=rng.randrange(0, 60 * 365 * 86400))
        offset = timedelta(minutes=rng.choice([0, 60, 120, -300, 330, 345, -570]))
        local = moment.astimezone(timezone(offset))
        texts.append(local.isoformat() if offset or rng.random() < 0.5 else local.strftime("%Y-%m-%dT%H:%M:%SZ"))
        expected.append(int(moment.timestamp()))
    texts += ["2028-02-29T12:00:00+01:00", "2027-02-29T12:00:00+01:00"]
    expected += [int(datetime(2028, 2, 29, 11, tzinfo=UTC).timestamp()), None]
    assert _vector(texts) == expected


def _events_file(path: Path, count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        at = datetime(2026, 11, 23, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 200 * 24 * 60))
        rows.append(
            {
                "channel": rng.choice(["facebook", "instagram", "x", "linkedin", "tiktok"]),
                "category": rng.choice(["complaint", "question", "praise", "harassment"]),
                "received_at": at.astimezone(timezone(timedelta(hours=1))).isoformat(),
                "text": rng.choice(["", "ni hotar oss", f"fråga {i}"]),
                "followers": rng.choice([None, 10, 50_000]),
            }
        )
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def test_worker_processes_give_byte_identical_output_in_input_order(tmp_path, monkeypatch, capfd):
    source = tmp_path / "events.jsonl"
    _events_file(source, 600)
    monkeypatch.setattr(events, "CHUNK_BYTES", 10_000)  # several chunks, so the pool really runs
    assert main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "1"]) == 0
    serial = capfd.readouterr().out
    assert main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "2"]) == 0
    parallel = capfd.readouterr().out
    assert parallel == serial
    assert len(serial.splitlines()) == 600


def test_workers_hand_output_back_when_standard_output_is_no_file(tmp_path, monkeypatch, capsys):
    """An embedding host's stdout object (here pytest's) is not inherited by forked workers as a file: the parent
    writes their decisions instead, and nothing is lost."""
    source = tmp_path / "events.jsonl"
    _events_file(source, 400)
    monkeypatch.setattr(events, "CHUNK_BYTES", 8_000)
    assert main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "1"]) == 0
    serial = capsys.readouterr().out
    assert main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "2"]) == 0
    assert capsys.readouterr().out == serial and len(serial.splitlines()) == 400


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path, jobs):
    """`socialkit evaluate --events big.jsonl | head -1`: exit 1, no 'cannot read', no traceback, no hang."""
    import subprocess
    import sys

    source = tmp_path / "events.jsonl"
    _events_file(source, 30_000)
    command = [sys.executable, "-m", "socialkit", "evaluate", "--policy", POLICY, "--events", str(source), "--jobs", jobs]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stdout.readline().startswith(b'{"channel"')
    run.stdout.close()
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert b"cannot read" not in err and b"Traceback" not in err and b"internal error" not in err


def test_stream_output_equals_deciding_each_event_alone(tmp_path, capsys):
    from socialkit.runtime.policy import Policy

    source = tmp_path / "events.jsonl"
    rows = _events_file(source, 150, seed=11)
    assert main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "1"]) == 0
    streamed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    policy = Policy.load(POLICY)
    alone = [
        policy.decide(Event(r["channel"], r["category"], parse_instant(r["received_at"]), r["text"], r["followers"])).to_json()
        for r in rows
    ]
    assert streamed == alone


def test_bad_field_types_and_out_of_horizon_lines_are_located_and_skipped(tmp_path, capsys):
    good = '{"channel": "facebook", "category": "complaint", "received_at": "2026-11-23T16:30:00+01:00"'
    source = tmp_path / "events.jsonl"
    source.write_text(
        good
        + "}\n"
        + good
        + ', "followers": -3}\n'
        + good
        + ', "crisis": "yes"}\n'
        + '{"channel": "facebook", "category": "complaint", "received_at": "2040-01-05T10:00:00+01:00"}\n'
        + good
        + ', "text": 5}\n'
        + "[1, 2]\n"
        + good
        + "} trailing\n"
        + "\n"
        + '{"channel": "facebook", "category": "complaint", "received_at": 1795451400.5}\n'
        + good
        + ', "crisis": true}\n'
        + good
        + ', "followers": NaN}\n'
    )
    code = main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.splitlines()) == 2
    assert json.loads(out.splitlines()[1])["received_at"] == "2026-11-23T16:30:00+01:00"
    messages = {int(line.split(":")[1]): line.split(": ", 1)[1] for line in err.splitlines()[:-1]}
    assert messages[2] == "SK504 $.followers: 'followers' must be a whole number from 0 to 10^15, not -3"
    assert messages[3] == "SK504 $.crisis: 'crisis' must be true or false, not yes"
    assert messages[4].startswith(
        "SK507 $.received_at: 2040-01-05T09:00:00+00:00 is more than 10 years past the compiled horizon (2026-11-23 + 400 days)"
    )
    assert messages[5] == "SK504 $.text: 'text' must be a string, not a number"
    assert messages[6] == "SK502 expected a JSON object per line, not a list"
    assert messages[7] == "SK501 not JSON (Extra data at column 94)"
    assert messages[9].startswith("SK504 $.received_at: 'received_at' must be RFC 3339 with offset")
    assert messages[11].startswith("SK501 not JSON")
    assert err.splitlines()[-1] == "socialkit: 8 event line(s) could not be evaluated"


def test_event_batch_and_event_list_give_the_same_lines(policy):
    events = [
        Event("facebook", "complaint", parse_instant("2026-12-24T16:55:00+01:00"), "ni hotar oss", 40_000, "journalist"),
        Event("x", "question", parse_instant("2027-03-28T01:30:00+01:00"), crisis=True),
    ]
    batch = EventBatch.from_events(events)
    assert list(batch.followers) == [40_000, -1]
    assert policy.decision_lines(batch) == policy.decision_lines(events)


def test_policy_refuses_an_arrival_outside_what_it_can_answer_with_a_policy_error(policy):
    start, end = policy.horizon
    with pytest.raises(PolicyError, match="outside the compiled horizon"):
        policy.is_open("facebook", start - 1)
    with pytest.raises(PolicyError, match="more than 10 years past the compiled horizon"):
        policy.decide(Event("facebook", "complaint", policy.answerable[1]))
    assert policy.decide(Event("facebook", "complaint", policy.answerable[1] - 1)).channel == "facebook"
    assert policy.decide(Event("facebook", "complaint", end - 1)).channel == "facebook"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"followers": 2.5}, "followers must be a whole number"),
        ({"followers": -1}, "followers must be a whole number"),
        ({"followers": True}, "followers must be a whole number"),
        ({"crisis": "no"}, "crisis must be True or False"),
        ({"received_at": 1795451400.5}, "received_at must be epoch seconds"),
    ],
)
def test_the_batch_api_refuses_values_it_would_otherwise_coerce(policy, change, message):
    fields = {"channel": "facebook", "category": "complaint", "received_at": 1795451400, **change}
    with pytest.raises(PolicyError, match=message):
        policy.decide(Event(**fields))


def test_epoch_seconds_are_read_as_they_are(tmp_path, capsys):
    source = tmp_path / "events.jsonl"
    source.write_text(
        '{"channel": "facebook", "category": "complaint", "received_at": 1795437000}\n'
        '{"channel": "facebook", "category": "complaint", "received_at": "2026-11-23T13:30:00+01:00"}\n'
    )
    assert main(["evaluate", "--policy", POLICY, "--events", str(source)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first == second


def test_on_duty_many_names_an_unknown_team_like_on_duty(policy):
    with pytest.raises(PolicyError, match="unknown team 'socail'; did you mean 'social'"):
        policy.on_duty_many("socail", np.array([policy.horizon[0]]))


class _Trickle(io.RawIOBase):
    """A pipe that hands over at most a few bytes per read, as a slow producer does."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.at = data, step, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        piece = self.data[self.at : self.at + min(self.step, len(buffer))]
        buffer[: len(piece)] = piece
        self.at += len(piece)
        return len(piece)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    st.booleans(),
    st.booleans(),
    st.integers(1, 120),
    st.integers(1, 50),
)
def test_chunks_are_whole_lines_numbered_as_the_file(lines, final_newline, bom, size, step):
    """Every byte once, in order, cut only after a newline; each chunk's first line number is right."""
    from socialkit.runtime.events import read_chunks, split_lines

    raw = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    source = io.BufferedReader(_Trickle(raw, step))
    data = raw.removeprefix(b"\xef\xbb\xbf")  # a byte order mark opening the file is not part of its first line
    chunks = list(read_chunks(source, size))
    assert b"".join(block for _, block in chunks) == data
    assert all(block.endswith(b"\n") for _, block in chunks[:-1])
    numbered = [(number, line) for first, block in chunks for number, line in enumerate(split_lines((first, block))[1], start=first)]
    expected = data.split(b"\n")[: -1 if data.endswith(b"\n") else None] if data else []
    assert numbered == list(enumerate(expected, start=1))


_RUN_UNTIL = """
import sys
from socialkit.runtime import events
from socialkit.runtime.policy import Policy

events.CHUNK_BYTES = 20_000
policy = Policy.load(sys.argv[1])
written = []
original = events.evaluate_chunk
if sys.argv[3] == "fail":  # the one chunk holding line 400 fails, in whichever worker answers it; later ones do not
    def evaluate_chunk(policy, chunk, label):
        if chunk[0] <= 400 < chunk[0] + len(chunk[1]):
            raise RuntimeError(f"chunk at line {chunk[0]} failed")
        return original(policy, chunk, label)
    events.evaluate_chunk = evaluate_chunk
sink = lambda result: sys.stdout.buffer.write(b"".join(result.blocks)) and sys.stdout.flush()
results = events.evaluate_stream(policy, open(sys.argv[2], "rb"), "events.jsonl", jobs=2, sink=sink)
try:
    for number, result in enumerate(results):
        if sys.argv[3] == "stop" and number == 1:
            results.close()  # the reader stops here, with chunks pending in the workers
            break
except RuntimeError as err:
    print(err, file=sys.stderr)
print("done", file=sys.stderr)
"""


@pytest.mark.parametrize("how", ["stop", "fail"])
def test_workers_never_wait_for_a_turn_that_will_not_come(tmp_path, how):
    """The reader stops after two results, or a worker's chunk fails: the run ends at once (no worker left
    waiting for its turn), and the output is whole chunks in input order up to that point."""
    import subprocess
    import sys

    source = tmp_path / "events.jsonl"
    _events_file(source, 2_000)
    script = tmp_path / "run.py"
    script.write_text(_RUN_UNTIL)
    run = subprocess.run([sys.executable, str(script), POLICY, str(source), how], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    lines = run.stdout.decode().splitlines()
    answered = [parse_instant(json.loads(line)["received_at"]) for line in lines]
    expected = [parse_instant(json.loads(line)["received_at"]) for line in source.read_text().splitlines()][: len(answered)]
    assert answered == expected and 0 < len(answered) < 2_000
    assert run.stderr.decode().endswith("done\n")
    if how == "fail":
        assert "failed" in run.stderr.decode() and all(json.loads(line) for line in lines)


def test_an_interrupt_ends_a_parallel_run(tmp_path):
    """Ctrl-C (SIGINT to the process group) while workers wait for their turns: the command exits, it does not hang."""
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "events.jsonl"
    _events_file(source, 80_000)  # three 4 MB chunks: the unread pipe blocks one writer, the other worker waits
    command = [sys.executable, "-m", "socialkit", "evaluate", "--policy", POLICY, "--events", str(source), "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert run.stdout is not None
    run.stdout.readline()  # decisions are flowing; the pipe is not read any further, so writers block
    time.sleep(1.0)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode != 0 and b"Traceback" not in err.split(b"\n")[0]

"""Issue 17 section 4: every hostile `evaluate --events` line is a located problem, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.runtime import events

ROOT = Path(__file__).resolve().parents[2]
POLICY = str(ROOT / "policies" / "policy.json")
GOOD = {"channel": "facebook", "category": "complaint", "received_at": "2026-11-23T16:30:00+01:00"}


def _line(**change) -> bytes:
    return json.dumps({**GOOD, **change}).encode() + b"\n"


# (raw line, expected start of "CODE [path:] message")
HOSTILE = [
    (_line(channel=["facebook"]), "SK504 $.channel: 'channel' must be a string (a channel id), not a list"),
    (_line(channel=None), "SK503 $.channel: missing 'channel'"),
    (_line(category="complain"), "SK505 $.category: unknown category 'complain'; did you mean 'complaint'?"),
    (_line(channel="face\nbook" * 40), "SK505 $.channel: unknown channel 'face\\nbookface\\nbook"),
    (_line(received_at=10**17), "SK506 $.received_at: epoch seconds 100000000000000000 are outside the years 1 to 9999"),
    (_line(received_at=2**64 - 1), "SK506 $.received_at: epoch seconds 18446744073709551615 are outside"),
    (_line(received_at=-(2**63)), "SK506 $.received_at: epoch seconds -9223372036854775808 are outside"),
    (_line(received_at="0000-01-01T00:00:00+01:00"), "SK506 $.received_at: '0000-01-01T00:00:00+01:00' is not an RFC 3339 time"),
    (_line(received_at="9999-12-31T23:30:00-01:00"), "SK506 $.received_at: '9999-12-31T23:30:00-01:00' is outside the years 1 to 9999"),
    (_line(received_at="0001-01-01T00:30:00+01:00"), "SK506 $.received_at: '0001-01-01T00:30:00+01:00' is outside the years 1 to 9999"),
    (_line(received_at="2026-11-23T16:30:00+25:00"), "SK506 $.received_at: '2026-11-23T16:30:00+25:00' is not an RFC 3339 time"),
    (_line(received_at=True), "SK504 $.received_at: 'received_at' must be RFC 3339 with offset"),
    (
        _line(received_at="2040-01-05T10:00:00+01:00"),
        "SK507 $.received_at: 2040-01-05T09:00:00+00:00 is more than 10 years past the compiled horizon",
    ),
    (
        b'{"channel": "facebook", "category": "complaint", "received": 1}\n',
        "SK507 $.received: 1970-01-01T00:00:01+00:00 is outside the compiled horizon",
    ),
    (_line(followers=2**64 - 1), "SK504 $.followers: 'followers' must be a whole number from 0 to 10^15, not 18446744073709551615"),
    (_line(followers=10**15 + 1), "SK504 $.followers: 'followers' must be a whole number from 0 to 10^15"),
    (_line(followers=1.5), "SK504 $.followers: 'followers' must be a whole number from 0 to 10^15, not 1.5"),
    (_line(crisis="yes"), "SK504 $.crisis: 'crisis' must be true or false, not yes"),
    (_line(author_type={"a": 1}), "SK504 $.author_type: 'author_type' must be a string, not an object"),
    (b"[" * 100_000 + b"]" * 100_000 + b"\n", "SK501 not JSON (nested deeper than 1024 levels)"),
    (b'{"channel": "facebook", "text": "\xff\xfe"}\n', "SK501 not UTF-8 text (byte 0xff at column 34)"),
    (b'{"channel": "facebook", "followers": NaN}\n', "SK501 not JSON"),
    (b'{"text": "\\ud800"}\n', "SK501 not JSON"),
    (b'{"followers": 1e400}\n', "SK501 not JSON"),
    (b"[1, 2]\n", "SK502 expected a JSON object per line, not a list"),
    (b'"text"\n', "SK502 expected a JSON object per line, not a string"),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_hostile_line_is_located_and_every_good_line_answered_in_order(tmp_path, capfdbinary, monkeypatch, jobs):
    monkeypatch.setattr(events, "CHUNK_BYTES", 300)  # several chunks, so worker processes really run with --jobs 2
    source = tmp_path / "events.jsonl"
    lines = [_line(received_at=f"2026-11-{23 + i % 5}T1{i % 10}:00:00+01:00") for i in range(len(HOSTILE) + 1)]
    data = []
    for i, (bad, _) in enumerate(HOSTILE):
        data += [lines[i], bad]
    data.append(lines[-1])
    source.write_bytes(b"".join(data))
    code = main(["evaluate", "--policy", POLICY, "--events", str(source), "--jobs", jobs])
    out, err = capfdbinary.readouterr()
    assert code == 1
    answered = [json.loads(line)["received_at"] for line in out.decode().splitlines()]
    assert answered == [json.loads(line)["received_at"] for line in lines]
    reported = err.decode().splitlines()
    assert reported[-1] == f"socialkit: {len(HOSTILE)} event line(s) could not be evaluated"
    for k, (_, expected) in enumerate(HOSTILE):
        prefix = f"{source}:{2 * k + 2}: "
        assert reported[k].startswith(prefix + expected), (reported[k][:200], expected)
        assert len(reported[k]) < 400


def test_a_bom_and_blank_lines_are_fine_and_stdin_is_named_dash(monkeypatch, capfdbinary):
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + _line() + b"\n  \n" + _line(channel="x!")))
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(["evaluate", "--policy", POLICY, "--events", "-"])
    out, err = capfdbinary.readouterr()
    assert code == 1 and len(out.splitlines()) == 1
    assert err.decode().splitlines()[0].startswith("-:4: SK505 $.channel: unknown channel 'x!'")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--followers", "18446744073709551615"], "argument --followers: '18446744073709551615' is not a whole number from 0 to 10^15"),
        (["--followers", "-3"], "is not a whole number from 0 to 10^15"),
        (["--followers", "²"], "is not a whole number from 0 to 10^15"),
        (["--text", "ok \udcff"], "socialkit: --text is not valid UTF-8 text"),
        (["--received", "9999-12-31T23:30:00-01:00"], "is outside the years 1 to 9999"),
    ],
)
def test_single_event_flags_out_of_range_are_one_line_usage_errors(flags, message, capsys):
    args = ["evaluate", "--policy", POLICY, "--channel", "facebook", "--category", "complaint"]
    received = [] if "--received" in flags else ["--received", "2026-11-23T16:30:00+01:00"]
    assert main([*args, *received, *flags]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_unknown_channel_flag_is_quoted_on_one_line(capsys):
    code = main(
        ["evaluate", "--policy", POLICY, "--channel", "face\nbook", "--category", "complaint", "--received", "2026-11-23T16:30:00+01:00"]
    )
    assert code == 2
    assert capsys.readouterr().err == "socialkit: unknown channel 'face\\nbook'; did you mean 'facebook'?\n"

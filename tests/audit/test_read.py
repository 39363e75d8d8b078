"""Reading exports: delimiters, BOM, JSON lines, column maps, bad rows with their line numbers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.audit import MappingError, ReadError, make_config, read_logs
from socialkit.audit.times import BAD, MISSING, parse_times
from socialkit.engine.localtime import wall_to_utc

from .conftest import DATA

ZONE = ZoneInfo("Europe/Stockholm")


def read(tmp_path, text: str, name: str = "log.csv", policy=None, encoding: str = "utf-8", **config):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return read_logs([path], policy.document, make_config(**config), shown=[name])


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_delimiter_is_sniffed(tmp_path, policy, delimiter):
    header = delimiter.join(["received_at", "channel", "category", "responded_at"])
    row = delimiter.join(["2026-11-23T10:00:00+01:00", "Facebook", "Klagomål", "2026-11-23T11:00:00+01:00"])
    log = read(tmp_path, f"{header}\n{row}\n", policy=policy)
    assert (log.channel, log.category, log.received_at.tolist()) == (["facebook"], ["complaint"], [1795424400])
    assert log.responded_at.tolist() == [1795428000] and not log.bad


def test_bom_and_crlf_and_naive_times(tmp_path, policy):
    log = read(tmp_path, "received_at;channel;category\r\n2026-11-23 10:00;instagram;question\r\n", policy=policy, encoding="utf-8-sig")
    assert log.received_at.tolist() == [1795424400] and log.naive_times == 1


def test_bad_rows_are_reported_with_their_line_and_skipped(tmp_path, policy):
    text = (
        "received_at,channel,category,followers,text\n"
        "2026-11-23T10:00:00+01:00,facebook,complaint,12 500,ok\n"
        "2026-11-31T10:00:00+01:00,facebook,complaint,,bad date\n"
        '2026-11-23T10:05:00+01:00,facebook,question,,"two\nlines"\n'
        "2026-11-23T10:06:00+01:00,threads,question,,unknown channel\n"
        "2026-11-23T10:07:00+01:00,facebook,question,lots,bad count\n"
        "2026-11-23T10:08:00+01:00,facebook,question\n"
        ",facebook,question,,no time\n"
    )
    log = read(tmp_path, text, policy=policy)
    assert [(b.line, b.reason) for b in sorted(log.bad, key=lambda b: b.line)] == [
        (3, "bad received_at"),
        (6, "unknown channel"),
        (7, "bad followers"),
        (8, "wrong number of fields"),
        (9, "missing received_at"),
    ]
    assert log.line.tolist() == [2, 4] and log.followers.tolist() == [12500, -1]
    assert log.text == ["ok", "two\nlines"]
    assert log.rows_read == 7
    unknown = next(b for b in log.bad if b.reason == "unknown channel")
    assert str(unknown).startswith(
        "log.csv:6: SK505 $.channel: unknown channel 'threads'; known: facebook, instagram, linkedin, tiktok, x, youtube."
    )


def test_jsonl_with_socialkit_keys(policy):
    log = read_logs([DATA / "tickets-2026-11.jsonl"], policy.document, make_config())
    lines = (DATA / "tickets-2026-11.jsonl").read_text(encoding="utf-8").splitlines()
    good = [json.loads(line) for line in lines if line.endswith("}")]
    assert len(log) == len(good) and [(b.line, b.reason) for b in log.bad] == [(31, "not JSON")]
    assert log.channel == [t["channel"] for t in good]
    first = datetime.strptime(good[0]["received_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert log.received_at[0] == int(first.timestamp()) and log.naive_times == 0
    assert log.resolved.tolist() == [1 if t["resolved"] == "solved" else 0 for t in good]


def test_csv_sample_with_socialkit_columns(policy):
    log = read_logs([DATA / "inbox-2026-11.csv"], policy.document, make_config())
    assert len(log) == 260 and {b.line for b in log.bad} == {41, 121, 201}
    assert set(log.channel) == {"facebook", "instagram", "x", "linkedin", "tiktok"}
    assert log.naive_times == 260


def test_map_overrides_the_preset_and_values_map_labels(tmp_path, policy):
    text = "Created,Source,Topic\n2026-11-23T10:00:00Z,Twitter,Övrigt\n"
    log = read(
        tmp_path,
        text,
        policy=policy,
        overrides=["received_at=Created", "channel=Source", "category=Topic"],
        values={"category": {"Övrigt": "neutral"}},
    )
    assert (log.channel, log.category) == (["x"], ["neutral"])


def test_missing_required_column_names_the_header_and_the_fix(tmp_path, policy):
    with pytest.raises(
        ReadError, match=r"log.csv:1: no column for received_at \(column 'received_at'\); the header has: when, channel, category"
    ):
        read(tmp_path, "when,channel,category\n2026-11-23T10:00:00Z,x,question\n", policy=policy)


def test_bad_configuration_is_refused():
    with pytest.raises(MappingError, match="unknown preset 'sprut'"):
        make_config(preset="sprut")
    with pytest.raises(MappingError, match="unknown field 'arrived'"):
        make_config(overrides=["arrived=Created"])
    with pytest.raises(MappingError, match="FIELD=COLUMN"):
        make_config(overrides=["received_at"])


def test_time_format_reads_day_first_dates(tmp_path, policy):
    log = read(tmp_path, "received_at,channel,category\n23/11/2026 10:00,x,question\n", policy=policy, time_format="%d/%m/%Y %H:%M")
    assert log.received_at.tolist() == [1795424400]


# --- times: numpy parsing against datetime, one value at a time ----------------------------------------------

SHAPES = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%z", "iso", "iso-ms"]


def reference(instant: int, shape: str) -> tuple[str, int]:
    local = datetime.fromtimestamp(instant, ZONE)
    if shape == "iso":
        return local.isoformat(), instant
    if shape == "iso-ms":
        return local.isoformat(timespec="milliseconds"), instant
    if shape.endswith("Z"):
        return datetime.fromtimestamp(instant, UTC).strftime(shape), instant
    text = local.strftime(shape)
    if "%z" in shape:
        return text, instant
    return text, wall_to_utc(ZONE, datetime.strptime(text, shape))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1_700_000_000, 1_900_000_000), st.sampled_from(SHAPES)), min_size=1, max_size=40))
def test_parse_times_agrees_with_datetime(values):
    texts, expected = zip(*(reference(t, shape) for t, shape in values))
    assert parse_times(list(texts), "Europe/Stockholm").seconds.tolist() == list(expected)


def test_dst_edges_follow_the_engine_rule():
    texts = ["2026-03-29 02:30", "2026-10-25 02:30", "", "2026-02-29 10:00", "yesterday"]
    got = parse_times(texts, "Europe/Stockholm").seconds.tolist()
    assert got == [wall_to_utc(ZONE, datetime(2026, 3, 29, 2, 30)), wall_to_utc(ZONE, datetime(2026, 10, 25, 2, 30)), MISSING, BAD, BAD]

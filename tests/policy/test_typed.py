"""The policy commands as people type them, and the YAML mistakes people make, each with its fix."""

from __future__ import annotations

import json
import shutil

import pytest

from socialkit.cli import main

from .conftest import ROOT

POLICY = ["--policy", str(ROOT / "policies" / "policy.json")]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_open_takes_the_channel_positionally_and_a_local_time(capsys):
    with_offset = run(capsys, "open", "--channel", "facebook", "--at", "2026-11-23T16:30:00+01:00", *POLICY)
    positional = run(capsys, "open", "facebook", "--at", "2026-11-23T16:30", *POLICY)
    assert with_offset[1] == positional[1] == "facebook is open (office-hours); closes 2026-11-23T17:00:00+01:00\n"
    assert positional[2] == "socialkit: --at 2026-11-23T16:30 has no UTC offset; read as Europe/Stockholm time, 2026-11-23T16:30:00+01:00\n"
    assert with_offset[2] == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["open"], "give the channel, e.g. 'socialkit open facebook'"),
        (["open", "facebook", "--channel", "x"], "channel given twice ('facebook' and --channel x)"),
        (["on-duty"], "give the team, e.g. 'socialkit on-duty social'"),
    ],
)
def test_a_missing_or_doubled_id_is_a_usage_error(capsys, argv, message):
    code, _, err = run(capsys, *argv, *POLICY)
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_open_on_a_channel_that_takes_no_questions_says_so(capsys):
    code, out, _ = run(capsys, "open", "tiktok", "--at", "2026-11-23T10:00:00+01:00", *POLICY)
    assert (code, out) == (
        0,
        "tiktok takes no customer questions (customer_service: false); it sends questions to facebook\n"
        "messages are read, not answered (read-only)\n",
    )
    code, out, _ = run(capsys, "open", "tiktok", "--at", "2026-11-23T10:00:00+01:00", "--format", "json", *POLICY)
    assert json.loads(out)["customer_service"] is False


def test_on_duty_positional_and_who_is_next_when_nobody_is(capsys, tmp_path):
    code, out, _ = run(capsys, "on-duty", "social", "--at", "2026-11-24T10:00:00+01:00", *POLICY)
    assert (code, out) == (0, "Omar Haddad (omar), Erik Holm (erik)\n")
    # a rota with a hole: the span that starts at 08:00 on 2026-11-24 nobody covers
    document = json.loads((ROOT / "policies/policy.json").read_text(encoding="utf-8"))
    spans = document["teams"]["social"]["rota"]["spans"]
    hole = next(k for k, span in enumerate(spans) if span[0] == 1795503600)
    spans[hole][2] = []
    (tmp_path / "policy.json").write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, "on-duty", "social", "--at", "2026-11-24T10:00:00+01:00", "--policy", str(tmp_path / "policy.json"))
    start = spans[hole + 1]
    assert start[2] and code == 0
    assert out == f"nobody on social is on duty then; next: Erik Holm (erik) from {_local(start[0])}\n"
    code, out, _ = run(
        capsys, "on-duty", "social", "--at", "2026-11-24T10:00:00+01:00", "--format", "json", "--policy", str(tmp_path / "policy.json")
    )
    assert json.loads(out)["next"] == {"at": _local(start[0]), "on_duty": start[2]}


def _local(seconds: int) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromtimestamp(seconds, ZoneInfo("Europe/Stockholm")).isoformat()


def test_evaluate_prints_the_clock_and_what_chose_it(capsys):
    code, out, err = run(capsys, "evaluate", "--channel", "facebook", "--category", "complaint", "--received", "2026-11-23T16:30", *POLICY)
    assert code == 0 and "read as Europe/Stockholm time, 2026-11-23T16:30:00+01:00" in err
    assert "clock           business: only the open hours of office-hours count (SLA standard)\n" in out
    code, out, _ = run(
        capsys,
        "evaluate",
        "--channel",
        "x",
        "--category",
        "question",
        "--received",
        "2026-11-23T16:30:00+01:00",
        "--text",
        "ni hotar",
        *POLICY,
    )
    assert "clock           calendar: every hour counts (escalation rule threat)\n" in out


# --- YAML mistakes, each message with its fix ------------------------------------------------------


@pytest.fixture
def strategy(tmp_path):
    folder = tmp_path / "strategy"
    shutil.copytree(ROOT / "strategy", folder, ignore=shutil.ignore_patterns("tests"))
    return folder


def validate_after(capsys, strategy, file: str, old: str, new: str) -> list[str]:
    path = strategy / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(strategy))
    assert code == 1
    return out.splitlines()[:-1]


def test_a_decimal_comma_in_a_duration(capsys, strategy):
    (line,) = validate_after(capsys, strategy, "messages.yaml", "        respond: 8h\n", "        respond: 8,5h\n")
    assert line.endswith(
        "SK016 error '8,5h' is not a duration: write e.g. '30m', '4h', '1h30m', '2d', '1w' or 'PT4H'; durations take whole numbers, so write '8h30m' for 8,5h"
    )


def test_an_unquoted_comma_inside_braces(capsys, strategy):
    lines = validate_after(capsys, strategy, "messages.yaml", "{acknowledge: 2h, respond: 4h}", "{acknowledge: 2h, respond: 4,5h}")
    assert any(
        line.endswith(
            "SK010 error unknown key '5h' in slas[1].targets.complaint; an unquoted comma inside {...} ends the value before it, so '5h' "
            "became a key of its own: write that value without a comma (4h30m, not 4,5h) or quote it"
        )
        for line in lines
    ), lines


def test_end_of_next_business_day_where_only_a_duration_fits(capsys, strategy):
    (line,) = validate_after(capsys, strategy, "messages.yaml", "        respond: 8h\n", "        respond: end-of-next-business-day\n")
    assert line.endswith(
        "'end-of-next-business-day' fits only if_received_closed of a respond target, e.g. "
        "respond: {within: 4h, if_received_closed: end-of-next-business-day}"
    )


def test_a_position_alone_names_the_field(capsys, strategy):
    (line,) = validate_after(capsys, strategy, "channels.yaml", "  - id: facebook\n", "  - facebook\n  - id: facebook\n")
    assert "SK013 error 'channels[0]' input should be a valid dictionary or instance of Channel, got str 'facebook'" in line
    assert line.endswith("; each entry is a mapping of keys: write '- id: facebook' and its other keys indented below it")
    assert "'0'" not in line

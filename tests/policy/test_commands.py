"""`evaluate`, `open` and `on-duty` through main([...])."""

from __future__ import annotations

import json
from pathlib import Path

from socialkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
POLICY = str(ROOT / "policies" / "policy.json")


def test_evaluate_json_has_the_documented_fields(capsys):
    code = main(
        [
            "evaluate",
            "--policy",
            POLICY,
            "--channel",
            "facebook",
            "--category",
            "complaint",
            "--received",
            "2026-11-23T16:30:00+01:00",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "channel",
        "category",
        "received_at",
        "open",
        "next_open_at",
        "acknowledge_by",
        "respond_by",
        "clock",
        "on_duty",
        "escalation",
        "explanation",
    }
    assert data["respond_by"] == "2026-11-24T11:30:00+01:00"


def test_evaluate_from_strategy_equals_evaluate_from_policy(capsys):
    args = ["--channel", "x", "--category", "question", "--received", "2026-11-24T23:30:00+01:00", "--text", "ni hotar", "--format", "json"]
    main(["evaluate", "--policy", POLICY, *args])
    from_policy = capsys.readouterr().out
    main(["evaluate", "--strategy", str(ROOT / "strategy"), "--as-of", "2026-11-23", *args])
    assert capsys.readouterr().out == from_policy


def test_evaluate_events_reports_bad_lines_with_location_and_runs_the_rest(tmp_path, capsys):
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"channel": "facebook", "category": "complaint", "received_at": "2026-11-23T16:30:00+01:00"}\n'
        "not json\n"
        '{"channel": "facebok", "category": "complaint", "received_at": "2026-11-23T16:30:00+01:00"}\n'
        '{"channel": "facebook", "category": "praise", "received_at": "2026-11-23T10:00:00"}\n'
        '{"channel": "instagram", "category": "question", "received_at": "2026-11-24T09:00:00+01:00"}\n'
    )
    code = main(["evaluate", "--policy", POLICY, "--events", str(events)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["channel"] for d in lines] == ["facebook", "instagram"]
    assert f"{events}:2: SK501 not JSON (Expecting value at column 1)" in err
    assert f"{events}:3: SK505 $.channel: unknown channel 'facebok'; did you mean 'facebook'?" in err
    assert f"{events}:4: SK506 $.received_at: '2026-11-23T10:00:00' has no UTC offset" in err


def test_open_reports_next_opening_after_christmas(capsys):
    assert main(["open", "--policy", POLICY, "--channel", "facebook", "--at", "2026-12-24T10:00:00+01:00"]) == 0
    assert capsys.readouterr().out.strip() == "facebook is closed (office-hours); opens 2026-12-29T08:00:00+01:00"


def test_on_duty_names_people(capsys):
    assert main(["on-duty", "--policy", POLICY, "--team", "social", "--at", "2026-11-23T10:00:00+01:00"]) == 0
    assert capsys.readouterr().out.strip() == "Omar Haddad (omar), Erik Holm (erik)"  # office days + on-call


def test_on_duty_follows_the_dated_turns_of_a_relay(capsys):
    assert main(["on-duty", "--policy", POLICY, "films", "--at", "2027-01-11T07:59:00+01:00"]) == 0
    assert capsys.readouterr().out.strip() == "Sara Nyberg (sara)"
    assert main(["on-duty", "--policy", POLICY, "films", "--at", "2027-01-11T08:00"]) == 0
    assert capsys.readouterr().out.strip() == "Omar Haddad (omar)"
    assert main(["on-duty", "--policy", POLICY, "films", "--at", "2026-11-24T10:00"]) == 0
    assert capsys.readouterr().out.strip() == "nobody on films is on duty then; next: Sara Nyberg (sara) from 2026-11-30T08:00:00+01:00"


def test_usage_errors_exit_2_with_one_line(capsys):
    assert main(["evaluate", "--policy", POLICY]) == 2
    assert main(["on-duty", "--policy", POLICY, "--team", "socal"]) == 2
    assert "did you mean 'social'" in capsys.readouterr().err
    assert main(["evaluate", "--policy", str(ROOT / "missing.json"), "--channel", "a", "--category", "b"]) == 2

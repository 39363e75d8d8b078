"""`socialkit audit` through main([...]) on the sample exports shipped in tests/data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from socialkit.cli import main

from .conftest import DATA, ROOT

SPROUT = str(DATA / "inbox-2026-11.csv")  # socialkit's own columns: no preset needed
ZENDESK = str(DATA / "tickets-2026-11.jsonl")
STRATEGY = str(ROOT / "strategy")


def test_text_summary_and_bad_rows_on_stderr(capsys):
    code = main(["audit", SPROUT, "--strategy", STRATEGY])
    out, err = capsys.readouterr()
    assert code == 1  # rows were skipped
    assert f"{SPROUT}:41: SK505 $.channel: unknown channel 'Threads'" in err
    assert f"{SPROUT}:121: SK503 $.received_at: received_at is empty" in err
    assert "skipped 3 of 263 rows (1 bad received_at, 1 missing received_at, 1 unknown channel)" in err
    assert "260 messages audited, 3 row(s) skipped" in out
    assert "260 messages had times without a UTC offset: read as Europe/Stockholm wall-clock time" in out
    header = next(line for line in out.splitlines() if line.startswith("channel "))
    assert header.split() == [
        "channel",
        "messages",
        "reply",
        "in",
        "SLA",
        "breached",
        "resp",
        "med",
        "resp",
        "p90",
        "resp",
        "max",
        "unanswered",
        "oldest",
    ]


def test_json_carries_counts_overall_and_per_group_and_details(capsys):
    code = main(
        [
            "audit",
            SPROUT,
            ZENDESK,
            "--map",
            "received_at=Received Time",
            "--strategy",
            STRATEGY,
            "--format",
            "json",
            "--details",
        ]
    )
    assert code == 2  # the map does not fit the CSV: a usage error, said once
    assert "no column for received_at (column 'Received Time')" in capsys.readouterr().err
    code = main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "json", "--details"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    for figures in [result["overall"], *result["by"]["channel"], *result["by"]["week"]]:
        assert {"messages", "answered", "within_sla", "breached"} <= set(figures)
    assert len(result["messages"]) == result["overall"]["messages"] == 90
    assert result["rows"] == {
        "read": 91,
        "audited": 90,
        "skipped": 1,
        "skipped_by_reason": {"not JSON": 1},
        "naive_times": 0,
        "naive_zone": None,
    }
    assert result["problems"][0]["line"] == 31


def test_csv_per_group_and_per_message(capsys):
    main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "csv", "--by", "channel"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["dimension"] == "overall" and int(rows[0]["messages"]) == sum(int(r["messages"]) for r in rows[1:])
    main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "csv", "--details"])
    messages = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(messages) == 90 and messages[0]["verdict"] in {"met", "breached", "pending", "no target", "unknown"}


def test_output_is_atomic_and_never_replaces_a_foreign_file(tmp_path, capsys):
    target = tmp_path / "result.json"
    target.write_text("my notes\n", encoding="utf-8")
    code = main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "json", "--output", str(target)])
    assert code == 2 and target.read_text(encoding="utf-8") == "my notes\n"
    assert "was not written by socialkit audit" in capsys.readouterr().err
    target.unlink()
    main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "json", "--output", str(target)])
    first = target.read_text(encoding="utf-8")
    assert main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", "json", "--output", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == first  # deterministic, and our own file may be replaced


@pytest.mark.parametrize("formats", [("text", "text"), ("csv", "csv"), ("json", "text"), ("markdown", "json")])
def test_an_earlier_output_in_any_format_may_be_replaced(tmp_path, capsys, formats):
    target = tmp_path / "audit.out"
    for fmt in formats:
        main(["audit", ZENDESK, "--strategy", STRATEGY, "--format", fmt, "--output", str(target)])
        assert capsys.readouterr().err.splitlines()[-1] == f"wrote {target}"


def test_rows_outside_a_fixed_policy_horizon_say_how_to_fix_it(capsys):
    code = main(["audit", ZENDESK, "--policy", str(ROOT / "policies" / "policy.json"), "--format", "json"])
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert code == 1
    assert result["rows"]["skipped_by_reason"]["outside the horizon"] > 0
    assert "outside the policy's horizon 2026-11-23 to" in captured.err and "--as-of" in captured.err
    assert result["goals"]["available"] is False


def test_fail_under_and_usage_errors(capsys):
    path = str(DATA / "tickets-2026-11.jsonl")
    assert main(["audit", path, "--strategy", STRATEGY, "--fail-under", "0.99"]) == 1
    assert "below --fail-under 99.0%" in capsys.readouterr().err
    assert main(["audit", path, "--by", "weekday"]) == 2
    assert "--by: unknown group 'weekday'" in capsys.readouterr().err
    assert main(["audit", path, "--map", "arrived=x"]) == 2
    assert "unknown field 'arrived'" in capsys.readouterr().err
    assert main(["audit", "missing.csv"]) == 2
    assert "missing.csv: cannot read" in capsys.readouterr().err


def test_help_shows_a_real_example(capsys):
    assert main(["audit", "--help"]) == 0
    assert "socialkit audit tests/data/inbox-2026-11.csv --by channel,category" in capsys.readouterr().out

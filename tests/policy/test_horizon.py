"""The committed policy never expires silently: SK050 before its horizon ends, SK051 after.

Dates are frozen by passing them in (or by replacing `socialkit.horizon.today`); nothing sleeps.
The example repository's policy is built for 2026-11-23 + 400 days, so it ends on 2027-12-28.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialkit import horizon
from socialkit.cli import main
from socialkit.horizon import Horizon, committed_horizon, horizon_problems

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Horizon(date(2026, 11, 23), 400)


def codes(today: date, warn_days: int = 60, h: Horizon | None = EXAMPLE) -> list[str]:
    return [p.code for p in horizon_problems(h, today=today, warn_days=warn_days, file="policies/policy.json")]


def test_the_example_policy_records_its_horizon():
    assert committed_horizon(ROOT / "policies/policy.json") == EXAMPLE
    assert EXAMPLE.end == date(2027, 12, 28)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 5), []),
        (date(2027, 10, 28), []),  # 61 days left
        (date(2027, 10, 29), ["SK050"]),  # 60 days left: within the warning period
        (date(2027, 12, 27), ["SK050"]),  # the last day covered
        (date(2027, 12, 28), ["SK051"]),  # the first day not covered
        (date(2029, 1, 1), ["SK051"]),
    ],
)
def test_warning_then_error_as_the_end_approaches(today, expected):
    assert codes(today) == expected


def test_messages_say_when_and_how_to_fix():
    (warning,) = horizon_problems(EXAMPLE, today=date(2027, 12, 27), warn_days=60, file="policies/policy.json")
    assert warning.severity.value == "warning" and warning.file == "policies/policy.json"
    assert warning.message == (
        "the committed policy ends on 2027-12-28, in 1 day (built for 2026-11-23 + 400 days); rebuild it from today: "
        "socialkit build --as-of 2027-12-27 (and move as_of in pyproject.toml if it is pinned)"
    )
    (error,) = horizon_problems(EXAMPLE, today=date(2028, 1, 2), warn_days=60, file="policies/policy.json")
    assert error.severity.value == "error"
    assert error.message.startswith(
        "the committed policy ended on 2027-12-28 (built for 2026-11-23 + 400 days); the playbook's rota and the calendars have stopped"
    )
    assert "socialkit build --as-of 2028-01-02" in error.message


def test_no_policy_or_an_unreadable_one_is_not_judged(tmp_path):
    assert codes(date(2030, 1, 1), h=committed_horizon(tmp_path / "missing.json")) == []
    (tmp_path / "policy.json").write_text('{"provenance": {"as_of": "soon"}}')
    assert committed_horizon(tmp_path / "policy.json") is None


@given(
    as_of=st.dates(date(2020, 1, 1), date(2035, 1, 1)),
    days=st.integers(1, 3660),
    offset=st.integers(-4000, 4000),
    warn_days=st.integers(0, 3660),
)
def test_agrees_with_counting_the_days_one_by_one(as_of, days, offset, warn_days):
    today = as_of + timedelta(days=offset)
    last_covered = max(as_of + timedelta(days=i) for i in range(days))
    if today > last_covered:
        expected = ["SK051"]
    elif any(today + timedelta(days=i) > last_covered for i in range(warn_days + 1)):
        expected = ["SK050"]  # one of the coming warn_days days is no longer covered
    else:
        expected = []
    assert codes(today, warn_days, Horizon(as_of, days)) == expected


# --- through the commands, on the example repository ---------------------------------------------


def run(monkeypatch, capsys, today: date, *argv: str) -> tuple[int, str, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(horizon, "today", lambda: today)
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_warns_in_the_last_weeks_and_fails_after_the_end(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, date(2027, 12, 1), "validate")
    assert code == 0
    assert "policies/policy.json: SK050 warning the committed policy ends on 2027-12-28, in 27 days" in out
    code, out, _ = run(monkeypatch, capsys, date(2027, 12, 28), "validate", "--format", "json")
    assert code == 1
    (found,) = [p for p in json.loads(out)["problems"] if p["code"].startswith("SK05")]
    assert (found["code"], found["severity"], found["file"]) == ("SK051", "error", "policies/policy.json")


def test_build_check_warns_and_fails_the_same_way(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, date(2027, 12, 1), "build", "--check")
    assert (code, out) == (0, "generated files are up to date\n")
    assert err.startswith("policies/policy.json: SK050 warning the committed policy ends on 2027-12-28, in 27 days")
    code, _, err = run(monkeypatch, capsys, date(2028, 3, 1), "build", "--check")
    assert code == 1 and "SK051 error the committed policy ended on 2027-12-28" in err


def test_the_warning_period_is_a_setting_and_the_code_can_be_ignored(monkeypatch, capsys):
    monkeypatch.setenv("SOCIALKIT_HORIZON_WARN_DAYS", "20")
    code, out, _ = run(monkeypatch, capsys, date(2027, 12, 1), "validate")
    assert (code, out) == (0, "no problems found\n")
    monkeypatch.setenv("SOCIALKIT_HORIZON_WARN_DAYS", "30")
    monkeypatch.setenv("SOCIALKIT_RULES__IGNORE", '["SK050"]')
    code, out, _ = run(monkeypatch, capsys, date(2027, 12, 1), "validate")
    assert (code, out) == (0, "no problems found\n")


def test_validating_named_files_does_not_judge_the_project_policy(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, date(2029, 1, 1), "validate", "strategy")
    assert (code, out) == (0, "no problems found\n")


def test_explain_says_where_the_code_comes_from_and_the_fix(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, date(2026, 12, 5), "validate", "--explain", "SK050")
    assert code == 0 and out.startswith("# SK050 horizon-ending\n")
    assert "validate (without paths) and build --check" in out and "horizon_warn_days" in out

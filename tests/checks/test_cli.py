"""`socialkit validate` with the rule engine, through main([...])."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.validate import validate_paths

from .conftest import BASE

GOAL = """\
goals:
  - id: resolve
    statement: Resolve 50 complaints.
    metric: resolved-complaints
    target: 50
    deadline: 2026-06-30
    owner: anna
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "strategy").mkdir()
    (tmp_path / "strategy" / "00-base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "strategy" / "10-goal.yaml").write_text(GOAL, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.socialkit]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("SOCIALKIT_AS_OF", "SOCIALKIT_RULES__IGNORE", "SOCIALKIT_RULES__SELECT", "SOCIALKIT_RULES__SEVERITY", "SOCIALKIT_RULES"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_as_of_decides_whether_a_deadline_has_passed(project, capsys):
    assert main(["validate", "--as-of", "2026-06-30"]) == 0
    assert capsys.readouterr().out == "no problems found\n"
    assert main(["validate", "--as-of", "2026-07-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "strategy/10-goal.yaml:6:15: SK408 warning goal 'resolve' had its deadline on 2026-06-30, before 2026-07-01; evaluate it and set a new deadline",
        "0 errors, 1 warning",
    ]


def test_as_of_from_settings(project, capsys, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_AS_OF", "2027-01-01")
    main(["validate"])
    assert "SK408" in capsys.readouterr().out


def test_bad_as_of_is_a_usage_error(project, capsys):
    assert main(["validate", "--as-of", "30/06/2026"]) == 2
    assert "'30/06/2026' is not a date such as 2026-06-01" in capsys.readouterr().err


def test_a_rule_error_fails_the_run(project, capsys):
    (project / "strategy" / "20-mod.yaml").write_text("moderation:\n  never_remove: [criticism]\n  remove: [complaint]\n", encoding="utf-8")
    assert main(["validate", "--as-of", "2026-01-01"]) == 1
    assert "strategy/20-mod.yaml:3:12: SK404 error" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["sarif", "junit", "json", "github"])
def test_every_format_runs(project, capsys, fmt):
    assert main(["validate", "--as-of", "2027-01-01", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "SK408" in out
    if fmt in ("sarif", "json"):
        json.loads(out)


def test_rules_do_not_run_on_a_strategy_with_dangling_references(project, capsys):
    (project / "strategy" / "20-bad.yaml").write_text(
        "teams:\n  - id: x\n    name: X\n    members: [nobody]\n    lead: nobody\n", encoding="utf-8"
    )
    assert main(["validate", "--as-of", "2027-01-01"]) == 1
    out = capsys.readouterr().out
    assert "SK101" in out and "SK408" not in out and "SK105" not in out


def test_validate_paths_keeps_its_positional_form(project):
    result = validate_paths([project / "strategy"])
    assert result.ok and result.strategy is not None


def test_validate_paths_as_of_keyword(project):
    result = validate_paths([project / "strategy"], as_of=date(2027, 1, 1))
    assert [p.code for p in result.problems] == ["SK408"]
    assert validate_paths([project / "strategy"], as_of=date(2027, 1, 1), rules=False).problems == []

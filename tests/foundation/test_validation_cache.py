"""`socialkit validate` answers unchanged files from the result cache, and anything that could change the
verdict misses it: the files' bytes, any setting, the reference date, the version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import socialkit.validate
from socialkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "strategy", root / "strategy")
    (root / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\nas_of = "2026-11-23"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOCIALKIT_CACHE_DIR", str(tmp_path / "cache"))
    return root


def _validate(capsys, *argv: str) -> tuple[int, str]:
    code = main(["validate", "--format", "json", *argv])
    return code, capsys.readouterr().out


@pytest.fixture
def no_validation(monkeypatch):
    """After this, a run that really validates fails the test: only the cache may answer."""

    def refuse(*args, **kwargs):
        raise AssertionError("validated although the cache holds the answer")

    return lambda: monkeypatch.setattr(socialkit.validate, "validate_paths", refuse)


def _break(project: Path) -> None:
    channels = project / "strategy" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("schedule: office-hours", "schedule: nowhere", 1), encoding="utf-8")


def test_an_unchanged_strategy_is_answered_from_the_cache(project, capsys, no_validation):
    _break(project)
    first = _validate(capsys)
    assert first[0] == 1 and "SK101" in first[1]
    no_validation()
    assert _validate(capsys) == first  # the same problems, positions and exit status
    text = main(["validate"])
    assert text == 1 and "SK101" in capsys.readouterr().out


def test_an_edit_misses_the_cache(project, capsys):
    assert _validate(capsys)[0] == 0
    _break(project)
    code, out = _validate(capsys)
    assert code == 1 and "SK101" in out


@pytest.mark.parametrize(
    "change",
    [
        lambda root, mp: (root / "pyproject.toml").write_text(
            (root / "pyproject.toml").read_text() + '[tool.socialkit.rules]\nignore = ["SK101"]\n', encoding="utf-8"
        ),
        lambda root, mp: mp.setenv("SOCIALKIT_RULES__IGNORE", '["SK101"]'),
    ],
    ids=["pyproject", "environment"],
)
def test_a_setting_misses_the_cache(project, capsys, monkeypatch, change):
    _break(project)
    assert _validate(capsys)[0] == 1
    change(project, monkeypatch)
    code, out = _validate(capsys)
    assert "SK101" not in out


def test_another_reference_date_misses_the_cache(project, capsys):
    first = json.loads(_validate(capsys, "--as-of", "2026-11-23")[1])
    later = json.loads(_validate(capsys, "--as-of", "2031-01-01")[1])
    assert first != later  # e.g. goal deadlines that have passed by then


def test_a_damaged_entry_is_validated_again(project, capsys, tmp_path):
    first = _validate(capsys)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text('{"ok": true, "problems": [{"code": 1}]}', encoding="utf-8")
    assert _validate(capsys) == first


def test_switched_off_it_writes_nothing(project, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_CACHE", "false")
    _validate(capsys)
    assert not (tmp_path / "cache").exists()


def test_files_are_named_from_where_validate_runs(project, capsys, monkeypatch):
    """Problems name their files relative to the working directory, so another directory is another entry."""
    _break(project)
    here = json.loads(_validate(capsys)[1])["problems"]
    monkeypatch.chdir(project / "strategy")
    there = json.loads(_validate(capsys, ".")[1])["problems"]
    assert {p["file"] for p in here if p["code"] == "SK101"} == {"strategy/channels.yaml"}
    assert {p["file"] for p in there if p["code"] == "SK101"} == {"channels.yaml"}

"""Scratch copies of the example project for hostile-filesystem tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path) -> Path:
    """The example strategy in its own project folder (inside tmp_path, so tmp_path is 'outside')."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\nas_of = 2026-11-23\n')
    shutil.copytree(ROOT / "strategy", folder / "strategy", ignore=shutil.ignore_patterns("tests"))
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    return folder


def run(folder: Path, monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def built(project, monkeypatch, capsys) -> Path:
    code, _, err = run(project, monkeypatch, capsys, "build")
    assert code == 0, err
    return project

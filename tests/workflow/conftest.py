"""Scratch strategy repositories made by `socialkit init`, with git that ignores the runner's configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from socialkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(folder: Path, *args: str) -> str:
    run = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=folder,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def socialkit(folder: Path, monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    """`socialkit ARGV` run inside folder (settings come from its pyproject.toml)."""
    monkeypatch.chdir(folder)
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def new_repo(tmp_path, monkeypatch, capsys) -> Path:
    """An English starter repository, committed."""
    folder = tmp_path / "our-strategy"
    code, _, err = socialkit(tmp_path, monkeypatch, capsys, "init", str(folder), "--name", "Solvik Energi AB")
    assert code == 0, err
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "Our social media strategy")
    return folder

"""`diff` against crafted git trees (issue 17, section 1): entries named '..' never
write outside the scratch folder, a non-UTF-8 file name is a clear error. The
trees are built with git plumbing, as a fetched hostile commit would arrive."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        input=stdin,
        capture_output=True,
        check=True,
    )
    return done.stdout.strip()


def _mktree(root: Path, lines: list[bytes]) -> str:
    return _git(root, "mktree", "-z", stdin=b"\0".join(lines) + b"\0").decode()


def _entry(mode: str, kind: str, obj: str, name: bytes) -> bytes:
    return f"{mode} {kind} {obj}\t".encode() + name


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(ROOT / "strategy", root / "strategy", ignore=shutil.ignore_patterns("tests"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "example")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(root)
    scratch_parent = tmp_path / "tmp"  # where diff's scratch folder is made: escapes would land here
    scratch_parent.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_parent))
    return root


def _commit_with_extra_strategy_entry(root: Path, extra: bytes) -> None:
    """HEAD's tree plus one crafted entry in strategy/, committed on top of HEAD."""
    strategy = _git(root, "ls-tree", "-z", "HEAD:strategy").split(b"\0")
    strategy_tree = _mktree(root, [line for line in strategy if line] + [extra])
    top = [line for line in _git(root, "ls-tree", "-z", "HEAD").split(b"\0") if line and not line.endswith(b"\tstrategy")]
    tree = _mktree(root, [*top, _entry("040000", "tree", strategy_tree, b"strategy")])
    commit = _git(root, "commit-tree", tree, "-p", "HEAD", "-m", "crafted", stdin=b"").decode()
    _git(root, "update-ref", "HEAD", commit)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_dot_dot_tree_entries_never_write_outside_the_scratch_folder(repo, tmp_path, capsys):
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=b"owned: true\n").decode()
    tree = _mktree(repo, [_entry("100644", "blob", blob, b"evil.yaml")])
    for _ in range(3):  # strategy/../../../evil.yaml: one level above the scratch folder
        tree = _mktree(repo, [_entry("040000", "tree", tree, b"..")])
    _commit_with_extra_strategy_entry(repo, _entry("040000", "tree", tree, b".."))
    assert b"strategy/../../../../evil.yaml" in _git(repo, "ls-tree", "-r", "--name-only", "HEAD")
    code, out, err = _run(capsys, "HEAD~1", "HEAD")
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "'strategy/../../../../evil.yaml'" in err and "refusing it" in err
    assert not [p for p in tmp_path.rglob("evil.yaml")]


def test_non_utf8_file_name_in_history_is_a_clear_error(repo, capsys):
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=b"x: 1\n").decode()
    _commit_with_extra_strategy_entry(repo, _entry("100644", "blob", blob, b"caf\xe9.yaml"))
    code, out, err = _run(capsys, "HEAD~1", "HEAD")
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "is not UTF-8" in err and "caf\\xe9.yaml" in err

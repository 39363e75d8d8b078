"""Shared setup for the diff tests: the example strategy, edits to it, and real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from socialkit.compile.document import compile_policy
from socialkit.diff.semantic import Side, definitions
from socialkit.validate import validate_paths

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "strategy"
AS_OF = date(2026, 11, 23)
UPDATE_GOLDEN = os.environ.get("SOCIALKIT_UPDATE_GOLDEN") == "1"  # regenerate tests/diff/golden/

# Commits must not depend on whoever runs the tests: no global or system git configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest / "strategy", ignore=shutil.ignore_patterns("tests"))
    return dest / "strategy"


def edit(folder: Path, file: str, old: str, new: str) -> None:
    """Replace one exact piece of text in a strategy file (it must occur exactly once)."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_re(folder: Path, file: str, pattern: str, replacement: str) -> None:
    """Like edit, with a regular expression, for text whose formatting may vary."""
    import re

    path = folder / file
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"))
    assert count == 1, f"{pattern!r} matches {count} times in {file}"
    path.write_text(text, encoding="utf-8")


def side(folder: Path, label: str = "side") -> Side:
    """Compile a strategy folder as the command does (the rules are not needed to compare)."""
    result = validate_paths([folder], as_of=AS_OF, rules=False)
    assert result.ok, result.problems
    return Side.of(label, compile_policy(result.strategy, as_of=AS_OF), definitions(result.strategy))


class Repo:
    """A real git repository in a temporary folder holding a copy of the example project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.strategy = root / "strategy"

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
            cwd=self.root,
            env={**os.environ, **GIT_ENV},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def edit(self, file: str, old: str, new: str) -> None:
        edit(self.strategy, file, old, new)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    root = tmp_path / "repo"
    root.mkdir()
    copy_example(root)
    shutil.copy(PROJECT / "pyproject.toml", root / "pyproject.toml")
    made = Repo(root)
    made.git("init", "-q")
    made.commit("example strategy")
    for name, value in GIT_ENV.items():  # the command's own git calls see no user configuration either
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(root)
    return made


@pytest.fixture(scope="module")
def base_side() -> Side:
    return side(EXAMPLE, "base")


# Lists whose order means nothing to the policy; escalation rules, rota orders and languages are ordered.
UNORDERED = {
    "channels",
    "people",
    "teams",
    "categories",
    "slas",
    "schedules",
    "goals",
    "audiences",
    "members",
    "notify",
    "keywords",
    "hide",
    "remove",
    "never_remove",
    "also_closed",
    "extra_closed",
    "closures",
    "special_hours",
    "disclosures",
    "check_times",
    "overrides",
    "layers",
    "seasons",
    "kpis",
    "declared_by",
    "author_types",
}


def reshuffle(folder: Path) -> None:
    """Rewrite every file with keys and unordered lists reversed, flow lists made block, and other indentation."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=4, sequence=6, offset=4)
    yaml.width = 4096
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.load(path)
        _reverse(data)
        yaml.dump(data, path)


def _reverse(node, key=None) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        items = list(node.items())
        for k, v in items:
            _reverse(v, k)
        for k, _ in items:
            del node[k]
        for k, v in reversed(items):
            node[k] = v
        node.fa.set_block_style()
    elif isinstance(node, CommentedSeq):
        for item in node:
            _reverse(item)
        if key in UNORDERED:
            node.reverse()
        node.fa.set_block_style()

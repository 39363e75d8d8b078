"""Our .pre-commit-hooks.yaml run by pre-commit itself against a scratch strategy repository.

pre-commit installs socialkit from this repository's committed HEAD into its
own environment (as it would from GitHub), once for the whole module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GIT_ENV, ROOT, git, replace_once

BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and this repository's history")
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SOCIALKIT_STRATEGY", None)
    return subprocess.run([str(BIN / "pre-commit"), *args], cwd=folder, env=env, capture_output=True, text=True)


def use_this_checkout(folder: Path) -> None:
    """Point the scaffolded config at this repository's HEAD instead of the published one."""
    head = git(ROOT, "rev-parse", "HEAD").strip()
    config = folder / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - repo: ")
    end = text.index("    hooks:")
    config.write_text(text[:start] + f"  - repo: {ROOT.as_posix()}\n    rev: {head}\n" + text[end:], encoding="utf-8")
    git(folder, "add", ".pre-commit-config.yaml")
    git(folder, "commit", "-qm", "Use the local socialkit")


def test_hooks_pass_on_a_clean_repository_and_catch_each_kind_of_mistake(new_repo, home):
    use_this_checkout(new_repo)
    clean = pre_commit(new_repo, home, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.count("Passed") == 3

    strategy = new_repo / "strategy" / "strategy.yaml"
    replace_once(strategy, "  name: Solvik Energi AB", "  name: 'Solvik Energi AB'")
    formatted = pre_commit(new_repo, home, "run", "socialkit-fmt", "--files", "strategy/strategy.yaml")
    assert formatted.returncode == 1 and "files were modified by this hook" in formatted.stdout
    assert "  name: Solvik Energi AB\n" in strategy.read_text(encoding="utf-8")

    replace_once(strategy, "route_to: social", "route_to: socal")
    broken = pre_commit(new_repo, home, "run", "socialkit-validate", "--all-files")
    assert broken.returncode == 1
    assert "strategy/strategy.yaml:" in broken.stdout and "'socal'" in broken.stdout
    replace_once(strategy, "route_to: socal", "route_to: social")

    replace_once(strategy, "respond: 4h}", "respond: 3h}")
    stale = pre_commit(new_repo, home, "run", "socialkit-build-check", "--all-files")
    assert stale.returncode == 1 and "policies/policy.json" in stale.stdout

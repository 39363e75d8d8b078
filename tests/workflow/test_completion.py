"""`socialkit completion`: scripts generated from the parser, exercised in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from socialkit.cli import build_parser, main
from socialkit.commands.completion import completion_script

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _complete_in_bash(script: Path, words: list[str], cwd: Path) -> list[str]:
    """COMPREPLY of our bash completion for the words typed so far (the last one being completed)."""
    quoted = " ".join(f"'{w}'" for w in words)
    program = (
        f"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; _shtab_socialkit; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(["bash", "-c", program], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return [line for line in run.stdout.splitlines() if line]


def subcommands() -> list[str]:
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    path = tmp_path_factory.mktemp("completion") / "socialkit.bash"
    path.write_text(completion_script("bash"))
    return path


def test_every_command_completes(bash_script):
    assert _complete_in_bash(bash_script, ["socialkit", ""], ROOT) == subcommands()
    assert _complete_in_bash(bash_script, ["socialkit", "ev"], ROOT) == ["evaluate"]


def test_options_and_choices_complete(bash_script):
    assert "--explain" in _complete_in_bash(bash_script, ["socialkit", "validate", "--"], ROOT)
    assert "--policy" in _complete_in_bash(bash_script, ["socialkit", "open", "--"], ROOT)
    assert _complete_in_bash(bash_script, ["socialkit", "validate", "--format", "s"], ROOT) == ["sarif"]


def test_ids_complete_from_the_strategy_of_the_project(bash_script):
    assert _complete_in_bash(bash_script, ["socialkit", "open", "--channel", "f"], ROOT) == ["facebook"]
    assert _complete_in_bash(bash_script, ["socialkit", "on-duty", "--team", "s"], ROOT) == ["security", "social"]
    assert _complete_in_bash(bash_script, ["socialkit", "evaluate", "--category", "p"], ROOT) == ["praise"]
    assert _complete_in_bash(bash_script, ["socialkit", "moderate", "--reason", "c"], ROOT) == ["complaint", "criticism"]


def test_ids_come_from_the_strategy_when_no_policy_is_built(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "strategy", tmp_path / "strategy")
    monkeypatch.chdir(tmp_path)
    assert main(["completion", "--ids", "channels"]) == 0
    assert capsys.readouterr().out.split() == ["facebook", "instagram", "linkedin", "tiktok", "x", "youtube"]
    assert main(["completion", "--ids", "reasons"]) == 0  # rules by reason, and the never_remove, hide, remove lists
    from_strategy = capsys.readouterr().out.split()
    assert {"spam", "threat", "criticism", "negative-review"} <= set(from_strategy)
    assert from_strategy == sorted(set(from_strategy))


def test_path_options_complete_files(bash_script, tmp_path):
    (tmp_path / "events.jsonl").write_text("")
    assert _complete_in_bash(bash_script, ["socialkit", "evaluate", "--events", "ev"], tmp_path) == ["events.jsonl"]


@pytest.mark.parametrize("shell", ["zsh", "tcsh", "fish"])
def test_other_shells_get_a_script_naming_every_command(shell, capsys):
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert all(name in script for name in subcommands())
    if shell == "zsh":
        assert "socialkit completion --ids channels" in script


def test_no_shell_is_a_usage_error(capsys):
    assert main(["completion"]) == 2
    assert "name a shell" in capsys.readouterr().err

"""Bash completion never evaluates data from policies/policy.json (issue 17, section 1), in a real bash."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from socialkit.commands.completion import completion_script

BIN = Path(sys.executable).parent
HOSTILE_IDS = [
    "$(touch${IFS}pwned-dollar)",
    "`touch pwned-backtick`",
    "x;touch pwned-semicolon",
    "f*",
    "f?cebook",
    "facebook\n",
    "${HOME}",
    "a b",
    "-x",
]


@pytest.fixture
def bash_script(tmp_path) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    path = tmp_path / "socialkit.bash"
    path.write_text(completion_script("bash"))
    return path


def _complete(script: Path, words: list[str], cwd: Path) -> list[str]:
    quoted = " ".join(f"'{w}'" for w in words)
    program = (
        f"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; _shtab_socialkit; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-c", program], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120)
    return [line for line in done.stdout.splitlines() if line]


def _project_with_policy(folder: Path, policy: object) -> Path:
    (folder / "policies").mkdir(parents=True)
    (folder / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\n')
    (folder / "policies" / "policy.json").write_text(json.dumps(policy) if not isinstance(policy, str) else policy)
    (folder / "f-file").write_text("")  # a glob like f* must not expand to it
    return folder


def test_hostile_ids_in_policy_json_are_never_evaluated_nor_offered(bash_script, tmp_path):
    channels = {cid: {} for cid in [*HOSTILE_IDS, "facebook", "fika"]}
    project = _project_with_policy(tmp_path / "p", {"format": "socialkit.policy/v1", "channels": channels})
    for prefix in ("", "f", "$", "`", "x"):
        offered = _complete(bash_script, ["socialkit", "open", "--channel", prefix], project)
        assert set(offered) <= {"facebook", "fika"}, offered
    assert _complete(bash_script, ["socialkit", "open", "--channel", "f"], project) == ["facebook", "fika"]
    assert not [p.name for p in project.iterdir() if p.name.startswith("pwned")]


@pytest.mark.parametrize(
    "policy",
    [
        {"format": "socialkit.policy/v1", "channels": ["$(touch${IFS}pwned-list)"]},
        {"format": "socialkit.policy/v1", "channels": "$(touch${IFS}pwned-text)"},
        {"format": "not-ours", "channels": {"$(touch${IFS}pwned-format)": {}}},
        [1, 2],
        "not json",
    ],
)
def test_malformed_policy_json_is_not_used(bash_script, tmp_path, policy):
    project = _project_with_policy(tmp_path / "p", policy)
    shutil.copytree(Path(__file__).resolve().parents[2] / "strategy", project / "strategy")
    assert _complete(bash_script, ["socialkit", "open", "--channel", "f"], project) == ["facebook"]  # from the strategy
    assert not [p.name for p in project.iterdir() if p.name.startswith("pwned")]


def test_fifo_as_policy_json_does_not_hang_completion(bash_script, tmp_path):
    project = _project_with_policy(tmp_path / "p", {})
    (project / "policies" / "policy.json").unlink()
    os.mkfifo(project / "policies" / "policy.json")
    assert _complete(bash_script, ["socialkit", "open", "--channel", "f"], project) == []

"""Shared fixtures for the playbook site tests: the example strategy, a hostile
strategy, and small project folders to run `mkdocs build` in."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from socialkit.strategy.model import Strategy
from socialkit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy"
AS_OF = date(2026, 12, 14)  # a Monday: Christmas and New Year fall inside the 90-day window
PAYLOAD = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(2)> **b** | `c` &amp; javascript:alert(3)"
# Keys that hold free text (Text or plain str) anywhere in the format.
FREE_TEXT_KEYS = {
    "name",
    "about",
    "statement",
    "description",
    "role",
    "purpose",
    "text",
    "guidance",
    "reason",
    "where",
    "handle",
    "unit",
    "actions",
    "keywords",
    "tools",
    "terms",
    "fields",
}
MODERATION_RULE_KEYS = {"reasons", "repeat_offenders", "approvals"}
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def example():
    result = validate_paths([STRATEGY])
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def strategy(example) -> Strategy:
    return example.strategy


def poison(data, key=None):
    """The strategy data with the payload added to every free-text value."""
    if key in MODERATION_RULE_KEYS:  # moderation rules hold choices (reasons, actions), not free text
        return data
    if isinstance(data, dict):
        if key in FREE_TEXT_KEYS and all(isinstance(v, str) for v in data.values()):
            return {lang: f"{text} {PAYLOAD}" for lang, text in data.items()}
        return {k: poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, key) for v in data]
    if isinstance(data, str) and key in FREE_TEXT_KEYS:
        return f"{data} {PAYLOAD}"
    return data


@pytest.fixture(scope="session")
def hostile_data(example) -> dict:
    """The example's plain data with the payload in every free-text value."""
    return poison(copy.deepcopy(example.source.data))


@pytest.fixture(scope="session")
def hostile(hostile_data) -> Strategy:
    return Strategy.model_validate(hostile_data)


def write_strategy(data: dict, folder: Path) -> None:
    """Replace a strategy folder with one file holding `data` (JSON is YAML)."""
    shutil.rmtree(folder)
    folder.mkdir()
    (folder / "strategy.yaml").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def make_project(where: Path, *, strategy_dir: Path = STRATEGY, as_of: date = AS_OF, downloads: bool = True) -> Path:
    """A small project: pyproject.toml with [tool.socialkit], the strategy, docs/guide, schemas and policies."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "pyproject.toml").write_text(f'[tool.socialkit]\nstrategy = "strategy"\nas_of = "{as_of.isoformat()}"\n')
    shutil.copytree(strategy_dir, where / "strategy")
    (where / "docs" / "guide").mkdir(parents=True)
    (where / "docs" / "guide" / "playbook.md").write_text("---\nlang: en\n---\n\n# The playbook\n\nHand-written guide page.\n")
    if downloads:
        shutil.copytree(ROOT / "schemas", where / "schemas")
        (where / "policies" / "ics").mkdir(parents=True)
        (where / "policies" / "policy.json").write_text('{"format": "socialkit.policy/1"}\n')
        (where / "policies" / "ics" / "office-hours.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    return where


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`, as a separate process (what CI and users run)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

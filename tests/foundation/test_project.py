"""Every entry point goes through the project service, so they agree on rules, severities and as_of.

Before the service, `validate` read [tool.socialkit.rules] and the other commands did not: an
ignored rule stopped `export`, a raised severity let `build` write outputs. Each test here puts one
[tool.socialkit] in a real project and runs validate, build, export, evaluate, test and the MkDocs
plugin (a real `mkdocs build`) under it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.project import CompileCache, Project, StrategyHasErrors, resolve_as_of

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 23)
# A person in no team: SK104 (a warning by default) fires for exactly this.
NEWCOMER = "  - id: kim\n    name: Kim Ek\n    email: kim.ek@solvik-energi.example\n    languages: [sv]\n"
RECEIVED = "2026-11-24T10:00:00+01:00"
# TikTok without a redirect: SK401, an error by default.
TIKTOK_REDIRECT = """    redirect:
      text:
        sv: Vi svarar inte på kundfrågor här. Skriv till oss på Facebook.
        en: We do not answer customer questions here. Message us on Facebook.
      channel: facebook
    # Whoever has the account this period looks in two or three times a week; no fixed times.
    checks: {at_least: 2, at_most: 3, per: week}
    disclosures: [redirect]
"""


def project_with(tmp_path: Path, rules: str = "", *, as_of: date | None = AS_OF, newcomer: bool = True, no_redirect: bool = False) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "strategy", root / "strategy")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    if no_redirect:
        channels = root / "strategy" / "channels.yaml"
        text = channels.read_text(encoding="utf-8")
        assert text.count(TIKTOK_REDIRECT) == 1
        channels.write_text(text.replace(TIKTOK_REDIRECT, "    checks: {at_least: 2, at_most: 3, per: week}\n"), encoding="utf-8")
    if newcomer:
        people = root / "strategy" / "people.yaml"
        people.write_text(people.read_text(encoding="utf-8").replace("people:\n", "people:\n" + NEWCOMER, 1), encoding="utf-8")
    pinned = f'as_of = "{as_of.isoformat()}"\n' if as_of else ""
    (root / "pyproject.toml").write_text(f'[tool.socialkit]\nstrategy = "strategy"\n{pinned}{rules}', encoding="utf-8")
    return root


def commands(root: Path) -> dict[str, list[str]]:
    return {
        "build": ["build"],
        "export": ["export", "availability"],
        "evaluate": ["evaluate", "--channel", "facebook", "--category", "complaint", "--received", RECEIVED],
        "open": ["open", "--channel", "facebook", "--at", RECEIVED],
        "test": ["test"],
    }


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    from socialkit.render import render_mkdocs_yml
    from socialkit.validate import validate_paths

    strategy = validate_paths([ROOT / "strategy"]).strategy
    (root / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=root, capture_output=True, text=True, env=env)


def test_a_raised_severity_stops_every_command(tmp_path, monkeypatch, capsys):
    root = project_with(tmp_path, '[tool.socialkit.rules]\nseverity = { SK104 = "error" }\n')
    monkeypatch.chdir(root)
    assert main(["validate"]) == 1
    assert "SK104" in capsys.readouterr().out
    for name, argv in commands(root).items():
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        assert "SK104" in err and "the strategy has errors" in err, name
    assert not (root / "policies").exists(), "build must write nothing for a strategy with errors"
    done = mkdocs_build(root)
    assert done.returncode != 0 and "SK104" in done.stderr


def test_an_ignored_rule_is_ignored_by_every_command(tmp_path, monkeypatch, capsys):
    rules = '[tool.socialkit.rules]\nseverity = { SK104 = "error" }\nignore = ["SK104", "SK401", "SK402"]\n'
    root = project_with(tmp_path, rules, no_redirect=True)
    monkeypatch.chdir(root)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip() == "no problems found"
    for name, argv in commands(root).items():
        assert main(argv) == 0, (name, capsys.readouterr().err)
    capsys.readouterr()
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr


def test_a_pinned_as_of_is_the_date_of_every_output(tmp_path, monkeypatch, capsys):
    root = project_with(tmp_path, as_of=date(2026, 6, 1), newcomer=False)
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    built = json.loads((root / "policies" / "policy.json").read_text(encoding="utf-8"))
    assert built["provenance"]["as_of"] == "2026-06-01"
    assert Project.open(cwd=root).document()["provenance"] == built["provenance"]
    # The day before the pinned date lies outside every compiled horizon: both sources say so alike.
    before = ["--channel", "facebook", "--category", "complaint", "--received", "2026-05-30T10:00:00+02:00"]
    capsys.readouterr()
    assert main(["evaluate", *before]) == 2
    from_strategy = capsys.readouterr().err
    assert main(["evaluate", "--policy", "policies/policy.json", *before]) == 2
    assert capsys.readouterr().err == from_strategy
    assert "outside the compiled horizon" in from_strategy or "beyond" in from_strategy
    # A flag wins over the setting, for every command alike.
    assert main(["build", "--as-of", "2026-11-23"]) == 0
    assert json.loads((root / "policies" / "policy.json").read_text())["provenance"]["as_of"] == "2026-11-23"


def test_resolve_as_of_order():
    class S:
        as_of = None

    pinned = type("P", (), {"as_of": date(2026, 1, 5)})()
    assert resolve_as_of(date(2027, 1, 1), pinned, date(2025, 1, 1)) == date(2027, 1, 1)
    assert resolve_as_of(None, pinned, date(2025, 1, 1)) == date(2026, 1, 5)
    assert resolve_as_of(None, S(), date(2025, 1, 1)) == date(2025, 1, 1)
    assert resolve_as_of(None, S()) == date.today()


def test_checked_raises_with_the_errors(tmp_path):
    root = project_with(tmp_path, '[tool.socialkit.rules]\nseverity = { SK104 = "error" }\n')
    with pytest.raises(StrategyHasErrors) as raised:
        Project.open(cwd=root).checked("build")
    assert [p.code for p in raised.value.problems] == ["SK104"]
    assert raised.value.exit_code == 2


# --- the compile cache -----------------------------------------------------------------------


def test_cache_hit_gives_the_same_answers_and_a_change_misses(tmp_path, monkeypatch, capsys):
    root = project_with(tmp_path, newcomer=False)
    cache = tmp_path / "cache"
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOCIALKIT_CACHE_DIR", str(cache))
    argv = ["evaluate", "--channel", "facebook", "--category", "complaint", "--received", RECEIVED, "--format", "json"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert len(list(cache.glob("*.json"))) == 1
    assert main(argv) == 0
    assert capsys.readouterr().out == first
    assert len(list(cache.glob("*.json"))) == 1, "an unchanged strategy must reuse its entry"
    # The same strategy under another rule configuration is another entry: validity may differ.
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + '[tool.socialkit.rules]\nignore = ["SK205"]\n', encoding="utf-8"
    )
    assert main(argv) == 0
    capsys.readouterr()
    assert len(list(cache.glob("*.json"))) == 2
    # An edit that breaks the strategy is never answered from the cache.
    channels = root / "strategy" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("schedule: office-hours", "schedule: nowhere", 1), encoding="utf-8")
    assert main(argv) == 2
    assert "SK101" in capsys.readouterr().err


def test_a_corrupt_cache_entry_is_compiled_again(tmp_path, monkeypatch, capsys):
    root = project_with(tmp_path, newcomer=False)
    cache = tmp_path / "cache"
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOCIALKIT_CACHE_DIR", str(cache))
    argv = ["open", "--channel", "facebook", "--at", RECEIVED]
    assert main(argv) == 0
    first = capsys.readouterr().out
    (entry,) = cache.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert main(argv) == 0
    assert capsys.readouterr().out == first


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    root = project_with(tmp_path, newcomer=False)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOCIALKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOCIALKIT_CACHE", "false")
    assert main(["open", "--channel", "facebook", "--at", RECEIVED]) == 0
    assert not (tmp_path / "cache").exists()
    assert CompileCache.for_settings(Project.open(cwd=root).settings) is None

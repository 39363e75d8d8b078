"""`socialkit init`, then the day-to-day loop on a real git repository: edit -> commit -> diff -> test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import ROOT, git, replace_once, socialkit

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_new_repository_validates_tests_builds_and_is_formatted(lang, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "strategi"
    assert socialkit(tmp_path, monkeypatch, capsys, "init", str(folder), "--lang", lang)[0] == 0
    for name in (
        "strategy/strategy.yaml",
        "strategy/tests/starter.yaml",
        "pyproject.toml",
        "requirements.txt",
        ".pre-commit-config.yaml",
        ".github/workflows/socialkit.yml",
        ".gitignore",
        "README.md",
        "mkdocs.yml",
        "schemas/strategy.schema.json",
        "schemas/tests.schema.json",
        "policies/policy.json",
    ):
        assert (folder / name).is_file(), name
    strategy = (folder / "strategy/strategy.yaml").read_text(encoding="utf-8")
    assert strategy.startswith("# yaml-language-server: $schema=../schemas/strategy.schema.json\n")
    assert strategy.count("\n#") + strategy.count("  # ") >= 10  # a commented starter, not a bare file
    assert socialkit(folder, monkeypatch, capsys, "validate")[1] == "no problems found\n"
    code, out, _ = socialkit(folder, monkeypatch, capsys, "test")
    assert (code, out.strip().splitlines()[-1]) == (0, "2 passed")
    assert socialkit(folder, monkeypatch, capsys, "build", "--check")[0] == 0
    assert socialkit(folder, monkeypatch, capsys, "fmt", "--check")[0] == 0
    language = YAML(typ="safe").load(strategy)["organization"]["languages"]
    assert language == [lang]
    assert "[tool.socialkit]" in (folder / "pyproject.toml").read_text(encoding="utf-8")


def test_an_awkward_organisation_name_survives_into_yaml_and_markdown(tmp_path, monkeypatch, capsys):
    name = 'Smith & "Sons": #1 <AB>'
    folder = tmp_path / "x"
    assert socialkit(tmp_path, monkeypatch, capsys, "init", str(folder), "--name", name)[0] == 0
    data = YAML(typ="safe").load((folder / "strategy/strategy.yaml").read_text(encoding="utf-8"))
    assert data["organization"]["name"] == name
    assert socialkit(folder, monkeypatch, capsys, "validate")[0] == 0


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "README.md").write_text("ours\n")
    (folder / "docs").mkdir()
    code, _, err = socialkit(tmp_path, monkeypatch, capsys, "init", str(folder))
    assert code == 1
    assert "already has README.md, docs; nothing written" in err
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "docs"]
    assert (folder / "README.md").read_text() == "ours\n"


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--timezone", "Europe/Stokholm", "'Europe/Stokholm' is not an IANA time zone"),
        ("--country", "XX", "no public-holiday calendar for country 'XX'"),
    ],
)
def test_bad_choices_are_one_line_errors_before_anything_is_written(flag, value, message, tmp_path, monkeypatch, capsys):
    code, _, err = socialkit(tmp_path, monkeypatch, capsys, "init", str(tmp_path / "new"), flag, value)
    assert code == 2 and message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "new").exists()


def test_edit_commit_diff_test_loop(new_repo, monkeypatch, capsys):
    """A pull request in miniature: tighten the complaint target, add an expectation, review the diff."""
    strategy = new_repo / "strategy/strategy.yaml"
    replace_once(strategy, "complaint: {acknowledge: 1h, respond: 4h}", "complaint: {acknowledge: 1h, respond: 2h}")
    starter = (new_repo / "strategy/tests/starter.yaml").read_text(encoding="utf-8")
    received = starter.split('received: "')[1].split('"')[0]  # a weekday 10:00 when facebook is open
    (new_repo / "strategy/tests/complaints.yaml").write_text(
        "timezone: Europe/Stockholm\n"
        "tests:\n"
        "  - name: A complaint in the morning is answered before lunch\n"
        "    message:\n"
        "      channel: facebook\n"
        "      category: complaint\n"
        f'      received: "{received}"\n'
        "    expect:\n"
        f'      respond_by: "{received[:11]}12:00"\n',
        encoding="utf-8",
    )
    code, out, _ = socialkit(new_repo, monkeypatch, capsys, "test")
    assert (code, out.strip().splitlines()[-1]) == (0, "3 passed")
    assert socialkit(new_repo, monkeypatch, capsys, "build")[0] == 0
    git(new_repo, "add", ".")
    git(new_repo, "commit", "-qm", "Answer complaints within two hours")
    code, out, _ = socialkit(new_repo, monkeypatch, capsys, "diff", "HEAD~1", "HEAD")
    assert code == 0
    assert "Complaint respond target 4 h -> 2 h" in out
    assert socialkit(new_repo, monkeypatch, capsys, "build", "--check")[0] == 0
    # and the expectation catches a later regression
    replace_once(strategy, "respond: 2h}", "respond: 4h}")
    code, out, _ = socialkit(new_repo, monkeypatch, capsys, "test")
    assert code == 1 and "complaints.yaml:" in out and "respond_by" in out


def test_the_github_workflow_is_a_valid_workflow_reporting_on_pull_request_lines(new_repo):
    workflow = new_repo / ".github/workflows/socialkit.yml"
    check = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    parsed = YAML(typ="safe").load(workflow.read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in parsed["jobs"]["check"]["steps"]]
    assert "socialkit validate --format github" in commands
    assert "socialkit test" in commands and "socialkit build --check" in commands
    assert any(c.startswith("socialkit diff") and "--format markdown" in c for c in commands)


def test_the_workflow_rebuilds_from_today_every_week_and_proposes_the_change(new_repo):
    parsed = YAML(typ="safe").load((new_repo / ".github/workflows/socialkit.yml").read_text(encoding="utf-8"))
    (schedule,) = parsed["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "1")  # weekly, on Mondays
    refresh = parsed["jobs"]["refresh"]
    assert "schedule" in refresh["if"] and "schedule" not in parsed["jobs"]["check"]["if"]
    steps = refresh["steps"]
    assert 'socialkit build --as-of "$(date -u +%F)"' in [step.get("run") for step in steps]
    (proposal,) = [step for step in steps if step.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert steps.index(proposal) == len(steps) - 1 and proposal["with"]["branch"] == "socialkit/refresh"
    assert refresh["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_pre_commit_accepts_the_config_and_our_hooks_manifest(new_repo):
    pre_commit = str(BIN / "pre-commit")
    for command, path in (
        ("validate-config", new_repo / ".pre-commit-config.yaml"),
        ("validate-manifest", ROOT / ".pre-commit-hooks.yaml"),
    ):
        run = subprocess.run([pre_commit, command, str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    hooks = YAML(typ="safe").load((new_repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    offered = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {h["id"] for h in offered} == {"socialkit-validate", "socialkit-fmt", "socialkit-build-check"}


@pytest.fixture(autouse=True)
def _git_available():
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


TRANSLATED_VALUES = ("name", "commit-message", "title", "body")


def _structure(value, key=None):
    """The data of a YAML/TOML template with the texts meant for people (step names, PR texts) blanked."""
    if isinstance(value, dict):
        return {k: _structure(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_structure(v) for v in value]
    return "<text>" if key in TRANSLATED_VALUES else value


@pytest.mark.parametrize("name", ["workflow.yml", "pre-commit-config.yaml", "pyproject.toml", "requirements.txt", "gitignore"])
def test_the_swedish_starter_files_say_the_same_in_swedish(name):
    """`init --lang sv` writes Swedish comments and step names; the files must do exactly what the English ones do."""
    import tomllib

    import yaml

    from socialkit.scaffold import Starter, in_language, render
    from socialkit.scaffold import _template as template
    from socialkit.scaffold import _values as values

    sv_name = in_language(name, "sv")
    assert sv_name != name, f"no Swedish variant of {name}"
    starter = Starter("sv", "Kommunen", "Europe/Stockholm", "SE", date(2026, 11, 23))
    english, swedish = (render(template(n), values(starter)) for n in (name, sv_name))

    def code(text):  # every line without its comment: what the tools read
        return [line.split(" #")[0].rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]

    if name.endswith((".yml", ".yaml")):
        assert _structure(yaml.safe_load(swedish)) == _structure(yaml.safe_load(english))
    elif name.endswith(".toml"):
        assert tomllib.loads(swedish) == tomllib.loads(english)
    else:
        assert code(swedish) == code(english)
    comments = [line for line in swedish.splitlines() if line.lstrip().startswith("#") and len(line) > 30]
    english_words = {"the", "and", "every", "when", "from", "with"}
    assert comments and not [c for c in comments if english_words & set(c.lower().replace(",", " ").split())], comments

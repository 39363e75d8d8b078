"""`socialkit build` end to end: deterministic, checked, schema-valid output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from socialkit.cli import main
from socialkit.commands.schema import schema_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "strategy", tmp_path / "strategy")
    (tmp_path / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\nas_of = 2026-11-23\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(project):
    assert main(["build"]) == 0
    first = snapshot(project / "policies")
    shutil.rmtree(project / "policies")
    assert main(["build"]) == 0
    assert snapshot(project / "policies") == first
    assert "policy.json" in first


def test_check_is_clean_after_build_and_catches_a_one_character_edit(project, capsys):
    assert main(["build"]) == 0
    assert main(["build", "--check"]) == 0
    channels = project / "strategy" / "messages.yaml"
    channels.write_text(channels.read_text().replace("respond: 8h", "respond: 9h"))
    capsys.readouterr()
    assert main(["build", "--check"]) == 1
    assert "policies/policy.json: out of date" in capsys.readouterr().out


def test_check_uses_the_committed_as_of_when_none_is_given(project, capsys):
    (project / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "strategy"\n')
    assert main(["build", "--as-of", "2026-11-23"]) == 0
    assert main(["build", "--check"]) == 0


def test_build_refuses_an_invalid_strategy_and_writes_nothing(project, capsys):
    (project / "strategy" / "broken.yaml").write_text("channels:\n  - id: Bad Id\n")
    assert main(["build"]) == 2
    assert "SK018" in capsys.readouterr().err
    assert not (project / "policies").exists()


def test_policy_has_provenance_and_validates_against_its_schema(project):
    assert main(["build"]) == 0
    document = json.loads((project / "policies" / "policy.json").read_text())
    assert document["format"] == "socialkit.policy/v1"
    assert document["provenance"]["as_of"] == "2026-11-23"
    assert len(document["provenance"]["strategy_sha256"]) == 64
    schema = json.loads(schema_texts()["policy.schema.json"])
    jsonschema.Draft202012Validator(schema).validate(document)


def test_committed_policy_validates_with_an_independent_validator():
    checker = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run(
        [str(checker), "--schemafile", str(ROOT / "schemas" / "policy.schema.json"), str(ROOT / "policies" / "policy.json")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_committed_schemas_match_the_models():
    for name, text in schema_texts().items():
        assert (ROOT / "schemas" / name).read_text() == text, f"{name} drifted; run 'socialkit schema --write'"


def test_committed_generated_files_are_fresh(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["build", "--check"]) == 0, capsys.readouterr().out


def test_policy_holds_no_contact_details(project):
    assert main(["build"]) == 0
    text = (project / "policies" / "policy.json").read_text()
    assert "@solvik-energi.example" not in text and "+46" not in text

"""schema.py and schemas/strategy.schema.json: no drift, documented, and agrees with the validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from socialkit.cli import main
from socialkit.strategy.load import parse_document
from socialkit.strategy.schema import render_schema, strategy_schema

from .corpus import REPO, load_corpus

SCHEMA_FILE = REPO / "schemas" / "strategy.schema.json"
EXAMPLES = sorted((REPO / "strategy").glob("*.yaml"))
REJECTS = [case for case in load_corpus() if case.schema_reject]
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_matches_the_model():
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == render_schema(strategy_schema()), (
        "schemas/strategy.schema.json is out of date with the model; run 'socialkit schema --write'"
    )


def test_schema_check_command_agrees(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["schema", "--check"]) == 0


def test_render_is_deterministic():
    assert render_schema(strategy_schema()) == render_schema(strategy_schema())
    assert render_schema({"b": 1, "a": "å"}) == '{\n  "a": "å",\n  "b": 1\n}\n'


def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/strategy.schema.json")


def test_top_level_keys_are_optional_for_partial_files(schema):
    """A strategy may be split over files, so the schema requires nothing at the top."""
    assert "required" not in schema
    assert schema["additionalProperties"] is False
    assert {"version", "organization", "channels", "escalation"} <= set(schema["properties"])


NOT_SCHEMAS = {"examples", "default", "const", "enum", "properties", "$defs"}


def _properties(node, where="$"):
    """Every (place, property schema) under any 'properties', in $defs and nested inline."""
    if isinstance(node, list):
        for item in node:
            yield from _properties(item, where)
    elif isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}.{name}", sub
            yield from _properties(sub, f"{where}.{name}")
        for name, sub in node.get("$defs", {}).items():
            yield from _properties(sub, f"$defs.{name}")
        for key, value in node.items():
            if key not in NOT_SCHEMAS:
                yield from _properties(value, where)


def test_property_walk_finds_nested_and_defined_properties():
    found = dict(
        _properties(
            {
                "properties": {"a": {"anyOf": [{"type": "object", "properties": {"b": {}}}]}},
                "$defs": {"D": {"properties": {"c": {"items": {"properties": {"d": {}}}}}}},
            }
        )
    )
    assert set(found) == {"$.a", "$.a.b", "$defs.D.c", "$defs.D.c.d"}


def test_every_property_has_a_description_and_examples(schema):
    lacking = sorted(
        f"{where}: no {' or '.join(k for k in ('description', 'examples') if k not in sub)}"
        for where, sub in _properties(schema)
        if "description" not in sub or "examples" not in sub
    )
    assert not lacking, f"{len(lacking)} properties lack documentation editors show:\n" + "\n".join(lacking)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_file_is_valid_against_the_schema(schema, path):
    document, problems = parse_document(path.read_bytes(), path.name)
    assert problems == []
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document.data)]
    assert errors == []


def _check_jsonschema(files: list[Path]) -> tuple[int, dict]:
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--output-format", "json", "--schemafile", str(SCHEMA_FILE), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, json.loads(done.stdout)


def test_check_jsonschema_accepts_every_example_file():
    code, report = _check_jsonschema(EXAMPLES)
    assert (code, report["status"]) == (0, "ok"), report


@pytest.fixture(scope="module")
def rejected() -> dict[str, dict]:
    """One check-jsonschema run over every 'schema: reject' file: file name -> its errors."""
    files = [case.path for case in REJECTS]
    code, report = _check_jsonschema(files)
    assert code != 0 or not files
    found: dict[str, dict] = {case.name: {"errors": [], "parse_errors": []} for case in REJECTS}
    for kind in ("errors", "parse_errors"):
        for error in report.get(kind, []):
            found[Path(error["filename"]).name][kind].append(error)
    return found


def test_there_are_schema_level_cases():
    assert len(REJECTS) >= 15
    assert all(not case.is_folder for case in REJECTS)


def _reject_param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case.schema_xfail)] if case.schema_xfail else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_reject_param(c) for c in REJECTS])
def test_check_jsonschema_rejects_schema_level_errors(rejected, case):
    result = rejected[case.name]
    assert result["parse_errors"] == [], "the file must parse: a schema-level case is valid YAML"
    assert result["errors"], f"check-jsonschema accepts {case.name}, which socialkit rejects with {case.expected[0].code}"

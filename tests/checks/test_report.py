"""Reporters: text, github, SARIF 2.1.0 (validated against the OASIS schema) and JUnit."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from socialkit import problems as P
from socialkit.problems import Problem, Severity
from socialkit.report import REPORTERS, sarif_log

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

PROBLEMS = [
    Problem(
        "SK205",
        Severity.WARNING,
        "nobody on duty: mon-fri 17:00-20:00, 50% of the time",
        "strategy/channels.yaml",
        45,
        11,
        "$.channels[2].team",
    ),
    Problem(
        "SK103",
        Severity.ERROR,
        "channel 'a,b' has no sla\nsecond line",
        "strategy/my channels.yaml",
        5,
        23,
        "$.channels[0].customer_service",
    ),
    Problem("SK410", Severity.INFO, "posting rate", "/abs/path/strategy.yaml", None, None, "$"),
    Problem("SK007", Severity.ERROR, "no .yaml files in empty/", None),
]


def render(name: str, problems=PROBLEMS) -> str:
    stream = io.StringIO()
    REPORTERS[name](list(problems), stream)
    return stream.getvalue()


def test_every_format_is_registered():
    assert {"text", "json", "github", "sarif", "junit"} <= set(REPORTERS)


# --- text -------------------------------------------------------------------------------------


def test_text_is_one_line_per_problem_without_colour(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    lines = render("text").splitlines()
    assert lines[0] == "strategy/channels.yaml:45:11: SK205 warning nobody on duty: mon-fri 17:00-20:00, 50% of the time"
    assert lines[-1] == "2 errors, 1 warning"
    assert "\033[" not in render("text")


def test_text_is_coloured_on_request(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[33mwarning\033[0m" in render("text")


# --- github ------------------------------------------------------------------------------------


def test_github_annotations_line_by_line():
    assert render("github").splitlines() == [
        "::warning file=strategy/channels.yaml,line=45,col=11,title=SK205::nobody on duty: mon-fri 17:00-20:00, 50%25 of the time",
        "::error file=strategy/my channels.yaml,line=5,col=23,title=SK103::channel 'a,b' has no sla%0Asecond line",
        "::notice file=/abs/path/strategy.yaml,title=SK410::posting rate",
        "::error title=SK007::no .yaml files in empty/",
    ]


# --- SARIF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_the_shipped_schema_is_sarif_2_1_0():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_sarif_validates_against_the_schema(validator):
    log = json.loads(render("sarif"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_sarif_validates_for_the_example_strategy(validator, monkeypatch):
    from socialkit.validate import validate_paths

    root = Path(__file__).parents[2]
    monkeypatch.chdir(root)
    result = validate_paths([root / "strategy"])
    log = sarif_log(result.problems)
    assert list(validator.iter_errors(log)) == []
    assert len(log["runs"][0]["results"]) == len(result.problems)


def test_sarif_results_point_at_rules_and_places():
    log = json.loads(render("sarif"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [entry.code for entry in P.CODES]
    first, second, third, fourth = run["results"]
    assert rules[first["ruleIndex"]]["id"] == "SK205"
    assert first["level"] == "warning" and third["level"] == "note" and second["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "strategy/channels.yaml"}, "region": {"startLine": 45, "startColumn": 11}}
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "strategy/my%20channels.yaml"
    assert third["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///abs/path/strategy.yaml"
    assert "locations" not in fourth


def test_sarif_rule_metadata_carries_the_documentation():
    rules = {r["id"]: r for r in sarif_log([])["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["SK205"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["SK205"]["help"]["markdown"].startswith("# SK205 rota-gap")
    assert rules["SK410"]["defaultConfiguration"] == {"level": "note"}


# --- JUnit ----------------------------------------------------------------------------------------


def test_junit_has_one_case_per_code_and_fails_on_errors():
    root = ET.fromstring(render("junit"))
    suite = root.find("testsuite")
    cases = {case.get("name").split()[0]: case for case in suite.findall("testcase")}
    assert list(cases) == [entry.code for entry in P.CODES]
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "2"
    failure = cases["SK103"].find("failure")
    assert failure.get("type") == "SK103"
    assert failure.text == "strategy/my channels.yaml:5:23: channel 'a,b' has no sla\nsecond line"
    assert cases["SK205"].find("failure") is None
    assert cases["SK205"].find("system-out").text.startswith("strategy/channels.yaml:45:11: warning: nobody on duty")
    assert cases["SK301"].find("failure") is None and cases["SK301"].find("system-out") is None


def test_junit_starts_with_an_xml_declaration():
    assert render("junit", []).startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="socialkit" tests=')

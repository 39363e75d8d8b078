"""Reading test files: located one-line problems, local times, the schema and the starter file."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from socialkit.cli import main
from socialkit.policytest import load_text, rota_gaps, run_cases, spec, starter_expectations
from socialkit.runtime.policy import parse_instant
from socialkit.strategy.schema import render_schema

from .conftest import ROOT, SUITE

BROKEN = """\
tests:
  - name: Facebook on Christmas Eve
    channel: facebok
    at: "2026-12-24T10:00:00+01:00"
    expect:
      opne: false
  - name: A complaint
    message:
      channel: facebook
      category: complaint
      received: "2026-12-24 10:00"
    expect:
      respond_within: 4 hours
      escalation: treat
  - name: Duty
    team: social
    at: "2026-12-24T10:00:00+01:00"
    expect:
      on_duty: [eric]
  - name: Fine
    channel: facebook
    at: "2026-12-24T10:00:00+01:00"
    expect:
      open: no
"""


def messages(problems) -> list[str]:
    return [f"{p.file}:{p.line}:{p.column}: {p.code} {p.message}" for p in problems]


def test_every_problem_is_one_located_line_with_a_fix(document):
    cases, problems = load_text(BROKEN, "t.yaml", document)
    assert messages(problems) == [
        "t.yaml:6:7: SK010 unknown key 'opne' in 'expect'; did you mean 'open'? (allowed: open, closes_at, next_opening)",
        "t.yaml:11:17: SK017 '2026-12-24 10:00' has no UTC offset; write e.g. '2026-12-24T16:55:00+01:00', "
        "or set 'timezone:' at the top of the file",
        "t.yaml:13:23: SK016 '4 hours' is not a duration: write e.g. '30m', '4h', '1h30m', '2d', '1w' or 'PT4H'",
        "t.yaml:14:19: SK101 unknown escalation rule 'treat'; did you mean 'threat'?",
        "t.yaml:19:17: SK101 unknown person 'eric'; did you mean 'erik'?",
        "t.yaml:24:13: SK013 'open' must be true or false, got 'no'",
    ]
    assert cases == []


def test_unknown_channel_is_reported_once_the_shape_is_right(document):
    text = BROKEN.replace("opne", "open")
    cases, problems = load_text(text, "t.yaml", document)
    assert messages(problems)[0] == "t.yaml:3:14: SK101 unknown channel 'facebok'; did you mean 'facebook'?"


def test_valid_cases_still_load_next_to_broken_ones(document):
    text = BROKEN.replace("open: no", "open: false")
    cases, problems = load_text(text, "t.yaml", document)
    assert [c.name for c in cases] == ["Fine"]
    assert len(problems) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tests:\n  - name: x\n   at: 1\n", "t.yaml:3:4: SK001 invalid YAML: "),
        ("- one\n- two\n", "t.yaml:1:1: SK006 a test file must start with 'tests:' followed by a list of tests"),
        ("", "t.yaml:1:1: SK011 missing required key 'tests' (a list of tests, each with a 'name')"),
        (
            "tezt: 1\ntests:\n  - name: x\n    channel: facebook\n    at: '2026-12-24T10:00:00+01:00'\n    expect: {open: false}\n",
            "t.yaml:1:1: SK010 unknown key 'tezt' at the top level; did you mean 'tests'?",
        ),
        (
            "tests:\n  - expect: {open: true}\n",
            "t.yaml:2:5: SK011 a test needs 'message' (a message to decide), 'channel' (opening hours), 'team' (who is on duty), "
            "'publish' (may we publish), 'moderate' (a moderation question), 'records' (a records duty) "
            "or 'account' (account governance)",
        ),
        (
            "tests:\n  - name: x\n    channel: x\n    team: social\n    at: '2026-12-24T10:00:00+01:00'\n    expect: {open: true}\n",
            "t.yaml:4:5: SK023 a test is about one thing: use 'channel' or 'team', not both",
        ),
        (
            "tests:\n  - name: x\n    channel: x\n    at: '2026-12-24T10:00:00+01:00'\n    expect: {}\n",
            "t.yaml:5:13: SK011 'expect' has nothing to check",
        ),
        (
            "tests:\n  - name: x\n    team: social\n    from: '2026-12-24T10:00:00+01:00'\n    until: '2026-12-23T10:00:00+01:00'\n"
            "    expect: {always_on_duty: true}\n",
            "t.yaml:5:12: SK023 'until' must be later than 'from'",
        ),
        (
            "tests:\n  - name: x\n    channel: x\n    at: '2026-12-24'\n    expect: {open: true}\n",
            "t.yaml:4:9: SK017 '2026-12-24' is a date without a time of day",
        ),
        (
            "tests:\n  - name: x\n    channel: x\n    at: '2026-12-24T10:00:00+01:00'\n    expect: open\n",
            "t.yaml:5:13: SK013 'expect' must be a mapping of keys and values (indented below it), got 'open'",
        ),
        (
            "tests:\n  - name: x\n    message: {channel: x, category: praise, received: '2026-12-24T10:00:00+01:00'}\n"
            "    expect: {priority: hihg}\n",
            "t.yaml:4:24: SK012 'hihg' is not allowed for 'priority'; choose one of 'low', 'normal', 'high', 'urgent' or 'none'; "
            "did you mean 'high'?",
        ),
        (
            "tests:\n  - name: x\n    message: {channel: x, category: praise, kind: dm, received: '2026-12-24T10:00:00+01:00'}\n"
            "    expect: {open: true}\n",
            "t.yaml:3:51: SK012 'dm' is not allowed for 'kind'",
        ),
        (
            "tests:\n  - name: x\n    channel: x\n    at: 'Christmas Eve'\n    expect: {open: true}\n",
            "t.yaml:4:9: SK017 'Christmas Eve' is not a time; write it as RFC 3339 with an offset",
        ),
    ],
)
def test_malformed_files_give_one_located_line(document, text, expected):
    _, problems = load_text(text, "t.yaml", document)
    assert len(problems) == 1
    assert messages(problems)[0].startswith(expected)
    assert "\n" not in messages(problems)[0]


def test_local_times_need_the_file_zone_and_must_exist_exactly_once(document):
    head = "timezone: Europe/Stockholm\ntests:\n"
    case = '  - name: {name}\n    channel: x\n    at: "{at}"\n    expect: {{open: true}}\n'
    text = head + "".join(
        case.format(name=n, at=a) for n, a in [("back", "2027-10-31T02:30"), ("forward", "2027-03-28 02:30"), ("fine", "2027-10-31 01:30")]
    )
    cases, problems = load_text(text, "t.yaml", document)
    assert messages(problems) == [
        "t.yaml:5:9: SK017 '2027-10-31T02:30' happens twice in Europe/Stockholm (clocks go back then); "
        "add the offset: 2027-10-31T02:30:00+02:00 or 2027-10-31T02:30:00+01:00",
        "t.yaml:9:9: SK017 '2027-03-28 02:30' does not exist in Europe/Stockholm (clocks go forward then); pick another time",
    ]
    assert [c.subject["at"] for c in cases] == [parse_instant("2027-10-31T01:30:00+02:00")]


def test_malformed_file_on_the_command_line_exits_1_and_still_runs_the_rest(tmp_path, capsys, policy_file):
    (tmp_path / "a.yaml").write_text(BROKEN, encoding="utf-8")
    code = main(["test", "--policy", policy_file, str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert (
        out[0]
        == f"{tmp_path / 'a.yaml'}:6:7: SK010 error unknown key 'opne' in 'expect'; did you mean 'open'? (allowed: open, closes_at, next_opening)"
    )
    assert out[-1] == "0 passed, 6 problems in test files"


# --- schema ------------------------------------------------------------------------------


def test_published_schema_matches_the_model_and_accepts_the_shipped_suite():
    committed = (ROOT / "schemas" / "tests.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(spec.tests_schema()), "run 'socialkit schema --write'"
    schema = json.loads(committed)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == spec.SCHEMA_ID
    validator = Draft202012Validator(schema)
    for path in sorted(SUITE.glob("*.yaml")):
        data = json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path.name


def test_schema_rejects_an_unknown_expectation_and_a_time_without_a_time_of_day():
    validator = Draft202012Validator(spec.tests_schema())
    bad_key = {"tests": [{"name": "x", "channel": "facebook", "at": "2026-12-24T10:00:00+01:00", "expect": {"opne": False}}]}
    bad_time = {"tests": [{"name": "x", "channel": "facebook", "at": "2026-12-24", "expect": {"open": False}}]}
    assert list(validator.iter_errors(bad_key))
    assert list(validator.iter_errors(bad_time))


def test_schema_command_prints_the_tests_schema(capsys):
    assert main(["schema", "--kind", "tests"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == spec.SCHEMA_ID


# --- starter file and rota gaps --------------------------------------------------------


def test_starter_file_loads_cleanly_and_passes_on_the_example(document, policy):
    text = starter_expectations(channel="facebook", team="social", received="2026-11-24T10:00", timezone="Europe/Stockholm", rota=True)
    cases, problems = load_text(text, "starter.yaml", document)
    assert problems == []
    assert [o.status for o in run_cases(policy, cases)] == ["passed", "passed"]


def test_rota_gaps_while_open_are_the_open_hours_of_a_team_without_rota(policy):
    start, until = parse_instant("2026-11-30T00:00:00+01:00"), parse_instant("2026-12-07T00:00:00+01:00")
    gaps = rota_gaps(policy, "careers", start, until, while_open="linkedin")
    days = [
        (parse_instant(f"2026-12-0{d}T08:00:00+01:00"), parse_instant(f"2026-12-0{d}T{17 if d < 4 else 16}:00:00+01:00"))
        for d in range(1, 5)
    ]
    assert gaps == [(parse_instant("2026-11-30T08:00:00+01:00"), parse_instant("2026-11-30T17:00:00+01:00")), *days]
    assert rota_gaps(policy, "careers", start, until) == [(start, until)]
    assert rota_gaps(policy, "social", start, until) == []

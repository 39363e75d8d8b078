"""Issue 17 section 4: a tampered policy.json is a one-line PolicyError naming the JSON path, never a traceback
or a silently wrong answer; the runtime's structural check agrees with the published schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from socialkit.runtime.policy import Policy, PolicyError

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "policy.json"
ORIGINAL = json.loads(POLICY.read_text(encoding="utf-8"))
DELETE = object()


def _set(document: dict, path: tuple, value) -> dict:
    out = copy.deepcopy(document)
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


WINDOWS = ("schedules", "office-hours", "compiled", "windows")
office = ORIGINAL["schedules"]["office-hours"]["compiled"]["windows"]

# (what is changed, the new value, the JSON path the error must name)
TAMPERED = [
    (WINDOWS, list(reversed(office)), "$.schedules.office-hours.compiled.windows[1]"),
    (WINDOWS, [[office[0][1], office[0][0]], *office[1:]], "$.schedules.office-hours.compiled.windows[0]"),
    (WINDOWS, [office[0], office[0], *office[1:]], "$.schedules.office-hours.compiled.windows[1]"),
    (WINDOWS, [[office[0][0], office[1][0]], *office[1:]], "$.schedules.office-hours.compiled.windows[1]"),
    (WINDOWS, [[1, 2, 3]], "$.schedules.office-hours.compiled.windows[0]"),
    (WINDOWS, [[10**20, 10**20 + 1]], "$.schedules.office-hours.compiled.windows[0][0]"),
    (WINDOWS, "all day", "$.schedules.office-hours.compiled.windows"),
    (("schedules", "office-hours", "compiled", "cum"), [0], "$.schedules.office-hours.compiled.cum"),
    (("schedules", "office-hours", "compiled", "day_starts"), [], "$.schedules.office-hours.compiled.day_starts"),
    (("schedules", "office-hours", "compiled", "horizon_end"), 0, "$.schedules.office-hours.compiled.horizon_end"),
    (("schedules", "office-hours", "compiled", "id"), "other", "$.schedules.office-hours.compiled.id"),
    (("schedules", "office-hours", "timezone"), "Europe", "$.schedules.office-hours.timezone"),
    (("schedules", "office-hours", "timezone"), "../../etc/passwd", "$.schedules.office-hours.timezone"),
    (("schedules", "office-hours", "compiled", "timezone"), 5, "$.schedules.office-hours.compiled.timezone"),
    (("schedules", "office-hours"), DELETE, "$.channels.facebook.schedule"),
    (("escalation", 0, "when", "keywords"), "hot", "$.escalation[0].when.keywords"),
    (("escalation", 0, "when", "keywords"), ["hot"], "$.escalation[0].when.keywords[0]"),
    (("escalation", 0, "when", "keywords"), [[]], "$.escalation[0].when.keywords[0]"),
    (("escalation", 0, "when", "keywords"), [[""]], "$.escalation[0].when.keywords[0]"),
    (("escalation", 0, "when", "min_followers"), 1.5, "$.escalation[0].when.min_followers"),
    (("escalation", 0, "when", "min_followers"), 10**41, "$.escalation[0].when.min_followers"),
    (("escalation", 0, "when", "crisis"), "no", "$.escalation[0].when.crisis"),
    (("escalation", 0, "when", "during"), "nights", "$.escalation[0].when.during"),
    (("escalation", 0, "route_to"), "ghosts", "$.escalation[0].route_to"),
    (("escalation", 0, "respond_within"), -5, "$.escalation[0].respond_within"),
    (("escalation", 0, "respond_within"), 99999999999999999999, "$.escalation[0].respond_within"),
    (("escalation", 0, "priority"), "whenever", "$.escalation[0].priority"),
    (("escalation", 0, "when"), DELETE, "$.escalation[0].when"),
    (("escalation", 1, "id"), "threat", "$.escalation[1].id"),
    (("escalation",), {"threat": {}}, "$.escalation"),
    (("teams", "social", "rota", "spans"), [[2, 1, ["omar"]]], "$.teams.social.rota.spans[0]"),
    (("teams", "social", "rota", "spans"), [[1795388400, 1795417200, ["nobody"]]], "$.teams.social.rota.spans[0]"),
    (("teams", "social", "rota", "spans"), [[1795388400, 1795417200, "omar"]], "$.teams.social.rota.spans[0]"),
    (("teams", "social", "lead"), None, "$.teams.social.lead"),
    (("channels", "facebook", "sla"), "gold", "$.channels.facebook.sla"),
    (("channels", "facebook", "team"), ["social"], "$.channels.facebook.team"),
    (("channels", "facebook", "extra"), 1, "$.channels.facebook.extra"),
    (("channels", "x y"), {}, '$.channels["x y"].name'),
    (("slas", "standard", "clock"), "lunar", "$.slas.standard.clock"),
    (("slas", "standard", "targets", "complaint", "respond", "within"), "2h", "$.slas.standard.targets.complaint.respond.within"),
    (("provenance", "horizon_start"), None, "$.provenance.horizon_end"),
    (("provenance", "horizon_end"), 10**17, "$.provenance.horizon_end"),
    (("organization", "timezone"), "Mars/Olympus", "$.organization.timezone"),
    (("organization",), DELETE, "$.organization"),
    (("crisis", "sla"), "none", "$.crisis.sla"),
    (("people",), [], "$.people"),
]


@pytest.mark.parametrize(("path", "value", "where"), TAMPERED, ids=[str(i) for i in range(len(TAMPERED))])
def test_a_tampered_document_is_a_one_line_error_naming_the_path(tmp_path, path, value, where):
    tampered = tmp_path / "policy.json"
    tampered.write_text(json.dumps(_set(ORIGINAL, path, value)), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        Policy.load(tampered)
    message = str(caught.value)
    assert f"{tampered}: {where}: " in message, message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not JSON"),
        (POLICY.read_bytes()[:5000], "not JSON"),
        (b"[" * 100_000, "not JSON"),
        (b'{"format": NaN}', "not JSON"),
        (b'{"format": "socialkit.policy/v1", "x": "\xff"}', "not JSON"),
        (b"[]", "not a socialkit.policy/v1 document"),
        (b'{"format": "socialkit.policy/v0"}', "not a socialkit.policy/v1 document"),
        (b'{"format": "socialkit.policy/v1"}', "$.provenance: missing"),
    ],
)
def test_an_unreadable_document_is_a_one_line_error(tmp_path, content, expected):
    path = tmp_path / "policy.json"
    path.write_bytes(content)
    with pytest.raises(PolicyError) as caught:
        Policy.load(path)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_a_folder_is_not_a_policy(tmp_path):
    with pytest.raises(PolicyError, match="cannot read policy"):
        Policy.load(tmp_path)


def test_the_committed_and_a_freshly_compiled_document_pass(document):
    Policy.from_document(document)
    Policy.load(POLICY)


def test_the_runtime_check_refuses_everything_the_published_schema_refuses(tmp_path):
    """The runtime restates the schema as a table; on the tampered corpus it is at least as strict."""
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(ORIGINAL))
    refused_by_schema = 0
    for path, value, _ in TAMPERED:
        document = _set(ORIGINAL, path, value)
        if list(validator.iter_errors(document)):
            refused_by_schema += 1
            with pytest.raises(PolicyError):
                Policy.from_document(document)
    assert refused_by_schema >= 15


def test_a_tampered_policy_on_the_command_line_exits_2_with_one_line(tmp_path, capsys):
    from socialkit.cli import main

    tampered = tmp_path / "policy.json"
    tampered.write_text(json.dumps(_set(ORIGINAL, ("escalation", 0, "when", "keywords"), "hot")), encoding="utf-8")
    code = main(["evaluate", "--policy", str(tampered), "--channel", "facebook", "--category", "complaint"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "$.escalation[0].when.keywords: expected a list, found a string" in err


def test_a_compiled_strategy_the_engine_cannot_take_is_a_one_line_error(tmp_path, capsys):
    """validate accepts min_followers of 1e41 (bounding it is the loader's job); evaluate must not crash on it."""
    import shutil

    from socialkit.cli import main

    folder = tmp_path / "strategy"
    shutil.copytree(ROOT / "strategy", folder)
    rules = folder / "escalation.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("min_followers: 10000", f"min_followers: {10**41}"), encoding="utf-8")
    code = main(["evaluate", "--strategy", str(folder), "--as-of", "2026-11-23", "--channel", "facebook", "--category", "complaint"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    if "SK0" not in err:  # until the loader bounds the value itself, the engine's check refuses it in one line
        assert err == f"socialkit: the compiled policy cannot be used: $.escalation[2].when.min_followers: {err.split(': ', 3)[3]}"
        assert len(err.strip().splitlines()) == 1

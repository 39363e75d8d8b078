"""references.py: ids exist and are unique, texts use the organisation's languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialkit.cli import main
from socialkit.strategy.references import did_you_mean
from socialkit.validate import validate_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

ORG = """\
version: 1
organization:
  name: Example AB
  timezone: Europe/Stockholm
  languages: [sv, en]
"""


def _validate(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = validate_paths([tmp_path], rules=False)  # foundation stages only: load, model, references
    return result, [(p.code, Path(p.file).name, p.line, p.column, p.message) for p in result.problems]


def test_every_kind_of_reference_is_checked():
    result = validate_paths([FIXTURES / "references" / "every-reference-unknown.yaml"], rules=False)

    found = {(p.json_path, p.line, p.column) for p in result.problems if p.code == "SK101"}
    assert found == {
        ("$.goals[0].owner", 17, 12),
        ("$.teams[0].members[1]", 21, 21),
        ("$.teams[0].lead", 22, 11),
        ("$.teams[0].rota.layers[0].order[0]", 28, 19),
        ("$.teams[0].rota.layers[0].only_during", 29, 24),
        ("$.teams[0].rota.overrides[0].person", 31, 19),
        ("$.teams[0].rota.overrides[0].replaces", 32, 21),
        ("$.slas[0].targets.no-category-1", 43, 7),  # a key: points at the key
        ("$.channels[0].team", 50, 11),
        ("$.channels[0].schedule", 51, 15),
        ("$.channels[0].sla", 52, 10),
        ("$.channels[0].crisis_schedule", 53, 22),
        ("$.channels[0].crisis_sla", 54, 17),
        ("$.channels[0].audiences[0]", 55, 17),
        ("$.channels[0].redirect.channel", 58, 16),
        ("$.escalation[0].when.categories[0]", 62, 20),
        ("$.escalation[0].when.channels[0]", 63, 18),
        ("$.escalation[0].when.during", 64, 15),
        ("$.escalation[0].when.outside", 65, 16),
        ("$.escalation[0].route_to", 66, 15),
        ("$.escalation[0].notify[0]", 67, 14),
        ("$.moderation.blackouts[0].channels[0]", 73, 18),
        ("$.measurement.owner", 76, 10),
        ("$.crisis.schedule", 78, 13),
        ("$.crisis.sla", 79, 8),
        ("$.crisis.declared_by[0]", 80, 17),
    }
    assert {p.code for p in result.problems} == {"SK101"}
    assert result.strategy is not None and not result.ok


@pytest.mark.parametrize(
    ("team_line", "hint"),
    [
        ("socal", "unknown team 'socal'; did you mean 'social'?"),
        ("marketing", "unknown team 'marketing'; known: careers, social"),
    ],
)
def test_unknown_reference_hint(tmp_path, team_line, hint):
    text = (
        ORG
        + f"""\
people:
  - id: anna
    name: Anna
teams:
  - id: social
    name: Social
    members: [anna]
    lead: anna
  - id: careers
    name: Careers
    members: [anna]
    lead: anna
channels:
  - id: facebook
    name: Facebook
    platform: facebook
    customer_service: true
    team: {team_line}
"""
    )
    _, problems = _validate(tmp_path, {"s.yaml": text})
    assert problems == [("SK101", "s.yaml", 23, 11, hint)]


def test_unknown_reference_into_an_empty_section_says_where_to_define_it(tmp_path):
    text = ORG + "channels:\n  - id: fb\n    name: FB\n    platform: facebook\n    customer_service: true\n    team: social\n"
    _, problems = _validate(tmp_path, {"s.yaml": text})
    assert problems == [("SK101", "s.yaml", 11, 11, "unknown team 'social'; define it under 'teams:'")]


def test_default_is_a_valid_sla_target_key(tmp_path):
    text = ORG + "slas:\n  - id: standard\n    clock: business\n    targets:\n      default: {respond: 4h}\n"
    result, problems = _validate(tmp_path, {"s.yaml": text})
    assert problems == [] and result.ok


def test_unknown_reference_named_like_its_field_points_at_the_value(tmp_path):
    text = ORG + "channels:\n  - id: fb\n    name: FB\n    platform: facebook\n    customer_service: true\n    team: team\n"
    _, problems = _validate(tmp_path, {"s.yaml": text})
    assert [(code, line, column) for code, _, line, column, _ in problems] == [("SK101", 11, 11)]


# --- duplicate ids ---------------------------------------------------------------------------


def test_duplicate_id_in_one_file_names_the_first(tmp_path):
    text = (
        ORG + "audiences:\n  - id: press\n    name: Press\n  - id: customers\n    name: Customers\n  - id: press\n    name: Journalists\n"
    )
    _, problems = _validate(tmp_path, {"s.yaml": text})
    assert [(code, line, column) for code, _, line, column, _ in problems] == [("SK102", 11, 9)]
    assert "audience id 'press' is already defined at " in problems[0][4]
    assert "s.yaml:7;" in problems[0][4]


def test_duplicate_id_across_files_names_the_first_file(tmp_path):
    _, problems = _validate(
        tmp_path,
        {
            "a.yaml": ORG + "categories:\n  - id: complaint\n    name: Complaint\n    sentiment: negative\n    reply_style: personal\n",
            "b.yaml": "# more\ncategories:\n  - id: complaint\n    name: Again\n    sentiment: negative\n    reply_style: personal\n",
        },
    )
    [(code, file, line, column, message)] = problems
    assert (code, file, line, column) == ("SK102", "b.yaml", 3, 9)
    assert message.startswith("category id 'complaint' is already defined at ")
    assert message.endswith("a.yaml:7; ids must be unique")


def test_same_id_in_different_sections_is_fine(tmp_path):
    text = (
        ORG
        + """\
people:
  - id: careers
    name: Careers Inbox
teams:
  - id: careers
    name: Careers
    members: [careers]
    lead: careers
"""
    )
    result, problems = _validate(tmp_path, {"s.yaml": text})
    assert problems == [] and result.ok


def test_three_copies_are_two_problems_both_naming_the_first(tmp_path):
    text = ORG + "people:\n" + "".join(f"  - id: anna\n    name: Anna {n}\n" for n in range(3))
    _, problems = _validate(tmp_path, {"s.yaml": text})
    assert [(code, line) for code, _, line, _, _ in problems] == [("SK102", 9), ("SK102", 11)]
    assert all("s.yaml:7;" in message for *_, message in problems)


# --- languages of texts ------------------------------------------------------------------------


def test_text_in_unlisted_language_points_at_the_language(tmp_path):
    text = ORG + "audiences:\n  - id: customers\n    name: {sv: Kunder, en: Customers, de: Kunden}\n"
    result, problems = _validate(tmp_path, {"s.yaml": text})
    assert [(code, line, column) for code, _, line, column, _ in problems] == [("SK021", 8, 39)]
    assert "'de'" in problems[0][4] and "(sv, en)" in problems[0][4]
    assert not result.ok


def test_missing_translation_is_a_warning(tmp_path, capsys, monkeypatch):
    text = ORG + "audiences:\n  - id: customers\n    name:\n      sv: Kunder\n    description: Plain text is fine.\n"
    (tmp_path / "pyproject.toml").write_text("[tool.socialkit]\n")
    result, problems = _validate(tmp_path, {"s.yaml": text})

    assert [(code, line, column) for code, _, line, column, _ in problems] == [("SK024", 9, 7)]
    assert "no 'en' version" in problems[0][4]
    assert result.ok  # warnings do not fail validation

    monkeypatch.chdir(tmp_path)
    assert main(["validate", "s.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"s.yaml:9:7: SK024 warning {problems[0][4]}",
        "0 errors, 1 warning",
    ]


def test_references_are_not_checked_when_the_model_does_not_build(tmp_path):
    text = ORG + "channels:\n  - id: fb\n    name: FB\n    platform: facebok\n    customer_service: true\n    team: nobody\n"
    result, problems = _validate(tmp_path, {"s.yaml": text})
    assert [code for code, *_ in problems] == ["SK012"]
    assert result.strategy is None


@pytest.mark.parametrize(
    ("value", "choices", "hint"),
    [
        ("socal", ["social", "security"], "; did you mean 'social'?"),
        ("xyz", ["social", "security"], ""),
        ("anna", [], ""),
        ("office-hour", ["office-hours", "weekend-watch"], "; did you mean 'office-hours'?"),
    ],
)
def test_did_you_mean(value, choices, hint):
    assert did_you_mean(value, choices) == hint


def test_optional_texts_are_checked_for_languages_too(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(ORG + "audiences:\n  - id: customers\n    name: Customers\n    description: {de: Kunden}\n")
    codes = {p.code for p in validate_paths([path]).problems}
    assert "SK021" in codes


# --- the walk skips what cannot hold a marker, and reads annotations from the built models ----------


def _every_marker(annotation, value, path=()):
    """The walk without shortcuts: every value, by annotations from typing.get_type_hints (the reference)."""
    import types
    import typing

    from pydantic import BaseModel

    from socialkit.strategy.references import _may_hold, _unwrap

    base, markers = _unwrap(annotation)
    out = [(path, repr(value), marker) for marker in markers if value is not None]
    if isinstance(value, BaseModel):
        hints = typing.get_type_hints(type(value), include_extras=True)
        for name in type(value).model_fields:
            out += _every_marker(hints[name], getattr(value, name), path + (name,))
        return out
    origin, args = typing.get_origin(base), typing.get_args(base)
    if origin in (typing.Union, types.UnionType):
        arm = next((a for a in args if a is not type(None) and _may_hold(a, value)), None)
        out += _every_marker(arm, value, path) if arm is not None else []
    elif origin in (list, tuple) and isinstance(value, (list, tuple)) and args:
        for index, item in enumerate(value):
            out += _every_marker(args[0], item, path + (index,))
    elif origin is dict and isinstance(value, dict) and len(args) == 2:
        for key, item in value.items():
            out += _every_marker(args[0], key, path + (key,)) + _every_marker(args[1], item, path + (key,))
    return out


def test_walk_finds_every_marked_value_the_full_walk_finds(tmp_path):
    """On the example, the generated 500-channel strategy of the benchmark and every single-file strategy in the tests."""
    import sys

    from socialkit.strategy.model import Strategy
    from socialkit.strategy.references import walk

    repo = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(repo / "benchmarks"))
    try:
        from validate import generate
    finally:
        sys.path.remove(str(repo / "benchmarks"))
    generate(tmp_path, channels=40, people=30, rules=20, teams=5)
    built = 0
    for path in [repo / "strategy", tmp_path, *sorted((repo / "tests").glob("**/*.yaml"))]:
        result = validate_paths([path], rules=False)
        if result.strategy is None:
            continue
        found = [(p, repr(value), marker) for p, value, marker, _ in walk(result.strategy, Strategy, ())]
        assert found == _every_marker(Strategy, result.strategy), path
        built += 1
    assert built >= 10

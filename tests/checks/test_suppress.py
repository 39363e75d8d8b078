"""`# socialkit: ignore[...]` comments."""

from __future__ import annotations

import pytest

from socialkit.checks.suppress import directives, parse_json_path
from socialkit.strategy.load import json_path

CHANNEL = """\
schedules:
  - id: long
    weekly:
      mon-fri: ["08:00-20:00"]
channels:{channels_comment}
  - id: facebook{item_comment}
    name: Facebook
    platform: facebook
    customer_service: true
    team: support{team_comment}
    schedule: long
    sla: standard
    check_every: 2h{check_comment}
    disclosures: [hours]
  - id: instagram
    name: Instagram
    platform: instagram
    customer_service: true
    team: support
    schedule: long
    sla: standard
    disclosures: [hours]
"""


def case(**comments: str) -> str:
    fields = {"channels_comment": "", "item_comment": "", "team_comment": "", "check_comment": ""}
    fields.update({k: "  # " + v for k, v in comments.items()})
    return CHANNEL.format(**fields)


def test_without_comments_everything_is_reported(strategy):
    assert strategy.problems(case()) == [("SK205", 10, 11), ("SK207", 13, 18), ("SK205", 19, 11)]


def test_comment_on_the_offending_line(strategy):
    assert strategy.problems(case(team_comment="socialkit: ignore[SK205]")) == [("SK207", 13, 18), ("SK205", 19, 11)]


def test_comment_with_another_code_does_not_silence(strategy):
    assert strategy.problems(case(team_comment="socialkit: ignore[SK207]")) == [("SK205", 10, 11), ("SK207", 13, 18), ("SK205", 19, 11)]


def test_comment_on_the_list_item_covers_the_item(strategy):
    text = case(item_comment="socialkit: ignore[SK205, SK207]")
    assert strategy.problems(text) == [("SK205", 19, 11)]


def test_comment_on_the_enclosing_key_covers_everything_under_it(strategy):
    assert strategy.problems(case(channels_comment="socialkit: ignore[SK205]")) == [("SK207", 13, 18)]


def test_ignore_without_codes_silences_every_code_there(strategy):
    assert strategy.problems(case(check_comment="socialkit: ignore")) == [("SK205", 10, 11), ("SK205", 19, 11)]


def test_a_comment_above_the_line_does_not_count(strategy):
    text = case().replace(
        "    team: support\n    schedule: long\n    sla: standard\n    check_every",
        "    # socialkit: ignore[SK205]\n    team: support\n    schedule: long\n    sla: standard\n    check_every",
        1,
    )
    assert [code for code, _, _ in strategy.problems(text)] == ["SK205", "SK207", "SK205"]


def test_reference_errors_cannot_be_silenced(strategy):
    text = "channels:\n  - id: x\n    name: X\n    platform: x\n    customer_service: false\n    team: nobody  # socialkit: ignore\n"
    assert [code for code, _, _ in strategy.problems(text)] == ["SK101"]


def test_flow_style_list_item(strategy):
    text = "moderation:\n  never_remove: [criticism]\n  hide: [spam, complaint]  # socialkit: ignore[SK404]\n"
    assert strategy.problems(text) == []


def test_directives_come_from_end_of_line_comments():
    from ruamel.yaml import YAML

    tree = YAML(typ="rt").load("a: 1  # socialkit: ignore[SK101,sk205]\n# socialkit: ignore\nb:\n  - 2   # SOCIALKIT: IGNORE\n")
    assert directives(tree) == {1: frozenset({"SK101", "SK205"}), 4: frozenset({"*"})}


@pytest.mark.parametrize(
    "path", [(), ("channels", 2, "team"), ("schedules", 0, "weekly", "mon-fri", 1), ("x", "sat,sun", "it's"), ("08:00",)]
)
def test_json_path_round_trip(path):
    assert parse_json_path(json_path(path)) == path


# --- the libyaml path agrees with the round-trip tree ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from socialkit.checks.suppress import directives_in_text  # noqa: E402
from socialkit.strategy.load import _yaml  # noqa: E402

_COMMENT = st.sampled_from(["", "  # socialkit: ignore[SK205]", "  # socialkit: ignore", " #socialkit:ignore[sk401, SK402]", "  # plain"])
_VALUE = st.sampled_from(
    [
        "plain",
        "'a # socialkit: ignore[SK205]'",
        '"b # socialkit: ignore"',
        "[x, y]",
        "{k: v}",
        "a#b",
        "|\n    # socialkit: ignore[SK205]\n    text",
        ">-\n    folded # socialkit: ignore\n    more",
        "3",
    ]
)


@st.composite
def _documents(draw) -> str:
    lines = []
    for i in range(draw(st.integers(1, 6))):
        value = draw(_VALUE)
        if "\n" in value:  # block scalars: a comment goes on the indicator line
            head, rest = value.split("\n", 1)
            lines.append(f"k{i}: {head}{draw(_COMMENT)}\n{rest}")
        elif draw(st.booleans()):
            lines.append(f"k{i}:{draw(_COMMENT)}\n  - {value}{draw(_COMMENT)}")
        else:
            lines.append(f"k{i}: {value}{draw(_COMMENT)}")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_libyaml_scan_finds_the_same_directives_as_the_round_trip_tree(text):
    assert directives_in_text(text) == directives(_yaml().load(text))


def test_texts_the_scanners_count_differently_take_the_round_trip_path():
    assert directives_in_text("a: 1\u2028b: 2  # socialkit: ignore\n") is None
    assert directives_in_text("\ufeffa: 1  # socialkit: ignore\n") is None

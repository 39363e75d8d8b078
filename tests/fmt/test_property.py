"""Property: YAML written by a simple reference emitter, in any indentation and with a comment
before every key, formats to text that reads back as the same typed data, keeps every comment
and is a fixed point of fmt."""

from __future__ import annotations

import json
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from socialkit.strategy.fmt import FormatError, format_text

TRICKY_TEXT = [
    "08:00",
    "08:00-17:00",
    "2026-12-24",
    "2026-12-24 10:00",
    "2026-12-24T10:00:00+01:00",
    "06-22",
    "30m",
    "1d",
    "yes",
    "no",
    "on",
    "y",
    "null",
    "~",
    "true",
    "1.0",
    "0x10",
    "1_000",
    "",
    " lead",
    "trail ",
    "a: b",
    "# x",
    "x #y",
    "- x",
    "@x",
    "`x",
    "!x",
    "&x",
    "*x",
    "%x",
    "? x",
    "|",
    ">",
    "'",
    '"',
    "it's",
    "a\nb",
    "tab\there",
    "[x]",
    "{x}",
    "a, b",
    "ska döda",
    "+46 70 123",
]
KEYS = st.one_of(st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True), st.sampled_from(["true", "null", "1", "08:00", "a b"]))
TEXT = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=12))
SCALARS = st.one_of(
    TEXT,
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(-400, 400).map(lambda n: n / 4),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


class Emitter:
    """Block style only, `step` spaces per level, a numbered comment line before every key."""

    def __init__(self, step: int, flow_lists: bool) -> None:
        self.step, self.flow_lists, self.lines, self.comments = step, flow_lists, [], []

    def mapping(self, data: dict, indent: int) -> None:
        for key, value in data.items():
            comment = f"# comment {len(self.comments)}"
            self.comments.append(comment)
            self.lines.append(" " * indent + comment)
            self.entry(" " * indent + json.dumps(key) + ":", value, indent)

    def sequence(self, items: list, indent: int) -> None:
        for item in items:
            self.entry(" " * indent + "-", item, indent)

    def entry(self, head: str, value, indent: int) -> None:
        if isinstance(value, dict) and value:
            self.lines.append(head)
            self.mapping(value, indent + self.step)
        elif isinstance(value, list) and value and not (self.flow_lists and not any(isinstance(v, (dict, list)) for v in value)):
            self.lines.append(head)
            self.sequence(value, indent + self.step)
        elif isinstance(value, (dict, list)):
            self.lines.append(f"{head} " + ("{}" if isinstance(value, dict) else "[" + ", ".join(map(scalar, value)) + "]"))
        else:
            self.lines.append(f"{head} {scalar(value)}")


def typed(node):
    """Read-back data with types kept: a date must not pass for the string it was written as."""
    if isinstance(node, dict):
        return {typed(k): typed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [typed(v) for v in node]
    if isinstance(node, (date, datetime)):
        return ("date", node.isoformat())
    if node is None or isinstance(node, (bool, int, float, str)):
        return node if type(node) in (bool, int, float, str, type(None)) else type(node).__mro__[1](node)
    raise AssertionError(f"unexpected {type(node)}")


def has_list_in_list(node) -> bool:
    if isinstance(node, dict):
        return any(has_list_in_list(v) for v in node.values())
    if isinstance(node, list):
        return any(isinstance(v, list) or has_list_in_list(v) for v in node)
    return False


def read(text: str):
    return typed(YAML(typ="rt").load(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(KEYS, DATA, min_size=1, max_size=5), step=st.sampled_from([2, 3, 4]), flow=st.booleans())
def test_formatting_keeps_data_and_comments_and_is_a_fixed_point(data, step, flow):
    emitter = Emitter(step, flow)
    emitter.mapping(data, 0)
    text = "\n".join(emitter.lines) + "\n"
    assert read(text) == typed(data)  # the reference emitter itself is right

    try:
        once = format_text(text, sets=frozenset())
        assert read(once) == typed(data)
        assert [line.strip() for line in once.splitlines() if line.strip().startswith("# comment ")] == emitter.comments
        assert format_text(once, sets=frozenset()) == once
    except FormatError as err:
        # ruamel's known gap: a comment after an empty item of a list inside a list; fmt must refuse, not lose it
        assert "would lose the comment" in str(err) and has_list_in_list(data), str(err)

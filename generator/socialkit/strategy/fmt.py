"""Canonical formatting of strategy YAML: text in, text out, meaning and comments kept.

The file goes through ruamel's round-trip loader and dumper, so comments, blank
lines, key order, flow style, anchors and block scalars survive. What changes:

- indentation: 2 spaces for mappings, list dashes indented 2 under their key;
- quoting: plain where YAML reads the text back unchanged, else double quotes;
  clock times, intervals, date-times, month-days, YAML 1.1 booleans and base-60
  numbers are always quoted, keys included ("08:00" is the number 480 and
  "no" is false to a YAML 1.1 reader);
- lists of ids whose order has no meaning (derived from the model) are sorted,
  each entry taking along the comment lines above it and its end-of-line comment;
- runs of blank lines become one, trailing spaces go, one newline at the end,
  and a full-line comment is indented like the line it sits above.

Every result is checked before it is returned: the re-read data must mean the
same (typed values, set-like lists compared sorted) and every comment must still
be there. A file that fails either check raises FormatError and is left alone.
"""

from __future__ import annotations

import io
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from socialkit.errors import SocialkitError

Steps = tuple[str, ...]  # a path of mapping keys, "*" for any list item or map value

INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
NO_WRAP = 1 << 30  # never fold long text onto several lines
MAX_PASSES = 3

# Values a YAML 1.1 reader (or a human) would not take as plain text: always double-quoted.
ALWAYS_QUOTED = re.compile(
    r"""^(?:
        (?:\d{4}-\d{2}-\d{2}[ T])?                               # 2026-12-24 10:00, 2026-12-24T10:00
        \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?                        # 08:00, 08:00:30
        (?:Z|[+-]\d{2}:?\d{2}|-\d{1,2}:\d{2}(?::\d{2})?)?        # a UTC offset, or 08:00-17:00
      | \d{2}-\d{2}                                            # 06-22 (a yearly day)
      | [-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.[\d_]*)?               # YAML 1.1 base-60 numbers: 190:20:30 is 685230
      | [yYnN] | yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF       # YAML 1.1 booleans
    )$""",
    re.VERBOSE,
)

# Id lists the model types as references but whose order means something.
ORDERED_ID_LISTS: dict[Steps, str] = {
    ("teams", "*", "rota", "layers", "*", "order"): "people take turns in this order",
    ("moderation", "steps", "*", "notify"): "people may be listed in the order they should be told",
    ("moderation", "reasons", "*", "steps", "*", "notify"): "people may be listed in the order they should be told",
}
# Sections never reordered inside: escalation rules apply first match first, and
# people to notify may be listed in the order they should be called.
ORDERED_SECTIONS = ("escalation",)


class FormatError(SocialkitError):
    """The text cannot be formatted: a one-line message with its position."""

    def __init__(self, message: str, *, file: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.file, self.line, self.column = message, file, line, column

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        return f"{where}: {self.message}"


# --- which lists are sets ------------------------------------------------------------------


@cache
def strategy_sets() -> frozenset[Steps]:
    """Paths of the id lists in a strategy file whose order has no meaning."""
    from socialkit.strategy.model import Strategy

    return frozenset(steps for steps in reference_lists(Strategy) if steps not in ORDERED_ID_LISTS and steps[0] not in ORDERED_SECTIONS)


def reference_lists(model: Any, prefix: Steps = ()) -> set[Steps]:
    """Paths of every `list[Ref(...)]` field reachable from a pydantic model."""
    found: set[Steps] = set()
    for name, field in model.model_fields.items():
        found |= _reference_lists_in(field.annotation, prefix + (name,))
    return found


def _reference_lists_in(annotation: Any, steps: Steps) -> set[Steps]:
    from pydantic import BaseModel

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _reference_lists_in(args[0], steps)
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_reference_lists_in(arg, steps) for arg in args))
    if origin is list:
        return {steps} if _is_reference(args[0]) else _reference_lists_in(args[0], steps + ("*",))
    if origin is dict:
        return _reference_lists_in(args[1], steps + ("*",))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return reference_lists(annotation, steps)
    return set()


def _is_reference(annotation: Any) -> bool:
    from socialkit.strategy.model import Ref

    return typing.get_origin(annotation) is typing.Annotated and any(isinstance(meta, Ref) for meta in typing.get_args(annotation)[1:])


def _matches(path: Steps, sets: frozenset[Steps]) -> bool:
    return any(len(p) == len(path) and all(a in ("*", b) for a, b in zip(p, path)) for p in sets)


# --- formatting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    tree: Any
    comments: Counter[str]


def format_text(text: str, *, name: str = "<text>", sets: frozenset[Steps] | None = None) -> str:
    """The canonical form of one YAML file. `sets`: set-like list paths (default: a strategy file's)."""
    sets = strategy_sets() if sets is None else sets
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # canonical line ends; ruamel keeps a CR in comments
    parsed, current = parse(text, name), text
    for _ in range(MAX_PASSES):  # ruamel may place a comment differently on a second pass
        expected = meaning(parsed.tree, sets)
        formatted = render(parsed.tree, current, sets)
        after = reread(formatted, name)
        _check_same(parsed.comments, after.comments, expected, meaning(after.tree, sets), name, current)
        if formatted == current:
            break
        parsed, current = after, formatted
    return current


def parse(text: str, name: str) -> Parsed:
    """The round-trip tree, or FormatError with the loader's located message."""
    from socialkit import problems as P
    from socialkit.strategy.load import parse_document

    document, found = parse_document(text.encode("utf-8"), name)
    errors = [p for p in found if p.code != P.NOT_A_MAPPING.code]  # any YAML can be formatted
    if errors:
        first = errors[0]
        raise FormatError(f"{first.code} {first.message}", file=first.file or name, line=first.line, column=first.column)
    tree = _yaml().load(text)  # the loader checked it (with libyaml); formatting needs the round-trip tree
    return Parsed(tree, Counter(comment_texts(text)))


def reread(text: str, name: str) -> Parsed:
    """Our own output, read back to check it."""
    try:
        return Parsed(_yaml().load(text), Counter(comment_texts(text)))
    except Exception as err:  # ruamel raises many error classes
        raise FormatError(f"formatting produced YAML that does not load ({err}); left as it is (please report this)", file=name) from None


def render(tree: Any, text: str, sets: frozenset[Steps]) -> str:
    if not isinstance(tree, (dict, list)):  # empty, only comments, or a lone value: nothing to re-indent
        return tidy(text)
    normalise(tree, (), sets, set())
    return tidy(dump(tree))


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Emitter = _double_quoting_emitter()
    yaml.indent(**INDENT)
    yaml.width = NO_WRAP
    return yaml


@cache
def _double_quoting_emitter() -> type:
    """ruamel's emitter, with double quotes wherever it would pick single quotes."""
    from ruamel.yaml.emitter import Emitter

    class DoubleQuotingEmitter(Emitter):
        def choose_scalar_style(self) -> Any:
            style = super().choose_scalar_style()
            if style == "" and self.event.value.startswith("?"):  # ruamel writes [?0], which reads back as a key
                return '"'
            return '"' if style == "'" else style

    return DoubleQuotingEmitter


def dump(tree: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(tree, stream)
    text = stream.getvalue()
    if isinstance(tree, list):  # ruamel indents a top-level list by the dash offset too
        text = re.sub(r"^ {1,%d}" % INDENT["offset"], "", text, flags=re.MULTILINE)
    return text


def normalise(node: Any, path: Steps, sets: frozenset[Steps], seen: set[int]) -> None:
    """Quote time-like strings and sort set-like id lists, in place."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if id(node) in seen:  # an alias: already done
        return
    seen.add(id(node))
    anchor: Any = getattr(node, "anchor", None)
    if getattr(anchor, "value", None):  # keep an anchor as written, even with no alias to it yet
        anchor.always_dump = True
    if isinstance(node, dict):
        own = getattr(node, "_ok", node)  # not keys merged in with <<
        for key in [k for k in node if k in own]:
            value = node[key]
            if type(value) is str and ALWAYS_QUOTED.match(value):
                node[key] = DoubleQuotedScalarString(value)
            else:
                if isinstance(value, list) and _matches(path + (str(key),), sets) and _sortable(value):
                    sort_keeping_comments(value, node, key)
                normalise(value, path + (str(key),), sets, seen)
        for key in [k for k in node if k in own and type(k) is str and ALWAYS_QUOTED.match(k)]:
            _quote_key(node, key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if type(value) is str and ALWAYS_QUOTED.match(value):
                node[index] = DoubleQuotedScalarString(value)
            else:
                normalise(value, path + ("*",), sets, seen)


def _sortable(items: list) -> bool:
    """Only plain strings with no anchor to carry along (comments move with their entries)."""
    anchor = getattr(getattr(items, "anchor", None), "value", None)
    return anchor is None and all(type(item) is str for item in items)


def _quote_key(mapping: Any, key: str) -> None:
    """Replace a key YAML 1.1 would read as a boolean or number ("no", "on", "190:20:30") by its quoted form, in place."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    keys = list(mapping)
    position = keys.index(key)
    comment = mapping.ca.items.pop(key, None)
    value = mapping.pop(key)
    quoted = DoubleQuotedScalarString(key)
    mapping.insert(position, quoted, value)
    if comment is not None:
        mapping.ca.items[quoted] = comment


def sort_keeping_comments(items: Any, parent: Any, key: Any) -> None:
    """Sort a block list of plain strings in place; a comment on the lines above an entry, and one at
    the end of its line, move with that entry (ruamel keeps the first as the list's own comment or the
    previous entry's trailing comment)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    order = sorted(range(len(items)), key=lambda i: items[i])
    ca = getattr(items, "ca", None)
    if order == list(range(len(items))):
        return
    if ca is None or (not ca.items and not (ca.comment and ca.comment[1])):
        items[:] = [items[i] for i in order]
        return
    above, end_of_line, marks = _comments_per_entry(items)
    values = list(items)
    items[:] = [values[i] for i in order]
    column = marks.get("column", 0)
    first = above[order[0]]
    tokens = [CommentToken(line + "\n", CommentMark(column), None) for line in first]
    own = items.ca.comment[0] if items.ca.comment else None
    items.ca.comment = [own, tokens] if tokens or own else None  # ruamel misplaces the list after an empty comment
    parent_comment = parent.ca.items.get(key)
    if parent_comment is not None and len(parent_comment) > 3:
        parent_comment[3] = tokens or None
    items.ca.items.clear()
    for position, index in enumerate(order):
        after = above[order[position + 1]] if position + 1 < len(order) else []
        line_comment = end_of_line[index]
        text = (line_comment[0] if line_comment else "\n") + "".join(" " * column + line + "\n" for line in after)
        if text != "\n":
            mark = line_comment[1] if line_comment else CommentMark(column)
            items.ca.items[position] = [CommentToken(text, mark, None), None, None, None]


def _comments_per_entry(items: Any) -> tuple[dict[int, list[str]], dict[int, tuple[str, Any] | None], dict[str, int]]:
    """Per entry: the comment lines above it, and its end-of-line comment (text, mark)."""
    from ruamel.yaml.error import CommentMark

    above: dict[int, list[str]] = {i: [] for i in range(len(items))}
    end_of_line: dict[int, tuple[str, Any] | None] = dict.fromkeys(range(len(items)))
    marks: dict[str, int] = {}
    for token in (items.ca.comment[1] or []) if items.ca.comment else []:
        marks.setdefault("column", token.column)
        above[0].extend(line.strip() for line in token.value.splitlines() if line.strip())
    for index, entry in items.ca.items.items():
        token = entry[0] if entry else None
        if token is None:
            continue
        value = token.value
        if value.startswith("#"):
            line, _, value = value.partition("\n")
            end_of_line[index] = (line + "\n", CommentMark(token.column))
        rest = [line.strip() for line in value.splitlines() if line.strip()]
        if rest and index + 1 in above:
            above[index + 1].extend(rest)
            marks.setdefault("column", len(value.lstrip("\n")) - len(value.lstrip("\n").lstrip(" ")))
    return above, end_of_line, marks


# --- the text after dumping ---------------------------------------------------------------------


def tidy(text: str) -> str:
    """Blank lines, trailing spaces and comment indentation, never inside multi-line scalars."""
    lines = text.split("\n")
    protected = multiline_scalar_lines(text)
    out: list[tuple[str, bool]] = []
    for number, line in enumerate(lines):
        if number in protected:
            out.append((line, True))
            continue
        line = line.rstrip(" \t")  # not str.rstrip(): a no-break space at the end is text
        if not line and (not out or not out[-1][0]):
            continue  # leading or repeated blank line
        if line.lstrip(" ").startswith("#"):
            line = " " * _comment_indent(lines, number, protected) + line.lstrip(" ")
        out.append((line, False))
    while out and not out[-1][0] and not out[-1][1]:
        out.pop()
    return "\n".join(line for line, _ in out) + "\n"


def _comment_indent(lines: list[str], number: int, protected: set[int]) -> int:
    """Keep a comment's indent between the next content line's and the previous one's, else clamp."""
    here = _indent(lines[number])
    after = next((_indent(lines[i]) for i in range(number + 1, len(lines)) if _is_content(lines[i], i, protected)), 0)
    before = next((_indent(lines[i]) for i in range(number - 1, -1, -1) if _is_content(lines[i], i, protected)), 0)
    return min(max(here, after), max(after, before))


def _is_content(line: str, number: int, protected: set[int]) -> bool:
    stripped = line.strip(" \t")
    return bool(stripped) and (number in protected or not stripped.startswith("#"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def multiline_scalar_lines(text: str) -> set[int]:
    """0-based numbers of the lines that continue a scalar begun on an earlier line."""
    root = _yaml().compose(text)
    lines: set[int] = set()
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node.value, list):
            for child in node.value:
                stack.extend(child if isinstance(child, tuple) else (child,))
            continue
        start, end = node.start_mark, node.end_mark
        last = end.line - 1 if end.column == 0 else end.line
        lines.update(range(start.line + 1, last + 1))
    return lines


# --- what must not change -----------------------------------------------------------------------


def comment_texts(text: str) -> list[str]:
    """Every comment in the text (without its '#' position), found outside all YAML tokens."""
    from ruamel.yaml import YAML

    covered = bytearray(len(text) + 1)
    for token in YAML(typ="rt").scan(text):
        covered[token.start_mark.index : token.end_mark.index] = b"\1" * (token.end_mark.index - token.start_mark.index)
    found = []
    for match in re.finditer(r"(?:^|(?<=[ \t]))#[^\n]*", text, re.MULTILINE):
        if not covered[match.start()]:
            found.append(match.group(0).rstrip())
    return found


def meaning(node: Any, sets: frozenset[Steps], path: Steps = ()) -> Any:
    """The data as a loader sees it, with scalar types kept and set-like lists sorted."""
    if isinstance(node, dict):
        return {_typed(key): meaning(value, sets, path + (str(key),)) for key, value in node.items()}
    if isinstance(node, list):
        items = [meaning(value, sets, path + ("*",)) for value in node]
        return sorted(items, key=repr) if _matches(path, sets) else items
    return _typed(node)


def _typed(value: Any) -> tuple[str, str]:
    if value is None or isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return ("bool" if value is not None else "null", repr(bool(value)) if value is not None else "")
    for kind in (str, int, float, datetime, date):
        if isinstance(value, kind):
            return (kind.__name__, value.isoformat() if isinstance(value, date) else repr(kind(value)))  # type: ignore[call-arg,arg-type]
    return (type(value).__name__, repr(value))


def _check_same(before: Counter, after: Counter, expected: Any, got: Any, name: str, text: str) -> None:
    lost = before - after
    if lost:
        comment = next(iter(lost))
        line, column = _position_of(text, comment)
        raise FormatError(
            f"formatting would lose the comment '{comment}' (comments inside a [...] or {{...}} list spanning "
            "several lines cannot be kept); move it out of the brackets or write the list in block style",
            file=name,
            line=line,
            column=column,
        )
    if expected != got:
        raise FormatError("formatting would change what the file means; left as it is (please report this)", file=name)


def _position_of(text: str, comment: str) -> tuple[int | None, int | None]:
    for number, line in enumerate(text.splitlines(), start=1):
        if comment in line:
            return number, line.index(comment) + 1
    return None, None

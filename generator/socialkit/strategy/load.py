"""Read strategy YAML files into plain data, keeping where every node came from.

The loader never raises for bad input: a file that cannot be read becomes
problems, the other files still load (one bad file never stops the batch).

Two parsers, one meaning. libyaml (PyYAML's C composer) builds the node graph,
with line and column marks, for every ordinary file; `_Plain` turns it into data
with YAML 1.2 rules, exactly as ruamel's round-trip loader reads them. Anything
outside that common ground (a syntax error, a `%` directive, an explicit core
tag, a merge key, hexadecimal numbers, timestamps with a time, complex keys)
goes to the reference: ruamel's pure-Python round-trip loader, slower, whose
behaviour and error messages the tests pin. `fmt` and `# socialkit: ignore`
comments use the round-trip tree (`Document.roundtrip`), parsed on demand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from socialkit import problems as P
from socialkit.problems import Problem
from socialkit.strategy.files import RESERVED_DIRS, YAML_SUFFIXES, discover, display, is_yaml_name  # noqa: F401 (their home was here)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000  # after alias expansion; a billion-laughs file stops here

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One strategy file: its node tree (positions), plain data and text.

    `tree` is libyaml's node graph (`Nodes`), or ruamel's round-trip tree for a
    file the reference loader read; `position_in_tree` reads both.
    """

    path: str
    tree: Any
    data: dict[str, Any]
    sha256: str = ""  # of the raw bytes, for provenance in generated policy
    text: str = ""

    @property
    def roundtrip(self) -> Any:
        """ruamel's round-trip tree of the file (with comments), parsed on first use."""
        return self.tree.roundtrip if isinstance(self.tree, Nodes) else self.tree


@dataclass
class Source:
    """The merged strategy data and a map back to the file each part came from."""

    documents: list[Document] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[Path_, tuple[int, Path_]] = field(default_factory=dict)

    def origin(self, path: Path_) -> tuple[Document | None, Path_]:
        """The document and the path inside it that a merged path points into."""
        for size in (2, 1):
            prefix = tuple(path[:size])
            if prefix in self.origins:
                index, doc_prefix = self.origins[prefix]
                return self.documents[index], doc_prefix + tuple(path[size:])
        if self.documents:
            return self.documents[0], tuple(path)
        return None, tuple(path)

    def fingerprint(self) -> str:
        """One hash over every file's name and content: the strategy's identity."""
        import hashlib

        digest = hashlib.sha256()
        for doc in sorted(self.documents, key=lambda d: Path(d.path).name):
            digest.update(f"{Path(doc.path).name}\0{doc.sha256}\n".encode())
        return digest.hexdigest()

    def locate(self, path: Path_, *, key: bool = False) -> tuple[str | None, int | None, int | None, Path_]:
        """File, 1-based line and column, and in-file path of a merged path.

        With `key`, point at the mapping key rather than its value (unknown keys).
        A path that does not exist (a missing key) points at the deepest node that does.
        """
        doc, doc_path = self.origin(path)
        if doc is None:
            return None, None, None, doc_path
        line, column = position_in_tree(doc.tree, doc_path, key=key)
        return doc.path, line, column, doc_path


class Nodes:
    """libyaml's node graph of one file, and the file's text for the rare positions it cannot give.

    An empty value (`key:` with nothing after it) is where ruamel's scanner puts the
    next token, and libyaml right after the colon; such positions come from the
    round-trip tree (parsed once, on demand), so both parsers point at the same place.
    """

    def __init__(self, root: yaml.Node, text: str) -> None:
        self.root, self.text = root, text

    @cached_property
    def roundtrip(self) -> Any:
        """The round-trip tree, or None if ruamel refuses what libyaml read (no case is known)."""
        try:
            return _yaml().load(self.text)
        except Exception:
            return None


def position_in_tree(tree: Any, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
    """1-based line and column of `path` in a document tree (see `Source.locate`)."""
    if tree is None:
        return None, None
    if isinstance(tree, Nodes):
        node = _node_at(tree.root, path, key=key)
        if isinstance(node, ScalarNode) and node.value == "" and node.tag == _PLAIN and tree.roundtrip is not None:
            return _position_in_roundtrip(tree.roundtrip, path, key=key)
        return node.start_mark.line + 1, node.start_mark.column + 1
    return _position_in_roundtrip(tree, path, key=key)


def _node_at(root: yaml.Node, path: Path_, *, key: bool) -> yaml.Node:
    """The node at `path`, or the deepest one that exists; with `key`, the last step's key node."""
    node = root
    for depth, step in enumerate(path):
        if isinstance(node, MappingNode):
            pair = _pair(node, step)
            if pair is None:
                break
            if key and depth == len(path) - 1:
                return pair[0]
            node = pair[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def _pair(node: MappingNode, step: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes whose plain key is `step` (the last one wins, as in the data)."""
    found = None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and _key_text(key_node) == step:
            found = (key_node, value_node)
    return found


def _key_text(key_node: ScalarNode) -> str | None:
    try:
        return _plain_key(_scalar(key_node)) if key_node.tag in (_PLAIN, _QUOTED) else key_node.value
    except (_Reference, _Located):
        return key_node.value


def _position_in_roundtrip(tree: Any, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
    node, line, column = tree, None, None
    if hasattr(tree, "lc"):
        line, column = tree.lc.line, tree.lc.col
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        lc: Any = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and step in node:
                line, column = lc.key(step) if (key and last) or not _is_node(node[step]) else lc.value(step)
                if key and last:
                    break
                if not _is_node(node[step]):
                    line, column = lc.value(step)
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                line, column = lc.item(step)
                node = node[step]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
        if hasattr(node, "lc") and _is_node(node) and not (isinstance(node, dict) and not node):
            line, column = node.lc.line, node.lc.col
    return (line + 1 if line is not None else None, column + 1 if column is not None else None)


def _is_node(value: Any) -> bool:
    return isinstance(value, (dict, list))


# --- reading files ------------------------------------------------------------------


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    name = display(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                P.problem(
                    P.TOO_LARGE,
                    f"file is {size // 1024} KiB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MiB (split the strategy into several files)",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        raw = path.read_bytes()
    except OSError as err:
        return None, [P.problem(P.UNREADABLE, f"cannot read file: {err.strerror}", file=name)]
    return parse_document(raw, name)


def parse_document(raw: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:  # err.object is what was decoded (after any BOM)
        line, column = _offset_position(err.object, err.start)
        return None, [
            P.problem(
                P.UNREADABLE,
                f"not UTF-8 text (byte 0x{err.object[err.start]:02x}); save the file as UTF-8",
                file=name,
                line=line,
                column=column,
            )
        ]
    sha256 = _sha256(raw)
    if _REFERENCE_ONLY.search(text):
        return _parse_roundtrip(text, name, sha256)
    try:
        root = yaml.compose(text, Loader=_Composer)
    except Exception:  # libyaml refuses it: the reference words the error (or reads what libyaml cannot)
        return _parse_roundtrip(text, name, sha256)
    if root is not None and "&" in text and "*" in text:  # anchors and aliases: check the graph before building data
        found = _graph_problem(root, name)
        if found is not None:
            return None, [found]
    try:
        data = _Plain().value(root) if root is not None else {}
    except _Located as located:
        return None, [located.problem(name)]
    except _Reference:
        return _parse_roundtrip(text, name, sha256)
    except RecursionError:  # nesting deeper than Python's stack: the reference reports it as before
        return _parse_roundtrip(text, name, sha256)
    if data is None:  # '---' alone, or only comments: an empty part of the strategy
        data, root = {}, None
    if not isinstance(data, dict):
        return None, [_not_a_mapping(name)]
    return Document(name, Nodes(root, text) if root is not None else None, data, sha256, text), []


def _sha256(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def _not_a_mapping(name: str) -> Problem:
    return P.problem(
        P.NOT_A_MAPPING,
        "a strategy file must start with keys such as 'organization:' or 'channels:', not a list or a single value",
        file=name,
        line=1,
        column=1,
    )


def _parse_roundtrip(text: str, name: str, sha256: str) -> tuple[Document | None, list[Problem]]:
    """The reference loader: ruamel's round-trip parser (pure Python, YAML 1.2, exact error messages)."""
    if "&" in text and "*" in text:  # anchors and aliases: check the node graph before building data
        found = _alias_problem(text, name)
        if found is not None:
            return None, [found]
    try:
        tree = _yaml().load(text)
    except Exception as err:  # ruamel raises many error classes; most carry marks
        return None, [_yaml_error(err, name, text)]
    found = _roundtrip_tag_problem(text, name)
    if found is not None:
        return None, [found]
    if tree is None:
        tree = _empty_map()
    if not isinstance(tree, dict):
        return None, [_not_a_mapping(name)]
    try:
        data = to_plain(tree, _Budget())
    except _AliasBomb as err:
        return None, [P.problem(P.ALIAS_BOMB, str(err), file=name, line=1, column=1)]
    return Document(name, tree, data, sha256, text), []


# --- the fast path: libyaml's node graph -> plain data, YAML 1.2 as ruamel reads it ----------------

_PLAIN = "?plain"  # our resolver's marks: a plain scalar to resolve here, a quoted one (text)
_QUOTED = "?quoted"
_COLLECTION = "?collection"
_NON_SPECIFIC = "?non-specific"  # `! value`: the reference's rules
_CORE = "tag:yaml.org,2002:"
# Explicit tags whose values are plain data (the reference constructs them); any other tag
# (`!secret`, `!!binary`, `!!set`, `!!python/...`) would be dropped or turned into odd text.
_PLAIN_DATA_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "omap", "merge", "value")
)
# A `%` directive (%YAML 1.1 changes what plain scalars mean), tabs (ruamel refuses more of
# them than libyaml) and the line breaks and BOMs the two scanners count differently.
# Anchor and alias names with characters libyaml ends a name at (ruamel reads on), and a
# block scalar header touching a comment (`|#`: ruamel refuses it) too.
_REFERENCE_ONLY = re.compile(r"^%|[|>][-+0-9]*#|[\t\x85\u2028\u2029\ufeff]|[&*][\w-]*[^\s\w,\[\]{}-]", re.MULTILINE)

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("-+0123456789.")
_DECIMAL = re.compile(r"[-+]?[0-9]+\Z")
_SIMPLE_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+|\.[0-9]+(?:[eE][-+][0-9]+)?)\Z")
_SPECIAL_FLOATS = {
    **{f"{sign}.{inf}": float(f"{sign or '+'}inf") for sign in ("", "+", "-") for inf in ("inf", "Inf", "INF")},
    **{f".{nan}": float("nan") for nan in ("nan", "NaN", "NAN")},
}
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
# YAML 1.2 numbers and timestamps as ruamel resolves them; a match that none of the simple
# forms above covers (0x1F, 1_000, 2026-1-5 8:00:00) is read by the reference loader.
_RUAMEL_NUMBER_OR_TIME = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
      (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\Z""",
    re.VERBOSE,
)


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # pure Python where PyYAML lacks libyaml
    """libyaml's composer with our own resolver marks: YAML 1.1's (yes/no, 0777) never apply."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED if implicit[1] else _NON_SPECIFIC
        return _COLLECTION


class _Reference(Exception):
    """The fast path does not read this construct the way ruamel does: use the reference loader."""


class _Located(Exception):
    def __init__(self, code: P.Code, message: str, mark: Any) -> None:
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark

    def problem(self, name: str) -> Problem:
        return P.problem(self.code, self.message, file=name, line=self.mark.line + 1, column=self.mark.column + 1)


def _scalar(node: ScalarNode) -> Any:
    """A scalar's value; raises _Reference for forms the fast path leaves to ruamel."""
    tag = node.tag
    if tag == _QUOTED:
        return node.value
    if tag != _PLAIN:
        raise _unsupported_tag(node) if tag not in _PLAIN_DATA_TAGS and tag != _NON_SPECIFIC else _Reference()
    text = node.value
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        return _BOOLS.get(text, text)
    if first not in _NUMBER_START:
        return str(text) if first != "<" and text != "=" else _special(text)
    if _DECIMAL.match(text):
        if len(text) > 4000:  # Python's int() refuses very long digit strings: the reference reports it
            raise _Reference()
        return int(text)
    if _SIMPLE_FLOAT.match(text):
        return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            raise _Located(P.INVALID_DATE, f"'{text}' is not a real date; check the day and month", _value_mark(node)) from None
    if _RUAMEL_NUMBER_OR_TIME.match(text):
        raise _Reference()
    return text


def _value_mark(node: ScalarNode) -> Any:
    """Where a one-line plain value's text starts (after any &anchor or !tag)."""
    end = node.end_mark
    return _Mark(end.line, end.column - len(node.value)) if end.line == node.start_mark.line else node.start_mark


def _special(text: str) -> str:
    if text in ("<<", "="):  # merge key and the 'value' type: the reference knows their rules
        raise _Reference()
    return text


def _unsupported_tag(node: Any) -> _Located:
    return _Located(P.WRONG_TYPE, _tag_message(node.tag), node.start_mark)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return (
        f"the YAML tag '{shown}' is not supported: a strategy holds text, numbers, true/false, dates, lists and mappings; "
        "remove the tag and write the value as plain text"
    )


class _Plain:
    """Node graph -> dict/list/str/int/float/bool/None, counting values as `to_plain` does."""

    def __init__(self) -> None:
        self.values = 1

    def value(self, node: yaml.Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            return _scalar(node)
        if node.tag != _COLLECTION:
            if node.tag not in _PLAIN_DATA_TAGS:
                raise _unsupported_tag(node)
            raise _Reference()
        self.values += len(node.value)
        if self.values > MAX_NODES:
            raise _Located(P.ALIAS_BOMB, _BOMB_MESSAGE, _FIRST)
        if kind is SequenceNode:
            return [self.value(item) for item in node.value]
        return self.mapping(node)

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Reference()  # a list or mapping as a key
            key = _scalar(key_node)
            if key in keys:
                raise _duplicate(key, keys[key], key_node)
            keys[key] = key_node
            out[key if type(key) is str else _plain_key(key)] = self.value(value_node)
        return out


def _duplicate(key: Any, first: yaml.Node, again: yaml.Node) -> _Located:
    where = f" (first defined on line {first.start_mark.line + 1})"
    return _Located(P.DUPLICATE_KEY, f"duplicate key '{key}'{where}; keep one of them", again.start_mark)


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


_FIRST = _Mark(0, 0)
_BOMB_MESSAGE = f"anchors and aliases expand to more than {MAX_NODES:,} values; remove the nested aliases"


def _graph_problem(root: yaml.Node, name: str) -> Problem | None:
    """A recursive alias, or aliases expanding to more than MAX_NODES values (counted once per node)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in active:
            raise _Located(P.ALIAS_BOMB, "an alias refers to the node that contains it; remove the recursive alias", node.start_mark)
        total = 1
        if not isinstance(node, ScalarNode):
            active.add(id(node))
            for child in node.value:
                if isinstance(child, tuple):
                    total += size(child[0]) + size(child[1])
                else:
                    total += size(child)
                if total > MAX_NODES:
                    raise _Located(P.ALIAS_BOMB, _BOMB_MESSAGE, _FIRST)
            active.discard(id(node))
        sizes[id(node)] = total
        return total

    try:
        size(root)
    except _Located as located:
        return located.problem(name)
    except RecursionError:
        return None  # deeper than the stack: the reference loader reports it
    return None


def _roundtrip_tag_problem(text: str, name: str) -> Problem | None:
    """An unsupported tag in a file the reference loader read (its composer keeps tags and marks)."""
    if "!" not in text:
        return None
    try:
        root = _yaml().compose(text)
    except Exception:
        return None
    stack, seen = ([root] if root is not None else []), set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_DATA_TAGS:
            return _unsupported_tag(node).problem(name)
        if isinstance(node.value, list):
            for child in reversed(node.value):
                stack.extend(reversed(child) if isinstance(child, tuple) else (child,))
    return None


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _empty_map() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig")) + 1  # characters, not bytes (all valid before offset)
    return line, column


def _alias_problem(text: str, name: str) -> Problem | None:
    """A recursive alias or an alias bomb, found on the composed node graph (cheap: no values built)."""
    try:
        root = _yaml().compose(text)
    except Exception:
        return None  # the loader reports syntax errors with their positions
    if root is None:
        return None
    count = 0
    stack: set[int] = set()

    def visit(node: Any) -> Problem | None:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            return P.problem(
                P.ALIAS_BOMB,
                f"anchors and aliases expand to more than {MAX_NODES:,} values; remove the nested aliases",
                file=name,
                line=1,
                column=1,
            )
        children = node.value if isinstance(node.value, list) else []
        if id(node) in stack:
            mark = node.start_mark
            return P.problem(
                P.ALIAS_BOMB,
                "an alias refers to the node that contains it; remove the recursive alias",
                file=name,
                line=mark.line + 1,
                column=mark.column + 1,
            )
        stack.add(id(node))
        for child in children:
            for part in child if isinstance(child, tuple) else (child,):
                found = visit(part)
                if found is not None:
                    return found
        stack.discard(id(node))
        return None

    return visit(root)


_DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w:.-])")


def _impossible_date(text: str, name: str) -> Problem | None:
    """ruamel raises a bare ValueError for an unquoted date like 2026-02-30: find it and say where."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_LIKE.finditer(line.split(" #")[0]):
            try:
                date(*(int(g) for g in match.groups()))
            except ValueError:
                return P.problem(
                    P.INVALID_DATE,
                    f"'{match.group(0)}' is not a real date; check the day and month",
                    file=name,
                    line=number,
                    column=match.start() + 1,
                )
    return None


def _first_key_line(text: str, key: str, start_line: int, column: int, before_line: int) -> int | None:
    """1-based line of the first `key:` at `column` between the mapping's start and the duplicate."""
    lines = text.splitlines()
    for index in range(start_line, min(before_line, len(lines))):
        line = lines[index]
        if line[column:].startswith(f"{key}:") or line[column:].startswith(f'"{key}":') or line[column:].startswith(f"'{key}':"):
            return index + 1
    return None


def _yaml_error(err: Exception, name: str, text: str = "") -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is None and isinstance(err, ValueError) and text:
        found = _impossible_date(text, name)
        if found is not None:
            return found
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem_text = (getattr(err, "problem", None) or str(err).splitlines()[0]).strip()
    context = (getattr(err, "context", None) or "").strip()
    if type(err).__name__ == "DuplicateKeyError":
        first = getattr(err, "context_mark", None)
        key = problem_text.split('"')[1] if '"' in problem_text else problem_text
        first_line = _first_key_line(text, key, first.line, mark.column, mark.line) if first is not None and mark is not None else None
        where = f" (first defined on line {first_line})" if first_line else ""
        return P.problem(P.DUPLICATE_KEY, f"duplicate key '{key}'{where}; keep one of them", file=name, line=line, column=column)
    if "\\t" in problem_text or "\t" in problem_text:
        message = "a tab character cannot indent YAML; indent with spaces"
    else:
        message = f"invalid YAML: {problem_text}" + (f" ({context})" if context else "")
    return P.problem(P.YAML_SYNTAX, message, file=name, line=line, column=column)


class _AliasBomb(Exception):
    pass


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.active: set[int] = set()

    def spend(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _AliasBomb(f"anchors and aliases expand to more than {MAX_NODES:,} values; remove the nested aliases")


def to_plain(node: Any, budget: _Budget) -> Any:
    """ruamel round-trip objects -> dict/list/str/int/float/bool/None (dates as ISO strings)."""
    budget.spend()
    if isinstance(node, dict):
        if id(node) in budget.active:
            raise _AliasBomb("an alias refers to the mapping that contains it; remove the recursive alias")
        budget.active.add(id(node))
        result = {_plain_key(k): to_plain(v, budget) for k, v in node.items()}
        budget.active.discard(id(node))
        return result
    if isinstance(node, list):
        if id(node) in budget.active:
            raise _AliasBomb("an alias refers to the list that contains it; remove the recursive alias")
        budget.active.add(id(node))
        items = [to_plain(v, budget) for v in node]
        budget.active.discard(id(node))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return bool(node) if type(node).__name__ == "ScalarBoolean" else int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime):
        return node.isoformat(sep=" ") if node.tzinfo is None else node.isoformat()
    if isinstance(node, date):
        return node.isoformat()
    return str(node)


def _plain_key(key: Any) -> str:
    if isinstance(key, str):
        return str(key)
    if isinstance(key, (date, datetime)):
        return key.isoformat()
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


# --- merging files into one strategy -------------------------------------------------------


def load_source(paths: list[Path]) -> tuple[Source, list[Problem]]:
    files, problems = discover(paths)
    source = Source()
    for path in files:
        document, found = read_document(path)
        problems.extend(found)
        if document is not None:
            merge_document(source, document, problems)
    return source, problems


def merge_document(source: Source, document: Document, problems: list[Problem]) -> None:
    from socialkit.strategy.model import COLLECTIONS  # here: reading a test file or formatting needs no pydantic models

    index = len(source.documents)
    source.documents.append(document)
    for key, value in document.data.items():
        if key in COLLECTIONS and isinstance(value, list):
            merged = source.data.setdefault(key, [])
            if not isinstance(merged, list):
                continue
            for position, item in enumerate(value):
                source.origins[(key, len(merged))] = (index, (key, position))
                merged.append(item)
        elif key in source.data:
            first_doc, _ = source.origin((key,))
            _, line, column, _ = source.locate((key,), key=True)
            here_line, here_column = position_in_tree(document.tree, (key,), key=True)
            problems.append(
                P.problem(
                    P.DEFINED_TWICE,
                    f"'{key}' is already defined in {first_doc.path if first_doc else '?'}:{line}; define it in one file only",
                    file=document.path,
                    line=here_line,
                    column=here_column,
                    json_path=json_path((key,)),
                )
            )
        else:
            source.data[key] = value
            source.origins[(key,)] = (index, (key,))


def json_path(path: Path_) -> str:
    out = "$"
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step.replace("_", "").replace("-", "").isalnum() and not step[:1].isdigit():
            out += f".{step}"
        else:
            out += "[" + repr(step) + "]"
    return out

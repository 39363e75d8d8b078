"""Read strategy YAML files into plain data, keeping where every node came from.

The loader never raises for bad input: a file that cannot be read becomes
problems, the other files still load (one bad file never stops the batch).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from socialkit import problems as P
from socialkit.problems import Problem
from socialkit.strategy.model import COLLECTIONS

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000  # after alias expansion; a billion-laughs file stops here
RESERVED_DIRS = ("tests",)  # strategy/tests/ holds policy tests, not strategy
YAML_SUFFIXES = (".yaml", ".yml")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One strategy file: the ruamel tree (positions, comments) and plain data."""

    path: str
    tree: Any
    data: dict[str, Any]
    sha256: str = ""  # of the raw bytes, for provenance in generated policy


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


def position_in_tree(tree: Any, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
    node, line, column = tree, None, None
    if hasattr(tree, "lc"):
        line, column = tree.lc.line, tree.lc.col
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        lc = getattr(node, "lc", None)
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


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand directories into their YAML files (sorted, skipping strategy/tests/)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file() and not _reserved(p.relative_to(path)))
            if not found:
                problems.append(
                    P.problem(P.NO_FILES, f"no .yaml files in {display(path)}; point at a strategy file or folder", file=display(path))
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(P.problem(P.NO_FILES, f"{display(path)} does not exist; pass a strategy file or folder", file=display(path)))
    return files, problems


def _reserved(relative: Path) -> bool:
    parts = relative.parts
    return len(parts) > 1 and parts[0] in RESERVED_DIRS or any(part.startswith(".") for part in parts)


def display(path: Path) -> str:
    """A path as the user should see it: relative to the working directory if inside it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:
        return str(path)


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
    if "&" in text and "*" in text:  # anchors and aliases: check the node graph before building data
        found = _alias_problem(text, name)
        if found is not None:
            return None, [found]
    try:
        tree = _yaml().load(text)
    except Exception as err:  # ruamel raises many error classes; most carry marks
        return None, [_yaml_error(err, name, text)]
    if tree is None:
        tree = _empty_map()
    if not isinstance(tree, dict):
        return None, [
            P.problem(
                P.NOT_A_MAPPING,
                "a strategy file must start with keys such as 'organization:' or 'channels:', not a list or a single value",
                file=name,
                line=1,
                column=1,
            )
        ]
    try:
        data = to_plain(tree, _Budget())
    except _AliasBomb as err:
        return None, [P.problem(P.ALIAS_BOMB, str(err), file=name, line=1, column=1)]
    import hashlib

    return Document(name, tree, data, hashlib.sha256(raw).hexdigest()), []


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _empty_map():
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

    def visit(node) -> Problem | None:
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
        result = [to_plain(v, budget) for v in node]
        budget.active.discard(id(node))
        return result
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
                    f"'{key}' is already defined in {first_doc.path}:{line}; define it in one file only",
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

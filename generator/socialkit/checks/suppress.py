"""`# socialkit: ignore[SK203]` comments in the YAML.

A comment at the end of the offending line, or of the line of any enclosing
key or list item, silences the listed codes there (and below, for an
enclosing key); `# socialkit: ignore` without brackets silences every code
that can be configured. A file whose text holds such a comment is scanned with
libyaml to tell comments from text inside strings; ruamel's round-trip tree is
the fallback where the two scanners could count lines differently.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from socialkit.checks.config import configurable
from socialkit.problems import Problem
from socialkit.strategy.load import Document, Path_, Source, position_in_tree

DIRECTIVE = re.compile(r"#\s*socialkit:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
EVERY_CODE = "*"
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]")


def parse_json_path(text: str) -> Path_:
    """'$.channels[2].sla' -> ('channels', 2, 'sla'), the inverse of load.json_path."""
    steps: list[str | int] = []
    for match in _STEP.finditer(text[1:] if text.startswith("$") else text):
        name, index, quoted = match.groups()
        steps.append(name if name is not None else int(index) if index is not None else ast.literal_eval(quoted))
    return tuple(steps)


def _tokens(node: Any) -> Iterator[Any]:
    """Every comment token held in ruamel's comment attributes, however nested."""
    if node is None:
        return
    if isinstance(node, list):
        for item in node:
            yield from _tokens(item)
    elif hasattr(node, "start_mark") and hasattr(node, "value"):
        yield node


def _collections(tree: Any) -> Iterator[Any]:
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        children = node.values() if isinstance(node, dict) else node
        stack.extend(child for child in children if isinstance(child, (dict, list)))


def directives(tree: Any) -> dict[int, frozenset[str]]:
    """1-based line -> codes silenced there ({'*'} for all), from end-of-line comments."""
    out: dict[int, set[str]] = {}
    for node in _collections(tree):
        ca = getattr(node, "ca", None)
        if ca is None:
            continue
        holders: list[Any] = [ca.comment, getattr(ca, "end", None), *ca.items.values()]
        for token in _tokens(holders):
            first = str(token.value).split("\n", 1)[0]
            match = DIRECTIVE.search(first)
            if not match:
                continue
            codes = {c.strip().upper() for c in (match.group(1) or "").split(",") if c.strip()} or {EVERY_CODE}
            out.setdefault(token.start_mark.line + 1, set()).update(codes)
    return {line: frozenset(codes) for line, codes in out.items()}


# Line breaks libyaml counts (YAML 1.1) that the round-trip parser (YAML 1.2) does not, and the BOM that
# shifts columns: texts with any of them take the round-trip path.
_SCANNERS_DIFFER = re.compile("[\x85\u2028\u2029\ufeff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def directives_in_text(text: str) -> dict[int, frozenset[str]] | None:
    """Like `directives`, from libyaml's tokens: None where only the round-trip tree can tell."""
    if _SCANNERS_DIFFER.search(text):
        return None
    candidates = [(i, m) for i, line in enumerate(_LINE_BREAK.split(text)) for m in DIRECTIVE.finditer(line)]
    if not candidates:
        return {}
    import yaml

    try:
        scanned = yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        spans = sorted(
            ((t.start_mark.line, t.start_mark.column), (t.end_mark.line, t.end_mark.column))
            for t in scanned
            if isinstance(t, yaml.ScalarToken)  # only text can hold a '#'
        )
    except yaml.YAMLError:
        return None
    starts = [start for start, _ in spans]
    out: dict[int, set[str]] = {}
    done: set[int] = set()
    for line, match in candidates:
        at = (line, match.start())
        i = bisect.bisect_right(starts, at) - 1
        if line in done or (i >= 0 and at < spans[i][1]):
            continue  # inside a string, not a comment; or after the line's first directive, which is the one that counts
        done.add(line)
        codes = {c.strip().upper() for c in (match.group(1) or "").split(",") if c.strip()} or {EVERY_CODE}
        out.setdefault(line + 1, set()).update(codes)
    return {line: frozenset(codes) for line, codes in out.items()}


@dataclass
class Suppressions:
    """The ignore comments of every document, and the test whether one applies."""

    source: Source
    by_file: dict[str, tuple[Document, dict[int, frozenset[str]]]]

    @classmethod
    def of(cls, source: Source) -> Suppressions:
        by_file = {}
        for doc in source.documents:
            found = directives_in_text(doc.text) if DIRECTIVE.search(doc.text) else {}
            if found is None:  # the round-trip parse only when libyaml's lines cannot be trusted
                tree = doc.roundtrip
                found = directives(tree) if tree is not None else {}
            if found:
                by_file[doc.path] = (doc, found)
        return cls(source, by_file)

    def silences(self, problem: Problem) -> bool:
        if problem.file not in self.by_file or not configurable(problem.code):
            return False
        doc, found = self.by_file[problem.file]
        for line in self._lines(doc, problem):
            codes = found.get(line)
            if codes and (EVERY_CODE in codes or problem.code in codes):
                return True
        return False

    def _lines(self, doc: Document, problem: Problem) -> Iterable[int]:
        if problem.line is not None:
            yield problem.line
        path = parse_json_path(problem.json_path)
        for size in range(len(path), 0, -1):
            line, _ = position_in_tree(doc.tree, path[:size], key=True)
            if line is not None:
                yield line

    def filter(self, problems: Iterable[Problem]) -> list[Problem]:
        if not self.by_file:
            return list(problems)
        return [p for p in problems if not self.silences(p)]

"""Cross-reference checks on the built model: ids exist, ids are unique, texts
are in the organisation's languages.

The walk is generic: any field typed with `Ref(section)` in `model.py` is
checked, so a new reference in the model is checked without code here.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from socialkit import problems as P
from socialkit.problems import Problem
from socialkit.strategy.load import Path_, Source, json_path
from socialkit.strategy.model import COLLECTIONS, Ref, Strategy
from socialkit.strategy.scalars import TEXT_MARK

SECTION_NOUN = {
    "people": "person",
    "teams": "team",
    "schedules": "schedule",
    "slas": "SLA",
    "channels": "channel",
    "audiences": "audience",
    "categories": "category",
    "goals": "goal",
    "escalation": "escalation rule",
}


def did_you_mean(value: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_references(strategy: Strategy, source: Source) -> list[Problem]:
    problems = list(_duplicate_ids(strategy, source))
    ids = {section: {item.id for item in getattr(strategy, section)} for section in COLLECTIONS}
    languages = tuple(strategy.organization.languages)
    for path, value, meta, is_key in walk(strategy, Strategy, ()):
        if isinstance(meta, Ref):
            problems.extend(_check_ref(value, meta, path, ids, source, is_key))
        elif meta is TEXT_MARK:
            problems.extend(_check_text(value, path, languages, source))
    return problems


def _at(code: P.Code, message: str, source: Source, path: Path_, *, key: bool = False) -> Problem:
    file, line, column, doc_path = source.locate(path, key=key)
    return P.problem(code, message, file=file, line=line, column=column, json_path=json_path(doc_path))


def _check_ref(value: str, ref: Ref, path: Path_, ids: dict[str, set[str]], source: Source, is_key: bool) -> Iterator[Problem]:
    if value in ids[ref.section] or value in ref.also:
        return
    noun = SECTION_NOUN[ref.section]
    known = sorted(ids[ref.section] | set(ref.also))
    hint = did_you_mean(value, known) or (f"; known: {', '.join(known[:8])}" if known else f"; define it under '{ref.section}:'")
    yield _at(P.UNKNOWN_REFERENCE, f"unknown {noun} '{value}'{hint}", source, path, key=is_key)


def _check_text(value: Any, path: Path_, languages: tuple[str, ...], source: Source) -> Iterator[Problem]:
    if not isinstance(value, dict):
        return
    for lang in value:
        if lang not in languages:
            yield _at(
                P.INVALID_LANGUAGE,
                f"text in '{lang}', which organization.languages does not list ({', '.join(languages)}); add it there or remove this text",
                source,
                path + (lang,),
                key=True,
            )
    missing = [lang for lang in languages if lang not in value]
    if missing:
        yield _at(
            P.MISSING_TRANSLATION,
            f"text has no {', '.join(repr(m) for m in missing)} version; the playbook falls back to '{languages[0] if languages[0] in value else next(iter(value))}'",
            source,
            path,
        )


def _duplicate_ids(strategy: Strategy, source: Source) -> Iterator[Problem]:
    for section in COLLECTIONS:
        first_seen: dict[str, int] = {}
        for index, item in enumerate(getattr(strategy, section)):
            if item.id not in first_seen:
                first_seen[item.id] = index
                continue
            file, line, _, _ = source.locate((section, first_seen[item.id], "id"))
            yield _at(
                P.DUPLICATE_ID,
                f"{SECTION_NOUN[section]} id '{item.id}' is already defined at {file}:{line}; ids must be unique",
                source,
                (section, index, "id"),
            )


# --- the generic walk -------------------------------------------------------------------


def walk(value: Any, annotation: Any, path: Path_, *, is_key: bool = False) -> Iterator[tuple[Path_, Any, Any, bool]]:
    """Yield (path, value, marker, is_key) for every Ref- or text-marked value (or mapping key) in the model."""
    base, markers = _unwrap(annotation)
    for marker in markers:
        if value is not None:
            yield path, value, marker, is_key
    if isinstance(value, BaseModel):
        for name, field_annotation in _fields(type(value)):
            yield from walk(getattr(value, name), field_annotation, path + (name,))
        return
    origin = typing.get_origin(base)
    args = typing.get_args(base)
    if origin in (typing.Union, types.UnionType):
        for arm in args:
            if arm is not type(None) and _may_hold(arm, value):
                yield from walk(value, arm, path)
                break
    elif origin in (list, tuple) and isinstance(value, (list, tuple)) and args:
        for index, item in enumerate(value):
            yield from walk(item, args[0], path + (index,))
    elif origin is dict and isinstance(value, dict) and len(args) == 2:
        for key, item in value.items():
            yield from walk(key, args[0], path + (key,), is_key=True)
            yield from walk(item, args[1], path + (key,))


def _may_hold(annotation: Any, value: Any) -> bool:
    base, _ = _unwrap(annotation)
    if typing.get_origin(base) in (typing.Union, types.UnionType):
        return any(_may_hold(arm, value) for arm in typing.get_args(base))
    origin = typing.get_origin(base) or base
    if isinstance(origin, type):
        if issubclass(origin, BaseModel):
            return isinstance(value, origin)
        return isinstance(value, origin)
    return True


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    markers: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        markers.extend(m for m in annotation.__metadata__ if isinstance(m, Ref) or m is TEXT_MARK)
        annotation = annotation.__origin__
    return annotation, markers


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(model, include_extras=True)
    return tuple((name, hints[name]) for name in model.model_fields)

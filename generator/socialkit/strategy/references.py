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
from dataclasses import dataclass
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
    plan = _plan(annotation)
    if not plan.marked:
        return  # nothing under this annotation carries a marker
    for marker in plan.markers:
        if value is not None:
            yield path, value, marker, is_key
    if isinstance(value, BaseModel):
        for name, field_annotation in _fields(type(value)):
            yield from walk(getattr(value, name), field_annotation, path + (name,))
        return
    origin, args = plan.origin, plan.args
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


@dataclass(frozen=True, slots=True)
class _Plan:
    """An annotation taken apart once: its markers, its origin and arguments, and whether any value under it
    can carry a marker (most fields are plain scalars: the walk need not visit them)."""

    annotation: Any  # kept alive, so its id stays its key
    markers: tuple[Any, ...]
    origin: Any
    args: tuple[Any, ...]
    marked: bool


_PLANS: dict[int, _Plan] = {}


def _plan(annotation: Any) -> _Plan:
    plan = _PLANS.get(id(annotation))
    if plan is None or plan.annotation is not annotation:
        base, markers = _unwrap(annotation)
        _PLANS[id(annotation)] = _Plan(annotation, tuple(markers), typing.get_origin(base), typing.get_args(base), True)  # while deciding
        plan = _Plan(annotation, tuple(markers), typing.get_origin(base), typing.get_args(base), bool(markers) or _may_be_marked(base))
        _PLANS[id(annotation)] = plan
    return plan


def _may_be_marked(base: Any) -> bool:
    """Whether a value of type `base` may hold a marked value; True for anything not taken apart here."""
    if isinstance(base, type) and issubclass(base, BaseModel):
        return any(_plan(field).marked for _, field in _fields(base))
    origin = typing.get_origin(base)
    if origin is None:
        return not isinstance(base, type) or base is object  # a plain class (str, int, date): no markers inside
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        return any(_plan(arg).marked for arg in typing.get_args(base) if arg is not Ellipsis)
    return origin is not typing.Literal


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
    """(name, annotation with its Annotated metadata) per field, as pydantic resolved them when it built the model
    (typing.get_type_hints would evaluate every annotation string again)."""
    return tuple((name, _annotated(info)) for name, info in model.model_fields.items())


def _annotated(info: Any) -> Any:
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation

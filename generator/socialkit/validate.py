"""The validation pipeline: load -> model -> references -> rules. Pure apart from reading files.

`validate_paths` returns the built strategy (or None) and every problem found.
Stages stop between each other, so a later stage never piles errors on top of
an earlier one's (no reference checks on a strategy that did not build, no
rules on one with dangling references). Rule configuration (select, ignore,
severity) and `# socialkit: ignore[...]` comments apply to every stage's
problems at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialkit import problems as P
from socialkit.checks import RuleConfig, Suppressions, run_rules
from socialkit.checks.bounds import check_horizon, check_limits
from socialkit.problems import Problem, has_errors
from socialkit.strategy.load import Path_, Source, json_path, load_source
from socialkit.strategy.model import Strategy
from socialkit.strategy.references import check_references, did_you_mean


@dataclass
class Result:
    strategy: Strategy | None
    source: Source
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.strategy is not None and not has_errors(self.problems)


def validate_paths(
    paths: list[Path],
    *,
    settings: Any = None,
    as_of: date | None = None,
    rules: bool = True,
) -> Result:
    """Load, build, check references and run the rules on the strategy at `paths`.

    `settings` (a `Settings`) supplies the rule configuration, the reference
    date and the horizon; `as_of` overrides its reference date. An invalid
    rule configuration raises `checks.ConfigError` before any file is read.
    `rules=False` stops after the reference checks.
    """
    config = RuleConfig.from_settings(getattr(settings, "rules", None))
    if as_of is None:
        from socialkit.project import resolve_as_of

        as_of = resolve_as_of(None, settings)
    horizon_days = getattr(settings, "horizon_days", 400)
    source, problems = load_source(paths)
    if has_errors(problems) or not source.documents:
        return Result(None, source, _finish(problems, source, config))
    problems.extend(check_limits(source))
    if has_errors(problems):  # text no stage can print or a size no stage should walk: stop here
        return Result(None, source, _finish(problems, source, config))
    strategy, model_problems = build_model(source)
    problems.extend(model_problems)
    if strategy is not None:
        problems.extend(check_references(strategy, source))
        if not has_errors(problems):
            problems.extend(check_horizon(strategy, source, as_of=as_of, horizon_days=horizon_days))
        if rules and not has_errors(problems):
            problems.extend(run_rules(strategy, source, as_of=as_of, horizon_days=horizon_days, config=config))
    return Result(strategy, source, _finish(problems, source, config))


def _finish(problems: list[Problem], source: Source, config: RuleConfig) -> list[Problem]:
    """Apply rule configuration and ignore comments; sort; drop duplicates."""
    kept = Suppressions.of(source).filter(config.apply(problems))
    return sorted(set(kept), key=Problem.sort_key)


def build_model(source: Source) -> tuple[Strategy | None, list[Problem]]:
    try:
        return Strategy.model_validate(source.data), []
    except ValidationError as err:
        return None, problems_from_errors(err.errors(include_url=False), source)


# --- pydantic errors -> problems ----------------------------------------------------------

CUSTOM_CODES = {
    "sk_timezone": P.INVALID_TIMEZONE,
    "sk_time": P.INVALID_TIME,
    "sk_duration": P.INVALID_DURATION,
    "sk_date": P.INVALID_DATE,
    "sk_id": P.INVALID_ID,
    "sk_url": P.INVALID_URL,
    "sk_version": P.UNSUPPORTED_VERSION,
    "sk_language": P.INVALID_LANGUAGE,
    "sk_value": P.INVALID_VALUE,
    "sk_type": P.WRONG_TYPE,
    "sk_character": P.INVALID_CHARACTER,
    "sk_limit": P.LIMIT_EXCEEDED,
    "less_than_equal": P.LIMIT_EXCEEDED,
    "string_too_long": P.LIMIT_EXCEEDED,
    "extra_forbidden": P.UNKNOWN_KEY,
    "missing": P.MISSING_KEY,
    "literal_error": P.INVALID_CHOICE,
    "enum": P.INVALID_CHOICE,
    "value_error": P.INVALID_VALUE,
    "string_pattern_mismatch": P.INVALID_VALUE,
    "too_short": P.INVALID_VALUE,
    "too_long": P.INVALID_VALUE,
    "greater_than_equal": P.INVALID_VALUE,
    "string_too_short": P.INVALID_VALUE,
}


def problems_from_errors(errors: list[dict[str, Any]], source: Source) -> list[Problem]:
    problems: dict[Path_, Problem] = {}
    for error in errors:
        path = data_path(source.data, error["loc"])
        code = CUSTOM_CODES.get(error["type"], P.WRONG_TYPE)
        is_key = error["type"] == "extra_forbidden" or error["loc"][-1:] == ("[key]",)
        file, line, column, doc_path = source.locate(path, key=is_key)
        message = _message(error, path, source)
        key = path + ((error["loc"][-1],) if error["type"] == "missing" else ())
        problems.setdefault(
            key, P.problem(code, message, file=file, line=line, column=column, json_path=json_path(doc_path + key[len(path) :]))
        )
    return list(problems.values())


def data_path(data: Any, loc: tuple) -> Path_:
    """The part of a pydantic location that exists in the data (drops union arm names)."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            node = node[step]
            path.append(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            path.append(step)
    return tuple(path)


def _message(error: dict[str, Any], path: Path_, source: Source) -> str:
    kind, loc = error["type"], error["loc"]
    name = loc[-1] if loc else "value"
    where = _where(path[:-1] if kind == "extra_forbidden" else path)
    if kind == "extra_forbidden":
        hint = _split_by_comma_hint(name, path, source) or did_you_mean(str(name), _known_keys(loc))
        return f"unknown key '{name}'{where}{hint}"
    if kind == "missing":
        return f"missing required key '{name}'{_where(path)}"
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"{error['input']!r} is not allowed for '{name}'; choose one of {expected}{did_you_mean(str(error['input']), _choices(expected))}"
    if kind.startswith("sk_"):
        return error["msg"]
    if isinstance(name, int):  # a position alone ('0') says nothing: name the field and the entry
        name = json_path(path)[2:] or name
    if kind.endswith("_type") or kind in ("model_type", "dict_type", "list_type"):
        hint = _entry_hint(name, error) if kind in ("model_type", "dict_type") else ""
        return f"'{name}' {error['msg'][0].lower()}{error['msg'][1:]}, got {type(error['input']).__name__} {_short(error['input'])}{hint}"
    return f"'{name}': {error['msg'][0].lower()}{error['msg'][1:]}"


def _split_by_comma_hint(name: Any, path: Path_, source: Source) -> str:
    """`{respond: 4,5h}` reads as respond: 4 plus a key '5h' with no value: say so, and how to write it."""
    node: Any = source.data
    for step in path:
        node = node[step] if isinstance(node, (dict, list)) else None
    if node is not None or not re.match(r"^\s*\d", str(name)):
        return ""
    return (
        f"; an unquoted comma inside {{...}} ends the value before it, so '{name}' became a key of its own: "
        "write that value without a comma (4h30m, not 4,5h) or quote it"
    )


def _entry_hint(name: Any, error: dict[str, Any]) -> str:
    if not isinstance(error.get("input"), str) or "[" not in str(name):
        return ""
    return f"; each entry is a mapping of keys: write '- id: {error['input']}' and its other keys indented below it"


def _where(path: Path_) -> str:
    if not path:
        return " at the top level"
    return f" in {json_path(path)[2:] or 'the top level'}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _choices(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _known_keys(loc: tuple) -> list[str]:
    """Keys allowed next to an unknown key, following the location through the models."""

    from pydantic import BaseModel

    from socialkit.strategy.references import _fields

    model: Any = Strategy
    annotation: Any = None
    for step in loc[:-1]:
        arm = _tagged_arm(annotation, step)
        if arm is not None:  # a tagged union's arm (an SLA target: 'timing' or 'windows')
            model = _model_in(arm)
            continue
        if isinstance(step, int) or not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        annotation = dict(_fields(model)).get(step)
        if annotation is None:  # a key of a dict-typed field (e.g. an SLA target's category)
            continue
        model = _model_in(annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _tagged_arm(annotation: Any, tag: Any) -> Any:
    """The arm of a tagged union field that pydantic names `tag` in an error location, or None."""
    import typing

    from pydantic import Tag

    if annotation is None or not isinstance(tag, str):
        return None
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = annotation.__origin__
    for arm in typing.get_args(annotation):
        if typing.get_origin(arm) is typing.Annotated and any(isinstance(m, Tag) and m.tag == tag for m in arm.__metadata__):
            return arm
        if arm is not type(None) and (found := _tagged_arm(arm, tag)) is not None:  # inside Optional[...]
            return found
    return None


def _model_in(annotation: Any) -> Any:
    import typing

    from pydantic import BaseModel

    from socialkit.strategy.references import _unwrap

    base, _ = _unwrap(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return base
    for arg in typing.get_args(base):
        found = _model_in(arg)
        if found is not None:
            return found
    return None

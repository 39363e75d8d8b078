"""Settings: CLI flags > SOCIALKIT_* environment > [tool.socialkit] in the nearest
pyproject.toml > defaults.

Each source is one small function returning a mapping (`_from_pyproject`,
`_from_environment`; flags arrive as overrides), merged in that order and
validated once by the `Settings` model. The sources follow pydantic-settings'
conventions (a `SOCIALKIT_` prefix, `__` between a section and its key, JSON
for lists and mappings, names in any letter case); the package itself is not
used because importing it pulls asyncio, ssl and cloud secret providers into
every start of every command (about 95 ms of `socialkit validate`'s 350 ms).

Relative paths from the environment, pyproject.toml or the defaults are taken
relative to the project root (the folder of that pyproject.toml, else the
working directory); the CLI resolves its own flags against the working
directory before they arrive here.
"""

from __future__ import annotations

import json
import os
import typing
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from socialkit.errors import SocialkitError

ENV_PREFIX = "SOCIALKIT_"


# The reference date's range: the log an audit reads and the times a decision prints stay within the years 1970-2199
# (the zone formatter's table), and so do the messages a week or a month after the last reference date.
AS_OF_MIN = date(1971, 1, 1)
AS_OF_MAX = date(2190, 12, 31)


class SettingsError(SocialkitError):
    """A setting is invalid; the message names the source and the key."""


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list, description="Only these rule codes or prefixes (e.g. 'SK2'); empty = all.")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to skip.")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Override a rule's severity, e.g. {SK203 = 'error'}."
    )


class AuditSettings(BaseModel):
    """[tool.socialkit.audit]: how `socialkit audit` reads exports, and the result `build` publishes."""

    model_config = ConfigDict(extra="forbid")

    preset: str | None = Field(
        None, description="Column names of a common export: socialkit, hootsuite, sprout, zendesk, zendesk-csv, freshdesk."
    )
    columns: dict[str, str] = Field(default_factory=dict, description="Field -> column (or dotted JSON key), over the preset.")
    values: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Export value -> policy id for channel, category or author_type, e.g. {category = {Klagomål = 'complaint'}}.",
    )
    moderation_columns: dict[str, str] = Field(
        default_factory=dict,
        description="Moderation-log field -> column, e.g. {time = 'Created at', reason = 'Rule'} (audit --moderation-log).",
    )
    delimiter: str | None = Field(None, description="CSV delimiter; default: sniffed from the file.")
    time_format: str | None = Field(None, description="strptime format for times that are not ISO 8601, e.g. '%d/%m/%Y %H:%M'.")
    timezone: str | None = Field(None, description="IANA zone of times without an offset; default the organisation's.")
    resolved: list[str] | None = Field(
        None, description="Values of the resolved column that mean resolved (any other value: not resolved); default: the preset's."
    )
    complaint_categories: list[str] = Field(
        default_factory=list, description="Category ids that goal metrics count as complaints; default: the category 'complaint'."
    )
    complaint_sentiments: list[str] = Field(
        default_factory=list, description="Categories with these sentiments (e.g. negative) also count as complaints."
    )
    result: Path | None = Field(
        None, description="Audit result JSON (`socialkit audit --format json --output`) that `build` publishes as a report page."
    )


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strategy: Path = Field(Path("strategy"), description="Strategy file or folder of YAML files.")
    policies_dir: Path = Field(Path("policies"), description="Where generated policy is written.")
    docs_dir: Path = Field(Path("docs"), description="Where the generated playbook Markdown is written.")
    schemas_dir: Path = Field(Path("schemas"), description="Where the published JSON Schemas live.")
    site_dir: Path = Field(Path("site"), description="Where the static site is built.")
    tests_dir: Path = Field(Path("strategy/tests"), description="Policy expectations run by `socialkit test`.")
    language: str | None = Field(None, description="Default language of output; default the strategy's first language.")
    as_of: date | None = Field(
        None,
        ge=AS_OF_MIN,
        le=AS_OF_MAX,
        description="Reference date: start of compiled horizons, 'past' for goals. Default today. Between 1971-01-01 and 2190-12-31.",
    )
    horizon_days: int = Field(400, ge=1, le=3660, description="Days of opening windows compiled from as_of.")
    horizon_warn_days: int = Field(
        60, ge=0, le=3660, description="Warn (SK050) when the committed policy's horizon ends within this many days of today."
    )
    rules: RuleSettings = Field(default_factory=RuleSettings, description="Rule selection and severities.")
    audit: AuditSettings = Field(default_factory=AuditSettings, description="How `socialkit audit` reads exports; the published result.")
    cache: bool = Field(True, description="Reuse policies compiled from an unchanged strategy (evaluate, open, on-duty, test --strategy).")
    cache_dir: Path = Field(
        default_factory=lambda: _default_cache_dir(), description="Where compiled policies are cached; default $XDG_CACHE_HOME/socialkit."
    )
    root: Path = Field(Path("."), exclude=True, description="Project root (set by the loader, not a setting).")

    def path(self, value: Path) -> Path:
        """A settings path made absolute against the project root."""
        return value if value.is_absolute() else self.root / value


def _default_cache_dir() -> Path:
    from socialkit.project import default_cache_dir

    return default_cache_dir()


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(overrides: dict | None = None, *, cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from every source; raise SettingsError with a one-line message."""
    cwd = (cwd or Path.cwd()).resolve()
    pyproject = find_pyproject(cwd)
    where = f"{pyproject} [tool.socialkit] or SOCIALKIT_* environment" if pyproject else "SOCIALKIT_* environment"
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    values = _merged(_from_pyproject(pyproject), _from_environment(os.environ if environ is None else environ), flags)
    values["root"] = pyproject.parent if pyproject else cwd
    try:
        return Settings.model_validate(values)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        if first["loc"] and first["loc"][0] in flags and first["loc"][0] != "root":
            where = "the command line"
        if first["type"] == "extra_forbidden":
            model = _SECTIONS.get(str(first["loc"][0]), Settings) if len(first["loc"]) > 1 else Settings
            known = ", ".join(sorted(k for k in model.model_fields if k != "root"))
            raise SettingsError(f"unknown setting '{key}' (from {where}); known: {known}") from None
        raise SettingsError(f"invalid setting '{key}' (from {where}): {first['msg']}") from None


# --- the sources ----------------------------------------------------------------------------

_SECTIONS: dict[str, type[BaseModel]] = {"rules": RuleSettings, "audit": AuditSettings}


def _from_pyproject(pyproject: Path | None) -> dict[str, Any]:
    """[tool.socialkit] of the nearest pyproject.toml (a file without the table sets nothing)."""
    if pyproject is None:
        return {}
    import tomllib

    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("socialkit", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SettingsError(f"cannot read settings from {pyproject}: {err}") from None
    if not isinstance(table, dict):
        raise SettingsError(f"cannot read settings from {pyproject}: [tool.socialkit] is not a table")
    return {key: value for key, value in table.items() if key != "root"}


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """SOCIALKIT_<SETTING>, SOCIALKIT_<SECTION>__<KEY> and deeper (SOCIALKIT_RULES__SEVERITY__SK104), in any letter
    case for setting names; other SOCIALKIT_* names are not settings (SOCIALKIT_DEBUG, ...) and are left alone."""
    found: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.upper().startswith(ENV_PREFIX):
            continue
        parts = name[len(ENV_PREFIX) :].split("__")
        placed = _place(found, Settings, parts, raw, name)
        if placed is not None:
            found = placed
    return found


def _place(found: dict[str, Any], model: type[BaseModel], parts: list[str], raw: str, name: str) -> dict[str, Any] | None:
    """`found` with the value of `parts` (a path through the settings models) set; None when it names no setting."""
    field_name = parts[0].lower()
    if field_name == "root" or field_name not in model.model_fields or not all(parts):
        return None
    annotation = model.model_fields[field_name].annotation
    if len(parts) == 1:
        return {**found, field_name: _env_value(annotation, raw, name)}
    inner = found.get(field_name) if isinstance(found.get(field_name), dict) else {}
    section = _model_in(annotation)
    if section is not None:
        placed = _place(inner, section, parts[1:], raw, name)
        return None if placed is None else {**found, field_name: placed}
    if typing.get_origin(annotation) is dict and len(parts) == 2:  # a mapping's key, as written: SK104
        value_type = typing.get_args(annotation)[1] if typing.get_args(annotation) else Any
        return {**found, field_name: {**inner, parts[1]: _env_value(value_type, raw, name)}}
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_model_in, typing.get_args(annotation)) if m is not None), None)


def _env_value(annotation: Any, raw: str, name: str) -> Any:
    """Lists, mappings and sections are JSON in the environment; everything else is its text."""
    if not _is_structured(annotation):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        raise SettingsError(
            f"{name} is not JSON; list settings in the environment are JSON, e.g. SOCIALKIT_RULES__IGNORE='[\"SK203\"]'"
        ) from None


def _is_structured(annotation: Any) -> bool:
    origin = typing.get_origin(annotation) or annotation
    if origin in (list, dict, tuple, set):
        return True
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return True
    return any(_is_structured(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _merged(*sources: dict[str, Any]) -> dict[str, Any]:
    """Later sources win; sections merge key by key (rules.select from pyproject, rules.ignore from the environment)."""
    out: dict[str, Any] = {}
    for source in sources:
        for key, value in source.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = _merged(out[key], value)
            else:
                out[key] = value
    return out

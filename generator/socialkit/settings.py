"""Settings: CLI flags > SOCIALKIT_* environment > [tool.socialkit] in the nearest
pyproject.toml > defaults.

Relative paths from the environment, pyproject.toml or the defaults are taken
relative to the project root (the folder of that pyproject.toml, else the
working directory); the CLI resolves its own flags against the working
directory before they arrive here.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, PyprojectTomlConfigSettingsSource, SettingsConfigDict
from pydantic_settings import SettingsError as PydanticSettingsError

from socialkit.errors import SocialkitError

_PYPROJECT: ContextVar[Path | None] = ContextVar("socialkit_pyproject", default=None)


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


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SOCIALKIT_",
        env_nested_delimiter="__",
        extra="forbid",
        pyproject_toml_table_header=("tool", "socialkit"),
    )

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

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Always configured (a missing file reads as empty), so pydantic-settings has no unused key to warn about.
        pyproject = _PYPROJECT.get() or Path(".socialkit-no-pyproject.toml")
        return (init_settings, env_settings, PyprojectTomlConfigSettingsSource(settings_cls, pyproject))

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


def load_settings(overrides: dict | None = None, *, cwd: Path | None = None) -> Settings:
    """Build settings from every source; raise SettingsError with a one-line message."""
    cwd = (cwd or Path.cwd()).resolve()
    pyproject = find_pyproject(cwd)
    token = _PYPROJECT.set(pyproject)
    try:
        values = {k: v for k, v in (overrides or {}).items() if v is not None}
        values["root"] = pyproject.parent if pyproject else cwd
        return Settings(**values)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        where = f"{pyproject} [tool.socialkit] or SOCIALKIT_* environment" if pyproject else "SOCIALKIT_* environment"
        if first["loc"] and first["loc"][0] in values and first["loc"][0] != "root":
            where = "the command line"
        if first["type"] == "extra_forbidden":
            model = (
                {"rules": RuleSettings, "audit": AuditSettings}.get(str(first["loc"][0]), Settings) if len(first["loc"]) > 1 else Settings
            )
            known = ", ".join(sorted(k for k in model.model_fields if k != "root"))
            raise SettingsError(f"unknown setting '{key}' (from {where}); known: {known}") from None
        raise SettingsError(f"invalid setting '{key}' (from {where}): {first['msg']}") from None
    except PydanticSettingsError as err:  # e.g. SOCIALKIT_RULES__IGNORE that is not JSON
        raise SettingsError(f"{err}; list settings in the environment are JSON, e.g. SOCIALKIT_RULES__IGNORE='[\"SK203\"]'") from None
    except Exception as err:  # a malformed pyproject.toml
        raise SettingsError(f"cannot read settings from {pyproject or 'the environment'}: {err}") from None
    finally:
        _PYPROJECT.reset(token)

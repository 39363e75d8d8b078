"""The project service: settings -> a validated strategy -> the policy document -> a `Policy`.

Every command, the MkDocs plugin and `serve` go through this one door, so they
agree on the rule configuration (select, ignore, severity), the reference date
and the horizon. Without it, `validate` and `build` could disagree about
whether the same strategy is valid.

    project = Project.open(as_of=date(2026, 11, 23))
    result = project.validate()            # every problem, as `socialkit validate` reports them
    document = project.document()          # raises StrategyHasErrors if the strategy has errors
    policy = project.policy()              # the Policy API over that document

The reference date has one rule (`resolve_as_of`): an explicit date (a flag)
wins, then the `as_of` setting (SOCIALKIT_AS_OF or [tool.socialkit]), then a
fallback the caller names (e.g. the date the committed policy was built for),
then today.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialkit.errors import EXIT_USAGE, SocialkitError

if TYPE_CHECKING:  # the runtime answers from a built policy without pydantic or YAML
    from socialkit.problems import Problem
    from socialkit.runtime.policy import Policy
    from socialkit.settings import Settings
    from socialkit.validate import Result

CACHE_FORMAT = 2  # bump when the cached document's meaning changes without a version change


class StrategyHasErrors(SocialkitError):
    """The strategy does not validate, so the command cannot go on; `problems` holds the errors."""

    exit_code = EXIT_USAGE

    def __init__(self, verb: str, problems: list[Problem]) -> None:
        super().__init__(f"{verb} stopped: the strategy has errors; fix them first (socialkit validate)")
        self.problems = problems


def resolve_as_of(explicit: date | None, settings: Settings | None, fallback: date | None = None) -> date:
    """The reference date: a flag, then the as_of setting, then the caller's fallback, then today."""
    if explicit is not None:
        return explicit
    if settings is not None and settings.as_of is not None:
        return settings.as_of
    return fallback or date.today()


@dataclass
class Project:
    """One strategy under one set of settings; results are computed once and kept."""

    settings: Settings
    strategy_path: Path
    _documents: dict[date, dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(
        cls,
        *,
        strategy: str | Path | None = None,
        as_of: date | None = None,
        cwd: Path | None = None,
        **overrides: Any,
    ) -> Project:
        """Settings from every source (flags given here win), and the strategy path they name.

        `strategy` given here is relative to the working directory, like a path typed on the
        command line; the setting is relative to the project root.
        """
        from socialkit.settings import load_settings

        settings = load_settings({**overrides, "as_of": as_of}, cwd=cwd)
        path = Path(strategy).resolve() if strategy else settings.path(settings.strategy)
        return cls(settings, path)

    def at(self, as_of: date) -> Project:
        """The same project judged and compiled as of another date (e.g. the date of a built policy)."""
        return Project(self.settings.model_copy(update={"as_of": as_of}), self.strategy_path)

    def with_strategy(self, path: Path) -> Project:
        """The same settings over another strategy (e.g. a revision exported from git)."""
        return Project(self.settings, path)

    # --- the reference date ------------------------------------------------------------------

    @property
    def as_of(self) -> date:
        return resolve_as_of(None, self.settings)

    def committed_as_of(self) -> date | None:
        """The date the committed policies/policy.json was built for, if it is a readable regular file."""
        from socialkit.safepath import UnsafePath, read_regular

        try:
            data = read_regular(self.settings.path(self.settings.policies_dir) / "policy.json")
            document = json.loads(data) if data is not None else None
            return date.fromisoformat(document["provenance"]["as_of"]) if document is not None else None
        except (OSError, UnsafePath, ValueError, KeyError, TypeError, RecursionError):
            return None

    # --- validation ------------------------------------------------------------------------

    def validate(self, paths: list[Path] | None = None) -> Result:
        """Load, build, check references and run the configured rules, as `socialkit validate` does."""
        from socialkit.validate import validate_paths

        return validate_paths(paths or [self.strategy_path], settings=self.settings)

    def problems(self, paths: list[Path] | None = None) -> tuple[list[Problem], bool]:
        """(every problem, valid?) as `validate` reports them, from the result cache when nothing changed.

        A warm run skips the strategy model, the rules and their libraries: the same files under the
        same settings, version and reference date give the same verdict.
        """
        store = CompileCache.for_settings(self.settings)
        key = store.validation_key(self, paths or [self.strategy_path]) if store else None
        cached = store.get(key) if store and key else None
        if cached is not None:
            restored = _problems_from(cached)
            if restored is not None:
                return restored
        result = self.validate(paths)
        if store and key:
            store.put(key, {"ok": result.ok, "problems": [p.as_dict() for p in result.problems]})
        return result.problems, result.ok

    @cached_property
    def result(self) -> Result:
        return self.validate()

    def checked(self, verb: str) -> Result:
        """The validation result of a strategy without errors; else StrategyHasErrors."""
        if not self.result.ok:
            from socialkit.problems import Severity

            raise StrategyHasErrors(verb, [p for p in self.result.problems if p.severity is Severity.ERROR])
        return self.result

    # --- compiling ---------------------------------------------------------------------------

    def document(self, as_of: date | None = None, *, verb: str = "compiling") -> dict[str, Any]:
        """The policy document (`socialkit.policy/v1`) compiled from the validated strategy."""
        day = as_of or self.as_of
        if day not in self._documents:
            from socialkit.compile.document import compile_policy

            result = self.checked(verb)
            self._documents[day] = compile_policy(
                result.strategy, as_of=day, horizon_days=self.settings.horizon_days, fingerprint=result.source.fingerprint()
            )
        return self._documents[day]

    def policy(self, as_of: date | None = None, *, verb: str = "evaluation", cache: bool = True) -> Policy:
        """The Policy API over the compiled document; reuses the compile cache when the strategy is unchanged."""
        from socialkit.runtime.policy import Policy

        day = as_of or self.as_of
        store = CompileCache.for_settings(self.settings) if cache else None
        key = store.key(self, day) if store else None
        if store is not None and key is not None:
            cached = store.get(key)
            if cached is not None:
                return Policy.from_document(cached)
        document = self.document(day, verb=verb)
        if store is not None and key is not None:
            store.put(key, document)
        return Policy.from_document(document)


@dataclass(frozen=True)
class CompileCache:
    """Compiled policy documents keyed by the strategy's bytes, the settings that shape them and the version.

    Only documents of strategies that validated are stored, so a hit may skip validation:
    the same bytes under the same rule configuration give the same verdict.
    """

    folder: Path

    @classmethod
    def for_settings(cls, settings: Settings) -> CompileCache | None:
        if not settings.cache:
            return None
        return cls(settings.path(settings.cache_dir))

    def key(self, project: Project, as_of: date) -> str | None:
        from socialkit import __version__

        settings = project.settings
        shaping = {
            "cache": CACHE_FORMAT,
            "version": __version__,
            "as_of": as_of.isoformat(),
            "horizon_days": settings.horizon_days,
            "rules": settings.rules.model_dump(mode="json"),
        }
        return _digest(shaping, [project.strategy_path])

    def validation_key(self, project: Project, paths: list[Path]) -> str | None:
        """The key of a validation result: every setting, the reference date, the versions that judge, the files."""
        from importlib.metadata import PackageNotFoundError, version

        from socialkit import __version__

        try:
            calendar = version("holidays")  # its data decides which days are public holidays
        except PackageNotFoundError:
            calendar = None
        shaping = {
            "cache": CACHE_FORMAT,
            "kind": "validation",
            "version": __version__,
            "holidays": calendar,
            "as_of": project.as_of.isoformat(),
            "settings": project.settings.model_dump(mode="json"),
            "cwd": os.getcwd(),  # problems name their files relative to it
        }
        return _digest(shaping, paths)

    def get(self, key: str) -> dict[str, Any] | None:
        path = self.folder / f"{key}.json"
        if path.is_symlink() or not path.is_file():
            return None
        try:
            document = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        return document if isinstance(document, dict) else None

    def put(self, key: str, document: dict[str, Any]) -> None:
        """Store atomically; a cache that cannot be written is no error (the next call compiles again)."""
        from socialkit.write import write_bytes_atomic

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(self.folder / f"{key}.json", json.dumps(document, separators=(",", ":")).encode())
        except OSError:
            return
        self._prune()

    def _prune(self, keep: int = 32) -> None:
        """Keep the newest entries only: a cache folder must not grow without bound."""
        try:
            entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep:]:
                old.unlink(missing_ok=True)
        except OSError:
            return


def _digest(shaping: dict[str, Any], paths: list[Path]) -> str | None:
    """sha256 of what shapes a result and of the strategy files under `paths`; None if they cannot be listed or read."""
    import hashlib

    from socialkit.strategy.files import discover

    files, problems = discover(paths)
    if problems or not files:
        return None
    digest = hashlib.sha256(json.dumps(shaping, sort_keys=True, default=str).encode())
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            return None
        digest.update(str(file).encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _problems_from(cached: dict[str, Any]) -> tuple[list[Problem], bool] | None:
    """A cached validation result back as problems; None if the entry is not one (then validate again)."""
    from socialkit.problems import Problem, Severity

    try:
        problems = [
            Problem(
                code=str(p["code"]),
                severity=Severity(p["severity"]),
                message=str(p["message"]),
                file=p["file"],
                line=p["line"],
                column=p["column"],
                json_path=str(p["json_path"]),
            )
            for p in cached["problems"]
        ]
        return problems, bool(cached["ok"])
    except (KeyError, TypeError, ValueError):
        return None


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/socialkit, else ~/.cache/socialkit (outside the project, so git never sees it)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "socialkit"

"""Which files make up a strategy: found without parsing YAML, so a cache key costs no parser."""

from __future__ import annotations

import os
from pathlib import Path

from socialkit import problems as P
from socialkit.problems import Problem

RESERVED_DIRS = ("tests",)  # strategy/tests/ holds policy tests, not strategy
YAML_SUFFIXES = (".yaml", ".yml")  # compared in lower case: channels.YAML is a strategy file too


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand directories into their YAML files (sorted, skipping strategy/tests/)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if is_yaml_name(p) and p.is_file() and not _reserved(p.relative_to(path)))
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


def is_yaml_name(path: Path) -> bool:
    """A .yaml or .yml file, in any letter case (channels.YAML is not silently skipped)."""
    return path.suffix.lower() in YAML_SUFFIXES


def _reserved(relative: Path) -> bool:
    parts = relative.parts
    return len(parts) > 1 and parts[0] in RESERVED_DIRS or any(part.startswith(".") for part in parts)


def display(path: Path) -> str:
    """A path as the user should see it: relative to the working directory if inside it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:
        return str(path)

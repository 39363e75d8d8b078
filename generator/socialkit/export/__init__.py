"""Exporters: every module here with `export_files(request) -> {name: bytes}` adds files under policies/.

All exporters share one signature: they get an `ExportRequest` (the compiled
document, the strategy model, the reference date, the source files and the
audience) and return file names (relative, posix) mapped to bytes. A new
exporter is a new module; `export_all` finds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialkit.strategy.load import Source
    from socialkit.strategy.model import Strategy


@dataclass(frozen=True)
class ExportRequest:
    document: dict[str, Any]
    strategy: Strategy
    as_of: date
    source: Source | None = None
    audience: str = "internal"


Exporter = Callable[[ExportRequest], dict[str, bytes]]


def exporter_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def exporters(modules: list[str] | None = None) -> list[Exporter]:
    """`export_files` of the named modules, or of every exporter module."""
    found = []
    for name in modules or exporter_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "export_files"):
            found.append(module.export_files)
    return found


def export_all(
    document: dict[str, Any],
    strategy: Strategy,
    *,
    as_of: date,
    source: Source | None = None,
    audience: str = "internal",
    modules: list[str] | None = None,
) -> dict[str, bytes]:
    """Every file the chosen exporters make, as bytes."""
    request = ExportRequest(document, strategy, as_of, source, audience)
    files: dict[str, bytes] = {}
    for export_files in exporters(modules):
        for name, data in export_files(request).items():
            files[name] = data.encode("utf-8") if isinstance(data, str) else data
    return files

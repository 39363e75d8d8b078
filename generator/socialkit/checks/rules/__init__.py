"""Rule families: every module here registers its rules with `@rule` on import.

Add a family by adding a module; `register_all` finds it, so there is no list
of modules to keep in step.
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all() -> None:
    """Import every rule module in this package (each registers its rules once)."""
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")

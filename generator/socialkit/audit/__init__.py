"""`socialkit audit`: interaction logs measured against the policy.

The package reads as its pipeline, one module per stage:

    read       logs (CSV any delimiter / JSON lines) -> Log columns + BadRows
    verdicts   Log + Policy -> Verdicts (deadlines, met or not, business/calendar times)
    summarise  Verdicts -> the `socialkit.audit/v1` result (plain JSON-ready data)
    render     result -> terminal table / CSV
    report     result -> the Markdown report page with SVG charts (pure; `build` publishes it)
    duckdb     the same verdicts in SQL for logs beyond memory (sql/verdicts.sql)

    >>> result = audit(["export.csv"], policy, make_config(preset="zendesk-csv"))
    >>> result["overall"]["within_sla"]
"""

from __future__ import annotations

import importlib

# Exported names and the stage module each comes from. Imported on first use, so the CLI's
# start-up (which registers `socialkit audit`) does not load numpy and the policy engine.
_EXPORTS = {
    "audit": "pipeline",
    "audit_log": "pipeline",
    "AuditConfig": "mapping",
    "MappingError": "mapping",
    "make_config": "mapping",
    "BadRow": "read",
    "Log": "read",
    "ReadError": "read",
    "read_logs": "read",
    "Verdicts": "verdicts",
    "judge": "verdicts",
    "summarise": "summarise",
    "RESULT_FORMAT": "summarise",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)

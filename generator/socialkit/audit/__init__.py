"""`socialkit audit`: interaction logs measured against the policy.

The package reads as its pipeline, one module per stage:

    read       logs (CSV any delimiter / JSON lines) -> Log columns + BadRows
    verdicts   Log + Policy -> Verdicts (deadlines, met or not, business/calendar times)
    summarise  Verdicts -> the `socialkit.audit/v1` result (plain JSON-ready data)
    render     result -> terminal table / CSV
    report     result -> the Markdown report page with SVG charts (pure; `build` publishes it)
    duckdb     the same verdicts in SQL for logs beyond memory (sql/verdicts.sql)

    >>> result = audit(["inbox.csv"], policy, make_config(preset="sprout"))
    >>> result["overall"]["within_sla"]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .mapping import AuditConfig, MappingError, make_config
from .read import BadRow, Log, ReadError, paused_gc, read_logs
from .summarise import RESULT_FORMAT, summarise
from .verdicts import Verdicts, horizon_problems, judge

__all__ = ["audit", "audit_log", "AuditConfig", "MappingError", "ReadError", "BadRow", "Log", "Verdicts", "make_config",
           "read_logs", "judge", "summarise", "RESULT_FORMAT"]


def audit_log(log: Log, policy, *, now: int | None = None, strategy=None, details: bool = False) -> tuple[dict[str, Any], Verdicts]:
    """Verdicts and the summary for an already read log; rows outside the horizon join the skipped rows."""
    with paused_gc():
        inside, outside = horizon_problems(log, policy)
        verdicts = judge(inside, policy, now)
        skipped = sorted(log.bad + outside, key=lambda b: (log.files.index(b.file) if b.file in log.files else 0, b.line))
        return summarise(verdicts, policy, skipped=skipped, strategy=strategy, zone=None, details=details), verdicts


def audit(paths: list[str | Path], policy, config: AuditConfig | None = None, *, now: int | None = None, strategy=None,
          details: bool = False, progress=None) -> dict[str, Any]:
    """Read, judge and summarise in one call: the `socialkit.audit/v1` result."""
    log = read_logs([Path(p) for p in paths], policy.document, config or AuditConfig(), shown=[str(p) for p in paths],
                    progress=progress)
    return audit_log(log, policy, now=now, strategy=strategy, details=details)[0]

"""Read, judge and summarise in one call (the functions `socialkit.audit` exports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialkit.audit.mapping import AuditConfig, complaint_categories
from socialkit.audit.read import Log, paused_gc, read_logs
from socialkit.audit.summarise import summarise
from socialkit.audit.verdicts import Verdicts, horizon_problems, judge


def audit_log(
    log: Log, policy, *, now: int | None = None, strategy=None, details: bool = False, config: AuditConfig | None = None
) -> tuple[dict[str, Any], Verdicts]:
    """Verdicts and the summary for an already read log; rows outside the horizon join the skipped rows."""
    complaints = complaint_categories(policy.document, config or AuditConfig())
    with paused_gc():
        inside, outside = horizon_problems(log, policy)
        verdicts = judge(inside, policy, now)
        skipped = sorted(log.bad + outside, key=lambda b: (log.files.index(b.file) if b.file in log.files else 0, b.line))
        summary = summarise(verdicts, policy, skipped=skipped, strategy=strategy, zone=None, details=details, complaints=complaints)
        return summary, verdicts


def audit(
    paths: list[str | Path],
    policy,
    config: AuditConfig | None = None,
    *,
    now: int | None = None,
    strategy=None,
    details: bool = False,
    progress=None,
) -> dict[str, Any]:
    """Read, judge and summarise in one call: the `socialkit.audit/v1` result."""
    log = read_logs([Path(p) for p in paths], policy.document, config or AuditConfig(), shown=[str(p) for p in paths], progress=progress)
    return audit_log(log, policy, now=now, strategy=strategy, details=details, config=config)[0]

"""Schedules compiled over the horizon once per validation run, shared by the bounds check and the rules.

Both need the same compiled windows (the bounds check counts them, the rules
reason about them); specs are frozen records, so the spec itself is the key.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from socialkit.engine.spec import ScheduleSpec


@lru_cache(maxsize=256)
def compiled_schedule(spec: ScheduleSpec, as_of: date, horizon_days: int) -> Any:
    """`engine.compile_schedule`, remembered: a strategy's schedules compile once per run, not once per stage."""
    from socialkit.engine import compile_schedule

    return compile_schedule(spec, as_of, horizon_days)

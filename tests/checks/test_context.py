"""Context views agree with the engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialkit import engine
from socialkit.checks import timeline
from socialkit.checks.context import Context
from socialkit.compile import timespec
from socialkit.validate import validate_paths

ROOT = Path(__file__).parents[2]

ROTAS = """\
schedules:
  - id: nights
    timezone: America/New_York
    weekly:
      daily: ["22:00-06:00"]
    holidays: open
teams:
  - id: mixed
    name: Mixed
    members: [anna, erik]
    lead: anna
    rota:
      timezone: Europe/London
      layers:
        - {id: days, start: 2026-01-05 08:00, every: 1d, order: [anna], only_during: office-hours}
        - {id: nights, start: 2027-02-01 00:00, every: 12h, order: [erik, anna], only_during: nights}
        - id: relay
          only_during: nights
          turns:
            - {person: erik, start: 2026-12-01 12:00, end: 2026-12-10 00:00}
            - {person: anna, start: 2026-12-20 00:00, end: 2027-01-03 00:00}
            - {start: 2027-01-03 00:00, end: 2027-01-10 00:00}
            - {person: erik, start: 2027-01-06 00:00}
      overrides:
        - {person: erik, start: 2026-12-24 00:00, end: 2026-12-27 00:00}
        - {person: anna, replaces: erik, start: 2027-03-01 00:00, end: 2027-03-08 00:00}
"""


def same_as_engine(ctx: Context, team_id: str) -> None:
    team = ctx.teams[team_id]
    compiled = engine.compile_rota(timespec.rota_spec(ctx.strategy, team), ctx.as_of, ctx.horizon_days)
    mine = ctx.on_duty_exact(team_id)
    lo, hi = max(mine.lo, compiled.horizon_start), min(mine.hi, compiled.horizon_end)
    theirs = timeline.clip(timeline.merged(timeline.windows(compiled.starts, compiled.ends)), lo, hi)
    ours = timeline.clip(mine.windows, lo, hi)
    assert ours[0].tolist() == theirs[0].tolist()
    assert ours[1].tolist() == theirs[1].tolist()


@pytest.mark.parametrize("team_id", ["social", "security", "films"])
def test_on_duty_matches_the_compiled_rota_for_the_example(team_id, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = validate_paths([ROOT / "strategy"], rules=False)
    same_as_engine(Context(result.strategy, result.source, as_of=date(2026, 11, 23)), team_id)


def test_on_duty_matches_with_zones_late_starts_and_overrides(strategy):
    result = strategy.validate(ROTAS)
    assert result.strategy is not None, result.problems
    ctx = Context(result.strategy, result.source, as_of=date(2026, 11, 23), horizon_days=200)
    same_as_engine(ctx, "mixed")
    same_as_engine(ctx, "support")

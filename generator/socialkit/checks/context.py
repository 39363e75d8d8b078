"""What every rule reads: the built strategy, where things are, and derived views.

A `Context` is built once per run. Rules only read it; the derived views
(indexes, weekly sets, compiled schedules and rotas) are computed on first use
and kept, so rules that share a view do not pay for it twice and a rule that
is switched off costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.checks import timeline, weekly
from socialkit.engine.spec import RotaTurn
from socialkit.strategy.load import Path_, Source
from socialkit.strategy.model import Channel, EscalationRule, Person, Schedule, Sla, Strategy, Team


@dataclass(frozen=True, slots=True)
class Coverage:
    """When somebody on a team's rota is on duty: weekly view and exact windows."""

    week: weekly.Week  # in the zone asked for
    exact: timeline.Exact | None  # None when the engine could not compile the rota


class Context:
    """The strategy under check plus lazily computed, cached views of it."""

    def __init__(self, strategy: Strategy, source: Source, *, as_of: date, horizon_days: int = 400) -> None:
        self.strategy = strategy
        self.source = source
        self.as_of = as_of
        self.horizon_days = horizon_days
        self._compiled: dict[str, Any] = {}
        self._rotas: dict[str, Any] = {}
        self._coverage: dict[tuple[str, str], Coverage] = {}

    # --- indexes ------------------------------------------------------------------

    @cached_property
    def people(self) -> dict[str, Person]:
        return self.strategy.index("people")

    @cached_property
    def teams(self) -> dict[str, Team]:
        return self.strategy.index("teams")

    @cached_property
    def schedules(self) -> dict[str, Schedule]:
        return self.strategy.index("schedules")

    @cached_property
    def slas(self) -> dict[str, Sla]:
        return self.strategy.index("slas")

    @cached_property
    def categories(self) -> dict[str, Any]:
        return self.strategy.index("categories")

    def channels(self) -> list[tuple[int, Channel]]:
        return list(enumerate(self.strategy.channels))

    def cs_channels(self) -> list[tuple[int, Channel]]:
        return [(i, c) for i, c in enumerate(self.strategy.channels) if c.customer_service]

    def rules(self) -> list[tuple[int, EscalationRule]]:
        return list(enumerate(self.strategy.escalation))

    @cached_property
    def teams_of_person(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for team in self.strategy.teams:
            for member in dict.fromkeys(team.members):
                out.setdefault(member, []).append(team.id)
        return out

    def has_contact(self, person_id: str) -> bool:
        person = self.people.get(person_id)
        return person is not None and bool(person.email or person.phone)

    def where(self, path: Path_) -> str:
        """'file:line' of a merged path, for messages that point elsewhere."""
        file, line, _, _ = self.source.locate(path)
        return f"{file}:{line}" if line else str(file)

    # --- zones and weekly views ------------------------------------------------------

    @property
    def default_zone(self) -> str:
        return self.strategy.organization.timezone

    def schedule_zone(self, schedule_id: str) -> str:
        schedule = self.schedules.get(schedule_id)
        return (schedule.timezone if schedule else None) or self.default_zone

    def rota_zone(self, team: Team) -> str:
        return (team.rota.timezone if team.rota else None) or self.default_zone

    def schedule_week(self, schedule_id: str) -> weekly.Week:
        """Usual weekly open hours (no seasons, holidays or dated exceptions)."""
        schedule = self.schedules.get(schedule_id)
        return weekly.of_weekly(schedule.weekly) if schedule else weekly.empty()

    def zone_shift(self, from_zone: str, to_zone: str) -> int:
        """Minutes to add to a local time in `from_zone` to get `to_zone` local time (at as_of)."""
        if from_zone == to_zone:
            return 0
        noon = datetime(self.as_of.year, self.as_of.month, self.as_of.day, 12)
        a = noon.replace(tzinfo=ZoneInfo(from_zone)).utcoffset() or timedelta(0)
        b = noon.replace(tzinfo=ZoneInfo(to_zone)).utcoffset() or timedelta(0)
        return int((b - a).total_seconds() // 60)

    # --- the engine ---------------------------------------------------------------

    @property
    def horizon(self) -> str:
        end = self.as_of + timedelta(days=self.horizon_days - 1)
        return f"{self.as_of.isoformat()}..{end.isoformat()}"

    def compiled(self, schedule_id: str):
        """The schedule compiled over the horizon; None if it cannot be compiled."""
        if schedule_id not in self._compiled:
            self._compiled[schedule_id] = None
            if schedule_id in self.schedules:
                from socialkit.checks.compiled import compiled_schedule
                from socialkit.compile import timespec

                try:
                    spec = timespec.schedule_spec(self.strategy, schedule_id)
                    self._compiled[schedule_id] = compiled_schedule(spec, self.as_of, self.horizon_days)
                except (ValueError, KeyError, LookupError, NotImplementedError):
                    pass
        return self._compiled[schedule_id]

    def open_exact(self, schedule_id: str) -> timeline.Exact | None:
        """When the schedule is open, exactly, over the horizon; None if unknown."""
        cs = self.compiled(schedule_id)
        if cs is None:
            return None
        return timeline.Exact(timeline.windows(cs.starts, cs.ends), cs.horizon_start, cs.horizon_end)

    def on_duty_exact(self, team_id: str) -> timeline.Exact | None:
        """When at least one person on the team's rota is on duty, exactly; None if unknown.

        Who is on duty changes with every hand-off, but whether anyone is does
        not: a layer with people in `order` has someone on duty from its first
        hand-off on, all the time or while its `only_during` schedule is open;
        an override swaps one person for another, or (without `replaces`) puts
        its person alone on duty. So the union of the layers' compiled
        schedules and the overrides without `replaces` is exactly the time the
        engine's compiled rota has someone on duty, and it reuses the schedules
        compiled for the other rules instead of compiling each rota
        (tests/checks/test_context.py compares the two).
        """
        if team_id not in self._rotas:
            self._rotas[team_id] = self._on_duty(team_id)
        return self._rotas[team_id]

    def _on_duty(self, team_id: str) -> timeline.Exact | None:
        from socialkit.engine import local_to_utc, wall_to_utc

        team = self.teams.get(team_id)
        if team is None or team.rota is None:
            return None
        try:
            tz = ZoneInfo(self.rota_zone(team))
            lo = local_to_utc(tz, self.as_of, 0)
            hi = local_to_utc(tz, self.as_of + timedelta(days=self.horizon_days), 0)
            starts: list = []
            ends: list = []
            for layer in team.rota.layers:
                if layer.only_during is not None:
                    hours = self.open_exact(layer.only_during)
                    if hours is None:
                        return None
                    lo, hi = max(lo, hours.lo), min(hi, hours.hi)
                for first, last in _layer_reach(layer, tz, hi):
                    if layer.only_during is None:
                        spans = timeline.windows([first], [last])
                    else:
                        spans = timeline.clip(hours.windows, first, last)
                    starts.append(spans[0])
                    ends.append(spans[1])
            for override in team.rota.overrides:
                if override.replaces is None:
                    starts.append(np.array([wall_to_utc(tz, override.start)], dtype=np.int64))
                    ends.append(np.array([wall_to_utc(tz, override.end)], dtype=np.int64))
        except (ValueError, KeyError, LookupError):
            return None
        if not starts:
            return timeline.Exact(timeline.windows([], []), lo, hi)
        union = timeline.merged(timeline.windows(np.concatenate(starts), np.concatenate(ends)))
        return timeline.Exact(timeline.clip(union, lo, hi), lo, hi)

    def coverage(self, team_id: str, zone: str) -> Coverage:
        """When someone on the team's rota is on duty, seen from `zone`.

        Weekly view: a layer with `only_during` covers that schedule's usual
        hours, a layer without covers the whole week. Exact view:
        `on_duty_exact` (holidays, seasons, closures, first hand-offs and
        overrides over the horizon).
        """
        key = (team_id, zone)
        if key not in self._coverage:
            team = self.teams.get(team_id)
            week = weekly.empty()
            exact = None
            if team is not None and team.rota is not None:
                for layer in team.rota.layers:
                    if layer.only_during is None:
                        week[:] = True
                        break
                    during = layer.only_during
                    shift = self.zone_shift(self.schedule_zone(during), zone)
                    week |= weekly.shifted(self.schedule_week(during), shift)
                exact = self.on_duty_exact(team_id)
            self._coverage[key] = Coverage(week, exact)
        return self._coverage[key]


def _layer_reach(layer, tz: ZoneInfo, hi: int) -> list[tuple[int, int]]:
    """UTC [from, to) in which the layer has someone on duty (before `only_during`): from its
    first hand-off on for a rotation, each named turn for dated turns."""
    from socialkit.engine import wall_to_utc
    from socialkit.engine.rota import turn_ends

    if not layer.dated:
        return [(wall_to_utc(tz, layer.start), hi)]
    turns = [RotaTurn(t.person, t.start, t.end) for t in layer.turns]
    return [
        (wall_to_utc(tz, turn.start), hi if end is None else min(hi, wall_to_utc(tz, end)))
        for turn, end in turn_ends(tuple(turns))
        if turn.person is not None
    ]

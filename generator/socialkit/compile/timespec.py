"""Map the strategy model onto the time engine's input records (model -> spec).

The engine never sees the YAML model; this is the one place that knows both.
Texts become names in the organisation's default language.
"""

from __future__ import annotations

from collections.abc import Mapping

from socialkit.engine.spec import (
    Closure,
    DayHours,
    HolidayRules,
    Interval,
    RotaLayer,
    RotaOverride,
    RotaSpec,
    RotaTurn,
    ScheduleSpec,
    Season,
    SpecialHours,
)
from socialkit.strategy.model import Schedule, Strategy, Team
from socialkit.strategy.scalars import parse_days, parse_interval, text_in


def weekly_hours(weekly: Mapping[str, list[str]]) -> tuple[DayHours, ...]:
    """{'mon-fri': ['08:00-17:00']} -> one DayHours per weekday that has hours."""
    per_day: dict[int, list[Interval]] = {}
    for days, intervals in weekly.items():
        for weekday in parse_days(days) or ():
            per_day.setdefault(weekday, []).extend(Interval(*parse_interval(i)) for i in intervals)
    return tuple(DayHours(day, tuple(sorted(set(per_day[day]), key=lambda i: (i.start, i.end)))) for day in sorted(per_day))


def holiday_rules(strategy: Strategy) -> HolidayRules:
    calendar = strategy.organization.holidays
    if calendar is None:
        return HolidayRules(country=None)
    lang = strategy.organization.default_language
    return HolidayRules(
        country=calendar.country,
        subdivision=calendar.subdivision,
        also_closed=tuple(calendar.also_closed),
        extra=tuple((day.date, text_in(day.name, lang, lang) or "") for day in calendar.extra_closed),
        not_closed=tuple(calendar.not_closed),
    )


def schedule_spec(strategy: Strategy, schedule_or_id: Schedule | str) -> ScheduleSpec:
    schedule: Schedule = strategy.index("schedules")[schedule_or_id] if isinstance(schedule_or_id, str) else schedule_or_id
    lang = strategy.organization.default_language
    return ScheduleSpec(
        id=schedule.id,
        timezone=schedule.timezone or strategy.organization.timezone,
        weekly=weekly_hours(schedule.weekly),
        holidays_closed=schedule.holidays == "closed",
        holidays=holiday_rules(strategy),
        closures=tuple(Closure(c.first, c.last, text_in(c.reason, lang, lang) or "") for c in schedule.closures),
        special=tuple(
            SpecialHours(s.date, tuple(Interval(*parse_interval(i)) for i in s.hours), text_in(s.reason, lang, lang) or "")
            for s in schedule.special_hours
        ),
        seasons=tuple(Season(s.id, s.start, s.end, weekly_hours(s.weekly)) for s in schedule.seasons),
    )


def rota_spec(strategy: Strategy, team_or_id: Team | str) -> RotaSpec | None:
    """The team's rota as engine input; None when the team has no rota."""
    team: Team = strategy.index("teams")[team_or_id] if isinstance(team_or_id, str) else team_or_id
    if team.rota is None:
        return None
    return RotaSpec(
        id=team.id,
        timezone=team.rota.timezone or strategy.organization.timezone,
        layers=tuple(
            RotaLayer(
                id=layer.id,
                start=layer.first_start,
                rotation_seconds=layer.every or 0,
                order=tuple(layer.order),
                restrict_to=schedule_spec(strategy, layer.only_during) if layer.only_during else None,
                turns=tuple(RotaTurn(t.person, t.start, t.end) for t in layer.turns),
            )
            for layer in team.rota.layers
        ),
        overrides=tuple(RotaOverride(o.start, o.end, o.person, o.replaces) for o in team.rota.overrides),
    )

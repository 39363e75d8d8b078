"""Opening hours, closed days and the rota, through the time engine.

Dates the engine reports as closed are authoritative; this module only puts
names on them in each language (the engine names days in one language).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from socialkit import engine
from socialkit.compile import timespec
from socialkit.render.context import Ctx, humanise
from socialkit.render.markdown import escape_md, table
from socialkit.strategy.model import Schedule, Team
from socialkit.strategy.scalars import parse_interval

HORIZON_DAYS = 90
Hours = tuple[tuple[int, int], ...]


# --- weekly hours -----------------------------------------------------------------


def week_hours(weekly: dict[str, list[str]]) -> list[Hours]:
    """Intervals (start, end minutes) per weekday 0..6 (an end <= start runs past midnight)."""
    days: list[Hours] = [()] * 7
    for day in timespec.weekly_hours(weekly):
        days[day.weekday] = tuple((i.start, i.end) for i in day.intervals)
    return days


def interval_text(ctx: Ctx, start: int, end: int) -> str:
    return f"{ctx.clock(start)}–{ctx.clock(end)}"


def hours_text(ctx: Ctx, hours: Hours) -> str:
    return ctx.join([interval_text(ctx, s, e) for s, e in hours]) if hours else ctx.l("hours.closed")


def _groups(days: list[Hours]) -> list[tuple[int, int, Hours]]:
    """Runs of consecutive weekdays with the same hours: (first, last, hours)."""
    groups: list[tuple[int, int, Hours]] = []
    for index, hours in enumerate(days):
        if groups and groups[-1][2] == hours and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, hours)
        else:
            groups.append((index, index, hours))
    return [g for g in groups if g[2]]


def day_range(ctx: Ctx, first: int, last: int) -> str:
    if first == 0 and last == 6:
        return ctx.l("hours.every_day")
    if first == last:
        return ctx.weekday(first)
    return f"{ctx.weekday(first)}–{ctx.weekday(last)}"


def hours_summary(ctx: Ctx, weekly: dict[str, list[str]]) -> str:
    """'måndag–torsdag 08:00–17:00 och fredag 08:00–16:00' (no strategy text inside)."""
    days = week_hours(weekly)
    if all(hours == ((0, 1440),) for hours in days):
        return ctx.l("hours.round_the_clock")
    groups = _groups(days)
    if not groups:
        return ctx.l("hours.never")
    return ctx.join([f"{day_range(ctx, first, last)} {hours_text(ctx, hours)}" for first, last, hours in groups])


def week_table(ctx: Ctx, weekly: dict[str, list[str]]) -> str:
    """One row per weekday with its hours in words: a real table that screen readers read cell by cell."""
    days = week_hours(weekly)
    rows = [[ctx.weekday(i), hours_text(ctx, days[i])] for i in range(7)]
    return table([ctx.l("col.day"), ctx.l("col.hours")], rows)


# --- closed days, named in every language -------------------------------------------------


@lru_cache(maxsize=256)
def _calendar_names(country: str, subdivision: str | None, year: int, language: str | None) -> dict[date, tuple[str, ...]]:
    import holidays

    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)
    except (NotImplementedError, KeyError):
        return {}
    return {day: tuple(calendar.get_list(day)) for day in sorted(calendar)}


def _calendar_language(country: str, lang: str) -> str | None:
    import holidays

    try:
        supported = holidays.country_holidays(country).supported_languages or ()
    except (NotImplementedError, KeyError):
        return None
    base = lang.split("-")[0]
    for candidate in (lang, lang.replace("-", "_"), base, f"{base}_US", f"{base}_GB"):
        if candidate in supported:
            return candidate
    return None


def _engine_language(country: str) -> str | None:
    """The spelling the engine names public holidays in (US English when offered)."""
    import holidays

    supported = holidays.country_holidays(country).supported_languages or ()
    return "en_US" if "en_US" in supported else None


def holiday_names(ctx: Ctx, day: date, engine_names: str) -> list[str]:
    """Names (unescaped) of the holidays on `day` in ctx's language.

    `engine_names` is the engine's own naming of that day; a public-calendar
    entry is kept only when the engine kept it (weekly markers and
    `not_closed` entries are dropped there).
    """
    calendar = ctx.strategy.organization.holidays
    if calendar is None:
        return []
    names: list[str] = []
    public_english: set[str] = set()
    if calendar.country:
        english = _calendar_names(calendar.country, calendar.subdivision, day.year, _engine_language(calendar.country)).get(day, ())
        local = _calendar_names(calendar.country, calendar.subdivision, day.year, _calendar_language(calendar.country, ctx.lang)).get(
            day, ()
        )
        for index, name in enumerate(english):
            if name in engine_names:
                public_english.add(name)
                names.append(local[index] if index < len(local) else name)
    for named in calendar.also_closed:
        when, display = engine.named_day(named, day.year)
        if when == day and display not in public_english:
            names.append(ctx.labels.get(f"day.{named}", display))
    for extra in calendar.extra_closed:
        if extra.date == day:
            names.append(ctx.raw(extra.name) or ctx.l("hours.closed"))
    return list(dict.fromkeys(names))


def closed_days(ctx: Ctx, schedule: Schedule, start: date, end: date) -> dict[date, list[str]]:
    """Closed dates in [start, end] with their names (unescaped) in ctx's language."""
    spec = timespec.schedule_spec(ctx.strategy, schedule)
    out: dict[date, list[str]] = {}
    for day, engine_names in engine.closed_days(spec, start, end).items():
        names: list[str] = []
        for closure in schedule.closures:
            if closure.first <= day <= closure.last:
                names.append(ctx.raw(closure.reason) or ctx.l("hours.closed"))
        if schedule.holidays == "closed":
            names.extend(holiday_names(ctx, day, engine_names))
        for special in schedule.special_hours:
            if special.date == day and not special.hours:
                names.append(ctx.raw(special.reason) or ctx.l("hours.closed"))
        out[day] = list(dict.fromkeys(names)) or [engine_names]
    return out


def _season_days(season, start: date, end: date) -> list[tuple[date, str]]:
    events: list[tuple[date, str]] = []
    for year in range(start.year - 1, end.year + 1):
        first = season.start if isinstance(season.start, date) else date(year, *season.start)
        last = season.end if isinstance(season.end, date) else date(year, *season.end)
        if not isinstance(season.start, date) and last < first:
            last = date(year + 1, *season.end)
        events.append((first, "season.starts"))
        events.append((last, "season.ends"))
    return sorted({e for e in events if start <= e[0] <= end})


def upcoming(ctx: Ctx, schedule: Schedule, start: date, days: int = HORIZON_DAYS) -> str:
    """The table of closed days, special hours and season changes in the next `days` days."""
    end = start + timedelta(days=days - 1)
    rows: list[tuple[date, int, list[str]]] = []
    for day, names in closed_days(ctx, schedule, start, end).items():
        rows.append((day, 0, [ctx.date(day), escape_md(ctx.join(names)), ctx.l("hours.closed")]))
    closed = {row[0] for row in rows}
    for special in schedule.special_hours:
        if start <= special.date <= end and special.hours and special.date not in closed:
            hours = tuple(parse_interval(i) for i in special.hours)
            rows.append((special.date, 1, [ctx.date(special.date), ctx.t(special.reason, ctx.l("hours.special")), hours_text(ctx, hours)]))
    for season in schedule.seasons:
        name = ctx.t(season.name, humanise(season.id))
        for day, key in _season_days(season, start, end):
            rows.append((day, 2, [ctx.date(day), ctx.l(key, season=name), ""]))
    if not rows:
        return ctx.l("avail.none_upcoming")
    rows.sort(key=lambda r: (r[0], r[1]))
    return table([ctx.l("col.date"), ctx.l("col.what"), ctx.l("col.hours")], [r[2] for r in rows])


# --- the rota -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def rota_weeks(ctx: Ctx, team: Team) -> list[tuple[date, list[tuple[datetime, datetime, tuple[str, ...]]]]]:
    """Who is on duty in the week of as_of and the next: spans in local time, per week."""
    spec = timespec.rota_spec(ctx.strategy, team)
    if spec is None:
        return []
    first = week_start(ctx.as_of)
    compiled = engine.compile_rota(spec, first, 14)
    zone = ZoneInfo(spec.timezone)
    weeks = []
    for offset in (0, 7):
        monday = first + timedelta(days=offset)
        lo = engine.local_to_utc(zone, monday, 0)
        hi = engine.local_to_utc(zone, monday + timedelta(days=7), 0)
        spans = []
        for s, e, persons in zip(compiled.starts.tolist(), compiled.ends.tolist(), compiled.persons):
            s, e = max(s, lo), min(e, hi)
            if e > s:
                spans.append(
                    (engine.utc_to_local(zone, s).replace(tzinfo=None), engine.utc_to_local(zone, e).replace(tzinfo=None), persons)
                )
        weeks.append((monday, spans))
    return weeks

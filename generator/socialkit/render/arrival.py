"""Targets that depend on when a message arrives, in words: each arrival window's promise, in order.

"within 4 hours of opening hours when it arrives Monday–Friday 08:00–17:00; within 24 hours when it arrives
at other times Monday–Friday 00:00–24:00; within 48 hours at other times". The profile and contact texts
describe a window by its schedule's weekly hours (no strategy text: they are pasted into profiles); the
tables name the schedule.
"""

from __future__ import annotations

from socialkit.render import availability as av
from socialkit.render.context import Ctx, humanise
from socialkit.strategy.model import OTHERWISE, ArrivalWindow, Timing
from socialkit.strategy.scalars import END_OF_NEXT_BUSINESS_DAY, WorkingDays


def within_clause(ctx: Ctx, timing: Timing, clock: str) -> str:
    """'within 4 hours', 'within 4 hours of opening hours', 'within two working days', 'by the next working day'."""
    return promise_clause(ctx, timing.within, clock)


def promise_clause(ctx: Ctx, within: int | WorkingDays, clock: str) -> str:
    """One target in words (see within_clause)."""
    if isinstance(within, WorkingDays):
        return ctx.l("workdays.by_next") if within.next else ctx.l("profile.within", duration=ctx.working_days(within.count))
    return ctx.l("profile.within_business" if clock == "business" else "profile.within", duration=ctx.duration(within))


def within_cell(ctx: Ctx, within: int | WorkingDays) -> str:
    """A target as a table cell: '4 hours', 'two working days', 'by the next working day'."""
    if isinstance(within, WorkingDays):
        return ctx.l("workdays.by_next") if within.next else ctx.working_days(within.count)
    return ctx.duration(within)


def promise_text(ctx: Ctx, value: Timing | list[ArrivalWindow], clock: str) -> str:
    """The promise of one target as the profile and contact page say it: one clause, or one per window."""
    if not isinstance(value, list):
        return within_clause(ctx, value, clock)
    parts = []
    for k, window in enumerate(value):
        clause = within_clause(ctx, window, window.clock or clock)
        if window.during == OTHERWISE:
            parts.append(ctx.l("arrival.otherwise", within=clause) if k else clause)
            continue
        weekly = _weekly(ctx, window.during)
        key = "arrival.other_during" if _overlaps_earlier(ctx, value[:k], weekly) else "arrival.during"
        parts.append(ctx.l(key, within=clause, hours=av.hours_summary(ctx, weekly) + _holidays(ctx, window.during)))
    return ctx.l("arrival.separator").join(parts)


def windows_cell(ctx: Ctx, windows: list[ArrivalWindow], clock: str) -> str:
    """A table cell (escaped): '4 hours if it arrives during Office hours; 8 hours at other times'."""
    parts = []
    for window in windows:
        duration = within_cell(ctx, window.within)
        if window.during == OTHERWISE:
            text = ctx.l("arrival.cell_otherwise", duration=duration)
        else:
            text = ctx.l("arrival.cell_during", duration=duration, schedule=_schedule_name(ctx, window.during))
        if (window.clock or clock) != clock and not isinstance(window.within, WorkingDays):
            text += f" ({ctx.l(f'sla.clock.{window.clock}')})"
        if window.if_received_closed is not None:
            text += ctx.l("arrival.cell_if_closed", closed=_closed(ctx, window.if_received_closed))
        parts.append(text)
    return ctx.l("arrival.separator").join(parts)


def _holidays(ctx: Ctx, schedule_id: str) -> str:
    """' except public holidays' when the window's schedule closes on them (those arrivals take a later window)."""
    schedule = ctx.strategy.index("schedules").get(schedule_id)
    closes = schedule is not None and schedule.holidays == "closed" and ctx.strategy.organization.holidays is not None
    return ctx.l("arrival.except_holidays") if closes else ""


def _closed(ctx: Ctx, value: int | str) -> str:
    if value == END_OF_NEXT_BUSINESS_DAY:
        return ctx.l("sla.end_of_next_business_day")
    return ctx.l("sla.after_opening", duration=ctx.duration(int(value)))


def _weekly(ctx: Ctx, schedule_id: str) -> dict[str, list[str]]:
    schedule = ctx.strategy.index("schedules").get(schedule_id)
    return dict(schedule.weekly) if schedule is not None else {}


def _schedule_name(ctx: Ctx, schedule_id: str) -> str:
    schedule = ctx.strategy.index("schedules").get(schedule_id)
    name = getattr(schedule, "name", None)
    return ctx.t(name) if name else humanise(schedule_id)


def _minutes(weekly: dict[str, list[str]]) -> set[int]:
    """Open minutes of the usual week (minute 0 = Monday 00:00); a span past midnight runs into the next day."""
    out: set[int] = set()
    for day, hours in enumerate(av.week_hours(weekly)):
        for start, end in hours:
            stop = end if end > start else end + 1440
            out.update((day * 1440 + m) % (7 * 1440) for m in range(start, stop))
    return out


def _overlaps_earlier(ctx: Ctx, earlier: list[ArrivalWindow], weekly: dict[str, list[str]]) -> bool:
    """Whether an earlier window takes some of this window's hours ('at other times' then says so)."""
    mine = _minutes(weekly)
    return any(w.during == OTHERWISE or mine & _minutes(_weekly(ctx, w.during)) for w in earlier)

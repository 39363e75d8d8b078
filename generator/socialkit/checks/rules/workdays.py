"""SK216-SK217: targets counted in working days, and day-long targets on the business clock.

A working day is a local date on which the channel's schedule has open time
(docs/guide/time.md#working-days); `respond: 2 working days` is due at the
close of the second working day after the day the message arrives.
"""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.checks.rules.timing import DAY_SECONDS, never_open, sla_uses, timing_path, whose
from socialkit.problems import Severity
from socialkit.strategy.model import Sla, timing_parts
from socialkit.strategy.scalars import WorkingDays, format_duration

E, W = Severity.ERROR, Severity.WARNING
MINUTES_PER_DAY = 1440


def _targets(sla: Sla) -> Iterator[tuple[str, str, int | WorkingDays, str, int | None]]:
    """(target key, 'acknowledge'|'respond', within, clock, window index or None) of every target of the SLA (of
    each arrival window of a target that depends on the arrival, on the window's own clock when it names one)."""
    for key, target in sla.targets.items():
        for kind in ("acknowledge", "respond"):
            value = getattr(target, kind)
            for n, timing in enumerate(timing_parts(value)):
                yield key, kind, timing.within, getattr(timing, "clock", None) or sla.clock, n if isinstance(value, list) else None


def _round_the_clock(ctx: Context, schedule_id: str | None) -> bool:
    return schedule_id is None or (schedule_id in ctx.schedules and bool(ctx.schedule_week(schedule_id).all()))


def _open_hours_per_day(ctx: Context, schedule_id: str) -> float | None:
    """Average open hours of the days of the usual week that have open time; None if none has."""
    per_day = ctx.schedule_week(schedule_id).reshape(7, MINUTES_PER_DAY).sum(axis=1)
    days = per_day[per_day > 0]
    return float(days.mean()) / 60 if len(days) else None


@rule(
    "SK216",
    "day-target-on-business-clock",
    W,
    "A business-clock target of a day or more counts open hours, not working days.",
    bad="""
    slas:
      - id: careers
        clock: business          # counts open hours of office-hours (9 a day)
        targets:
          default: {respond: 1d} # 24 open hours: a Monday 10:00 question is due Thursday 16:00
    """,
    good="""
    slas:
      - id: careers
        clock: business
        targets:
          default: {respond: 1 working day}   # due at Tuesday's close
    """,
)
def day_target_on_business_clock(ctx: Context) -> Iterator[Finding]:
    """
    On the business clock a duration counts open time of the channel's
    schedule, so `1d` means 24 open hours. With office hours of 9 hours a day
    that is almost three working days: a question on Monday at 10:00 falls
    due on Thursday at 16:00. A promise such as "within one working day" or
    "by the next working day" is written in working days instead:
    `respond: 1 working day` (or `next working day`) is due at the close of
    the first working day after the day the message arrives, Tuesday 17:00 in
    the example, and the playbook says "within one working day".

    The rule reports each business-clock target of 24 hours or more,
    including each arrival window of a target that depends on when the message
    arrives (on the window's own clock when it names one), unless
    every schedule the SLA is used with is open around the clock (where open
    hours and calendar hours are the same). If 24 open hours really is the
    promise, say so in hours of the working day (`respond: 9h`) or suppress
    the warning.
    """
    uses: dict[str, list[str | None]] = {}
    for use in sla_uses(ctx):
        uses.setdefault(use.sla, []).append(use.schedule)
    for i, sla in enumerate(ctx.strategy.slas):
        schedules = uses.get(sla.id, [])
        if schedules and all(_round_the_clock(ctx, s) for s in schedules):
            continue
        for key, kind, within, clock, window in _targets(sla):
            if clock != "business" or isinstance(within, WorkingDays) or within < DAY_SECONDS:
                continue
            days = max(1, round(within / DAY_SECONDS))
            suggestion = f"{days} working day" + ("" if days == 1 else "s")
            yield Finding(
                timing_path(ctx, i, key, kind) if window is None else ("slas", i, "targets", key, kind, window, "within"),
                f"{kind} target {format_duration(within)} for '{key}' in SLA '{sla.id}' counts {within // 3600} open hours on the business clock"
                f"{_in_days(ctx, schedules, within)}; if the promise is in working days, write '{kind}: {suggestion}'",
            )


def _in_days(ctx: Context, schedules: list[str | None], within: int) -> str:
    known = [s for s in schedules if s is not None and s in ctx.schedules]
    if not known:
        return ""
    hours = _open_hours_per_day(ctx, known[0])
    if hours is None:
        return ""
    return f", about {within / 3600 / hours:.1f} working days of schedule '{known[0]}' ({hours:g} open hours a day)"


@rule(
    "SK217",
    "working-days-without-working-day",
    E,
    "A target in working days is used where no schedule has a working day.",
    bad="""
    slas:
      - id: careers
        clock: calendar          # working days count days, whatever the clock
        targets:
          default: {respond: 1 working day}
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        customer_service: false
        redirect: {text: Questions about your bill? Call us., url: https://www.example.org/contact}
        team: support
        sla: careers             # no schedule: which days are working days?
        disclosures: [redirect]
    """,
    good="""
    slas:
      - id: careers
        clock: calendar          # working days count days, whatever the clock
        targets:
          default: {respond: 1 working day}
    channels:
      - id: linkedin
        name: LinkedIn
        platform: linkedin
        customer_service: false
        redirect: {text: Questions about your bill? Call us., url: https://www.example.org/contact}
        team: support
        schedule: office-hours   # mon-fri 08:00-17:00
        sla: careers
        disclosures: [redirect]
    """,
)
def working_days_without_working_day(ctx: Context) -> Iterator[Finding]:
    """
    A working day is a local date on which the channel's schedule has open
    time, so a target written in working days (`2 working days`,
    `next working day`) needs a schedule, and one that is open on some date
    of the horizon. Without one no reply is ever due and the published
    promise is empty.

    Give the channel (or, for crisis mode, the crisis section) a schedule, or
    write the target as a duration.
    """
    for use in sla_uses(ctx):
        sla = ctx.slas.get(use.sla)
        if sla is None or not any(isinstance(within, WorkingDays) for _, _, within, _, _ in _targets(sla)):
            continue
        if use.schedule is None:
            yield Finding(
                use.path,
                f"SLA '{use.sla}' has targets in working days, but {whose(use.channel)} has no schedule to say which days are working days; add 'schedule:' or write the targets as durations",
            )
        elif use.schedule in ctx.schedules and never_open(ctx, use.schedule):
            yield Finding(
                use.path,
                f"SLA '{use.sla}' has targets in working days, but schedule '{use.schedule}' has no working day in {ctx.horizon}, so no reply for {whose(use.channel)} is ever due",
            )

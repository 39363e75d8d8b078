"""SK221-SK223: targets that depend on when the message arrives (arrival windows).

A target written as a list of arrival windows applies the first window whose
schedule is open when the message arrives (`during: otherwise` applies at any
time). These rules catch windows that can never apply, arrival times no window
covers, and calendar-clock promises that fall due while nobody is there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.checks import timeline, weekly
from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.checks.rules.timing import sla_uses, whose
from socialkit.problems import Severity
from socialkit.strategy.model import OTHERWISE, ArrivalWindow, Sla, Timing
from socialkit.strategy.scalars import format_duration

W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class WindowedTarget:
    """One target written as arrival windows."""

    sla_index: int
    sla: Sla
    key: str  # category id or 'default'
    kind: str  # 'acknowledge' or 'respond'
    windows: list[ArrivalWindow]

    def path(self, *rest: object) -> tuple:
        return ("slas", self.sla_index, "targets", self.key, self.kind, *rest)

    @property
    def name(self) -> str:
        return f"{self.kind} target for '{self.key}' in SLA '{self.sla.id}'"


def windowed_targets(ctx: Context) -> Iterator[WindowedTarget]:
    for i, sla in enumerate(ctx.strategy.slas):
        for key, target in sla.targets.items():
            for kind in ("acknowledge", "respond"):
                value = getattr(target, kind)
                if isinstance(value, list):
                    yield WindowedTarget(i, sla, key, kind, value)


def _week_in(ctx: Context, schedule_id: str, zone: str) -> weekly.Week:
    """The schedule's usual week, seen from `zone`."""
    return weekly.shifted(ctx.schedule_week(schedule_id), ctx.zone_shift(ctx.schedule_zone(schedule_id), zone))


def effective_weeks(ctx: Context, windows: list[ArrivalWindow], zone: str) -> list[weekly.Week]:
    """Per window, the minutes of the usual week (in `zone`) whose arrivals it applies to: its own open
    minutes that no earlier window takes."""
    taken = weekly.empty()
    out = []
    for window in windows:
        own = weekly.full() if window.during == OTHERWISE else _week_in(ctx, window.during, zone)
        out.append(own & ~taken)
        taken |= own
    return out


# --- SK221 -------------------------------------------------------------------------------


@rule(
    "SK221",
    "arrival-window-never-applies",
    W,
    "An arrival window comes after windows that already cover all of its arrival times.",
    bad="""
    schedules:
      - id: weekdays
        weekly:
          mon-fri: ["00:00-24:00"]
    slas:
      - id: desk
        clock: business
        targets:
          default:
            respond:
              - during: weekdays
                within: 24h
                clock: calendar
              - during: office-hours   # every office hour is a weekday: never applies
                within: 4h
              - during: otherwise
                within: 8h
    """,
    good="""
    schedules:
      - id: weekdays
        weekly:
          mon-fri: ["00:00-24:00"]
    slas:
      - id: desk
        clock: business
        targets:
          default:
            respond:
              - during: office-hours   # the narrowest window first
                within: 4h
              - during: weekdays
                within: 24h
                clock: calendar
              - during: otherwise
                within: 8h
    """,
)
def arrival_window_never_applies(ctx: Context) -> Iterator[Finding]:
    """
    The first window whose schedule is open when the message arrives
    applies, so a window whose arrival times all lie in earlier windows never
    applies, and its promise is never kept or checked. It usually means the
    windows are in the wrong order: put the narrowest window (office hours)
    before the wider ones (weekdays), and `otherwise` last.

    "All" means over the compiled horizon, holidays, closures and seasons
    included, so a window that applies only on dates the earlier windows
    leave out (a holiday schedule, say) is not reported.
    """
    for target in windowed_targets(ctx):
        earlier: list[timeline.Exact] = []
        for k, window in enumerate(target.windows):
            if any(w.during == OTHERWISE for w in target.windows[:k]):
                yield Finding(
                    target.path(k, "during"),
                    f"window {k + 1} of the {target.name} comes after 'otherwise', which takes every arrival, so it never applies; "
                    "put 'otherwise' last",
                )
                continue
            own = _exact(ctx, window.during)
            if own is None:
                continue
            if earlier and _covered(own, earlier):
                yield Finding(
                    target.path(k, "during"),
                    f"window {k + 1} ('{window.during}') of the {target.name} never applies: every arrival while it is open "
                    f"already falls in {_names(target.windows[:k])}; put the narrower window first or remove it",
                )
            earlier.append(own)


def _exact(ctx: Context, during: str) -> timeline.Exact | None:
    if during == OTHERWISE:
        cs = next((ctx.compiled(s) for s in ctx.schedules), None)
        if cs is None:
            return None
        return timeline.Exact(timeline.windows([cs.horizon_start], [cs.horizon_end]), cs.horizon_start, cs.horizon_end)
    return ctx.open_exact(during)


def _covered(own: timeline.Exact, earlier: list[timeline.Exact]) -> bool:
    rest = own
    for other in earlier:
        rest = rest - other
    return rest.empty


def _names(windows: list[ArrivalWindow]) -> str:
    return ", ".join(f"'{w.during}'" for w in windows)


# --- SK222 -------------------------------------------------------------------------------


@rule(
    "SK222",
    "arrival-windows-leave-gaps",
    W,
    "Some arrival times match none of a target's arrival windows, so those messages get no target.",
    bad="""
    slas:
      - id: desk
        clock: business
        targets:
          default:
            respond:
              - during: office-hours   # nothing for evenings and weekends
                within: 4h
    """,
    good="""
    slas:
      - id: desk
        clock: business
        targets:
          default:
            respond:
              - during: office-hours
                within: 4h
              - during: otherwise      # every other arrival
                within: 8h
    """,
)
def arrival_windows_leave_gaps(ctx: Context) -> Iterator[Finding]:
    """
    A message that arrives when no window's schedule is open gets no
    target from the list: the policy promises nothing for it, the audit
    gives it no verdict, and the published text says nothing about it. If
    that is what the organisation promises, keep it and suppress the
    warning; otherwise end the list with a window `during: otherwise`.

    The rule names the uncovered times of the usual week, or the first dated
    one (a holiday, a closure) when the usual week is covered.
    """
    for target in windowed_targets(ctx):
        if any(w.during == OTHERWISE for w in target.windows):
            continue
        zone = ctx.schedule_zone(target.windows[0].during)
        covered = weekly.empty()
        for window in target.windows:
            covered |= _week_in(ctx, window.during, zone)
        if (~covered).any():
            yield Finding(
                target.path(),
                f"messages that arrive {weekly.describe(~covered)} match none of the windows of the {target.name}, so they get no target; "
                "add a last window 'during: otherwise' if something is promised for them",
            )
            continue
        gap = _first_dated_gap(ctx, target.windows)
        if gap is not None:
            when = datetime.fromtimestamp(gap, ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
            yield Finding(
                target.path(),
                f"messages that arrive on {when} (a holiday or closure) match none of the windows of the {target.name}, so they get no target; "
                "add a last window 'during: otherwise' if something is promised for them",
            )


def _first_dated_gap(ctx: Context, windows: list[ArrivalWindow]) -> int | None:
    sets = [ctx.open_exact(w.during) for w in windows]
    if any(s is None for s in sets) or not sets:
        return None
    rest = sets[0].inverted()  # type: ignore[union-attr]
    for other in sets[1:]:
        rest = rest - other  # type: ignore[operator]
    return None if rest.empty else int(rest.windows[0][0])


# --- SK223 -------------------------------------------------------------------------------


@rule(
    "SK223",
    "calendar-deadline-while-closed",
    W,
    "A calendar-clock promise falls due while the channel's schedule is closed, for messages it applies to.",
    bad="""
    slas:
      - id: fast
        clock: calendar
        targets:
          default:
            respond:
              within: 2h
              if_received_closed: end-of-next-business-day   # closed arrivals are fine...
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours   # ...but a message at 16:00 is due at 18:00, after closing
        sla: fast
        disclosures: [hours]
    """,
    good="""
    slas:
      - id: fast
        clock: calendar
        targets:
          default:
            respond:
              - during: office-hours
                within: 2h
                clock: business          # counts office hours: due before closing or the next morning
              - during: otherwise
                within: 4h
                if_received_closed: end-of-next-business-day
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: fast
        disclosures: [hours]
    """,
)
def calendar_deadline_while_closed(ctx: Context) -> Iterator[Finding]:
    """
    A calendar-clock target counts every hour. For the messages it applies
    to, its deadline can fall while the channel's schedule is closed: a 2h
    target for a message that arrives at 16:00 on office hours until 17:00
    is due at 18:00, when nobody is there, so it must in practice be met
    before closing. SK204 reports the plain calendar targets; this rule
    checks what SK204 leaves out, precisely per target:

    - a target with `if_received_closed`: the messages that arrive while the
      channel is open (the closed ones follow `if_received_closed`);
    - each arrival window on the calendar clock: the messages that window
      applies to (those arriving while its schedule is open and no earlier
      window's is), and of those only the open arrivals if the window has
      `if_received_closed`.

    The rule works on the usual week (no holidays) and names the arrival
    times whose deadline falls in closed time. Fix it with the business
    clock for that window, a longer target, or a schedule that is open when
    the promise falls due.
    """
    seen: set[tuple] = set()
    for use in sla_uses(ctx):
        sla = ctx.slas.get(use.sla)
        if sla is None or use.schedule not in ctx.schedules or not use.customer_service:
            continue
        zone = ctx.schedule_zone(use.schedule)
        open_week = ctx.schedule_week(use.schedule)
        if open_week.all() or not open_week.any():
            continue
        for key, target in sla.targets.items():
            for kind in ("acknowledge", "respond"):
                for where, timing, applies in _calendar_promises(ctx, sla, getattr(target, kind), open_week, zone):
                    late = _due_while_closed(applies, timing.within, open_week)
                    if late.any() and (use.sla, use.schedule, key, kind, where) not in seen:
                        seen.add((use.sla, use.schedule, key, kind, where))
                        yield Finding(
                            use.path,
                            f"SLA '{use.sla}' promises a {kind} for '{key}'{where} within {format_duration(timing.within)} of calendar time, "
                            f"but for messages that arrive {weekly.describe(late)} that falls due while schedule '{use.schedule}' "
                            f"of {whose(use.channel)} is closed; use clock: business, a longer target or a schedule open when it falls due",
                        )


def _calendar_promises(
    ctx: Context, sla: Sla, value: Timing | list[ArrivalWindow] | None, open_week: weekly.Week, zone: str
) -> Iterator[tuple[str, Timing, weekly.Week]]:
    """(where, timing, arrival minutes it applies to) of the calendar-clock promises SK204 does not check."""
    if value is None:
        return
    if not isinstance(value, list):
        if sla.clock == "calendar" and value.if_received_closed is not None:
            yield "", value, open_week
        return
    for k, (window, week) in enumerate(zip(value, effective_weeks(ctx, value, zone))):
        if (window.clock or sla.clock) != "calendar":
            continue
        applies = week & open_week if window.if_received_closed is not None else week
        yield f" (window {k + 1}, '{window.during}')", window, applies


def _due_while_closed(arrivals: weekly.Week, within: int, open_week: weekly.Week) -> weekly.Week:
    """The arrival minutes whose deadline (arrival + within) falls in closed time: neither at an open minute
    nor at a closing instant (the minute before it closed too)."""
    if within <= 0:
        return weekly.empty()
    minutes = np.flatnonzero(arrivals)
    at = (minutes + within // 60) % len(open_week)
    before = (minutes + (within - 1) // 60) % len(open_week)
    late = weekly.empty()
    late[minutes[~open_week[at] & ~open_week[before]]] = True
    return late

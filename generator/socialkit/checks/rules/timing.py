"""SK2xx: time and coverage. Opening hours, reply clocks and who is on duty.

Messages describe time the way the strategy writes it: local weekdays and
clock times of the usual week ("closed mon-thu 17:00-08:00"). Where exact
dates matter (holidays, seasons, closures, rota overrides) the engine's
compiled windows over the horizon decide, and dated exceptions are listed
with their dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from socialkit.checks import cadence, timeline, weekly
from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity
from socialkit.strategy.model import Sla, timing_parts
from socialkit.strategy.scalars import WorkingDays, format_duration

E, W = Severity.ERROR, Severity.WARNING
DAY_SECONDS = 86400


# --- shared helpers -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlaUse:
    """One place where an SLA is applied to a schedule."""

    path: tuple  # the reference to point at
    sla: str
    schedule: str | None
    channel: str | None  # None: the top-level crisis section
    customer_service: bool
    crisis: bool


def sla_uses(ctx: Context) -> Iterator[SlaUse]:
    """Every (SLA, schedule) pair a channel or the crisis section puts together."""
    crisis = ctx.strategy.crisis
    for i, channel in ctx.channels():
        if channel.sla is not None:
            yield SlaUse(("channels", i, "sla"), channel.sla, channel.schedule, channel.id, channel.customer_service, False)
        if channel.customer_service and (channel.crisis_sla or channel.crisis_schedule):
            sla = channel.crisis_sla or (crisis.sla if crisis else None)
            schedule = channel.crisis_schedule or (crisis.schedule if crisis else None)
            field = "crisis_sla" if channel.crisis_sla else "crisis_schedule"
            if sla is not None:
                yield SlaUse(("channels", i, field), sla, schedule, channel.id, True, True)
    if crisis is not None:
        yield SlaUse(("crisis", "sla"), crisis.sla, crisis.schedule, None, True, True)


def timings(sla: Sla, *, windows: bool = True) -> Iterator[tuple[str, str, int, object]]:
    """(target key, 'acknowledge'|'respond', seconds, if_received_closed) of every target given as a duration (and,
    with `windows`, of each such arrival window of a target that depends on the arrival). A target in working days
    is due at the close of a working day: see checks/rules/workdays.py."""
    for key, target in sla.targets.items():
        for kind in ("acknowledge", "respond"):
            value = getattr(target, kind)
            if isinstance(value, list) and not windows:
                continue
            for timing in timing_parts(value):
                if isinstance(timing.within, WorkingDays):
                    continue
                yield key, kind, timing.within, timing.if_received_closed


def timing_path(ctx: Context, sla_index: int, key: str, kind: str) -> tuple:
    """Path of a target's duration: `respond: 4h` or `respond: {within: 4h}`."""
    path = ("slas", sla_index, "targets", key, kind)
    node = ctx.source.data.get("slas", [])[sla_index].get("targets", {}).get(key, {}).get(kind)
    return path + ("within",) if isinstance(node, dict) else path


def whose(channel: str | None) -> str:
    return f"channel '{channel}'" if channel else "crisis mode"


# --- SK201 ----------------------------------------------------------------------------


@rule(
    "SK201",
    "overlapping-hours",
    W,
    "Two opening intervals of one weekly map overlap.",
    bad="""
    schedules:
      - id: shop
        weekly:
          mon-fri: ["08:00-17:00"]
          mon: ["16:00-19:00"]      # mon 16:00-17:00 is already open
          sat: ["22:00-02:00"]
          sun: ["01:00-05:00"]      # sun 01:00-02:00 is still saturday night
    """,
    good="""
    schedules:
      - id: shop
        weekly:
          mon: ["08:00-19:00"]
          tue-fri: ["08:00-17:00"]
          sat: ["22:00-05:00"]
    """,
)
def overlapping_hours(ctx: Context) -> Iterator[Finding]:
    """
    Opening hours are easiest to read, and to publish, when each moment of the
    week is written once. Two intervals that overlap are almost always a slip:
    a day key such as `mon` repeating part of `mon-fri`, an interval that runs
    past midnight (`22:00-02:00`) into the next day's first interval, or two
    intervals in one list that were meant to meet. The engine would merge
    them, but the person reading the YAML (and the playbook generated from
    it) sees hours that contradict each other.

    The rule checks each weekly map: the schedule's own, every season's, and
    the intervals of each dated `special_hours` entry. It reports the later
    interval and names the earlier one and the overlapping time.
    """
    for i, schedule in enumerate(ctx.strategy.schedules):
        yield from _overlaps(schedule.weekly, ("schedules", i, "weekly"), schedule.id)
        for j, season in enumerate(schedule.seasons):
            yield from _overlaps(season.weekly, ("schedules", i, "seasons", j, "weekly"), f"{schedule.id}' season '{season.id}")
        for j, special in enumerate(schedule.special_hours):
            yield from _overlaps(
                {"daily": special.hours}, ("schedules", i, "special_hours", j, "hours"), schedule.id, dated=str(special.date)
            )


def _overlaps(weekly_map: dict, base: tuple, name: str, dated: str | None = None) -> Iterator[Finding]:
    keys = list(weekly_map)
    found = list(weekly.pieces(weekly_map))
    if dated is not None:  # one date: compare the intervals on a single day
        found = [p for p in found if p.weekday == 0]
    order = {(p.key, p.index): (keys.index(p.key), p.index) for p in found}
    spans = []
    for piece in found:
        spans.append((piece.start, piece.end, piece))
        if piece.end > weekly.WEEK:  # Sunday night spilling into Monday morning
            spans.append((piece.start - weekly.WEEK, piece.end - weekly.WEEK, piece))
    spans.sort(key=lambda s: (s[0], s[1]))
    reported: set[tuple[str, int]] = set()
    active: list[tuple[int, int, weekly.Piece]] = []
    for start, end, piece in spans:
        active = [a for a in active if a[1] > start]
        for a_start, a_end, other in active:
            if (other.key, other.index) == (piece.key, piece.index):
                continue
            first, later = sorted((other, piece), key=lambda p: order[(p.key, p.index)])
            ident = (later.key, later.index)
            if ident in reported:
                continue
            reported.add(ident)
            lo, hi = max(start, a_start), min(end, a_end)
            if dated is not None:
                when = f"on {dated} {weekly.clock(lo % weekly.DAY)}-{weekly.clock(hi % weekly.DAY or weekly.DAY)}"
                where = f"'{weekly_map[first.key][first.index]}'"
            else:
                day = (lo // weekly.DAY) % 7
                when = f"on {weekly.days_text([day])} {weekly.clock(lo % weekly.DAY)}-{weekly.clock(hi % weekly.DAY or weekly.DAY)}"
                spill = " (past midnight)" if first.weekday != day else ""
                where = f"'{weekly_map[first.key][first.index]}' under '{first.key}'{spill}"
            text = weekly_map[later.key][later.index]
            under = "" if dated is not None else f" under '{later.key}'"
            yield Finding(
                base + ((later.key,) if dated is None else ()) + (later.index,),
                f"'{text}'{under} overlaps {where} {when} in schedule '{name}'; write each hour once",
            )
        active.append((start, end, piece))


# --- SK202, SK203 -----------------------------------------------------------------------


def never_open(ctx: Context, schedule_id: str) -> bool:
    compiled = ctx.compiled(schedule_id)
    if compiled is not None:
        return len(compiled.starts) == 0
    schedule = ctx.schedules[schedule_id]
    has_hours = (
        bool(ctx.schedule_week(schedule_id).any())
        or any(weekly.of_weekly(season.weekly).any() for season in schedule.seasons)
        or any(special.hours for special in schedule.special_hours)
    )
    return not has_hours


@rule(
    "SK202",
    "schedule-never-open",
    W,
    "A schedule has no open time in the horizon.",
    bad="""
    schedules:
      - id: summer-desk
        weekly: {}                 # no hours at all
        special_hours:
          - date: 2020-06-20       # long past
            hours: ["10:00-14:00"]
    """,
    good="""
    schedules:
      - id: summer-desk
        weekly:
          sat: ["10:00-14:00"]
    """,
)
def schedule_never_open(ctx: Context) -> Iterator[Finding]:
    """
    A schedule says when someone is there. One that is never open (empty
    weekly hours, or closures and holidays that cover every opening) cannot
    be what was meant: a channel on it is never staffed, a business-clock
    reply target on it never comes due, and an escalation rule with `during:`
    it never fires.

    "Never" means in the compiled horizon: from the reference date
    (`--as-of`, default today) for `horizon_days` days (400 by default), with
    holidays, closures, special hours and seasons applied. Special hours that
    lie in the past therefore do not count.
    """
    for i, schedule in enumerate(ctx.strategy.schedules):
        if never_open(ctx, schedule.id):
            reason = (
                "its weekly hours are empty" if not ctx.schedule_week(schedule.id).any() else "closures and holidays cover every opening"
            )
            yield Finding(
                ("schedules", i, "id"),
                f"schedule '{schedule.id}' is never open in {ctx.horizon}: {reason}; give it opening hours or remove it",
            )


@rule(
    "SK203",
    "business-clock-never-due",
    E,
    "A business-clock SLA counts the open time of a schedule that is never open.",
    bad="""
    schedules:
      - id: closed
        weekly: {}
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: closed
        sla: standard          # business clock: counts open time only
        disclosures: [hours]
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        disclosures: [hours]
    """,
)
def business_clock_never_due(ctx: Context) -> Iterator[Finding]:
    """
    A business-clock SLA (`clock: business`) counts only the time the
    channel's schedule is open: a 4h target received on Friday at 16:00 with
    office hours until 17:00 falls due on Monday at 11:00. On a schedule that
    is never open (or on a channel without a schedule) no time is ever
    counted, so every reply is due never, and the promise is empty.

    Give the channel a schedule with opening hours, or use `clock: calendar`
    if the target really runs around the clock. Customer-service channels
    without a schedule are reported by SK103 instead.
    """
    for use in sla_uses(ctx):
        sla = ctx.slas.get(use.sla)
        if sla is None or sla.clock != "business":
            continue
        if use.schedule is None:
            if use.channel is not None and not use.customer_service:
                yield Finding(
                    use.path,
                    f"SLA '{use.sla}' counts open hours, but {whose(use.channel)} has no schedule, so no reply is ever due; add 'schedule:' or use a calendar-clock SLA",
                )
        elif use.schedule in ctx.schedules and never_open(ctx, use.schedule):
            yield Finding(
                use.path,
                f"SLA '{use.sla}' counts open hours of schedule '{use.schedule}', which is never open in {ctx.horizon}, so no reply for {whose(use.channel)} is ever due",
            )


# --- SK204 ------------------------------------------------------------------------------


@rule(
    "SK204",
    "calendar-clock-while-closed",
    E,
    "A calendar-clock SLA promises replies while the channel's schedule is closed.",
    bad="""
    slas:
      - id: fast
        clock: calendar          # counts nights and weekends too
        targets:
          default: {respond: 2h}
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours   # closed mon-thu 17:00-08:00 and weekends
        sla: fast
        disclosures: [hours]
    """,
    good="""
    slas:
      - id: fast
        clock: business          # counts office hours only
        targets:
          default: {respond: 2h}
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
def calendar_clock_while_closed(ctx: Context) -> Iterator[Finding]:
    """
    A calendar-clock SLA (`clock: calendar`) counts every hour, night and
    weekend included. On a channel whose schedule closes, a message that
    arrives as the channel closes waits for the whole closed stretch before
    anyone is there to see it. If that stretch is longer than a target, the
    target cannot be met, however well the team works; the public promise
    (the `response-time` disclosure) is then wrong.

    The rule compares each target with the longest closed stretch of the
    schedule's usual week, and names when the schedule is closed. Fix it with
    `clock: business` (targets count open hours only), with a schedule that
    is open while the promise runs, or with targets longer than the closed
    stretch. A target with `if_received_closed` says itself what happens to
    messages that arrive while closed and is not reported here; SK223 checks
    its open arrivals, and each arrival window, precisely.
    """
    for use in sla_uses(ctx):
        sla = ctx.slas.get(use.sla)
        if sla is None or sla.clock != "calendar" or use.schedule not in ctx.schedules or not use.customer_service:
            continue
        closed = ~ctx.schedule_week(use.schedule)
        longest = weekly.longest_run(closed) * 60
        broken = [
            (within, key, kind) for key, kind, within, if_closed in timings(sla, windows=False) if if_closed is None and within < longest
        ]
        if not broken or not closed.any():
            continue
        within, key, kind = min(broken)
        yield Finding(
            use.path,
            f"SLA '{use.sla}' counts calendar time but schedule '{use.schedule}' is closed {weekly.describe(closed)}: "
            f"a message that arrives as it closes waits {format_duration(longest)}, longer than the {format_duration(within)} {kind} target for '{key}'; "
            "use clock: business or a schedule that is open while the target runs",
        )


# --- SK205, SK206 -----------------------------------------------------------------------


def gap_text(ctx: Context, need_week: weekly.Week, need_exact: timeline.Exact | None, team_id: str, zone: str) -> str | None:
    """When `need` holds and nobody on the team's rota is on duty, as text; None if never.

    The weekly view gives the words; the exact view (the engine, over the
    horizon) decides which of them really happen and adds dated exceptions.
    """
    coverage = ctx.coverage(team_id, zone)
    usual = need_week & ~coverage.week
    if need_exact is None or coverage.exact is None:
        return weekly.describe(usual) if usual.any() else None
    gaps = need_exact - coverage.exact
    if gaps.empty:
        return None
    seen, dated = timeline.split_by_week(gaps.windows, ZoneInfo(zone), usual)
    parts = []
    if seen.any():
        parts.append(weekly.describe(seen))
    if dated:
        parts.append(("also " if parts else "") + timeline.describe_dated(dated))
    return "; ".join(parts) if parts else None


@rule(
    "SK205",
    "rota-gap",
    W,
    "A customer-service channel is open while nobody on its team's rota is on duty.",
    bad="""
    schedules:
      - id: long-days
        weekly:
          mon-fri: ["08:00-20:00"]
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support            # rota covers office-hours only
        schedule: long-days      # open until 20:00
        sla: standard
        disclosures: [hours]
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        disclosures: [hours]
    """,
)
def rota_gap(ctx: Context) -> Iterator[Finding]:
    """
    The channel's schedule is what the public is told: someone is there to
    answer at these hours. The team's rota is who actually checks the channel
    when. Wherever the channel is open and nobody is on duty, questions wait
    while the published hours say they should not, and the reply targets
    are missed without anyone noticing.

    The rule reports the uncovered hours of the usual week (e.g.
    `mon-fri 17:00-20:00`), and dated gaps that holidays, seasons, closures
    or rota overrides cause within the horizon (e.g. a holiday the channel
    stays open on but the rota's `only_during` schedule is closed). Cover the
    hours with a rota layer, or shorten the channel's schedule.
    """
    cache: dict[tuple[str, str], str | None] = {}
    for i, channel in ctx.cs_channels():
        team = ctx.teams.get(channel.team or "")
        if team is None or team.rota is None or channel.schedule not in ctx.schedules:
            continue
        key = (channel.schedule, team.id)
        if key not in cache:
            zone = ctx.schedule_zone(channel.schedule)
            cache[key] = gap_text(ctx, ctx.schedule_week(channel.schedule), ctx.open_exact(channel.schedule), team.id, zone)
        if cache[key]:
            yield Finding(
                ("channels", i, "team"),
                f"nobody on team '{team.id}''s rota is on duty while channel '{channel.id}' is open (schedule '{channel.schedule}'): {cache[key]}; add a rota layer for these hours",
            )


@rule(
    "SK206",
    "team-without-rota",
    W,
    "A customer-service channel's team has no rota.",
    bad="""
    teams:
      - id: web
        name: Web
        members: [anna, erik]
        lead: anna                # no rota: who checks, when?
    channels:
      - id: chat
        name: Website chat
        platform: website-chat
        customer_service: true
        team: web
        schedule: office-hours
        sla: standard
        disclosures: [hours]
    """,
    good="""
    teams:
      - id: web
        name: Web
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: days
              start: 2026-01-05 08:00
              every: 1w
              order: [anna, erik]
              only_during: office-hours
    channels:
      - id: chat
        name: Website chat
        platform: website-chat
        customer_service: true
        team: web
        schedule: office-hours
        sla: standard
        disclosures: [hours]
    """,
)
def team_without_rota(ctx: Context) -> Iterator[Finding]:
    """
    Channels should be checked at fixed times every day, and when several
    people share the work a rolling schedule says who checks which channel
    when. A customer-service channel whose team has no rota leaves that
    unsaid: everyone assumes someone else is watching. With a rota the
    playbook can show who is on duty, tools can route messages to them, and
    SK205 can check that the open hours are covered.
    """
    for i, channel in ctx.cs_channels():
        team = ctx.teams.get(channel.team or "")
        if team is not None and team.rota is None:
            yield Finding(
                ("channels", i, "team"),
                f"team '{team.id}' has no rota, so nobody is on duty for customer-service channel '{channel.id}'; add a rota saying who checks the channel when",
            )


# --- SK207, SK208 -----------------------------------------------------------------------


@rule(
    "SK207",
    "target-shorter-than-check",
    W,
    "A reply target is shorter than the time between checks of the channel.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard          # complaint: acknowledge within 1h
        check_every: 2h        # but the channel is looked at every 2h
        disclosures: [hours]
    """,
    good="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: support
        schedule: office-hours
        sla: standard
        check_every: 1h
        disclosures: [hours]
    """,
)
def target_shorter_than_check(ctx: Context) -> Iterator[Finding]:
    """
    A message that arrives just after someone has looked at the channel is
    first seen at the next check, so any reply target shorter than that wait
    is missed for such messages even when everyone follows the routine. The
    routine can be written three ways, and the rule reads the one that sees
    messages soonest:

    - `check_every: 2h`: the wait is the interval.
    - `check_times: ["08:00", "12:00", "16:00"]`: the wait is the longest
      stretch from a check to the next one, on the usual week of the
      channel's schedule (only open hours count on the business clock).
    - `checks: {at_least: 2, per: week}`: however the checks are spread, the
      open hours of a week are cut into that many stretches, so some
      message waits at least the week's open hours divided by the number of
      checks. Twice a week cannot keep a 24-hour target.

    Check more often, or set targets the routine can keep.
    """
    for i, channel in ctx.channels():
        sla = ctx.slas.get(channel.sla or "")
        if sla is None:
            continue
        open_week = ctx.schedule_week(channel.schedule) if channel.schedule else weekly.full()
        wait = cadence.unavoidable_wait(channel, open_week, sla.clock == "business")
        if wait is None:
            continue
        found = [(within, key, kind) for key, kind, within, _ in timings(sla) if within < wait.seconds]
        if found:
            within, key, kind = min(found)
            yield Finding(("channels", i, wait.field), _check_message(channel, wait, sla, within, key, kind))


def _check_message(channel, wait: cadence.Wait, sla: Sla, within: int, key: str, kind: str) -> str:
    target = f"the {format_duration(within)} {kind} target for '{key}' in SLA '{sla.id}'"
    hours = " of open hours" if sla.clock == "business" and wait.field != "check_every" else ""
    if wait.field == "check_every":
        return (
            f"check_every {format_duration(channel.check_every)} is longer than {target}: "
            f"a message can wait {format_duration(channel.check_every)} before anyone sees it; check more often or relax the target"
        )
    if wait.field == "check_times":
        return (
            f"with checks at {', '.join(sorted(channel.check_times))} a message can wait {format_duration(wait.seconds)}{hours} "
            f"before anyone sees it, longer than {target}; add check times or relax the target"
        )
    rate = channel.checks
    return (
        f"checks at least {rate.at_least} times per {rate.per}: even spread evenly, a message can wait {format_duration(wait.seconds)}{hours} "
        f"before anyone sees it, longer than {target}; check more often or relax the target"
    )


@rule(
    "SK208",
    "slow-complaint-target",
    W,
    "A reply target for complaints or other negative messages is longer than 24 hours.",
    bad="""
    slas:
      - id: relaxed
        clock: business
        targets:
          complaint: {respond: 3 working days}
          default: {respond: 8h}
    """,
    good="""
    slas:
      - id: relaxed
        clock: business
        targets:
          complaint: {acknowledge: 4h, respond: 1 working day}
          default: {respond: 8h}
    """,
)
def slow_complaint_target(ctx: Context) -> Iterator[Finding]:
    """
    A common rule of thumb is to answer within 24 hours, and a quick, imperfect
    answer does more good than a perfect one two days later: the person who
    complained, and everyone who reads the thread, sees that the organisation
    listens. The rule looks at the targets of every category whose sentiment
    is negative (complaints, criticism, harassment ...), and at the `default`
    target where a negative category has no target of its own.

    If a full answer really takes longer, keep a short `acknowledge` target
    (a first reply that says you are on it) and keep `respond` within a day.

    The rule compares the duration as written. On a business clock, 24h means
    24 open hours, which is several working days of office hours (SK216), so a
    business-clock complaint target is usually better set in hours of one
    working day, or as `1 working day` (due at the close of the next working
    day). Targets of two working days or more are reported.
    """
    negative = [c.id for c in ctx.strategy.categories if c.sentiment == "negative"]
    for i, sla in enumerate(ctx.strategy.slas):
        covered: dict[str, list[str]] = {}
        for category in negative:
            key = category if category in sla.targets else ("default" if "default" in sla.targets else None)
            if key is not None:
                covered.setdefault(key, []).append(category)
        for key, categories in covered.items():
            target = sla.targets[key]
            for kind in ("respond", "acknowledge"):
                timing = next((part for part in timing_parts(getattr(target, kind)) if _longer_than_a_day(part.within)), None)
                if timing is not None:
                    via = f"'{key}'" if key != "default" else f"'default' (which covers {', '.join(categories)})"
                    yield Finding(
                        timing_path(ctx, i, key, kind),
                        f"{kind} target {_written(timing.within)} for {via} in SLA '{sla.id}' is longer than 24h; a fast answer beats a perfect one, so aim for 24h or less",
                    )
                    break


def _longer_than_a_day(within: int | WorkingDays) -> bool:
    return within.count >= 2 if isinstance(within, WorkingDays) else within > DAY_SECONDS


def _written(within: int | WorkingDays) -> str:
    return str(within) if isinstance(within, WorkingDays) else format_duration(within)

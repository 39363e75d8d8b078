"""SK311-SK315: publishing hours and blackouts (`channels[].publishing`, `moderation.blackouts`)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.problems import Severity
from socialkit.strategy.model import Blackout

W, I = Severity.WARNING, Severity.INFO  # noqa: E741 (the rule tables read as E/W/I)


def _blackouts(ctx: Context) -> Iterator[tuple[int, Blackout]]:
    moderation = ctx.strategy.moderation
    yield from enumerate(moderation.blackouts if moderation is not None else [])


def _instants(ctx: Context, blackout: Blackout) -> tuple[int, int]:
    from socialkit.engine.localtime import wall_to_utc, zone

    tz = zone(ctx.default_zone)
    return wall_to_utc(tz, blackout.start), wall_to_utc(tz, blackout.end)


# --- SK311 ------------------------------------------------------------------------------


@rule(
    "SK311",
    "blackout-stops-nothing",
    W,
    "A blackout stops publishing only at times no channel it covers publishes anyway.",
    bad="""
    schedules:
      - id: daytime
        weekly:
          daily: ["07:00-22:00"]
        holidays: open
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: false
        redirect: {text: "Call us.", url: "https://example.org/contact"}
        disclosures: [redirect]
        team: support
        publishing: daytime
    moderation:
      never_remove: [criticism]
      blackouts:
        - start: "2027-03-01 23:00"   # the night, when we never publish
          end: "2027-03-02 06:00"
          reason: Maintenance
    """,
    good="""
    schedules:
      - id: daytime
        weekly:
          daily: ["07:00-22:00"]
        holidays: open
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: false
        redirect: {text: "Call us.", url: "https://example.org/contact"}
        disclosures: [redirect]
        team: support
        publishing: daytime
    moderation:
      never_remove: [criticism]
      blackouts:
        - start: "2027-03-01 18:00"
          end: "2027-03-02 09:00"
          reason: Maintenance
    """,
)
def blackout_stops_nothing(ctx: Context) -> Iterator[Finding]:
    """
    A blackout that stops publishing says "no posts then". When every channel
    it covers has publishing hours (`channels[].publishing`) and none of them
    is open at any moment of the blackout, it changes nothing: the times or
    the channels are probably wrong (a date typed in the wrong year, 23:00
    for 13:00, the wrong channel). Fix its `start`, `end` or `channels`; a
    blackout that also turns comments off (`stops: [publishing, comments]`)
    still does something and is not reported. Only blackouts inside the
    compiled horizon are judged.
    """
    channels = ctx.strategy.channels
    for i, blackout in _blackouts(ctx):
        if "comments" in blackout.stops or "publishing" not in blackout.stops:
            continue
        covered = [c for c in channels if not blackout.channels or c.id in blackout.channels]
        if not covered or any(c.publishing is None for c in covered):
            continue  # a channel without publishing hours may publish at any time, so the blackout stops something
        start, end = _instants(ctx, blackout)
        overlaps = [_overlaps_open_time(ctx, c.publishing, start, end) for c in covered if c.publishing]
        if all(found is False for found in overlaps):
            names = ", ".join(sorted({c.publishing for c in covered if c.publishing}))
            yield Finding(
                ("moderation", "blackouts", i, "start"),
                f"the blackout from {blackout.start:%Y-%m-%d %H:%M} to {blackout.end:%Y-%m-%d %H:%M} stops nothing: "
                f"the publishing hours of the channels it covers ({names}) are closed all that time; check its times and channels",
            )


def _overlaps_open_time(ctx: Context, schedule_id: str, start: int, end: int) -> bool | None:
    """Whether the schedule is open at some moment of [start, end); None when that is not known (outside the horizon)."""
    compiled = ctx.compiled(schedule_id)
    if compiled is None or start < compiled.horizon_start or end > compiled.horizon_end:
        return None
    k = int(np.searchsorted(compiled.ends, start, side="right"))  # the first window ending after start
    return k < len(compiled.starts) and int(compiled.starts[k]) < end


# --- SK312 ------------------------------------------------------------------------------


@rule(
    "SK312",
    "blackout-over",
    I,
    "A blackout ended before the reference date.",
    bad="""
    moderation:
      never_remove: [criticism]
      blackouts:
        - start: "2026-09-13 00:00"   # election day 2026, already over
          end: "2026-09-14 00:00"
          reason: Election day
    """,
    good="""
    moderation:
      never_remove: [criticism]
      blackouts:
        - start: "2030-09-08 00:00"   # the next general election
          end: "2030-09-09 00:00"
          reason: Election day
    """,
)
def blackout_over(ctx: Context) -> Iterator[Finding]:
    """
    A blackout that ended before the reference date no longer stops
    anything, yet the playbook still lists it. Remove it (git keeps the
    record), or keep it knowingly: this is information only.
    """
    for i, blackout in _blackouts(ctx):
        if blackout.end.date() <= ctx.as_of:
            yield Finding(
                ("moderation", "blackouts", i, "end"),
                f"the blackout that ended {blackout.end:%Y-%m-%d %H:%M} is over; remove it or keep it as a record",
            )

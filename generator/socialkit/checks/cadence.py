"""How long a message can wait before anyone sees it, given how often a channel is checked.

A channel states its checking routine in up to three ways: `check_every`
(an interval while open), `check_times` (fixed local times every day) and
`checks` (at least n times per day, working day or week, times not fixed).
Each gives a wait that some message must sit through before anyone sees it,
on the usual week of the channel's schedule (`weekly.Week`, local minutes):

- `check_every`: the interval itself.
- `check_times`: exactly the longest wait between two consecutive checks,
  for a message that arrives while open just after a check; on the business
  clock only open minutes count.
- `checks`: a lower bound, however the checks are placed. N checks a week
  cut the week into N gaps; a message arriving at the first open minute of
  a gap waits at least the open minutes in that gap, and those add up to the
  week's open minutes, so some gap makes a message wait at least
  open minutes / N (on either clock).

Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from socialkit.checks import weekly
from socialkit.strategy.model import Channel, CheckRate

MINUTE = 60


@dataclass(frozen=True, slots=True)
class Wait:
    """A wait of `seconds` that the routine stated in `field` cannot avoid."""

    seconds: int
    field: str  # "check_every", "check_times" or "checks"
    exact: bool  # False: a lower bound (`checks`)


def working_days(open_week: weekly.Week) -> int:
    """Weekdays with some open minute in the usual week."""
    return int(open_week.reshape(7, weekly.DAY).any(axis=1).sum())


def checks_per_week(rate: CheckRate, open_week: weekly.Week) -> int:
    """The fewest checks a week the rate allows (its `at_least`)."""
    days = {"day": 7, "working-day": working_days(open_week), "week": 1}[rate.per]
    return rate.at_least * days


def rate_wait(rate: CheckRate, open_week: weekly.Week) -> int | None:
    """Seconds some message waits at least, however the checks are spread; None if never open."""
    per_week = checks_per_week(rate, open_week)
    open_minutes = int(open_week.sum())
    if per_week == 0 or open_minutes == 0:
        return None
    return open_minutes * MINUTE // per_week


def times_wait(times: list[str], open_week: weekly.Week, business: bool) -> int | None:
    """Longest wait (seconds) of a message arriving while open until the next fixed check time.

    Business clock: open minutes between two checks; calendar clock: from the
    first open minute after a check to the next check. None if never open.
    """
    if not times or not open_week.any():
        return None
    minutes = sorted({int(t[:2]) * 60 + int(t[3:]) for t in times})
    checks = np.array([day * weekly.DAY + m for day in range(7) for m in minutes])
    nexts = np.roll(checks, -1)
    nexts[-1] += weekly.WEEK
    doubled = np.concatenate([open_week, open_week])
    longest = 0
    for start, stop in zip(checks.tolist(), nexts.tolist()):
        gap = doubled[start:stop]
        if not gap.any():
            continue
        wait = int(gap.sum()) if business else stop - (start + int(np.argmax(gap)))
        longest = max(longest, wait)
    return longest * MINUTE


def unavoidable_wait(channel: Channel, open_week: weekly.Week, business: bool) -> Wait | None:
    """The shortest of the waits the channel's routines imply: the routine that sees messages soonest."""
    waits = []
    if channel.check_every is not None:
        waits.append(Wait(channel.check_every, "check_every", True))
    if channel.check_times:
        seconds = times_wait(channel.check_times, open_week, business)
        if seconds is not None:
            waits.append(Wait(seconds, "check_times", True))
    if channel.checks is not None:
        seconds = rate_wait(channel.checks, open_week)
        if seconds is not None:
            waits.append(Wait(seconds, "checks", False))
    return min(waits, key=lambda w: w.seconds, default=None)

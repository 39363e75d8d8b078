"""SK226-SK229: rota layers of dated turns (relays).

A relay lists who takes over from which date instead of a fixed period, so
nothing guarantees that the turns join up. These rules say what the dates
leave open: a gap between turns, two turns at once, a turn nobody has been
named for, and the day the last turn ends with nobody else on duty. Turns
that ended before the reference date are history and not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.engine.localtime import wall_to_utc, zone
from socialkit.engine.rota import turn_ends
from socialkit.engine.spec import RotaTurn
from socialkit.problems import Severity
from socialkit.strategy.model import RotaLayer, Team

W = Severity.WARNING

RELAY_TEAM = """
    teams:
      - id: summer
        name: Summer account
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: summer-account
              turns:
"""


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _relay_layers(ctx: Context) -> Iterator[tuple[int, Team, int, RotaLayer]]:
    for i, team in enumerate(ctx.strategy.teams):
        for j, layer in enumerate(team.rota.layers if team.rota else ()):
            if layer.dated:
                yield i, team, j, layer


def _ordered(layer: RotaLayer) -> list[tuple[int, RotaTurn, datetime | None]]:
    """(index as written, turn, the end it has) in start order."""
    turns = tuple(RotaTurn(t.person, t.start, t.end) for t in layer.turns)
    ends = dict(turn_ends(turns))
    return sorted(((k, t, ends[t]) for k, t in enumerate(turns)), key=lambda x: (x[1].start, x[0]))


def _current(ctx: Context, end: datetime | None) -> bool:
    """Whether something ending at `end` (None: never) still matters on or after the reference date."""
    return end is None or end > datetime.combine(ctx.as_of, time())


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    """The earlier of two ends, None meaning never."""
    if a is None or b is None:
        return a or b
    return min(a, b)


def _who(turn: RotaTurn) -> str:
    return f"'{turn.person}'" if turn.person else "the unnamed turn"


@rule(
    "SK226",
    "relay-gap",
    W,
    "Two dated turns of a rota layer leave a gap between them.",
    bad=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00, end: 2027-06-21 08:00}
                - {person: erik, start: 2027-06-28 08:00}     # who has the week in between?
    """,
    good=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00, end: 2027-06-21 08:00}
                - {person: erik, start: 2027-06-21 08:00}
    """,
)
def relay_gap(ctx: Context) -> Iterator[Finding]:
    """
    In a relay each person takes over from a date. A turn with an `end`
    before the next turn's `start` leaves the layer with nobody on duty in
    between: the account is unwatched unless another layer covers it. Either
    let the turn run until the next one begins (leave out `end`), or add the
    missing turn. SK205 says whether the channels' open hours are covered
    overall; this rule points at the dates.
    """
    for i, team, j, layer in _relay_layers(ctx):
        ordered = _ordered(layer)
        for (k, turn, end), (_, nxt, _) in zip(ordered, ordered[1:]):
            if end is not None and end < nxt.start and _current(ctx, nxt.start):
                yield Finding(
                    ("teams", i, "rota", "layers", j, "turns", k, "end"),
                    f"rota layer '{layer.id}' of team '{team.id}' has nobody on duty from {_when(end)} to {_when(nxt.start)}: "
                    f"the turn of {_who(turn)} ends before {_who(nxt)} takes over; add a turn or move a date",
                )


@rule(
    "SK227",
    "relay-overlap",
    W,
    "Two dated turns of a rota layer overlap.",
    bad=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00, end: 2027-06-28 08:00}
                - {person: erik, start: 2027-06-21 08:00}     # anna is still on duty
    """,
    good=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00, end: 2027-06-21 08:00}
                - {person: erik, start: 2027-06-21 08:00}
    """,
)
def relay_overlap(ctx: Context) -> Iterator[Finding]:
    """
    When a turn's `end` falls after the next turn's `start`, both people are
    on duty in between (the policy, the rota page and the calendar feed all
    say so). A planned hand-over can be meant that way; more often a date is
    wrong, and two people each think the other has the account. Say which
    you mean by moving the dates so that one turn ends when the next begins,
    or suppress the warning for a deliberate hand-over.
    """
    for i, team, j, layer in _relay_layers(ctx):
        ordered = [(k, turn, end) for k, turn, end in _ordered(layer) if turn.person is not None]
        for a, (k, turn, end) in enumerate(ordered):
            for _, other, other_end in ordered[a + 1 :]:  # starts no earlier than `turn`
                if end is not None and other.start >= end:
                    continue
                overlap_end = _earlier(end, other_end)
                if _current(ctx, overlap_end):
                    until = f"to {_when(overlap_end)}" if overlap_end else "on"
                    yield Finding(
                        ("teams", i, "rota", "layers", j, "turns", k, "end"),
                        f"the turns of {_who(turn)} and {_who(other)} on rota layer '{layer.id}' of team '{team.id}' overlap "
                        f"from {_when(other.start)} {until}: both are on duty then; end one turn when the next begins",
                    )


@rule(
    "SK228",
    "relay-turn-unnamed",
    W,
    "A dated turn of a rota layer names nobody.",
    bad=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00}
                - {start: 2027-06-21 08:00}                    # not decided yet
                - {person: erik, start: 2027-07-05 08:00}
    """,
    good=RELAY_TEAM
    + """
                - {person: anna, start: 2027-06-07 08:00}
                - {person: anna, start: 2027-06-21 08:00}
                - {person: erik, start: 2027-07-05 08:00}
    """,
)
def relay_turn_unnamed(ctx: Context) -> Iterator[Finding]:
    """
    A relay is often planned before everyone has said yes, so a turn may
    list its dates without a `person`. Nobody is on duty for that turn: the
    policy answers "nobody" and the rota page says "not decided yet". The
    warning stays until someone is named, so the open turn is not forgotten.
    """
    for i, team, j, layer in _relay_layers(ctx):
        for k, turn, end in _ordered(layer):
            if turn.person is None and _current(ctx, end):
                until = f"to {_when(end)}" if end else "on, until further notice"
                yield Finding(
                    ("teams", i, "rota", "layers", j, "turns", k, "start"),
                    f"nobody is named for the turn from {_when(turn.start)} {until} on rota layer '{layer.id}' of team '{team.id}', "
                    "so nobody on this layer is on duty then; add who takes it (person)",
                )


@rule(
    "SK229",
    "relay-ends",
    W,
    "The last dated turn of a rota ends and nobody is on duty after it.",
    bad="""
    teams:
      - id: summer
        name: Summer account
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: summer-account
              turns:
                - {person: anna, start: 2026-11-02 08:00}
                - {person: erik, start: 2026-11-30 08:00, end: 2027-01-04 08:00}   # and then?
    """,
    good="""
    teams:
      - id: summer
        name: Summer account
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: summer-account
              turns:
                - {person: anna, start: 2026-11-02 08:00}
                - {person: erik, start: 2026-11-30 08:00}   # until further notice
    """,
)
def relay_ends(ctx: Context) -> Iterator[Finding]:
    """
    A relay without a fixed period lasts as long as its turns do. When the
    last turn has an `end` and no other layer of the team's rota puts anyone
    on duty after it, nobody is on duty from that date on: the policy's
    on-duty answer is empty and escalations to the team reach nobody. Add
    the next turn, leave out the last `end` (the turn then lasts until
    further notice), or add a layer that takes over.
    """
    for i, team, j, layer in _relay_layers(ctx):
        ordered = _ordered(layer)
        if any(end is None for _, _, end in ordered):
            continue
        k, _, last = max(ordered, key=lambda x: x[2] or datetime.max)
        assert last is not None
        exact = ctx.on_duty_exact(team.id)
        if exact is None:
            continue
        instant = wall_to_utc(zone(ctx.rota_zone(team)), last)
        if instant >= exact.hi:
            continue
        if not (exact.windows[1] > instant).any():
            yield Finding(
                ("teams", i, "rota", "layers", j, "turns", k, "end"),
                f"nobody on the rota of team '{team.id}' is on duty from {_when(last)} on: the last turn of layer '{layer.id}' ends then; "
                "add the next turn, or leave out this end (the turn then lasts until further notice)",
            )

"""SK3xx: escalation. Rules are tried in order and the first match wins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from socialkit.checks import timeline, weekly
from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, rule
from socialkit.checks.rules.timing import gap_text
from socialkit.problems import Severity
from socialkit.strategy.model import Conditions, EscalationRule

E, W = Severity.ERROR, Severity.WARNING


# --- SK301 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """The conditions of a rule in a form that compares quickly. None = any."""

    categories: frozenset[str] | None
    channels: frozenset[str] | None
    keywords: frozenset[str] | None
    author_types: frozenset[str] | None
    min_followers: int | None
    max_followers: int | None
    during: str | None
    outside: str | None
    crisis: bool | None

    @classmethod
    def of(cls, when: Conditions) -> Match:
        def anyof(values, fold=False):
            return frozenset(v.casefold() if fold else v for v in values) if values else None

        return cls(
            anyof(when.categories),
            anyof(when.channels),
            anyof(when.keywords, fold=True),
            anyof(when.author_types),
            when.min_followers,
            when.max_followers,
            when.during,
            when.outside,
            when.crisis,
        )

    @property
    def everything(self) -> bool:
        return self == EVERYTHING

    def covers(self, other: Match) -> bool:
        """Whether every message `other` matches is also matched by this rule."""
        for mine, theirs in (
            (self.categories, other.categories),
            (self.channels, other.channels),
            (self.keywords, other.keywords),
            (self.author_types, other.author_types),
        ):
            if mine is not None and (theirs is None or not theirs <= mine):
                return False
        if self.min_followers is not None and (other.min_followers is None or other.min_followers < self.min_followers):
            return False
        if self.max_followers is not None and (other.max_followers is None or other.max_followers > self.max_followers):
            return False
        return all(
            mine is None or mine == theirs
            for mine, theirs in ((self.during, other.during), (self.outside, other.outside), (self.crisis, other.crisis))
        )


EVERYTHING = Match(None, None, None, None, None, None, None, None, None)


@rule(
    "SK301",
    "shadowed-escalation",
    W,
    "An escalation rule can never match: an earlier rule matches everything it would.",
    bad="""
    escalation:
      - id: complaints
        when: {categories: [complaint]}
        priority: high
      - id: loud-complaints          # never reached: 'complaints' comes first
        when: {categories: [complaint], min_followers: 10000}
        priority: urgent
      - id: default
        priority: normal
    """,
    good="""
    escalation:
      - id: loud-complaints          # the narrower rule first
        when: {categories: [complaint], min_followers: 10000}
        priority: urgent
      - id: complaints
        when: {categories: [complaint]}
        priority: high
      - id: default
        priority: normal
    """,
)
def shadowed_escalation(ctx: Context) -> Iterator[Finding]:
    """
    Escalation rules are tried from the top and the first rule whose
    conditions all hold decides. A rule is dead when an earlier rule matches
    every message it could match: each condition of the earlier rule is
    either absent or at least as broad (its list of categories, channels,
    keywords or author types includes all of the later rule's; its follower
    range contains the later one's; its `during`, `outside` and `crisis` are
    absent or the same). Put the narrower rule first, or narrow the earlier
    one. The message names the earlier rule and where it is.
    """
    seen: list[tuple[int, Match]] = []
    catch_all: int | None = None
    for j, esc in ctx.rules():
        match = Match.of(esc.when)
        earlier = catch_all if catch_all is not None else next((i for i, m in seen if m.covers(match)), None)
        if earlier is not None:
            first = ctx.strategy.escalation[earlier]
            yield Finding(
                ("escalation", j),
                f"escalation rule '{esc.id}' can never match: rule '{first.id}' at {ctx.where(('escalation', earlier))} comes first and matches every message it would; move '{esc.id}' above it or narrow '{first.id}'",
            )
        else:
            seen.append((j, match))
        if catch_all is None and match.everything:
            catch_all = j


# --- SK302 ------------------------------------------------------------------------------


def is_catch_all(esc: EscalationRule) -> bool:
    return Match.of(esc.when).everything


@rule(
    "SK302",
    "no-default-escalation",
    W,
    "The last escalation rule has conditions, so some messages match no rule.",
    bad="""
    escalation:
      - id: complaints
        when: {categories: [complaint]}
        priority: high
        route_to: support
    """,
    good="""
    escalation:
      - id: complaints
        when: {categories: [complaint]}
        priority: high
        route_to: support
      - id: default                  # no 'when': everything else
        priority: normal
    """,
)
def no_default_escalation(ctx: Context) -> Iterator[Finding]:
    """
    Every message should end up somewhere. When the last escalation rule has
    conditions, a message that matches none of the rules has no priority and
    no route, and tools that read the policy have to guess. End the list with
    a catch-all rule without `when` (for example `id: default`) that states
    what happens to everything else, even if that is "normal priority, the
    channel's own team".
    """
    rules = ctx.strategy.escalation
    if rules and not is_catch_all(rules[-1]):
        yield Finding(
            ("escalation", len(rules) - 1),
            f"the last escalation rule '{rules[-1].id}' has conditions, so messages that match no rule have no route; end the list with a rule without 'when' (e.g. id: default)",
        )


# --- SK303 ------------------------------------------------------------------------------


def firing_times(ctx: Context, esc: EscalationRule) -> tuple[weekly.Week, timeline.Exact | None, str, str] | None:
    """(usual week, exact windows, zone, words) of when the rule needs someone; None = no time need.

    `during`/`outside` say when the rule can fire. A rule without them that
    keeps its own calendar-clock limits needs someone at any time. Otherwise
    the reply waits for the team's open hours, which is what a business clock
    means, and there is nothing to check.
    """
    during, outside = esc.when.during, esc.when.outside
    if during is None and outside is None:
        if esc.clock != "calendar":
            return None
        team = ctx.teams.get(esc.route_to or "")
        zone = ctx.rota_zone(team) if team else ctx.default_zone
        return weekly.full(), None, zone, "at any time (calendar clock)"
    if (during and during not in ctx.schedules) or (outside and outside not in ctx.schedules):
        return None
    zone = ctx.schedule_zone(during or outside)
    week = weekly.full()
    exact: timeline.Exact | None = None
    words = []
    if during:
        week = week & ctx.schedule_week(during)
        exact = ctx.open_exact(during)
        words.append(f"during {during}")
    if outside:
        week = week & ~weekly.shifted(ctx.schedule_week(outside), ctx.zone_shift(ctx.schedule_zone(outside), zone))
        closed = ctx.open_exact(outside)
        closed = closed.inverted() if closed is not None else None
        exact = closed if not during else (exact & closed if exact is not None and closed is not None else None)
        words.append(f"outside {outside}")
    return week, exact, zone, " and ".join(words)


@rule(
    "SK303",
    "escalation-nobody-on-duty",
    W,
    "An escalation rule routes to a team with nobody on duty when the rule can fire.",
    bad="""
    escalation:
      - id: evenings
        when: {outside: office-hours}
        priority: high
        route_to: support       # its rota covers office hours only
      - id: default
        priority: normal
    """,
    good="""
    teams:
      - id: on-call
        name: On call
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: around-the-clock
              start: 2026-01-05 08:00
              every: 1w
              order: [erik, anna]
    escalation:
      - id: evenings
        when: {outside: office-hours}
        priority: high
        route_to: on-call
      - id: default
        priority: normal
    """,
)
def escalation_nobody_on_duty(ctx: Context) -> Iterator[Finding]:
    """
    Routing a message to a team only helps if someone in that team is on duty
    when the message arrives. A rule with `during:` or `outside:` fires only at
    those times; a rule with its own limits on a calendar clock
    (`clock: calendar`) needs someone at any hour. If the team's rota leaves
    those times uncovered (a rule for evenings routed to a team that works
    office hours, say), the escalation lands in an empty room.

    The rule reports the uncovered hours of the usual week and dated gaps from
    the compiled rota (holidays, overrides). A routed team without a rota is
    reported here too, since nobody is known to be on duty. Rules on a
    business clock without a time condition wait for the team's hours by
    design and are not checked.
    """
    cache: dict[tuple, str | None] = {}
    for j, esc in ctx.rules():
        team = ctx.teams.get(esc.route_to or "")
        if team is None:
            continue
        need = firing_times(ctx, esc)
        if need is None:
            continue
        week, exact, zone, words = need
        if team.rota is None:
            yield Finding(
                ("escalation", j, "route_to"),
                f"escalation rule '{esc.id}' routes to team '{team.id}', which has no rota, so nobody is known to be on duty when it fires ({words}); add a rota or route to a team on duty then",
            )
            continue
        if exact is None and esc.when.during is None and esc.when.outside is None:
            cov = ctx.coverage(team.id, zone).exact
            exact = timeline.Exact(timeline.windows([cov.lo], [cov.hi]), cov.lo, cov.hi) if cov is not None else None
        key = (team.id, esc.when.during, esc.when.outside, words)
        if key not in cache:
            cache[key] = gap_text(ctx, week, exact, team.id, zone)
        if cache[key]:
            yield Finding(
                ("escalation", j, "route_to"),
                f"escalation rule '{esc.id}' fires {words}, but nobody on team '{team.id}''s rota is on duty {cache[key]}; cover these hours in the rota or route to a team on duty then",
            )


# --- SK304 ------------------------------------------------------------------------------


@rule(
    "SK304",
    "notify-unreachable",
    E,
    "An escalation rule notifies a person who has no email or phone.",
    bad="""
    people:
      - id: lena
        name: Lena Berg          # no email, no phone
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: anna
    escalation:
      - id: threat
        when: {keywords: [threat]}
        priority: urgent
        notify: [lena]
      - id: default
        priority: normal
    """,
    good="""
    people:
      - id: lena
        name: Lena Berg
        email: lena@example.org
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: anna
    escalation:
      - id: threat
        when: {keywords: [threat]}
        priority: urgent
        notify: [lena]
      - id: default
        priority: normal
    """,
)
def notify_unreachable(ctx: Context) -> Iterator[Finding]:
    """
    `notify` lists the people who must hear about a message at once. Tools
    that read the policy notify them by email or phone; a person with neither
    in the strategy is silently skipped, and the escalation reaches fewer
    people than it says. Add the contact details (they are never published).
    """
    for j, esc in ctx.rules():
        for k, person in enumerate(esc.notify):
            if person in ctx.people and not ctx.has_contact(person):
                yield Finding(
                    ("escalation", j, "notify", k),
                    f"escalation rule '{esc.id}' notifies '{person}', who has no email or phone; add one under people",
                )

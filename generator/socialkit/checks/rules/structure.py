"""SK1xx: references and structure. Who runs what, and can they be reached."""

from __future__ import annotations

from collections.abc import Iterator

from socialkit.checks.context import Context
from socialkit.checks.registry import Finding, documented, rule
from socialkit.problems import Severity

E, W = Severity.ERROR, Severity.WARNING

documented(
    "SK101",
    stage="references",
    doc="""
    Every id used in one place must be defined in another: a channel's `team`,
    `schedule` and `sla`, a team's `members`, an escalation rule's `route_to`
    and `notify`, and so on. A misspelt id would otherwise leave a channel
    without anyone to answer it, and the machine-readable policy would point
    at nothing. The message suggests the closest id that does exist.

    This check runs before the rules and cannot be switched off: the rules
    need a strategy whose references hold.
    """,
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true
        team: suport          # no team has this id
        schedule: office-hours
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

documented(
    "SK102",
    stage="references",
    doc="""
    Ids name things across files, so each must be unique within its section.
    Two entries with the same id make every reference to it ambiguous; the
    message points at the second one and names where the first is.

    This check runs before the rules and cannot be switched off.
    """,
    bad="""
    schedules:
      - id: weekend
        weekly: {sat: ["10:00-14:00"]}
      - id: weekend          # the same id again
        weekly: {sun: ["10:00-14:00"]}
    """,
    good="""
    schedules:
      - id: weekend
        weekly:
          sat,sun: ["10:00-14:00"]
    """,
)


@rule(
    "SK103",
    "customer-service-incomplete",
    E,
    "A customer-service channel lacks a team, or (when it promises reply times) a schedule or an SLA.",
    bad="""
    channels:
      - id: facebook
        name: Facebook
        platform: facebook
        customer_service: true   # but who answers, when, and how fast?
        team: support
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
def customer_service_incomplete(ctx: Context) -> Iterator[Finding]:
    """
    A channel that takes customer-service questions makes a promise to the
    people who write there. To keep it, the strategy has to say who answers
    (`team`). A channel that promises reply times (`promise: deadline`, the
    default) also needs when someone is there (`schedule`) and how quickly
    they answer (`sla`): without them the playbook cannot tell the public its
    hours and the policy cannot compute a due time.

    Many organisations answer without promising a time. Say so with
    `promise: best-effort` (answered, no time) or `promise: read-only` (read,
    not answered) instead of inventing an SLA; such a channel needs only a
    team, and its `schedule`, if any, is the hours it is monitored.
    """
    for i, channel in ctx.cs_channels():
        needed = ("team", "schedule", "sla") if channel.promise in (None, "deadline") else ("team",)
        missing = [name for name in needed if getattr(channel, name) is None]
        if missing:
            what = ", ".join(missing[:-1]) + (" or " if len(missing) > 1 else "") + missing[-1]
            hint = " (who answers, when, and how fast)" if len(needed) > 1 else " (who answers)"
            if "sla" in missing and channel.promise is None:
                hint += ", or 'promise: best-effort' if you answer without promising a time"
            yield Finding(
                ("channels", i, "customer_service"),
                f"customer-service channel '{channel.id}' has no {what}; add " + ", ".join(f"'{m}:'" for m in missing) + hint,
            )


@rule(
    "SK104",
    "person-without-team",
    W,
    "A person belongs to no team.",
    bad="""
    people:
      - id: lena
        name: Lena Berg
        email: lena@example.org   # but no team lists lena
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
        lead: lena
    """,
)
def person_without_team(ctx: Context) -> Iterator[Finding]:
    """
    The strategy says who is responsible for the work, and responsibility
    lives in teams: a team runs channels, has a rota and receives escalations.
    A person who is in no team has no channel, no shift and no place in the
    escalation chain, which usually means they were forgotten when a team was
    edited, or they have left and should be removed (their contact details are
    personal data).
    """
    for i, person in enumerate(ctx.strategy.people):
        if person.id not in ctx.teams_of_person:
            yield Finding(
                ("people", i, "id"),
                f"person '{person.id}' is in no team; add them to a team's members, or remove them if they no longer work with the channels",
            )


@rule(
    "SK105",
    "lead-not-member",
    E,
    "A team's lead is not one of its members.",
    bad="""
    teams:
      - id: careers
        name: Careers
        members: [erik]
        lead: anna        # anna leads the team but is not in it
    """,
    good="""
    teams:
      - id: careers
        name: Careers
        members: [erik, anna]
        lead: anna
    """,
)
def lead_not_member(ctx: Context) -> Iterator[Finding]:
    """
    The lead answers for the team's channels and is the first person an
    escalation reaches. A lead who is not a member does not appear where the
    team's people are listed (the rota page, the contact list of the
    playbook), so the two lists disagree about who is in charge. Add the lead
    to `members`, or make a member the lead.
    """
    for i, team in enumerate(ctx.strategy.teams):
        if team.lead not in team.members:
            yield Finding(
                ("teams", i, "lead"),
                f"lead '{team.lead}' of team '{team.id}' is not one of its members ({', '.join(team.members)}); add '{team.lead}' to members",
            )


@rule(
    "SK106",
    "lead-without-contact",
    W,
    "A team's lead has neither an email address nor a phone number.",
    bad="""
    people:
      - id: lena
        name: Lena Berg       # no email, no phone
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: lena
    """,
    good="""
    people:
      - id: lena
        name: Lena Berg
        phone: "+46 70 345 67 89"
    teams:
      - id: security
        name: Security
        members: [lena, anna]
        lead: lena
    """,
)
def lead_without_contact(ctx: Context) -> Iterator[Finding]:
    """
    When something goes wrong outside the normal flow (a threat, a crisis, a
    complaint that spreads) the team lead is the person to reach, quickly. A
    lead without an email address or phone number in the strategy cannot be
    notified by the tools that read the policy. The contact details stay
    internal: the public playbook never shows them.
    """
    for i, team in enumerate(ctx.strategy.teams):
        if team.lead in ctx.people and not ctx.has_contact(team.lead):
            yield Finding(
                ("teams", i, "lead"),
                f"lead '{team.lead}' of team '{team.id}' has no email or phone; add one to '{team.lead}' under people so the lead can be reached",
            )


@rule(
    "SK107",
    "rota-outsider",
    W,
    "Someone on a team's rota is not a member of the team.",
    bad="""
    teams:
      - id: night
        name: Night desk
        members: [anna]
        lead: anna
        rota:
          layers:
            - id: nights
              start: 2026-01-05 00:00
              every: 1w
              order: [anna, erik]    # erik is not in this team
    """,
    good="""
    teams:
      - id: night
        name: Night desk
        members: [anna, erik]
        lead: anna
        rota:
          layers:
            - id: nights
              start: 2026-01-05 00:00
              every: 1w
              order: [anna, erik]
    """,
)
def rota_outsider(ctx: Context) -> Iterator[Finding]:
    """
    A rota says who checks the team's channels when. Putting someone on it
    who is not a member means they are on duty for channels they are not
    listed as working with, and they are missing from the team where people
    look for who to ask. Either add them to `members` or take them off the
    rota.
    """
    for i, team in enumerate(ctx.strategy.teams):
        if team.rota is None:
            continue
        members = set(team.members)
        for j, layer in enumerate(team.rota.layers):
            named = [(("order", k), p) for k, p in enumerate(layer.order)]
            named += [(("turns", k, "person"), t.person) for k, t in enumerate(layer.turns) if t.person is not None]
            for where, person in named:
                if person not in members:
                    yield Finding(
                        ("teams", i, "rota", "layers", j) + where,
                        f"'{person}' is on the rota of team '{team.id}' (layer '{layer.id}') but not one of its members; add them to members",
                    )
        for j, override in enumerate(team.rota.overrides):
            if override.person not in members:
                yield Finding(
                    ("teams", i, "rota", "overrides", j, "person"),
                    f"'{override.person}' stands in on the rota of team '{team.id}' but is not one of its members; add them to members",
                )

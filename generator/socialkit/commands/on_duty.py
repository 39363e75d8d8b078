"""`socialkit on-duty`: who on a team is on duty at an instant."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit on-duty social                                   right now
  socialkit on-duty social --at 2026-07-08T10:00:00+02:00
  socialkit on-duty social --at 2026-07-08T10:00             local time in the organisation's zone
  socialkit on-duty --team security --format json
  socialkit on-duty films --at 2027-01-11T08:00               a relay: whoever's dated turn it is

when nobody is on duty it says who is next and from when
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "on-duty", "Say who on a team is on duty at an instant (from its rota).", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("team_id", nargs="?", metavar="TEAM", help="team id (or --team)")
    parser.add_argument("--team", help="team id")
    parser.add_argument("--at", metavar="TIME", help="instant, RFC 3339; without an offset, the organisation's local time (default: now)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run, parser=parser)


def run(args) -> int:
    from socialkit.commands._typed import local_instant, next_on_duty, people_text, positional_or_flag
    from socialkit.runtime.policy import rfc3339

    args.team = positional_or_flag(args.parser, args.team_id, args.team, "team")
    if args.team is None:
        return 2
    policy = load_policy(args)
    zone_name = policy.document["organization"]["timezone"]
    t = local_instant(args.at, zone_name, "--at")
    people = policy.on_duty(args.team, t)
    from zoneinfo import ZoneInfo

    has_rota = policy.document["teams"][args.team]["rota"] is not None
    upcoming = None if people or not has_rota else next_on_duty(policy, args.team, t)
    at_next = None if upcoming is None else rfc3339(upcoming[0], ZoneInfo(zone_name))
    if args.format == "json":
        following = None if upcoming is None else {"at": at_next, "on_duty": list(upcoming[1])}
        print(json.dumps({"team": args.team, "at": args.at, "on_duty": list(people), "has_rota": has_rota, "next": following}, indent=2))
    elif not has_rota:
        print(f"{args.team} has no rota; add one under teams[].rota to answer this")
    elif people:
        print(people_text(policy, people))
    elif upcoming:
        print(f"nobody on {args.team} is on duty then; next: {people_text(policy, upcoming[1])} from {at_next}")
    else:
        print(f"nobody on {args.team} is on duty then, nor later within the compiled horizon")
    return 0

"""`socialkit on-duty`: who on a team is on duty at an instant."""

from __future__ import annotations

import json
import sys

from socialkit.commands import add_command, add_policy_source, instant, load_policy

EXAMPLES = """\
  socialkit on-duty --team social                            right now
  socialkit on-duty --team social --at 2026-07-08T10:00:00+02:00
  socialkit on-duty --team security --format json
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "on-duty", "Say who on a team is on duty at an instant (from its rota).", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--team", required=True, help="team id")
    parser.add_argument("--at", metavar="TIME", help="instant, RFC 3339 with offset (default: now)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.runtime.policy import PolicyError

    policy = load_policy(args)
    if policy is None:
        return 2
    try:
        t = instant(args.at)
        people = policy.on_duty(args.team, t)
    except PolicyError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return 2
    has_rota = policy.document["teams"][args.team]["rota"] is not None
    if args.format == "json":
        print(json.dumps({"team": args.team, "at": args.at, "on_duty": list(people), "has_rota": has_rota}, indent=2))
    elif not has_rota:
        print(f"{args.team} has no rota; add one under teams[].rota to answer this")
    else:
        names = policy.document["people"]
        print(", ".join(f"{names.get(p, {}).get('name', p)} ({p})" for p in people) if people else f"nobody on {args.team} is on duty then")
    return 0

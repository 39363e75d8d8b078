"""`socialkit open`: is a channel open at an instant, when does it close or open."""

from __future__ import annotations

import json
import sys

from socialkit.commands import add_command, add_policy_source, instant, load_policy

EXAMPLES = """\
  socialkit open --channel facebook                         right now
  socialkit open --channel facebook --at 2026-12-24T10:00:00+01:00
  socialkit open --channel x --crisis --format json
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "open", "Say whether a channel is open, when it closes and when it next opens.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--channel", required=True, help="channel id")
    parser.add_argument("--at", metavar="TIME", help="instant, RFC 3339 with offset (default: now)")
    parser.add_argument("--crisis", action="store_true", help="use the crisis-mode schedule")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    from zoneinfo import ZoneInfo

    from socialkit.runtime.policy import PolicyError, rfc3339

    policy = load_policy(args)
    if policy is None:
        return 2
    try:
        t = instant(args.at)
        is_open = policy.is_open(args.channel, t, args.crisis)
        closes = policy.closes_at(args.channel, t, args.crisis)
        nxt = policy.next_open(args.channel, t, args.crisis)
        schedule = policy.channel_schedule(args.channel, args.crisis)
    except PolicyError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return 2
    zone_name = policy.document["schedules"][schedule]["timezone"] if schedule else policy.document["organization"]["timezone"]
    zone = ZoneInfo(zone_name)
    stamp = lambda v: None if v is None else rfc3339(v, zone)  # noqa: E731
    data = {
        "channel": args.channel,
        "at": stamp(t),
        "schedule": schedule,
        "open": is_open,
        "closes_at": stamp(closes),
        "next_open_at": stamp(nxt if not is_open else None),
    }
    if args.format == "json":
        print(json.dumps(data, indent=2))
    elif is_open:
        print(f"{args.channel} is open ({schedule or 'no schedule'}); closes {data['closes_at'] or 'not within the horizon'}")
    else:
        print(f"{args.channel} is closed ({schedule}); opens {data['next_open_at'] or 'not within the compiled horizon'}")
    return 0

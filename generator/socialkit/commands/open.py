"""`socialkit open`: is a channel open at an instant, when does it close or open."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit open facebook                                   right now
  socialkit open facebook --at 2026-12-24T10:00:00+01:00
  socialkit open facebook --at 2026-12-24T10:00             local time in the organisation's zone
  socialkit open --channel x --crisis --format json
  socialkit open youtube --at 2026-11-24T10:00              a best-effort channel: its hours, and that no time is promised
"""


# What a channel without reply times promises, said after its hours.
PROMISE_LINES = {
    "best-effort": "answered as soon as possible; no reply time is promised (best-effort)",
    "read-only": "messages are read, not answered (read-only)",
}


def register(subparsers) -> None:
    parser = add_command(subparsers, "open", "Say whether a channel is open, when it closes and when it next opens.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("channel_id", nargs="?", metavar="CHANNEL", help="channel id (or --channel)")
    parser.add_argument("--channel", help="channel id")
    parser.add_argument("--at", metavar="TIME", help="instant, RFC 3339; without an offset, the organisation's local time (default: now)")
    parser.add_argument("--crisis", action="store_true", help="use the crisis-mode schedule")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run, parser=parser)


def run(args) -> int:
    from zoneinfo import ZoneInfo

    from socialkit.commands._typed import local_instant, positional_or_flag, takes_no_questions
    from socialkit.runtime.policy import rfc3339

    args.channel = positional_or_flag(args.parser, args.channel_id, args.channel, "channel")
    if args.channel is None:
        return 2
    policy = load_policy(args)
    t = local_instant(args.at, policy.document["organization"]["timezone"], "--at")
    is_open = policy.is_open(args.channel, t, args.crisis)
    closes = policy.closes_at(args.channel, t, args.crisis)
    nxt = policy.next_open(args.channel, t, args.crisis)
    schedule = policy.channel_schedule(args.channel, args.crisis)
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
        "promise": policy.channel_promise(args.channel, args.crisis),
    }
    no_questions = takes_no_questions(policy, args.channel)
    if args.format == "json":
        print(json.dumps({**data, "customer_service": no_questions is None}, indent=2))
    elif no_questions and schedule is None:
        print(no_questions)
    elif is_open:
        print(f"{args.channel} is open ({schedule or 'no schedule'}); closes {data['closes_at'] or 'not within the horizon'}")
    else:
        print(f"{args.channel} is closed ({schedule}); opens {data['next_open_at'] or 'not within the compiled horizon'}")
    if no_questions and schedule is not None and args.format != "json":
        print(no_questions)
    if data["promise"] in PROMISE_LINES and args.format != "json":
        print(PROMISE_LINES[data["promise"]])
    return 0

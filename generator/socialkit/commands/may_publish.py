"""`socialkit may-publish`: may we publish on a channel at an instant (publishing hours, blackouts)."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit may-publish facebook                                   right now
  socialkit may-publish facebook --at 2026-12-25T10:00             local time in the organisation's zone
      -> facebook: no publishing (blackout 2026-12-24T00:00:00+01:00 to 2026-12-27T00:00:00+01:00: ...)
  socialkit may-publish --channel instagram --at 2026-12-01T23:30:00+01:00 --format json

exit status 0 whether or not publishing is allowed; read the answer, not the status
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers,
        "may-publish",
        "Say whether we may publish on a channel at an instant: its publishing hours and the blackouts in force.",
        EXAMPLES,
    )
    add_policy_source(parser)
    parser.add_argument("channel_id", nargs="?", metavar="CHANNEL", help="channel id (or --channel)")
    parser.add_argument("--channel", help="channel id")
    parser.add_argument("--at", metavar="TIME", help="instant, RFC 3339; without an offset, the organisation's local time (default: now)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run, parser=parser)


def run(args) -> int:
    from socialkit.commands._typed import local_instant, positional_or_flag

    args.channel = positional_or_flag(args.parser, args.channel_id, args.channel, "channel")
    if args.channel is None:
        return 2
    policy = load_policy(args)
    language = policy.document["organization"]["languages"][0]
    t = local_instant(args.at, policy.document["organization"]["timezone"], "--at")
    decision = policy.may_publish(args.channel, t)
    if args.format == "json":
        print(json.dumps(decision.to_json(), indent=2, ensure_ascii=False))
    else:
        print(answer_text(decision.to_json(), language))
    return 0


def answer_text(data: dict, language: str) -> str:
    """One or two lines: the answer and its reason, then what a blackout turns off."""
    channel, schedule = data["channel"], data["publishing_schedule"]
    later = f"; next allowed {data['next_allowed_at']}" if data["next_allowed_at"] else "; not allowed again within the compiled horizon"
    if data["reason"] == "blackout":
        stopping = [b for b in data["blackouts"] if "publishing" in b["stops"]]
        what = "; ".join(f"{b['start']} to {b['end']}: {_text(b['reason'], language)}" for b in stopping)
        line = f"{channel}: no publishing (blackout {what}){later}"
    elif data["reason"] == "outside-publishing-hours":
        line = f"{channel}: no publishing (outside its publishing hours, {schedule}){later}"
    elif data["reason"] == "publishing-hours":
        line = f"{channel}: publishing allowed (within its publishing hours, {schedule})"
    else:
        line = f"{channel}: publishing allowed (the policy sets no publishing hours for it, and no blackout is in force)"
    if data["comments_off"]:
        line += "\ncomments are off (a blackout in force turns them off)"
    return line


def _text(text, language: str) -> str:
    if isinstance(text, dict):
        return str(text.get(language) or next(iter(text.values()), ""))
    return str(text)

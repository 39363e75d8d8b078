"""`socialkit account`: a channel's account against the account rules, and whether it is inactive."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit account --channel facebook
  socialkit account --channel linkedin --format json
  socialkit account --channel tiktok --last-post 2026-08-14T12:00 --at 2026-11-23T09:00

exit status 1 when the account falls short of the rules or is inactive
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "account", "Check a channel's owner and administrators against the account rules.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--channel", required=True, help="channel id")
    parser.add_argument("--last-post", metavar="TIME", help="when the channel last posted (RFC 3339; local time without an offset)")
    parser.add_argument("--at", metavar="TIME", help="judge inactivity at this instant (default: now)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.commands._typed import local_instant

    policy = load_policy(args)
    status = policy.account_status(args.channel)
    zone = policy.document["organization"]["timezone"]
    if args.last_post is not None:
        last = local_instant(args.last_post, zone, "--last-post")
        status["inactivity"] = policy.inactivity(args.channel, last, local_instant(args.at, zone, "--at"))
    if args.format == "json":
        print(json.dumps(status, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(status_text(status))
    inactive = (status.get("inactivity") or {}).get("inactive")
    return 0 if status["ok"] and not inactive else 1


def status_text(status: dict) -> str:
    from socialkit.commands.records import plain_period
    from socialkit.periods import period_from_plain

    lines = [f"{status['channel']}: owner {status['owner'] or '(none)'}; administrators {', '.join(status['admins']) or '(none)'}"]
    lines += [f"  against the rules: {gap_line(gap)}" for gap in status["gaps"]]
    if not status["gaps"]:
        lines.append("  in order with the account rules")
    inactivity = status.get("inactivity")
    if inactivity is not None:
        if inactivity["threshold"] is None:
            lines.append("  the policy sets no inactivity threshold")
        else:
            verdict = "inactive" if inactivity["inactive"] else "active"
            then = f"; then: {inactivity['then']}" if inactivity["then"] and inactivity["inactive"] else ""
            threshold = plain_period(period_from_plain(inactivity["threshold"]))
            lines.append(f"  {verdict}: no posts for {threshold} makes it inactive from {inactivity['inactive_from']}{then}")
    return "\n".join(lines)


def gap_line(gap: dict) -> str:
    kind = gap["kind"]
    if kind == "too-few-admins":
        return f"{gap['have']} administrator(s), at least {gap['need']} required"
    if kind == "missing-admin":
        return f"{gap['person']} administers every account, not this one"
    if kind == "no-admin-from":
        return f"no administrator from team {gap['team']}"
    return "no owner"

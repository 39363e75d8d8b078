"""`socialkit evaluate`: the decision for a message (or a stream of them)."""

from __future__ import annotations

import json
import sys

from . import add_command, add_policy_source, instant, load_policy

EXAMPLES = """\
  socialkit evaluate --channel facebook --category complaint --received 2026-11-23T16:30:00+01:00
  socialkit evaluate --channel x --category question --received 2026-11-24T23:30:00+01:00 \\
      --text "Ni ska få se" --followers 25000 --format json
  socialkit evaluate --policy policies/policy.json --events events.jsonl > decisions.jsonl
  cat events.jsonl | socialkit evaluate --events -

an --events line is a JSON object with channel, category, received_at (RFC 3339
with offset), and optionally text, followers, author_type, crisis. A bad line is
reported as FILE:LINE on stderr and the rest still run (exit 1 at the end).
"""

CHUNK = 20_000


def register(subparsers) -> None:
    parser = add_command(subparsers, "evaluate", "Decide deadlines, duty and escalation for a message.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--channel", help="channel id, e.g. facebook")
    parser.add_argument("--category", help="message category id, e.g. complaint")
    parser.add_argument("--received", metavar="TIME", help="arrival, RFC 3339 with offset (default: now)")
    parser.add_argument("--text", default="", help="message text (for keyword rules)")
    parser.add_argument("--followers", type=int, help="author's follower count (for reach rules)")
    parser.add_argument("--author-type", help="customer, journalist, influencer, ...")
    parser.add_argument("--crisis", action="store_true", help="evaluate in crisis mode")
    parser.add_argument("--events", metavar="FILE", help="JSON lines of events ('-' for stdin); one decision per line out")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output for a single event (default: text)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..policy import Event, PolicyError

    if not args.events and not (args.channel and args.category):
        print("socialkit evaluate: give --channel and --category (or --events FILE)", file=sys.stderr)
        return 2
    policy = load_policy(args)
    if policy is None:
        return 2
    if args.events:
        return _run_events(policy, args.events)
    try:
        event = Event(args.channel, args.category, instant(args.received), args.text, args.followers, args.author_type, args.crisis)
        decision = policy.decide(event)
    except PolicyError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(decision)
    return 0


def _print_text(decision) -> None:
    data = decision.to_json()
    rows = [
        ("channel", data["channel"]), ("category", data["category"]), ("received", data["received_at"]),
        ("open", "yes" if data["open"] else f"no, opens {data['next_open_at'] or 'beyond the horizon'}"),
        ("clock", data["clock"] or "-"), ("acknowledge by", data["acknowledge_by"] or "-"),
        ("respond by", data["respond_by"] or "-"), ("team", data["team"] or "-"),
        ("on duty", ", ".join(data["on_duty"]) or "nobody"),
    ]
    if data["escalation"]:
        esc = data["escalation"]
        rows.append(("escalation", f"{esc['rule']} ({esc['priority']})"))
        if esc["route_to"]:
            rows.append(("route to", esc["route_to"]))
        if esc["notify"]:
            rows.append(("notify", ", ".join(esc["notify"])))
        rows.append(("reply style", esc["reply_style"] or "-"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def _run_events(policy, name: str) -> int:
    from ..progress import Progress

    stream = sys.stdin if name == "-" else _open(name)
    if stream is None:
        return 2
    label = "<stdin>" if name == "-" else name
    failures = 0
    out = sys.stdout
    with Progress("evaluating", None) as progress:
        batch: list[tuple[int, object]] = []
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            event, error = _event_from_line(line, policy)
            if error:
                failures += 1
                print(f"{label}:{number}: {error}", file=sys.stderr)
                continue
            batch.append((number, event))
            if len(batch) >= CHUNK:
                failures += _flush(policy, batch, label, out)
                progress.advance(len(batch))
                batch = []
        failures += _flush(policy, batch, label, out)
        progress.advance(len(batch))
    if failures:
        print(f"socialkit: {failures} event line(s) could not be evaluated", file=sys.stderr)
    return 1 if failures else 0


def _open(name: str):
    try:
        return open(name, encoding="utf-8")
    except OSError as err:
        print(f"socialkit: cannot read {name}: {err.strerror}", file=sys.stderr)
        return None


def _event_from_line(line: str, policy):
    from ..policy import Event, PolicyError, parse_instant

    try:
        data = json.loads(line)
    except ValueError as err:
        return None, f"not JSON ({err.msg} at column {err.colno})"
    if not isinstance(data, dict):
        return None, "expected a JSON object per line"
    try:
        received = data.get("received_at", data.get("received"))
        if isinstance(received, int) and not isinstance(received, bool):
            at = received
        elif isinstance(received, str):
            at = parse_instant(received)
        else:
            return None, "missing 'received_at' (RFC 3339 with offset)"
        channel, category = data.get("channel"), data.get("category")
        if not isinstance(channel, str) or not isinstance(category, str):
            return None, "missing 'channel' or 'category'"
        policy.channel(channel)
        if category not in policy.document["categories"]:
            return None, f"unknown category '{category}'"
        followers = data.get("followers")
        if followers is not None and (not isinstance(followers, int) or isinstance(followers, bool)):
            return None, "'followers' must be a whole number"
        return Event(channel, category, at, str(data.get("text") or ""), followers, data.get("author_type"), bool(data.get("crisis", False))), None
    except PolicyError as err:
        return None, str(err)


def _flush(policy, batch, label: str, out) -> int:
    if not batch:
        return 0
    lines = policy.decision_lines([event for _, event in batch])
    out.write("\n".join(lines) + "\n")
    return 0

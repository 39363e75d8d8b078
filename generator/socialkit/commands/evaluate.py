"""`socialkit evaluate`: the decision for a message (or a stream of them)."""

from __future__ import annotations

import json
import sys

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit evaluate --channel facebook --category complaint --received 2026-11-23T16:30:00+01:00
  socialkit evaluate --channel x --category question --received 2026-11-24T23:30:00+01:00 \\
      --text "Ni ska få se" --followers 25000 --format json
  socialkit evaluate --channel linkedin --category question --received 2026-11-28T11:00:00+01:00
      (a target by arrival time: the output names the window that applied, here 'otherwise')
  socialkit evaluate --channel youtube --category question --received 2026-11-27T15:30:00+01:00
      (a best-effort channel: no deadline; 'tell if longer' says when the person is told it takes longer)
  socialkit evaluate --channel x --category question --kind untagged-mention --received 2026-11-24T10:00:00+01:00
  socialkit evaluate --channel linkedin --category question --received 2026-11-27T15:00:00+01:00
      (two working days: due at the close of Tuesday 1 December)
  socialkit evaluate --policy policies/policy.json --events events.jsonl > decisions.jsonl
  cat events.jsonl | socialkit evaluate --events -

an --events line is a JSON object with channel, category, received_at (RFC 3339
with offset, or epoch seconds), and optionally text, followers, author_type, crisis, kind. A bad line is
reported as FILE:LINE on stderr and the rest still run (exit 1 at the end).
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "evaluate", "Decide deadlines, duty and escalation for a message.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--channel", help="channel id, e.g. facebook")
    parser.add_argument("--category", help="message category id, e.g. complaint")
    parser.add_argument(
        "--received", metavar="TIME", help="arrival, RFC 3339; without an offset, the organisation's local time (default: now)"
    )
    parser.add_argument("--text", default="", help="message text (for keyword rules)")
    parser.add_argument("--followers", type=_followers, metavar="N", help="author's follower count (for reach rules)")
    parser.add_argument("--author-type", help="customer, journalist, influencer, ...")
    parser.add_argument("--crisis", action="store_true", help="evaluate in crisis mode")
    parser.add_argument(
        "--kind", help="how the message reached us: comment, direct-message, tagged-mention, untagged-mention, review (default: not stated)"
    )
    parser.add_argument("--events", metavar="FILE", help="JSON lines of events ('-' for stdin); one decision per line out")
    parser.add_argument("--jobs", type=_positive, metavar="N", help="worker processes for --events (default: the CPUs available; 1 = none)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output for a single event (default: text)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.commands._typed import clock_text, local_instant
    from socialkit.runtime.policy import Event

    if not args.events and not (args.channel and args.category):
        print("socialkit evaluate: give --channel and --category (or --events FILE)", file=sys.stderr)
        return 2
    policy = load_policy(args)
    if args.events:
        from socialkit.runtime.events import default_jobs

        return _run_events(policy, args.events, args.jobs or default_jobs())
    received = local_instant(_utf8("--received", args.received), policy.document["organization"]["timezone"], "--received")
    event = Event(
        _utf8("--channel", args.channel),
        _utf8("--category", args.category),
        received,
        _utf8("--text", args.text),
        args.followers,
        _utf8("--author-type", args.author_type),
        args.crisis,
        _utf8("--kind", args.kind),
    )
    decision = policy.decide(event)
    if args.format == "json":
        print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(decision, clock_text(policy, decision, args.crisis), policy.document["organization"]["languages"][0])
    return 0


def _windows(applied: dict | None) -> list[tuple[str, str]]:
    """The arrival window each target by arrival time took ('none matched' when no window covers the arrival)."""
    return [(f"{kind} window", window or "none matched") for kind, window in (applied or {}).items()]


def _print_text(decision, clock: str, language: str) -> None:
    data = decision.to_json()
    rows = [
        ("channel", data["channel"]),
        ("category", data["category"]),
        ("received", data["received_at"]),
        ("open", "yes" if data["open"] else f"no, opens {data['next_open_at'] or 'beyond the horizon'}"),
        ("promise", PROMISE_TEXT.get(data["promise"], data["promise"])),
        ("clock", clock),
        ("acknowledge by", data["acknowledge_by"] or "-"),
        ("respond by", data["respond_by"] or "-"),
        *_windows(data["arrival_window"]),
        ("team", data["team"] or "-"),
        ("on duty", ", ".join(data["on_duty"]) or "nobody"),
    ]
    if data["update_if_longer"]:
        rows.insert(
            rows.index(("respond by", data["respond_by"] or "-")) + 1, ("tell if longer", data["update_by"] or "yes, no time given")
        )
    if "kind" in data:
        rows.insert(2, ("kind", data["kind"]))
        rows += _handling_rows(data["handling"], language)
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


PROMISE_TEXT = {
    "deadline": "deadline",
    "best-effort": "best effort: answered, no reply time promised",
    "read-only": "read-only: read, not answered",
    "none": "none: no reply promised",
}


def _handling_rows(handling, language: str) -> list[tuple[str, str]]:
    """The kind's own handling on the channel: its promise and where the message is sent instead."""
    if handling is None:
        return [("handling", "as the channel")]
    rows = [("promise", handling["promise"])] if handling["promise"] else []
    redirect = handling["redirect"]
    if redirect:
        text = redirect["text"] if isinstance(redirect["text"], str) else redirect["text"].get(language, "")
        rows.append(("redirect", " ".join(part for part in (text, redirect["url"], redirect["channel"]) if part)))
    if handling["sla"]:
        rows.append(("sla", handling["sla"]))
    return rows


def _followers(text: str) -> int:
    import argparse

    from socialkit.runtime.events import MAX_FOLLOWERS

    digits = text.strip().replace("_", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 16 or int(digits) > MAX_FOLLOWERS:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a whole number from 0 to 10^15")
    return int(digits)


def _utf8(option: str, value: str | None) -> str | None:
    """An argument as given; one that is not valid UTF-8 (undecodable bytes in argv) is refused."""
    from socialkit.runtime.policy import PolicyError

    if value is not None and any("\udc80" <= c <= "\udcff" for c in value):
        raise PolicyError(f"{option} is not valid UTF-8 text")
    return value


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _run_events(policy, name: str, jobs: int) -> int:
    from socialkit.progress import Progress
    from socialkit.runtime.events import evaluate_stream

    stream = sys.stdin.buffer if name == "-" else _open(name)
    if stream is None:
        return 2
    failures = 0
    sink = _write_result if _on_file_descriptors() else None  # a worker can write to a descriptor it inherited
    try:
        with Progress("evaluating", None) as progress:
            for result in evaluate_stream(policy, stream, name, jobs, sink=sink):
                if sink is None:
                    _write_result(result)
                failures += len(result.problems)
                progress.advance(result.lines)
    except BrokenPipeError:  # the reader of the decisions went away: not a problem with the events
        raise
    except OSError as err:
        print(f"socialkit: cannot read {name}: {err.strerror}", file=sys.stderr)
        return 2
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if failures:
        print(f"socialkit: {failures} event line(s) could not be evaluated", file=sys.stderr)
    return 1 if failures else 0


def _on_file_descriptors() -> bool:
    """Whether standard output and error are files of this process, not objects of an embedding host."""
    try:
        return sys.stdout.fileno() >= 0 and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return False


def _write_result(result) -> None:
    """One chunk's decisions to standard output and its problems to standard error, in the process that answered
    it (a worker, with --jobs > 1): flushed, so the next chunk's writer follows on."""
    from socialkit.runtime.events import problem_line

    for problem in result.problems:
        print(problem_line(problem), file=sys.stderr)
    sys.stderr.flush()
    for block in result.blocks:
        _write_bytes(block)
    sys.stdout.flush()


def _write_bytes(data: bytes) -> None:
    stdout = sys.stdout
    if hasattr(stdout, "buffer"):
        stdout.flush()
        stdout.buffer.write(data)
    else:  # a text-only stream (some embedding hosts)
        stdout.write(data.decode("utf-8"))


def _open(name: str):
    try:
        return open(name, "rb")
    except OSError as err:
        print(f"socialkit: cannot read {name}: {err.strerror}", file=sys.stderr)
        return None

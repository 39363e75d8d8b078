"""`socialkit moderate`: what the policy allows for a comment of a given kind on a channel."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit moderate --channel facebook --reason spam
  socialkit moderate --channel x --reason threat                   X cannot delete replies: hiding is what is left
  socialkit moderate --channel facebook --reason spam --prior-violations 2
  socialkit moderate --channel linkedin --reason criticism --format json

it says which actions are allowed (in order), what must be done before each, and who must approve
"""


def register(subparsers) -> None:
    parser = add_command(
        subparsers,
        "moderate",
        "Say which moderation actions the policy allows for a comment, the steps before them and who approves.",
        EXAMPLES,
    )
    add_policy_source(parser)
    parser.add_argument("--channel", required=True, help="channel id, e.g. facebook")
    parser.add_argument("--reason", required=True, help="kind of content, e.g. spam, threat, criticism")
    parser.add_argument(
        "--prior-violations", type=_count, default=0, metavar="N", help="the author's earlier violations counted by the ladder (default 0)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    import argparse

    if not text.isdigit() or len(text) > 6:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a whole number of 0 or more")
    return int(text)


def run(args) -> int:
    policy = load_policy(args)
    decision = policy.moderate(args.channel, args.reason, args.prior_violations)
    if args.format == "json":
        print(json.dumps(decision.to_json(), indent=2, ensure_ascii=False))
    else:
        print(describe(decision, policy.document["people"]))
    return 0


def describe(decision, people: dict) -> str:
    """The decision as lines a moderator reads."""
    name = lambda p: people.get(p, {}).get("name", p)  # noqa: E731
    lines = [f"{decision.reason} on {decision.channel}:"]
    if decision.protected:
        lines.append("  protected: never hidden, deleted or blocked; keep it and answer")
    if decision.unavailable:
        lines.append(f"  not possible on this platform: {', '.join(decision.unavailable)}")
    if not decision.actions:
        lines.append("  no allowed action is possible on this platform")
    for action in decision.actions:
        lines.append(f"  {action}")
        steps = list(decision.steps.get(action, ()))
        if action in decision.notify:
            steps.append("notify " + ", ".join(name(p) for p in decision.notify[action]))
        if steps:
            lines.append(f"    first: {', '.join(steps)}")
        if action in decision.approval:
            lines.append(f"    approved by one of: {', '.join(name(p) for p in decision.approval[action])}")
    if decision.ladder is not None:
        step = decision.ladder
        lasting = "" if step.duration is None else f" for {_days(step.duration)}"
        lines.append(f"  ladder: violation {step.violation} -> {step.action}{lasting}")
    return "\n".join(lines)


def _days(seconds: int) -> str:
    from socialkit.strategy.scalars import format_duration

    days, rest = divmod(seconds, 86400)
    return format_duration(seconds) if rest else f"{days} day{'s' * (days != 1)}"

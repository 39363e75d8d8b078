"""`socialkit records`: what the policy says about keeping one kind of content (public-records duties)."""

from __future__ import annotations

import json

from socialkit.commands import add_command, add_policy_source, load_policy

EXAMPLES = """\
  socialkit records --content comment
  socialkit records --content direct-message --format json
  socialkit records --content removed-content --policy policies/policy.json

kinds: post, comment, reply, direct-message, mention, review, story, live-video, removed-content
"""


def register(subparsers) -> None:
    from socialkit.runtime.governance import RECORD_CONTENT

    parser = add_command(subparsers, "records", "Say how one kind of content is registered, kept and disposed of.", EXAMPLES)
    add_policy_source(parser)
    parser.add_argument("--content", required=True, choices=RECORD_CONTENT, help="the kind of content")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args) -> int:
    policy = load_policy(args)
    duty = policy.records_duty(args.content)
    if args.format == "json":
        print(json.dumps(duty, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(duty_text(duty, policy.document["organization"]["languages"][0]))
    return 0


def duty_text(duty: dict, lang: str) -> str:
    from socialkit.periods import period_from_plain
    from socialkit.strategy.scalars import text_in

    if not duty["stated"]:
        return f"{duty['content']}: the policy states no records duty for it"
    parts = []
    if duty["registered"] is not None:
        parts.append("registered as a case" if duty["registered"] else "not registered as a case")
    if duty["where"] is not None:
        parts.append(f"kept in {text_in(duty['where'], lang, lang)}")
    if duty["keep_for"] is not None:
        parts.append(f"kept for {plain_period(period_from_plain(duty['keep_for']))}")
    if duty["then"] is not None:
        parts.append("then disposed of" if duty["then"] == "dispose" else "then transferred to the archive")
    if duty["screenshot"] is not None:
        parts.append("screenshot taken" if duty["screenshot"] else "no screenshot")
    return f"{duty['content']}: " + ("; ".join(parts) or "a duty with no details")


def plain_period(period) -> str:
    """Period(24, 'month') -> '2 years' (the largest natural unit, English)."""
    natural = period.natural()
    return f"{natural.count} {natural.unit}{'' if natural.count == 1 else 's'}"

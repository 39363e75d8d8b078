"""One module per subcommand; see cli.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # settings import pydantic-settings; commands answering from a built policy never need it
    from socialkit.settings import Settings


def add_command(subparsers, name: str, help: str, examples: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        help=help,
        description=help,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def settings_from(args: argparse.Namespace, **overrides) -> Settings | None:
    """Settings with this command's flags on top; prints a one-line error and returns None if invalid."""
    from socialkit.settings import SettingsError, load_settings

    try:
        return load_settings({**overrides, "as_of": getattr(args, "as_of", None)})
    except SettingsError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return None


def cli_path(value: str) -> Path:
    """A path given on the command line, relative to the working directory."""
    return Path(value).resolve()


def validated_strategy(args: argparse.Namespace, settings: Settings, verb: str):
    """The validation result for --strategy (or the setting); None after printing its errors."""
    from socialkit.report import REPORTERS
    from socialkit.validate import validate_paths

    path = cli_path(args.strategy) if getattr(args, "strategy", None) else settings.path(settings.strategy)
    from socialkit.checks import ConfigError

    try:  # the same rule settings, as_of and horizon as `validate`: what it accepts, this accepts
        result = validate_paths([path], settings=settings)
    except ConfigError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return None
    if not result.ok:
        REPORTERS["text"]([p for p in result.problems if p.severity.value == "error"], sys.stderr)
        print(f"socialkit: {verb} stopped: the strategy has errors; fix them first (socialkit validate)", file=sys.stderr)
        return None
    return result


AS_OF_HELP = "start of the compiled horizon when compiling (default: the as_of setting, else today)"


def add_policy_source(parser: argparse.ArgumentParser, as_of_help: str = AS_OF_HELP) -> None:
    """--strategy / --policy / --as-of: where decisions come from."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--strategy", metavar="PATH", help="strategy file or folder, compiled in memory (default: the 'strategy' setting)")
    source.add_argument("--policy", metavar="FILE", help="a built policies/policy.json instead of the strategy")
    parser.add_argument("--as-of", type=_date, metavar="DATE", help=as_of_help)


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date such as 2026-11-23") from None


def load_policy(args: argparse.Namespace):
    """The Policy to answer from, or None after printing a one-line error."""
    from socialkit.runtime.policy import Policy, PolicyError

    if args.policy:
        try:
            return Policy.load(cli_path(args.policy))
        except PolicyError as err:
            print(f"socialkit: {err}", file=sys.stderr)
            return None
    settings = settings_from(args)
    if settings is None:
        return None
    from socialkit.compile.document import compile_policy

    result = validated_strategy(args, settings, "evaluation")
    if result is None:
        return None
    document = compile_policy(
        result.strategy,
        as_of=settings.effective_as_of,
        horizon_days=settings.horizon_days,
        fingerprint=result.source.fingerprint(),
    )
    return Policy.from_document(document)


def instant(text: str | None) -> int:
    """--at / --received value (RFC 3339 with offset) or now, as epoch seconds."""
    import time

    from socialkit.runtime.policy import parse_instant

    return int(time.time()) if text is None else parse_instant(text)

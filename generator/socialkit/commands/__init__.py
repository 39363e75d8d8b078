"""One module per subcommand; see cli.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # settings import pydantic; commands answering from a built policy never need it
    from socialkit.project import Project
    from socialkit.runtime.policy import Policy
    from socialkit.settings import Settings


def add_command(subparsers, name: str, help: str, examples: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        help=help,
        description=help,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def project_from(args: argparse.Namespace, **overrides: Any) -> Project:
    """The project service for this command: settings from every source with this command's flags on top.

    `--as-of` and `--strategy` (when the command has them) are applied here, so every command
    resolves them the same way. Raises SettingsError (one line, exit 2) for invalid settings.
    """
    from socialkit.project import Project

    strategy = getattr(args, "strategy", None)
    return Project.open(strategy=cli_path(strategy) if strategy else None, as_of=getattr(args, "as_of", None), **overrides)


def settings_from(args: argparse.Namespace, **overrides: Any) -> Settings:
    """Settings with this command's flags on top (for commands that need no strategy)."""
    return project_from(args, **overrides).settings


def cli_path(value: str | Path) -> Path:
    """A path given on the command line, relative to the working directory."""
    return Path(value).resolve()


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


def load_policy(args: argparse.Namespace) -> Policy:
    """The Policy to answer from: a built --policy file, or the strategy compiled through the project service."""
    from socialkit.runtime.policy import Policy

    if getattr(args, "policy", None):
        return Policy.load(cli_path(args.policy))
    return project_from(args).policy(verb="evaluation")


def instant(text: str | None) -> int:
    """--at / --received value (RFC 3339 with offset) or now, as epoch seconds."""
    import time

    from socialkit.runtime.policy import parse_instant

    return int(time.time()) if text is None else parse_instant(text)

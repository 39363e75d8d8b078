"""One module per subcommand; see cli.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings, SettingsError, load_settings


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
    try:
        return load_settings({**overrides, "as_of": getattr(args, "as_of", None)})
    except SettingsError as err:
        print(f"socialkit: {err}", file=sys.stderr)
        return None


def cli_path(value: str) -> Path:
    """A path given on the command line, relative to the working directory."""
    return Path(value).resolve()

"""`socialkit validate [PATH ...]`: report every problem in the strategy at once."""

from __future__ import annotations

import sys

from . import add_command, cli_path, settings_from

EXAMPLES = """\
  socialkit validate                           the strategy from settings (default strategy/)
  socialkit validate strategy/channels.yaml    one file
  socialkit validate --format json             machine-readable problems
  socialkit validate --format github           annotations on pull-request lines

exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error
"""


def register(subparsers) -> None:
    from ..report import REPORTERS

    parser = add_command(subparsers, "validate", "Check the strategy and report every problem with its position.", EXAMPLES)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="strategy files or folders (default: the 'strategy' setting)")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..report import REPORTERS
    from ..validate import validate_paths

    settings = settings_from(args)
    if settings is None:
        return 2
    paths = [cli_path(p) for p in args.paths] or [settings.path(settings.strategy)]
    result = validate_paths(paths)
    REPORTERS[args.format](result.problems, sys.stdout)
    return 0 if result.ok else 1

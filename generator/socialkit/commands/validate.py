"""`socialkit validate [PATH ...]`: report every problem in the strategy at once."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from socialkit.commands import add_command, cli_path, project_from

EXAMPLES = """\
  socialkit validate                           the strategy from settings (default strategy/)
  socialkit validate my-strategy.yaml         a single-file strategy
  socialkit validate --format json             machine-readable problems
  socialkit validate --format github           annotations on pull-request lines
  socialkit validate --format sarif > socialkit.sarif   for code-scanning upload
  socialkit validate --format junit > socialkit.xml     one test case per rule
  socialkit validate --as-of 2026-06-01        judge goals and hours as of that date
  socialkit validate --explain SK205           print the documentation of a code

rules are configured in [tool.socialkit.rules] (select, ignore, severity) and
silenced on one line with a comment: # socialkit: ignore[SK205]
(see docs/guide/rules/index.md)

without PATH it also checks that policies/policy.json still covers the coming
horizon_warn_days days (SK050 warns, SK051 fails once it has ended)

exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error
"""


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date such as 2026-06-01") from None


def register(subparsers) -> None:
    from socialkit.report import REPORTERS

    parser = add_command(subparsers, "validate", "Check the strategy and report every problem with its position.", EXAMPLES)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="strategy files or folders (default: the 'strategy' setting)")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="reference date for goal deadlines and opening hours (default: the as_of setting, else today)",
    )
    parser.add_argument("--explain", metavar="CODE", help="print the documentation of a problem code, e.g. SK205, and exit")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.report import REPORTERS

    if args.explain:
        return explain(args.explain)
    with no_cycle_collection():
        project = project_from(args)
        problems, ok = project.problems([cli_path(p) for p in args.paths] or None)
        from socialkit.horizon import check_committed
        from socialkit.problems import has_errors

        # The committed policy's horizon belongs to the project, so only a project-wide run judges it.
        expiry = [] if args.paths else check_committed(project.settings)
    REPORTERS.report(args.format, problems + expiry, sys.stdout)
    return 0 if ok and not has_errors(expiry) else 1


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while validate imports its stages, builds the models and runs the rules.

    Those allocate hundreds of thousands of objects that live to the end, and the collector kept
    scanning them (~8% of a cold run). What validate reads is bounded (the SK0 size limits), so the
    few cycles it leaves behind wait until it resumes; reference counting frees everything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def explain(code: str) -> int:
    from socialkit.checks.config import closest_code
    from socialkit.checks.docs import explain as page

    text = page(code)
    if text is None:
        print(f"socialkit: unknown problem code '{code}'; the closest known code is {closest_code(code)}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0

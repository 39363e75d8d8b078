"""`socialkit test`: run the policy tests (strategy/tests/*.yaml) against the compiled policy."""

from __future__ import annotations

import sys
from pathlib import Path

from socialkit.commands import add_command, add_policy_source, cli_path, load_policy, settings_from
from socialkit.errors import UsageError

EXAMPLES = """\
  socialkit test                                   run strategy/tests/ against the strategy
  socialkit test -k christmas -k midsummer         only tests whose name contains a word
  socialkit test strategy/tests/holidays.yaml -v   one file, listing passed tests too
  socialkit test --policy policies/policy.json     test a built policy instead
  socialkit test --format junit > policy-tests.xml

exit status: 0 every test passed, 1 a test failed or a test file has problems,
2 usage error or the strategy does not validate.
"""

PROGRESS_FROM = 200  # cases; smaller suites finish before a bar is worth drawing


def register(subparsers) -> None:
    parser = add_command(subparsers, "test", "Check the compiled policy against the expectations in strategy/tests/.", EXAMPLES)
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="test files or folders (default: the 'tests_dir' setting, or tests/ in --strategy)"
    )
    add_policy_source(parser)
    parser.add_argument(
        "-k",
        dest="keywords",
        action="append",
        default=[],
        metavar="TEXT",
        help="only tests whose name contains TEXT (case-insensitive; repeat for more)",
    )
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text", help="output format (default: text)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passed tests too (text format)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.policytest import TEST_REPORTERS, Report, load_suite, run_cases, select
    from socialkit.progress import Progress

    settings = settings_from(args)
    paths = paths_to_test(args.paths, args.strategy, settings)
    missing = [p for p in paths if not p.exists()]
    if missing and args.paths:
        raise UsageError(f"{args.paths[paths.index(missing[0])]} does not exist; pass a test file or folder")
    policy = load_policy(args)
    suite = load_suite([p for p in paths if p.exists()], policy.document)
    if not suite.files:
        print(
            f"socialkit test: no test files in {', '.join(str(p) for p in paths)}; write one (see docs/guide/policy-tests.md)",
            file=sys.stderr,
        )
        return 1
    chosen = select(suite.cases, args.keywords)
    with Progress("testing", len(chosen)) as bar:
        outcomes = run_cases(policy, chosen, bar.advance if len(chosen) >= PROGRESS_FROM else None)
    report = Report(outcomes, suite.problems, deselected=len(suite.cases) - len(chosen), verbose=args.verbose)
    TEST_REPORTERS.report(args.format, report, sys.stdout)
    return 0 if report.ok else 1


def paths_to_test(paths: list[str], strategy: str | None, settings) -> list[Path]:
    """Paths on the command line; else tests/ inside --strategy if it has one; else the setting."""
    if paths:
        return [cli_path(p) for p in paths]
    if strategy:
        inside = cli_path(strategy) / "tests"
        if inside.is_dir():
            return [inside]
    return [settings.path(settings.tests_dir)]

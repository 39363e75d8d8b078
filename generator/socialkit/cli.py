"""Command-line entry point: `socialkit <command> ...`.

Each command lives in `commands/<verb>.py` with `register(subparsers)` and
`run(args) -> int`; `main(argv)` returns the exit code (0 ok, 1 problems found,
2 usage or settings error) and never lets a traceback reach the user.

Registering a command imports its module, so `main` registers only the command
that was typed (`socialkit evaluate ...` never imports the build, audit or serve
modules); the full parser is built for help, for a mistyped command and for
shell completion.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from socialkit import __version__


def command_names() -> list[str]:
    """Every module in socialkit/commands/ is a subcommand (no shared list to edit).

    The folder is listed directly: pkgutil would import inspect, a tenth of a one-decision run's start.
    """
    from socialkit import commands

    folder = commands.__path__[0]
    if not os.path.isdir(folder):  # not on a file system (a zip import): ask the import system
        import pkgutil

        return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    return sorted(
        entry.name.removesuffix(".py")
        for entry in os.scandir(folder)
        if not entry.name.startswith(("_", "."))
        and (entry.name.endswith(".py") or (entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py"))))
    )


EPILOG = """\
examples:
  socialkit init our-strategy --lang sv   start a repository from a commented starter
  socialkit validate                      check strategy/ (the default path)
  socialkit validate strategy/ --format github
  socialkit test                          run the expectations in strategy/tests/
  socialkit build                         policies/ and docs/ from the strategy
  socialkit diff origin/main              what a branch changes, in plain words
  socialkit evaluate --channel facebook --category complaint --received 2026-11-23T16:30:00+01:00

settings come from flags, SOCIALKIT_* environment variables and
[tool.socialkit] in pyproject.toml; see docs/guide/settings.md.
"""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, like every usage error
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def typed_command(argv: list[str]) -> str | None:
    """The module name of the command `argv` starts with, if it names one exactly ("" for --version: none needed)."""
    if argv[:1] == ["--version"]:
        return ""
    if not argv or argv[0].startswith("-"):
        return None
    module = argv[0].replace("-", "_")
    return module if module in command_names() and module.replace("_", "-") == argv[0] else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser, or with `only` (a module name) just that command's ("": none)."""
    parser = Parser(
        prog="socialkit",
        description="Keep your social media strategy as YAML: validate it, publish the playbook, export policy.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"socialkit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in command_names() if only is None else [only] if only else []:
        importlib.import_module(f"socialkit.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(typed_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except BaseException as error:  # noqa: BLE001  (handle_error re-raises what it does not own)
        status = handle_error(error)
        if status is None:
            raise
        return status


def handle_error(error: BaseException) -> int | None:
    """The one place where errors become output and an exit status (after pre-commit's error_handler).

    A `SocialkitError` prints its one-line message (a strategy with errors also lists them).
    Anything else is a bug: one line that says so; SOCIALKIT_DEBUG=1 lets the traceback through.
    Returns None for what is not ours to handle (SystemExit, or any error under SOCIALKIT_DEBUG).
    """
    from socialkit.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_PROBLEMS, SocialkitError

    if isinstance(error, KeyboardInterrupt):
        print("socialkit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):
        return EXIT_PROBLEMS
    if isinstance(error, SocialkitError):
        _print_problems(getattr(error, "problems", ()))
        print(f"socialkit: {error}", file=sys.stderr)
        return error.exit_code
    if isinstance(error, Exception) and not os.environ.get("SOCIALKIT_DEBUG"):
        print(
            f"socialkit: internal error ({type(error).__name__}: {_one_line(error)}{_innermost(error.__traceback__)}); "
            "this is a bug in socialkit, please report it with the command you ran (SOCIALKIT_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_BUG
    return None


def _print_problems(problems) -> None:
    if problems:
        from socialkit.report import REPORTERS

        REPORTERS["text"](list(problems), sys.stderr)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _innermost(traceback) -> str:
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    if traceback is None:
        return ""
    code = traceback.tb_frame.f_code
    return f" at {os.path.basename(code.co_filename)}:{traceback.tb_lineno} in {code.co_name}"


def entry() -> None:
    # The console script's process is ours: pydantic's plugin loader would scan every installed
    # distribution's entry points (importing importlib.metadata) before the first model is built,
    # ~30 ms of each start, for plugins that observe validation and that socialkit never uses.
    # A value the user set (e.g. to enable a plugin) wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # numpy serves element-wise work and binary search here, never BLAS; OpenBLAS would start a thread
    # per core at import, CPU that a busy two-core machine takes from the command itself.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())

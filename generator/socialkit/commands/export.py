"""`socialkit export KIND`: print or write calendar feeds, availability.json, Zendesk bodies, CODEOWNERS."""

from __future__ import annotations

import sys
from datetime import date

from socialkit.commands import add_command, cli_path, project_from
from socialkit.errors import UsageError

KINDS = {
    "ics": "calendars",
    "availability": "availability",
    "zendesk": "zendesk",
    "codeowners": "codeowners",
}

EXAMPLES = """\
  socialkit export availability                     print availability.json (hours from today)
  socialkit export ics --only ics/facebook.ics      print one calendar feed
  socialkit export ics --out public/                write ics/<channel>.ics and ics/rota-<team>.ics there
  socialkit export zendesk --out zendesk/ --as-of 2026-11-23
  socialkit export codeowners                       print CODEOWNERS lines (when files are split per team)
  socialkit export all --out exports/               every export the build writes, and CODEOWNERS

A kind that makes one file prints it; one that makes several needs --out DIR
(or --only NAME to print one). The same strategy and --as-of always give
byte-identical files. See docs/guide/exports.md for every file.

exit status: 0 done, 1 invalid strategy, 2 usage error
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "export", "Export calendars, availability, Zendesk bodies or CODEOWNERS.", EXAMPLES)
    parser.add_argument("kind", choices=(*KINDS, "all"), help="what to export")
    parser.add_argument("--strategy", metavar="PATH", help="strategy file or folder (default: the 'strategy' setting)")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, metavar="DATE", help="first day of the exported hours (default: the as_of setting, else today)"
    )
    parser.add_argument("--out", metavar="DIR", help="write the files into DIR (paths as under policies/) instead of printing")
    parser.add_argument("--only", metavar="NAME", help="only this file, e.g. ics/facebook.ics")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.export import export_all

    project = project_from(args)
    result = project.checked("export")
    document = project.document(verb="export")
    files = export_all(document, result.strategy, as_of=project.as_of, source=result.source, modules=modules(args.kind))
    if args.only:
        chosen = {name: data for name, data in files.items() if args.only in (name, name.rsplit("/", 1)[-1])}
        if len(chosen) != 1:
            raise UsageError(f"export {args.kind} makes no single file '{args.only}'; it makes: {_listed(files)}")
        files = chosen
    if args.out:
        return _write(files, cli_path(args.out))
    if not files:
        print(f"socialkit: export {args.kind} makes no file for this strategy", file=sys.stderr)
        return 0
    if len(files) > 1:
        print(
            f"socialkit: export {args.kind} makes {len(files)} files ({_listed(files)}); "
            "pass --out DIR to write them, or --only NAME to print one",
            file=sys.stderr,
        )
        return 2
    sys.stdout.buffer.write(next(iter(files.values())))
    sys.stdout.flush()
    return 0


def modules(kind: str) -> list[str] | None:
    """The export modules of a kind; None for 'all' (every module, as the build does)."""
    return None if kind == "all" else [KINDS[kind]]


def _write(files: dict[str, bytes], out) -> int:
    from socialkit.strategy.load import display
    from socialkit.write import write_bytes_atomic

    for name, data in sorted(files.items()):
        write_bytes_atomic(out / name, data)
        print(display(out / name))
    print(f"wrote {len(files)} file(s)", file=sys.stderr)
    return 0


def _listed(files: dict[str, bytes]) -> str:
    return ", ".join(sorted(files)) or "nothing"

"""`socialkit fmt [--check | --diff] [PATH ...]`: rewrite strategy YAML in its canonical form."""

from __future__ import annotations

import difflib
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from socialkit.commands import add_command, cli_path, settings_from
from socialkit.errors import UsageError

EXAMPLES = """\
  socialkit fmt                          format the strategy folder (and strategy/tests/)
  socialkit fmt strategy/people.yaml     one file
  socialkit fmt --check                  in CI: print a diff and exit 1 if anything is not formatted
  socialkit fmt --diff | less            show what would change, write nothing

comments, blank lines and key order are kept; indentation and quoting are
normalised; id lists whose order has no meaning are sorted
(see docs/guide/fmt.md)

exit status: 0 formatted (or --check: already formatted), 1 --check found
unformatted files or a file could not be formatted (not valid YAML, changed on
disk meanwhile), 2 usage or settings error
"""

YAML_SUFFIXES = (".yaml", ".yml")


def register(subparsers) -> None:
    parser = add_command(subparsers, "fmt", "Format strategy YAML canonically, keeping every comment.", EXAMPLES)
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="YAML files or folders (default: the 'strategy' setting, plus the 'tests_dir' setting)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="write nothing; print a unified diff per unformatted file and exit 1 if there is one"
    )
    mode.add_argument("--diff", action="store_true", help="write nothing; print a unified diff per unformatted file (exit 0)")
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Target:
    path: Path
    name: str  # as shown to the user
    strategy: bool  # a strategy file (set-like id lists are sorted), not a test expectation file


def run(args) -> int:
    settings = settings_from(args)
    tests_dir = settings.path(settings.tests_dir).resolve()
    if args.paths:
        roots = [cli_path(p) for p in args.paths]
    else:
        roots = [settings.path(settings.strategy).resolve()]
        if tests_dir.is_dir() and not _inside(tests_dir, roots[0]):
            roots.append(tests_dir)
    targets, error = find_targets(roots, tests_dir)
    if error:
        raise UsageError(error)
    counts = {"changed": 0, "unchanged": 0, "failed": 0}
    for target in targets:
        counts[format_file(target, write=not (args.check or args.diff), show_diff=args.check or args.diff)] += 1
    print(summary(counts, args.check or args.diff), file=sys.stderr)
    if counts["failed"] or (args.check and counts["changed"]):
        return 1
    return 0


def find_targets(roots: list[Path], tests_dir: Path) -> tuple[list[Target], str | None]:
    """Every YAML file under the roots, once, in order; or a usage error."""
    from socialkit.strategy.load import display

    found: dict[Path, Target] = {}
    for root in roots:
        if root.is_dir():
            files = sorted(
                p for p in root.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file() and not _hidden(p.relative_to(root))
            )
            if not files:
                return [], f"no .yaml files in {display(root)}; pass a strategy file or folder"
            for path in files:
                in_tests = _inside(path, tests_dir) or path.relative_to(root).parts[0] == "tests"
                found.setdefault(path, Target(path, display(path), strategy=not in_tests))
        elif root.is_file():
            found.setdefault(root, Target(root, display(root), strategy=not _inside(root, tests_dir)))
        else:
            return [], f"{display(root)} does not exist; pass a YAML file or folder"
    return list(found.values()), None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def format_file(target: Target, *, write: bool, show_diff: bool) -> str:
    """'changed', 'unchanged' or 'failed', after printing what the user needs to know."""
    from socialkit.strategy.fmt import FormatError, format_text

    try:
        raw = target.path.read_bytes()
    except OSError as err:
        print(f"{target.name}: cannot read file: {err.strerror}", file=sys.stderr)
        return "failed"
    try:
        text = decode(raw, target.name)
        formatted = format_text(text, name=target.name, sets=None if target.strategy else frozenset())
    except FormatError as err:
        print(f"{err} (left unformatted)", file=sys.stderr)
        return "failed"
    new = formatted.encode("utf-8")
    if new == raw:
        return "unchanged"
    if show_diff:
        sys.stdout.write(unified_diff(text, formatted, target.name))
    if write:
        if not replace_if_unchanged(target.path, raw, new):
            print(f"{target.name}: changed on disk while formatting; not written (run socialkit fmt again)", file=sys.stderr)
            return "failed"
        print(f"formatted {target.name}", file=sys.stderr)
    return "changed"


def decode(raw: bytes, name: str) -> str:
    from socialkit.strategy.fmt import FormatError
    from socialkit.strategy.load import parse_document

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _, problems = parse_document(raw, name)  # the loader says where and how to fix it
        first = problems[0]
        raise FormatError(f"{first.code} {first.message}", file=name, line=first.line, column=first.column) from None


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def replace_if_unchanged(path: Path, original: bytes, new: bytes) -> bool:
    """Write `new` over `path` atomically, keeping its permissions, unless the file no longer holds `original`."""
    from socialkit.write import write_bytes_atomic

    return write_bytes_atomic(path, new, unless_changed_from=original, mode=stat.S_IMODE(path.stat().st_mode))


def summary(counts: dict[str, int], dry_run: bool) -> str:
    changed = counts["changed"]
    parts = [
        f"{changed} {_files(changed)} {'would be reformatted' if dry_run else 'reformatted'}",
        f"{counts['unchanged']} already formatted",
    ]
    if counts["failed"]:
        parts.append(f"{counts['failed']} could not be formatted")
    return ", ".join(parts)


def _files(count: int) -> str:
    return "file" if count == 1 else "files"

"""`socialkit init`: a new strategy repository, ready to validate, test, build and publish."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from socialkit.commands import add_command, cli_path
from socialkit.errors import UsageError

EXAMPLES = """\
  socialkit init my-strategy --lang sv --name "Solvik Energi AB"
  socialkit init . --lang en --timezone Europe/Dublin --country IE

writes a commented starter strategy, strategy/tests/, pyproject.toml with
[tool.socialkit], requirements.txt, .pre-commit-config.yaml, a GitHub Actions
workflow, README.md and .gitignore, then the schemas, policies/, docs/ and
mkdocs.yml that 'socialkit build' keeps up to date. Refuses to overwrite
anything: every file it would write must be new.
"""


def register(subparsers) -> None:
    parser = add_command(subparsers, "init", "Start a new strategy repository from a commented starter.", EXAMPLES)
    parser.add_argument("dir", nargs="?", default=".", metavar="DIR", help="folder to create or fill (default: the current one)")
    parser.add_argument("--lang", choices=("en", "sv"), default="en", help="language of the starter strategy (default: en)")
    parser.add_argument("--name", help="the organisation's name (default: from the folder name)")
    parser.add_argument("--timezone", default="Europe/Stockholm", metavar="ZONE", help="IANA time zone (default: Europe/Stockholm)")
    parser.add_argument("--country", default="SE", help="public-holiday country code (default: SE)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.scaffold import Starter, scaffold_files

    target = cli_path(args.dir)
    problem = _check_choices(args) or _check_target(target)
    if problem:
        raise UsageError(problem)
    starter = Starter(args.lang, args.name or _name_from(target), args.timezone, args.country.upper(), date.today())
    files = _formatted(scaffold_files(starter))
    taken = _taken(target, files)
    if taken:
        print(
            f"socialkit init: {target} already has {', '.join(taken)}; nothing written (init never overwrites; "
            "pick an empty folder or move these away)",
            file=sys.stderr,
        )
        return 1
    _write(target, files)
    _write(target, {f"schemas/{name}": text for name, text in _schemas().items()})
    return _finish(target, starter)


def _shown(target: Path) -> str:
    """The folder as the user would type it: relative to here when inside it."""
    here = Path.cwd()
    return target.relative_to(here).as_posix() or "." if target.is_relative_to(here) else str(target)


def _check_choices(args) -> str | None:
    from socialkit.strategy.scalars import is_timezone

    if not is_timezone(args.timezone):  # a zone folder such as 'Europe' is not a zone
        return f"'{args.timezone}' is not an IANA time zone such as Europe/Stockholm"
    import holidays

    if args.country.upper() not in holidays.list_supported_countries():
        return f"no public-holiday calendar for country '{args.country}'; use an ISO code such as SE, NO, FI or DE"
    return None


def _check_target(target: Path) -> str | None:
    if target.exists() and not target.is_dir():
        return f"{target} exists and is not a folder"
    return None


def _name_from(target: Path) -> str:
    words = target.name.replace("_", " ").replace("-", " ").split()
    return " ".join(w.capitalize() for w in words) or "Our organisation"


GENERATED = ("schemas", "policies", "docs", "mkdocs.yml", "site")


def _taken(target: Path, files: dict[str, str]) -> list[str]:
    """What is already there among the files init writes and the folders build fills."""
    names = [name for name in sorted(files) if (target / name).exists()]
    names += [name for name in GENERATED if (target / name).exists()]
    if (target / "strategy" / "tests").exists():
        names.append("strategy/tests")
    return names


def _formatted(files: dict[str, str]) -> dict[str, str]:
    """Strategy YAML as `socialkit fmt` would leave it, so the new repository starts fmt-clean."""
    from socialkit.strategy.fmt import format_text

    return {name: format_text(text, name=name) if name.startswith("strategy/") else text for name, text in files.items()}


def _write(target: Path, files: dict[str, str]) -> None:
    from socialkit.write import write_text_atomic

    for name, text in files.items():
        write_text_atomic(target / name, text)


def _schemas() -> dict[str, str]:
    from socialkit.commands.schema import schema_texts

    return schema_texts()


def _finish(target: Path, starter) -> int:
    """Starter tests chosen with the compiled policy, then a first build; prints the next steps."""
    from socialkit.build import build_outputs
    from socialkit.policytest import starter_expectations
    from socialkit.project import Project
    from socialkit.scaffold import STARTER_IDS, STARTER_TEST_NAMES, starter_test_instant
    from socialkit.write import apply, plan

    project = Project.open(cwd=target, as_of=starter.today)
    settings, result = project.settings, project.result
    if not result.ok:  # a bug in our templates, not the user's input
        print(f"socialkit init: the starter strategy does not validate: {result.problems[0]}", file=sys.stderr)
        return 1
    policy = project.policy(cache=False)
    ids = STARTER_IDS[starter.language]
    received = starter_test_instant(policy, ids["channel"], starter.today)
    tests = starter_expectations(received=received, timezone=starter.timezone, rota=True, names=STARTER_TEST_NAMES[starter.language], **ids)
    _write(target, _formatted({"strategy/tests/starter.yaml": tests}))
    outputs = build_outputs(result.strategy, result.source, settings=settings, as_of=starter.today)
    for root, files in outputs.roots.items():
        apply(plan(root, files))
    print(f"created a strategy repository in {_shown(target)}")
    print("next: cd into it, then")
    print("  socialkit validate && socialkit test && socialkit build")
    print("  git init && pre-commit install && git add . && git commit -m 'Our social media strategy'")
    return 0

"""`socialkit diff [BASE] [HEAD]`: what a change does to the policy, in plain words."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from socialkit.commands import _date, add_command, cli_path, project_from
from socialkit.errors import SocialkitError

if TYPE_CHECKING:
    from socialkit.diff.semantic import Side

EXAMPLES = """\
  socialkit diff                          origin/main (or HEAD) against the working tree
  socialkit diff HEAD~1 HEAD              what the last commit changed
  socialkit diff origin/main HEAD --format markdown > policy-diff.md
  socialkit diff old/strategy strategy    two strategy folders (or files)
  socialkit diff old-policy.json policies/policy.json --exit-code

BASE and HEAD are each a path (a strategy file or folder, or a built policy
.json) or a git revision. Exit status: 0 done (with --exit-code: 0 no change,
1 changes), 2 an error, such as a side that does not validate.
"""

WORKTREE = "working tree"


class DiffError(SocialkitError):
    """One line for the user: which side, and what is wrong with it."""


@dataclass(frozen=True)
class Spec:
    """One side as given: a path (strategy or policy JSON), a commit, or the working tree."""

    label: str
    path: Path | None = None
    commit: str | None = None

    @property
    def is_policy(self) -> bool:
        return self.path is not None and self.path.suffix == ".json"


def register(subparsers) -> None:
    parser = add_command(subparsers, "diff", "Say what changed in the policy between two revisions or paths, in plain words.", EXAMPLES)
    parser.add_argument("base", nargs="?", help="revision or path to compare from (default: origin/main if it exists, else HEAD)")
    parser.add_argument("head", nargs="?", help="revision or path to compare to (default: the working tree)")
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output (default: text; markdown for a pull-request comment)"
    )
    parser.add_argument(
        "--exit-code", action="store_true", help="exit 1 when there are changes and 0 when there are none, like 'git diff --exit-code'"
    )
    parser.add_argument(
        "--as-of", type=_date, metavar="DATE", help="date both sides are compiled from (default: the as_of setting, else today)"
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from socialkit.diff.semantic import DIFF_REPORTERS, diff_sides

    project = project_from(args)
    with tempfile.TemporaryDirectory(prefix="socialkit-diff-") as scratch:
        base, head = resolve_specs(args.base, args.head, project.settings)
        sides = load_sides([base, head], project, explicit_as_of=args.as_of, scratch=Path(scratch))
        diff = diff_sides(*sides)
    DIFF_REPORTERS.report(args.format, diff, sys.stdout)
    return 1 if args.exit_code and diff.count else 0


# --- which sides -------------------------------------------------------------------------------


def resolve_specs(base: str | None, head: str | None, settings) -> tuple[Spec, Spec]:
    """BASE defaults to origin/main (else HEAD), HEAD to the working tree; git is only asked when needed."""
    from socialkit.diff.gitrev import GitError, commit_of, default_base, repo_root

    try:
        needs_git = base is None or not _is_path(base) or (head is not None and not _is_path(head))
        root = repo_root(Path.cwd()) if needs_git else None
        base_spec = _spec(base or default_base(root), root, commit_of)
        head_spec = _spec(head, root, commit_of) if head else Spec(WORKTREE, path=settings.path(settings.strategy))
        return base_spec, head_spec
    except GitError as err:
        raise DiffError(str(err)) from None


def _is_path(text: str) -> bool:
    return cli_path(text).exists()


def _spec(text: str, root: Path | None, commit_of) -> Spec:
    """An existing path wins over a revision of the same name."""
    if _is_path(text):
        return Spec(text, path=cli_path(text))
    commit = commit_of(root, text) if root else None
    if commit is None:
        raise DiffError(f"'{text}' is neither a file, a folder nor a git revision; give a path or a revision such as HEAD~1")
    return Spec(text, commit=commit)


# --- loading -----------------------------------------------------------------------------------


def load_sides(specs: list[Spec], project, *, explicit_as_of: date | None, scratch: Path):
    """Every side compiled with the same as_of and horizon, so compiled windows add no noise.

    Without --as-of, a built policy on one side sets the date the other side is compiled from.
    """

    policies: dict[Spec, Side] = {spec: _read_policy(spec) for spec in specs if spec.is_policy}
    as_of, horizon = project.as_of, project.settings.horizon_days
    if explicit_as_of is None and policies:
        provenance = next(iter(policies.values())).document.provenance
        as_of, horizon = date.fromisoformat(provenance.as_of), provenance.horizon_days
    sides = []
    for i, spec in enumerate(specs):
        if spec in policies:
            sides.append(policies[spec])
        else:
            sides.append(_compile_side(spec, project, as_of, horizon, scratch / f"side{i}"))
    return sides


def _read_policy(spec: Spec) -> Side:
    """A built policy file as a side, read through the policy schema so the comparison can trust its shape."""
    from socialkit.diff.semantic import PolicyShapeError, Side
    from socialkit.runtime.policy import Policy, PolicyError

    try:
        return Side.of(spec.label, Policy.load(spec.path, label=spec.label).document)
    except PolicyError as err:
        raise DiffError(str(err)) from None
    except PolicyShapeError as err:
        raise DiffError(f"{err} (rebuild it with 'socialkit build')") from None


def _compile_side(spec: Spec, project, as_of: date, horizon: int, scratch: Path):
    from socialkit.diff.semantic import Side, definitions

    path, shown = _strategy_files(spec, project.settings, scratch)
    side = project.at(as_of).with_strategy(path)
    side.settings = side.settings.model_copy(update={"horizon_days": horizon})
    result = side.result
    if not result.ok:
        raise DiffError(f"{spec.label} does not validate: {_first_error(result, shown)}; fix it first (socialkit validate)")
    return Side.of(spec.label, side.document(), definitions(result.strategy))


def _strategy_files(spec: Spec, settings, scratch: Path) -> tuple[Path, Path | None]:
    """The strategy path to validate; for a revision, exported to `scratch`, with how to show its files."""
    from socialkit.diff.gitrev import GitError, export, repo_root, strategy_at

    if spec.commit is None:
        return spec.path, None
    try:
        root = repo_root(Path.cwd())
        project = _inside(settings.root, root)
        fallback = _inside(settings.path(settings.strategy), root)
        where = strategy_at(root, spec.commit, project, fallback)
        return export(root, spec.commit, where, scratch), scratch
    except GitError as err:
        raise DiffError(f"{spec.label}: {err}") from None


def _inside(path: Path, root: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        raise DiffError(f"{path} is outside the git repository {root}; compare two paths instead") from None


def _first_error(result, scratch: Path | None) -> str:
    from socialkit.report import location

    errors = [p for p in result.problems if p.severity.value == "error"] or result.problems
    if not errors:
        return "no strategy files found"
    first = errors[0]
    where = location(first)
    if scratch is not None:  # a revision's files sit in a scratch folder: show them as in the repository
        for prefix in (f"{scratch.resolve()}/", f"{scratch}/"):
            where = where.replace(prefix, "", 1)
    return f"{where}: {first.code} {first.message}"

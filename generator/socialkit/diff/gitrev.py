"""Read the strategy as it was at a git revision: the git side of `socialkit diff`.

Only plumbing commands that never change the repository (rev-parse, ls-tree,
cat-file). Every call passes `-c core.quotepath=off` so non-ASCII file names
arrive as they are, and nothing depends on the user's git configuration.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path, PurePosixPath

from socialkit.errors import SocialkitError
from socialkit.safepath import inside, relative_problem, shown

DEFAULT_BASES = ("origin/main", "HEAD")


class GitError(SocialkitError):
    """A git call failed or a revision does not hold what we need; the message is one line."""


def git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (needed to compare revisions; compare two paths instead)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def repo_root(start: Path) -> Path:
    try:
        return Path(git(start, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{start} is not inside a git repository; give two paths to compare instead") from None


def commit_of(root: Path, revision: str) -> str | None:
    """The commit a revision names, or None if it names none."""
    if revision.startswith("-"):
        return None
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        return None


def default_base(root: Path) -> str:
    """origin/main when the repository has it (a pull request's target), else HEAD."""
    for revision in DEFAULT_BASES:
        if commit_of(root, revision):
            return revision
    raise GitError("the repository has no commits yet (nothing to compare with); commit first or give two paths")


def strategy_at(root: Path, commit: str, project: PurePosixPath, fallback: PurePosixPath) -> PurePosixPath:
    """Where the strategy lives in that revision, relative to the repository root.

    The revision's own `[tool.socialkit] strategy` setting if its pyproject.toml
    has one (the folder may have moved), else `fallback` (the working tree's).
    """
    try:
        text = git(root, "cat-file", "-p", f"{commit}:{(project / 'pyproject.toml').as_posix()}").decode("utf-8")
        setting = tomllib.loads(text).get("tool", {}).get("socialkit", {}).get("strategy")
    except (GitError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        setting = None
    if isinstance(setting, str) and setting and not PurePosixPath(setting).is_absolute():
        return _normal(project / setting)
    return fallback


def _normal(path: PurePosixPath) -> PurePosixPath:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def export(root: Path, commit: str, path: PurePosixPath, dest: Path) -> Path:
    """Write the files under `path` (a file or folder) at `commit` into `dest`; return where `path` landed."""
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", path.as_posix())
    entries = [entry for entry in listing.split(b"\0") if entry]
    if not entries:
        raise GitError(f"no strategy at '{path.as_posix()}' in that revision")
    for entry in entries:
        meta, raw = entry.split(b"\t", 1)
        mode, kind, obj = meta.decode("ascii", "replace").split()
        if kind != "blob" or mode == "120000":  # submodules and symlinks are not strategy files
            continue
        target = dest / _safe_name(raw, path)
        if not inside(target.parent, dest):  # belt and braces: nothing lands outside the scratch folder
            raise GitError(f"tree entry {shown(target.relative_to(dest).as_posix())} leads outside the scratch folder; refusing it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git(root, "cat-file", "blob", obj))
    return dest / path


def _safe_name(raw: bytes, path: PurePosixPath) -> str:
    """A tree entry's path, refused unless it is UTF-8 and a normalised relative path under `path`.

    Git accepts trees with '..' or absolute entry names on fetch; writing them
    as they are would put files outside the scratch folder.
    """
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        shown_raw = raw.decode("utf-8", "backslashreplace")
        raise GitError(f"file name '{shown_raw}' in that revision is not UTF-8; socialkit reads only UTF-8 file names") from None
    problem = relative_problem(name)
    if problem:
        raise GitError(f"tree entry {shown(name)} in that revision {problem}; refusing it (a crafted commit?)")
    if name != path.as_posix() and not name.startswith(path.as_posix().rstrip("/") + "/"):
        raise GitError(f"tree entry {shown(name)} in that revision is not under '{path.as_posix()}'; refusing it")
    return name

"""Path safety for everything socialkit reads from or writes into the project.

Three rules, used by `write` (generated output and its manifest), `build` and
the MkDocs plugin (downloads copied into the site):

- a recorded path is a normalised relative POSIX path (`relative_problem`);
- nothing is read or written through a symlink that leaves its boundary,
  normally the project root (`escaping_link`, `inside`);
- only regular files are read, opened so that a FIFO or a device can never
  block or feed the build (`read_regular`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from socialkit.errors import SocialkitError

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UnsafePath(SocialkitError, ValueError):
    """A path socialkit refuses to use; the message is one line and names the path."""


def relative_problem(name: object) -> str | None:
    """Why `name` is not a normalised relative POSIX path inside its folder, or None if it is."""
    if not isinstance(name, str) or not name:
        return "is not a non-empty text"
    if _CONTROL.search(name):
        return "holds a control character"
    if "\\" in name:
        return "holds a backslash"
    if name.startswith("/") or _DRIVE.match(name):
        return "is absolute"
    parts = name.split("/")
    if ".." in parts:
        return "climbs out with '..'"
    if any(part in ("", ".") for part in parts):
        return "is not normalised (empty or '.' part)"
    return None


def shown(name: str) -> str:
    """`name` quoted for a one-line message (control characters made visible)."""
    return repr(name) if isinstance(name, str) else repr(str(name))


def inside(path: Path | str, boundary: Path | str) -> bool:
    """Whether `path`, every symlink followed, lies inside `boundary` (also resolved)."""
    real = os.path.realpath(path)
    limit = os.path.realpath(boundary)
    return real == limit or real.startswith(limit.rstrip(os.sep) + os.sep)


def escaping_link(path: Path, start: Path, boundary: Path) -> Path | None:
    """The first existing symlink on the way from `start` down to `path` (inclusive) that leads outside `boundary`.

    `path` must lie lexically under `start`; components that do not exist yet are
    fine (they will be created as real folders).
    """
    current = start
    for part in path.relative_to(start).parts:
        current = current / part
        try:
            is_link = stat.S_ISLNK(os.lstat(current).st_mode)
        except OSError:
            return None
        if is_link and not inside(current, boundary):
            return current
    return None


def kind_of(path: Path) -> str:
    """'missing', 'file', 'symlink', 'folder', 'FIFO' or 'special file', without following a final symlink."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    return "special file"


def read_regular(path: Path, label: str | None = None) -> bytes | None:
    """The bytes of `path` if it is a regular file (not followed if a symlink); None if it does not exist.

    Opened non-blocking and without following a final symlink, so a FIFO, a
    device or a link swapped in between the check and the read raises
    UnsafePath instead of hanging or reading elsewhere.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise UnsafePath(f"{label or path}: is a symlink; socialkit reads only regular files here") from None
        if err.errno in (errno.EISDIR, errno.ENXIO):
            raise UnsafePath(f"{label or path}: is a {kind_of(path)}, not a regular file; move it away") from None
        if err.errno == errno.ENOTDIR:
            return None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "folder" if stat.S_ISDIR(mode) else "FIFO" if stat.S_ISFIFO(mode) else "special file"
            raise UnsafePath(f"{label or path}: is a {what}, not a regular file; move it away")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def regular_inside(path: Path, boundary: Path) -> bool:
    """Whether `path` is (or links, within `boundary`, to) a regular file inside `boundary`: safe to copy."""
    if not inside(path, boundary):
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False

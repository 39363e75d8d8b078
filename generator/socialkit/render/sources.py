"""Which strategy file each part of the strategy came from, for the pages' "generated from" notes."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from socialkit.strategy.load import Source


def source_files_from(source: Source, root: Path | None = None) -> dict[str, str]:
    """{'organization': 'strategy/organization.yaml', 'channels/facebook': 'strategy/channels.yaml', ...}.

    Paths are relative to `root` (default the working directory) with '/'
    separators; a file outside it is named by its file name only, so no
    machine path ever reaches a page.
    """
    base = (root or Path.cwd()).resolve()
    out: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    for key, (index, _) in sorted(source.origins.items(), key=lambda kv: tuple(map(str, kv[0]))):
        shown = _relative(source.documents[index].path, base)
        section = str(key[0])
        if len(key) == 1:
            out[section] = shown
            continue
        item = source.data.get(section, [])
        position = key[1]
        if isinstance(item, list) and isinstance(position, int) and position < len(item) and isinstance(item[position], dict):
            item_id = item[position].get("id")
            if isinstance(item_id, str):
                out[f"{section}/{item_id}"] = shown
        sections.setdefault(section, [])
        if shown not in sections[section]:
            sections[section].append(shown)
    for section, shown_files in sections.items():
        out[section] = ", ".join(sorted(shown_files))
    return out


def _relative(path: str, base: Path) -> str:
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else (Path.cwd() / candidate)
    try:
        return PurePath(os.path.relpath(absolute.resolve(), base)).as_posix() if absolute.resolve().is_relative_to(base) else candidate.name
    except (OSError, ValueError):
        return candidate.name

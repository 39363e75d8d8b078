"""What a preset adds after a file's cells are read and before they are typed (see `mapping.Preset`).

- durations after arrival (`+responded_at`, whole minutes) become times;
- outbound rows of a conversation (`+direction`, `+conversation`) become the replies of its inbound ones;
- a tag list in the category column gives the first tag that names a category;
- the preset's (or the configured) resolved statuses become yes/no.

Cells stay text: computed times are written as ISO 8601 UTC, which the reader parses like any other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from socialkit.audit.mapping import PRESETS, AuditConfig, fold, value_matcher
from socialkit.audit.times import parse_times

# How a JSON list cell is kept as text: items joined by this, split again here.
LIST_SEPARATOR = "\x1f"


def list_cell(values: list) -> str:
    """A JSON list as one cell: strings as they are, objects by their id, text or name (Sprout's tags are {"id": 1234})."""
    items = []
    for value in values:
        if isinstance(value, dict):
            value = next((value[k] for k in ("id", "text", "name") if value.get(k) is not None), None)
        if isinstance(value, bool) or value is None:
            continue
        items.append(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    return LIST_SEPARATOR.join(items)


def apply_preset(raw, document: dict, config: AuditConfig):
    """The preset's derivations on one file's `_Raw` (cells per field), in place; returns it."""
    preset = PRESETS[config.preset]
    helpers = {name: raw.cells.pop(name) for name in [n for n in raw.cells if n.startswith("+")]}
    zone = config.timezone or document["organization"]["timezone"]
    if "+direction" in helpers:
        _replies_from_outbound(raw, helpers, preset.inbound, zone, config.time_format)
    if "+responded_at" in helpers and "received_at" in raw.cells:
        raw.cells["responded_at"] = _after_received(raw.cells["received_at"], helpers["+responded_at"], zone, config.time_format)
    if "category" in raw.cells:
        raw.cells["category"] = _categories(raw.cells["category"], preset.tag_separator, document, config)
    for name, cells in raw.cells.items():
        if name != "category" and _has_lists(cells):
            raw.cells[name] = [c.split(LIST_SEPARATOR, 1)[0] for c in cells]
    resolved = config.resolved if config.resolved is not None else preset.resolved
    if resolved and "resolved" in raw.cells:
        raw.cells["resolved"] = _yes_no(raw.cells["resolved"], frozenset(resolved))
    return raw


def _has_lists(cells: list[str]) -> bool:
    """Whether any cell came from a JSON list (one C-speed search instead of a Python loop per cell)."""
    return LIST_SEPARATOR in "".join(cells)


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _after_received(received: list[str], minutes: list[str], zone: str, time_format: str | None) -> list[str]:
    """received_at + a whole number of minutes, as a time; empty (not answered) where the duration is empty."""
    start = parse_times(received, zone, time_format).seconds
    out = []
    for at, text in zip(start.tolist(), minutes):
        text = text.strip()
        if not text or at < 0:
            out.append("")
        elif _is_number(text):
            out.append(_iso(at + round(float(text) * 60)))
        else:
            out.append(text)  # left as it is, so the reader reports it as a bad time with its line
    return out


def _is_number(text: str) -> bool:
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _replies_from_outbound(raw, helpers: dict[str, list[str]], inbound: tuple[str, ...], zone: str, time_format: str | None) -> None:
    """Drop the outbound rows; each inbound row is answered by the first outbound row of its conversation after it."""
    direction = [fold(d) for d in helpers["+direction"]]
    conversation = helpers.get("+conversation") or raw.cells.get("id") or [""] * len(direction)
    times = parse_times(raw.cells["received_at"], zone, time_format).seconds.tolist()
    replies: dict[str, list[int]] = defaultdict(list)
    for d, c, t in zip(direction, conversation, times):
        if d not in inbound and t >= 0 and c.strip():
            replies[c].append(t)
    for values in replies.values():
        values.sort()
    keep = np.array([d in inbound for d in direction], dtype=bool)
    if "responded_at" not in raw.cells:
        raw.cells["responded_at"] = [
            _iso(_first_after(replies.get(c, []), t)) if t >= 0 and _first_after(replies.get(c, []), t) is not None else ""
            for c, t in zip(conversation, times)
        ]
    index = np.flatnonzero(keep).tolist()
    raw.lines = [raw.lines[i] for i in index]
    raw.cells = {name: [cells[i] for i in index] for name, cells in raw.cells.items()}


def _first_after(sorted_times: list[int], t: int) -> int | None:
    import bisect

    k = bisect.bisect_left(sorted_times, t)
    return sorted_times[k] if k < len(sorted_times) else None


def _categories(cells: list[str], separator: str | None, document: dict, config: AuditConfig) -> list[str]:
    """For a list of tags, the first tag that names a category (else the list as it was, for the error message)."""
    if separator is None and not _has_lists(cells):
        return cells
    known = value_matcher(document, config, "category")
    out = []
    for cell in cells:
        parts = cell.split(LIST_SEPARATOR) if LIST_SEPARATOR in cell else cell.split(separator) if separator else [cell]
        tags = [p.strip() for p in parts if p.strip()]
        out.append(next((t for t in tags if fold(t) in known), " ".join(tags) if LIST_SEPARATOR in cell else cell))
    return out


def _yes_no(cells: list[str], resolved: frozenset[str]) -> list[str]:
    return ["" if not c.strip() else "yes" if fold(c) in resolved else "no" for c in cells]


def closest_preset(header: list[str], *, nested: bool = False) -> tuple[str, list[str]] | None:
    """The preset whose columns the header has most of, and the columns of it that are missing.

    `nested`: the header is the dotted key paths of JSON objects, so presets' dotted keys (via.channel) count too.
    """
    have = {fold(h) for h in header}
    best, best_key = None, (0, 0)
    for name, preset in PRESETS.items():
        if name == "socialkit":
            continue
        columns = [c for f, c in preset.columns.items() if nested or "." not in c]
        found = sum(fold(c) in have for c in columns)
        if columns and (found, -len(columns)) > best_key:
            best, best_key = name, (found, -len(columns))
    if best is None:
        return None
    wanted = PRESETS[best].columns
    missing = [c for c in wanted.values() if (nested or "." not in c) and fold(c) not in have]
    return best, missing

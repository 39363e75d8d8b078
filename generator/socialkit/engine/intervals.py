"""Half-open intervals [start, end) of integers: the one interval algebra every stage uses.

The engine's windows, the rules' coverage checks, policy tests' gap checks, the
Zendesk export's weekly intervals and the diff's weekly hours all need the same
four operations. Lists of `(start, end)` pairs go through `merge`, `complement`,
`intersect` and `subtract`; numpy arrays of starts and ends (the engine's
compiled windows, thousands at a time) through `merge_arrays`.

Every function returns sorted, disjoint, non-empty intervals; touching
intervals are merged (`[1, 3) + [3, 5) = [1, 5)`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint intervals covering the same points; empty and reversed intervals are dropped."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def complement(spans: Iterable[Span], lo: int, hi: int) -> list[Span]:
    """[lo, hi) minus the intervals."""
    gaps: list[Span] = []
    cursor = lo
    for start, end in merge(spans):
        if end <= cursor:
            continue
        if start >= hi:
            break
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        gaps.append((cursor, hi))
    return gaps


def intersect(first: Iterable[Span], second: Iterable[Span]) -> list[Span]:
    """Points in both."""
    a, b = merge(first), merge(second)
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def subtract(first: Iterable[Span], second: Iterable[Span]) -> list[Span]:
    """Points in `first` and not in `second`."""
    a = merge(first)
    if not a:
        return []
    return intersect(a, complement(second, a[0][0], a[-1][1]))


def merge_arrays(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`merge` for int64 arrays of starts and ends, vectorised (empty intervals dropped)."""
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if not len(starts):
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] > reach[:-1]
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(starts)) - 1
    return starts[first], reach[last]

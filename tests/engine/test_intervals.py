"""The interval algebra against the obvious reference: sets of integer points."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from socialkit.engine import intervals as iv

span = st.tuples(st.integers(-20, 60), st.integers(-20, 60))
spans = st.lists(span, max_size=12)


def points(items) -> set[int]:
    return {t for a, b in items for t in range(a, b)}


def well_formed(result) -> bool:
    """Sorted, non-empty, disjoint and not touching."""
    return all(a < b for a, b in result) and all(b1 < a2 for (_, b1), (a2, _) in zip(result, result[1:]))


@given(spans)
def test_merge(items):
    result = iv.merge(items)
    assert points(result) == points(items) and well_formed(result)


@given(spans, st.integers(-30, 70), st.integers(-30, 70))
def test_complement(items, lo, hi):
    result = iv.complement(items, lo, hi)
    assert points(result) == set(range(lo, hi)) - points(items) and well_formed(result)


@given(spans, spans)
def test_intersect(a, b):
    result = iv.intersect(a, b)
    assert points(result) == points(a) & points(b) and well_formed(result)


@given(spans, spans)
def test_subtract(a, b):
    result = iv.subtract(a, b)
    assert points(result) == points(a) - points(b) and well_formed(result)


@given(spans)
def test_merge_arrays_equals_merge(items):
    starts = np.array([a for a, _ in items], dtype=np.int64)
    ends = np.array([b for _, b in items], dtype=np.int64)
    got_starts, got_ends = iv.merge_arrays(starts, ends)
    assert list(zip(got_starts.tolist(), got_ends.tolist())) == iv.merge(items)


def test_touching_intervals_merge():
    assert iv.merge([(3, 5), (1, 3)]) == [(1, 5)]
    assert iv.complement([(1, 3), (3, 5)], 0, 6) == [(0, 1), (5, 6)]

"""TextRows against plain string concatenation: the writer of every JSON line and time text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.engine import textrows
from socialkit.engine.textrows import TextRows, byte_table, with_fills

# No NUL (pieces never hold one); ASCII, Swedish letters, an emoji, quotes and escapes as JSON writes them.
TEXT = st.lists(st.sampled_from([*'ab "\\åÖ😀\n,:', "\\u0000"]), max_size=12).map("".join)


@st.composite
def tables_and_rows(draw):
    count = draw(st.integers(0, 30))
    pieces = []
    for _ in range(draw(st.integers(1, 5))):
        texts = draw(st.lists(TEXT, min_size=1, max_size=6))
        pieces.append((texts, draw(st.lists(st.integers(0, len(texts) - 1), min_size=count, max_size=count))))
    return count, pieces


def reference(count: int, pieces: list[tuple[list[str], list[int]]]) -> list[str]:
    return ["".join(texts[index[i]] for texts, index in pieces) for i in range(count)]


def built(count: int, pieces: list[tuple[list[str], list[int]]]) -> TextRows:
    rows = TextRows(count)
    for texts, index in pieces:
        rows.add_texts(texts, np.array(index, dtype=np.intp))
    return rows


@settings(max_examples=300, deadline=None)
@given(tables_and_rows())
def test_rows_are_the_concatenation_of_their_pieces(case):
    count, pieces = case
    expected = reference(count, pieces)
    rows = built(count, pieces)
    assert rows.texts() == expected
    assert rows.joined(b"\n") == "".join(text + "\n" for text in expected).encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(tables_and_rows(), st.integers(1, 64))
def test_blocks_of_any_size_join_to_the_same_bytes(case, block_bytes):
    count, pieces = case
    saved, textrows.BLOCK_BYTES = textrows.BLOCK_BYTES, block_bytes
    try:
        rows = built(count, pieces)
        blocks = rows.blocks(b"\n")
    finally:
        textrows.BLOCK_BYTES = saved
    assert b"".join(blocks) == "".join(text + "\n" for text in reference(count, pieces)).encode("utf-8")
    assert len(blocks) == (0 if not count else -(-count // max(1, block_bytes // (rows.width() + 1))))


@settings(max_examples=200, deadline=None)
@given(tables_and_rows(), st.data())
def test_fills_replace_whole_rows(case, data):
    count, pieces = case
    fills = [
        (np.array(data.draw(st.lists(st.booleans(), min_size=count, max_size=count)), dtype=bool), text)
        for text in data.draw(st.lists(st.text(alphabet="xyz-", max_size=40), max_size=3))
    ]
    expected = reference(count, pieces)
    for mask, text in fills:  # a later fill wins where masks overlap
        expected = [text if mask[i] else row for i, row in enumerate(expected)]
    tables = [(byte_table(texts), np.array(index, dtype=np.intp)) for texts, index in pieces]
    rows = TextRows(count)
    rows.add_pieces(with_fills(tables, fills))
    assert rows.texts() == expected


def test_a_piece_with_a_nul_is_refused():
    with pytest.raises(ValueError, match="NUL"):
        byte_table(["fine", "not\x00fine"])

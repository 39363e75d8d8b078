"""Many texts built side by side with numpy: the writer behind a million JSON lines and time texts.

Row i of a `TextRows` is the concatenation of its pieces, each piece one row
of a small table (UTF-8 bytes, NUL-padded to the table's width) chosen by a
per-row index: `table[index[i]]`. A piece's table holds its distinct values
(a day's 86,400 clock texts, the dates a batch spans, the fixed text of each
kind of answer), so the per-row work is one `np.take` per piece, in C. NUL
padding lines the pieces up and is dropped at the end, which is why no piece
may contain a NUL byte (JSON escapes it; ids are slugs).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK_BYTES = 8 << 20  # rows are assembled in blocks of about this size: a wide table never needs a huge buffer


class TextRows:
    def __init__(self, count: int) -> None:
        self.count = count
        self.pieces: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, table: np.ndarray, index: np.ndarray) -> None:
        """Piece: table[index[i]] for row i (table: uint8 rows from `byte_table`)."""
        if table.shape[1]:
            self.pieces.append((table, index))

    def add_pieces(self, pieces: list[tuple[np.ndarray, np.ndarray]]) -> None:
        for table, index in pieces:
            self.add(table, index)

    def add_texts(self, texts: Sequence[str], index: np.ndarray) -> None:
        """Piece: texts[index[i]] for row i."""
        self.add(byte_table(texts), index)

    def add_encoded(self, encoded: Sequence[bytes], index: np.ndarray) -> None:
        """Piece: encoded[index[i]] for row i, UTF-8 the caller has checked for NUL (see `checked`)."""
        self.add(_rows(encoded), index)

    def add_constant(self, text: str) -> None:
        """Piece: the same text on every row."""
        self.add(byte_table([text]), np.zeros(self.count, dtype=np.intp))

    def joined(self, end: bytes = b"\n") -> bytes:
        """Every row followed by `end`, as one bytes object."""
        return b"".join(self.blocks(end))

    def blocks(self, end: bytes = b"\n") -> list[bytes]:
        """`joined` in pieces of about BLOCK_BYTES (a caller that writes them saves a copy of the whole)."""
        width = self.width() + len(end)
        step = max(1, BLOCK_BYTES // width)
        parts = []
        for start in range(0, self.count, step):
            block = self._block(start, min(self.count, start + step), len(end))
            if end:
                block[:, -len(end) :] = np.frombuffer(end, dtype=np.uint8)
            flat = block.reshape(-1)
            parts.append(flat[flat != 0].tobytes())  # the padding out: numpy is 3x faster at this than bytes.replace
        return parts

    def texts(self) -> list[str]:
        """Every row as a str."""
        if not self.count:
            return []
        block = self._block(0, self.count, 0)
        if not block.shape[1]:
            return [""] * self.count
        used = block != 0
        if (used[:, 1:] <= used[:, :-1]).all():  # padding only at the ends of rows (time texts): numpy drops it
            if not (block >= 0x80).any():  # and ASCII: numpy makes the strings directly
                return block.astype(np.uint32).view(f"U{block.shape[1]}").ravel().tolist()
            return [row.decode("utf-8") for row in block.view(f"S{block.shape[1]}").ravel().tolist()]
        data = block[used].tobytes()
        ends = np.cumsum(used.sum(axis=1)).tolist()
        return [data[start:end].decode("utf-8") for start, end in zip([0] + ends[:-1], ends)]

    def width(self) -> int:
        return sum(table.shape[1] for table, _ in self.pieces)

    def _block(self, start: int, stop: int, extra: int) -> np.ndarray:
        out = np.empty((stop - start, self.width() + extra), dtype=np.uint8)
        at = 0
        for table, index in self.pieces:
            width = table.shape[1]
            out[:, at : at + width] = np.take(table, index[start:stop], axis=0)  # 5x faster than table[index] on rows
            at += width
        return out


def byte_table(texts: Sequence[str]) -> np.ndarray:
    """Texts as rows of UTF-8 bytes, NUL-padded to the longest."""
    return _rows([checked(text) for text in texts])


def checked(text: str) -> bytes:
    """The UTF-8 of a text piece; ValueError if it holds a NUL (padding would swallow it)."""
    encoded = text.encode("utf-8")
    if b"\x00" in encoded:
        raise ValueError("a text piece holds a NUL character")
    return encoded


def _rows(encoded: Sequence[bytes]) -> np.ndarray:
    width = max(map(len, encoded), default=0)
    if not width:
        return np.zeros((len(encoded), 0), dtype=np.uint8)
    return np.array(encoded, dtype=f"S{width}").view(np.uint8).reshape(len(encoded), width)


def with_fills(pieces: list[tuple[np.ndarray, np.ndarray]], fills: list[tuple[np.ndarray, str]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """`pieces` (together one text per row) where, for each (mask, text) of `fills`, the rows in mask read `text`
    instead: each table gets one more row per fill, holding its slice of the text (the last table widened if the
    text is longer than all of them), so the replacement costs no second pass over the rows."""
    out = []
    at = 0
    for number, (table, index) in enumerate(pieces):
        width = table.shape[1]
        last = number == len(pieces) - 1
        parts = [text[at:] if last else text[at : at + width] for _, text in fills]
        table = _plus_rows(table, tuple(parts), max([width] + [len(part) for part in parts]))
        for k, (mask, _) in enumerate(fills):
            index = np.where(mask, len(table) - len(fills) + k, index)
        out.append((table, index))
        at += width
    return out


_PLUS_ROWS: dict[tuple[int, tuple[str, ...], int], tuple[np.ndarray, np.ndarray]] = {}


def _plus_rows(table: np.ndarray, texts: tuple[str, ...], width: int) -> np.ndarray:
    """`table` widened to `width` (NUL padding) with one more row per text (ASCII); kept for big tables."""
    key = (id(table), texts, width)
    kept = _PLUS_ROWS.get(key)
    if kept is not None and kept[0] is table:
        return kept[1]
    extended = np.zeros((len(table) + len(texts), width), dtype=np.uint8)
    extended[: len(table), : table.shape[1]] = table
    for k, text in enumerate(texts):
        extended[len(table) + k, : len(text)] = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    if len(table) > 256:  # the day's clock tables: built once per process (the entry keeps the table, so its id stays)
        _PLUS_ROWS[key] = (table, extended)
    return extended

"""Parse many RFC 3339 instants at once.

`parse_instant` costs about a microsecond per call; a stream of a million
events spends most of that on the one shape every export writes,
`2026-11-23T16:30:00+01:00` (or `...Z`). Those are decoded column-wise with
numpy; anything else (fractions, missing seconds, nonsense) goes through
`parse_instant` one by one, so both paths accept and refuse exactly the same
texts and agree on the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

_DIGITS = (0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18)
_PUNCTUATION = {4: "-", 7: "-", 10: "T", 13: ":", 16: ":"}
_OFFSET_DIGITS = (20, 21, 23, 24)


def parse_instants(texts: Sequence[str], parse_one: Callable[[str], int]) -> tuple[np.ndarray, dict[int, Exception]]:
    """Epoch seconds for each text, and {index: error} for those parse_one refused.

    `parse_one` is the scalar parser (normally `policy.parse_instant`) used for
    every text outside the fast shapes; its exceptions are collected, not raised.
    """
    n = len(texts)
    seconds = np.zeros(n, dtype=np.int64)
    if not n:
        return seconds, {}
    fast = _fast_shape_mask(texts)
    if fast.all():  # the usual column: no copy of the texts
        seconds, valid = _decode(list(texts))
        fast &= valid  # e.g. 2026-02-30: let the scalar parser word the error
    elif fast.any():
        seconds[fast], valid = _decode([texts[i] for i in np.flatnonzero(fast).tolist()])
        fast[np.flatnonzero(fast)[~valid]] = False
    errors: dict[int, Exception] = {}
    for i in np.flatnonzero(~fast).tolist():
        try:
            seconds[i] = parse_one(texts[i])
        except (ValueError, TypeError) as err:
            errors[i] = err
    return seconds, errors


def _fast_shape_mask(texts: Sequence[str]) -> np.ndarray:
    try:
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    except TypeError:  # whole epoch seconds among them
        lengths = np.fromiter((len(t) if type(t) is str else 0 for t in texts), dtype=np.int64, count=len(texts))
    return (lengths == 25) | (lengths == 20)


def _code_points(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(texts as rows of 25 character codes, NUL-padded; whether each row is ASCII, as the fast shapes are)."""
    joined = "".join(texts)
    if len(joined) == 25 * len(texts) and joined.isascii():  # the usual column: one shape, one C-level copy
        return np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(len(texts), 25), np.ones(len(texts), dtype=bool)
    wide = np.array(texts, dtype="U25").view(np.uint32).reshape(len(texts), 25)
    return wide.astype(np.uint8), np.all(wide < 0x80, axis=1)


def _decode(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(epoch seconds, valid) for texts of length 20 (...Z) or 25 (...+HH:MM)."""
    rows, valid = _code_points(texts)
    codes = np.ascontiguousarray(rows.T)  # one row per character position: every step below reads contiguous memory
    digits = codes - np.uint8(ord("0"))  # wraps around below '0', so one comparison checks a digit
    valid &= (digits[list(_DIGITS)] <= 9).all(axis=0)
    for column, char in _PUNCTUATION.items():
        valid &= codes[column] == ord(char)
    zulu = codes[19] == ord("Z")
    signed = (codes[19] == ord("+")) | (codes[19] == ord("-"))
    offset_shape = signed & (digits[list(_OFFSET_DIGITS)] <= 9).all(axis=0) & (codes[22] == ord(":"))

    def number(*columns: int) -> np.ndarray:
        value = digits[columns[0]].astype(np.int64)
        for column in columns[1:]:
            value = value * 10 + digits[column]
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    hour, minute, second = number(11, 12), number(14, 15), number(17, 18)
    offset_hours, offset_minutes = number(20, 21), number(23, 24)
    valid &= np.where(zulu, codes[20] == 0, offset_shape & (offset_hours <= 23) & (offset_minutes <= 59))
    valid &= (year > 1) & (year < 9999)  # the extreme years go through parse_instant, which refuses overflow
    valid &= (month >= 1) & (month <= 12) & (hour <= 23) & (minute <= 59) & (second <= 59) & (day >= 1)
    month_index = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    first = month_index.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    following = (month_index + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    valid &= day <= following - first
    offset = np.where(zulu, 0, np.where(codes[19] == ord("-"), -1, 1) * (offset_hours * 3600 + offset_minutes * 60))
    seconds = (first + day - 1) * 86400 + hour * 3600 + minute * 60 + second - offset
    return seconds, valid

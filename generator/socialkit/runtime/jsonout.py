"""Deterministic, diff-friendly JSON: sorted keys, objects one key a line,
arrays of scalars (and arrays of short arrays) on one line."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    return _dump(value, 0) + "\n"


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _is_flat(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _dump(value: Any, depth: int) -> str:
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{_scalar(str(k))}: {_dump(v, depth + 1)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if _is_flat(value):
            return _scalar(value)
        if all(isinstance(v, list) and all(_is_flat(x) or not isinstance(x, (dict, list)) for x in v) for v in value):
            return "[\n" + ",\n".join(inner + _scalar(v) for v in value) + "\n" + pad + "]"
        return "[\n" + ",\n".join(inner + _dump(v, depth + 1) for v in value) + "\n" + pad + "]"
    return _scalar(value)


def line_problem(line: str) -> str:
    """Why one line of JSON lines is not JSON, as the standard library words it (with the column).

    Fast readers parse with orjson; this runs only for the lines it refused.
    """
    try:
        json.loads(line)
    except ValueError as err:
        return f"not JSON ({err.msg.removesuffix(' at')} at column {err.colno})"
    return "not JSON (a number out of range, NaN or an invalid character)"

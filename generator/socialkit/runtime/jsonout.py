"""Deterministic, diff-friendly JSON: sorted keys, objects one key a line,
arrays of scalars (and arrays of short arrays) on one line."""

from __future__ import annotations

import json
from typing import Any

import orjson

MAX_DEPTH = 1024  # orjson's limit: deeper lines are refused


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


def line_problem(line: str | bytes) -> str:
    """Why one line of JSON lines is not JSON, in one short line: not UTF-8 (with the byte and column),
    nested too deeply, or as the standard library words it (with the column).

    Fast readers parse with orjson; this runs only for the lines it refused.
    """
    if isinstance(line, bytes):
        raw = line
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            column = len(raw[: err.start].decode("utf-8", errors="replace")) + 1
            return f"not UTF-8 text (byte 0x{raw[err.start]:02x} at column {column})"
    if any("\ud800" <= c <= "\udfff" for c in line):
        return "not UTF-8 text (a lone surrogate)"
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError as err:
        if "depth limit" in err.msg or "recursion" in err.msg:
            return f"not JSON (nested deeper than {MAX_DEPTH} levels)"
    try:
        json.loads(line)
    except RecursionError:
        return f"not JSON (nested deeper than {MAX_DEPTH} levels)"
    except ValueError as err:
        if isinstance(err, json.JSONDecodeError):
            return f"not JSON ({err.msg.removesuffix(' at')} at column {err.colno})"
    return "not JSON (a number out of range, NaN, Infinity or a lone surrogate escape)"

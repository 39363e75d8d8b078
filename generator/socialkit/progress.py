"""A small progress bar on stderr: shown on a terminal, silent in CI and pipes."""

from __future__ import annotations

import os
import sys
import time
from typing import TypeVar

T = TypeVar("T")


def enabled(stream=None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI")


class Progress:
    def __init__(self, label: str, total: int | None = None, *, stream=None, min_interval: float = 0.1) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.active = enabled(self.stream)
        self.min_interval = min_interval
        self._last = 0.0

    def advance(self, count: int = 1, note: str = "") -> None:
        self.done += count
        now = time.monotonic()
        if self.active and (now - self._last >= self.min_interval or self.done == self.total):
            self._last = now
            self._draw(note)

    def _draw(self, note: str) -> None:
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            text = f"\r{self.label} [{bar}] {self.done}/{self.total} {note}"
        else:
            text = f"\r{self.label} {self.done:,} {note}"
        self.stream.write(text[:120].ljust(80))
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

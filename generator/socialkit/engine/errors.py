"""Errors raised by the time engine."""

from __future__ import annotations

__all__ = ["HorizonError"]


class HorizonError(ValueError):
    """The answer lies outside the compiled horizon (or the query does).

    Recompile with a later `as_of` or a longer `horizon_days`.
    """

"""Durations in seconds, split into units: the one place every duration text is built from.

The strategy's canonical form (`1h30m`), the audit's compact form (`3h05m`),
the diff's plain form (`1 h 30 min`) and the playbook's words in each
language (`1 timme, 30 minuter`) all start from `split`.
"""

from __future__ import annotations

UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def split(seconds: int, units: str = "wdhms") -> list[tuple[int, str]]:
    """5400 -> [(1, 'h'), (30, 'm')]: the non-zero counts of the given units, largest first.

    What the smallest unit cannot hold is dropped (split(90, 'm') -> [(1, 'm')]).
    """
    parts = []
    for unit in units:
        count, seconds = divmod(seconds, UNIT_SECONDS[unit])
        if count:
            parts.append((count, unit))
    return parts


def canonical(seconds: int) -> str:
    """The strategy format's shortest form: 5400 -> '1h30m', 0 -> '0m'."""
    return "".join(f"{count}{unit}" for count, unit in split(seconds)) or "0m"

"""Words every stage shares: weekday names and the did-you-mean suggestion.

Kept free of heavy imports: the runtime (which answers without pydantic or
YAML) uses it too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()


def closest(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice spelt most like `value`, if any is close enough."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str], *, or_list: bool = False) -> str:
    """ "; did you mean 'x'?" for a near miss; with `or_list`, "; known: a, b" when nothing is near."""
    choices = list(choices)
    near = closest(value, choices)
    if near is not None:
        return f"; did you mean '{near}'?"
    return f"; known: {', '.join(sorted(choices))}" if or_list and choices else ""

"""The check rate says exactly what `checks` says, in each language: the bound, the range, the period."""

from __future__ import annotations

import pytest

from conftest import AS_OF
from socialkit.render.context import Ctx
from socialkit.render.pages import _check_rate_text
from socialkit.strategy.model import CheckRate


@pytest.mark.parametrize(
    ("rate", "en", "sv"),
    [
        ({"at_least": 3, "per": "working-day"}, "at least three times per working day", "minst tre gånger per arbetsdag"),
        ({"at_least": 1, "per": "day"}, "at least once per day", "minst en gång per dag"),
        ({"at_least": 2, "at_most": 2, "per": "week"}, "twice per week", "två gånger per vecka"),
        ({"at_least": 2, "at_most": 3, "per": "week"}, "two or three times per week", "två eller tre gånger per vecka"),
        ({"at_least": 1, "at_most": 5, "per": "working-day"}, "one to five times per working day", "en till fem gånger per arbetsdag"),
        ({"at_least": 20, "per": "week"}, "at least 20 times per week", "minst 20 gånger per vecka"),
    ],
)
def test_check_rate_in_words(example, rate, en, sv):
    value = CheckRate.model_validate(rate)
    assert _check_rate_text(Ctx(example.strategy, "en", "public", AS_OF), value) == en
    assert _check_rate_text(Ctx(example.strategy, "sv", "public", AS_OF), value) == sv

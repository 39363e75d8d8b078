"""Targets in working days read as the promise, in both languages: "inom två arbetsdagar", "senast nästa arbetsdag"."""

from __future__ import annotations

from datetime import date

import pytest

from socialkit.render.context import Ctx
from socialkit.render.pages import promise_clause, speed_sentence, within_text
from socialkit.strategy.scalars import WorkingDays


@pytest.fixture
def ctx(example):
    return lambda lang: Ctx(example.strategy, lang, "public", date(2026, 11, 23))


@pytest.mark.parametrize(
    "lang, within, cell, clause, sentence",
    [
        ("sv", WorkingDays(1), "en arbetsdag", "inom en arbetsdag", "Vi siktar på att svara inom en arbetsdag."),
        ("sv", WorkingDays(2), "två arbetsdagar", "inom två arbetsdagar", "Vi siktar på att svara inom två arbetsdagar."),
        (
            "sv",
            WorkingDays(1, next=True),
            "senast nästa arbetsdag",
            "senast nästa arbetsdag",
            "Vi siktar på att svara senast nästa arbetsdag.",
        ),
        ("sv", WorkingDays(12), "12 arbetsdagar", "inom 12 arbetsdagar", "Vi siktar på att svara inom 12 arbetsdagar."),
        ("en", WorkingDays(1), "one working day", "within one working day", "We aim to answer within one working day."),
        ("en", WorkingDays(2), "two working days", "within two working days", "We aim to answer within two working days."),
        (
            "en",
            WorkingDays(1, next=True),
            "by the next working day",
            "by the next working day",
            "We aim to answer by the next working day.",
        ),
    ],
)
def test_working_days_in_words(ctx, lang, within, cell, clause, sentence):
    c = ctx(lang)
    assert within_text(c, within) == cell
    # the business clock's "of opening hours" does not apply: working days are days, whatever the clock
    assert promise_clause(c, within, "business") == clause
    assert speed_sentence(c, within, "business") == sentence


def test_durations_keep_their_clock(ctx):
    assert promise_clause(ctx("en"), 4 * 3600, "business") == "within 4 hours of opening hours"
    assert speed_sentence(ctx("sv"), 4 * 3600, "calendar") == "Vi siktar på att svara inom 4 timmar."

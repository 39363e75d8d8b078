"""The CLDR excerpt SK411 measures profile texts with says what Babel says, and the texts are the page's own."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialkit.render import cldr_excerpt
from socialkit.render.cldr_excerpt import ExcerptCtx
from socialkit.render.context import Ctx
from socialkit.render.pages import profile_text
from socialkit.validate import validate_paths

REPO = Path(__file__).parents[2]
AS_OF = date(2026, 11, 23)
EXAMPLE = validate_paths([REPO / "strategy"], as_of=AS_OF).strategy
SHIPPED = ("sv", "en")


def both(lang: str) -> tuple[Ctx, Ctx]:
    return Ctx(EXAMPLE, lang, "public", AS_OF), ExcerptCtx(EXAMPLE, lang, "public", AS_OF)


def outcome(call):
    """The text, or the kind of failure (both must fail alike if either does)."""
    try:
        return call()
    except KeyError as missing:
        return ("KeyError", missing.args)


def test_committed_excerpt_is_what_the_installed_babel_says():
    assert cldr_excerpt.main([]) == 0, "run: python -m socialkit.render.cldr_excerpt --write"


def test_shipped_languages_are_in_the_excerpt():
    """Otherwise every text would go to Babel and validate would import it again."""
    facts = cldr_excerpt.excerpt()
    for lang in SHIPPED:
        assert set(facts[lang]["skeletons"]) == {"Hm", "MMMMd"}
        assert set(facts[lang]["units"]) == set(cldr_excerpt.UNITS)


@pytest.mark.parametrize("lang", [*SHIPPED, "de", "en-GB"])
def test_weekdays_clock_and_dates_agree(lang):
    babel, ours = both(lang)
    assert [ours.weekday(i) for i in range(7)] == [babel.weekday(i) for i in range(7)]
    assert [ours.weekday(i, "abbreviated") for i in range(7)] == [babel.weekday(i, "abbreviated") for i in range(7)]
    assert [ours.clock(m) for m in range(0, 1441)] == [babel.clock(m) for m in range(0, 1441)]
    days = [date(2024, 1, 1) + timedelta(days=k) for k in range(366)]
    assert [ours.month_day((d.month, d.day)) for d in days] == [babel.month_day((d.month, d.day)) for d in days]
    assert [ours.long_date(d.replace(year=2027) if d.month != 2 or d.day != 29 else d) for d in days] == [
        babel.long_date(d.replace(year=2027) if d.month != 2 or d.day != 29 else d) for d in days
    ]
    assert ours.date(AS_OF) == babel.date(AS_OF)  # a skeleton the excerpt does not hold goes to Babel


@pytest.mark.parametrize("lang", [*SHIPPED, "de"])
def test_lists_and_numbers_agree(lang):
    babel, ours = both(lang)
    items = ["Måndag 08:00–17:00", "fredag", "x, y", "{0}"]
    for n in range(0, len(items) + 1):
        for style in ("standard", "unit"):
            assert outcome(lambda: ours._list(items[:n], style)) == outcome(lambda: babel._list(items[:n], style))  # noqa: B023
        assert ours.join(items[:n]) == babel.join(items[:n])
    assert [ours.number(n) for n in range(0, 1200)] == [babel.number(n) for n in range(0, 1200)]
    assert [ours.working_days(n) for n in range(1, 15)] == [babel.working_days(n) for n in range(1, 15)]
    assert ours.number(1234567) == babel.number(1234567) and ours.number(2.5) == babel.number(2.5)


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from([*SHIPPED, "fi"]), seconds=st.integers(-60, 3 * 365 * 86400))
def test_durations_agree(lang, seconds):
    babel, ours = both(lang)
    assert outcome(lambda: ours.duration(seconds)) == outcome(lambda: babel.duration(seconds))


@pytest.mark.parametrize("lang", [*SHIPPED, "de"])
def test_every_profile_text_of_the_example_is_the_pages(lang):
    for channel in EXAMPLE.channels:
        babel, ours = both(lang)
        assert profile_text(ours, channel) == profile_text(babel, channel)


def test_validate_measures_profiles_without_babel():
    """SK411 measures the example's profile texts (its Instagram text is long), and Babel stays out of the process."""
    code = (
        "import sys; from pathlib import Path; from socialkit.validate import validate_paths; "
        "validate_paths([Path('strategy')]); "
        "print('socialkit.render.cldr_excerpt' in sys.modules, sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "[]"]


def test_swedish_durations_of_three_parts_take_roots_list_pattern():
    """Babel's Swedish 'unit' list has no pattern for three items (CLDR inherits root's); it raised KeyError."""
    for ctx in both("sv"):
        assert ctx.duration(26 * 3600 + 30 * 60) == "1 dygn, 2 timmar, 30 minuter"
        assert ctx.join(["a", "b", "c"]) == "a, b och c"  # a complete style is Babel's own


def test_validate_takes_a_three_part_target_in_a_swedish_strategy(tmp_path):
    """SK411 writes the Swedish profile text of every limited channel; a 1d2h30m target used to stop validate."""
    for f in (REPO / "strategy").glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    messages = tmp_path / "messages.yaml"
    text = messages.read_text(encoding="utf-8")
    assert "      question:\n        respond: 8h\n" in text
    messages.write_text(
        text.replace("      question:\n        respond: 8h\n", "      question:\n        respond: 1d2h30m\n"), encoding="utf-8"
    )
    result = validate_paths([tmp_path], as_of=AS_OF)
    assert result.ok and "SK216" in {p.code for p in result.problems}

"""The few CLDR facts a channel's profile text needs, kept from Babel so `validate` need not import it.

SK411 measures each channel's profile text, which is the playbook's own text: the
same page functions with a `Ctx`. Babel (its import and its locale data) was most of
that rule's time and a tenth of a cold `validate`. `ExcerptCtx` is a `Ctx` that takes
weekday names, 24-hour clock times, lists, duration units, small numbers and month-day
dates from `cldr_excerpt.json` for the languages the catalogue ships; anything the
excerpt does not hold (another language, a number of 1000 or more, a pattern this
module does not spell out) goes to Babel exactly as `Ctx` does.

The excerpt is generated from Babel and verified against it over every value it
answers for (`build` refuses a fact it cannot reproduce), and a test keeps the
committed file equal to what the installed Babel says:

    python -m socialkit.render.cldr_excerpt --write
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from socialkit.render.context import Ctx, complete_list, join_with

EXCERPT = Path(__file__).with_name("cldr_excerpt.json")
UNITS = ("duration-year", "duration-month", "duration-week", "duration-day", "duration-hour", "duration-minute", "duration-second")
LIST_STYLES = ("standard", "unit")
SMALL = 1000  # numbers below it are written with plain digits (checked per language)


@cache
def excerpt() -> Mapping[str, Any]:
    return json.loads(EXCERPT.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ExcerptCtx(Ctx):
    """A `Ctx` that formats from the excerpt where it holds the answer, else through Babel."""

    @property
    def _facts(self) -> Mapping[str, Any] | None:
        return excerpt().get(self.lang)

    def _skeleton(self, skeleton: str, value: date | time) -> str:
        facts = self._facts
        pattern = facts and facts["skeletons"].get(skeleton)
        if pattern and isinstance(value, time) and not value.second and not value.microsecond:
            return _clock(pattern, value)
        if pattern and isinstance(value, date):
            return _date(pattern, value, facts["months"])
        return super()._skeleton(skeleton, value)

    def _long_date(self, day: date) -> str:
        facts = self._facts
        if facts and facts.get("long_date"):
            return _date(facts["long_date"], day, facts["months"])
        return super()._long_date(day)

    def _day_names(self, width: str) -> Mapping[int, str]:
        facts = self._facts
        if facts and width == "wide":
            return dict(enumerate(facts["weekdays"]))
        return super()._day_names(width)

    def _decimal(self, value: float) -> str:
        if self._facts and isinstance(value, int) and 0 <= value < SMALL:
            return str(value)
        return super()._decimal(value)

    def _list(self, items: list[str], style: str) -> str:
        facts = self._facts
        patterns = facts and facts["lists"].get(style)
        if patterns:
            return join_with(items, patterns)
        return super()._list(items, style)

    def _unit(self, count: int, unit: str) -> str:
        facts = self._facts
        patterns = facts and facts["units"].get(unit)
        if patterns and 0 <= count < SMALL:
            return patterns["one" if count == 1 else "other"].format(count)
        return super()._unit(count, unit)


# --- formatting from the facts (the subset of CLDR patterns the excerpt admits) --------------------


def _clock(pattern: str, value: time) -> str:
    return pattern.replace("HH", f"{value.hour:02d}").replace("mm", f"{value.minute:02d}")


def _date(pattern: str, value: date, months: list[str]) -> str:
    """A date pattern of the tokens 'd', 'MMMM' and 'y' and plain separators (build checks the rest)."""
    out = []
    for token in _tokens(pattern):
        out.append({"d": str(value.day), "MMMM": months[value.month - 1], "y": str(value.year)}.get(token, token))
    return "".join(out)


def _tokens(pattern: str) -> list[str]:
    tokens: list[str] = []
    for char in pattern:
        if tokens and char.isalpha() and tokens[-1][-1] == char:
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


# --- building and checking the excerpt from Babel (development time) ----------------------------


def build() -> dict[str, Any]:
    """The excerpt for every language the catalogue ships; each fact is kept only if it reproduces Babel."""
    from socialkit import i18n

    facts = {lang: _facts_of(lang) for lang in i18n.available()}
    return {lang: found for lang, found in facts.items() if found is not None}


def _facts_of(lang: str) -> dict[str, Any] | None:
    from babel import Locale
    from babel.dates import format_date, format_skeleton, get_day_names
    from babel.lists import _resolve_list_style
    from babel.numbers import format_decimal
    from babel.units import format_unit

    locale = Locale.parse(lang)
    names = get_day_names("wide", context="stand-alone", locale=locale)
    months = [locale.months["format"]["wide"][m] for m in range(1, 13)]
    facts: dict[str, Any] = {"weekdays": [names[i] for i in range(7)], "months": months, "skeletons": {}, "lists": {}, "units": {}}
    if any(format_decimal(n, locale=locale) != str(n) for n in range(SMALL)):
        return None  # other digits: the language is left to Babel

    clock = str(locale.datetime_skeletons["Hm"])
    minutes = (time(m // 60, m % 60) for m in range(1440))
    if set(_tokens(clock)) <= {"HH", "mm", ":", "."} and all(_clock(clock, t) == format_skeleton("Hm", t, locale=locale) for t in minutes):
        facts["skeletons"]["Hm"] = clock
    leap_year = [date(2024, 1, 1) + timedelta(days=k) for k in range(366)]
    month_day = str(locale.datetime_skeletons["MMMMd"])
    if _plain_date(month_day) and all(_date(month_day, d, months) == format_skeleton("MMMMd", d, locale=locale) for d in leap_year):
        facts["skeletons"]["MMMMd"] = month_day
    long_date = str(locale.date_formats["long"])
    years = [d.replace(year=y) for y in (1971, 2026, 2190) for d in leap_year if not (d.month == 2 and d.day == 29)]
    if _plain_date(long_date) and all(_date(long_date, d, months) == format_date(d, format="long", locale=locale) for d in years):
        facts["long_date"] = long_date

    items = [f"<{k}>" for k in range(6)]
    for style in LIST_STYLES:
        patterns = {key: str(value) for key, value in _resolve_list_style(locale, style).items()}
        if all(join_with(items[:n], patterns) == complete_list(items[:n], style, locale) for n in range(1, 7)):
            facts["lists"][style] = patterns
    for unit in UNITS:
        forms = {
            "one": format_unit(1, unit, locale=locale).replace("1", "{0}", 1),
            "other": format_unit(2, unit, locale=locale).replace("2", "{0}", 1),
        }
        if all(forms["one" if n == 1 else "other"].format(n) == format_unit(n, unit, locale=locale) for n in range(SMALL)):
            facts["units"][unit] = forms
    return facts


def _plain_date(pattern: str) -> bool:
    return all(token in ("d", "MMMM", "y") or not token.isalpha() and token != "'" for token in _tokens(pattern))


def rendered() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = rendered()
    if argv == ["--write"]:
        EXCERPT.write_text(text, encoding="utf-8")
        return 0
    current = EXCERPT.read_text(encoding="utf-8") if EXCERPT.is_file() else ""
    if current != text:
        print(f"{EXCERPT.name} is out of date with the installed Babel; run: python -m socialkit.render.cldr_excerpt --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

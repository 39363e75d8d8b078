"""What every page function needs: the strategy, one language, the audience,
the reference date, labels, and locale-correct formatting (Babel)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from socialkit import i18n
from socialkit.periods import Period
from socialkit.render.markdown import escape_md
from socialkit.strategy.model import Person, Strategy
from socialkit.strategy.scalars import text_in

if TYPE_CHECKING:  # Babel is imported where a text is formatted: `validate` measures profile texts without it
    from babel import Locale

Audience = Literal["public", "internal"]

_YEAR_LENGTHS = (52 * 604800, 365 * 86400)
_DURATION_UNITS = (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))


def humanise(item_id: str) -> str:
    """An id shown where a name belongs and the strategy gives none: 'on-call' -> 'On call' (escaped)."""
    words = item_id.replace("-", " ").replace("_", " ").strip()
    return escape_md(words[:1].upper() + words[1:])


# CLDR list patterns inherit a missing 'start' or 'middle' from root; Babel's data for some styles lacks
# them (Swedish 'unit', so a duration of three parts, 1 dag, 2 timmar, 30 minuter, raised KeyError).
ROOT_LIST_PATTERN = "{0}, {1}"


def complete_list(items: list[str], style: str, locale: Locale) -> str:
    """Babel's format_list, with root's pattern where the locale's style has none for three items or more."""
    from babel.lists import _resolve_list_style, format_list

    try:
        return format_list(items, style=style, locale=locale)  # type: ignore[arg-type]
    except KeyError:
        return join_with(items, _resolve_list_style(locale, style))


def join_with(items: list[str], patterns: Mapping[str, str]) -> str:
    """CLDR list patterns applied as Babel's format_list applies them (root's for a missing start or middle)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2 and "2" in patterns:
        return patterns["2"].format(*items)
    result = patterns.get("start", ROOT_LIST_PATTERN).format(items[0], items[1])
    for item in items[2:-1]:
        result = patterns.get("middle", ROOT_LIST_PATTERN).format(result, item)
    return patterns["end"].format(result, items[-1])


def locale_for(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(i18n.BASE_LANGUAGE)


@dataclass(frozen=True)
class Ctx:
    strategy: Strategy
    lang: str
    audience: Audience
    as_of: date
    source_files: Mapping[str, str] = field(default_factory=dict)
    downloads: Sequence[str] = ()
    measured: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # goal id -> the audit result's goal item

    # --- languages and labels -------------------------------------------------

    @property
    def default(self) -> str:
        return self.strategy.organization.default_language

    @property
    def languages(self) -> list[str]:
        return list(self.strategy.organization.languages)

    @property
    def public(self) -> bool:
        return self.audience == "public"

    @cached_property
    def locale(self) -> Locale:
        return locale_for(self.lang)

    @cached_property
    def labels(self) -> Mapping[str, str]:
        return i18n.labels(self.lang, self.default)

    def l(self, key: str, **values: str) -> str:  # noqa: E743 - short on purpose, used everywhere
        """A catalogue label (trusted Markdown) with escaped values filled in."""
        text = self.labels.get(key, key)
        return text.format(**values) if values else text

    def raw(self, text: str | dict[str, str] | None) -> str | None:
        """Strategy text in this language (falling back to the default language), unescaped."""
        return text_in(text, self.lang, self.default)

    def t(self, text: str | dict[str, str] | None, empty: str = "") -> str:
        """Strategy text in this language, escaped for Markdown."""
        value = self.raw(text)
        return escape_md(value) if value else empty

    def quote(self, text: str) -> str:
        """Strategy text in the language's quotation marks (”…” in Swedish, “…” in English), escaped.

        Babel does not expose CLDR's delimiters, so the marks are a catalogue label.
        """
        return self.l("quote", text=escape_md(text))

    def language_name(self, lang: str) -> str:
        name = locale_for(lang).get_display_name(locale_for(lang)) or lang
        return name[:1].upper() + name[1:]

    # --- dates, times, numbers ---------------------------------------------------

    def date(self, day: date) -> str:
        """'tors 24 dec. 2026' / 'Thu, Dec 24, 2026'."""
        return self._skeleton("yMMMEd", day)

    def long_date(self, day: date) -> str:
        """'14 december 2026' / 'December 14, 2026'."""
        return self._long_date(day)

    def month_day(self, value: date | tuple[int, int]) -> str:
        if isinstance(value, tuple):
            return self._skeleton("MMMMd", date(2024, *value))
        return self.long_date(value)

    def datetime(self, moment: datetime, *, year: bool = False) -> str:
        day = self._skeleton("yMMMEd" if year else "MMMEd", moment.date())
        return f"{day} {self.clock(moment.hour * 60 + moment.minute)}"

    def clock(self, minutes: int) -> str:
        """Minutes of the day as a 24-hour clock time; 1440 is '24:00'."""
        if minutes >= 1440:
            return "24:00"
        return self._skeleton("Hm", time(minutes // 60, minutes % 60))

    def weekday(self, index: int, width: str = "wide") -> str:
        return self._day_names(width)[index]

    def number(self, value: float) -> str:
        return self._decimal(value)

    def percent(self, value: float) -> str:
        from babel.numbers import format_percent

        return format_percent(value, locale=self.locale)

    def join(self, items: Sequence[str], style: str = "standard") -> str:
        return self._list(list(items), style) if items else ""

    def duration(self, seconds: int) -> str:
        """4h -> '4 timmar'; 5400 -> '1 timme, 30 minuter'; 104w -> '2 år' (Babel unit names).

        Whole years (52 weeks or 365 days each) are said in years: nobody keeps records "104 weeks".
        """
        if seconds <= 0:
            return self._unit(0, "duration-minute")
        for year in _YEAR_LENGTHS:
            if seconds % year == 0:
                return self._unit(seconds // year, "duration-year")
        parts = []
        for unit, size in _DURATION_UNITS:
            count, seconds = divmod(seconds, size)
            if count:
                parts.append(self._unit(count, f"duration-{unit}"))
        return self._list(parts, "unit")

    def working_days(self, count: int) -> str:
        """2 -> 'två arbetsdagar' / 'two working days': spelled out up to ten, as prose does, digits beyond."""
        word = self.labels.get(f"workdays.number.{count}") if count <= 10 else None
        return self.l("workdays.one" if count == 1 else "workdays.other", count=word or self.number(count))

    def period(self, period: Period) -> str:
        """A calendar period in its largest natural unit: 24mo and 104w -> '2 år' / '2 years' (Babel unit names)."""
        natural = period.natural()
        return self._unit(natural.count, f"duration-{natural.unit}")

    def quantity(self, value: float, unit: str | None) -> str:
        """A goal or KPI target with its unit; 'share' shows as a percentage."""
        if unit == "share":
            return self.percent(value)
        shown = self.number(value)
        if not unit:
            return shown
        key = f"unit.{unit}"
        name = self.labels.get(key)
        return f"{shown} {name if name is not None else escape_md(unit)}"

    # --- Babel, one call each (a subclass may answer some without it: render/cldr_excerpt.py) ----

    def _skeleton(self, skeleton: str, value: date | time) -> str:
        from babel.dates import format_skeleton

        return format_skeleton(skeleton, value, locale=self.locale)

    def _long_date(self, day: date) -> str:
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)

    def _day_names(self, width: str) -> Mapping[int, str]:
        from babel.dates import get_day_names

        return get_day_names(width, context="stand-alone", locale=self.locale)

    def _decimal(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def _list(self, items: list[str], style: str) -> str:
        return complete_list(items, style, self.locale)

    def _unit(self, count: int, unit: str) -> str:
        from babel.units import format_unit

        return format_unit(count, unit, locale=self.locale)

    # --- people ------------------------------------------------------------------

    @cached_property
    def people(self) -> dict[str, Person]:
        return self.strategy.index("people")

    def person(self, person_id: str | None) -> str:
        """A person as shown: name and role internally, only the role in public."""
        if person_id is None:
            return ""
        person = self.people.get(person_id)
        if person is None:
            return ""
        role = self.t(person.role)
        if self.public:
            return role or self.l("person.someone")
        return f"{escape_md(person.name)} ({role})" if role else escape_md(person.name)

    def metric(self, metric_id: str) -> str:
        return self.labels.get(f"metric.{metric_id}") or humanise(metric_id)

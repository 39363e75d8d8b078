"""Scalar types of the strategy format: ids, texts, durations, clock times, dates.

Each type validates with a custom error type (`sk_*`) that the validator maps to
a stable problem code, and carries its own JSON Schema so editors can check and
complete the YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from socialkit import END_OF_NEXT_BUSINESS_DAY  # noqa: F401  (re-exported)
from socialkit.periods import Period as _Period

# Patterns are matched with fullmatch: `$` alone would accept a trailing newline.
ID_RE = re.compile(r"^(?=.{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])$")
SHORT_DURATION_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
ISO_DURATION_RE = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Limits every later stage relies on (documented in docs/guide/strategy-format.md#limits).
MAX_NAME = 200  # characters of a name, title, handle or unit: it is repeated in every calendar event and page
MAX_TEXT = 5000  # characters of any text (a description, guidance, a reason)
MAX_ITEMS = 1000  # entries of any list or mapping
MAX_DURATION_DAYS = 366  # longest duration the time engine computes with: targets, rota turns, check intervals
MAX_RETENTION_DAYS = 3660  # longest retention period (moderation records' keep_for)
MAX_NUMBER = 10**12  # largest absolute value of a target, baseline or follower count
DATE_MIN = date(1971, 1, 1)  # every date and date-time, and the as_of setting, lie in this range
DATE_MAX = date(9000, 12, 31)


def _fail(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    # pydantic fills only plain {name} placeholders, so {value!r} is rendered here
    if "{value!r}" in message:
        message = message.replace("{value!r}", "{value}")
        ctx["value"] = repr(ctx.get("value"))
    return PydanticCustomError(f"sk_{kind}", message, ctx or None)


def _require_str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("sk_type", "expected {what} as a string, got {got}", {"what": what, "got": type(value).__name__})
    return value


# --- ids ---------------------------------------------------------------------------


def check_id(value: Any) -> str:
    value = _require_str(value, "an id")
    if not ID_RE.fullmatch(value):
        raise _fail(
            "id",
            "{value!r} is not a valid id: use lower-case letters, digits and single hyphens, e.g. 'customer-service'",
            value=value,
        )
    return value


Id = Annotated[
    str,
    PlainValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": ID_RE.pattern, "maxLength": 64}),
]


# --- languages and text ------------------------------------------------------------


def check_language(value: Any) -> str:
    value = _require_str(value, "a language code")
    if not LANGUAGE_RE.fullmatch(value):
        raise _fail("language", "{value!r} is not a language code such as 'sv' or 'en'", value=value)
    return value


Language = Annotated[str, PlainValidator(check_language), WithJsonSchema({"type": "string", "pattern": LANGUAGE_RE.pattern})]


# Characters no text may hold: C0 controls except tab and newline, DEL, C1 controls, lone
# surrogates (not Unicode: nothing can encode them) and the non-characters U+FFFE/U+FFFF
# (YAML and many tools refuse them, so mkdocs.yml or a calendar feed would not load).
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_character(text: str) -> str | None:
    """The first character of `text` that no text may hold, as U+XXXX; None if there is none."""
    found = _BAD_CHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _check_characters(text: str, limit: int) -> None:
    if (bad := bad_character(text)) is not None:
        raise _fail("character", "text holds the control or invalid character {char}; remove it", char=bad)
    if len(text) > limit:
        raise _fail("limit", "text is {size} characters long; the limit is {limit}", size=len(text), limit=limit)


def check_text(value: Any, limit: int = MAX_TEXT) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise _fail("value", "text must not be empty")
        _check_characters(value, limit)
        return value
    if isinstance(value, dict):
        if not value:
            raise _fail("value", "a per-language text needs at least one language, e.g. {sv: ..., en: ...}")
        for lang, text in value.items():
            check_language(lang)
            if not isinstance(text, str) or not text.strip():
                raise _fail("type", "the '{lang}' text must be a non-empty string", lang=lang)
            _check_characters(text, limit)
        return dict(value)
    raise PydanticCustomError(
        "sk_type",
        "expected text: a string or a per-language mapping like {sv: ..., en: ...}, got {got}",
        {"got": type(value).__name__},
    )


def check_short_text(value: Any) -> str | dict[str, str]:
    return check_text(value, MAX_NAME)


def check_name(value: Any) -> str:
    """A plain (not per-language) name: non-empty, at most MAX_NAME characters."""
    value = _require_str(value, "a name")
    if not value.strip():
        raise _fail("value", "a name must not be empty")
    _check_characters(value, MAX_NAME)
    return value


Name = Annotated[str, PlainValidator(check_name), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_NAME})]


class _TextMark:
    """Marks human text fields so translation checks can find them."""


TEXT_MARK = _TextMark()


def _text_schema(limit: int) -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", "minLength": 1, "maxLength": limit},
            {
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_RE.pattern},
                "additionalProperties": {"type": "string", "minLength": 1, "maxLength": limit},
                "minProperties": 1,
            },
        ]
    }


Text = Annotated[str | dict[str, str], TEXT_MARK, PlainValidator(check_text), WithJsonSchema(_text_schema(MAX_TEXT))]
# A name or title that may be given per language: at most MAX_NAME characters.
ShortText = Annotated[str | dict[str, str], TEXT_MARK, PlainValidator(check_short_text), WithJsonSchema(_text_schema(MAX_NAME))]


def text_in(text: str | dict[str, str] | None, lang: str, fallback: str) -> str | None:
    """The text in `lang`, else in `fallback`, else the first one given."""
    if text is None or isinstance(text, str):
        return text
    return text.get(lang) or text.get(fallback) or next(iter(text.values()))


_WORD = re.compile(r"[^\W_]")  # a letter or digit: what a keyword token is made of (compile.document.tokens)


def has_word(text: str) -> bool:
    """Whether `text` holds a letter or digit, so it yields at least one keyword token."""
    return _WORD.search(text) is not None


def check_keyword(value: Any) -> str:
    value = check_name(value)
    if not has_word(value):
        raise _fail(
            "value", "keyword {value!r} has no letter or digit: keywords match whole words, so it would match every message", value=value
        )
    return value


Keyword = Annotated[
    str,
    PlainValidator(check_keyword),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_NAME}),
]


# --- numbers ------------------------------------------------------------------------


def check_number(value: Any) -> float:
    """A finite number within +-MAX_NUMBER (a target or baseline)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("sk_type", "expected a number, got {got}", {"got": type(value).__name__})
    if value != value or value in (float("inf"), float("-inf")):
        raise _fail("value", "{value} is not a finite number", value=str(value))
    if abs(value) > MAX_NUMBER:
        raise _fail("limit", "{value} is beyond the limit of +-10^12", value=f"{value:.4g}")
    return float(value)


Number = Annotated[float, PlainValidator(check_number), WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER})]


# --- durations -----------------------------------------------------------------------


def parse_duration(value: Any, limit_days: int = MAX_DURATION_DAYS) -> int:
    """`90m`, `4h`, `1h30m`, `2d`, `1w` or ISO 8601 (`PT4H`, `P1D`) -> seconds."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise _fail(
            "duration",
            "expected a duration with a unit such as '30m', '4h', '2d' or 'PT4H', got {value!r}",
            value=value,
        )
    text = value
    match = SHORT_DURATION_RE.fullmatch(text) if text else None
    if match and any(match.groups()):
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    else:
        match = ISO_DURATION_RE.fullmatch(text)
        if not match or not any(match.groups()):
            hint = " (months and years vary in length; use days or weeks)" if re.match(r"^P.*[YM]", text) else _duration_hint(text)
            raise _fail(
                "duration",
                "{value!r} is not a duration: write e.g. '30m', '4h', '1h30m', '2d', '1w' or 'PT4H'" + hint,
                value=value,
            )
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    total = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
    if total > limit_days * 86400:
        raise _fail("duration", "{value!r} is longer than the limit of " + f"{limit_days} days", value=value)
    return total


_DECIMAL_RE = re.compile(r"^\s*(\d+)[,.](\d+)\s*([wdhm])\s*$")
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60}


def _duration_hint(text: str) -> str:
    """The fix for the common mistakes: a decimal comma or point, the end-of-day target in a duration's place."""
    decimal = _DECIMAL_RE.match(text)
    if decimal:
        whole, fraction, unit = decimal.groups()
        seconds = round(float(f"{whole}.{fraction}") * _UNIT_SECONDS[unit])
        return f"; durations take whole numbers, so write '{format_duration(seconds)}' for {text.strip()}"
    if text.strip() == "end-of-next-business-day":
        return (
            "; 'end-of-next-business-day' fits only if_received_closed of a respond target, e.g. "
            "respond: {within: 4h, if_received_closed: end-of-next-business-day}"
        )
    return ""


DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^(?:(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?|P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$",
    "minLength": 2,
}
Duration = Annotated[int, BeforeValidator(parse_duration), WithJsonSchema(DURATION_SCHEMA)]
LongDuration = Annotated[int, BeforeValidator(lambda value: parse_duration(value, MAX_RETENTION_DAYS)), WithJsonSchema(DURATION_SCHEMA)]


def format_duration(seconds: int) -> str:
    """Seconds -> the shortest canonical form, e.g. 5400 -> '1h30m'."""
    from socialkit.durations import canonical

    return canonical(seconds)


def check_closed_target(value: Any) -> int | str:
    if value == END_OF_NEXT_BUSINESS_DAY:
        return value
    try:
        return parse_duration(value)
    except PydanticCustomError:
        raise _fail(
            "duration",
            "expected a duration such as '8h' or '" + END_OF_NEXT_BUSINESS_DAY + "', got {value!r}",
            value=value,
        ) from None


ClosedTarget = Annotated[
    int | str,
    PlainValidator(check_closed_target),
    WithJsonSchema({"anyOf": [DURATION_SCHEMA, {"const": END_OF_NEXT_BUSINESS_DAY}]}),
]


# --- working days ---------------------------------------------------------------------

MAX_WORKING_DAYS = 60  # about three months of office days: beyond that a date, not a reply target
NEXT_WORKING_DAY = "next working day"
_WORKING_DAYS_RE = re.compile(r"(\d+) ?(?:wd|working days?)")


@dataclass(frozen=True, slots=True)
class WorkingDays:
    """A target counted in working days of the channel's schedule (docs/guide/time.md#working-days).

    `next` records that the strategy says "next working day" (the same instant as 1 working day, worded
    "by the next working day" instead of "within one working day").
    """

    count: int
    next: bool = False

    def __str__(self) -> str:
        if self.next:
            return NEXT_WORKING_DAY
        return f"{self.count} working day" + ("" if self.count == 1 else "s")


def parse_within(value: Any) -> int | WorkingDays:
    """A target: a duration (`4h`, `PT4H`) or working days (`2 working days`, `2wd`, `next working day`)."""
    if isinstance(value, str):
        if value == NEXT_WORKING_DAY:
            return WorkingDays(1, next=True)
        match = _WORKING_DAYS_RE.fullmatch(value)
        if match:
            count = int(match.group(1))
            if not 1 <= count <= MAX_WORKING_DAYS:
                raise _fail("duration", "{value!r}: write from 1 to " + f"{MAX_WORKING_DAYS} working days", value=value)
            return WorkingDays(count)
    return parse_duration(value)


WORKING_DAYS_SCHEMA = {
    "type": "string",
    "pattern": r"^(?:\d+ ?(?:wd|working days?)|next working day)$",
    "description": "Working days of the channel's schedule: '1 working day', '2 working days' (or '2wd'), 'next working day'.",
}
Within = Annotated[
    int | WorkingDays,
    PlainValidator(parse_within),
    # dumped as the strategy writes it ('2 working days'), which parse_within reads back
    PlainSerializer(lambda value: str(value) if isinstance(value, WorkingDays) else value),
    WithJsonSchema({"anyOf": [DURATION_SCHEMA, WORKING_DAYS_SCHEMA]}),
]


# --- clock times, intervals and weekdays -------------------------------------------


def parse_clock(text: str) -> int | None:
    """'08:30' -> 510 minutes; None when malformed. '24:00' -> 1440."""
    match = TIME_RE.fullmatch(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        return None
    return hours * 60 + minutes


def parse_interval(text: str) -> tuple[int, int]:
    """'08:00-17:00' -> (480, 1020); an end before the start runs past midnight."""
    start_text, _, end_text = text.partition("-")
    return parse_clock(start_text.strip()), parse_clock(end_text.strip())  # type: ignore[return-value]


def check_interval(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(
            "time",
            'expected an interval such as "08:00-17:00" (quoted), got {value!r}',
            value=value,
        )
    start_text, sep, end_text = value.partition("-")
    start, end = parse_clock(start_text), parse_clock(end_text)
    if not sep or start is None or end is None:
        raise _fail("time", '{value!r} is not an interval: write HH:MM-HH:MM, e.g. "08:00-17:00"', value=value)
    if start == 1440:
        raise _fail("time", "{value!r}: 24:00 may only end an interval; start at 00:00 instead", value=value)
    if start == end:
        raise _fail("time", '{value!r} is empty: start and end are equal (a whole day is "00:00-24:00")', value=value)
    if end == 0:
        raise _fail("time", "{value!r}: end a day at 24:00, not 00:00", value=value)
    return value


Interval = Annotated[
    str,
    PlainValidator(check_interval),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
            "examples": ["08:00-17:00", "22:00-02:00", "00:00-24:00"],
        }
    ),
]


def parse_days(spec: str) -> tuple[int, ...] | None:
    """'mon-fri' -> (0..4); 'sat,sun'; 'fri-mon' wraps; 'daily' = every day. None if malformed."""
    if spec == "daily":
        return tuple(range(7))
    days: list[int] = []
    for part in spec.split(","):
        first, sep, last = part.partition("-")
        if first not in DAY_NAMES or (sep and last not in DAY_NAMES):
            return None
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if sep else a
        span = (b - a) % 7
        days.extend((a + i) % 7 for i in range(span + 1))
    return tuple(dict.fromkeys(days))


DAYSPEC_PATTERN = r"^(daily|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*)$"


def check_dayspec(value: Any) -> str:
    value = _require_str(value, "weekdays")
    if parse_days(value) is None:
        raise _fail(
            "time",
            "{value!r} is not a weekday set: use lower-case mon..sun, ranges like 'mon-fri', lists without spaces like 'sat,sun', or 'daily'",
            value=value,
        )
    return value


DaySpec = Annotated[str, PlainValidator(check_dayspec), WithJsonSchema({"type": "string", "pattern": DAYSPEC_PATTERN})]


def check_clock_time(value: Any) -> str:
    if not isinstance(value, str) or parse_clock(value) is None or parse_clock(value) == 1440:
        raise _fail("time", 'expected a clock time such as "08:00" (quoted), got {value!r}', value=value)
    return value


ClockTime = Annotated[
    str,
    PlainValidator(check_clock_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"}),
]


# --- dates ---------------------------------------------------------------------------


def check_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return _in_range(value, value)
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _in_range(parsed, value)
    raise _fail("date", "expected a date as YYYY-MM-DD, got {value!r}", value=value)


def _in_range(day: date, value: Any) -> Any:
    """`day` (a date or the date of a date-time) within DATE_MIN..DATE_MAX, else an error naming `value`."""
    if not DATE_MIN <= (day.date() if isinstance(day, datetime) else day) <= DATE_MAX:
        raise _fail(
            "date", "{value!r} is outside the supported dates " + f"{DATE_MIN.isoformat()}..{DATE_MAX.isoformat()}", value=str(value)
        )
    return day


Date = Annotated[date, PlainValidator(check_date), WithJsonSchema({"type": "string", "format": "date"})]


def check_local_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _fail("date", 'expected a local date and time such as "2026-01-05 08:00", got {value!r}', value=value) from None
    else:
        raise _fail("date", 'expected a local date and time such as "2026-01-05 08:00", got {value!r}', value=value)
    if parsed.tzinfo is not None:
        raise _fail(
            "date",
            "{value!r} carries a UTC offset; write local wall-clock time (the time zone comes from the setting that applies)",
            value=str(value),
        )
    return _in_range(parsed, value)


LOCAL_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$"
LocalDateTime = Annotated[
    datetime,
    PlainValidator(check_local_datetime),
    WithJsonSchema({"type": "string", "pattern": LOCAL_DATETIME_PATTERN}),
]


MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def check_month_day_or_date(value: Any) -> date | tuple[int, int]:
    if isinstance(value, str) and MONTH_DAY_RE.fullmatch(value):
        month, day = int(value[:2]), int(value[3:])
        try:
            date(2023, month, day)  # a common year: a yearly day must exist every year
        except ValueError:
            if (month, day) == (2, 29):
                raise _fail(
                    "date", "{value!r} is not a day of every year; start or end the season on 02-28 or 03-01", value=value
                ) from None
            raise _fail("date", "{value!r} is not a day of the year", value=value) from None
        return (month, day)
    try:
        return check_date(value)
    except PydanticCustomError:
        raise _fail("date", 'expected a date (2026-06-15) or a yearly day ("06-15"), got {value!r}', value=value) from None


MonthDayOrDate = Annotated[
    date | tuple[int, int],
    PlainValidator(check_month_day_or_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": MONTH_DAY_RE.pattern}]}),
]


# --- holiday calendars ------------------------------------------------------------


@lru_cache(maxsize=64)
def holiday_calendar_problem(country: str, subdivision: str | None) -> str | None:
    """Why the `holidays` library has no calendar for country/subdivision; None if it has one."""
    import difflib

    from socialkit.engine.holidays import holidays_package

    holidays = holidays_package()  # imports the one country asked for, not all ~250
    try:
        holidays.country_holidays(country, subdiv=subdivision, years=[])
        return None
    except NotImplementedError:
        pass
    supported = holidays.list_supported_countries()
    if country not in supported:
        close = difflib.get_close_matches(country, list(supported), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else " (see the country codes python-holidays supports)"
        return f"no public-holiday calendar for country '{country}'{hint}"
    known = list(supported[country])
    close = difflib.get_close_matches(str(subdivision), known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; known: {', '.join(known[:12])}" if known else "; this country has none")
    return f"the public-holiday calendar of '{country}' has no subdivision '{subdivision}'{hint}"


# --- zones, links, contact -----------------------------------------------------------


def is_timezone(name: str) -> bool:
    """Whether `name` is an IANA zone (a folder of the zone database such as 'Europe' is not)."""
    return name in _packaged_timezones() or name in _timezones()


@lru_cache(maxsize=1)
def _packaged_timezones() -> frozenset[str]:
    """The zone list of the tzdata package, which `available_timezones()` takes whole before it walks the
    system's zone folders (~600 files opened, ~25 ms): a name found here needs no walk."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("tzdata")
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        with open(os.path.join(folders[0], "zones"), encoding="utf-8") as zones:
            return frozenset(name.strip() for name in zones if name.strip()) - {"posixrules"}
    except (ImportError, IndexError, OSError, ValueError):
        return frozenset()


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def check_timezone(value: Any) -> str:
    value = _require_str(value, "a time zone")
    if not is_timezone(value):
        raise _fail("timezone", "{value!r} is not an IANA time zone name such as 'Europe/Stockholm'", value=value)
    return value


Timezone = Annotated[str, PlainValidator(check_timezone), WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"})]


def check_url(value: Any) -> str:
    value = _require_str(value, "a link")
    parts = urlsplit(value)
    ok = (parts.scheme in ("http", "https") and parts.netloc) or (parts.scheme == "mailto" and parts.path)
    if not ok or any(c.isspace() for c in value):
        raise _fail("url", "{value!r} is not an http(s):// or mailto: link", value=value)
    return value


Url = Annotated[str, PlainValidator(check_url), WithJsonSchema({"type": "string", "pattern": r"^(https?://[^\s/]+\S*|mailto:\S+)$"})]

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(value: Any) -> str:
    value = _require_str(value, "an email address")
    if not EMAIL_RE.fullmatch(value):
        raise _fail("value", "{value!r} is not an email address", value=value)
    return value


Email = Annotated[str, PlainValidator(check_email), WithJsonSchema({"type": "string", "pattern": EMAIL_RE.pattern})]

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{4,}$")


def check_phone(value: Any) -> str:
    value = _require_str(value, "a phone number")
    if not PHONE_RE.fullmatch(value):
        raise _fail("value", "{value!r} is not a phone number such as '+46 70 123 45 67'", value=value)
    return value


Phone = Annotated[str, PlainValidator(check_phone), WithJsonSchema({"type": "string", "pattern": PHONE_RE.pattern})]


# --- calendar periods (retention, snapshots, inactivity) ---------------------------


def check_period(value: Any) -> Any:
    from socialkit.periods import PeriodError, parse_period

    try:
        return parse_period(value)
    except PeriodError as err:
        raise PydanticCustomError("sk_duration", "{message}", {"message": str(err)}) from None


PERIOD_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d+(y|mo|w|d)|P\d+[YMWD]|(\d+w)?(\d+d)?)$",
    "minLength": 2,
    "examples": ["2y", "6mo", "3w", "30d"],
}
# A calendar period (socialkit.periods.Period): years, months, weeks or days.
Period = Annotated[_Period, PlainValidator(check_period), WithJsonSchema(PERIOD_SCHEMA)]

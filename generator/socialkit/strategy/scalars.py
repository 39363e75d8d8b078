"""Scalar types of the strategy format: ids, texts, durations, clock times, dates.

Each type validates with a custom error type (`sk_*`) that the validator maps to
a stable problem code, and carries its own JSON Schema so editors can check and
complete the YAML.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from socialkit import END_OF_NEXT_BUSINESS_DAY  # noqa: F401  (re-exported)

ID_RE = re.compile(r"^(?=.{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])$")
SHORT_DURATION_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
ISO_DURATION_RE = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
    if not ID_RE.match(value):
        raise _fail(
            "id",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens, e.g. 'customer-service'",
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
    if not LANGUAGE_RE.match(value):
        raise _fail("language", "'{value}' is not a language code such as 'sv' or 'en'", value=value)
    return value


Language = Annotated[str, PlainValidator(check_language), WithJsonSchema({"type": "string", "pattern": LANGUAGE_RE.pattern})]


def check_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise _fail("value", "text must not be empty")
        return value
    if isinstance(value, dict):
        if not value:
            raise _fail("value", "a per-language text needs at least one language, e.g. {sv: ..., en: ...}")
        for lang, text in value.items():
            check_language(lang)
            if not isinstance(text, str) or not text.strip():
                raise _fail("type", "the '{lang}' text must be a non-empty string", lang=lang)
        return dict(value)
    raise PydanticCustomError(
        "sk_type",
        "expected text: a string or a per-language mapping like {sv: ..., en: ...}, got {got}",
        {"got": type(value).__name__},
    )


class _TextMark:
    """Marks human text fields so translation checks can find them."""


TEXT_MARK = _TextMark()

Text = Annotated[
    str | dict[str, str],
    TEXT_MARK,
    PlainValidator(check_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_RE.pattern},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ]
        }
    ),
]


def text_in(text: str | dict[str, str] | None, lang: str, fallback: str) -> str | None:
    """The text in `lang`, else in `fallback`, else the first one given."""
    if text is None or isinstance(text, str):
        return text
    return text.get(lang) or text.get(fallback) or next(iter(text.values()))


# --- durations -----------------------------------------------------------------------


def parse_duration(value: Any) -> int:
    """`90m`, `4h`, `1h30m`, `2d`, `1w` or ISO 8601 (`PT4H`, `P1D`) -> seconds."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise _fail(
            "duration",
            "expected a duration with a unit such as '30m', '4h', '2d' or 'PT4H', got {value!r}",
            value=value,
        )
    text = value
    match = SHORT_DURATION_RE.match(text) if text else None
    if match and any(match.groups()):
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    else:
        match = ISO_DURATION_RE.match(text)
        if not match or not any(match.groups()):
            hint = " (months and years vary in length; use days or weeks)" if re.match(r"^P.*[YM]", text) else _duration_hint(text)
            raise _fail(
                "duration",
                "'{value}' is not a duration: write e.g. '30m', '4h', '1h30m', '2d', '1w' or 'PT4H'" + hint,
                value=value,
            )
        weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds


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


def format_duration(seconds: int) -> str:
    """Seconds -> the shortest canonical form, e.g. 5400 -> '1h30m'."""
    if seconds == 0:
        return "0m"
    parts = []
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


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


# --- clock times, intervals and weekdays -------------------------------------------


def parse_clock(text: str) -> int | None:
    """'08:30' -> 510 minutes; None when malformed. '24:00' -> 1440."""
    match = TIME_RE.match(text)
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
        raise _fail("time", "'{value}' is not an interval: write HH:MM-HH:MM, e.g. \"08:00-17:00\"", value=value)
    if start == 1440:
        raise _fail("time", "'{value}': 24:00 may only end an interval; start at 00:00 instead", value=value)
    if start == end:
        raise _fail("time", "'{value}' is empty: start and end are equal (a whole day is \"00:00-24:00\")", value=value)
    if end == 0:
        raise _fail("time", "'{value}': end a day at 24:00, not 00:00", value=value)
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
            "'{value}' is not a weekday set: use lower-case mon..sun, ranges like 'mon-fri', lists without spaces like 'sat,sun', or 'daily'",
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
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail("date", "expected a date as YYYY-MM-DD, got {value!r}", value=value)


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
            "'{value}' carries a UTC offset; write local wall-clock time (the time zone comes from the setting that applies)",
            value=str(value),
        )
    return parsed


LOCAL_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$"
LocalDateTime = Annotated[
    datetime,
    PlainValidator(check_local_datetime),
    WithJsonSchema({"type": "string", "pattern": LOCAL_DATETIME_PATTERN}),
]


MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def check_month_day_or_date(value: Any) -> date | tuple[int, int]:
    if isinstance(value, str) and MONTH_DAY_RE.match(value):
        month, day = int(value[:2]), int(value[3:])
        try:
            date(2024, month, day)  # a leap year accepts 02-29
        except ValueError:
            raise _fail("date", "'{value}' is not a day of the year", value=value) from None
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


# --- zones, links, contact -----------------------------------------------------------


def check_timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = _require_str(value, "a time zone")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail("timezone", "'{value}' is not an IANA time zone name such as 'Europe/Stockholm'", value=value) from None
    return value


Timezone = Annotated[str, PlainValidator(check_timezone), WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"})]


def check_url(value: Any) -> str:
    value = _require_str(value, "a link")
    parts = urlsplit(value)
    ok = (parts.scheme in ("http", "https") and parts.netloc) or (parts.scheme == "mailto" and parts.path)
    if not ok or any(c.isspace() for c in value):
        raise _fail("url", "'{value}' is not an http(s):// or mailto: link", value=value)
    return value


Url = Annotated[str, PlainValidator(check_url), WithJsonSchema({"type": "string", "pattern": r"^(https?://[^\s/]+\S*|mailto:\S+)$"})]

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(value: Any) -> str:
    value = _require_str(value, "an email address")
    if not EMAIL_RE.match(value):
        raise _fail("value", "'{value}' is not an email address", value=value)
    return value


Email = Annotated[str, PlainValidator(check_email), WithJsonSchema({"type": "string", "pattern": EMAIL_RE.pattern})]

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{4,}$")


def check_phone(value: Any) -> str:
    value = _require_str(value, "a phone number")
    if not PHONE_RE.match(value):
        raise _fail("value", "'{value}' is not a phone number such as '+46 70 123 45 67'", value=value)
    return value


Phone = Annotated[str, PlainValidator(check_phone), WithJsonSchema({"type": "string", "pattern": PHONE_RE.pattern})]

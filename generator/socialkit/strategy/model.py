"""The strategy model: plain, immutable pydantic records, strict about unknown keys.

Field descriptions and examples here are the documentation editors show (they
flow into `schemas/strategy.schema.json`). A reference to another section is
typed with `Ref(...)`, so `references.py` can check every one generically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from socialkit.strategy.scalars import MAX_NUMBER as _MAX_NUMBER
from socialkit.strategy.scalars import (
    ClockTime,
    ClosedTarget,
    Date,
    DaySpec,
    Duration,
    Email,
    Id,
    Interval,
    Keyword,
    Language,
    LocalDateTime,
    LongDuration,
    MonthDayOrDate,
    Name,
    Number,
    Period,
    Phone,
    ShortText,
    Text,
    Timezone,
    Url,
    Within,
    holiday_calendar_problem,
)

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks an id that must name an entry of `section` (or one of `also`)."""

    section: str
    also: tuple[str, ...] = ()


PersonRef = Annotated[Id, Ref("people")]
TeamRef = Annotated[Id, Ref("teams")]
ScheduleRef = Annotated[Id, Ref("schedules")]
SlaRef = Annotated[Id, Ref("slas")]
ChannelRef = Annotated[Id, Ref("channels")]
AudienceRef = Annotated[Id, Ref("audiences")]
CategoryRef = Annotated[Id, Ref("categories")]
TargetKey = Annotated[Id, Ref("categories", also=("default",))]

ReplyStyle = Literal["personal", "thank-and-fix", "brief-factual", "acknowledge", "move-to-private", "canned"]
Clock = Literal["business", "calendar"]
Priority = Literal["low", "normal", "high", "urgent"]
AuthorType = Literal["customer", "prospect", "journalist", "influencer", "public-figure", "employee", "authority", "competitor", "unknown"]
ContentKind = Literal[
    "criticism",
    "negative-review",
    "complaint",
    "question",
    "praise",
    "spam",
    "advertising",
    "off-topic",
    "illegal-content",
    "personal-data",
    "threat",
    "hate-speech",
    "harassment",
    "misinformation",
    "impersonation",
    "phishing",
]
Platform = Literal[
    "facebook",
    "instagram",
    "linkedin",
    "x",
    "threads",
    "tiktok",
    "youtube",
    "bluesky",
    "mastodon",
    "snapchat",
    "pinterest",
    "whatsapp",
    "messenger",
    "website-chat",
    "forum",
    "other",
]
NamedDay = Literal[
    "easter-eve",
    "midsummer-eve",
    "christmas-eve",
    "new-years-eve",
    "walpurgis-eve",
    "all-saints-eve",
    "epiphany-eve",
    "whitsun-eve",
]
Disclosure = Literal["hours", "response-time", "redirect", "privacy-notice", "moderation-policy", "owner", "public-records"]
# How a message reached us (a fixed vocabulary; which platforms have which: checks/rules/kinds.py).
MessageKind = Literal["comment", "direct-message", "tagged-mention", "untagged-mention", "review"]
MESSAGE_KINDS: tuple[str, ...] = MessageKind.__args__  # type: ignore[attr-defined]
# What the organisation promises about replies (shared vocabulary of the reply promise).
Promise = Literal["deadline", "best-effort", "read-only", "none"]
PROMISES: tuple[str, ...] = ("deadline", "best-effort", "read-only", "none")


def F(description: str, example: Any = None, **kwargs: Any) -> Any:
    """A field with its documentation and one example (shown by editors)."""
    if example is not None:
        kwargs["examples"] = [example]
    if kwargs.get("default_factory") in _EMPTY:
        kwargs["default_factory"] = _EMPTY[kwargs["default_factory"]]
    return Field(description=description, **kwargs)


def _empty_list() -> list[Any]:
    return []


def _empty_dict() -> dict[Any, Any]:
    return {}


# pydantic reads each default factory's signature when it builds a model; a builtin's (list, dict) is parsed
# from its text with the tokenizer, ~0.3 ms per field over 60 fields of every start. A function's is at hand.
_EMPTY: dict[Any, Any] = {list: _empty_list, dict: _empty_dict}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=False)


# --- organisation ----------------------------------------------------------------


class ExtraClosedDay(Record):
    date: Date = F("One specific date the organisation is closed.", "2026-04-30")
    name: ShortText = F("What the day is called, shown in the playbook.", {"sv": "Valborgsmässoafton", "en": "Walpurgis Eve"})


class HolidayCalendar(Record):
    country: str | None = F("ISO 3166 country code of the public-holiday calendar (python-holidays).", "SE", pattern=r"^[A-Z]{2}$")
    subdivision: Name | None = F("Optional subdivision of the calendar (state, county).", "AB", default=None)
    also_closed: list[NamedDay] = F(
        "Named days the public calendar lacks but the organisation closes on (eves).",
        ["christmas-eve", "midsummer-eve", "new-years-eve"],
        default_factory=list,
    )
    extra_closed: list[ExtraClosedDay] = F(
        "Further closed dates, each with a name.", [{"date": "2026-04-30", "name": "Valborg"}], default_factory=list
    )
    not_closed: list[Name] = F(
        "Calendar entries (as the calendar names them) that are not days off for you.",
        ["Epiphany"],
        default_factory=list,
    )

    @field_validator("country")
    @classmethod
    def _country_exists(cls, country: str | None) -> str | None:
        if country is not None and (message := holiday_calendar_problem(country, None)):
            raise PydanticCustomError("sk_value", message)
        return country

    @field_validator("subdivision")
    @classmethod
    def _subdivision_exists(cls, subdivision: str | None, info: ValidationInfo) -> str | None:
        country = info.data.get("country")
        if subdivision is not None and country is not None and (message := holiday_calendar_problem(country, subdivision)):
            raise PydanticCustomError("sk_value", message)
        return subdivision


class Organization(Record):
    name: Name = F("The organisation's public name.", "Solvik Energi AB")
    website: Url | None = F("The organisation's public website.", "https://www.example.se", default=None)
    about: Text | None = F(
        "Why the organisation is in social media: the short strategy statement.",
        {"sv": "Vi finns där våra kunder är.", "en": "We are where our customers are."},
        default=None,
    )
    timezone: Timezone = F("Default IANA time zone for every schedule and rota.", "Europe/Stockholm")
    languages: list[Language] = F("Languages the playbook is published in; the first is the default.", ["sv", "en"], min_length=1)
    holidays: HolidayCalendar | None = F("Public-holiday calendar and extra closed days.", {"country": "SE"}, default=None)

    @field_validator("languages")
    @classmethod
    def _languages_once(cls, languages: list[str]) -> list[str]:
        twice = sorted({lang for lang in languages if languages.count(lang) > 1})
        if twice:
            raise PydanticCustomError(
                "sk_value", "languages lists {twice} more than once; list each language once", {"twice": ", ".join(twice)}
            )
        return languages

    @property
    def default_language(self) -> str:
        return self.languages[0]


# --- goals, audiences, people, teams -------------------------------------------------


class Goal(Record):
    id: Id = F("Unique id of the goal.", "resolve-complaints")
    statement: Text = F("The goal as one measurable sentence.", "Resolve 50 complaints voiced in social media.")
    metric: Id = F("What is measured (a metric id; `socialkit audit` computes the known ones).", "resolved-complaints")
    target: Number = F("The number to reach.", 50)
    unit: Name | None = F("Unit of the target, for display.", "complaints", default=None)
    baseline: Number | None = F("Where the metric stood when the goal was set.", 12, default=None)
    deadline: Date | None = F(
        "When the target must be reached; omitted: an open-ended goal (the playbook cannot show the time left).",
        "2027-06-30",
        default=None,
    )
    start: Date | None = F(
        "When the period measured for the goal begins ('within six months'); the audit counts messages from this day "
        "to the deadline. Default: all messages up to the deadline.",
        "2026-12-01",
        default=None,
    )
    owner: PersonRef | None = F("Person accountable for the goal.", "anna", default=None)


class Audience(Record):
    id: Id = F("Unique id of the audience.", "customers")
    name: ShortText = F("Name of the audience.", {"sv": "Kunder", "en": "Customers"})
    description: Text | None = F("Who they are and what they want from us.", "Households with a contract.", default=None)


class Person(Record):
    id: Id = F("Unique id of the person, used in teams, rotas and escalation.", "anna")
    name: Name = F("Full name (internal).", "Kim Andersson")
    role: ShortText | None = F("Role in the organisation.", {"sv": "Kommunikatör", "en": "Communications officer"}, default=None)
    email: Email | None = F("Internal email address; never published in the public playbook.", "kim.andersson@example.se", default=None)
    phone: Phone | None = F("Internal phone number for urgent escalation; never published.", "+46 8 000 000 00", default=None)
    languages: list[Language] = F("Languages the person answers in.", ["sv", "en"], default_factory=list)


class RotaTurn(Record):
    person: PersonRef | None = F("Who takes the turn; omitted: not decided yet (nobody is on duty for this turn).", "omar", default=None)
    start: LocalDateTime = F("When the turn begins, local time in the team's zone.", "2026-06-22 08:00")
    end: LocalDateTime | None = F(
        "When the turn ends (exclusive); omitted: when the next turn begins, or until further notice for the last turn.",
        "2026-07-13 08:00",
        default=None,
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> RotaTurn:
        if self.end is not None and self.end <= self.start:
            raise PydanticCustomError("sk_value", "a turn must end after it starts")
        return self


class RotaLayer(Record):
    model_config = ConfigDict(
        **Record.model_config,
        json_schema_extra={"anyOf": [{"required": ["turns"]}, {"required": ["start", "every", "order"]}]},
    )

    id: Id = F("Name of the layer.", "weekdays")
    start: LocalDateTime | None = F(
        "First hand-off, local wall-clock time in the team's zone (with `every`).", "2026-01-05 08:00", default=None
    )
    every: Duration | None = F(
        "Rotation length: who is on duty changes this often (whole days keep local time). Omit it and list `turns` "
        "when the hand-offs have no fixed period.",
        "1w",
        gt=0,
        default=None,
    )
    order: list[PersonRef] = F("People in turn (with `every`).", ["anna", "erik"], default_factory=list)
    turns: list[RotaTurn] = F(
        "Dated turns instead of a fixed period (a relay: each person takes over from a date); "
        "a turn without `end` lasts until the next one begins.",
        [{"person": "omar", "start": "2026-06-22 08:00"}, {"person": "erik", "start": "2026-07-13 08:00", "end": "2026-08-03 08:00"}],
        default_factory=list,
    )
    only_during: ScheduleRef | None = F("Restrict the layer to the open hours of this schedule.", "office-hours", default=None)

    @model_validator(mode="after")
    def _one_kind(self) -> RotaLayer:
        if self.turns and (self.every is not None or self.start is not None or self.order):
            raise PydanticCustomError("sk_value", "a layer lists either dated turns or start, every and order, not both")
        if not self.turns and (self.every is None or self.start is None or not self.order):
            missing = [name for name, value in (("start", self.start), ("every", self.every), ("order", self.order)) if not value]
            raise PydanticCustomError(
                "sk_value",
                "a layer needs start, every and order, or a list of dated turns; missing: {missing}",
                {"missing": ", ".join(missing)},
            )
        return self

    @property
    def dated(self) -> bool:
        """Whether the layer lists dated turns instead of a fixed period."""
        return bool(self.turns)

    @property
    def people(self) -> list[str]:
        """Everyone the layer can put on duty, in order of first appearance."""
        named = self.order + [t.person for t in self.turns if t.person is not None]
        return list(dict.fromkeys(named))

    @property
    def first_start(self) -> dt.datetime:
        """The layer's first hand-off (its start, or its earliest turn)."""
        if self.turns:
            return min(t.start for t in self.turns)
        assert self.start is not None
        return self.start


class RotaOverride(Record):
    person: PersonRef = F("Who is on duty instead.", "erik")
    replaces: PersonRef | None = F("Whom they replace; omitted: they alone are on duty.", "anna", default=None)
    start: LocalDateTime = F("Start of the override, local time.", "2026-07-06 00:00")
    end: LocalDateTime = F("End of the override (exclusive), local time.", "2026-07-27 00:00")
    reason: Text | None = F("Why (e.g. holiday), for the rota page.", {"sv": "Semester", "en": "Holiday"}, default=None)

    @model_validator(mode="after")
    def _end_after_start(self) -> RotaOverride:
        if self.end <= self.start:
            raise PydanticCustomError("sk_value", "an override must end after it starts")
        return self


class Rota(Record):
    timezone: Timezone | None = F("Zone of the rota's local times; default the organisation's.", "Europe/Stockholm", default=None)
    layers: list[RotaLayer] = F(
        "Rotation layers; everyone a layer puts on duty is on duty.",
        [{"id": "weekdays", "start": "2026-01-05 08:00", "every": "1w", "order": ["anna", "erik"], "only_during": "office-hours"}],
        min_length=1,
    )
    overrides: list[RotaOverride] = F(
        "Dated exceptions, e.g. absences.",
        [{"person": "erik", "replaces": "anna", "start": "2026-07-06 00:00", "end": "2026-07-27 00:00"}],
        default_factory=list,
    )


class Team(Record):
    id: Id = F("Unique id of the team.", "social")
    name: ShortText = F("Name of the team.", {"sv": "Sociala medier", "en": "Social media"})
    members: list[PersonRef] = F("People in the team.", ["anna", "erik"], min_length=1)
    lead: PersonRef = F("The team's lead.", "anna")
    email: Email | None = F("Shared internal mailbox of the team.", "social@example.se", default=None)
    rota: Rota | None = F(
        "Who is on duty when (who checks the channels).",
        {"layers": [{"id": "weekdays", "start": "2026-01-05 08:00", "every": "1w", "order": ["anna", "erik"]}]},
        default=None,
    )


# --- schedules ------------------------------------------------------------------------

Weekly = Annotated[
    dict[DaySpec, list[Interval]],
    Field(
        description="Opening intervals per weekday set: keys like 'mon-fri', 'sat', 'sat,sun' or 'daily'; "
        "values are quoted HH:MM-HH:MM intervals (an end before the start runs past midnight).",
        examples=[{"mon-fri": ["08:00-17:00"], "sat": ["10:00-14:00"]}],
        json_schema_extra={"additionalProperties": False},
    ),
]


class Closure(Record):
    date: Date | None = F("A single closed date.", "2026-12-23", default=None)
    start: Date | None = F("First closed date of a range.", "2026-07-13", default=None)
    end: Date | None = F("Last closed date of a range (inclusive).", "2026-07-17", default=None)
    reason: Text | None = F("Why, shown in the playbook.", {"sv": "Inventering", "en": "Stocktaking"}, default=None)

    @model_validator(mode="after")
    def _one_form(self) -> Closure:
        if (self.date is None) == (self.start is None):
            raise PydanticCustomError("sk_value", "a closure needs either 'date' or 'start' (with optional 'end')")
        if self.date is not None and self.end is not None:
            raise PydanticCustomError("sk_value", "use 'start' and 'end' for a range, not 'date' and 'end'")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "sk_value", "closure ends ({end}) before it starts ({start})", {"end": str(self.end), "start": str(self.start)}
            )
        return self

    @property
    def first(self) -> dt.date:
        return self.date or self.start  # type: ignore[return-value]  # the validator requires date or start

    @property
    def last(self) -> dt.date:
        return self.date or self.end or self.start  # type: ignore[return-value]


class SpecialHours(Record):
    date: Date = F("The date whose hours are replaced.", "2026-04-30")
    hours: list[Interval] = F("Opening intervals that day; [] means closed.", ["08:00-12:00"])
    reason: Text | None = F("Why, shown in the playbook.", {"sv": "Valborg", "en": "Walpurgis Eve"}, default=None)


class Season(Record):
    id: Id = F("Name of the season.", "summer")
    name: ShortText | None = F("Display name.", {"sv": "Sommartider", "en": "Summer hours"}, default=None)
    start: MonthDayOrDate = F('First day: a date or a yearly day "MM-DD".', "06-22")
    end: MonthDayOrDate = F('Last day (inclusive): a date or a yearly day "MM-DD".', "08-14")
    weekly: Weekly

    @model_validator(mode="after")
    def _same_form(self) -> Season:
        if isinstance(self.start, tuple) != isinstance(self.end, tuple):
            raise PydanticCustomError(
                "sk_value", 'give both season ends as dates (2026-06-22) or both as yearly days ("06-22"), not one of each'
            )
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date) and self.end < self.start:
            raise PydanticCustomError(
                "sk_value", "season ends ({end}) before it starts ({start})", {"end": str(self.end), "start": str(self.start)}
            )
        return self


class Schedule(Record):
    id: Id = F("Unique id of the schedule.", "office-hours")
    name: ShortText | None = F("Display name.", {"sv": "Kontorstid", "en": "Office hours"}, default=None)
    timezone: Timezone | None = F("IANA zone; default the organisation's.", "Europe/Stockholm", default=None)
    weekly: Weekly
    holidays: Literal["closed", "open"] = F("Whether public holidays close the schedule.", "closed", default="closed")
    closures: list[Closure] = F("Dated closures.", [{"date": "2026-12-23"}], default_factory=list)
    special_hours: list[SpecialHours] = F(
        "Dates with other hours than usual.", [{"date": "2026-04-30", "hours": ["08:00-12:00"]}], default_factory=list
    )
    seasons: list[Season] = F(
        "Periods with their own weekly hours (e.g. summer).",
        [{"id": "summer", "start": "06-22", "end": "08-14", "weekly": {"mon-fri": ["09:00-15:00"]}}],
        default_factory=list,
    )


# --- messages, SLAs --------------------------------------------------------------------


class Category(Record):
    id: Id = F("Unique id of the message category.", "complaint")
    name: ShortText = F("Display name.", {"sv": "Klagomål", "en": "Complaint"})
    sentiment: Literal["positive", "neutral", "negative"] | None = F(
        "The tone such messages usually have (optional: not every category has one).", "negative", default=None
    )
    reply_style: ReplyStyle | None = F(
        "How we answer this kind of message (optional for a category nobody answers).", "thank-and-fix", default=None
    )
    written_reply: bool = F("Whether it needs a written reply, or acknowledging (a reaction) is enough.", True, default=True)
    guidance: Text | None = F("Advice for whoever answers.", "Thank them, fix it, show the result.", default=None)


def _timing_from_plain(value: Any) -> Any:
    return {"within": value} if isinstance(value, str) else value


class Timing(Record):
    within: Within = F(
        "Target when the message arrives while the channel is open: a duration ('4h'), or working days of the channel's "
        "schedule ('1 working day', '2 working days', 'next working day'): due at the close of that working day after "
        "the day the message arrives.",
        "4h",
    )
    if_received_closed: ClosedTarget | None = F(
        "Target when it arrives while closed: a duration from the next opening, or 'end-of-next-business-day'.",
        "end-of-next-business-day",
        default=None,
    )


def _also_plain_duration(schema: dict[str, Any]) -> None:
    schema["anyOf"].insert(
        1, {"type": "string", "description": "A duration such as '4h' or working days such as '2 working days' (same as {within: ...})."}
    )


TimingValue = Annotated[Timing, BeforeValidator(_timing_from_plain)]

OTHERWISE = "otherwise"
WindowSchedule = Annotated[Id, Ref("schedules", also=(OTHERWISE,))]


class ArrivalWindow(Timing):
    """One promise of a target that depends on when the message arrives: an ordinary Timing plus when it applies."""

    during: WindowSchedule = F(
        "When the message must arrive for this promise to apply: while this schedule is open, or 'otherwise' (any time).",
        "office-hours",
    )
    clock: Clock | None = F("Clock of this promise; default the SLA's.", "calendar", default=None)


ArrivalWindows = Annotated[
    list[ArrivalWindow],
    Field(
        min_length=1,
        description="Promises by arrival time, in order: the first window whose schedule is open when the message "
        "arrives (or 'otherwise') applies.",
        examples=[[{"during": "office-hours", "within": "4h"}, {"during": "otherwise", "within": "48h", "clock": "calendar"}]],
    ),
]
TargetTiming = Annotated[
    Annotated[TimingValue, Tag("timing")] | Annotated[ArrivalWindows, Tag("windows")],
    Discriminator(lambda value: "windows" if isinstance(value, list) else "timing"),
]


def timing_parts(value: Timing | list[ArrivalWindow] | None) -> list[Timing]:
    """The promises of one target: the timing itself, or each arrival window in order ([] for none)."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class Target(Record):
    acknowledge: TargetTiming | None = F(
        "Time to a first acknowledgement (a reaction or short reply); a list of arrival windows when it depends on "
        "when the message arrives.",
        "1h",
        default=None,
        json_schema_extra=_also_plain_duration,
    )
    respond: TargetTiming | None = F(
        "Time to a real answer; a list of arrival windows when it depends on when the message arrives.",
        {"within": "4h", "if_received_closed": "end-of-next-business-day"},
        default=None,
        json_schema_extra=_also_plain_duration,
    )
    promise: Promise | None = F(
        "What this SLA promises for the category: 'deadline' (the times above; the default), 'best-effort' "
        "(answered, but no time is promised), 'read-only' (read, not answered) or 'none'. Only 'deadline' has times.",
        "read-only",
        default=None,
    )

    @model_validator(mode="after")
    def _something(self) -> Target:
        timed = self.acknowledge is not None or self.respond is not None
        if self.promise in (None, "deadline") and not timed:
            raise PydanticCustomError(
                "sk_value",
                "a target needs 'acknowledge', 'respond' or both, or a promise without a time ('best-effort', 'read-only', 'none')",
            )
        if self.promise not in (None, "deadline") and timed:
            raise PydanticCustomError(
                "sk_value",
                "a target with promise '{promise}' has no reply time; remove 'acknowledge' and 'respond', or use promise 'deadline'",
                {"promise": self.promise},
            )
        return self


class Sla(Record):
    id: Id = F("Unique id of the SLA.", "standard")
    name: ShortText | None = F("Display name.", "Standard", default=None)
    clock: Clock = F("'business' counts open time of the channel's schedule; 'calendar' counts all time.", "business")
    targets: dict[TargetKey, Target] = F(
        "Targets per message category id; 'default' covers the rest.",
        {"complaint": {"acknowledge": "1h", "respond": "4h"}, "default": {"respond": "24h"}},
        min_length=1,
        json_schema_extra={"additionalProperties": False},
    )


# --- channels ---------------------------------------------------------------------------


class Redirect(Record):
    text: Text = F(
        "Where to go instead, published on the profile.",
        {"sv": "Frågor? Skriv till oss på Facebook.", "en": "Questions? Message us on Facebook."},
    )
    url: Url | None = F("Link to the place to go instead.", "https://www.example.se/kundservice", default=None)
    channel: ChannelRef | None = F("The channel to go to instead, if it is one of ours.", "facebook", default=None)


class UpdateIfLonger(Record):
    after: Duration | None = F(
        "Tell the person how it is going when there is no answer after this long; omitted: the obligation has no time.",
        "2d",
        default=None,
        gt=0,
    )
    clock: Clock = F(
        "Clock of 'after': 'calendar' (all time, the default) or 'business' (open time of the channel's schedule).",
        "calendar",
        default="calendar",
    )


def _update_from_plain(value: Any) -> Any:
    """`true` -> {} (no time), `"2d"` -> {after: 2d}, `false` -> none."""
    if value is True:
        return {}
    if value is False:
        return None
    return {"after": value} if isinstance(value, str) else value


def _update_also_plain(schema: dict[str, Any]) -> None:
    schema["anyOf"][1:1] = [
        {"type": "boolean", "description": "true: we tell the person if it takes longer, without a time."},
        {"type": "string", "description": "A duration such as '2d' (same as {after: 2d})."},
    ]


UpdateValue = Annotated[UpdateIfLonger | None, BeforeValidator(_update_from_plain)]


class KindHandling(Record):
    promise: Promise | None = F(
        "What we promise for this kind of message: 'deadline' (the SLA's targets), 'best-effort' (answered, no time "
        "promised), 'read-only' (read, not answered) or 'none' (not followed). Default: as the rest of the channel.",
        "read-only",
        default=None,
    )
    redirect: Redirect | None = F(
        "Where to go instead with this kind of message, published in the playbook.",
        {"text": "We do not take individual cases in direct messages: call customer service.", "url": "https://www.example.se/kundservice"},
        default=None,
    )
    sla: SlaRef | None = F("Reply targets for this kind instead of the channel's SLA (outside crisis mode).", "reviews", default=None)

    @model_validator(mode="after")
    def _something(self) -> KindHandling:
        if self.promise is None and self.redirect is None and self.sla is None:
            raise PydanticCustomError("sk_value", "a kind's handling needs 'promise', 'redirect' or 'sla'")
        return self


class PostingRate(Record):
    count: int = F("At least this many posts...", 3, ge=1, le=1000)
    per: Literal["day", "week", "month"] = F("...per this period.", "week")


class CheckRate(Record):
    at_least: int = F("The channel is checked at least this many times...", 3, ge=1, le=1000)
    at_most: int | None = F("...and at most this many times (omitted: no upper bound)...", 3, ge=1, le=1000, default=None)
    per: Literal["day", "working-day", "week"] = F(
        "...per calendar day, per working day (a day the channel's schedule is open) or per week.", "working-day"
    )

    @model_validator(mode="after")
    def _range(self) -> CheckRate:
        if self.at_most is not None and self.at_most < self.at_least:
            raise PydanticCustomError("sk_value", "at_most is below at_least")
        return self


class Channel(Record):
    id: Id = F("Unique id of the channel.", "facebook")
    name: Name = F("Display name.", "Facebook")
    platform: Platform = F("The platform.", "facebook")
    url: Url | None = F("Public link to the profile.", "https://www.facebook.com/example", default=None)
    handle: Name | None = F("Account handle.", "@solvikenergi", default=None)
    purpose: Text | None = F(
        "What the channel is for.", {"sv": "Kundservice och driftinformation", "en": "Customer service and outages"}, default=None
    )
    audiences: list[AudienceRef] = F("Audiences the channel reaches.", ["customers"], default_factory=list)
    team: TeamRef | None = F("The team that runs the channel.", "social", default=None)
    customer_service: bool = F("Whether the channel takes customer-service questions.", True)
    redirect: Redirect | None = F(
        "Where to go instead (expected when customer_service is false).",
        {"text": "Questions? Message us on Facebook.", "channel": "facebook"},
        default=None,
    )
    schedule: ScheduleRef | None = F(
        "Hours when someone reads and answers the channel (its monitored hours), with or without a reply time.",
        "office-hours",
        default=None,
    )
    publishing: ScheduleRef | None = F(
        "Hours when we publish on the channel, when they differ from the answering hours (e.g. 07-22 every day). "
        "Absent: the policy makes no promise about publishing hours.",
        "publishing-hours",
        default=None,
    )
    sla: SlaRef | None = F("Reply targets (the channel then promises a 'deadline').", "standard", default=None)
    promise: Promise | None = F(
        "What the channel promises about replies: 'deadline' (the SLA's times), 'best-effort' (we answer, but promise no time), "
        "'read-only' (messages are read, not answered) or 'none' (nothing is promised). Default: 'deadline' with an SLA, else 'none'.",
        "best-effort",
        default=None,
    )
    update_if_longer: UpdateValue = F(
        "We tell the person if the answer takes longer: true (no time), a duration ('2d': when there is no answer after two days) "
        "or {after, clock}.",
        {"after": "2d"},
        default=None,
        json_schema_extra=_update_also_plain,
    )
    crisis_schedule: ScheduleRef | None = F("Hours in crisis mode; default the top-level crisis schedule.", "round-the-clock", default=None)
    crisis_sla: SlaRef | None = F("Reply targets in crisis mode; default the top-level crisis SLA.", "crisis", default=None)
    check_every: Duration | None = F("How often someone checks the channel while it is open.", "2h", default=None, gt=0)
    check_times: list[ClockTime] = F(
        "Fixed local times the channel is checked each day.", ["08:00", "12:00", "16:00"], default_factory=list
    )
    checks: CheckRate | None = F(
        "How many times the channel is checked per day, working day or week, when the times are not fixed.",
        {"at_least": 2, "at_most": 3, "per": "week"},
        default=None,
    )
    outreach: bool = F("Whether we contact people who mention us without addressing us.", False, default=False)
    disclosures: list[Disclosure] = F("What the profile must publish.", ["hours", "response-time"], default_factory=list)
    min_posts: PostingRate | None = F("Minimum posting rate.", {"count": 3, "per": "week"}, default=None)
    internal: bool = F("Leave the channel out of the public playbook.", False, default=False)
    account: Account | None = F(
        "Who owns and administers the account (internal; the public playbook never shows names).",
        {"owner": "anna", "admins": ["anna", "erik"]},
        default=None,
    )
    kinds: dict[MessageKind, KindHandling] = F(
        "How each kind of message (comment, direct-message, tagged-mention, untagged-mention, review) is handled, "
        "where it differs from the rest of the channel.",
        {
            "direct-message": {
                "promise": "none",
                "redirect": {"text": "Call customer service.", "url": "https://www.example.se/kundservice"},
            }
        },
        default_factory=dict,
    )

    @property
    def effective_promise(self) -> str:
        """The promise as written, else 'deadline' for a channel with an SLA and 'none' without."""
        return self.promise or ("deadline" if self.sla else "none")


# --- escalation -------------------------------------------------------------------------


class Conditions(Record):
    categories: list[CategoryRef] = F("Any of these categories.", ["harassment"], default_factory=list)
    channels: list[ChannelRef] = F("Any of these channels.", ["facebook"], default_factory=list)
    keywords: list[Keyword] = F(
        "Any of these words or phrases (case-insensitive, whole words; each needs a letter or digit).",
        ["hot", "threat"],
        default_factory=list,
    )
    author_types: list[AuthorType] = F("Any of these kinds of author.", ["journalist"], default_factory=list)
    kinds: list[MessageKind] = F(
        "Any of these kinds of message (a message of no stated kind does not match).", ["direct-message"], default_factory=list
    )
    min_followers: int | None = F("Author has at least this many followers (reach).", 10000, ge=0, le=_MAX_NUMBER, default=None)
    max_followers: int | None = F("Author has at most this many followers.", 999, ge=0, le=_MAX_NUMBER, default=None)
    during: ScheduleRef | None = F("Only while this schedule is open.", "office-hours", default=None)
    outside: ScheduleRef | None = F("Only while this schedule is closed.", "office-hours", default=None)
    crisis: bool | None = F("Only in crisis mode (true) or only outside it (false).", True, default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Conditions:
        if self.min_followers is not None and self.max_followers is not None and self.max_followers < self.min_followers:
            raise PydanticCustomError("sk_value", "max_followers is below min_followers: the rule can never match")
        return self


class EscalationRule(Record):
    id: Id = F("Unique id of the rule.", "threat")
    description: Text | None = F("What the rule is for.", "Threats against staff", default=None)
    when: Conditions = F(
        "All given conditions must hold; none given matches every message.",
        {"categories": ["complaint"], "min_followers": 10000},
        default_factory=Conditions,
    )
    priority: Priority = F("Priority of matching messages.", "urgent", default="normal")
    route_to: TeamRef | None = F("Team that takes over.", "security", default=None)
    notify: list[PersonRef] = F("People to notify.", ["anna"], default_factory=list)
    acknowledge_within: Duration | None = F("Own acknowledge limit, overriding the SLA.", "15m", default=None)
    respond_within: Duration | None = F("Own respond limit, overriding the SLA.", "30m", default=None)
    clock: Clock | None = F("Clock of the own limits; default the channel SLA's clock.", "calendar", default=None)
    reply_style: ReplyStyle | None = F("Reply style, overriding the category's.", "brief-factual", default=None)
    actions: list[Text] = F("What to do, in order.", [{"sv": "Ta skärmdump", "en": "Take a screenshot"}], default_factory=list)


# --- moderation, measurement, crisis -------------------------------------------------------


RecordContent = Literal["post", "comment", "reply", "direct-message", "mention", "review", "story", "live-video", "removed-content"]


class RecordsDuty(Record):
    content: RecordContent = F("The kind of content the duty covers.", "comment")
    registered: bool | None = F("Whether it is registered as a case (entered in the registry of official documents).", False, default=None)
    where: Text | None = F("Where it is kept.", {"sv": "Diariet", "en": "The case registry"}, default=None)
    keep_for: Period | None = F("Retention period: years (2y), months (6mo), weeks (3w) or days (30d).", "2y", default=None)
    then: Literal["dispose", "archive"] | None = F(
        "What happens when the retention period ends: disposed of, or transferred to the archive.", "dispose", default=None
    )
    screenshot: bool | None = F("Whether a screenshot (or saved copy) is taken before it can change or disappear.", True, default=None)


class Snapshots(Record):
    every: Period = F("How often each channel is saved as a whole: years, months, weeks or days.", "6mo")
    format: Name | None = F("File format of the snapshot.", "PDF/A", default=None)
    where: Text | None = F("Where the snapshots are kept.", {"sv": "E-arkivet", "en": "The e-archive"}, default=None)
    channels: list[ChannelRef] = F("Channels snapshotted; empty means all.", ["facebook"], default_factory=list)


class RemovalRecords(Record):
    required: bool | None = F("Whether every hidden or removed comment is recorded.", True, default=None)
    where: Text | None = F("Where the record is kept.", "Moderation log in the shared drive", default=None)
    keep_for: Period | None = F(
        "How long removal records are kept: years (2y), months (6mo), weeks (3w) or days (30d).", "2y", default=None
    )
    fields: list[Name] = F("What each record holds.", ["date", "channel", "reason", "screenshot"], default_factory=list)
    content: list[RecordsDuty] = F(
        "Public-records duties per kind of content: registered or not, where, how long, then what, screenshot or not.",
        [{"content": "comment", "registered": False, "keep_for": "2y", "then": "dispose", "screenshot": True}],
        default_factory=list,
    )
    snapshots: Snapshots | None = F("Periodic snapshots of each channel.", {"every": "6mo", "format": "PDF/A"}, default=None)
    notice: Text | None = F(
        "The public-records notice a channel publishes when it lists the `public-records` disclosure.",
        {"sv": "Det du skriver till oss kan bli allmän handling.", "en": "What you write to us may become an official document."},
        default=None,
    )


BlackoutStop = Literal["publishing", "comments"]


class Blackout(Record):
    start: LocalDateTime = F("Start, local time in the organisation's zone.", "2026-09-13 00:00")
    end: LocalDateTime = F("End (exclusive), local time in the organisation's zone.", "2026-09-14 00:00")
    reason: Text = F("Why, shown in the playbook and given by `socialkit may-publish`.", "Election day")
    channels: list[ChannelRef] = F("Channels affected; empty means all.", ["facebook"], default_factory=list)
    stops: list[BlackoutStop] = F(
        "What the blackout stops: 'publishing' (no posts) and/or 'comments' (comments turned off).",
        ["publishing", "comments"],
        default_factory=lambda: ["publishing"],
        min_length=1,
    )
    internal: bool = F(
        "Leave the blackout out of the public playbook and feeds (e.g. an embargo that must not be announced).", False, default=False
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Blackout:
        if self.end <= self.start:
            raise PydanticCustomError("sk_value", "a blackout must end after it starts")
        if len(set(self.stops)) != len(self.stops):
            raise PydanticCustomError("sk_value", "stops lists a value twice; list 'publishing' and 'comments' once each")
        return self


ModerationAction = Literal["keep", "hide", "delete", "block", "report-to-platform", "report-to-police", "warn"]
ModerationStep = Literal["screenshot", "save-link", "record-in-log", "register-case"]
LadderAction = Literal["warn", "block", "report-to-platform", "report-to-police"]


class StepRule(Record):
    before: list[ModerationAction] = F("The actions these steps come before.", ["hide", "delete"], min_length=1)
    do: list[ModerationStep] = F("What is done first, in order.", ["screenshot", "save-link", "record-in-log"], default_factory=list)
    notify: list[PersonRef] = F("People told before the action is taken.", ["anna"], default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> StepRule:
        if not self.do and not self.notify:
            raise PydanticCustomError("sk_value", "a step rule needs 'do', 'notify' or both")
        return self


class ApprovalRule(Record):
    actions: list[ModerationAction] = F("The actions that need approval first.", ["delete", "block"], min_length=1)
    by: list[PersonRef] = F("Who may approve them (any one of them).", ["anna", "lena"], min_length=1)


class ModerationReason(Record):
    reason: ContentKind = F("The kind of content this rule is for.", "spam")
    channels: list[ChannelRef] = F(
        "Only on these channels (a per-channel rule before the general one); empty: every channel.", ["linkedin"], default_factory=list
    )
    actions: list[ModerationAction] = F(
        "What is done, in order of preference: the first action the platform supports is taken.", ["hide", "delete"], min_length=1
    )
    also: list[ModerationAction] = F(
        "Further actions taken as well, where the platform supports them.", ["report-to-police"], default_factory=list
    )
    steps: list[StepRule] = F(
        "Steps before this reason's actions, added to the moderation-wide steps.",
        [{"before": ["delete"], "do": ["register-case"], "notify": ["anna"]}],
        default_factory=list,
    )
    approvals: list[ApprovalRule] = F(
        "Who approves this reason's actions; replaces the moderation-wide approval for the actions named.",
        [{"actions": ["delete"], "by": ["anna"]}],
        default_factory=list,
    )


class LadderStep(Record):
    violation: int = F("From this violation on (1 = the first).", 2, ge=1, le=100)
    action: LadderAction = F("What the author gets.", "block")
    duration: LongDuration | None = F("How long a block lasts; omitted: until lifted.", "30d", default=None, gt=0)


class RepeatOffenders(Record):
    within: LongDuration | None = F(
        "Violations are counted over this period; omitted: all earlier violations count.", "26w", default=None, gt=0
    )
    reasons: list[ContentKind] = F(
        "Reasons that count as violations; empty: every reason with a rule that is not protected.", ["harassment"], default_factory=list
    )
    ladder: list[LadderStep] = F(
        "The steps of the ladder, by violation.",
        [{"violation": 1, "action": "warn"}, {"violation": 2, "action": "block", "duration": "30d"}, {"violation": 3, "action": "block"}],
        min_length=1,
    )

    @field_validator("ladder")
    @classmethod
    def _increasing(cls, ladder: list[LadderStep]) -> list[LadderStep]:
        numbers = [step.violation for step in ladder]
        if numbers != sorted(set(numbers)):
            raise PydanticCustomError("sk_value", "list the ladder's steps by violation, each number once (1, 2, 3 ...)")
        return ladder


class Moderation(Record):
    never_remove: list[ContentKind] = F("What is never hidden or removed.", ["criticism"], default_factory=list)
    hide: list[ContentKind] = F("What may be hidden.", ["spam"], default_factory=list)
    remove: list[ContentKind] = F("What is removed.", ["illegal-content", "personal-data"], default_factory=list)
    records: RemovalRecords | None = F(
        "How removals are recorded, and the public-records duties per kind of content.",
        {"required": True, "where": "Moderation log", "keep_for": "2y"},
        default=None,
    )
    languages: list[Language] = F("Languages we can moderate in.", ["sv", "en"], default_factory=list)
    blackouts: list[Blackout] = F(
        "Periods when nothing is published or comments are turned off, for some channels or all.",
        [{"start": "2026-09-13 00:00", "end": "2026-09-14 00:00", "reason": "Election day"}],
        default_factory=list,
    )
    guidance: Text | None = F("Notes for moderators.", "Criticism stays up; answer it.", default=None)
    reasons: list[ModerationReason] = F(
        "What is done per kind of content, first matching rule wins (the fuller form of hide and remove).",
        [
            {"reason": "spam", "actions": ["hide", "delete"]},
            {"reason": "threat", "actions": ["hide", "delete"], "also": ["report-to-police"]},
        ],
        default_factory=list,
    )
    steps: list[StepRule] = F(
        "Steps required before actions, for every reason.",
        [{"before": ["hide", "delete"], "do": ["screenshot", "save-link", "record-in-log"]}],
        default_factory=list,
    )
    approvals: list[ApprovalRule] = F(
        "Approval required before actions, for every reason.", [{"actions": ["delete", "block"], "by": ["anna"]}], default_factory=list
    )
    repeat_offenders: RepeatOffenders | None = F(
        "The ladder for repeat offenders: warning first, then blocks.",
        {"within": "26w", "ladder": [{"violation": 1, "action": "warn"}, {"violation": 2, "action": "block", "duration": "30d"}]},
        default=None,
    )


class Kpi(Record):
    id: Id = F("Unique id of the KPI.", "reply-rate")
    name: ShortText = F("Display name.", {"sv": "Svarsfrekvens", "en": "Reply rate"})
    metric: Id = F("Metric id (see the guide for those `audit` computes).", "reply-rate")
    target: Number = F("Target value.", 0.95)
    direction: Literal["at-least", "at-most"] = F(
        "Whether the value should stay above or below the target.", "at-least", default="at-least"
    )
    unit: Name | None = F("Unit for display.", "share", default=None)


class Listening(Record):
    tools: list[Name] = F("Monitoring tools used to listen.", ["Mention"], default_factory=list)
    terms: list[Name] = F("Terms monitored.", ["Solvik Energi"], default_factory=list)
    every: Duration | None = F("How often the results are reviewed.", "1d", default=None)


class Measurement(Record):
    review: Literal["weekly", "monthly", "quarterly", "yearly"] = F("How often the strategy is evaluated.", "monthly")
    owner: PersonRef | None = F("Who runs the review.", "anna", default=None)
    kpis: list[Kpi] = F(
        "Key performance indicators.",
        [{"id": "reply-rate", "name": "Reply rate", "metric": "reply-rate", "target": 0.95}],
        default_factory=list,
    )
    listening: Listening | None = F(
        "How we monitor what is said about us.", {"tools": ["Mention"], "terms": ["Solvik Energi"], "every": "1d"}, default=None
    )


class Crisis(Record):
    description: Text | None = F("When crisis mode is declared.", "Large outages that affect many customers.", default=None)
    schedule: ScheduleRef = F("Hours in crisis mode for every channel without its own.", "round-the-clock")
    sla: SlaRef = F("Reply targets in crisis mode.", "crisis")
    declared_by: list[PersonRef] = F("Who may declare crisis mode.", ["anna"], default_factory=list)


# --- account governance ----------------------------------------------------------------------


class Account(Record):
    owner: PersonRef | None = F("Who is accountable for the account.", "anna", default=None)
    admins: list[PersonRef] = F("People with administrator rights on the account.", ["anna", "erik"], default_factory=list)
    opened: Date | None = F("When the account was opened.", "2019-03-01", default=None)
    approved_by: PersonRef | None = F("Who approved opening the account.", "anna", default=None)


class AccountRegistry(Record):
    where: Text | None = F("Where the register of accounts is kept.", {"sv": "Kontoregistret", "en": "The account register"}, default=None)
    fields: list[Name] = F("What the register holds for each account.", ["channel", "owner", "admins", "opened"], default_factory=list)


class Lifecycle(Record):
    inactive_after: Period | None = F(
        "An account with no posts for this long is inactive: months (3mo), weeks or days.", "3mo", default=None
    )
    then: Literal["review", "close"] | None = F("What happens to an inactive account.", "review", default=None)
    evaluation_starts: MonthDayOrDate | None = F(
        'First day of the yearly evaluation period ("MM-DD"): "11-01" evaluates 1 November to 31 October.', "11-01", default=None
    )


class Governance(Record):
    owner_required: bool = F("Whether every account must have a named owner.", True, default=False)
    min_admins: int | None = F("Each account has at least this many administrators.", 2, ge=1, le=100, default=None)
    required_admins: list[PersonRef] = F("People who are administrators of every account.", ["anna"], default_factory=list)
    admins_from: list[TeamRef] = F(
        "Teams with at least one administrator on every account (e.g. central communications).", ["social"], default_factory=list
    )
    approval_to_open: list[PersonRef] = F("Who may approve opening a new account (one of them must).", ["anna"], default_factory=list)
    registry: AccountRegistry | None = F(
        "The register of accounts.", {"where": "The account register", "fields": ["channel", "owner", "admins"]}, default=None
    )
    lifecycle: Lifecycle | None = F(
        "When an account counts as inactive and what then.", {"inactive_after": "3mo", "then": "review"}, default=None
    )


# --- the whole strategy --------------------------------------------------------------------


def _check_version(value: Any) -> int:
    if type(value) is not int or value != FORMAT_VERSION:
        raise PydanticCustomError("sk_version", "format version {value} is not supported; this socialkit reads version 1", {"value": value})
    return value


Version = Annotated[int, PlainValidator(_check_version), WithJsonSchema({"const": FORMAT_VERSION})]

COLLECTIONS = (
    "goals",
    "audiences",
    "people",
    "teams",
    "schedules",
    "categories",
    "slas",
    "channels",
    "escalation",
)
SINGLETONS = ("version", "organization", "moderation", "measurement", "crisis", "governance")


class Strategy(Record):
    version: Version = F("Format version of the strategy file.", 1)
    organization: Organization = F(
        "Who we are, time zone, languages and holidays.",
        {"name": "Solvik Energi AB", "timezone": "Europe/Stockholm", "languages": ["sv", "en"], "holidays": {"country": "SE"}},
    )
    goals: list[Goal] = F(
        "Why we are in social media: measurable goals.",
        [
            {
                "id": "resolve-complaints",
                "statement": "Resolve 50 complaints voiced in social media.",
                "metric": "resolved-complaints",
                "target": 50,
                "deadline": "2027-05-31",
                "owner": "anna",
            }
        ],
        default_factory=list,
    )
    audiences: list[Audience] = F(
        "Whom we want to reach.", [{"id": "customers", "name": {"sv": "Kunder", "en": "Customers"}}], default_factory=list
    )
    people: list[Person] = F(
        "People who work with the channels.",
        [{"id": "kim", "name": "Kim Andersson", "email": "kim.andersson@example.se"}],
        default_factory=list,
    )
    teams: list[Team] = F(
        "Teams, their members and rota.",
        [{"id": "social", "name": "Social media", "members": ["anna", "erik"], "lead": "anna"}],
        default_factory=list,
    )
    schedules: list[Schedule] = F(
        "Opening hours.", [{"id": "office-hours", "weekly": {"mon-fri": ["08:00-17:00"]}, "holidays": "closed"}], default_factory=list
    )
    categories: list[Category] = F(
        "Kinds of incoming message.",
        [{"id": "complaint", "name": "Complaint", "sentiment": "negative", "reply_style": "thank-and-fix"}],
        default_factory=list,
    )
    slas: list[Sla] = F(
        "Reply-time targets.",
        [
            {
                "id": "standard",
                "clock": "business",
                "targets": {"complaint": {"acknowledge": "1h", "respond": "4h"}, "default": {"respond": "24h"}},
            }
        ],
        default_factory=list,
    )
    channels: list[Channel] = F(
        "Where we are present.",
        [
            {
                "id": "facebook",
                "name": "Facebook",
                "platform": "facebook",
                "team": "social",
                "customer_service": True,
                "schedule": "office-hours",
                "sla": "standard",
            }
        ],
        default_factory=list,
    )
    escalation: list[EscalationRule] = F(
        "Escalation rules, first match wins.",
        [{"id": "threat", "when": {"keywords": ["threat"]}, "priority": "urgent", "route_to": "security"}, {"id": "default"}],
        default_factory=list,
    )
    moderation: Moderation | None = F(
        "What may be hidden or removed and how it is recorded.",
        {"never_remove": ["criticism"], "hide": ["spam"], "remove": ["illegal-content", "personal-data"]},
        default=None,
    )
    measurement: Measurement | None = F(
        "KPIs and review cadence.",
        {"review": "monthly", "kpis": [{"id": "reply-rate", "name": "Reply rate", "metric": "reply-rate", "target": 0.95}]},
        default=None,
    )
    crisis: Crisis | None = F(
        "Crisis mode: the hours and targets that apply when it is declared.", {"schedule": "round-the-clock", "sla": "crisis"}, default=None
    )
    governance: Governance | None = F(
        "Account governance: owners, administrators, opening approval, the account register and the lifecycle.",
        {"owner_required": True, "min_admins": 2, "lifecycle": {"inactive_after": "3mo", "then": "review"}},
        default=None,
    )

    def index(self, section: str) -> dict[str, Any]:
        return {item.id: item for item in getattr(self, section)}

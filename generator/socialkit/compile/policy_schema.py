"""The published JSON Schema of `policies/policy.json` (socialkit.policy/v1).

These models describe the document `compile.py` writes; they are used only to
generate `schemas/policy.schema.json` and its field-by-field documentation.
Consumers in other languages validate against the schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from socialkit.compile.document import POLICY_FORMAT

SCHEMA_ID = "https://socialkit.dev/schemas/policy.schema.json"
Seconds = int
Promise = Literal["deadline", "best-effort", "read-only", "none"]
Text = str | dict[str, str]


def F(description: str, **kwargs: Any) -> Any:
    return Field(description=description, **kwargs)


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(Doc):
    strategy_sha256: str = F("SHA-256 over the strategy files' names and contents.")
    as_of: str = F("Local date the compiled horizon starts (YYYY-MM-DD).")
    horizon_days: int = F("Days compiled from as_of.")
    horizon_start: int | None = F("UTC epoch seconds of the horizon start (local midnight of as_of).")
    horizon_end: int | None = F("UTC epoch seconds of the horizon end (exclusive).")
    kit_version: str = F("socialkit version that wrote the document.")


class Organization(Doc):
    name: str = F("Public name.")
    timezone: str = F("Default IANA time zone.")
    languages: list[str] = F("Published languages; the first is the default.")
    website: str | None = F("Public website.")


class Category(Doc):
    name: Text = F("Display name, a string or per-language map.")
    sentiment: Literal["positive", "neutral", "negative"] | None = F("Usual tone; null: not given.")
    reply_style: str | None = F(
        "How to answer: personal, thank-and-fix, brief-factual, acknowledge, move-to-private, canned; null: not given."
    )
    written_reply: bool = F(
        "Whether a written reply is needed (else a reaction acknowledges it). For a `false` category every SLA in `slas` "
        'carries an explicit target with `"respond": null`.'
    )


class WorkingDays(Doc):
    working_days: int = F(
        "Due at the close of the n-th working day after the local date of arrival (the date of arrival never counts): "
        "a working day is a local date on which the channel's schedule has open time, its close the end of that open time.",
        ge=1,
    )


class Timing(Doc):
    within: Seconds | WorkingDays = F(
        "Target when the message arrives while the channel is open: seconds on the SLA's clock, or working days of the "
        "channel's schedule (whatever the clock)."
    )
    if_received_closed: Seconds | Literal["end-of-next-business-day"] | None = F(
        "Target when it arrives while closed: seconds from the next opening, or the end of the day of the next opening."
    )


class ArrivalWindow(Doc):
    during: str | None = F("Schedule id: the window applies to messages that arrive while it is open; null: at any time ('otherwise').")
    within: Seconds | WorkingDays = F(
        "Target when the message arrives while the channel is open: seconds on the window's clock, or working days of the "
        "channel's schedule (whatever the clock)."
    )
    if_received_closed: Seconds | Literal["end-of-next-business-day"] | None = F(
        "Target when it arrives while the channel is closed: seconds from the next opening, or the end of the day of the next opening."
    )
    clock: Literal["business", "calendar"] = F("Clock of this window (the SLA's unless the window names its own).")


class ArrivalWindows(Doc):
    windows: list[ArrivalWindow] = F("Promises by arrival time, in order: the first window that matches the arrival applies.")


class Target(Doc):
    acknowledge: Timing | ArrivalWindows | None = F("Time to a first acknowledgement.")
    respond: Timing | ArrivalWindows | None = F("Time to a real answer.")
    promise: Promise = F(
        "What the SLA promises for the category: 'deadline' (the times above), or 'best-effort', 'read-only', 'none' "
        "(no time: acknowledge and respond are null). Absent in older documents: 'deadline'.",
        default="deadline",
    )


class Sla(Doc):
    clock: Literal["business", "calendar"] = F("business: open time of the channel's schedule counts; calendar: all time.")
    targets: dict[str, Target] = F("Per category id; 'default' covers the rest.")


class CompiledSchedule(Doc):
    format: Literal["socialkit.schedule/1"] = F("Format of this block.")
    id: str = F("Schedule id.")
    timezone: str = F("IANA zone of the local definition.")
    as_of: str = F("Horizon start date.")
    horizon_start: int = F("UTC epoch seconds.")
    horizon_end: int = F("UTC epoch seconds (exclusive).")
    windows: list[list[int]] = F("Open windows [start, end) in UTC epoch seconds: sorted, disjoint, not touching.")
    cum: list[int] = F("cum[i]: open seconds from horizon_start to windows[i].start (for business-clock deadlines).")
    day_starts: list[int] = F("UTC instant of each local midnight from as_of; the last equals horizon_end.")
    day_closes: list[int] = F("Per local date: end of its last open window, or -1 if closed all day.")
    work_closes: list[int] = F(
        "Per local date: the end of the open time of the intervals that start on it (past midnight for an overnight "
        "interval), or -1 if none does. The dates with one are the working days of targets in working days."
    )


class DayHours(Doc):
    weekday: int = F("0 = Monday .. 6 = Sunday.")
    intervals: list[list[int]] = F("[start, end) in local minutes of the day (end 1440 = 24:00; end <= start runs past midnight).")


class HolidayRules(Doc):
    country: str | None = F("ISO 3166 country code of the public-holiday calendar (the `holidays` package), or null for none.")
    subdivision: str | None = F("Subdivision code of the calendar, or null.")
    also_closed: list[str] = F("Named days the calendar lacks that are closed too (e.g. christmas_eve).")
    extra: list[list[str]] = F('Extra closed days: [["YYYY-MM-DD", name], ...].')
    not_closed: list[str] = F("Names of calendar entries that are not days off.")


class ClosureRule(Doc):
    start: str = F("First closed local date (YYYY-MM-DD).")
    end: str = F("Last closed local date (YYYY-MM-DD, inclusive).")
    name: str = F("Reason.")


class SpecialHoursRule(Doc):
    date: str = F("Local date (YYYY-MM-DD) whose hours these replace.")
    intervals: list[list[int]] = F("Hours that day in local minutes; empty means closed.")
    name: str = F("Reason.")


class SeasonRule(Doc):
    id: str = F("Season id.")
    start: str = F("First day: YYYY-MM-DD, or --MM-DD recurring every year.")
    end: str = F("Last day (inclusive): YYYY-MM-DD, or --MM-DD recurring every year (may wrap the year end).")
    weekly: list[DayHours] = F("Weekly hours during the season.")


class ScheduleRules(Doc):
    id: str = F("Schedule id.")
    timezone: str = F("IANA zone of the local times.")
    weekly: list[DayHours] = F("Default weekly hours, one entry per weekday that has hours.")
    holidays_closed: bool = F("Whether public holidays close the schedule.")
    holidays: HolidayRules = F("Where public holidays come from.")
    closures: list[ClosureRule] = F("Closed date ranges.")
    special: list[SpecialHoursRule] = F("Dates with their own hours.")
    seasons: list[SeasonRule] = F("Seasonal weekly hours; the first covering season wins.")


class Schedule(Doc):
    timezone: str = F("IANA zone.")
    holidays: Literal["closed", "open"] = F("Whether public holidays close the schedule.")
    weekly: dict[str, list[list[str]]] = F('Local weekly definition: mon..sun -> [["08:00", "17:00"], ...].')
    compiled: CompiledSchedule = F("Materialised UTC open windows over the horizon.")
    rules: ScheduleRules | None = F(
        "The rules `compiled` was compiled from; the Python API compiles from them past the horizon. Absent in older documents.",
        default=None,
    )


class Rota(Doc):
    format: Literal["socialkit.rota/1"] = F("Format of this block.")
    id: str = F("Team id.")
    timezone: str = F("IANA zone of the rota's local times.")
    as_of: str = F("Horizon start date.")
    horizon_start: int = F("UTC epoch seconds.")
    horizon_end: int = F("UTC epoch seconds (exclusive).")
    spans: list[list[Any]] = F("[start, end, [person ids]] in UTC epoch seconds; nobody is on duty outside them.")


class RotaTurnRule(Doc):
    person: str | None = F("Person id on duty for the turn; null: nobody is named.")
    start: str = F("Local start (YYYY-MM-DDTHH:MM:SS, no offset).")
    end: str | None = F("Local end, exclusive; null: when the next later turn starts, or open-ended for the last.")


class RotaLayerRule(Doc):
    id: str = F("Layer id.")
    start: str = F("First hand-off (the earliest turn's start for dated turns), a local date and time (YYYY-MM-DDTHH:MM:SS, no offset).")
    rotation_seconds: int = F(
        "Seconds between hand-offs (a whole number of days hands off at the same local time); 0 for a layer of dated turns."
    )
    order: list[str] = F("Person ids taking turns (empty for a layer of dated turns).")
    restrict_to: ScheduleRules | None = F("The layer counts only while this schedule is open; null: always.")
    turns: list[RotaTurnRule] = F(
        "Dated turns (a relay) instead of a rotation; overlapping turns put both people on duty. Absent in older documents.",
        default_factory=list,
    )


class RotaOverrideRule(Doc):
    start: str = F("Local start (YYYY-MM-DDTHH:MM:SS, no offset).")
    end: str = F("Local end, exclusive.")
    person: str = F("Person id who takes over.")
    replaces: str | None = F("Person id stood in for; null: the person alone is on duty.")


class RotaRules(Doc):
    id: str = F("Team id.")
    timezone: str = F("IANA zone of the local times.")
    layers: list[RotaLayerRule] = F("Rotations, combined.")
    overrides: list[RotaOverrideRule] = F("Overrides, applied in order.")


class Team(Doc):
    members: list[str] = F("Person ids.")
    lead: str = F("Person id of the lead.")
    rota: Rota | None = F("On-duty spans, or null when the team has no rota.")
    rota_rules: RotaRules | None = F(
        "The rules `rota` was compiled from (null without a rota); the Python API compiles from them past the horizon. "
        "Absent in older documents.",
        default=None,
    )


class Person(Doc):
    name: str = F("Name. Contact details are deliberately not in the policy.")


class Redirect(Doc):
    text: Text = F("Where to go instead.")
    url: str | None = F("Link.")
    channel: str | None = F("Channel id to go to instead.")


class UpdateIfLonger(Doc):
    after: Seconds | None = F("Seconds after arrival when an update is due if there is no answer; null: no time.")
    clock: Literal["business", "calendar"] = F("Clock of 'after'.")


class CheckRate(Doc):
    at_least: int = F("Checked at least this many times per period.")
    at_most: int | None = F("Checked at most this many times per period; null: no upper bound.")
    per: Literal["day", "working-day", "week"] = F(
        "The period: a calendar day, a working day (a day the channel's schedule is open), a week."
    )


class KindHandling(Doc):
    promise: Literal["deadline", "best-effort", "read-only", "none"] | None = F(
        "What is promised for this kind: deadline (the SLA's targets), best-effort, read-only, none (no deadlines); "
        "null: as the rest of the channel."
    )
    redirect: Redirect | None = F("Where to go instead with this kind of message.")
    sla: str | None = F("SLA id whose targets apply to this kind instead of the channel's `sla` (not in crisis mode).")


class Channel(Doc):
    name: str = F("Display name.")
    platform: str = F("Platform.")
    url: str | None = F("Public profile link.")
    customer_service: bool = F("Takes customer-service questions.")
    team: str | None = F("Owning team id.")
    schedule: str | None = F("Schedule id; null means always open.")
    publishing: str | None = F(
        "Schedule id of the publishing hours; null: the policy sets no publishing hours (absent in older documents).", default=None
    )
    sla: str | None = F("SLA id.")
    crisis_schedule: str | None = F("Schedule id in crisis mode.")
    crisis_sla: str | None = F("SLA id in crisis mode.")
    promise: Promise = F(
        "What the channel promises about replies outside crisis mode: 'deadline' (the SLA's times), 'best-effort' "
        "(answered, no time), 'read-only' (read, not answered), 'none'. Absent in older documents: 'deadline' with an SLA, else 'none'.",
        default="none",
    )
    update_if_longer: UpdateIfLonger | None = F("The person is told if the answer takes longer; null: no such obligation.", default=None)
    check_every: Seconds | None = F("Check cadence in seconds.")
    check_times: list[str] = F(
        "Fixed local times (HH:MM) the channel is checked each day. Absent in older documents.", default_factory=list
    )
    checks: CheckRate | None = F(
        "How many times the channel is checked per period; null: not stated. Absent in older documents.", default=None
    )
    outreach: bool = F("Whether untagged mentions may be contacted.")
    internal: bool = F("Left out of public output.")
    redirect: Redirect | None = F("Where to go instead.")
    kinds: dict[str, KindHandling] = F(
        "Handling per message kind (keys from `message_kinds`); a kind not listed, or no kind, is handled as the channel.",
        default_factory=dict,
    )


class Conditions(Doc):
    categories: list[str] = F("Any of these category ids (empty: any).")
    channels: list[str] = F("Any of these channel ids (empty: any).")
    keywords: list[list[str]] = F("Any of these phrases, each as lower-case word tokens matched contiguously in the text's tokens.")
    author_types: list[str] = F("Any of these author types (empty: any; unknown author never matches a non-empty list).")
    kinds: list[str] = F(
        "Any of these message kinds (empty: any; a message of no stated kind never matches a non-empty list).", default_factory=list
    )
    min_followers: int | None = F("Followers at least (unknown followers never match).")
    max_followers: int | None = F("Followers at most (unknown followers never match).")
    during: str | None = F("Only while this schedule is open.")
    outside: str | None = F("Only while this schedule is closed.")
    crisis: bool | None = F("Only in (true) or outside (false) crisis mode.")


class Rule(Doc):
    id: str = F("Rule id.")
    when: Conditions = F("All conditions must hold.")
    priority: Literal["low", "normal", "high", "urgent"] = F("Priority.")
    route_to: str | None = F("Team id that takes over.")
    notify: list[str] = F("Person ids to notify.")
    acknowledge_within: Seconds | None = F("Own acknowledge limit in seconds, replacing the SLA's.")
    respond_within: Seconds | None = F("Own respond limit in seconds, replacing the SLA's.")
    clock: Literal["business", "calendar"] | None = F("Clock of the own limits; null: the SLA's.")
    reply_style: str | None = F("Reply style; null: the category's.")


class Crisis(Doc):
    schedule: str = F("Schedule id in crisis mode.")
    sla: str = F("SLA id in crisis mode.")


ModerationAction = Literal["keep", "hide", "delete", "block", "report-to-platform", "report-to-police", "warn"]


class BeforeAction(Doc):
    steps: list[str] = F("Steps done first, in order: screenshot, save-link, record-in-log, register-case.")
    notify: list[str] = F("Person ids told first.")


class ModerationReason(Doc):
    reason: str = F("The content kind this rule is for.")
    channels: list[str] = F("Channel ids the rule is limited to (empty: every channel); the first rule for a reason that fits wins.")
    protected: bool = F("The reason is in never_remove: hide, delete and block are never among its actions.")
    actions: list[ModerationAction] = F("Preferred actions in order; the first one the channel's platform can take is the one taken.")
    also: list[ModerationAction] = F("Further actions taken as well where the platform can.")
    ladder: bool = F("Whether the repeat-offender ladder applies to this reason.")
    before: dict[str, BeforeAction] = F("Per action this rule can lead to: what must be done first.")
    approval: dict[str, list[str]] = F("Per action: person ids of whom one must approve it first (absent: no approval needed).")


class LadderRung(Doc):
    violation: int = F("From this violation on (1 = the first).")
    action: ModerationAction = F("What the author gets.")
    duration: Seconds | None = F("How long a block lasts in seconds; null: until lifted.")


class Ladder(Doc):
    within: Seconds | None = F("Violations are counted over this many seconds; null: all earlier violations.")
    reasons: list[str] = F("Reasons that count as violations.")
    steps: list[LadderRung] = F("The ladder, by violation; the last step reached applies.")


class Moderation(Doc):
    never_remove: list[str] = F("Content kinds never hidden or removed.")
    hide: list[str] = F("Content kinds that may be hidden.")
    remove: list[str] = F("Content kinds that are removed.")
    record_removals: bool = F("Whether removals are recorded.")
    languages: list[str] = F("Languages moderated.")
    reasons: list[ModerationReason] = F(
        "Moderation rules in order, the written ones first, then one per kind of never_remove (keep), hide and remove. "
        "Absent in older documents.",
        default=None,
    )
    ladder: Ladder | None = F("The repeat-offender ladder, or null. Absent in older documents.", default=None)
    capabilities: dict[str, dict[str, bool | None]] = F(
        "Per channel id: whether its platform lets the account hide, delete, block, turn comments off and report to the platform "
        "(null: not known, taken as possible). Absent in older documents.",
        default=None,
    )


class Period(Doc):
    count: int = F("How many units (at least 1).", ge=1)
    unit: Literal["year", "month", "week", "day"] = F("Calendar unit: months are calendar months (a day past the month's end is clamped).")


class RecordsDuty(Doc):
    registered: bool | None = F("Whether it is registered as a case; null: not stated.")
    where: Text | None = F("Where it is kept.")
    keep_for: Period | None = F("Retention period.")
    then: Literal["dispose", "archive"] | None = F("What happens when the retention period ends.")
    screenshot: bool | None = F("Whether a screenshot or saved copy is taken; null: not stated.")


class Removals(Doc):
    required: bool | None = F("Whether every hidden or removed comment is recorded; null: not stated.")
    where: Text | None = F("Where the removal record is kept.")
    keep_for: Period | None = F("How long removal records are kept.")
    fields: list[str] = F("What each removal record holds.")


class Snapshots(Doc):
    every: Period = F("How often each channel is saved as a whole.")
    format: str | None = F("File format of the snapshot (e.g. PDF/A).")
    where: Text | None = F("Where snapshots are kept.")
    channels: list[str] = F("Channel ids snapshotted; empty: all.")


class Records(Doc):
    removals: Removals = F("The record of hidden and removed content.")
    content: dict[str, RecordsDuty] = F("Public-records duties by kind of content (post, comment, direct-message ...).")
    snapshots: Snapshots | None = F("Periodic snapshots of the channels.")
    notice: Text | None = F("The public-records notice a channel publishes with the `public-records` disclosure.")


class Registry(Doc):
    where: Text | None = F("Where the register of accounts is kept.")
    fields: list[str] = F("What the register holds per account.")


class Lifecycle(Doc):
    inactive_after: Period | None = F("No posts for this long (local dates, organisation's zone) makes an account inactive.")
    then: Literal["review", "close"] | None = F("What happens to an inactive account.")
    evaluation_starts: str | None = F("First day (MM-DD) of the yearly evaluation period.")


class GovernancePolicy(Doc):
    owner_required: bool = F("Whether every account needs a named owner.")
    min_admins: int | None = F("Fewest administrators per account.")
    required_admins: list[str] = F("Person ids that administer every account.")
    admins_from: dict[str, list[str]] = F("Team id -> its members: every account has an administrator among them.")
    approval_to_open: list[str] = F("Person ids who may approve a new account.")
    registry: Registry | None = F("The register of accounts.")
    lifecycle: Lifecycle | None = F("Inactivity threshold and evaluation period.")


class PostingRate(Doc):
    count: int = F("At least this many posts ...")
    per: Literal["day", "week", "month"] = F("... per this period.")


class Account(Doc):
    owner: str | None = F("Person id accountable for the account.")
    admins: list[str] = F("Person ids with administrator rights, sorted.")
    opened: str | None = F("Date the account was opened (YYYY-MM-DD).")
    approved_by: str | None = F("Person id who approved opening it.")
    min_posts: PostingRate | None = F("Minimum posting rate (the audit measures it).")


class Governance(Doc):
    policy: GovernancePolicy | None = F("The account rules; null: none stated.")
    accounts: dict[str, Account] = F("Every channel's account by channel id.")


class Blackout(Doc):
    start: Seconds = F("UTC epoch seconds of the start (the strategy gives it in the organisation's local time).")
    end: Seconds = F("UTC epoch seconds of the end, exclusive.")
    reason: Text = F("Why.")
    channels: list[str] = F("Channel ids affected; empty: every channel.")
    stops: list[Literal["publishing", "comments"]] = F("What it stops: publishing (no posts), comments (turned off).")
    internal: bool = F("Left out of public output.")


class PolicyDocument(Doc):
    format: Literal["socialkit.policy/v1"] = F("Format and major version of the document.")
    provenance: Provenance = F("Where the document came from.")
    organization: Organization = F("The organisation.")
    categories: dict[str, Category] = F("Message categories by id.")
    slas: dict[str, Sla] = F("SLAs by id.")
    schedules: dict[str, Schedule] = F("Schedules by id.")
    teams: dict[str, Team] = F("Teams by id.")
    people: dict[str, Person] = F("People by id (names only).")
    message_kinds: list[str] = F(
        "The message kinds an event may name (`kind`): comment, direct-message, tagged-mention, ...", default_factory=list
    )
    channels: dict[str, Channel] = F("Channels by id.")
    escalation: list[Rule] = F("Escalation rules in order; the first match applies.")
    crisis: Crisis | None = F("Crisis-mode defaults.")
    moderation: Moderation | None = F("Moderation rules.")
    records: Records | None = F("Public-records duties (absent in documents written before them).", default=None)
    governance: Governance | None = F("Account governance (absent in documents written before it).", default=None)
    blackouts: list[Blackout] = F(
        "Blackout periods in the order written: no publishing and/or comments off (absent in older documents).", default_factory=list
    )


def policy_schema() -> dict[str, Any]:
    schema = PolicyDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "socialkit policy",
        "description": f"Compiled, normalised social media policy ({POLICY_FORMAT}). See docs/guide/policy.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


REFERENCE_START = "<!-- socialkit:policy-fields (generated by 'socialkit schema --write'; edit policy_schema.py) -->"
REFERENCE_END = "<!-- /socialkit:policy-fields -->"
_SECTIONS = (
    PolicyDocument,
    Provenance,
    Organization,
    Category,
    Sla,
    Target,
    Timing,
    Schedule,
    CompiledSchedule,
    ScheduleRules,
    DayHours,
    HolidayRules,
    ClosureRule,
    SpecialHoursRule,
    SeasonRule,
    Team,
    Rota,
    RotaRules,
    RotaLayerRule,
    RotaOverrideRule,
    Person,
    Channel,
    KindHandling,
    Redirect,
    Rule,
    Conditions,
    Crisis,
    Moderation,
    Records,
    Removals,
    RecordsDuty,
    Snapshots,
    Period,
    Governance,
    GovernancePolicy,
    Registry,
    Lifecycle,
    Account,
    PostingRate,
    ModerationReason,
    BeforeAction,
    Ladder,
    LadderRung,
    Blackout,
)


def field_reference() -> str:
    """Markdown tables of every field of the policy document, from the models."""
    parts = [REFERENCE_START]
    for model in _SECTIONS:
        parts.append(f"\n#### `{model.__name__}`\n\n| field | meaning |\n|---|---|")
        parts.extend(f"| `{name}` | {field.description} |" for name, field in model.model_fields.items())
    parts.append("\n" + REFERENCE_END)
    return "\n".join(parts)


def with_reference(page: str) -> str:
    """The guide page with its generated section replaced (page unchanged if it has no markers)."""
    start, end = page.find(REFERENCE_START), page.find(REFERENCE_END)
    if start < 0 or end < 0:
        return page
    return page[:start] + field_reference() + page[end + len(REFERENCE_END) :]

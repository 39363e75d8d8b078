"""The policy-test file format (`strategy/tests/*.yaml`) as strict models.

The models check the shape of a file (keys, types, choices) and generate the
published JSON Schema (`schemas/tests.schema.json`). Times and durations are
kept as text here: they are parsed later with the file's time zone, and ids
are checked against the policy, so every error can say where it is.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from socialkit.strategy.model import AuthorType, MessageKind, ModerationAction, Priority, ReplyStyle
from socialkit.strategy.scalars import DURATION_SCHEMA, Timezone

SCHEMA_ID = "https://socialkit.dev/schemas/tests.schema.json"
NONE = "none"  # "there is no such value": no deadline, no escalation rule, nobody

TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([Zz]|[+-]\d{2}:\d{2})?$"
TIME_SCHEMA = {
    "type": "string",
    "pattern": TIME_PATTERN,
    "description": "RFC 3339 time with a UTC offset, e.g. '2026-12-24T16:55:00+01:00'; without an offset "
    "only when the file sets 'timezone'.",
}
Time = Annotated[str, WithJsonSchema(TIME_SCHEMA)]
TimeOrNone = Annotated[str, WithJsonSchema({"anyOf": [TIME_SCHEMA, {"const": NONE}, {"type": "null"}]})]
DurationText = Annotated[str, WithJsonSchema({"anyOf": [DURATION_SCHEMA, {"const": NONE}]})]
PriorityOrNone = Literal[get_args(Priority) + (NONE,)]  # type: ignore[valid-type]
IdText = Annotated[str, WithJsonSchema({"type": "string", "minLength": 1})]
ModerationActionText = Literal[get_args(ModerationAction)]  # type: ignore[valid-type]
LadderActionOrNone = Literal[get_args(ModerationAction) + (NONE,)]  # type: ignore[valid-type]


def F(description: str, **kwargs: Any) -> Any:
    return Field(description=description, **kwargs)


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# --- what a test is about -------------------------------------------------------------


class Message(Spec):
    channel: IdText = F("Channel id the message arrives on, e.g. 'facebook'.")
    category: IdText = F("Message category id, e.g. 'complaint'.")
    received: Time = F("When the message arrives.")
    text: str = F("The message text (for keyword escalation rules).", default="")
    followers: int | None = F("The author's follower count (for reach rules).", default=None, ge=0)
    author_type: AuthorType | None = F("Who wrote it: customer, journalist, ... (for author rules).", default=None)
    crisis: bool = F("Evaluate in crisis mode.", default=False)
    kind: MessageKind | None = F("How it reached us: comment, direct-message, tagged-mention, untagged-mention, review.", default=None)


# --- what is expected -----------------------------------------------------------------


class ExpectOpen(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    open: bool | None = F("Whether the channel is open at that time.", default=None)
    closes_at: TimeOrNone | None = F("When the current opening ends ('none' if closed then).", default=None)
    next_opening: TimeOrNone | None = F("When a closed channel next opens ('none' if open then).", default=None)


class ExpectDecision(ExpectOpen):
    clock: Literal["business", "calendar", "none"] | None = F("Which clock the reply target runs on.", default=None)
    acknowledge_by: TimeOrNone | None = F("Deadline to acknowledge the message ('none': no target).", default=None)
    respond_by: TimeOrNone | None = F("Deadline to answer the message ('none': no target).", default=None)
    acknowledge_within: DurationText | None = F("Real time from arrival to the acknowledge deadline.", default=None)
    respond_within: DurationText | None = F("Real time from arrival to the respond deadline, e.g. '4h'.", default=None)
    acknowledge_window: IdText | None = F(
        "Arrival window whose promise sets the acknowledge deadline: its schedule id, 'otherwise', or 'none' "
        "(no window applies, or the target does not depend on the arrival).",
        default=None,
    )
    respond_window: IdText | None = F("Arrival window whose promise sets the respond deadline, e.g. 'office-hours'.", default=None)
    promise: Literal["deadline", "best-effort", "read-only", "none"] | None = F(
        "What the message is promised: a deadline, best effort (no time), read-only (read, not answered) or none.", default=None
    )
    update_if_longer: bool | None = F("Whether the person must be told if the answer takes longer.", default=None)
    update_by: TimeOrNone | None = F("When that update is due ('none': no time).", default=None)
    update_within: DurationText | None = F("Real time from arrival to the update, e.g. '2d'.", default=None)
    team: IdText | None = F("Team that handles the message ('none' for no team).", default=None)
    on_duty: list[IdText] | None = F("Exactly these people are on duty in that team (any order; [] = nobody).", default=None)
    on_duty_includes: list[IdText] | None = F("At least these people are on duty in that team.", default=None)
    escalation: IdText | None = F("Id of the escalation rule that applies ('none': no rule).", default=None)
    priority: PriorityOrNone | None = F("Priority set by the escalation rule.", default=None)
    notify: list[IdText] | None = F("Exactly these people are notified (any order).", default=None)
    reply_style: ReplyStyle | None = F("How to reply.", default=None)


class ExpectOnDuty(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    on_duty: list[IdText] | None = F("Exactly these people are on duty (any order; [] = nobody).", default=None)
    on_duty_includes: list[IdText] | None = F("At least these people are on duty.", default=None)


class ExpectPublish(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    allowed: bool | None = F("Whether we may publish on the channel at that time.", default=None)
    reason: Literal["publishing-hours", "no-publishing-hours", "outside-publishing-hours", "blackout"] | None = F(
        "Why: within the publishing hours, no publishing hours set, outside them, or a blackout.", default=None
    )
    comments_off: bool | None = F("Whether a blackout in force turns comments off on the channel.", default=None)
    next_allowed: TimeOrNone | None = F("When publishing is next allowed ('none' if it is allowed then).", default=None)


class ExpectCoverage(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    always_on_duty: bool = F("true: someone is on duty throughout the period (a gap fails the test).")


class ModerationQuestion(Spec):
    channel: IdText = F("Channel id the comment is on, e.g. 'facebook'.")
    reason: IdText = F("Kind of content, e.g. 'spam' or 'criticism'.")
    prior_violations: int = F("The author's earlier violations counted by the ladder.", default=0, ge=0)


class ExpectModeration(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    actions: list[ModerationActionText] | None = F("Exactly these actions are allowed, in this order ([] = none).", default=None)
    protected: bool | None = F("Whether the content is never removed.", default=None)
    steps: list[IdText] | None = F("Exactly these steps come first, for any of the actions (any order).", default=None)
    approved_by: list[IdText] | None = F(
        "Exactly these people may approve, for any of the actions (any order; [] = no approval).", default=None
    )
    notify: list[IdText] | None = F("Exactly these people are told first (any order).", default=None)
    ladder: LadderActionOrNone | None = F("The ladder's action for this violation ('none': the ladder gives none).", default=None)


# --- the kinds of test -----------------------------------------------------------


class Case(Spec):
    name: str = F("What the test checks, in a sentence; shown when it fails.", min_length=1)
    description: str | None = F("Why the expectation holds (not checked).", default=None)


class MessageCase(Case):
    message: Message = F("A message arriving on a channel.")
    expect: ExpectDecision = F("What the policy must decide for it.")


class ChannelCase(Case):
    channel: IdText = F("Channel id.")
    at: Time = F("The time to look at.")
    crisis: bool = F("Use the crisis-mode schedule.", default=False)
    expect: ExpectOpen = F("Opening hours at that time.")


class OnDutyCase(Case):
    team: IdText = F("Team id.")
    at: Time = F("The time to look at.")
    expect: ExpectOnDuty = F("Who is on duty then.")


class PublishCase(Case):
    publish: IdText = F("Channel id: may we publish on it?")
    at: Time = F("The time to look at.")
    expect: ExpectPublish = F("The answer at that time.")


class CoverageCase(Case):
    team: IdText = F("Team id.")
    start: Time = Field(alias="from", description="Start of the period (included).")
    until: Time = F("End of the period (excluded).")
    while_open: IdText | None = F("Only count the times this channel is open.", default=None)
    expect: ExpectCoverage = F("Whether the rota leaves a gap.")


class ExpectRecords(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    stated: bool | None = F("Whether the policy states a records duty for this kind of content.", default=None)
    registered: bool | None = F("Registered as a case.", default=None)
    keep_for: str | None = F("Retention period as written in the strategy format, e.g. '2y' or '6mo' ('none': not stated).", default=None)
    then: Literal["dispose", "archive", "none"] | None = F("What happens when retention ends ('none': not stated).", default=None)
    screenshot: bool | None = F("Whether a screenshot is taken.", default=None)


class ExpectAccount(Spec):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    ok: bool | None = F("Whether the account meets every account rule.", default=None)
    owner: IdText | None = F("The account's owner ('none': nobody).", default=None)
    gaps: list[Literal["no-owner", "too-few-admins", "missing-admin", "no-admin-from"]] | None = F(
        "Exactly these kinds of gap against the account rules (any order; [] = none).", default=None
    )
    inactive: bool | None = F("Whether the account is past the inactivity threshold (needs last_post).", default=None)
    inactive_from: str | None = F("The local date (YYYY-MM-DD) from which it counts as inactive (needs last_post).", default=None)


class RecordsCase(Case):
    records: Literal["post", "comment", "reply", "direct-message", "mention", "review", "story", "live-video", "removed-content"] = F(
        "The kind of content whose records duty is checked."
    )
    expect: ExpectRecords = F("What the policy says about keeping it.")


class AccountCase(Case):
    account: IdText = F("Channel id whose account is checked.")
    last_post: Time | None = F("When the channel last posted (for inactivity).", default=None)
    at: Time | None = F("When inactivity is judged (default: last_post).", default=None)
    expect: ExpectAccount = F("The account's standing against the account rules.")


class ModerateCase(Case):
    moderate: ModerationQuestion = F("A moderation question: a comment of a kind on a channel, from an author with earlier violations.")
    expect: ExpectModeration = F("What the policy must allow for it.")


class TestFile(Spec):
    timezone: Timezone | None = F("IANA zone for times written without an offset, e.g. 'Europe/Stockholm'.", default=None)
    description: str | None = F("What this file covers (not checked).", default=None)
    tests: list[MessageCase | ChannelCase | OnDutyCase | CoverageCase | PublishCase | ModerateCase | RecordsCase | AccountCase] = F(
        "The test cases.", min_length=1
    )


KINDS: dict[str, type[Case]] = {
    "message": MessageCase,
    "channel": ChannelCase,
    "on-duty": OnDutyCase,
    "coverage": CoverageCase,
    "records": RecordsCase,
    "account": AccountCase,
    "publish": PublishCase,
    "moderate": ModerateCase,
}


def kind_of(case: dict[str, Any]) -> str | None:
    """Which kind of test a case mapping is, from the key that says what it is about."""
    if "moderate" in case:
        return "moderate"
    if "message" in case:
        return "message"
    if "records" in case:
        return "records"
    if "account" in case:
        return "account"
    if "publish" in case:
        return "publish"
    if "channel" in case:
        return "channel"
    if "team" in case:
        return "coverage" if {"from", "until", "while_open"} & set(case) else "on-duty"
    return None


def tests_schema() -> dict[str, Any]:
    from socialkit.strategy.schema import DIALECT

    schema = TestFile.model_json_schema(mode="validation", by_alias=True)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "socialkit policy tests",
        "description": "Expectations about the compiled policy, run by 'socialkit test'. See docs/guide/policy-tests.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }

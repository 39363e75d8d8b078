"""Which export column holds which field, and which export value means which channel or category.

A log is read into canonical fields. Exports name their columns differently;
a preset names the columns of a common export, the `[tool.socialkit.audit]`
`columns` table and `--map FIELD=COLUMN` override single fields. Values are
matched to the policy's channel and category ids case-insensitively by id,
name (any language) or platform, then through the `values` table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from socialkit.errors import SocialkitError

# The groups a summary can be broken down by (socialkit audit --by).
DIMENSIONS = ("channel", "category", "team", "rule", "agent", "kind", "week", "month")

REQUIRED = ("received_at", "channel", "category")
OPTIONAL = ("id", "acknowledged_at", "responded_at", "agent", "followers", "author_type", "text", "resolved", "crisis", "kind")
FIELDS = REQUIRED + OPTIONAL
TIME_FIELDS = ("received_at", "acknowledged_at", "responded_at")

FIELD_HELP = MappingProxyType(
    {
        "id": "message or ticket id, shown in verdicts and problems",
        "received_at": "when the message arrived (required)",
        "channel": "channel id, name or platform (required)",
        "category": "message category id or name (required)",
        "acknowledged_at": "first acknowledgement (a like, an 'on it' reply); empty if none",
        "responded_at": "first real answer; empty if unanswered",
        "agent": "who answered",
        "followers": "the author's follower count (for reach rules)",
        "author_type": "customer, journalist, influencer, ... (for escalation rules)",
        "text": "message text (for keyword rules)",
        "resolved": "whether the case was resolved (yes/no, true/false, 1/0)",
        "crisis": "whether crisis mode was declared when it arrived",
        "kind": "how it reached us: comment, direct-message, tagged-mention, untagged-mention, review; empty if not stated",
    }
)


@dataclass(frozen=True)
class Preset:
    """How one vendor's export is read: its column (or JSON key) per field, and what its values mean.

    `columns` may hold helper columns under names starting with '+': `+responded_at` is a duration in
    whole minutes after received_at (turned into a time), `+direction` and `+conversation` let the
    outbound rows of a conversation stand for its replies.
    """

    columns: Mapping[str, str]
    resolved: tuple[str, ...] = ()  # values of the resolved column that mean resolved (folded); () = yes/no
    tag_separator: str | None = None  # the category column holds a list of tags: the first known one counts
    inbound: tuple[str, ...] = ()  # values of +direction that are incoming messages; the rest are replies


def _preset(columns: dict[str, str], **rest) -> Preset:
    return Preset(MappingProxyType(columns), **rest)


# Every preset follows the vendor's own description of its export or API (cited next to it); where
# that description leaves a detail open, the comment says what the preset assumes. Exports change
# between versions and languages, so any column can still be overridden with --map or `columns`.
PRESETS: MappingProxyType = MappingProxyType(
    {
        "socialkit": _preset({f: f for f in FIELDS}),
        # Hootsuite Inbox 2.0, "Messages" data export (Analytics > Exports > On-demand, CSV), one row per
        # message in either direction: https://help.hootsuite.com/hc/en-us/articles/5407290386843-Create-Inbox-2-0-data-exports
        # ("The Conversation ID field can be found in both conversation and message export types"; times are in
        # the time zone chosen for the export: set --timezone to it). The message columns (Message ID, Direction,
        # Created at, Medium, Sentiment, Content) are those public parsers of real files read; the export has no
        # reply-time or category column, so a message is answered by the first outbound message of its
        # conversation, and the category comes from Sentiment (map sentiments to categories with `values`).
        "hootsuite": _preset(
            {
                "id": "Message ID",
                "received_at": "Created at",
                "channel": "Medium",
                "category": "Sentiment",
                "text": "Content",
                "+direction": "Direction",
                "+conversation": "Conversation ID",
            },
            inbound=("inbound",),
        ),
        # Sprout Social, the Messages endpoint of the public API (POST /v1/<customer id>/messages), one message
        # object per line: https://api.sproutsocial.com/docs/#messages-endpoint (guid, created_time in ISO 8601
        # UTC, network such as "INSTAGRAM", internal.tags as numeric tag ids: map them with `values`). Sprout documents no CSV of inbox messages and no reply time per message: map
        # acknowledged_at/responded_at to your own columns if you have them.
        "sprout": _preset(
            {
                "id": "guid",
                "received_at": "created_time",
                "channel": "network",
                "category": "internal.tags",
                "text": "text",
            }
        ),
        # Zendesk Support tickets with their metric sets, one ticket object per line (the incremental export with
        # include=metric_sets, e.g. `jq -c '.tickets[]'`): https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/
        # and https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/ .
        # created_at is ISO 8601 UTC; reply_time_in_minutes holds {calendar, business} minutes to the first
        # public agent comment: the calendar minutes give the reply time (business minutes count Zendesk's own
        # schedule, which socialkit measures itself). Solved and closed tickets are resolved.
        "zendesk": _preset(
            {
                "id": "id",
                "received_at": "created_at",
                "channel": "via.channel",
                "category": "tags",
                "agent": "assignee_id",
                "text": "subject",
                "resolved": "status",
                "+responded_at": "metric_set.reply_time_in_minutes.calendar",
            },
            resolved=("solved", "closed"),
        ),
        # Zendesk Support CSV export (Admin Center > Account > Tools > Reports > Export):
        # https://support.zendesk.com/hc/en-us/articles/4408886165402 . Dates are in the account's time zone
        # (set --timezone if it is not the organisation's); "First reply time in minutes" is calendar minutes
        # (the "within business hours" column is Zendesk's clock); Tags are space-separated; Via names the
        # channel; headers are matched without regard to case (real files write "Id", the article "ID").
        "zendesk-csv": _preset(
            {
                "id": "ID",
                "received_at": "Created at",
                "channel": "Via",
                "category": "Tags",
                "agent": "Assignee",
                "text": "Subject",
                "resolved": "Status",
                "+responded_at": "First reply time in minutes",
            },
            resolved=("solved", "closed"),
            tag_separator=" ",
        ),
        # Freshdesk ticket export (Tickets > Export, CSV), headers as Freshdesk labels the ticket fields
        # (https://developers.freshdesk.com/api/#tickets for what they mean): "Initial response time" is the
        # time of the first response, "Created time" is in the account's time zone; "First response time (in
        # hrs)" is a business-hours duration and is not used. Type is the ticket type; Resolved and Closed
        # tickets are resolved. Source names the channel (Email, Portal, Phone, Chat, Twitter, Facebook, ...).
        "freshdesk": _preset(
            {
                "id": "Ticket ID",
                "received_at": "Created time",
                "channel": "Source",
                "category": "Type",
                "agent": "Agent",
                "text": "Subject",
                "resolved": "Status",
                "responded_at": "Initial response time",
            },
            resolved=("resolved", "closed"),
            tag_separator=",",
        ),
    }
)

# Values some exports use for a platform, beyond the platform ids themselves.
PLATFORM_ALIASES = MappingProxyType(
    {"twitter": "x", "x (twitter)": "x", "fb": "facebook", "ig": "instagram", "instagram dm": "instagram", "instagram_dm": "instagram"}
)
# Words exports commonly use for a message kind (folded), beyond the kind ids themselves; map others with `values`.
KIND_ALIASES = MappingProxyType(
    {
        "dm": "direct-message",
        "direct message": "direct-message",
        "private message": "direct-message",
        "message": "direct-message",
        "reply": "comment",
        "mention": "tagged-mention",
        "recommendation": "review",
        "rating": "review",
    }
)
TRUE = frozenset({"1", "true", "yes", "y", "ja", "j", "resolved", "solved", "closed", "done", "x"})
FALSE = frozenset({"0", "false", "no", "n", "nej", "open", "pending", "new", "hold", "unresolved"})


class MappingError(SocialkitError, ValueError):
    """A column map, preset or value table that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class AuditConfig:
    """How to read logs: field -> column, extra value matches, CSV delimiter, time format and zone."""

    columns: dict[str, str] = field(default_factory=lambda: dict(PRESETS["socialkit"].columns))
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {export value: policy id}
    delimiter: str | None = None  # None: sniffed from the first lines
    time_format: str | None = None  # strptime format for times that are not ISO 8601
    timezone: str | None = None  # zone of naive times; None: the organisation's
    preset: str = "socialkit"
    resolved: tuple[str, ...] | None = None  # values meaning resolved; None: the preset's
    complaint_categories: tuple[str, ...] = ()  # category ids that count as complaints in goal metrics
    complaint_sentiments: tuple[str, ...] = ()  # ... and every category with one of these sentiments


def make_config(
    preset: str | None = None,
    columns: dict[str, str] | None = None,
    overrides: list[str] = (),
    values: dict[str, dict[str, str]] | None = None,
    **rest,
) -> AuditConfig:
    """Preset, then the columns table, then FIELD=COLUMN overrides; MappingError names the bad part."""
    name = preset or "socialkit"
    if name not in PRESETS:
        raise MappingError(f"unknown preset '{name}'; known: {', '.join(PRESETS)}")
    mapping = dict(PRESETS[name].columns)
    for key, column in (columns or {}).items():
        mapping[_field(key, "columns")] = column
    for text in overrides:
        key, sep, column = text.partition("=")
        if not sep or not column.strip():
            raise MappingError(f"--map '{text}' is not FIELD=COLUMN, e.g. --map received_at=Created")
        mapping[_field(key.strip(), "--map")] = column.strip()
    for key in values or {}:
        if key not in ("channel", "category", "author_type", "kind"):
            raise MappingError(f"values.{key}: only channel, category, author_type and kind values can be mapped")
    delimiter = rest.get("delimiter")
    if delimiter is not None and len(delimiter) != 1:
        raise MappingError(f"delimiter '{delimiter}' must be one character, e.g. ';'")
    resolved = rest.pop("resolved", None)
    rest["complaint_categories"] = tuple(rest.get("complaint_categories") or ())
    rest["complaint_sentiments"] = tuple(rest.get("complaint_sentiments") or ())
    return AuditConfig(
        mapping,
        {k: dict(v) for k, v in (values or {}).items()},
        preset=name,
        resolved=None if resolved is None else tuple(fold(v) for v in resolved),
        **rest,
    )


def complaint_categories(document: dict, config: AuditConfig) -> frozenset[str] | None:
    """The category ids the goal metrics count as complaints; None when no category does.

    Configured ids and sentiments, else the category whose id is 'complaint' (the starter's). A
    strategy whose complaint category has another id (say 'klagomal') must say so, and is told to.
    """
    categories = document["categories"]
    unknown = [c for c in config.complaint_categories if c not in categories]
    if unknown:
        raise MappingError(f"complaint_categories: unknown category '{unknown[0]}'; known: {', '.join(sorted(categories))}")
    chosen = set(config.complaint_categories)
    chosen |= {cid for cid, c in categories.items() if c.get("sentiment") in config.complaint_sentiments}
    if not config.complaint_categories and not config.complaint_sentiments and "complaint" in categories:
        chosen.add("complaint")
    return frozenset(chosen) or None


def _field(key: str, where: str) -> str:
    if key not in FIELDS:
        raise MappingError(f"{where}: unknown field '{key}'; fields: {', '.join(FIELDS)}")
    return key


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def value_matcher(document: dict, config: AuditConfig, field_name: str) -> dict[str, str]:
    """{folded export value: policy id} for 'channel' or 'category'."""
    table: dict[str, str] = {}
    section = document["channels" if field_name == "channel" else "categories"]
    for item_id, item in section.items():
        names = item.get("name")
        for name in names.values() if isinstance(names, dict) else [names]:
            if isinstance(name, str):
                table[_fold(name)] = item_id
        if field_name == "channel":
            platform = item.get("platform")
            if platform and sum(1 for other in section.values() if other.get("platform") == platform) == 1:
                table[_fold(platform)] = item_id
                for alias, target in PLATFORM_ALIASES.items():
                    if target == platform:
                        table[alias] = item_id
        table[_fold(item_id)] = item_id
    for raw, target in config.values.get(field_name, {}).items():
        if target not in section:
            raise MappingError(f"values.{field_name}: '{raw}' maps to unknown {field_name} '{target}'; known: {', '.join(sorted(section))}")
        table[_fold(raw)] = target
    return table


fold = _fold

"""Which export column holds which field, and which export value means which channel or category.

A log is read into canonical fields. Exports name their columns differently;
a preset names the columns of a common export, the `[tool.socialkit.audit]`
`columns` table and `--map FIELD=COLUMN` override single fields. Values are
matched to the policy's channel and category ids case-insensitively by id,
name (any language) or platform, then through the `values` table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from socialkit.errors import SocialkitError

# The groups a summary can be broken down by (socialkit audit --by).
DIMENSIONS = ("channel", "category", "team", "rule", "agent", "week", "month")

REQUIRED = ("received_at", "channel", "category")
OPTIONAL = ("id", "acknowledged_at", "responded_at", "agent", "followers", "author_type", "text", "resolved", "crisis")
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
    }
)

# Column names of common exports. Check your export's header: tools rename
# columns between versions and languages, so any field can be overridden.
PRESETS: MappingProxyType = MappingProxyType(
    {
        "socialkit": MappingProxyType({f: f for f in FIELDS}),
        "sprout": MappingProxyType(
            {
                "id": "Message ID",
                "received_at": "Received Time",
                "channel": "Network",
                "category": "Tags",
                "acknowledged_at": "First Action Time",
                "responded_at": "First Reply Time",
                "agent": "Replied By",
                "followers": "Sender Followers",
                "text": "Message",
                "resolved": "Completed",
            }
        ),
        "hootsuite": MappingProxyType(
            {
                "id": "Conversation ID",
                "received_at": "Created",
                "channel": "Social Network",
                "category": "Tag",
                "acknowledged_at": "First Assigned",
                "responded_at": "First Response",
                "agent": "Responder",
                "followers": "Author Followers",
                "text": "Message Text",
                "resolved": "Resolved",
            }
        ),
        "zendesk": MappingProxyType(
            {
                "id": "id",
                "received_at": "created_at",
                "channel": "via.channel",
                "category": "category",
                "acknowledged_at": "metric_set.first_acknowledged_at",
                "responded_at": "metric_set.first_reply_at",
                "agent": "assignee.name",
                "followers": "requester.followers",
                "author_type": "requester.role",
                "text": "description",
                "resolved": "status",
                "crisis": "crisis",
            }
        ),
        "meta": MappingProxyType(
            {
                "id": "Conversation ID",
                "received_at": "Time received",
                "channel": "Platform",
                "category": "Label",
                "responded_at": "Time of first response",
                "agent": "Responded by",
                "text": "Message",
                "resolved": "Done",
            }
        ),
    }
)

# Values some exports use for a platform, beyond the platform ids themselves.
PLATFORM_ALIASES = MappingProxyType({"twitter": "x", "x (twitter)": "x", "fb": "facebook", "ig": "instagram"})
TRUE = frozenset({"1", "true", "yes", "y", "ja", "j", "resolved", "solved", "closed", "done", "x"})
FALSE = frozenset({"0", "false", "no", "n", "nej", "open", "pending", "new", "hold", "unresolved"})


class MappingError(SocialkitError, ValueError):
    """A column map, preset or value table that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class AuditConfig:
    """How to read logs: field -> column, extra value matches, CSV delimiter, time format and zone."""

    columns: dict[str, str] = field(default_factory=lambda: dict(PRESETS["socialkit"]))
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {export value: policy id}
    delimiter: str | None = None  # None: sniffed from the first lines
    time_format: str | None = None  # strptime format for times that are not ISO 8601
    timezone: str | None = None  # zone of naive times; None: the organisation's


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
    mapping = dict(PRESETS[name])
    for key, column in (columns or {}).items():
        mapping[_field(key, "columns")] = column
    for text in overrides:
        key, sep, column = text.partition("=")
        if not sep or not column.strip():
            raise MappingError(f"--map '{text}' is not FIELD=COLUMN, e.g. --map received_at=Created")
        mapping[_field(key.strip(), "--map")] = column.strip()
    for key in values or {}:
        if key not in ("channel", "category", "author_type"):
            raise MappingError(f"values.{key}: only channel, category and author_type values can be mapped")
    delimiter = rest.get("delimiter")
    if delimiter is not None and len(delimiter) != 1:
        raise MappingError(f"delimiter '{delimiter}' must be one character, e.g. ';'")
    return AuditConfig(mapping, {k: dict(v) for k, v in (values or {}).items()}, **rest)


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

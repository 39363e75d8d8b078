"""Is a policy document what the engine may rely on? Checked before a `Policy` uses it.

Two layers, the first failure reported with its JSON path:

1. Structure: the published schema (`schemas/policy.schema.json`, generated
   from `compile/policy_schema.py`) restated as a small table of expected
   types, so the runtime needs neither pydantic nor jsonschema (a test checks
   the two agree on a corpus of tampered documents).
2. Invariants the schema cannot say: windows sorted, disjoint and non-empty;
   horizons with start before end; cum and day tables of the right lengths;
   rota spans sorted; keyword phrases of non-empty words; every referenced
   schedule, SLA, team, person, channel and category present; real IANA zones;
   times and durations within the years 1 to 9999.
"""

from __future__ import annotations

import re
from typing import Any

EARLIEST = -62135596800  # 0001-01-01T00:00:00Z
LATEST = 253402300799  # 9999-12-31T23:59:59Z
MAX_WORKING_DAYS = 3660  # ten years of days: more than the bundle's horizon, so such a deadline is simply none
MAX_SECONDS = 10**11  # a duration beyond some 3,000 years is not a real target (and would overflow times)


class ShapeError(ValueError):
    """One thing wrong with the document, at `path` (a JSON path, or a Where the structure check passes down)."""

    def __init__(self, path: str | tuple, message: str) -> None:
        path = spelled(path)
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


# --- 1. structure -------------------------------------------------------------------------------
# A spec is a type name ("str", "int", "bool", "any"), a tuple ("opt", spec), ("list", spec),
# ("map", spec), ("enum", values...), ("or", spec, spec), ("keyed", key, spec, spec), or a dict of required keys (no others);
# a key whose spec is ("maybe", spec) may be absent.

TEXT = ("or", "str", ("map", "str"))
MODERATION_ACTION = ("enum", "keep", "hide", "delete", "block", "report-to-platform", "report-to-police", "warn")
MODERATION_REASON = {
    "reason": "str",
    "channels": ("list", "str"),
    "protected": "bool",
    "actions": ("list", MODERATION_ACTION),
    "also": ("list", MODERATION_ACTION),
    "ladder": "bool",
    "before": ("map", {"steps": ("list", "str"), "notify": ("list", "str")}),
    "approval": ("map", ("list", "str")),
}
LADDER = {
    "within": ("opt", "seconds"),
    "reasons": ("list", "str"),
    "steps": ("list", {"violation": "int", "action": MODERATION_ACTION, "duration": ("opt", "seconds")}),
}
SECONDS = "seconds"
CLOCK = ("enum", "business", "calendar")
CLOSED_TARGET = ("opt", ("or", SECONDS, ("enum", "end-of-next-business-day")))
WITHIN = ("or", SECONDS, {"working_days": "working_days"})
PLAIN_TIMING = {"within": WITHIN, "if_received_closed": CLOSED_TARGET}
WINDOW = {"during": ("opt", "str"), "within": WITHIN, "if_received_closed": CLOSED_TARGET, "clock": CLOCK}
TIMING = ("keyed", "windows", {"windows": ("list", WINDOW)}, PLAIN_TIMING)
PROMISE = ("enum", "deadline", "best-effort", "read-only", "none")
INTERVALS = ("list", ("pair", "int"))
WEEKLY = ("list", {"weekday": "int", "intervals": INTERVALS})
SCHEDULE_RULES = {
    "id": "str",
    "timezone": "str",
    "weekly": WEEKLY,
    "holidays_closed": "bool",
    "holidays": {
        "country": ("opt", "str"),
        "subdivision": ("opt", "str"),
        "also_closed": ("list", "str"),
        "extra": ("list", ("pair", "str")),
        "not_closed": ("list", "str"),
    },
    "closures": ("list", {"start": "str", "end": "str", "name": "str"}),
    "special": ("list", {"date": "str", "intervals": INTERVALS, "name": "str"}),
    "seasons": ("list", {"id": "str", "start": "str", "end": "str", "weekly": WEEKLY}),
}
ROTA_RULES = {
    "id": "str",
    "timezone": "str",
    "layers": (
        "list",
        {
            "id": "str",
            "start": "str",
            "rotation_seconds": "int",
            "order": ("list", "str"),
            "restrict_to": ("opt", SCHEDULE_RULES),
            "turns": ("maybe", ("list", {"person": ("opt", "str"), "start": "str", "end": ("opt", "str")})),
        },
    ),
    "overrides": ("list", {"start": "str", "end": "str", "person": "str", "replaces": ("opt", "str")}),
}
REDIRECT = {"text": TEXT, "url": ("opt", "str"), "channel": ("opt", "str")}
PROMISE = ("enum", "deadline", "best-effort", "read-only", "none")
SPEC: dict[str, Any] = {
    "format": ("enum", "socialkit.policy/v1"),
    "provenance": {
        "strategy_sha256": "str",
        "as_of": "str",
        "horizon_days": "int",
        "horizon_start": ("opt", "instant"),
        "horizon_end": ("opt", "instant"),
        "kit_version": "str",
    },
    "organization": {"name": "str", "timezone": "str", "languages": ("list", "str"), "website": ("opt", "str")},
    "categories": (
        "map",
        {
            "name": TEXT,
            "sentiment": ("opt", ("enum", "positive", "neutral", "negative")),
            "reply_style": ("opt", "str"),
            "written_reply": "bool",
        },
    ),
    "slas": (
        "map",
        {"clock": CLOCK, "targets": ("map", {"acknowledge": ("opt", TIMING), "respond": ("opt", TIMING), "promise": ("maybe", PROMISE)})},
    ),
    "schedules": (
        "map",
        {
            "timezone": "str",
            "holidays": ("enum", "closed", "open"),
            "weekly": ("map", ("list", ("list", "str"))),
            "compiled": {
                "format": ("enum", "socialkit.schedule/1"),
                "id": "str",
                "timezone": "str",
                "as_of": "str",
                "horizon_start": "instant",
                "horizon_end": "instant",
                "windows": ("list", ("pair", "instant")),
                "cum": ("list", "int"),
                "day_starts": ("list", "instant"),
                "day_closes": ("list", "int"),
                "work_closes": ("list", "int"),
            },
            "rules": ("maybe", SCHEDULE_RULES),  # absent in documents written before the rules were
        },
    ),
    "teams": (
        "map",
        {
            "members": ("list", "str"),
            "lead": "str",
            "rota": (
                "opt",
                {
                    "format": ("enum", "socialkit.rota/1"),
                    "id": "str",
                    "timezone": "str",
                    "as_of": "str",
                    "horizon_start": "instant",
                    "horizon_end": "instant",
                    "spans": ("list", "span"),
                },
            ),
            "rota_rules": ("maybe", ("opt", ROTA_RULES)),
        },
    ),
    "people": ("map", {"name": "str"}),
    "message_kinds": ("maybe", ("list", "str")),  # absent in documents written before message kinds were
    "channels": (
        "map",
        {
            "name": "str",
            "platform": "str",
            "url": ("opt", "str"),
            "customer_service": "bool",
            "team": ("opt", "str"),
            "schedule": ("opt", "str"),
            "publishing": ("maybe", ("opt", "str")),  # absent in documents written before publishing hours
            "sla": ("opt", "str"),
            "crisis_schedule": ("opt", "str"),
            "crisis_sla": ("opt", "str"),
            "promise": ("maybe", PROMISE),  # absent in documents written before promises were
            "update_if_longer": ("maybe", ("opt", {"after": ("opt", SECONDS), "clock": CLOCK})),
            "check_every": ("opt", SECONDS),
            "check_times": ("maybe", ("list", "str")),
            "checks": ("maybe", ("opt", {"at_least": "int", "at_most": ("opt", "int"), "per": ("enum", "day", "working-day", "week")})),
            "outreach": "bool",
            "internal": "bool",
            "redirect": ("opt", REDIRECT),
            "kinds": ("maybe", ("map", {"promise": ("opt", PROMISE), "redirect": ("opt", REDIRECT), "sla": ("opt", "str")})),
        },
    ),
    "escalation": (
        "list",
        {
            "id": "str",
            "when": {
                "categories": ("list", "str"),
                "channels": ("list", "str"),
                "keywords": ("list", ("list", "str")),
                "author_types": ("list", "str"),
                "kinds": ("maybe", ("list", "str")),
                "min_followers": ("opt", "int"),
                "max_followers": ("opt", "int"),
                "during": ("opt", "str"),
                "outside": ("opt", "str"),
                "crisis": ("opt", "bool"),
            },
            "priority": ("enum", "low", "normal", "high", "urgent"),
            "route_to": ("opt", "str"),
            "notify": ("list", "str"),
            "acknowledge_within": ("opt", SECONDS),
            "respond_within": ("opt", SECONDS),
            "clock": ("opt", CLOCK),
            "reply_style": ("opt", "str"),
        },
    ),
    "crisis": ("opt", {"schedule": "str", "sla": "str"}),
    "moderation": (
        "opt",
        {
            "never_remove": ("list", "str"),
            "hide": ("list", "str"),
            "remove": ("list", "str"),
            "record_removals": "bool",
            "languages": ("list", "str"),
            "reasons": ("maybe", ("list", MODERATION_REASON)),
            "ladder": ("maybe", ("opt", LADDER)),
            "capabilities": ("maybe", ("map", ("map", ("opt", "bool")))),
        },
    ),
    "blackouts": (
        "maybe",
        (
            "list",
            {
                "start": "instant",
                "end": "instant",
                "reason": TEXT,
                "channels": ("list", "str"),
                "stops": ("list", ("enum", "publishing", "comments")),
                "internal": "bool",
            },
        ),
    ),
}

# Records and account governance (compile/governance.py); absent in documents written before them.
PERIOD = {"count": "int", "unit": ("enum", "year", "month", "week", "day")}
RECORDS_DUTY = {
    "registered": ("opt", "bool"),
    "where": ("opt", TEXT),
    "keep_for": ("opt", PERIOD),
    "then": ("opt", ("enum", "dispose", "archive")),
    "screenshot": ("opt", "bool"),
}
SPEC["records"] = (
    "maybe",
    (
        "opt",
        {
            "removals": {"required": ("opt", "bool"), "where": ("opt", TEXT), "keep_for": ("opt", PERIOD), "fields": ("list", "str")},
            "content": ("map", RECORDS_DUTY),
            "snapshots": ("opt", {"every": PERIOD, "format": ("opt", "str"), "where": ("opt", TEXT), "channels": ("list", "str")}),
            "notice": ("opt", TEXT),
        },
    ),
)
SPEC["governance"] = (
    "maybe",
    {
        "policy": (
            "opt",
            {
                "owner_required": "bool",
                "min_admins": ("opt", "int"),
                "required_admins": ("list", "str"),
                "admins_from": ("map", ("list", "str")),
                "approval_to_open": ("list", "str"),
                "registry": ("opt", {"where": ("opt", TEXT), "fields": ("list", "str")}),
                "lifecycle": (
                    "opt",
                    {"inactive_after": ("opt", PERIOD), "then": ("opt", ("enum", "review", "close")), "evaluation_starts": ("opt", "str")},
                ),
            },
        ),
        "accounts": (
            "map",
            {
                "owner": ("opt", "str"),
                "admins": ("list", "str"),
                "opened": ("opt", "str"),
                "approved_by": ("opt", "str"),
                "min_posts": ("opt", {"count": "int", "per": ("enum", "day", "week", "month")}),
            },
        ),
    },
)

_NAMES = {"str": "a string", "int": "a whole number", "bool": "true or false", "list": "a list", "map": "an object", "dict": "an object"}
_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if _SIMPLE_KEY.fullmatch(key) else f"{path}[{_quote(key)}]"


def _quote(key: str) -> str:
    import json

    text = json.dumps(key, ensure_ascii=True)
    return text if len(text) <= 42 else text[:40] + '…"'


def _is_int(value: Any) -> bool:
    return type(value) is int


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


# Where the structure check is: "$", or (where, key) of a child. The text is made only for an error: a sound
# document (the usual case, on every `evaluate --policy`) visits thousands of nodes and reports none.
Where = str | tuple


def spelled(where: Where) -> str:
    """The JSON path of a Where ('$.channels.x.sla')."""
    keys = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(key)
    for key in reversed(keys):
        where = child(where, key)
    return where


def check_structure(value: Any, spec: Any, path: Where) -> None:
    if isinstance(spec, dict):
        if type(value) is not dict:
            raise ShapeError(path, f"expected an object, found {_kind(value)}")
        for key, inner in spec.items():
            if key not in value and not _may_be_absent(inner):
                raise ShapeError((path, key), "missing")
        for key in value:
            if key not in spec:
                raise ShapeError((path, key), "not a field of this object")
        for key, inner in spec.items():
            if key in value:
                check_structure(value[key], inner[1] if _may_be_absent(inner) else inner, (path, key))
        return
    if isinstance(spec, tuple):
        kind = spec[0]
        if kind == "opt":
            if value is not None:
                check_structure(value, spec[1], path)
            return
        if kind == "keyed":  # ("keyed", key, spec if the mapping has key, spec otherwise)
            check_structure(value, spec[2] if isinstance(value, dict) and spec[1] in value else spec[3], path)
            return
        if kind == "or":
            try:
                check_structure(value, spec[1], path)
            except ShapeError:
                check_structure(value, spec[2], path)
            return
        if kind == "enum":
            if type(value) is not str or value not in spec[1:]:
                raise ShapeError(path, f"expected one of {', '.join(spec[1:])}, found {_kind(value)}")
            return
        if kind == "list":
            if type(value) is not list:
                raise ShapeError(path, f"expected a list, found {_kind(value)}")
            _check_items(value, spec[1], path)
            return
        if kind == "map":
            if type(value) is not dict:
                raise ShapeError(path, f"expected an object, found {_kind(value)}")
            for key, item in value.items():
                check_structure(item, spec[1], (path, key))
            return
        if kind == "pair":
            if type(value) is not list or len(value) != 2:
                raise ShapeError(path, "expected a pair [start, end]")
            _check_items(value, spec[1], path)
            return
        raise AssertionError(spec)
    _check_scalar(value, spec, path)


def _may_be_absent(spec: Any) -> bool:
    return isinstance(spec, tuple) and spec[0] == "maybe"


def _check_items(values: list, spec: Any, path: Where) -> None:
    if spec == "str":  # the common long lists: one pass without recursion
        if all(type(v) is str for v in values):
            return
    elif spec == "int" or spec == "instant":
        if all(type(v) is int for v in values) and (spec == "int" or all(EARLIEST <= v <= LATEST for v in values)):
            return
    for i, item in enumerate(values):
        check_structure(item, spec, (path, i))


def _check_scalar(value: Any, spec: str, path: Where) -> None:
    if spec == "any":
        return
    if spec == "str":
        if type(value) is not str:
            raise ShapeError(path, f"expected a string, found {_kind(value)}")
    elif spec == "bool":
        if type(value) is not bool:
            raise ShapeError(path, f"expected true or false, found {_kind(value)}")
    elif spec == "int":
        if type(value) is not int:
            raise ShapeError(path, f"expected a whole number, found {_kind(value)}")
        if abs(value) > 2**62:
            raise ShapeError(path, "expected a whole number of at most 2^62 in size")
    elif spec == "instant":
        if type(value) is not int or not EARLIEST <= value <= LATEST:
            raise ShapeError(path, "expected epoch seconds within the years 1 to 9999")
    elif spec == SECONDS:
        if type(value) is not int or not 0 <= value <= MAX_SECONDS:
            raise ShapeError(path, f"expected whole seconds from 0 to {MAX_SECONDS:,}")
    elif spec == "working_days":
        if type(value) is not int or not 1 <= value <= MAX_WORKING_DAYS:
            raise ShapeError(path, f"expected a whole number of working days from 1 to {MAX_WORKING_DAYS}")
    elif spec == "span":
        ok = type(value) is list and len(value) == 3 and type(value[2]) is list and all(type(p) is str for p in value[2])
        if not ok or not all(type(t) is int and EARLIEST <= t <= LATEST for t in value[:2]):
            raise ShapeError(path, "expected [start, end, [person ids]] with epoch seconds")
    else:  # pragma: no cover - a typo in SPEC
        raise AssertionError(spec)


# --- 2. invariants ------------------------------------------------------------------------------


def check_document(document: Any) -> None:
    """Raise ShapeError for the first thing the engine could not rely on; None if the document is sound."""
    check_structure(document, SPEC, "$")
    _check_references(document)
    _check_zones(document)
    _check_governance(document)
    start, end = document["provenance"]["horizon_start"], document["provenance"]["horizon_end"]
    if (start is None) != (end is None) or (start is not None and not start < end):
        raise ShapeError("$.provenance.horizon_end", "the horizon must end after it starts")
    for key, schedule in document["schedules"].items():
        _check_windows(schedule["compiled"], child(child("$.schedules", key), "compiled"), key)
    for key, team in document["teams"].items():
        if team["rota"] is not None:
            _check_spans(team["rota"], child(child("$.teams", key), "rota"), key)
    for i, rule in enumerate(document["escalation"]):
        path = child("$.escalation", i)
        for k, phrase in enumerate(rule["when"]["keywords"]):
            if not phrase or not all(word for word in phrase):
                raise ShapeError(child(child(f"{path}.when", "keywords"), k), "a keyword phrase must be a list of non-empty words")
    ids = [rule["id"] for rule in document["escalation"]]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i, rule_id in enumerate(ids) if rule_id in ids[:i])
        raise ShapeError(child(child("$.escalation", duplicate), "id"), f"rule id '{ids[duplicate]}' is used twice")


def _check_references(document: dict) -> None:
    schedules, slas, teams = document["schedules"], document["slas"], document["teams"]
    people, channels, categories = document["people"], document["channels"], document["categories"]

    def refer(value: str | None, known: dict, path: str, what: str) -> None:
        if value is not None and value not in known:
            raise ShapeError(path, f"names the {what} '{_short(value)}', which the document does not define")

    for key, channel in channels.items():
        path = child("$.channels", key)
        refer(channel["team"], teams, f"{path}.team", "team")
        refer(channel["schedule"], schedules, f"{path}.schedule", "schedule")
        refer(channel["crisis_schedule"], schedules, f"{path}.crisis_schedule", "schedule")
        refer(channel.get("publishing"), schedules, f"{path}.publishing", "schedule")
        refer(channel["sla"], slas, f"{path}.sla", "SLA")
        refer(channel["crisis_sla"], slas, f"{path}.crisis_sla", "SLA")
        if channel["redirect"] is not None:
            refer(channel["redirect"]["channel"], channels, f"{path}.redirect.channel", "channel")
        for kind, handling in channel.get("kinds", {}).items():
            where = child(f"{path}.kinds", kind)
            if kind not in document.get("message_kinds", ()):
                raise ShapeError(where, f"'{_short(kind)}' is not one of the document's message_kinds")
            refer(handling["sla"], slas, f"{where}.sla", "SLA")
            if handling["redirect"] is not None:
                refer(handling["redirect"]["channel"], channels, f"{where}.redirect.channel", "channel")
    for key, team in teams.items():
        path = child("$.teams", key)
        refer(team["lead"], people, f"{path}.lead", "person")
        for k, member in enumerate(team["members"]):
            refer(member, people, child(f"{path}.members", k), "person")
        rota = team["rota"]
        if rota is not None:
            for k, span in enumerate(rota["spans"]):
                for person in span[2]:
                    refer(person, people, child(f"{path}.rota.spans", k), "person")
    for i, rule in enumerate(document["escalation"]):
        path = child("$.escalation", i)
        when = rule["when"]
        refer(rule["route_to"], teams, f"{path}.route_to", "team")
        refer(when["during"], schedules, f"{path}.when.during", "schedule")
        refer(when["outside"], schedules, f"{path}.when.outside", "schedule")
        for k, person in enumerate(rule["notify"]):
            refer(person, people, child(f"{path}.notify", k), "person")
        for k, category in enumerate(when["categories"]):
            refer(category, categories, child(f"{path}.when.categories", k), "category")
        for k, channel in enumerate(when["channels"]):
            refer(channel, channels, child(f"{path}.when.channels", k), "channel")
    for key, sla in slas.items():
        for target_key, target in sla["targets"].items():
            for kind in ("acknowledge", "respond"):
                windows = (target.get(kind) or {}).get("windows", [])
                for k, window in enumerate(windows):
                    path = child(f"{child(child(child('$.slas', key), 'targets'), target_key)}.{kind}.windows", k)
                    refer(window["during"], schedules, f"{path}.during", "schedule")
    for i, blackout in enumerate(document.get("blackouts", [])):
        path = child("$.blackouts", i)
        if not blackout["start"] < blackout["end"]:
            raise ShapeError(f"{path}.end", "a blackout must end after it starts")
        for k, channel_id in enumerate(blackout["channels"]):
            refer(channel_id, channels, child(f"{path}.channels", k), "channel")
    if document["crisis"] is not None:
        refer(document["crisis"]["schedule"], schedules, "$.crisis.schedule", "schedule")
        refer(document["crisis"]["sla"], slas, "$.crisis.sla", "SLA")


def _check_zones(document: dict) -> None:
    places = [("$.organization.timezone", document["organization"]["timezone"])]
    for key, schedule in document["schedules"].items():
        path = child("$.schedules", key)
        places += [(f"{path}.timezone", schedule["timezone"]), (f"{path}.compiled.timezone", schedule["compiled"]["timezone"])]
    for path, name in places:
        if not _is_zone(name):
            raise ShapeError(path, f"'{_short(name)}' is not an IANA time zone")


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    if not re.fullmatch(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*", name) or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, OSError, LookupError):  # unknown key, a folder such as 'Europe', unreadable data
        return False
    return True


def _check_windows(compiled: dict, path: str, key: str) -> None:
    import numpy as np

    if compiled["id"] != key:
        raise ShapeError(f"{path}.id", f"'{_short(compiled['id'])}' differs from the schedule's key '{_short(key)}'")
    start, end = compiled["horizon_start"], compiled["horizon_end"]
    if not start < end:
        raise ShapeError(f"{path}.horizon_end", "the horizon must end after it starts")
    windows = np.array(compiled["windows"], dtype=np.int64).reshape(-1, 2)
    empty = np.flatnonzero(windows[:, 0] >= windows[:, 1])
    if len(empty):
        raise ShapeError(child(f"{path}.windows", int(empty[0])), "a window must start before it ends")
    overlapping = np.flatnonzero(windows[1:, 0] <= windows[:-1, 1])
    if len(overlapping):
        raise ShapeError(child(f"{path}.windows", int(overlapping[0]) + 1), "windows must be sorted, disjoint and not touching")
    if len(windows) and (windows[0, 0] < start or windows[-1, 1] > end):
        raise ShapeError(f"{path}.windows", "windows must lie inside the schedule's horizon")
    cum = np.array(compiled["cum"], dtype=np.int64)
    expected = np.concatenate(([0], np.cumsum(windows[:, 1] - windows[:, 0])[:-1])) if len(windows) else cum[:0]
    if len(cum) != len(windows) or not np.array_equal(cum, expected):
        raise ShapeError(f"{path}.cum", "cum must hold the open seconds before each window")
    day_starts = np.array(compiled["day_starts"], dtype=np.int64)
    if len(day_starts) < 2 or day_starts[0] != start or day_starts[-1] != end or (np.diff(day_starts) <= 0).any():
        raise ShapeError(f"{path}.day_starts", "day_starts must rise from horizon_start to horizon_end")
    if len(compiled["day_closes"]) != len(day_starts) - 1:
        raise ShapeError(f"{path}.day_closes", "day_closes must have one entry per day")
    if len(compiled["work_closes"]) != len(day_starts) - 1:
        raise ShapeError(f"{path}.work_closes", "work_closes must have one entry per day")


def _check_spans(rota: dict, path: str, key: str) -> None:
    if rota["id"] != key:
        raise ShapeError(f"{path}.id", f"'{_short(rota['id'])}' differs from the team's key '{_short(key)}'")
    if not rota["horizon_start"] < rota["horizon_end"]:
        raise ShapeError(f"{path}.horizon_end", "the horizon must end after it starts")
    previous_end = None
    for k, (start, end, _) in enumerate(rota["spans"]):
        if not start < end:
            raise ShapeError(child(f"{path}.spans", k), "a span must start before it ends")
        if previous_end is not None and start < previous_end:
            raise ShapeError(child(f"{path}.spans", k), "spans must be sorted and must not overlap")
        previous_end = end


def _short(text: str, width: int = 40) -> str:
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= width else text[: width - 1] + "…"


def _check_governance(document: dict) -> None:
    """Periods of at least one unit, a yearly day that exists, accounts only of known channels."""
    import re as _re

    from socialkit.periods import MAX_YEARS

    records = document.get("records") or {}
    periods = [("$.records.removals.keep_for", (records.get("removals") or {}).get("keep_for"))]
    periods += [
        (child(child("$.records.content", key), "keep_for"), duty["keep_for"]) for key, duty in (records.get("content") or {}).items()
    ]
    periods.append(("$.records.snapshots.every", (records.get("snapshots") or {}).get("every")))
    governance = document.get("governance") or {}
    lifecycle = (governance.get("policy") or {}).get("lifecycle") or {}
    periods.append(("$.governance.policy.lifecycle.inactive_after", lifecycle.get("inactive_after")))
    for path, period in periods:
        if period is not None and not 1 <= period["count"] <= 366 * MAX_YEARS:
            raise ShapeError(child(path, "count"), f"expected a period of 1 to {366 * MAX_YEARS} units")
    starts = lifecycle.get("evaluation_starts")
    if starts is not None and not _re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])", starts):
        raise ShapeError("$.governance.policy.lifecycle.evaluation_starts", "expected a yearly day MM-DD")
    for key in governance.get("accounts") or {}:
        if key not in document["channels"]:
            raise ShapeError(child("$.governance.accounts", key), f"names the channel '{_short(key)}', which the document does not define")

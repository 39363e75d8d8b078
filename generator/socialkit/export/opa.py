"""Open Policy Agent bundle: the policy as Rego plus the data it reads.

Files under policies/ (see docs/guide/opa.md):

- ``opa/.manifest``: revision ``<strategy sha256>@<as_of>``, root ``socialkit``;
- ``opa/data.json``: ``data.socialkit.policy``, the parts of the policy
  document the Rego needs, its schedules and rotas compiled from the
  document's rules for ``BUNDLE_DAYS`` (three years) from as_of, every instant and duration in integer
  **nanoseconds** (so ``time.now_ns()`` and ``time.parse_rfc3339_ns`` compare
  with it directly), schedules and rotas as sorted columns for binary search;
- ``opa/socialkit/*.rego``: ``data.socialkit.decision`` and
  ``data.socialkit.errors`` for an ``input`` event (Rego v1 syntax);
- ``opa/bundle.tar.gz``: the same files as one standard bundle, byte-identical
  from build to build.

The Rego gives exactly the answers of ``socialkit.runtime.policy.Policy.decide``
(tests/opa checks thousands of events); it needs no time-zone built-ins, only
integer comparisons on the materialised windows.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from datetime import date
from importlib import resources
from typing import Any

from socialkit.export import ExportRequest
from socialkit.runtime import jsonout

NS = 1_000_000_000
DATA_FORMAT = "socialkit.opa/1"
ROOT = "socialkit"
NO_LIMIT = 2**62  # "no max_followers": above any follower count (the Rego's no_limit)
MAX_ENTRIES = 2**14 - 1  # the Rego's fixed-depth binary search covers this many entries
REGO_FILES = ("decision.rego", "event.rego", "lib.rego", "publish.rego", "moderate.rego", "moderation.rego", "governance.rego")
BUNDLE_DAYS = 1096  # the bundle's span from as_of (three years), compiled from the policy's rules


def bundle_document(document: dict[str, Any]) -> dict[str, Any]:
    """The document the bundle is made from: compiled from its rules for BUNDLE_DAYS from the same as_of,
    unless it already covers that long or carries no rules (an older document: used as it is)."""
    from socialkit.runtime.policy import Policy, extend_document

    if document["provenance"]["horizon_days"] >= BUNDLE_DAYS or not Policy(document).has_rules:
        return document
    return extend_document(document, BUNDLE_DAYS)


def export_files(request: ExportRequest) -> dict[str, bytes]:
    """The bundle's files, relative to policies/."""
    loose = bundle_files(request.document, as_of=request.as_of)
    files = {f"opa/{name}": data for name, data in loose.items()}
    files["opa/bundle.tar.gz"] = tarball(loose)
    return files


def bundle_files(document: dict[str, Any], *, as_of: date) -> dict[str, bytes]:
    """The bundle's files relative to the bundle root: .manifest, data.json, socialkit/*.rego."""
    document = bundle_document(document)
    files = {
        ".manifest": _json(manifest(document, as_of=as_of)),
        "data.json": jsonout.dumps({ROOT: {"policy": opa_data(document, as_of=as_of)}}).encode("utf-8"),
    }
    for name in REGO_FILES:
        files[f"{ROOT}/{name}"] = rego_source(name).encode("utf-8")
    return files


def rego_source(name: str) -> str:
    return resources.files(__package__).joinpath("rego", name).read_text(encoding="utf-8")


def revision(document: dict[str, Any], *, as_of: date) -> str:
    return f"{document['provenance'].get('strategy_sha256') or ''}@{as_of.isoformat()}"


def manifest(document: dict[str, Any], *, as_of: date) -> dict[str, Any]:
    provenance = document["provenance"]
    return {
        "revision": revision(document, as_of=as_of),
        "roots": [ROOT],
        "metadata": {
            "generator": f"socialkit {provenance.get('kit_version', '')}".strip(),
            "policy_format": document["format"],
            "data_format": DATA_FORMAT,
            "as_of": as_of.isoformat(),
            "horizon_days": provenance.get("horizon_days"),
            # Until when the bundle answers: arrivals at or after valid_until get null deadlines.
            "valid_from": _rfc3339(provenance.get("horizon_start")),
            "valid_until": _rfc3339(provenance.get("horizon_end")),
            "time_unit": "ns",
        },
    }


def _rfc3339(seconds: int | None) -> str | None:
    from datetime import UTC, datetime

    return None if seconds is None else datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def opa_data(document: dict[str, Any], *, as_of: date) -> dict[str, Any]:
    """`data.socialkit.policy`: what the Rego reads, instants and durations in ns."""
    provenance = document["provenance"]
    return {
        "format": DATA_FORMAT,
        "time_unit": "ns",
        "revision": revision(document, as_of=as_of),
        "provenance": {
            "strategy_sha256": provenance.get("strategy_sha256"),
            "as_of": as_of.isoformat(),
            "horizon_days": provenance.get("horizon_days"),
            "horizon_start_ns": _ns(provenance.get("horizon_start")),
            "horizon_end_ns": _ns(provenance.get("horizon_end")),
            "kit_version": provenance.get("kit_version"),
        },
        "organization": {
            "name": document["organization"]["name"],
            "timezone": document["organization"]["timezone"],
        },
        "categories": {
            category_id: {"reply_style": category.get("reply_style")} for category_id, category in document["categories"].items()
        },
        "channels": {channel_id: _channel(channel) for channel_id, channel in document["channels"].items()},
        "message_kinds": {kind: True for kind in document.get("message_kinds", ())},
        "slas": {sla_id: _sla(sla) for sla_id, sla in document["slas"].items()},
        "escalation": [_rule(rule) for rule in document["escalation"]],
        "condition_schedules": sorted({rule["when"][key] for rule in document["escalation"] for key in ("during", "outside")} - {None}),
        "window_schedules": _window_schedules(document),
        "schedules": {schedule_id: _schedule(schedule_id, schedule["compiled"]) for schedule_id, schedule in document["schedules"].items()},
        "teams": {
            team_id: {"rota": _rota(team_id, team["rota"]) if team.get("rota") else None} for team_id, team in document["teams"].items()
        },
        "blackouts": [_blackout(b) for b in document.get("blackouts", [])],
        "publishing": {channel_id: _publishing(document, channel_id) for channel_id in document["channels"]},
        "moderation": _moderation(document.get("moderation")),
        # governance.rego: calendar periods stay {count, unit}; a document from before them reads as "nothing stated"
        "records": document.get("records"),
        "governance": document.get("governance") or {"policy": None, "accounts": {}},
        "local_days": local_days(document["organization"]["timezone"], as_of),
    }


LOCAL_DAYS_BEFORE = 731  # inactivity looks back at the last post: two years of local dates before as_of


def local_days(zone_name: str, as_of: date) -> dict[str, Any]:
    """Consecutive local midnights in the zone as UTC ns, from two years before as_of to the bundle's end:
    the Rego finds an instant's local date here instead of calling a time-zone built-in."""
    from datetime import datetime, timedelta

    from socialkit.engine.localtime import zone

    tz = zone(zone_name)
    first = as_of - timedelta(days=LOCAL_DAYS_BEFORE)
    count = LOCAL_DAYS_BEFORE + BUNDLE_DAYS
    starts = [int(datetime.combine(first + timedelta(days=k), datetime.min.time(), tz).timestamp()) * NS for k in range(count + 1)]
    return {
        "first_day": (first - date(1970, 1, 1)).days,
        "starts": _checked("local_days", starts[:-1]),
        "end": starts[-1],
    }


def _moderation(moderation: dict[str, Any] | None) -> dict[str, Any] | None:
    """The moderation rules as the Rego reads them (durations in ns); older documents get empty rules."""
    if moderation is None:
        return None
    ladder = moderation.get("ladder")
    return {
        "reasons": moderation.get("reasons", []),
        "capabilities": moderation.get("capabilities", {}),
        "ladder": None
        if ladder is None
        else {
            "within": _ns(ladder["within"]),
            "reasons": ladder["reasons"],
            "steps": [{**step, "duration": _ns(step["duration"])} for step in ladder["steps"]],
        },
    }


def _blackout(blackout: dict[str, Any]) -> dict[str, Any]:
    return {
        "start": _ns(blackout["start"]),
        "end": _ns(blackout["end"]),
        "reason": blackout["reason"],
        "stops": list(blackout["stops"]),
        "channels": {channel_id: True for channel_id in blackout["channels"]},
        "all_channels": not blackout["channels"],
    }


def _publishing(document: dict[str, Any], channel_id: str) -> dict[str, Any]:
    """A channel's publishing schedule, the merged runs of blackouts that stop its publishing, and its
    publishing windows with those runs cut out (null without publishing hours): what the Rego looks up."""
    schedule = document["channels"][channel_id].get("publishing")
    runs = _merged(
        (b["start"], b["end"])
        for b in document.get("blackouts", [])
        if "publishing" in b["stops"] and (not b["channels"] or channel_id in b["channels"])
    )
    windows = None
    if schedule is not None:
        pieces = _cut(document["schedules"][schedule]["compiled"]["windows"], runs)
        where = f"channel {channel_id} publishing windows"
        windows = {"starts": _checked(where, [s * NS for s, _ in pieces]), "ends": [e * NS for _, e in pieces]}
    return {
        "schedule": schedule,
        "blocked": {"starts": _checked(f"channel {channel_id} blackouts", [s * NS for s, _ in runs]), "ends": [e * NS for _, e in runs]},
        "windows": windows,
    }


def _merged(spans: Any) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) spans joined into sorted runs."""
    runs: list[list[int]] = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]


def _cut(windows: list[list[int]], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows minus the runs (both sorted and disjoint), empty pieces dropped."""
    pieces = []
    for start, end in windows:
        cursor = start
        for run_start, run_end in runs:
            if run_end <= cursor or run_start >= end:
                continue
            if run_start > cursor:
                pieces.append((cursor, run_start))
            cursor = max(cursor, run_end)
        if cursor < end:
            pieces.append((cursor, end))
    return pieces


def _ns(seconds: int | None) -> int | None:
    return None if seconds is None else int(seconds) * NS


def _timing(timing: dict[str, Any] | None) -> dict[str, Any] | None:
    if timing is None:
        return None
    if "windows" in timing:
        return {"windows": [{**_timing(window), "during": window["during"], "clock": window["clock"]} for window in timing["windows"]]}  # type: ignore[dict-item]
    closed = timing.get("if_received_closed")
    within = timing["within"]
    return {
        "within": within if isinstance(within, dict) else _ns(within),  # {"working_days": n} as it is
        "if_received_closed": closed if closed is None or isinstance(closed, str) else _ns(closed),
    }


def _window_schedules(document: dict[str, Any]) -> list[str]:
    """The schedules arrival windows name: their state at the arrival picks the window."""
    return sorted(
        {
            window["during"]
            for sla in document["slas"].values()
            for target in sla["targets"].values()
            for kind in ("acknowledge", "respond")
            for window in (target.get(kind) or {}).get("windows", ())
        }
        - {None}
    )


def _channel(channel: dict[str, Any]) -> dict[str, Any]:
    """What the Rego reads of a channel; the promise always present (derived as the Python API derives it)."""
    from socialkit.runtime.policy import channel_promise_of

    update = channel.get("update_if_longer")
    return {
        **{key: channel[key] for key in ("team", "schedule", "sla", "crisis_schedule", "crisis_sla")},
        "kinds": channel.get("kinds", {}),
        "promise": channel_promise_of(channel),
        "update_if_longer": None if update is None else {"after": _ns(update["after"]), "clock": update["clock"]},
    }


def _sla(sla: dict[str, Any]) -> dict[str, Any]:
    return {
        "clock": sla["clock"],
        "targets": {
            key: {
                "acknowledge": _timing(target.get("acknowledge")),
                "respond": _timing(target.get("respond")),
                "promise": target.get("promise", "deadline"),
            }
            for key, target in sla["targets"].items()
        },
    }


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rule["id"],
        "when": dict(rule["when"]),
        "match": _match(rule["when"]),
        "priority": rule["priority"],
        "route_to": rule["route_to"],
        "notify": list(rule["notify"]),
        "acknowledge_within": _ns(rule["acknowledge_within"]),
        "respond_within": _ns(rule["respond_within"]),
        "clock": rule["clock"],
        "reply_style": rule["reply_style"],
    }


def _match(when: dict[str, Any]) -> dict[str, Any]:
    """The rule's plain conditions in a form Rego checks without a function call:
    sets as objects with an any_* flag for "no condition", follower limits that
    unknown followers (-1 against a minimum, NO_LIMIT against a maximum) pass
    only when absent, and the crisis values that match."""

    def as_set(values: list[str]) -> dict[str, bool]:
        return {value: True for value in values}

    return {
        "categories": as_set(when["categories"]),
        "any_category": not when["categories"],
        "channels": as_set(when["channels"]),
        "any_channel": not when["channels"],
        "author_types": as_set(when["author_types"]),
        "any_author_type": not when["author_types"],
        "kinds": as_set(when.get("kinds", [])),
        "any_kind": not when.get("kinds"),
        "min_followers": -1 if when["min_followers"] is None else when["min_followers"],
        "max_followers": NO_LIMIT if when["max_followers"] is None else min(when["max_followers"], NO_LIMIT),
        "crisis": [False, True] if when["crisis"] is None else [bool(when["crisis"])],
    }


def _checked(what: str, values: list[int]) -> list[int]:
    if len(values) > MAX_ENTRIES:
        raise ValueError(
            f"{what}: {len(values)} entries; the OPA bundle's binary search covers at most {MAX_ENTRIES} (shorten horizon_days)"
        )
    return values


def _schedule(schedule_id: str, compiled: dict[str, Any]) -> dict[str, Any]:
    windows = compiled["windows"]
    starts = [start * NS for start, _ in windows]
    ends = [end * NS for _, end in windows]
    cum = [c * NS for c in compiled["cum"]]
    where = f"schedule {schedule_id}"
    return {
        "timezone": compiled["timezone"],
        "horizon_start": compiled["horizon_start"] * NS,
        "horizon_end": compiled["horizon_end"] * NS,
        "starts": _checked(where, starts),
        "ends": ends,
        "cum": cum,
        "cum_end": [c + (e - s) for c, s, e in zip(cum, starts, ends)],
        "day_starts": _checked(where, [d * NS for d in compiled["day_starts"]]),
        "day_closes": [c * NS for c in compiled["day_closes"]],  # -1 s (no open time) stays the none sentinel
        # the working days (dates with open time) as indexes into day_starts, and their closes
        "working_days": _checked(where, [k for k, c in enumerate(compiled["work_closes"]) if c >= 0]),
        "working_closes": [c * NS for c in compiled["work_closes"] if c >= 0],
    }


def _rota(team_id: str, rota: dict[str, Any]) -> dict[str, Any]:
    spans = rota["spans"]
    return {
        "horizon_start": rota["horizon_start"] * NS,
        "horizon_end": rota["horizon_end"] * NS,
        "starts": _checked(f"team {team_id} rota", [start * NS for start, _, _ in spans]),
        "ends": [end * NS for _, end, _ in spans],
        "persons": [list(persons) for _, _, persons in spans],
    }


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def tarball(files: dict[str, bytes]) -> bytes:
    """A gzipped tar of `files`, byte-identical for equal input: sorted entries,
    mtime 0, uid/gid 0, no user or group names, gzip header without name or time."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(files):
            data = files[name]
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()

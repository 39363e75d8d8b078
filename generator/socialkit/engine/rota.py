"""Compile a RotaSpec into piecewise-constant UTC spans of who is on duty.

Each layer yields one person at a time: the number of hand-offs since the
layer's start, modulo the length of its order. A rotation that is a whole
number of days hands off at the layer's local start wall time every N days
(so a weekly 08:00 Monday hand-off stays at 08:00 across DST); any other
rotation counts real elapsed seconds. A layer with restrict_to counts only
while that schedule is open. A layer of dated turns (a relay) puts each
turn's person on duty from its start to its end (or to the next turn's
start); overlapping turns put both people on duty. Overrides are then
applied in the order given.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from socialkit.engine.errors import HorizonError
from socialkit.engine.localtime import local_midnight, wall_to_utc, zone
from socialkit.engine.spec import RotaLayer, RotaOverride, RotaSpec, RotaTurn
from socialkit.engine.windows import compile_schedule, spec_from_plain, spec_to_plain

__all__ = ["CompiledRota", "compile_rota", "on_duty", "rota_spec_from_plain", "rota_spec_to_plain", "rota_to_plain"]

DAY = 86400
PLAIN_FORMAT = "socialkit.rota/1"
# Hand-offs one layer may make over a horizon: a guard against a turn of seconds that would never finish
# (validation refuses far fewer, see checks/bounds.py; this protects direct callers of the engine).
MAX_TURNS = 1_000_000

Span = tuple[int, int, str]


@dataclass(frozen=True, slots=True, eq=False)
class CompiledRota:
    """Spans [starts[i], ends[i]) with persons[i] on duty (never empty).

    Spans are sorted and disjoint; adjacent spans have different persons.
    Outside every span inside the horizon, nobody is on duty.
    """

    id: str
    timezone: str
    as_of: date
    horizon_start: int
    horizon_end: int
    starts: np.ndarray
    ends: np.ndarray
    persons: tuple[tuple[str, ...], ...]

    def to_plain(self) -> dict[str, Any]:
        return rota_to_plain(self)


# -- one layer ------------------------------------------------------------------


def _day_rotation_spans(layer: RotaLayer, tz: ZoneInfo, as_of: date, he: int) -> list[Span]:
    days = layer.rotation_seconds // DAY
    k = max(0, (as_of - layer.start.date()).days // days - 1)
    spans: list[Span] = []
    start = wall_to_utc(tz, layer.start + timedelta(days=k * days))
    while start < he:
        end = wall_to_utc(tz, layer.start + timedelta(days=(k + 1) * days))
        spans.append((start, end, layer.order[k % len(layer.order)]))
        k, start = k + 1, end
    return spans


def _elapsed_rotation_spans(layer: RotaLayer, tz: ZoneInfo, hs: int, he: int) -> list[Span]:
    origin = wall_to_utc(tz, layer.start)
    step = layer.rotation_seconds
    k = max(0, (hs - origin) // step)
    spans: list[Span] = []
    while origin + k * step < he:
        start = origin + k * step
        spans.append((start, start + step, layer.order[k % len(layer.order)]))
        k += 1
    return spans


def _clip(spans: list[Span], hs: int, he: int) -> list[Span]:
    out = [(max(s, hs), min(e, he), p) for s, e, p in spans]
    return [(s, e, p) for s, e, p in out if e > s]


def _intersect(spans: list[Span], starts: np.ndarray, ends: np.ndarray) -> list[Span]:
    """Parts of `spans` inside the windows [starts[i], ends[i])."""
    out: list[Span] = []
    for s, e, person in spans:
        i = max(int(np.searchsorted(ends, s, side="right")), 0)
        while i < len(starts) and starts[i] < e:
            lo, hi = max(s, int(starts[i])), min(e, int(ends[i]))
            if hi > lo:
                out.append((lo, hi, person))
            i += 1
    return out


def turn_ends(turns: tuple[RotaTurn, ...]) -> list[tuple[RotaTurn, datetime | None]]:
    """Each turn (by start) with the local end it has: its own, else the next later turn's start, else None (open-ended)."""
    ordered = sorted(turns, key=lambda t: t.start)
    out: list[tuple[RotaTurn, datetime | None]] = []
    for i, turn in enumerate(ordered):
        later = [t.start for t in ordered[i + 1 :] if t.start > turn.start]
        out.append((turn, turn.end if turn.end is not None else (later[0] if later else None)))
    return out


def _turn_spans(layer: RotaLayer, tz: ZoneInfo, hs: int, he: int) -> list[list[Span]]:
    """One span list per named turn, so overlapping turns put both people on duty."""
    out: list[list[Span]] = []
    for turn, end in turn_ends(layer.turns):
        if turn.person is None:
            continue
        start = wall_to_utc(tz, turn.start)
        stop = he if end is None else wall_to_utc(tz, end)
        out.append(_clip([(start, stop, turn.person)], hs, he))
    return out


def _restricted(spans: list[Span], layer: RotaLayer, as_of: date, horizon_days: int) -> list[Span]:
    if layer.restrict_to is None:
        return spans
    cs = compile_schedule(layer.restrict_to, as_of - timedelta(days=1), horizon_days + 2)
    return _intersect(spans, cs.starts, cs.ends)


def _layer_span_lists(layer: RotaLayer, tz: ZoneInfo, as_of: date, horizon_days: int, hs: int, he: int) -> list[list[Span]]:
    """A layer's on-duty spans: one list for a rotation, one per turn for dated turns."""
    if layer.turns:
        return [_restricted(spans, layer, as_of, horizon_days) for spans in _turn_spans(layer, tz, hs, he)]
    return [_layer_spans(layer, tz, as_of, horizon_days, hs, he)]


def _layer_spans(layer: RotaLayer, tz: ZoneInfo, as_of: date, horizon_days: int, hs: int, he: int) -> list[Span]:
    if layer.rotation_seconds <= 0:
        raise ValueError(f"rota layer {layer.id!r}: rotation_seconds must be > 0")
    if not layer.order:
        return []
    if (he - hs) // layer.rotation_seconds > MAX_TURNS:
        raise ValueError(
            f"rota layer {layer.id!r}: a turn of {layer.rotation_seconds}s hands off more than {MAX_TURNS} times over the horizon"
        )
    if layer.rotation_seconds % DAY == 0:
        spans = _day_rotation_spans(layer, tz, as_of, he)
    else:
        spans = _elapsed_rotation_spans(layer, tz, hs, he)
    return _restricted(_clip(spans, hs, he), layer, as_of, horizon_days)


# -- combining layers and overrides ------------------------------------------------


def _unique(persons: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(persons))


def _apply_overrides(persons: tuple[str, ...], active: list[RotaOverride]) -> tuple[str, ...]:
    for ov in active:
        if ov.replaces is None:
            persons = (ov.person,)
        elif ov.replaces in persons:
            persons = _unique([ov.person if p == ov.replaces else p for p in persons])
    return persons


def _person_at(spans: list[Span], span_starts: list[int], t: int) -> str | None:
    i = bisect_right(span_starts, t) - 1
    if i >= 0 and t < spans[i][1]:
        return spans[i][2]
    return None


def _combine(
    layers: list[list[Span]],
    overrides: list[tuple[int, int, RotaOverride]],
    hs: int,
    he: int,
) -> list[tuple[int, int, tuple[str, ...]]]:
    cuts = {hs, he}
    for spans in layers:
        for s, e, _ in spans:
            cuts.update((s, e))
    for s, e, _ in overrides:
        cuts.update((s, e))
    points = sorted(c for c in cuts if hs <= c <= he)
    starts_by_layer = [[s for s, _, _ in spans] for spans in layers]
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for lo, hi in zip(points, points[1:]):
        found = (_person_at(sp, st, lo) for sp, st in zip(layers, starts_by_layer))
        persons = _unique([p for p in found if p is not None])
        active = [ov for s, e, ov in overrides if s <= lo < e]
        persons = _apply_overrides(persons, active)
        if not persons:
            continue
        if out and out[-1][1] == lo and out[-1][2] == persons:
            out[-1] = (out[-1][0], hi, persons)
        else:
            out.append((lo, hi, persons))
    return out


def compile_rota(spec: RotaSpec, as_of: date, horizon_days: int = 400) -> CompiledRota:
    """Compile `spec` over [local midnight of as_of, local midnight of
    as_of + horizon_days) in the rota's timezone."""
    if horizon_days < 1:
        raise ValueError(f"horizon_days must be >= 1, got {horizon_days}")
    tz = zone(spec.timezone)
    hs = local_midnight(tz, as_of)
    he = local_midnight(tz, as_of + timedelta(days=horizon_days))
    layers = [spans for layer in spec.layers for spans in _layer_span_lists(layer, tz, as_of, horizon_days, hs, he)]
    overrides = []
    for ov in spec.overrides:
        if ov.end <= ov.start:
            raise ValueError(f"rota {spec.id!r}: override for {ov.person!r} ends before it starts")
        overrides.append((wall_to_utc(tz, ov.start), wall_to_utc(tz, ov.end), ov))
    spans = _combine(layers, overrides, hs, he)
    return CompiledRota(
        id=spec.id,
        timezone=spec.timezone,
        as_of=as_of,
        horizon_start=hs,
        horizon_end=he,
        starts=np.array([s for s, _, _ in spans], dtype=np.int64),
        ends=np.array([e for _, e, _ in spans], dtype=np.int64),
        persons=tuple(p for _, _, p in spans),
    )


def on_duty(cr: CompiledRota, t: int) -> tuple[str, ...]:
    """Persons on duty at instant t (possibly empty)."""
    if not cr.horizon_start <= t < cr.horizon_end:
        raise HorizonError(f"rota {cr.id!r}: instant {t} outside the compiled horizon [{cr.horizon_start}, {cr.horizon_end})")
    i = int(np.searchsorted(cr.starts, t, side="right")) - 1
    if i >= 0 and t < cr.ends[i]:
        return cr.persons[i]
    return ()


def rota_to_plain(cr: CompiledRota) -> dict[str, Any]:
    """JSON-ready dict: spans as [[start, end, [person, ...]], ...]."""
    return {
        "format": PLAIN_FORMAT,
        "id": cr.id,
        "timezone": cr.timezone,
        "as_of": cr.as_of.isoformat(),
        "horizon_start": cr.horizon_start,
        "horizon_end": cr.horizon_end,
        "spans": [[int(s), int(e), list(p)] for s, e, p in zip(cr.starts, cr.ends, cr.persons)],
    }


# -- the rules as plain data ------------------------------------------------------


def rota_spec_to_plain(spec: RotaSpec) -> dict[str, Any]:
    """The rota's rules (layers, overrides; naive local datetimes as ISO 8601) as JSON-ready data."""
    return {
        "id": spec.id,
        "timezone": spec.timezone,
        "layers": [
            {
                "id": layer.id,
                "start": layer.start.isoformat(),
                "rotation_seconds": layer.rotation_seconds,
                "order": list(layer.order),
                "restrict_to": None if layer.restrict_to is None else spec_to_plain(layer.restrict_to),
                "turns": [
                    {"person": t.person, "start": t.start.isoformat(), "end": None if t.end is None else t.end.isoformat()}
                    for t in layer.turns
                ],
            }
            for layer in spec.layers
        ],
        "overrides": [
            {"start": o.start.isoformat(), "end": o.end.isoformat(), "person": o.person, "replaces": o.replaces} for o in spec.overrides
        ],
    }


def rota_spec_from_plain(data: dict[str, Any]) -> RotaSpec:
    """Inverse of rota_spec_to_plain."""
    return RotaSpec(
        id=data["id"],
        timezone=data["timezone"],
        layers=tuple(
            RotaLayer(
                id=layer["id"],
                start=datetime.fromisoformat(layer["start"]),
                rotation_seconds=int(layer["rotation_seconds"]),
                order=tuple(layer["order"]),
                restrict_to=None if layer["restrict_to"] is None else spec_from_plain(layer["restrict_to"]),
                turns=tuple(
                    RotaTurn(
                        t["person"], datetime.fromisoformat(t["start"]), None if t["end"] is None else datetime.fromisoformat(t["end"])
                    )
                    for t in layer.get("turns", [])
                ),
            )
            for layer in data["layers"]
        ),
        overrides=tuple(
            RotaOverride(datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]), o["person"], o["replaces"])
            for o in data["overrides"]
        ),
    )

"""Semantic diff of two compiled policies: what a pull request changes, in plain words. Pure.

A side is the policy document (`compile.compile_policy`), validated once into
the published schema's types (`compile.policy_schema.PolicyDocument`), plus,
when it was compiled from a strategy, `definitions(strategy)`: the parts of the strategy
the policy does not carry (display names, rota layers and overrides, goals,
channel handles, the holiday calendar). `diff_sides` compares definitions,
not compiled windows, so that reordering or reformatting YAML changes nothing;
the one exception is dated effects: a closure, special hours or a changed
holiday calendar shows as the dates whose opening hours differ from what the
weekly hours alone would give, e.g. "closed 2026-12-24 added".

Each change is a template in our own words plus the user-supplied values it
mentions, so the Markdown renderer can escape exactly the values.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from socialkit.compile.policy_schema import (
    ArrivalWindow,
    ArrivalWindows,
    Blackout,
    Channel,
    CompiledSchedule,
    Conditions,
    Crisis,
    KindHandling,
    PolicyDocument,
    Redirect,
    Rota,
    Rule,
    Schedule,
    Sla,
    Target,
    Timing,
    WorkingDays,
)
from socialkit.engine import intervals
from socialkit.errors import InputError
from socialkit.report import Reporters
from socialkit.strategy.scalars import format_duration
from socialkit.words import WEEKDAYS

DIFF_FORMAT = "socialkit.diff/v1"
MARKER = "<!-- socialkit-diff -->"  # lets a CI job find and update its own PR comment


# --- plain-data results ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One sentence: `template` is ours ({} marks a value), `values` come from the strategy."""

    template: str
    values: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.template.format(*self.values)


@dataclass(frozen=True)
class Section:
    kind: str  # organization, goals, channel, schedule, sla, categories, team, people, escalation, crisis, moderation
    id: str | None
    title: str
    changes: tuple[Change, ...]


class PolicyShapeError(InputError):
    """A side whose document does not fit the policy schema: one line naming the side and where."""


@dataclass(frozen=True)
class Side:
    """One side of a diff: its label ("origin/main", "working tree", "old/policy.json"), its
    policy document read through the schema types, and the strategy's definitions when known."""

    label: str
    document: PolicyDocument
    definitions: dict[str, Any] | None = None

    @classmethod
    def of(cls, label: str, policy: dict[str, Any], definitions: dict[str, Any] | None = None) -> Side:
        """The side of a policy document (`socialkit.policy/v1` as JSON data), validated once."""
        return cls(label, typed_document(label, policy), definitions)


def typed_document(label: str, policy: dict[str, Any]) -> PolicyDocument:
    try:
        return PolicyDocument.model_validate(policy)
    except ValidationError as err:
        first = err.errors()[0]
        path = _plain(".".join(str(part) for part in first["loc"]))  # keys come from the file: keep it one line
        where = f"at '{path}'" if path else "at the top level"
        raise PolicyShapeError(f"{_plain(label)}: not a valid policy document {where}: {_plain(first['msg'])}") from None


@dataclass(frozen=True)
class Diff:
    base: str
    head: str
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def count(self) -> int:
        return sum(len(s.changes) for s in self.sections)


# --- what the policy does not carry ------------------------------------------------------------


def definitions(strategy) -> dict[str, Any]:
    """The strategy's definitions that matter to a reviewer but are not in the policy document."""
    lang = strategy.organization.languages[0] if strategy.organization.languages else "en"
    holidays = strategy.organization.holidays
    return {
        "names": {
            "schedules": {s.id: _in(s.name, lang) for s in strategy.schedules if s.name},
            "slas": {s.id: _in(s.name, lang) for s in strategy.slas if s.name},
            "teams": {t.id: _in(t.name, lang) for t in strategy.teams},
        },
        "holidays": None
        if holidays is None
        else {
            "country": holidays.country,
            "subdivision": holidays.subdivision,
            "also_closed": sorted(str(d) for d in holidays.also_closed),
            "not_closed": sorted(holidays.not_closed),
        },
        "goals": {
            g.id: {
                "statement": g.statement,
                "metric": g.metric,
                "target": _number(g.target),
                "unit": g.unit,
                "baseline": None if g.baseline is None else _number(g.baseline),
                "deadline": None if g.deadline is None else g.deadline.isoformat(),
                "owner": g.owner,
            }
            for g in strategy.goals
        },
        "channels": {
            c.id: {
                "handle": c.handle,
                "audiences": sorted(c.audiences),
                "check_times": sorted(c.check_times),
                "disclosures": sorted(c.disclosures),
                "min_posts": f"{c.min_posts.count} per {c.min_posts.per}" if c.min_posts else None,
            }
            for c in strategy.channels
        },
        "rotas": {t.id: _rota_definition(t.rota) for t in strategy.teams if t.rota is not None},
        "crisis_declared_by": sorted(strategy.crisis.declared_by) if strategy.crisis else [],
    }


def _rota_definition(rota) -> dict[str, Any]:
    return {
        "timezone": rota.timezone,
        "layers": {
            layer.id: {
                "start": _local(layer.start) if layer.start else None,
                "every": layer.every,
                "order": list(layer.order),
                "only_during": layer.only_during,
                "turns": _turns_definition(layer),
            }
            for layer in rota.layers
        },
        "overrides": sorted([o.person, o.replaces, _local(o.start), _local(o.end)] for o in rota.overrides),
    }


def _turns_definition(layer) -> list[list[str | None]]:
    """Dated turns as [person, start, end] with the end each turn has (None: until further notice)."""
    from socialkit.engine.rota import turn_ends
    from socialkit.engine.spec import RotaTurn

    turns = tuple(RotaTurn(t.person, t.start, t.end) for t in layer.turns)
    return [[t.person, _local(t.start), _local(end) if end else None] for t, end in turn_ends(turns)]


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _in(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return text.get(lang) or next(iter(text.values()), "")
    return "" if text is None else str(text)


def _texts(old: Any, new: Any, lang: str) -> tuple[str, str]:
    """Two texts (plain or per language): in `lang` if that differs, else only the languages that differ."""
    a, b = _plain(_in(old, lang)), _plain(_in(new, lang))
    if a != b or not (isinstance(old, dict) and isinstance(new, dict)):
        return a, b
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    return (_plain({k: old.get(k) for k in changed}), _plain({k: new.get(k) for k in changed}))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# --- the diff ----------------------------------------------------------------------------------


def diff_sides(old: Side, new: Side) -> Diff:
    """Every semantic change from `old` to `new`, grouped by subject in a fixed order."""
    ctx = _Context(old, new)
    token = _NAMES.set(ctx.names())
    try:
        return _diff(ctx, old, new)
    finally:
        _NAMES.reset(token)


def _diff(ctx: _Context, old: Side, new: Side) -> Diff:
    sections = [
        *_organization(ctx),
        *_goals(ctx),
        *_channels(ctx),
        *_schedules(ctx),
        *_slas(ctx),
        *_categories(ctx),
        *_teams(ctx),
        *_people(ctx),
        *_escalation(ctx),
        *_crisis(ctx),
        *_moderation(ctx),
        *_records_and_governance(ctx),
        *_blackouts(ctx),
    ]
    return Diff(old.label, new.label, tuple(s for s in sections if s.changes), tuple(_notes(old, new)))


class _Context:
    def __init__(self, old: Side, new: Side) -> None:
        self.old, self.new = old.document, new.document
        self.old_defs, self.new_defs = old.definitions, new.definitions
        self.both_defs = old.definitions is not None and new.definitions is not None
        languages = new.document.organization.languages or ["en"]
        self.lang = languages[0]

    def names(self) -> dict[str, dict[str, str]]:
        """Display names by kind and id, the new side winning: people from the documents, the rest from the strategies."""
        out: dict[str, dict[str, str]] = {}
        for defs in (self.old_defs, self.new_defs):
            for kind, names in ((defs or {}).get("names") or {}).items():
                out.setdefault(kind, {}).update(names)
        for document in (self.old, self.new):
            out.setdefault("people", {}).update({id_: p.name for id_, p in document.people.items() if p.name})
            out.setdefault("channels", {}).update({id_: c.name for id_, c in document.channels.items() if c.name})
            categories = {id_: _in(c.name, self.lang) for id_, c in document.categories.items()}
            out.setdefault("categories", {}).update({id_: name for id_, name in categories.items() if name})
        return out

    def name(self, kind: str, id_: str) -> str | None:
        for defs in (self.new_defs, self.old_defs):
            if defs and id_ in defs["names"].get(kind, {}):
                return defs["names"][kind][id_]
        return None

    def defs(self, side: str, *keys: str) -> Any:
        value = self.old_defs if side == "old" else self.new_defs
        for key in keys:
            value = (value or {}).get(key)
        return value


def _notes(old: Side, new: Side) -> list[str]:
    a, b = old.document.provenance.as_of, new.document.provenance.as_of
    if a != b:
        return [f"the two sides were compiled from different dates ({a} and {b}); dated changes cover the dates both include"]
    return []


# Display names of the diff being made (people, teams, schedules, channels, categories), set by diff_sides.
_NAMES: ContextVar[dict[str, dict[str, str]] | None] = ContextVar("names", default=None)


def _named(kind: str) -> Callable[[Any], str]:
    """A formatter that shows an id of `kind` (or a list of them) by its name, the id where there is none."""

    def show(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return ", ".join(show(v) for v in value) or "none"
        return _plain((_NAMES.get() or {}).get(kind, {}).get(value, value))

    return show


def _title(word: str, name: str | None, id_: str) -> str:
    """'Channel Instagram', 'Schedule Kontorstid (office-hours)': the id only where it adds something."""
    if not name or name == id_:
        return f"{word} {id_}"
    if name.casefold() == id_.casefold():
        return f"{word} {name}"
    return f"{word} {name} ({id_})"


def _keyed(old: dict, new: dict) -> tuple[list[str], list[str], list[str]]:
    """(removed, added, common) ids, each sorted."""
    return sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys()), sorted(old.keys() & new.keys())


# value formatting: every value a sentence mentions passes through one of these


def human_duration(seconds: int | None) -> str:
    """14400 -> '4 h', 5400 -> '1 h 30 min', 172800 -> '2 d'."""
    if seconds is None:
        return "none"
    if seconds >= 604800 and seconds % 604800 == 0:
        return f"{seconds // 604800} w"
    if seconds >= 2 * 86400 and seconds % 86400 == 0:
        return f"{seconds // 86400} d"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else "", f"{secs} s" if secs else ""]
    return " ".join(p for p in parts if p) or "0 min"


def human_within(within: int | WorkingDays) -> str:
    """A target: '4 h', or '2 working days'."""
    if isinstance(within, WorkingDays):
        return f"{within.working_days} working day" + ("" if within.working_days == 1 else "s")
    return human_duration(within)


def _timing(timing: Timing | ArrivalWindows | None, names: Callable[[str], str] = lambda s: s) -> str:
    if timing is None:
        return "none"
    if isinstance(timing, ArrivalWindows):
        return "; ".join(_window_promise(window, names) for window in timing.windows)
    closed = timing.if_received_closed
    text = human_within(timing.within)
    if closed == "end-of-next-business-day":
        return f"{text} (end of next business day if received while closed)"
    if closed is not None:
        return f"{text} ({human_duration(closed)} after opening if received while closed)"
    return text


def _window_promise(window: ArrivalWindow, names: Callable[[str], str]) -> str:
    """'4 h on the business clock if received during Office hours' (or '... otherwise')."""
    when = "otherwise" if window.during is None else f"if received during {names(window.during)}"
    clock = "" if isinstance(window.within, WorkingDays) else f" on the {window.clock} clock"
    return f"{_timing(Timing(within=window.within, if_received_closed=window.if_received_closed))}{clock} {when}"


def _plain(value: Any) -> str:
    """Any policy value as one clean line of text (no control characters, no newlines)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "none"
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", str(value)).split())


def _hours(intervals: Iterable[tuple[int, int]]) -> str:
    spans = [f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in intervals]
    return ", ".join(spans) or "closed"


# generic comparisons


def _scalar(
    label: str, old: Any, new: Any, fmt: Callable[[Any], str] = _plain, none: str | None = None, pre: tuple[str, ...] = ()
) -> list[Change]:
    """'{label} a -> b'. `label` may hold {} for the values in `pre` (ids); with `none` (what an
    absent value means) missing values read as that text instead of 'added'/'removed'."""
    if old == new:
        return []
    if none is not None:
        shown = lambda v: none if v is None else fmt(v)  # noqa: E731
        return [Change(f"{label} {{}} -> {{}}", (*pre, shown(old), shown(new)))]
    if old is None:
        return [Change(f"{label} {{}} added", (*pre, fmt(new)))]
    if new is None:
        return [Change(f"{label} {{}} removed", (*pre, fmt(old)))]
    return [Change(f"{label} {{}} -> {{}}", (*pre, fmt(old), fmt(new)))]


def _set(
    old: Iterable, new: Iterable, added: str, removed: str, fmt: Callable[[Any], str] = _plain, pre: tuple[str, ...] = ()
) -> list[Change]:
    """Items gained and lost, whatever their order: `added`/`removed` are templates ending with the item's {}."""
    before, after = {_freeze(v) for v in old or ()}, {_freeze(v) for v in new or ()}
    out = [Change(removed, (*pre, fmt(v))) for v in sorted(before - after, key=repr)]
    out += [Change(added, (*pre, fmt(v))) for v in sorted(after - before, key=repr)]
    return out


def _freeze(value: Any) -> Any:
    return tuple(_freeze(v) for v in value) if isinstance(value, list) else value


def _fields(
    prefix: str, old: Any, new: Any, spec: list[tuple[str, Callable[[Any], Any], Callable[[Any], str]]], pre: tuple[str, ...] = ()
) -> list[Change]:
    """Scalar fields of two records: spec is (label, field of a record, formatter)."""
    out: list[Change] = []
    for label, read, fmt in spec:
        out += _scalar(f"{prefix}{label}", read(old), read(new), fmt, pre=pre)
    return out


# --- organisation and goals --------------------------------------------------------------------


def _organization(ctx: _Context) -> list[Section]:
    old, new = ctx.old.organization, ctx.new.organization
    changes = _fields(
        "",
        old,
        new,
        [("name", lambda o: o.name, _plain), ("time zone", lambda o: o.timezone, _plain), ("website", lambda o: o.website, _plain)],
    )
    changes += _scalar("languages", old.languages, new.languages)
    if ctx.both_defs:
        changes += _holiday_calendar(ctx.defs("old", "holidays"), ctx.defs("new", "holidays"))
    return [Section("organization", None, "Organisation", tuple(changes))]


def _holiday_calendar(old: dict | None, new: dict | None) -> list[Change]:
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [Change("public-holiday calendar " + ("added" if old is None else "removed"))]
    changes = _scalar("public holidays: country", old["country"], new["country"])
    changes += _scalar("public holidays: subdivision", old["subdivision"], new["subdivision"])
    changes += _set(
        old["also_closed"], new["also_closed"], "public holidays: also closed on {} added", "public holidays: also closed on {} removed"
    )
    changes += _set(old["not_closed"], new["not_closed"], "public holidays: open on {} added", "public holidays: open on {} removed")
    return changes


def _goals(ctx: _Context) -> list[Section]:
    if not ctx.both_defs:
        return []
    old, new = ctx.defs("old", "goals"), ctx.defs("new", "goals")
    removed, added, common = _keyed(old, new)
    changes = [Change("goal {} removed", (g,)) for g in removed]
    for g in added:
        goal = new[g]
        target = f"{_plain(goal['target'])} {goal['unit']}" if goal["unit"] else _plain(goal["target"])
        changes.append(
            Change(
                "goal {} added: {} (target {} by {}, owner {})",
                (g, _plain(_in(goal["statement"], ctx.lang)), _plain(target), goal["deadline"] or "no deadline", goal["owner"] or "nobody"),
            )
        )
    for g in common:
        if old[g]["statement"] != new[g]["statement"]:
            changes.append(Change("goal {} statement {} -> {}", (g, *_texts(old[g]["statement"], new[g]["statement"], ctx.lang))))
        for key in ("metric", "target", "unit", "baseline", "deadline", "owner"):
            changes += _scalar(f"goal {{}} {key}", old[g][key], new[g][key], pre=(g,))
    return [Section("goals", None, "Goals", tuple(changes))]


# --- channels ----------------------------------------------------------------------------------

_CHANNEL_FIELDS: list[tuple[str, Callable[[Channel], Any], Callable[[Any], str]]] = [
    ("name", lambda c: c.name, _plain),
    ("platform", lambda c: c.platform, _plain),
    ("url", lambda c: c.url, _plain),
    ("team", lambda c: c.team, _named("teams")),
    ("schedule", lambda c: c.schedule, _named("schedules")),
    ("SLA", lambda c: c.sla, _named("slas")),
    ("reply promise", lambda c: channel_promise(c), lambda p: PROMISE_WORDS[p]),
    ("checked every", lambda c: c.check_every, human_duration),
    ("checked", lambda c: _check_rate(c.checks) if c.checks else None, _plain),
]

# A reply promise in words, for a reviewer.
PROMISE_WORDS = {
    "deadline": "reply times (deadline)",
    "best-effort": "answered as soon as possible, no reply time (best-effort)",
    "read-only": "read, not answered (read-only)",
    "none": "no reply promised (none)",
}


def channel_promise(channel: Channel) -> str:
    """The channel's promise; a document written before promises: a deadline with an SLA, else none."""
    return channel.promise if "promise" in channel.model_fields_set else ("deadline" if channel.sla else "none")


def _update(update: Any) -> str:
    if update.after is None:
        return "without a time"
    return f"when there is no answer after {human_duration(update.after)} ({update.clock} clock)"


def _update_changes(old: Channel, new: Channel) -> list[Change]:
    """'We tell you if it takes longer': gained, lost or retimed."""
    a, b = old.update_if_longer, new.update_if_longer
    if a == b:
        return []
    if a is None:
        return [Change("now tells people if an answer takes longer: {}", (_update(b),))]
    if b is None:
        return [Change("no longer tells people if an answer takes longer")]
    return [Change("tells people if an answer takes longer: {} -> {}", (_update(a), _update(b)))]


def _check_rate(rate) -> str:
    per = rate.per.replace("-", " ")
    if rate.at_most is None:
        return f"at least {rate.at_least} times per {per}"
    if rate.at_most == rate.at_least:
        return f"{rate.at_least} times per {per}"
    return f"{rate.at_least} to {rate.at_most} times per {per}"


def _channels(ctx: _Context) -> list[Section]:
    old, new = ctx.old.channels, ctx.new.channels
    removed, added, common = _keyed(old, new)
    sections = [Section("channel", c, _title("Channel", old[c].name, c), (Change("channel removed"),)) for c in removed]
    sections += [Section("channel", c, _title("Channel", new[c].name, c), (_channel_added(new[c]),)) for c in added]
    for c in common:
        changes = _channel_status(old[c], new[c])
        changes += _fields("", old[c], new[c], _CHANNEL_FIELDS)
        changes += _update_changes(old[c], new[c])
        changes += _own_crisis_mode(ctx, old[c], new[c])
        changes += _scalar("publishing hours", old[c].publishing, new[c].publishing, lambda v: _schedule_name(ctx, v), none="none set")
        changes += _redirect(old[c].redirect, new[c].redirect, ctx.lang)
        changes += _kinds(old[c].kinds, new[c].kinds, ctx.lang)
        if ctx.both_defs:
            changes += _channel_definitions(ctx.defs("old", "channels").get(c, {}), ctx.defs("new", "channels").get(c, {}))
        changes += _effective_targets(ctx, _deadline_sla(old[c]), _deadline_sla(new[c]))
        sections.append(Section("channel", c, _title("Channel", new[c].name, c), tuple(changes)))
    return sorted(sections, key=lambda section: section.id or "")


_CRISIS_CHOICES: tuple[tuple[str, Callable[[Channel], str | None], Callable[[Crisis], str]], ...] = (
    ("crisis schedule", lambda c: c.crisis_schedule, lambda crisis: crisis.schedule),
    ("crisis SLA", lambda c: c.crisis_sla, lambda crisis: crisis.sla),
)


def _deadline_sla(channel: Channel) -> str | None:
    """The SLA whose times a message on the channel is promised in normal mode: none unless the promise is a deadline."""
    return channel.sla if channel_promise(channel) == "deadline" else None


def _own_crisis_mode(ctx: _Context, old: Channel, new: Channel) -> list[Change]:
    """A channel's own crisis schedule and SLA; inherited defaults show once, under crisis mode."""
    changes = []
    for label, own, default in _CRISIS_CHOICES:
        a = _own(own(old), ctx.old.crisis, default)
        b = _own(own(new), ctx.new.crisis, default)
        changes += _scalar(label, a, b, _named("schedules" if "schedule" in label else "slas"), none="the crisis-mode default")
    return changes


def _own(value: str | None, crisis: Crisis | None, default: Callable[[Crisis], str]) -> str | None:
    if crisis is not None and value is None:
        return "none"  # crisis mode exists, yet the channel takes none (a channel that promises no reply time)
    return None if crisis is not None and default(crisis) == value else value


def _channel_added(channel: Channel) -> Change:
    status = "takes customer service" if channel.customer_service else "no customer service"
    return Change(
        "channel added ({}, schedule {}, SLA {}, {})",
        (status, _plain(channel.schedule or "always open"), _plain(channel.sla), PROMISE_WORDS[channel_promise(channel)]),
    )


def _channel_status(old: Channel, new: Channel) -> list[Change]:
    changes = []
    if old.customer_service != new.customer_service:
        changes.append(
            Change("now takes customer-service questions" if new.customer_service else "no longer takes customer-service questions")
        )
    if old.outreach != new.outreach:
        changes.append(Change("outreach now allowed" if new.outreach else "outreach no longer allowed"))
    if old.internal != new.internal:
        changes.append(Change("now internal (left out of the public playbook)" if new.internal else "now public (in the public playbook)"))
    return changes


def _redirect(old: Redirect | None, new: Redirect | None, lang: str) -> list[Change]:
    if old == new:
        return []
    if new is None:
        return [Change("redirect removed")]
    if old is None:
        return [Change("redirect added: {}", (_plain(_in(new.text, lang)),))]
    changes = _scalar("redirect url", old.url, new.url)
    changes += _scalar("redirect channel", old.channel, new.channel, _named("channels"))
    if old.text != new.text:
        changes.append(Change("redirect text {} -> {}", _texts(old.text, new.text, lang)))
    return changes


def _kinds(old: dict[str, KindHandling], new: dict[str, KindHandling], lang: str) -> list[Change]:
    """A channel's handling per message kind: added, back to the channel's, or its promise, SLA and redirect."""
    changes: list[Change] = []
    for kind in sorted(set(old) | set(new)):
        a, b = old.get(kind), new.get(kind)
        if a == b:
            continue
        if a is None or b is None:
            changes.append(
                Change("{} messages: own handling added ({})", (kind, _handling(b, lang)))
                if b is not None
                else Change("{} messages: handled as the rest of the channel again", (kind,))
            )
            continue
        changes += _scalar("{} messages: promise", a.promise, b.promise, none="the channel's", pre=(kind,))
        changes += _scalar("{} messages: SLA", a.sla, b.sla, none="the channel's", pre=(kind,))
        changes += [Change("{} messages: " + c.template, (kind, *c.values)) for c in _redirect(a.redirect, b.redirect, lang)]
    return changes


def _handling(handling: KindHandling, lang: str) -> str:
    parts = [f"promise {handling.promise}"] if handling.promise else []
    if handling.sla:
        parts.append(f"SLA {handling.sla}")
    if handling.redirect:
        parts.append(f"redirect: {_in(handling.redirect.text, lang)}")
    return _plain("; ".join(parts))


def _channel_definitions(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = _scalar("handle", old.get("handle"), new.get("handle"))
    changes += _set(old.get("audiences"), new.get("audiences"), "audience {} added", "audience {} removed")
    changes += _set(old.get("check_times"), new.get("check_times"), "checked at {} added", "checked at {} removed")
    changes += _set(old.get("disclosures"), new.get("disclosures"), "disclosure {} added", "disclosure {} removed")
    changes += _scalar("minimum posting", old.get("min_posts"), new.get("min_posts"))
    return changes


def _effective_targets(ctx: _Context, old_sla: str | None, new_sla: str | None) -> list[Change]:
    """What a message on this channel is promised in normal mode; categories with the same change share a line."""
    old = ctx.old.slas.get(old_sla) if old_sla else None
    new = ctx.new.slas.get(new_sla) if new_sla else None
    changes = _scalar("SLA clock", old.clock if old else None, new.clock if new else None)
    groups: dict[tuple, list[str]] = {}
    for category in sorted(ctx.old.categories.keys() & ctx.new.categories.keys()):
        for kind, timing in _TARGET_KINDS:
            for change in _timing_changes(kind, _timing_of(old, category, timing), _timing_of(new, category, timing), _named("schedules")):
                groups.setdefault(change, []).append(category)
        promises = (_target_promise(old, category), _target_promise(new, category))
        if promises[0] != promises[1]:
            groups.setdefault(("reply promise", *(None if p is None else PROMISE_WORDS[p] for p in promises)), []).append(category)
    for (label, a, b), categories in groups.items():
        changes += _scalar(f"{{}} {label}", a, b, pre=(_named("categories")(categories),))
    return changes


def _target_promise(sla: Sla | None, category: str) -> str | None:
    """What the SLA promises a category: its target's promise, or None without a target."""
    if sla is None:
        return None
    target = sla.targets.get(category) or sla.targets.get("default")
    return target.promise if target else None


def _timing_changes(
    kind: str, old: Timing | ArrivalWindows | None, new: Timing | ArrivalWindows | None, names: Callable[[str], str] = lambda s: s
) -> list[tuple[str, str | None, str | None]]:
    """(label, old, new) per aspect that differs: the target itself, and the one for messages received while closed;
    for arrival windows, each window that changed (or the whole list when windows came, went or moved)."""
    if old == new:
        return []
    if isinstance(old, ArrivalWindows) or isinstance(new, ArrivalWindows):
        return _window_changes(kind, old, new, names)
    if old is None or new is None:
        return [(f"{kind} target", None if old is None else _timing(old), None if new is None else _timing(new))]
    out: list[tuple[str, str | None, str | None]] = []
    if old.within != new.within:
        out.append((f"{kind} target", human_within(old.within), human_within(new.within)))
    if old.if_received_closed != new.if_received_closed:
        out.append((f"{kind} target if received while closed:", _closed(old), _closed(new)))
    return out


def _window_changes(
    kind: str, old: Timing | ArrivalWindows | None, new: Timing | ArrivalWindows | None, names: Callable[[str], str]
) -> list[tuple[str, str | None, str | None]]:
    same_windows = (
        isinstance(old, ArrivalWindows)
        and isinstance(new, ArrivalWindows)
        and [w.during for w in old.windows] == [w.during for w in new.windows]
    )
    if not same_windows:
        return [(f"{kind} target", None if old is None else _timing(old, names), None if new is None else _timing(new, names))]
    assert isinstance(old, ArrivalWindows) and isinstance(new, ArrivalWindows)
    return [(f"{kind} target", _window_promise(a, names), _window_promise(b, names)) for a, b in zip(old.windows, new.windows) if a != b]


def _closed(timing: Timing) -> str:
    closed = timing.if_received_closed
    if closed is None:
        return "the usual target from opening"
    return "end of next business day" if closed == "end-of-next-business-day" else f"{human_duration(closed)} after opening"


_TARGET_KINDS: tuple[tuple[str, Callable[[Target], Timing | ArrivalWindows | None]], ...] = (
    ("acknowledge", lambda t: t.acknowledge),
    ("respond", lambda t: t.respond),
)


def _timing_of(
    sla: Sla | None, category: str, timing: Callable[[Target], Timing | ArrivalWindows | None]
) -> Timing | ArrivalWindows | None:
    """The SLA's target for a category (else its default), one kind of it."""
    if sla is None:
        return None
    target = sla.targets.get(category) or sla.targets.get("default")
    return timing(target) if target else None


# --- schedules ---------------------------------------------------------------------------------


def _schedules(ctx: _Context) -> list[Section]:
    old, new = ctx.old.schedules, ctx.new.schedules
    removed, added, common = _keyed(old, new)
    title = lambda s: _title("Schedule", ctx.name("schedules", s), s)  # noqa: E731
    sections = [Section("schedule", s, title(s), (Change("schedule removed"),)) for s in removed]
    sections += [Section("schedule", s, title(s), (Change("schedule added: {}", (_week(new[s].weekly),)),)) for s in added]
    for s in common:
        changes = _scalar("time zone", old[s].timezone, new[s].timezone)
        changes += _scalar("public holidays", old[s].holidays, new[s].holidays)
        changes += _weekly(old[s].weekly, new[s].weekly)
        changes += dated_changes(old[s], new[s])
        sections.append(Section("schedule", s, title(s), tuple(changes)))
    return sorted(sections, key=lambda section: section.id or "")


def _week(weekly: dict[str, list[list[str]]]) -> str:
    runs = _day_runs([(day, tuple(map(tuple, weekly[day]))) for day in WEEKDAYS])
    return "; ".join(f"{label} {_hours(_minutes(spans))}" for label, spans in runs)


def _weekly(old: dict[str, list[list[str]]], new: dict[str, list[list[str]]]) -> list[Change]:
    """Weekly hours per run of weekdays with the same change: 'Mon-Thu 08:00-17:00 -> 08:00-18:00'."""
    per_day = [(day, (tuple(map(tuple, old[day])), tuple(map(tuple, new[day])))) for day in WEEKDAYS]
    changes = []
    for label, (a, b) in _day_runs(per_day):
        if a != b:
            changes.append(Change(f"{label} {{}} -> {{}}", (_hours(_minutes(a)), _hours(_minutes(b)))))
    return changes


def _day_runs(per_day: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    runs: list[list] = []
    for day, value in per_day:
        if runs and runs[-1][2] == value:
            runs[-1][1] = day
        else:
            runs.append([day, day, value])
    return [(first.capitalize() if first == last else f"{first.capitalize()}-{last.capitalize()}", value) for first, last, value in runs]


def _minutes(spans: Iterable[Iterable[str]]) -> list[tuple[int, int]]:
    """[['17:00', '01:00']] -> [(1020, 60)]: local minutes; an end at or before the start wraps past midnight."""
    return [(_clock(a), _clock(b)) for a, b in spans]


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


Hours = tuple[tuple[int, int], ...]


def dated_changes(old: Schedule, new: Schedule) -> list[Change]:
    """Dates whose opening hours changed beyond what the weekly change explains (closures, special hours).

    A date's *exception* is its compiled hours where they differ from its weekly
    hours. New hours are expected to be the old exception if there was one, else
    the new weekly hours; a date is reported where they are not, and
    consecutive dates with the same change read as one range.
    """
    old_days, new_days = daily_hours(old.compiled), daily_hours(new.compiled)
    found: list[tuple[date, tuple[Hours | None, Hours | None]]] = []
    for day in sorted(old_days.keys() & new_days.keys()):
        usual_old = weekly_hours(old.weekly, day)  # a horizon's first day holds the tail of the night before too
        usual_new = weekly_hours(new.weekly, day)
        exception = old_days[day] if old_days[day] != usual_old else None
        expected = exception if exception is not None else usual_new
        if new_days[day] != expected:
            found.append((day, (exception, new_days[day] if new_days[day] != usual_new else None)))
    return [_dated_sentence(first, last, states) for first, last, states in _date_runs(found)]


def _date_runs(found: list[tuple[date, Any]]) -> list[tuple[date, date, Any]]:
    runs: list[list] = []
    for day, states in found:
        if runs and runs[-1][2] == states and runs[-1][1] + timedelta(days=1) == day:
            runs[-1][1] = day
        else:
            runs.append([day, day, states])
    return [(a, b, s) for a, b, s in runs]


def _dated_sentence(first: date, last: date, states: tuple[Hours | None, Hours | None]) -> Change:
    when = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    before, after = states
    if before is None:
        if after == ():
            return Change("closed {} added", (when,))
        return Change("special hours {} {} added", (when, _hours(after)))
    if after is None:
        if before == ():
            return Change("closure {} removed", (when,))
        return Change("special hours {} ({}) removed", (when, _hours(before)))
    return Change("{}: {} -> {}", (when, _hours(before), _hours(after)))


def daily_hours(compiled: CompiledSchedule) -> dict[date, Hours]:
    """Local opening hours per local date of the horizon, from the compiled UTC windows."""
    zone = ZoneInfo(compiled.timezone)
    starts = compiled.day_starts
    first = date.fromisoformat(compiled.as_of)
    days: dict[date, list[tuple[int, int]]] = {first + timedelta(days=i): [] for i in range(len(starts) - 1)}
    for a, b in compiled.windows:
        i = max(bisect_right(starts, a) - 1, 0)
        while i < len(starts) - 1 and starts[i] < b:
            lo, hi = max(a, starts[i]), min(b, starts[i + 1])
            if lo < hi:
                end = 1440 if hi == starts[i + 1] else _wall_minutes(hi, zone)
                days[first + timedelta(days=i)].append((_wall_minutes(lo, zone), end))
            i += 1
    return {day: _merge(spans) for day, spans in days.items()}


def _wall_minutes(instant: int, zone: ZoneInfo) -> int:
    local = datetime.fromtimestamp(instant, zone)
    return local.hour * 60 + local.minute


def weekly_hours(weekly: dict[str, list[list[str]]], day: date, *, spill: bool = True) -> Hours:
    """The hours the weekly definition alone gives `day`, including the tail of yesterday's overnight spans."""
    spans = []
    for a, b in _minutes(weekly[WEEKDAYS[day.weekday()]]):
        spans.append((a, b if b > a else 1440))
    if spill:
        for a, b in _minutes(weekly[WEEKDAYS[(day.weekday() - 1) % 7]]):
            if 0 < b <= a:
                spans.append((0, b))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> Hours:
    return tuple(intervals.merge(spans))


# --- SLAs and categories -----------------------------------------------------------------------


def _slas(ctx: _Context) -> list[Section]:
    """Added and removed SLAs; target changes only for SLAs no channel uses in normal mode
    (those already show, per category, under each channel that uses them)."""
    old, new = ctx.old.slas, ctx.new.slas
    removed, added, common = _keyed(old, new)
    title = lambda s: _title("SLA", ctx.name("slas", s), s)  # noqa: E731
    used = {c.sla for c in ctx.old.channels.values()} | {c.sla for c in ctx.new.channels.values()}
    sections = [Section("sla", s, title(s), (Change("SLA removed"),)) for s in removed]
    sections += [Section("sla", s, title(s), (Change("SLA added ({} clock)", (new[s].clock,)),)) for s in added]
    for s in common:
        if s in used:
            continue
        changes = _scalar("clock", old[s].clock, new[s].clock)
        for key in sorted(old[s].targets.keys() | new[s].targets.keys()):
            a, b = old[s].targets.get(key), new[s].targets.get(key)
            label = "other categories" if key == "default" else _named("categories")(key)
            for kind, timing in _TARGET_KINDS:
                changes += _scalar(
                    f"{{}} {kind} target",
                    timing(a) if a else None,
                    timing(b) if b else None,
                    lambda t: _timing(t, _named("schedules")),
                    none="none",
                    pre=(label,),
                )
            if a is not None and b is not None and a.promise != b.promise:
                changes += _scalar("{} reply promise", PROMISE_WORDS[a.promise], PROMISE_WORDS[b.promise], pre=(label,))
        sections.append(Section("sla", s, title(s), tuple(changes)))
    return sorted(sections, key=lambda section: section.id or "")


def _categories(ctx: _Context) -> list[Section]:
    old, new = ctx.old.categories, ctx.new.categories
    removed, added, common = _keyed(old, new)
    changes = [Change("category {} removed", (c,)) for c in removed]
    changes += [
        Change("category {} added ({}, reply style {})", (c, _plain(_in(new[c].name, ctx.lang)), _plain(new[c].reply_style))) for c in added
    ]
    for c in common:
        a, b = old[c], new[c]
        if a.name != b.name:
            changes.append(Change("category {} name {} -> {}", (c, *_texts(a.name, b.name, ctx.lang))))
        changes += _fields(
            "category {} ",
            a,
            b,
            [
                ("sentiment", lambda k: k.sentiment, _plain),
                ("reply style", lambda k: k.reply_style, _plain),
                ("written reply", lambda k: k.written_reply, _plain),
            ],
            pre=(c,),
        )
    return [Section("categories", None, "Categories", tuple(changes))]


# --- teams and people --------------------------------------------------------------------------


def _teams(ctx: _Context) -> list[Section]:
    old, new = ctx.old.teams, ctx.new.teams
    removed, added, common = _keyed(old, new)
    title = lambda t: _title("Team", ctx.name("teams", t), t)  # noqa: E731
    sections = [Section("team", t, title(t), (Change("team removed"),)) for t in removed]
    sections += [
        Section(
            "team",
            t,
            title(t),
            (Change("team added (members {}, lead {})", (_named("people")(sorted(new[t].members)), _named("people")(new[t].lead))),),
        )
        for t in added
    ]
    for t in common:
        changes = _set(old[t].members, new[t].members, "member {} added", "member {} removed", _named("people"))
        changes += _scalar("lead", old[t].lead, new[t].lead, _named("people"))
        if ctx.both_defs:
            changes += _rota_changes(ctx.defs("old", "rotas").get(t), ctx.defs("new", "rotas").get(t))
        else:
            changes += _rota_spans(old[t].rota, new[t].rota)
        sections.append(Section("team", t, title(t), tuple(changes)))
    return sorted(sections, key=lambda section: section.id or "")


def _rota_changes(old: dict | None, new: dict | None) -> list[Change]:
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [Change("rota " + ("added" if old is None else "removed"))]
    changes = _scalar("rota time zone", old["timezone"], new["timezone"], none="the organisation's")
    removed, added, common = _keyed(old["layers"], new["layers"])
    changes += [Change("rota layer {} removed", (layer,)) for layer in removed]
    changes += [Change("rota layer {} added: {}", (layer, _layer(new["layers"][layer]))) for layer in added]
    for layer in common:
        a, b = old["layers"][layer], new["layers"][layer]
        pre = (layer,)
        changes += _scalar("rota layer {} start", a["start"], b["start"], pre=pre)
        changes += _scalar("rota layer {} every", a["every"], b["every"], human_duration, pre=pre)
        changes += _scalar("rota layer {} order", a["order"], b["order"], _named("people"), pre=pre)
        changes += _scalar("rota layer {} only during", a["only_during"], b["only_during"], _named("schedules"), none="any time", pre=pre)
        changes += _set(a.get("turns"), b.get("turns"), "rota layer {} turn added: {}", "rota layer {} turn removed: {}", _turn, pre=pre)
    changes += _set(old["overrides"], new["overrides"], "override {} added", "override {} removed", _override)
    return changes


def _layer(layer: dict) -> str:
    during = f", only during {_named('schedules')(layer['only_during'])}" if layer["only_during"] else ""
    if layer.get("turns"):
        return f"dated turns {'; '.join(_turn(t) for t in layer['turns'])}{during}"
    return f"{_named('people')(layer['order'])} in turn every {human_duration(layer['every'])} from {layer['start']}{during}"


def _turn(turn) -> str:
    person, start, end = turn
    who = _named("people")(person) if person else "nobody named"
    return f"{who} from {start} to {end}" if end else f"{who} from {start} until further notice"


def _override(override: tuple) -> str:
    person, replaces, start, end = override
    person, replaces = _named("people")(person), replaces and _named("people")(replaces)
    who = f"{person} replaces {replaces}" if replaces else f"{person} alone on duty"
    return f"{who} {start} to {end}"


def _rota_spans(old: Rota | None, new: Rota | None) -> list[Change]:
    """Without the strategy only the compiled spans are known: say where they first differ."""
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [Change("rota " + ("added" if old is None else "removed"))]
    low = max(old.horizon_start, new.horizon_start)  # compiled from different dates: compare what both cover
    high = min(old.horizon_end, new.horizon_end)
    a = _clipped_spans(old.spans, low, high)
    b = _clipped_spans(new.spans, low, high)
    if a == b:
        return []
    differing = [min(x[0], y[0]) for x, y in zip(a, b) if x != y]
    first = differing[0] if differing else min(a[len(b) :] + b[len(a) :])[0]
    day = datetime.fromtimestamp(first, ZoneInfo(new.timezone)).date()
    return [Change("on-duty rota changed from {} on", (day.isoformat(),))]


def _clipped_spans(spans: list, low: int, high: int) -> list[tuple[int, int, tuple[str, ...]]]:
    return [(max(s, low), min(e, high), tuple(sorted(p))) for s, e, p in spans if s < high and e > low]


def _people(ctx: _Context) -> list[Section]:
    old, new = ctx.old.people, ctx.new.people
    removed, added, common = _keyed(old, new)
    changes = [Change("person {} removed", (_plain(old[p].name or p),)) for p in removed]
    changes += [Change("person {} added", (_plain(new[p].name or p),)) for p in added]
    for p in common:
        changes += _scalar("person {} name", old[p].name, new[p].name, pre=(p,))
    return [Section("people", None, "People", tuple(changes))]


# --- escalation, crisis, moderation ------------------------------------------------------------


def _escalation(ctx: _Context) -> list[Section]:
    old = {r.id: r for r in ctx.old.escalation}
    new = {r.id: r for r in ctx.new.escalation}
    removed, added, common = _keyed(old, new)
    changes = [Change("rule {} removed", (r,)) for r in removed]
    positions = {r.id: i + 1 for i, r in enumerate(ctx.new.escalation)}
    changes += [Change("rule {} added at position {}: {}", (r, str(positions[r]), _rule_summary(new[r]))) for r in added]
    old_order = [r.id for r in ctx.old.escalation if r.id in new]
    new_order = [r.id for r in ctx.new.escalation if r.id in old]
    if old_order != new_order:
        changes.append(Change("rule order {} -> {}", (_plain(old_order), _plain(new_order))))
    for r in sorted(common, key=positions.__getitem__):
        changes += _rule_changes(r, old[r], new[r])
    return [Section("escalation", None, "Escalation rules", tuple(changes))]


# The kind of id each set condition holds, for its display names.
_CONDITION_KINDS = {"category": "categories", "channel": "channels"}
_CONDITION_SETS: tuple[tuple[str, Callable[[Conditions], list[str]]], ...] = (
    ("category", lambda w: w.categories),
    ("channel", lambda w: w.channels),
    ("author type", lambda w: w.author_types),
    ("message kind", lambda w: w.kinds),
)
_SCHEDULE_CONDITIONS = frozenset({"during", "outside"})
# Optional conditions: (label in a change, label in a summary, the condition).
_CONDITION_LIMITS: tuple[tuple[str, str, Callable[[Conditions], Any]], ...] = (
    ("min followers", "min followers", lambda w: w.min_followers),
    ("max followers", "max followers", lambda w: w.max_followers),
    ("only during", "during", lambda w: w.during),
    ("only outside", "outside", lambda w: w.outside),
    ("in crisis mode only", "crisis", lambda w: w.crisis),
)


def _rule_changes(rule_id: str, old: Rule, new: Rule) -> list[Change]:
    pre = (rule_id,)
    a, b = old.when, new.when
    changes: list[Change] = []
    for word, condition in _CONDITION_SETS:
        changes += _set(
            condition(a),
            condition(b),
            f"rule {{}} now matches {word} {{}}",
            f"rule {{}} no longer matches {word} {{}}",
            _named(_CONDITION_KINDS.get(word, "")),
            pre=pre,
        )
    changes += _set(a.keywords, b.keywords, "rule {} keyword {} added", "rule {} keyword {} removed", _keyword, pre=pre)
    for label, summary_label, condition in _CONDITION_LIMITS:
        shown = _named("schedules") if summary_label in _SCHEDULE_CONDITIONS else _plain
        changes += _scalar(f"rule {{}} {label}", condition(a), condition(b), shown, none="any", pre=pre)
    changes += _scalar("rule {} priority", old.priority, new.priority, pre=pre)
    changes += _scalar("rule {} routes to", old.route_to, new.route_to, _named("teams"), none="the channel's team", pre=pre)
    changes += _set(old.notify, new.notify, "rule {} now notifies {}", "rule {} no longer notifies {}", _named("people"), pre=pre)
    changes += _scalar(
        "rule {} acknowledge limit", old.acknowledge_within, new.acknowledge_within, human_duration, none="the SLA's", pre=pre
    )
    changes += _scalar("rule {} respond limit", old.respond_within, new.respond_within, human_duration, none="the SLA's", pre=pre)
    changes += _scalar("rule {} clock", old.clock, new.clock, none="the SLA's", pre=pre)
    changes += _scalar("rule {} reply style", old.reply_style, new.reply_style, none="the category's", pre=pre)
    return changes


def _keyword(tokens: tuple[str, ...]) -> str:
    return "'" + " ".join(tokens) + "'"


def _rule_summary(rule: Rule) -> str:
    when = rule.when
    parts = [f"{word} {_named(_CONDITION_KINDS.get(word, ''))(condition(when))}" for word, condition in _CONDITION_SETS if condition(when)]
    if when.keywords:
        parts.append("keywords " + ", ".join(_keyword(tuple(k)) for k in when.keywords))
    for _, label, condition in _CONDITION_LIMITS:
        if condition(when) is not None:
            shown = _named("schedules") if label in _SCHEDULE_CONDITIONS else _plain
            parts.append(f"{label} {shown(condition(when))}")
    summary = f"when {' and '.join(parts) if parts else 'anything'}; priority {rule.priority}"
    if rule.route_to:
        summary += f"; routes to {_named('teams')(rule.route_to)}"
    if rule.notify:
        summary += f"; notifies {_named('people')(rule.notify)}"
    return _plain(summary)


def _crisis(ctx: _Context) -> list[Section]:
    old, new = ctx.old.crisis, ctx.new.crisis
    if old is None and new is None:
        changes: list[Change] = []
    elif old is None or new is None:
        changes = [Change("crisis mode " + ("defined" if old is None else "removed"))]
    else:
        changes = _scalar("schedule", old.schedule, new.schedule, _named("schedules")) + _scalar("SLA", old.sla, new.sla, _named("slas"))
    if ctx.both_defs:
        changes += _set(
            ctx.defs("old", "crisis_declared_by"),
            ctx.defs("new", "crisis_declared_by"),
            "{} may now declare crisis mode",
            "{} may no longer declare crisis mode",
            _named("people"),
        )
    return [Section("crisis", None, "Crisis mode", tuple(changes))]


def _moderation(ctx: _Context) -> list[Section]:
    old, new = ctx.old.moderation, ctx.new.moderation
    if old is None or new is None:
        changes = [] if old is new else [Change("moderation rules " + ("added" if old is None else "removed"))]
        return [Section("moderation", None, "Moderation", tuple(changes))]
    changes = _set(old.never_remove, new.never_remove, "{} is never removed", "{} may now be removed")
    if old.reasons is None or new.reasons is None:  # an older document: only the simple lists say what is done
        changes += _set(old.hide, new.hide, "{} may be hidden", "{} is no longer hidden")
        changes += _set(old.remove, new.remove, "{} is removed", "{} is no longer removed")
    changes += _scalar("removals recorded", old.record_removals, new.record_removals)
    changes += _scalar("languages moderated", old.languages, new.languages)
    changes += _moderation_rules(ctx, old.reasons or [], new.reasons or [])
    changes += _scalar("repeat-offender ladder", _ladder_summary(old.ladder), _ladder_summary(new.ladder), none="none")
    return [Section("moderation", None, "Moderation", tuple(changes))]


def _records_and_governance(ctx: _Context) -> list[Section]:
    from socialkit.diff.governance import governance_sections, records_sections

    return [*records_sections(ctx), *governance_sections(ctx)]


def _moderation_rules(ctx: _Context, old: list, new: list) -> list[Change]:
    """Reason rules keyed by reason and channels: added, removed, and what changed in words (people by name)."""

    def keyed(rules: list) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for rule in rules:
            out.setdefault(f"{rule.reason} ({', '.join(rule.channels) or 'all channels'})", rule)
        return out

    before, after = keyed(old), keyed(new)
    changes = [Change("{}: rule removed (was: {})", (key, _actions_summary(before[key]))) for key in before if key not in after]
    changes += [Change("{}: {}", (key, _actions_summary(after[key]))) for key in after if key not in before]
    for key in (k for k in after if k in before):
        a, b = before[key], after[key]
        changes += _scalar("{}: what is done", _actions_summary(a), _actions_summary(b), pre=(key,))
        for action in dict.fromkeys([*a.before, *b.before]):
            old_steps, new_steps = (_steps_summary(ctx, r.before.get(action)) for r in (a, b))
            changes += _scalar("{}: before {}", old_steps, new_steps, none="nothing", pre=(key, action))
        for action in dict.fromkeys([*a.approval, *b.approval]):
            old_people, new_people = (" or ".join(_person_name(ctx, p) for p in r.approval.get(action, [])) or None for r in (a, b))
            changes += _scalar("{}: {} approved by", old_people, new_people, none="nobody", pre=(key, action))
    return changes


def _actions_summary(rule: Any) -> str:
    text = "keep (protected)" if rule.protected else ", otherwise ".join(rule.actions)
    return text + (f"; also {', '.join(rule.also)}" if rule.also else "")


def _steps_summary(ctx: _Context, before: Any) -> str | None:
    if before is None:
        return None
    parts = list(before.steps) + [f"notify {_person_name(ctx, p)}" for p in before.notify]
    return ", ".join(parts) or None


def _person_name(ctx: _Context, person: str) -> str:
    for people in (ctx.new.people, ctx.old.people):
        if person in people:
            return _plain(people[person].name)
    return person


def _period(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    return format_duration(seconds) if rest else f"{days} day{'s' * (days != 1)}"


def _ladder_summary(ladder: Any) -> str | None:
    if ladder is None:
        return None
    steps = "; ".join(f"violation {s.violation}: {s.action}" + (f" for {_period(s.duration)}" if s.duration else "") for s in ladder.steps)
    counted = f"counted over {_period(ladder.within)}" if ladder.within else "every earlier violation counts"
    return f"{steps} ({counted}; reasons: {', '.join(ladder.reasons)})"


def _schedule_name(ctx: _Context, schedule_id: str) -> str:
    name = ctx.name("schedules", schedule_id)
    return _plain(f"{name} ({schedule_id})" if name and name != schedule_id else schedule_id)


def _blackouts(ctx: _Context) -> list[Section]:
    """Blackouts added and removed, each said in full: its local times, channels (by name), what it stops, why."""
    changes = _set(
        [_blackout(ctx, ctx.old, b) for b in ctx.old.blackouts],
        [_blackout(ctx, ctx.new, b) for b in ctx.new.blackouts],
        "blackout added: {}",
        "blackout removed: {}",
    )
    return [Section("blackouts", None, "Blackouts", tuple(changes))]


def _blackout(ctx: _Context, document: PolicyDocument, blackout: Blackout) -> str:
    zone = ZoneInfo(document.organization.timezone)
    when = f"{_local(datetime.fromtimestamp(blackout.start, zone))} to {_local(datetime.fromtimestamp(blackout.end, zone))}"
    names = [document.channels[c].name if c in document.channels else c for c in blackout.channels]
    where = ", ".join(names) if names else "all channels"
    stops = " and ".join({"publishing": "no publishing", "comments": "comments off"}[s] for s in blackout.stops)
    internal = " (internal)" if blackout.internal else ""
    return _plain(f"{when}, {where}: {stops}{internal}; {_in(blackout.reason, ctx.lang)}")


# --- renderers ---------------------------------------------------------------------------------


def render_text(diff: Diff) -> str:
    lines = [f"{_plain(diff.base)} -> {_plain(diff.head)}: {_summary(diff)}"]
    lines += [f"note: {note}" for note in diff.notes]
    for section in diff.sections:
        lines += ["", f"{_plain(section.title)}:"]
        lines += [f"  {change.text}" for change in section.changes]
    return "\n".join(lines) + "\n"


def render_markdown(diff: Diff) -> str:
    """A pull-request comment: every value from the strategy is escaped or in a code span."""
    lines = [MARKER, f"### Policy changes: {md_escape(diff.base)} \u2192 {md_escape(diff.head)}", "", f"**{_summary(diff)}**"]
    lines += [f"> Note: {md_escape(note)}" for note in diff.notes]
    for section in diff.sections:
        lines += ["", f"#### {md_escape(section.title)}", ""]
        lines += [f"- {md_change(change)}" for change in section.changes]
    return "\n".join(lines) + "\n"


def render_json(diff: Diff) -> str:
    data = {
        "format": DIFF_FORMAT,
        "base": diff.base,
        "head": diff.head,
        "changes": diff.count,
        "notes": list(diff.notes),
        "subjects": [{"kind": s.kind, "id": s.id, "title": s.title, "changes": [c.text for c in s.changes]} for s in diff.sections],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


DIFF_REPORTERS: Reporters[Diff] = Reporters("policy diffs")


@DIFF_REPORTERS.register("text")
def text_report(diff: Diff, stream: TextIO) -> None:
    stream.write(render_text(diff))


@DIFF_REPORTERS.register("markdown")
def markdown_report(diff: Diff, stream: TextIO) -> None:
    stream.write(render_markdown(diff))


@DIFF_REPORTERS.register("json")
def json_report(diff: Diff, stream: TextIO) -> None:
    stream.write(render_json(diff))


def _summary(diff: Diff) -> str:
    if not diff.count:
        return "no semantic changes"
    subjects = len(diff.sections)
    return f"{diff.count} change{'s' * (diff.count != 1)} in {subjects} subject{'s' * (subjects != 1)}"


_SAFE = re.compile(r"[\w .,:;/'()+\-]*")


def md_escape(text: str) -> str:
    """Text that Markdown and HTML show literally: no emphasis, links, tags or @mentions.

    Plain words, numbers, dates and times read as they are (through `escape_md`, which
    leaves them alone); anything else goes in a code span, which also stops @mentions.
    """
    # Imported here: the render package loads its page modules (and babel), which text and JSON diffs never need.
    from socialkit.render.markdown import code_span, escape_md

    text = _plain(text)
    if _SAFE.fullmatch(text) and "_" not in text:
        return escape_md(text)
    return code_span(text)


def md_change(change: Change) -> str:
    template = html.escape(change.template, quote=False).replace("-&gt;", "\u2192")
    return template.format(*(md_escape(v) for v in change.values))

"""Limits later stages rely on, checked where the strategy is loaded: what validate accepts, build can build.

Two stages of `validate_paths` live here, and neither can be switched off:

- `check_limits` runs on the loaded data before the model is built: every
  text (keys included) holds no control character or unpaired surrogate and
  at most `MAX_TEXT` characters; every list and mapping at most `MAX_ITEMS`
  entries. Nothing after it has to print, encode or walk such data.
- `check_horizon` runs on the built, referentially sound strategy with the
  reference date and horizon: the public-holiday names in `not_closed` exist,
  every schedule and rota compiles over the horizon within the entry limit of
  the compiled policy (the OPA bundle's binary search), and every rota puts
  someone on duty inside the horizon.

The limits are documented in docs/guide/strategy-format.md#limits.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from socialkit import problems as P
from socialkit.problems import Problem
from socialkit.strategy.load import Path_, Source, json_path
from socialkit.strategy.model import Strategy
from socialkit.strategy.scalars import MAX_ITEMS, MAX_TEXT, bad_character

# Entries of one compiled schedule or rota: what the OPA bundle's fixed-depth binary search covers.
MAX_COMPILED_ENTRIES = 2**14 - 1
# Sections each entry of which is compiled over the horizon, checked against every other and
# exported as its own calendar feed: fewer entries, so validate and build stay within a minute.
# 500 channels is a very large organisation (the validate benchmark uses it); each channel gets feeds and coverage checks.
SECTION_LIMITS = {"channels": 500, "schedules": 100, "teams": 100, "slas": 100, "escalation": 200}


def _at(code: P.Code, message: str, source: Source, path: Path_, *, key: bool = False) -> Problem:
    file, line, column, doc_path = source.locate(path, key=key)
    return P.problem(code, message, file=file, line=line, column=column, json_path=json_path(doc_path))


# --- on the loaded data ------------------------------------------------------------------


def check_limits(source: Source) -> list[Problem]:
    """Control characters, surrogates, text lengths and entry counts anywhere in the data."""
    return list(_walk_limits(source.data, (), source))


def _walk_limits(value: Any, path: Path_, source: Source) -> Iterator[Problem]:
    if isinstance(value, str):
        yield from _text_problems(value, path, source, key=False)
    elif isinstance(value, (dict, list)):
        section_limit = SECTION_LIMITS.get(str(path[0])) if len(path) == 1 else None
        if section_limit is not None and len(value) > section_limit:
            yield _at(P.LIMIT_EXCEEDED, f"{len(value)} {path[0]}; the limit is {section_limit}", source, path, key=True)
            return
        if len(value) > MAX_ITEMS:
            yield _at(P.LIMIT_EXCEEDED, f"{len(value)} entries; the limit is {MAX_ITEMS} per list or mapping", source, path)
            return
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    yield from _text_problems(key, path + (key,), source, key=True)
                yield from _walk_limits(item, path + (key,), source)
        else:
            for index, item in enumerate(value):
                yield from _walk_limits(item, path + (index,), source)


def _text_problems(text: str, path: Path_, source: Source, *, key: bool) -> Iterator[Problem]:
    what = "key" if key else "text"
    if (bad := bad_character(text)) is not None:
        yield _at(
            P.INVALID_CHARACTER,
            f"{what} holds the control or invalid character {bad}; remove it (write a line break as a real new line)",
            source,
            path,
            key=key,
        )
    elif len(text) > MAX_TEXT:
        yield _at(P.LIMIT_EXCEEDED, f"{what} is {len(text)} characters long; the limit is {MAX_TEXT}", source, path, key=key)


# --- on the built strategy, over the horizon ---------------------------------------------------


def check_horizon(strategy: Strategy, source: Source, *, as_of: date, horizon_days: int) -> list[Problem]:
    """Holiday names, and schedules and rotas compiled over [as_of, as_of + horizon_days)."""
    problems = list(_not_closed_names(strategy, source, as_of, horizon_days))
    if problems:
        return problems
    problems.extend(_schedules(strategy, source, as_of, horizon_days))
    if not problems:
        problems.extend(_rotas(strategy, source, as_of, horizon_days))
    return problems


def _horizon_text(as_of: date, horizon_days: int) -> str:
    return f"{as_of.isoformat()}..{(as_of + timedelta(days=horizon_days - 1)).isoformat()}"


def _not_closed_names(strategy: Strategy, source: Source, as_of: date, horizon_days: int) -> Iterator[Problem]:
    calendar = strategy.organization.holidays
    if calendar is None or calendar.country is None or not calendar.not_closed:
        return
    from socialkit.engine.holidays import _public_year

    last = as_of + timedelta(days=horizon_days)
    names: dict[str, str] = {}  # casefolded spelling -> shown spelling
    for year in range(as_of.year - 1, last.year + 2):
        for _, shown, spellings in _public_year(calendar.country, calendar.subdivision, year):
            for spelling in spellings:
                names.setdefault(spelling, shown)
    for index, name in enumerate(calendar.not_closed):
        if name.casefold() in names:
            continue
        close = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{names[close[0]]}'?"
            if close
            else f"; the calendar's names include {', '.join(sorted(set(names.values()))[:6])}"
        )
        yield _at(
            P.INVALID_VALUE,
            f"the {calendar.country} public-holiday calendar has no day called '{name}'{hint}",
            source,
            ("organization", "holidays", "not_closed", index),
        )


def _schedules(strategy: Strategy, source: Source, as_of: date, horizon_days: int) -> Iterator[Problem]:
    from socialkit.checks.compiled import compiled_schedule
    from socialkit.compile.timespec import schedule_spec

    for index, schedule in enumerate(strategy.schedules):
        try:
            compiled = compiled_schedule(schedule_spec(strategy, schedule), as_of, horizon_days)
        except (ValueError, OverflowError, LookupError) as err:
            yield _at(
                P.INVALID_VALUE,
                f"schedule '{schedule.id}' cannot be compiled over {_horizon_text(as_of, horizon_days)}: {err}",
                source,
                ("schedules", index, "id"),
            )
            continue
        if len(compiled.starts) > MAX_COMPILED_ENTRIES:
            yield _at(
                P.LIMIT_EXCEEDED,
                f"schedule '{schedule.id}' has {len(compiled.starts)} opening windows over {_horizon_text(as_of, horizon_days)}; "
                f"the limit is {MAX_COMPILED_ENTRIES} (fewer intervals a day, or a shorter horizon_days)",
                source,
                ("schedules", index, "weekly"),
            )


def _rotas(strategy: Strategy, source: Source, as_of: date, horizon_days: int) -> Iterator[Problem]:
    for index, team in enumerate(strategy.teams):
        if team.rota is None:
            continue
        too_many = list(_turn_counts(team, index, source, horizon_days))
        if too_many:
            yield from too_many
            continue
        yield from _compiled_rota(strategy, team, index, source, as_of, horizon_days)


def _turn_counts(team, index: int, source: Source, horizon_days: int) -> Iterator[Problem]:
    """Hand-offs per layer over the horizon, estimated before compiling (a 1s turn would never finish)."""
    horizon_seconds = (horizon_days + 1) * 86400
    for number, layer in enumerate(team.rota.layers):
        if layer.every is None:
            continue  # dated turns: as many hand-offs as turns listed
        turns = horizon_seconds // layer.every
        if turns > MAX_COMPILED_ENTRIES:
            yield _at(
                P.LIMIT_EXCEEDED,
                f"rota layer '{layer.id}' of team '{team.id}' hands off about {turns} times over the {horizon_days}-day horizon; "
                f"the limit is {MAX_COMPILED_ENTRIES} (a longer 'every', or a shorter horizon_days)",
                source,
                ("teams", index, "rota", "layers", number, "every"),
            )


def _compiled_rota(strategy: Strategy, team, index: int, source: Source, as_of: date, horizon_days: int) -> Iterator[Problem]:
    from socialkit.compile.timespec import rota_spec
    from socialkit.engine import compile_rota

    where = ("teams", index, "rota")
    try:
        compiled = compile_rota(rota_spec(strategy, team), as_of, horizon_days)
    except (ValueError, OverflowError, LookupError) as err:
        yield _at(
            P.INVALID_VALUE,
            f"the rota of team '{team.id}' cannot be compiled over {_horizon_text(as_of, horizon_days)}: {err}",
            source,
            where,
        )
        return
    if len(compiled.starts) > MAX_COMPILED_ENTRIES:
        yield _at(
            P.LIMIT_EXCEEDED,
            f"the rota of team '{team.id}' changes hands {len(compiled.starts)} times over {_horizon_text(as_of, horizon_days)}; "
            f"the limit is {MAX_COMPILED_ENTRIES} (longer turns, or a shorter horizon_days)",
            source,
            where,
        )
    elif len(compiled.starts) == 0 and not _relay_ended(team, as_of):
        first = min(range(len(team.rota.layers)), key=lambda i: team.rota.layers[i].first_start)
        layer = team.rota.layers[first]
        yield _at(
            P.INVALID_VALUE,
            f"the rota of team '{team.id}' puts nobody on duty in the compiled horizon {_horizon_text(as_of, horizon_days)} "
            f"(its first hand-off is {layer.first_start:%Y-%m-%d %H:%M}); start it within the horizon, or check with a later as_of",
            source,
            where + ("layers", first) + (("start",) if not layer.dated else ("turns",)),
        )


def _relay_ended(team, as_of: date) -> bool:
    """Every layer is a relay whose turns all ended before as_of: SK229 says so, as a warning with the date."""
    from datetime import datetime, time

    start = datetime.combine(as_of, time())
    return all(layer.dated and all(t.end is not None and t.end <= start for t in layer.turns) for layer in team.rota.layers)

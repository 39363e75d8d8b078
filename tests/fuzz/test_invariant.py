"""The invariant: `validate` exit 0 => build, evaluate, test, export and audit succeed (issue 17).

Two halves over the same check (`harness.check_invariant`):

- named regressions: every case the issue found, each of which `validate`
  accepted and a later command then crashed on or hung;
- a hypothesis fuzz test that mutates the example strategy (types, ranges,
  Unicode, sizes) and checks the invariant for whatever comes out.

`make test` runs a fixed budget of fuzz examples; maintainers run a longer
search with SOCIALKIT_FUZZ_EXAMPLES, e.g.

    SOCIALKIT_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/fuzz -p no:randomly
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .harness import AS_OF, check_invariant, example_documents, run, with_value, write_project

DOCUMENTS = example_documents()
FUZZ_EXAMPLES = int(os.environ.get("SOCIALKIT_FUZZ_EXAMPLES", "60"))


def _project(tmp_path: Path, documents: dict[str, Any], as_of: str = AS_OF) -> Path:
    return write_project(tmp_path / "outside" / "project", documents, as_of=as_of)


def _org(**changes: Any) -> dict[str, Any]:
    documents = copy.deepcopy(DOCUMENTS)
    documents["organization.yaml"]["organization"].update(changes)
    return documents


def _holidays(**changes: Any) -> dict[str, Any]:
    documents = copy.deepcopy(DOCUMENTS)
    documents["organization.yaml"]["organization"]["holidays"].update(changes)
    return documents


def _first_layer(**changes: Any) -> dict[str, Any]:
    documents = copy.deepcopy(DOCUMENTS)
    documents["people.yaml"]["teams"][0]["rota"]["layers"][0].update(changes)
    return documents


def _first_override(**changes: Any) -> dict[str, Any]:
    documents = copy.deepcopy(DOCUMENTS)
    documents["people.yaml"]["teams"][0]["rota"]["overrides"][0].update(changes)
    return documents


def _films_turns(turns: list[dict[str, Any]]) -> dict[str, Any]:
    teams = DOCUMENTS["people.yaml"]["teams"]
    index = next(i for i, team in enumerate(teams) if team["id"] == "films")
    return with_value(DOCUMENTS, "people.yaml", ("teams", index, "rota", "layers", 0, "turns"), turns)


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _copies(entry: Any, count: int) -> list[Any]:
    """`count` copies of a list entry, each with an id of its own where it has one."""
    out = []
    for number in range(count):
        twin = copy.deepcopy(entry)
        if isinstance(twin, dict) and isinstance(twin.get("id"), str):
            twin["id"] = f"{twin['id']}-{number + 2}"
        out.append(twin)
    return out


# Each case: the strategy, and the code `validate` must now report for it.
REGRESSIONS = {
    "holiday-country-XX": (_holidays(country="XX"), "SK023"),
    "holiday-subdivision-ZZZ": (_holidays(subdivision="ZZZ"), "SK023"),
    "season-starting-02-29": (with_value(DOCUMENTS, "schedules.yaml", ("schedules", 0, "seasons", 0, "start"), "02-29"), "SK017"),
    "rota-override-in-year-1": (_first_override(start="0001-01-01 00:00", end="0001-02-01 00:00"), "SK017"),
    "relay-turn-in-year-1": (_films_turns([{"person": "sara", "start": "0001-01-01 00:00", "end": "0001-02-01 00:00"}]), "SK017"),
    "rota-turn-of-1e20-weeks": (_first_layer(every="99999999999999999999w"), "SK016"),
    "rota-turn-of-1s": (_first_layer(every="1s"), "SK026"),
    "rota-turn-of-1m": (_first_layer(every="1m"), "SK026"),
    "goal-target-1e41": (with_value(DOCUMENTS, "organization.yaml", ("goals", 0, "target"), 10**41), "SK026"),
    "min-followers-1e41": (with_value(DOCUMENTS, "escalation.yaml", ("escalation", 2, "when", "min_followers"), 10**41), "SK026"),
    "respond-within-1e20-weeks": (
        with_value(DOCUMENTS, "messages.yaml", ("slas", 0, "targets", "question", "respond"), "99999999999999999999w"),
        "SK016",
    ),
    "respond-within-61-working-days": (
        with_value(DOCUMENTS, "messages.yaml", ("slas", 3, "targets", "question", "respond"), "61 working days"),
        "SK016",
    ),
    "working-days-on-a-channel-without-schedule": (
        with_value(DOCUMENTS, "channels.yaml", ("channels", 4, "sla"), "careers"),
        "SK217",
    ),
    "lone-surrogate-in-guidance": (with_value(DOCUMENTS, "messages.yaml", ("categories", 0, "guidance", "en"), "a\ud800b"), "SK025"),
    "lone-surrogate-in-id": (with_value(DOCUMENTS, "organization.yaml", ("audiences", 0, "id"), "customers\udfff"), "SK025"),
    "delete-in-organisation-name": (_org(name="Solvik\x7f Energi AB"), "SK025"),
    "c1-control-in-organisation-name": (_org(name="Solvik\x9b Energi AB"), "SK025"),
    "nul-in-channel-name": (with_value(DOCUMENTS, "channels.yaml", ("channels", 0, "name"), "Face\x00book"), "SK025"),
    "id-ending-in-newline": (with_value(DOCUMENTS, "organization.yaml", ("audiences", 3, "id"), "jobseekers\n"), "SK018"),
    "zone-folder-Europe": (_org(timezone="Europe"), "SK014"),
    "megabyte-organisation-name": (_org(name="Solvik " * 150_000), "SK026"),
    "keyword-without-letters": (with_value(DOCUMENTS, "escalation.yaml", ("escalation", 0, "when", "keywords"), ["🔥"]), "SK023"),
    "nan-goal-target": (with_value(DOCUMENTS, "organization.yaml", ("goals", 0, "target"), float("nan")), "SK023"),
    "infinite-kpi-target": (with_value(DOCUMENTS, "moderation.yaml", ("measurement", "kpis", 0, "target"), float("inf")), "SK023"),
    "misspelt-not-closed": (_holidays(not_closed=["Epiphanyy"]), "SK023"),
    "language-listed-twice": (_org(languages=["sv", "en", "sv"]), "SK023"),
    "rota-starting-after-the-horizon": (
        with_value(DOCUMENTS, "people.yaml", ("teams", 1, "rota", "layers", 0, "start"), "2031-01-06 08:00"),
        "SK023",
    ),
    "600-channels": (
        with_value(DOCUMENTS, "channels.yaml", ("channels",), _copies(DOCUMENTS["channels.yaml"]["channels"][0], 600)),
        "SK026",
    ),
    "2000-audiences": (
        with_value(DOCUMENTS, "organization.yaml", ("audiences",), [{"id": f"a{i}", "name": {"sv": "A", "en": "A"}} for i in range(2000)]),
        "SK026",
    ),
}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_regression_is_a_located_problem(tmp_path, name):
    documents, code = REGRESSIONS[name]
    project = _project(tmp_path, documents)

    [validate] = check_invariant(project, documents)

    assert validate.code == 1
    import json

    problems = json.loads(validate.out)["problems"]
    located = [p for p in problems if p["code"] == code and p["severity"] == "error"]
    assert located, validate.out[:3000]
    assert all(p["file"] and p["line"] and p["column"] and p["json_path"].startswith("$.") for p in located)
    assert all("\n" not in p["message"] for p in problems)


def test_example_upholds_the_invariant(tmp_path):
    runs = check_invariant(_project(tmp_path, DOCUMENTS), DOCUMENTS)
    assert [r.argv[0] for r in runs] == [
        "validate",
        "build",
        "evaluate",
        "evaluate",
        "may-publish",
        "moderate",
        "audit",
        "test",
        "export",
        "audit",
        "records",
        "account",
        "account",
        "audit",
    ]
    # exit 1 on purpose: the generated moderation log breaks the rules (a block without approval), the accounts are
    # judged inactive six months after a last post, and the posts log falls short of min_posts; every other command 0
    findings = [r for r in runs if r.argv[0] == "account" or "--posts" in r.argv or "--moderation-log" in r.argv]
    assert all(r.code == 0 for r in runs if r not in findings), [str(r) for r in runs if r.code]
    assert {r.code for r in findings} == {1}
    assert runs[0].code == 0


def _windows_on(sla: int, key: str, kind: str, windows: list[dict[str, Any]]) -> dict[str, Any]:
    return with_value(DOCUMENTS, "messages.yaml", ("slas", sla, "targets", key, kind), windows)


ARRIVAL_WINDOWS = {
    # a reaction-only category (neutral) takes its acknowledgement from the default's windows
    "default-windows-on-a-reaction-only-category": _windows_on(
        0, "default", "respond", [{"during": "weekend-watch", "within": "2h", "clock": "calendar"}, {"during": "otherwise", "within": "1d"}]
    ),
    # no window covers most arrivals, one names a schedule open round the clock on the crisis SLA
    "gaps-and-both-clocks-in-crisis": _windows_on(
        2, "default", "acknowledge", [{"during": "evening-outage-desk", "within": "0m", "if_received_closed": "end-of-next-business-day"}]
    ),
    "working-days-in-a-window": _windows_on(
        0, "question", "respond", [{"during": "office-hours", "within": "4h"}, {"during": "otherwise", "within": "next working day"}]
    ),
    "windows-on-both-targets": _windows_on(
        1,
        "complaint",
        "acknowledge",
        [{"during": "round-the-clock", "within": "1m", "clock": "calendar"}, {"during": "office-hours", "within": "1h"}],
    ),
}


@pytest.mark.parametrize("name", sorted(ARRIVAL_WINDOWS))
def test_arrival_windows_uphold_the_invariant(tmp_path, name):
    documents = ARRIVAL_WINDOWS[name]
    runs = check_invariant(_project(tmp_path, documents), documents)
    assert runs[0].code in (0, 1) and len(runs) > 1, runs[0]  # accepted (warnings at most), so the rest ran
    assert all(r.code in (0, 1) for r in runs), [str(r) for r in runs if r.code not in (0, 1)]


def test_the_longest_working_day_target_upholds_the_invariant(tmp_path):
    documents = with_value(DOCUMENTS, "messages.yaml", ("slas", 3, "targets", "question", "respond"), "60 working days")
    runs = check_invariant(_project(tmp_path, documents), documents)
    assert runs[0].code == 0, runs[0]


def test_example_two_years_before_its_rota_starts(tmp_path):
    """The example with as_of 2024-06-01: its rotas start in 2026, after the compiled horizon."""
    runs = check_invariant(_project(tmp_path, DOCUMENTS, as_of="2024-06-01"), DOCUMENTS, as_of="2024-06-01")
    assert runs[0].code == 1
    assert "puts nobody on duty in the compiled horizon 2024-06-01..2025-07-05" in runs[0].out


def test_relay_that_ended_before_as_of_is_a_warning_and_every_command_works(tmp_path):
    """A relay whose last turn ended in the summer: nobody on the films team is on duty over the whole horizon."""
    documents = _films_turns([{"person": "sara", "start": "2026-01-05 08:00", "end": "2026-06-01 08:00"}])
    runs = check_invariant(_project(tmp_path, documents), documents)
    names = [r.argv[0] for r in runs]
    assert names[:4] == ["validate", "build", "evaluate", "evaluate"] and {"test", "export", "audit"} <= set(names)
    import json

    problems = json.loads(runs[0].out)["problems"]
    assert [p["code"] for p in problems if p["code"].startswith("SK22")] == ["SK229"]


def test_relay_with_gap_overlap_and_unnamed_turn_every_command_works(tmp_path):
    documents = _films_turns(
        [
            {"person": "sara", "start": "2026-11-30 08:00", "end": "2026-12-14 08:00"},
            {"person": "omar", "start": "2026-12-21 08:00", "end": "2027-01-18 08:00"},
            {"person": "anna", "start": "2027-01-11 08:00"},
            {"start": "2027-03-01 08:00"},
        ]
    )
    runs = check_invariant(_project(tmp_path, documents), documents)
    names = [r.argv[0] for r in runs]  # every command the harness runs (may-publish, moderate, records... too)
    assert names[:4] == ["validate", "build", "evaluate", "evaluate"] and {"test", "export", "audit"} <= set(names)
    assert runs[names.index("test")].code == 1  # the example's relay tests no longer hold, and say so


@pytest.mark.parametrize("as_of", ["0001-01-01", "1970-12-31", "2191-01-01", "9999-12-31"])
def test_as_of_out_of_range_is_a_settings_error(tmp_path, as_of):
    [validate] = check_invariant(_project(tmp_path, DOCUMENTS, as_of=as_of), DOCUMENTS, as_of=as_of)
    assert validate.code == 2
    assert validate.err.count("\n") == 1 and "invalid setting 'as_of'" in validate.err


@pytest.mark.parametrize("as_of", ["1971-01-01", "2190-12-31"])
def test_as_of_at_the_ends_of_the_range_is_accepted(tmp_path, as_of):
    [validate, *_] = check_invariant(_project(tmp_path, DOCUMENTS, as_of=as_of), DOCUMENTS, as_of=as_of)
    assert validate.code in (0, 1), validate


# --- the fuzz test -------------------------------------------------------------------------------


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a leaf or container in the data."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, path + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, path + (index,)))
    return found


PATHS = [(name, path) for name, data in sorted(DOCUMENTS.items()) for path in _paths(data)]

TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from(["\ud800", "\x7f", "\x85", "\x00", "\n", "~", "#", "<", "🔥"]), max_size=12
) | st.sampled_from(["~~~", "```", "# heading", "<script>alert(1)</script>", "no", "on", "190:20:30", "jobseekers\n", "customers"])
DURATIONS = st.sampled_from(
    ["1s", "1m", "15m", "1h", "1d", "1w", "52w", "53w", "104w", "PT4H", "P1D", "0m", "99999999999999999999w"]
    + ["1 working day", "60 working days", "61 working days", "2wd", "0wd", "next working day"]
)
DATES = st.sampled_from(
    ["1970-12-31", "1971-01-01", "2024-02-29", "2026-02-29", "2026-11-23", "2027-12-31", "2031-01-06", "9000-12-31", "9999-12-31"]
)
DATE_TIMES = st.sampled_from(["2026-01-05 08:00", "2026-03-29 02:30", "2026-10-25 02:30", "2031-01-06 08:00", "0001-01-01 00:00"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**45), max_value=10**45),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    DURATIONS,
    DATES,
    DATE_TIMES,
    st.sampled_from(["XX", "ZZZ", "Europe", "UTC", "America/New_York", "02-29", "12-31", "00:00-24:00", "22:00-02:00", "closed", "open"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)


def _leaves_by_key(value: Any, key: str = "", into: dict[str, list[Any]] | None = None) -> dict[str, list[Any]]:
    """Every scalar of the example under each key name: what a near-miss draws from."""
    into = {} if into is None else into
    if isinstance(value, dict):
        for k, item in value.items():
            _leaves_by_key(item, k, into)
    elif isinstance(value, list):
        for item in value:
            _leaves_by_key(item, key, into)
    elif value not in into.setdefault(key, []):
        into[key].append(value)
    return into


POOL = _leaves_by_key(DOCUMENTS)
POOL["promise"] = ["deadline", "best-effort", "read-only", "none"]  # every reply promise, not only the example's
PRINTABLE = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=20) | st.sampled_from(
    ["~~~", "```", "# heading", "<script>alert(1)</script>", "[x](javascript:alert(1))", "no", "on", "190:20:30", "🔥", "ä" * 300]
)


def _near(draw, key: Any, current: Any) -> Any:
    """A value of the same kind as `current`: another one the example uses for this key, or one at the edges."""
    if isinstance(current, bool):
        return draw(st.booleans())
    if isinstance(current, int | float):
        numbers = st.integers(min_value=-1, max_value=10**13) | st.floats(allow_nan=True, allow_infinity=True)
        return draw(st.sampled_from(POOL.get(str(key), [0])) | numbers)
    if isinstance(current, str):
        same_key = [v for v in POOL.get(str(key), []) if isinstance(v, str)] or [current]
        return draw(st.one_of(st.sampled_from(same_key), st.sampled_from(same_key), DURATIONS | DATES | DATE_TIMES, PRINTABLE))
    return draw(VALUES)


LEAVES = [(name, path) for name, path in PATHS if not isinstance(_at(DOCUMENTS[name], path), dict | list)]
LISTS = [(name, path) for name, path in PATHS if isinstance(_at(DOCUMENTS[name], path), list)]
# Mappings whose keys are data, not field names: weekday sets, SLA target categories, message kinds, per-language texts.
KEYED = [
    (name, path)
    for name, path in PATHS
    if isinstance(_at(DOCUMENTS[name], path), dict)
    and (path[-1] in ("weekly", "targets", "kinds") or set(_at(DOCUMENTS[name], path)) <= {"sv", "en"})
]
NEW_KEYS = st.sampled_from(
    [
        "daily",
        "sat,sun",
        "fri-mon",
        "sun",
        "mon,wed-fri",
        "complaint",
        "praise",
        "outage",
        "default",
        "sv",
        "en",
        "de",
        "en-GB",
        "comment",
        "during",
    ]
)


@st.composite
def mutations(draw) -> tuple[dict[str, Any], list[str]]:
    """The example with one to three changes. Most keep the kind of the value (so that many mutants still
    validate and reach the later commands): another value this key takes, a number or date at an edge, a
    longer text; others put a value of any kind, copy, multiply or drop list entries, or rename a key that is
    data (a weekday set, an SLA target's category, a text's language)."""
    documents = copy.deepcopy(DOCUMENTS)
    done = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["near", "near", "near", "near", "near", "any", "grow", "copy", "many", "drop", "rekey"]))
        name, path = draw(st.sampled_from(LISTS if kind in ("copy", "many", "drop") else KEYED if kind == "rekey" else LEAVES))
        try:
            node = _at(documents[name], path[:-1])
            current = node[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation changed the shape here
        if kind in ("copy", "many", "drop"):
            if not isinstance(current, list) or not current:
                continue
            index = draw(st.integers(min_value=0, max_value=len(current) - 1))
            if kind == "drop":
                del current[index]
            else:
                current.extend(_copies(current[index], 1 if kind == "copy" else draw(st.sampled_from([20, 200, 1001]))))
        elif kind == "rekey":
            if not isinstance(current, dict) or not current:
                continue
            old = draw(st.sampled_from(sorted(current)))
            current[draw(NEW_KEYS)] = current.pop(old)
        elif kind == "grow" and isinstance(current, str):
            node[path[-1]] = current * draw(st.sampled_from([2, 60, 300]))
        elif kind == "near":
            key = next((step for step in reversed(path) if isinstance(step, str)), "")
            node[path[-1]] = _near(draw, key, current)
        else:
            node[path[-1]] = draw(VALUES)
        done.append(f"{kind} {name}:{'.'.join(map(str, path))}")
    return documents, done


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=FUZZ_EXAMPLES <= 100,  # a fixed budget in CI: the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(mutations())
def test_validate_ok_means_every_command_works(tmp_path_factory, mutation):
    documents, _ = mutation
    runs = check_invariant(_project(tmp_path_factory.mktemp("fuzz"), documents), documents)
    event(f"validate exit {runs[0].code}")  # --hypothesis-show-statistics: how many mutants reach the later commands


@pytest.mark.parametrize("zone", ["Europe", "America", "Europe/"])
def test_init_refuses_a_zone_folder(tmp_path, zone):
    done = run(["init", str(tmp_path / "new"), "--timezone", zone], tmp_path)

    assert done.crash is None and done.code == 2, done
    assert "is not an IANA time zone" in done.err and done.err.count("\n") == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["build"],
        ["export", "ics"],
        ["test"],
        ["evaluate", "--channel", "x", "--category", "question", "--received", "2026-11-24T10:00:00+01:00"],
        ["audit", "log.jsonl"],
    ],
    ids=lambda argv: argv[0],
)
@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_as_of_out_of_range_on_the_command_line(tmp_path, argv, as_of):
    project = _project(tmp_path, DOCUMENTS)
    (project / "log.jsonl").write_text("", encoding="utf-8")

    done = run([*argv, "--as-of", as_of], project)

    assert done.crash is None and done.code == 2, done
    assert done.err == done.err.splitlines()[0] + "\n" and "invalid setting 'as_of' (from the command line)" in done.err
    assert not (project / "policies").exists()

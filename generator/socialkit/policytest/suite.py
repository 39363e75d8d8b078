"""Read policy-test files into plain `Case` records, with located problems.

Checks happen in two passes, like the strategy's: the shape of each case
against the models in `spec`, then times, durations and ids against the file's
time zone and the policy being tested. A case with a problem is left out (the
rest of the file still runs); one bad file never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from socialkit import problems as P
from socialkit.policytest import spec
from socialkit.policytest.spec import NONE
from socialkit.problems import Problem
from socialkit.strategy.load import YAML_SUFFIXES, Path_, display, json_path, position_in_tree, read_document
from socialkit.strategy.scalars import check_timezone, parse_duration
from socialkit.words import did_you_mean

TIME_KEYS = ("closes_at", "next_opening", "acknowledge_by", "respond_by", "update_by", "next_allowed")
DURATION_KEYS = ("acknowledge_within", "respond_within", "update_within")
PEOPLE_KEYS = ("on_duty", "on_duty_includes", "notify", "approved_by")
TOP_KEYS = ("timezone", "description", "tests")


@dataclass(frozen=True)
class Expectation:
    """One expected value: `value` is normalised (epoch seconds, seconds, a set...), `text` as written."""

    key: str
    value: Any
    text: str
    line: int | None
    column: int | None


@dataclass(frozen=True)
class Case:
    kind: str  # message | channel | on-duty | coverage | publish | moderate
    name: str
    file: str
    line: int | None
    subject: dict[str, Any]  # times as epoch seconds
    expectations: tuple[Expectation, ...]


@dataclass
class Suite:
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# --- public entry points ----------------------------------------------------------------


def discover_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """YAML files under the given files and folders (sorted); a missing path is a problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(P.problem(P.NO_FILES, f"{display(path)} does not exist; pass a test file or folder", file=display(path)))
    return files, problems


def load_suite(paths: list[Path], policy_document: dict[str, Any]) -> Suite:
    """Every valid case in the files at `paths`, and the problems of the others."""
    files, problems = discover_files(paths)
    suite = Suite(problems=problems)
    known = KnownIds.of(policy_document)
    for path in files:
        suite.files.append(display(path))
        document, found = read_document(path)
        if document is None:
            suite.problems.extend(_for_tests(p) for p in found)
            continue
        cases, found = cases_from_tree(document.tree, document.data, document.path, known)
        suite.cases.extend(cases)
        suite.problems.extend(found)
    suite.problems.sort(key=Problem.sort_key)
    return suite


def load_text(text: str, name: str, policy_document: dict[str, Any]) -> tuple[list[Case], list[Problem]]:
    """Cases from YAML text (for tools and tests that have no file)."""
    from socialkit.strategy.load import parse_document

    document, found = parse_document(text.encode("utf-8"), name)
    if document is None:
        return [], [_for_tests(p) for p in found]
    return cases_from_tree(document.tree, document.data, name, KnownIds.of(policy_document))


def _for_tests(problem: Problem) -> Problem:
    """The loader's wording is about strategy files; say what a test file needs instead."""
    if problem.code == P.NOT_A_MAPPING.code:
        return replace(problem, message=NOT_A_MAPPING_MESSAGE)
    return problem


NOT_A_MAPPING_MESSAGE = "a test file must start with 'tests:' followed by a list of tests"


# --- ids the policy knows -----------------------------------------------------------------


@dataclass(frozen=True)
class KnownIds:
    channels: tuple[str, ...]
    categories: tuple[str, ...]
    teams: tuple[str, ...]
    people: tuple[str, ...]
    rules: tuple[str, ...]

    @classmethod
    def of(cls, document: dict[str, Any]) -> KnownIds:
        return cls(
            channels=tuple(document["channels"]),
            categories=tuple(document["categories"]),
            teams=tuple(document["teams"]),
            people=tuple(document["people"]),
            rules=tuple(rule["id"] for rule in document["escalation"]),
        )


# --- one file -------------------------------------------------------------------------------


class _File:
    """Problems and positions for one file's tree."""

    def __init__(self, tree: Any, name: str) -> None:
        self.tree, self.name = tree, name
        self.problems: list[Problem] = []

    def at(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        line, column = position_in_tree(self.tree, path, key=key)
        return (line, column) if line is not None else (1, 1)

    def report(self, code: P.Code, message: str, path: Path_, *, key: bool = False) -> None:
        line, column = self.at(path, key=key)
        self.problems.append(P.problem(code, message, file=self.name, line=line, column=column, json_path=json_path(path)))


def cases_from_tree(tree: Any, data: Any, name: str, known: KnownIds) -> tuple[list[Case], list[Problem]]:
    file = _File(tree, name)
    if not isinstance(data, dict):
        file.report(P.NOT_A_MAPPING, NOT_A_MAPPING_MESSAGE, ())
        return [], file.problems
    for key in data:
        if key not in TOP_KEYS:
            file.report(P.UNKNOWN_KEY, f"unknown key '{key}' at the top level{did_you_mean(key, TOP_KEYS)}", (key,), key=True)
    zone = _file_zone(file, data.get("timezone"))
    tests = data.get("tests")
    if "tests" not in data:
        file.report(P.MISSING_KEY, "missing required key 'tests' (a list of tests, each with a 'name')", ())
        return [], file.problems
    if not isinstance(tests, list) or not tests:
        file.report(P.WRONG_TYPE, "'tests' must be a list of tests, each starting with '- name: ...'", ("tests",))
        return [], file.problems
    cases = []
    names: dict[str, int | None] = {}
    for index, raw in enumerate(tests):
        before = len(file.problems)
        case = _case(file, ("tests", index), raw, zone, known)
        if case is not None and case.name in names:
            file.report(
                P.DUPLICATE_ID,
                f"another test in this file is named '{case.name}' (line {names[case.name]}); give each test its own name",
                ("tests", index, "name"),
            )
        elif case is not None:
            names[case.name] = case.line
        if case is not None and len(file.problems) == before:
            cases.append(case)
    return cases, file.problems


def _file_zone(file: _File, value: Any) -> ZoneInfo | None:
    if value is None:
        return None
    try:
        return ZoneInfo(check_timezone(value))
    except PydanticCustomError as err:
        file.report(P.INVALID_TIMEZONE, str(err), ("timezone",))
        return None


def _case(file: _File, path: Path_, raw: Any, zone: ZoneInfo | None, known: KnownIds) -> Case | None:
    if not isinstance(raw, dict):
        file.report(P.WRONG_TYPE, "each test must be a mapping starting with '- name: ...'", path)
        return None
    kind = spec.kind_of(raw)
    if kind is None:
        file.report(
            P.MISSING_KEY,
            "a test needs 'message' (a message to decide), 'channel' (opening hours), 'team' (who is on duty), "
            "'publish' (may we publish), 'moderate' (a moderation question), 'records' (a records duty) "
            "or 'account' (account governance)",
            path,
        )
        return None
    subjects = [k for k in ("message", "channel", "team", "publish", "moderate", "records", "account") if k in raw]
    if len(subjects) > 1:
        file.report(
            P.INVALID_VALUE,
            f"a test is about one thing: use '{subjects[0]}' or '{subjects[1]}', not both (split it into two tests)",
            path + (subjects[1],),
            key=True,
        )
        return None
    model = spec.KINDS[kind]
    try:
        model.model_validate(raw, strict=True)
    except ValidationError as err:
        seen = set()
        for error in err.errors(include_url=False):
            if error["loc"][:2] not in seen:  # a union reports each of its arms; one problem is enough
                seen.add(error["loc"][:2])
                _shape_problem(file, path, raw, model, error)
        return None
    checker = _Checker(file, path, zone, known)
    subject = checker.subject(kind, raw)
    expectations = checker.expectations(raw["expect"])
    line, _ = file.at(path)
    return Case(kind, raw["name"], file.name, line, subject, tuple(expectations))


# --- shape problems (from the models) -------------------------------------------------------

SHAPE_CODES = {
    "extra_forbidden": P.UNKNOWN_KEY,
    "missing": P.MISSING_KEY,
    "literal_error": P.INVALID_CHOICE,
    "enum": P.INVALID_CHOICE,
    "greater_than_equal": P.INVALID_VALUE,
    "string_too_short": P.INVALID_VALUE,
    "too_short": P.INVALID_VALUE,
}


def _shape_problem(file: _File, path: Path_, raw: dict, model: type, error: dict) -> None:
    loc = tuple(
        step for step in error["loc"] if not (isinstance(step, str) and ("[" in step or step in {"str", "int", "bool", "none", "list"}))
    )
    kind = error["type"]
    name = loc[-1] if loc else "value"
    code = SHAPE_CODES.get(kind, P.WRONG_TYPE)
    where = path + loc
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        message = f"unknown key '{name}'{_in(loc[:-1])}{did_you_mean(str(name), allowed)}"
        file.report(code, message + f" (allowed: {', '.join(allowed)})", where, key=True)
        return
    if kind == "missing":
        file.report(code, f"missing required key '{name}'{_in(loc[:-1])}", path + loc[:-1])
        return
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        choices = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]
        file.report(
            code,
            f"{error['input']!r} is not allowed for '{name}'; choose one of {expected}{did_you_mean(str(error['input']), choices)}",
            where,
        )
        return
    if kind in ("bool_type", "bool_parsing"):
        file.report(code, f"'{name}' must be true or false, got {_short(error['input'])}", where)
        return
    if kind in ("model_type", "dict_type"):
        file.report(code, f"'{name}' must be a mapping of keys and values (indented below it), got {_short(error['input'])}", where)
        return
    if kind == "list_type":
        file.report(code, f"'{name}' must be a list such as [erik, omar], got {_short(error['input'])}", where)
        return
    message = error["msg"][0].lower() + error["msg"][1:]
    file.report(code, f"'{name}': {message}, got {_short(error['input'])}", where)


def _allowed_keys(model: type, loc: tuple) -> list[str]:
    from pydantic import BaseModel

    current: Any = model
    for step in loc:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == step), None)
        current = _model_in(info.annotation) if info else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _model_in(annotation: Any) -> Any:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# --- value problems (times, durations, ids) -------------------------------------------------


class _Checker:
    def __init__(self, file: _File, path: Path_, zone: ZoneInfo | None, known: KnownIds) -> None:
        self.file, self.path, self.zone, self.known = file, path, zone, known

    def subject(self, kind: str, raw: dict) -> dict[str, Any]:
        if kind == "moderate":
            question = raw["moderate"]
            self.ref(question["channel"], self.known.channels, "channel", self.path + ("moderate", "channel"))
            return {"channel": question["channel"], "reason": question["reason"], "prior_violations": question.get("prior_violations", 0)}
        if kind == "message":
            message = raw["message"]
            base = self.path + ("message",)
            self.ref(message["channel"], self.known.channels, "channel", base + ("channel",))
            self.ref(message["category"], self.known.categories, "category", base + ("category",))
            return {
                "channel": message["channel"],
                "category": message["category"],
                "received": self.time(message["received"], base + ("received",)),
                "text": message.get("text", ""),
                "followers": message.get("followers"),
                "author_type": message.get("author_type"),
                "crisis": message.get("crisis", False),
                "kind": message.get("kind"),
            }
        if kind == "records":
            return {"content": raw["records"]}
        if kind == "account":
            self.ref(raw["account"], self.known.channels, "channel", self.path + ("account",))
            last = self.time(raw["last_post"], self.path + ("last_post",)) if raw.get("last_post") else None
            judged = self.time(raw["at"], self.path + ("at",)) if raw.get("at") else last
            return {"channel": raw["account"], "last_post_at": last, "judged_at": judged}
        if kind == "publish":
            self.ref(raw["publish"], self.known.channels, "channel", self.path + ("publish",))
            return {"channel": raw["publish"], "at": self.time(raw["at"], self.path + ("at",))}
        if kind == "channel":
            self.ref(raw["channel"], self.known.channels, "channel", self.path + ("channel",))
            return {"channel": raw["channel"], "at": self.time(raw["at"], self.path + ("at",)), "crisis": raw.get("crisis", False)}
        self.ref(raw["team"], self.known.teams, "team", self.path + ("team",))
        if kind == "on-duty":
            return {"team": raw["team"], "at": self.time(raw["at"], self.path + ("at",))}
        if raw.get("while_open") is not None:
            self.ref(raw["while_open"], self.known.channels, "channel", self.path + ("while_open",))
        start = self.time(raw["from"], self.path + ("from",))
        until = self.time(raw["until"], self.path + ("until",))
        if start is not None and until is not None and until <= start:
            self.file.report(P.INVALID_VALUE, "'until' must be later than 'from'", self.path + ("until",))
        return {"team": raw["team"], "from": start, "until": until, "while_open": raw.get("while_open")}

    def expectations(self, expect: dict) -> list[Expectation]:
        if not expect:
            self.file.report(
                P.MISSING_KEY, "'expect' has nothing to check; add what the policy must say, e.g. 'open: false'", self.path + ("expect",)
            )
        out = []
        for key, value in expect.items():
            path = self.path + ("expect", key)
            line, column = self.file.at(path, key=True)
            out.append(Expectation(key, self.expected(key, value, path), _text(value), line, column))
        return out

    def expected(self, key: str, value: Any, path: Path_) -> Any:
        if key in TIME_KEYS:
            return None if value in (None, NONE) else self.time(value, path)
        if key in DURATION_KEYS:
            return None if value == NONE else self.duration(value, path)
        if key == "keep_for" and value != NONE:
            from socialkit.periods import PeriodError, parse_period

            try:
                return parse_period(value).to_plain()
            except PeriodError as err:
                self.file.report(P.INVALID_DURATION, str(err), path)
                return None
        if key == "gaps":
            return frozenset(value)
        if key == "owner" and value != NONE:
            self.ref(value, self.known.people, "person", path)
        if key in PEOPLE_KEYS:
            for index, person in enumerate(value):
                self.ref(person, self.known.people, "person", path + (index,))
            return frozenset(value)
        if key == "team" and value != NONE:
            self.ref(value, self.known.teams, "team", path)
        if key == "escalation" and value != NONE:
            self.ref(value, self.known.rules, "escalation rule", path)
        return value

    def ref(self, value: str, known: tuple[str, ...], what: str, path: Path_) -> None:
        if value not in known:
            hint = did_you_mean(value, known) or f"; known: {', '.join(sorted(known)) or 'none'}"
            self.file.report(P.UNKNOWN_REFERENCE, f"unknown {what} '{value}'{hint}", path)

    def time(self, text: str, path: Path_) -> int | None:
        seconds, error = parse_time(text, self.zone)
        if error:
            self.file.report(P.INVALID_DATE, error, path)
        return seconds

    def duration(self, text: str, path: Path_) -> int | None:
        try:
            return parse_duration(text)
        except PydanticCustomError as err:
            self.file.report(P.INVALID_DURATION, str(err), path)
            return None


def parse_time(text: str, zone: ZoneInfo | None) -> tuple[int | None, str | None]:
    """RFC 3339 with an offset -> epoch seconds; a local time only with the file's `timezone`."""
    example = "e.g. '2026-12-24T16:55:00+01:00'"
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None, f"'{text}' is not a time; write it as RFC 3339 with an offset, {example}"
    if len(text.strip()) <= 10:
        return None, f"'{text}' is a date without a time of day; write {example}"
    if parsed.tzinfo is not None:
        return int(parsed.timestamp()), None
    if zone is None:
        return None, f"'{text}' has no UTC offset; write {example}, or set 'timezone:' at the top of the file"
    return _local_instant(parsed, zone, text)


def _local_instant(parsed: datetime, zone: ZoneInfo, text: str) -> tuple[int | None, str | None]:
    """A wall-clock time in `zone`; refused when clocks skip it or show it twice (DST)."""
    first, second = parsed.replace(tzinfo=zone, fold=0), parsed.replace(tzinfo=zone, fold=1)
    if datetime.fromtimestamp(first.timestamp(), zone).replace(tzinfo=None) != parsed:
        return None, f"'{text}' does not exist in {zone.key} (clocks go forward then); pick another time"
    if first.utcoffset() != second.utcoffset():
        offsets = " or ".join(_offset(d) for d in (first, second))
        return None, f"'{text}' happens twice in {zone.key} (clocks go back then); add the offset: {offsets}"
    return int(first.timestamp()), None


def _offset(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _text(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _in(loc: tuple) -> str:
    return f" in '{'.'.join(str(s) for s in loc)}'" if loc else ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

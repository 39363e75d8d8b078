"""Reporters turn results into output; checks, tests, diffs and audits never print.

Every command with a `--format` has one registry of reporters, and every
reporter has one signature, `(result, stream) -> None` (after
check-jsonschema's REPORTER_BY_NAME): `REPORTERS` here for validation
problems, `policytest.TEST_REPORTERS` for policy tests, `diff.semantic.DIFF_REPORTERS`
for diffs and `audit.render.AUDIT_REPORTERS` for audits. A new format is one
decorated function; the command's `--format` choices come from its registry.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TextIO, TypeVar

from socialkit.problems import Problem, Severity

T = TypeVar("T")
Reporter = Callable[[T, TextIO], None]


class Reporters(Generic[T]):
    """Reporters of one kind of result, by format name; iterating gives the names in order."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self._by_name: dict[str, Reporter] = {}

    def register(self, name: str) -> Callable[[Reporter], Reporter]:
        def add(func: Reporter) -> Reporter:
            self._by_name[name] = func
            return func

        return add

    def __getitem__(self, name: str) -> Reporter:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._by_name))

    def report(self, name: str, result: T, stream: TextIO) -> None:
        self._by_name[name](result, stream)


REPORTERS: Reporters[list[Problem]] = Reporters("validation problems")
reporter = REPORTERS.register


def use_colour(stream: TextIO) -> bool:
    """NO_COLOR wins, then FORCE_COLOR; otherwise colour only on a terminal outside CI."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("CI"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if not problems:
        return "no problems found"
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    return ", ".join(parts)


def location(p: Problem) -> str:
    if p.file is None:
        return "<strategy>"
    if p.line is None:
        return p.file
    return f"{p.file}:{p.line}:{p.column or 1}"


@reporter("text")
def text_report(problems: list[Problem], stream: TextIO) -> None:
    colour = use_colour(stream)
    for p in problems:
        severity = p.severity.value
        if colour:
            severity = f"{_COLOURS[p.severity]}{severity}\033[0m"
        stream.write(f"{location(p)}: {p.code} {severity} {p.message}\n")
    stream.write(f"{summary(problems)}\n")


@reporter("json")
def json_report(problems: list[Problem], stream: TextIO) -> None:
    json.dump({"problems": [p.as_dict() for p in problems], "summary": summary(problems)}, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def github_report(problems: list[Problem], stream: TextIO) -> None:
    """GitHub Actions workflow commands: annotations on the lines of a pull request."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for p in problems:
        props = []
        if p.file:
            props.append(f"file={_escape_property(p.file)}")
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(p.code)}")
        stream.write(f"::{level[p.severity]} {','.join(props)}::{_escape_data(p.message)}\n")


# --- SARIF 2.1.0 (code scanning) ----------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact_uri(file: str) -> str:
    from pathlib import PurePath
    from urllib.parse import quote

    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _sarif_rules() -> list[dict]:
    from socialkit import problems as P
    from socialkit.checks import RULES
    from socialkit.checks.docs import explain

    out = []
    for entry in P.CODES:
        rule = RULES.get(entry.code)
        descriptor = {
            "id": entry.code,
            "name": entry.name,
            "shortDescription": {"text": entry.summary},
            "fullDescription": {"text": " ".join(rule.doc.split()) if rule else entry.summary},
            "help": {"text": entry.summary, "markdown": explain(entry.code) or entry.summary},
            "defaultConfiguration": {"level": SARIF_LEVEL[entry.severity]},
            "properties": {"tags": [entry.code[:3] + "xx"]},
        }
        out.append(descriptor)
    return out


def sarif_log(problems: list[Problem]) -> dict:
    """The problems as a SARIF 2.1.0 log with one run and every code's metadata."""
    from socialkit import __version__

    rules = _sarif_rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for p in problems:
        result: dict = {
            "ruleId": p.code,
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": p.message},
        }
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        if p.file:
            region = {"startLine": p.line or 1}
            if p.column:
                region["startColumn"] = p.column
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _artifact_uri(p.file)},
                        "region": region,
                    },
                    "logicalLocations": [{"fullyQualifiedName": p.json_path, "kind": "member"}],
                }
            ]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "socialkit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


@reporter("sarif")
def sarif_report(problems: list[Problem], stream: TextIO) -> None:
    """SARIF 2.1.0 for code-scanning upload (e.g. github/codeql-action/upload-sarif)."""
    json.dump(sarif_log(problems), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


# --- JUnit XML (CI test reports) ------------------------------------------------------------


def junit_tree(problems: list[Problem]):
    """One test case per problem code. Errors fail their case; warnings and
    notes are listed in the case's output without failing it (the exit status
    does not fail on them either)."""
    import xml.etree.ElementTree as ET

    from socialkit import problems as P

    by_code: dict[str, list[Problem]] = {}
    for p in problems:
        by_code.setdefault(p.code, []).append(p)
    codes = [entry.code for entry in P.CODES] + sorted(set(by_code) - set(P.CODES.by_code))
    failures = sum(1 for code in codes if any(p.severity is Severity.ERROR for p in by_code.get(code, [])))
    suites = ET.Element("testsuites", name="socialkit", tests=str(len(codes)), failures=str(failures), errors="0")
    suite = ET.SubElement(
        suites, "testsuite", name="socialkit validate", tests=str(len(codes)), failures=str(failures), errors="0", skipped="0"
    )
    for code in codes:
        name = P.CODES[code].name if code in P.CODES else code
        case = ET.SubElement(suite, "testcase", classname=f"socialkit.{code[:3]}xx", name=f"{code} {name}")
        found = by_code.get(code, [])
        errors = [p for p in found if p.severity is Severity.ERROR]
        others = [p for p in found if p.severity is not Severity.ERROR]
        if errors:
            failure = ET.SubElement(
                case, "failure", type=code, message=f"{len(errors)} error{'s' * (len(errors) != 1)}: {errors[0].message}"
            )
            failure.text = "\n".join(f"{location(p)}: {p.message}" for p in errors)
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{location(p)}: {p.severity.value}: {p.message}" for p in others)
    ET.indent(suites)
    return suites


@reporter("junit")
def junit_report(problems: list[Problem], stream: TextIO) -> None:
    import xml.etree.ElementTree as ET

    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(junit_tree(problems), encoding="unicode"))
    stream.write("\n")

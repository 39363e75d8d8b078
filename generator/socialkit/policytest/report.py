"""Reporters for `socialkit test`: text (pytest-like), json and junit.

A reporter gets the file problems and the outcomes and writes to a stream;
the runner never prints. Output is deterministic (no timings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TextIO

from socialkit.policytest.runner import ERROR, FAILED, PASSED, Outcome
from socialkit.problems import Problem
from socialkit.report import Reporters, location, use_colour


@dataclass
class Report:
    outcomes: list[Outcome]
    problems: list[Problem] = field(default_factory=list)
    deselected: int = 0
    verbose: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return not self.problems and all(o.status == PASSED for o in self.outcomes)

    def summary(self) -> str:
        parts = [f"{self.count(FAILED)} failed"] if self.count(FAILED) else []
        parts.append(f"{self.count(PASSED)} passed")
        if self.count(ERROR):
            parts.append(f"{self.count(ERROR)} error{'s' * (self.count(ERROR) != 1)}")
        if self.problems:
            parts.append(f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)} in test files")
        if self.deselected:
            parts.append(f"{self.deselected} deselected")
        return ", ".join(parts)


TEST_REPORTERS: Reporters[Report] = Reporters("policy test results")
_reporter = TEST_REPORTERS.register


def where(outcome: Outcome) -> str:
    case = outcome.case
    return f"{case.file}:{case.line}" if case.line else case.file


# --- text --------------------------------------------------------------------------------------


@_reporter("text")
def text_report(report: Report, stream: TextIO) -> None:
    colour = use_colour(stream)
    paint = (lambda text, code: f"\033[{code}m{text}\033[0m") if colour else (lambda text, code: text)
    for p in report.problems:
        stream.write(f"{location(p)}: {p.code} {paint('error', 31)} {p.message}\n")
    for outcome in report.outcomes:
        if outcome.status == PASSED:
            if report.verbose:
                stream.write(f"{paint('PASSED', 32)} {where(outcome)} {outcome.case.name}\n")
            continue
        label = paint("FAILED", 31) if outcome.status == FAILED else paint("ERROR", 31)
        stream.write(f"{label} {where(outcome)} {outcome.case.name}\n")
        if outcome.error:
            stream.write(f"  {where(outcome)}: {outcome.error}\n")
        for check in outcome.failures:
            spot = f"{outcome.case.file}:{check.line}:{check.column or 1}" if check.line else where(outcome)
            stream.write(f"  {spot}: {check.key}\n")
            stream.write(f"    expected: {check.expected}\n")
            stream.write(f"    actual:   {check.actual}\n")
        if outcome.explanation:
            stream.write(f"  policy: {outcome.explanation}\n")
    line = report.summary()
    stream.write(f"{paint(line, 32 if report.ok else 31)}\n")


# --- json --------------------------------------------------------------------------------------


def outcome_data(outcome: Outcome) -> dict:
    case = outcome.case
    return {
        "name": case.name,
        "kind": case.kind,
        "file": case.file,
        "line": case.line,
        "status": outcome.status,
        "error": outcome.error,
        "checks": [
            {"key": c.key, "expected": c.expected, "actual": c.actual, "passed": c.passed, "line": c.line, "column": c.column}
            for c in outcome.checks
        ],
        "explanation": outcome.explanation,
    }


@_reporter("json")
def json_report(report: Report, stream: TextIO) -> None:
    data = {
        "summary": {
            "tests": len(report.outcomes),
            "passed": report.count(PASSED),
            "failed": report.count(FAILED),
            "errors": report.count(ERROR),
            "problems": len(report.problems),
            "deselected": report.deselected,
            "text": report.summary(),
        },
        "problems": [p.as_dict() for p in report.problems],
        "tests": [outcome_data(o) for o in report.outcomes],
    }
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


# --- junit -------------------------------------------------------------------------------------


def junit_tree(report: Report):
    """One <testsuite> per test file, one <testcase> per test (file and line as attributes).

    A failed expectation is a <failure>; a test that could not be evaluated is
    an <error>; a problem in a test file is an <error> test case of its own.
    """
    import xml.etree.ElementTree as ET

    by_file: dict[str, list] = {}
    for outcome in report.outcomes:
        by_file.setdefault(outcome.case.file, []).append(outcome)
    for problem in report.problems:
        by_file.setdefault(problem.file or "<tests>", []).append(problem)
    total = {"tests": 0, "failures": 0, "errors": 0}
    root = ET.Element("testsuites", name="socialkit test")
    for file in sorted(by_file):
        items = by_file[file]
        suite = ET.SubElement(root, "testsuite", name=file)
        counts = {"tests": len(items), "failures": 0, "errors": 0}
        for item in items:
            if isinstance(item, Problem):
                counts["errors"] += 1
                _problem_case(suite, item)
            else:
                counts["failures"] += item.status == FAILED
                counts["errors"] += item.status == ERROR
                _outcome_case(suite, item)
        for key, value in counts.items():
            suite.set(key, str(value))
            total[key] += value
        suite.set("skipped", "0")
    for key, value in total.items():
        root.set(key, str(value))
    ET.indent(root)
    return root


def _classname(file: str) -> str:
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"socialkit.test.{stem}"


def _outcome_case(suite, outcome: Outcome) -> None:
    import xml.etree.ElementTree as ET

    case = outcome.case
    element = ET.SubElement(suite, "testcase", classname=_classname(case.file), name=case.name, file=case.file, line=str(case.line or 0))
    if outcome.status == ERROR:
        error = ET.SubElement(element, "error", type="error", message=outcome.error or "")
        error.text = f"{where(outcome)}: {outcome.error}"
    elif outcome.status == FAILED:
        first = outcome.failures[0]
        failure = ET.SubElement(
            element, "failure", type="expectation", message=f"{first.key}: expected {first.expected}, actual {first.actual}"
        )
        failure.text = "\n".join(
            f"{case.file}:{c.line}:{c.column or 1}: {c.key}: expected {c.expected}, actual {c.actual}" for c in outcome.failures
        )
    if outcome.explanation:
        ET.SubElement(element, "system-out").text = outcome.explanation


def _problem_case(suite, problem: Problem) -> None:
    import xml.etree.ElementTree as ET

    file = problem.file or "<tests>"
    element = ET.SubElement(
        suite, "testcase", classname=_classname(file), name=f"{location(problem)} {problem.code}", file=file, line=str(problem.line or 0)
    )
    error = ET.SubElement(element, "error", type=problem.code, message=problem.message)
    error.text = f"{location(problem)}: {problem.message}"


@_reporter("junit")
def junit_report(report: Report, stream: TextIO) -> None:
    import xml.etree.ElementTree as ET

    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(junit_tree(report), encoding="unicode"))
    stream.write("\n")

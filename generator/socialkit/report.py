"""Reporters turn problems into output; checks never print.

A reporter is a function (problems, stream) -> None registered by name, so the
rule engine can add SARIF or JUnit without touching the checks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import TextIO

from .problems import Problem, Severity

Reporter = Callable[[list[Problem], TextIO], None]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return register


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) or bool(os.environ.get("FORCE_COLOR"))


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

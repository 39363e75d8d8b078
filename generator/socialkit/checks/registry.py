"""The rule registry: every rule is a small function with a stable code.

A rule is a generator `check(ctx) -> Iterable[Finding]` decorated with
`@rule(code, name, severity, summary, bad=..., good=...)`. Its docstring is the
rationale of its documentation page, `bad` and `good` are YAML examples (the
tests check that `bad` triggers the rule and `good` does not). A finding names
a path into the merged strategy; the engine turns it into a `Problem` with
file, line and column. Rules never print and never build `Problem`s themselves.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from socialkit import problems as P
from socialkit.checks.context import Context
from socialkit.problems import Severity
from socialkit.strategy.load import Path_

FAMILIES = {
    "SK0": "Reading files and the format",
    "SK1": "References and structure",
    "SK2": "Time and coverage",
    "SK3": "Escalation",
    "SK4": "Practices",
    "SK5": "Event lines and audit rows",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found: where (a merged path) and what (one line)."""

    path: Path_
    message: str
    key: bool = False  # point at the mapping key instead of its value


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    raw_doc: str  # as written (indented docstring); `doc` is the cleaned text
    raw_bad: str
    raw_good: str
    check: Check | None  # None: another stage reports it (see `stage`)
    stage: str = "rules"

    # Cleaned when read (the docs, --explain, the tests), not at registration: cleaning ~190 texts
    # was a few ms of every start of validate, which never reads them.
    @property
    def doc(self) -> str:
        """Rationale, Markdown."""
        return _clean(self.raw_doc)

    @property
    def bad(self) -> str:
        """YAML that triggers the rule."""
        return _clean(self.raw_bad)

    @property
    def good(self) -> str:
        """The same, fixed."""
        return _clean(self.raw_good)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "Other")

    @property
    def configurable(self) -> bool:
        return self.check is not None


RULES: dict[str, Rule] = {}


def _clean(text: str) -> str:
    return inspect.cleandoc(text).strip() + "\n"


def rule(code: str, name: str, severity: Severity, summary: str, *, bad: str, good: str) -> Callable[[Check], Check]:
    """Register a rule: its code in the problem catalogue, its check and its documentation."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        P.CODES.register(code, name, severity, summary)
        RULES[code] = Rule(code, name, severity, summary, check.__doc__ or summary, bad, good, check)
        return check

    return register


def documented(code: str, *, doc: str, bad: str, good: str, stage: str) -> None:
    """Documentation for a code another stage reports (it is already in the catalogue)."""
    entry = P.CODES[code]
    RULES[code] = Rule(code, entry.name, entry.severity, entry.summary, doc, bad, good, None, stage)

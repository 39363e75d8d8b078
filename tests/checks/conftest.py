"""Helpers for rule tests: literal YAML in a tmp dir, validated, problems as tuples.

`BASE` is a small strategy no rule objects to (the rule pages' examples assume
it): the organisation, people anna and erik, team `support` with a rota over
`office-hours` (mon-fri 08:00-17:00), categories complaint and praise, and the
business-clock SLA `standard`. A test writes it as `00-base.yaml` and its own
YAML as `10-case.yaml`; files merge in name order.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from socialkit.validate import Result, validate_paths

AS_OF = date(2026, 11, 23)

BASE = """\
version: 1
organization:
  name: Example AB
  timezone: Europe/Stockholm
  languages: [en]
people:
  - id: anna
    name: Anna Lind
    email: anna@example.org
  - id: erik
    name: Erik Holm
    phone: "+46 70 123 45 67"
teams:
  - id: support
    name: Support
    members: [anna, erik]
    lead: anna
    rota:
      layers:
        - id: weekdays
          start: 2026-01-05 08:00
          every: 1w
          order: [anna, erik]
          only_during: office-hours
schedules:
  - id: office-hours
    weekly:
      mon-fri: ["08:00-17:00"]
categories:
  - {id: complaint, name: Complaint, sentiment: negative, reply_style: thank-and-fix}
  - {id: praise, name: Praise, sentiment: positive, reply_style: personal}
slas:
  - id: standard
    clock: business
    targets:
      complaint: {acknowledge: 1h, respond: 4h}
      default: {respond: 8h}
"""


class Strategy:
    """Write YAML into a folder and validate it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def validate(self, text: str, *, base: bool = True, as_of: date = AS_OF, settings=None, **files: str) -> Result:
        if base:
            (self.folder / "00-base.yaml").write_text(BASE, encoding="utf-8")
        (self.folder / "10-case.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for name, content in files.items():
            (self.folder / name).write_text(textwrap.dedent(content), encoding="utf-8")
        return validate_paths([self.folder], settings=settings, as_of=as_of)

    def problems(self, text: str, **kwargs) -> list[tuple[str, int | None, int | None]]:
        """(code, line, column) of every problem, positions in 10-case.yaml."""
        result = self.validate(text, **kwargs)
        return [(p.code, p.line, p.column) for p in result.problems]

    def messages(self, text: str, **kwargs) -> list[str]:
        return [f"{p.code} {p.message}" for p in self.validate(text, **kwargs).problems]


@pytest.fixture
def strategy(tmp_path: Path) -> Strategy:
    return Strategy(tmp_path)

"""Shared fixtures: the example strategy compiled at a few dates, and small literal strategies."""

from __future__ import annotations

import textwrap
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from socialkit.compile.document import compile_policy
from socialkit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "strategy"
AS_OF = date(2026, 11, 23)


@cache
def _example():
    result = validate_paths([EXAMPLE])
    assert result.ok, result.problems
    return result


@cache
def _compiled(as_of: date) -> dict:
    return compile_policy(_example().strategy, as_of=as_of)


class Example:
    """The example strategy (Solvik Energi AB) and its policy at any date."""

    @property
    def strategy(self):
        return _example().strategy

    @property
    def source(self):
        return _example().source

    def document(self, as_of: date = AS_OF) -> dict:
        return _compiled(as_of)


@pytest.fixture(scope="session")
def example() -> Example:
    return Example()


def load_literal(folder: Path, files: dict[str, str]):
    """Write YAML files into folder, validate them, and return the result (strategy and source)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    result = validate_paths([folder])
    assert result.ok, [str(p) for p in result.problems]
    return result


@pytest.fixture
def literal(tmp_path):
    """literal({'a.yaml': '...'}, as_of) -> (strategy, document, source) of a small strategy in tmp_path."""

    def make(files: dict[str, str], as_of: date = AS_OF, horizon_days: int = 400):
        result = load_literal(tmp_path / "strategy", files)
        return result.strategy, compile_policy(result.strategy, as_of=as_of, horizon_days=horizon_days), result.source

    return make


SMALL = """\
version: 1
organization:
  name: Nattugglan AB
  timezone: Europe/Stockholm
  languages: [en]
  holidays:
    country: SE
people:
  - {id: ann, name: Ann Ahl, email: ann@example.org}
  - {id: bo, name: Bo Berg}
teams:
  - id: desk
    name: Night desk
    members: [ann, bo]
    lead: ann
    rota:
      layers:
        - id: nights
          start: 2027-03-01 00:00
          every: 1d
          order: [ann, bo]
schedules:
  - id: late
    name: Late nights
    weekly:
      sat: ["22:00-04:00"]
      wed: ["00:00-12:00", "12:00-24:00"]
    holidays: open
  - id: staff-only
    weekly:
      daily: ["00:00-24:00"]
    holidays: open
slas:
  - id: quick
    clock: business
    targets:
      default: {acknowledge: 30m, respond: 2h}
channels:
  - id: chat
    name: Web chat
    platform: website-chat
    url: https://chat.example.org
    customer_service: true
    team: desk
    schedule: late
    sla: quick
    disclosures: [hours]
  - id: backoffice
    name: Back office
    platform: other
    customer_service: true
    team: desk
    schedule: staff-only
    sla: quick
    internal: true
"""

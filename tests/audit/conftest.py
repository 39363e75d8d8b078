from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialkit.compile.document import compile_policy
from socialkit.runtime.policy import Policy
from socialkit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="session")
def example():
    result = validate_paths([ROOT / "strategy"])
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def policy(example):
    """The example strategy compiled over November 2026 to early 2027 (the sample exports' months)."""
    return Policy.from_document(compile_policy(example.strategy, as_of=AS_OF, horizon_days=90, fingerprint=example.source.fingerprint()))

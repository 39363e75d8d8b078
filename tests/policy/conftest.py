from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialkit.compile.document import compile_policy
from socialkit.runtime.policy import Policy
from socialkit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="session")
def example():
    result = validate_paths([ROOT / "strategy"])
    assert result.ok, result.problems
    return result


@pytest.fixture(scope="session")
def document(example):
    return compile_policy(example.strategy, as_of=AS_OF, fingerprint=example.source.fingerprint())


@pytest.fixture(scope="session")
def policy(document):
    return Policy.from_document(document)

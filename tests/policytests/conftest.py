"""A compiled example policy shared by the policy-test tests (compiled once per session)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from socialkit.compile.document import compile_policy
from socialkit.runtime.policy import Policy
from socialkit.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = ROOT / "strategy"
SUITE = STRATEGY / "tests"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="session")
def document():
    result = validate_paths([STRATEGY], rules=False)
    assert result.ok, result.problems
    return compile_policy(result.strategy, as_of=AS_OF, fingerprint=result.source.fingerprint())


@pytest.fixture(scope="session")
def policy(document):
    return Policy.from_document(document)


@pytest.fixture(scope="session")
def policy_file(document, tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "policy.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)

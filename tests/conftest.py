"""Shared test setup, kept generic: tests do not depend on the shell that runs them."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    """No SOCIALKIT_* setting and no forced colour leaks in from the caller's environment."""
    for name in list(os.environ):
        if name.startswith("SOCIALKIT_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # Bugs surface as tracebacks in the test that found them, not as the one-line message users see
    # (tests/foundation/test_errors.py checks that message with this unset).
    monkeypatch.setenv("SOCIALKIT_DEBUG", "1")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Compiled-policy cache in a folder of this run, never the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(autouse=True)
def _today_for_the_committed_policy(monkeypatch):
    """`validate` and `build --check` judge policies/policy.json against today (SK050/SK051); the example's
    policy is pinned to 2026-11-23, so the suite runs on that day and stays green as the calendar moves.
    tests/policy/test_horizon.py sets other days."""
    from datetime import date

    from socialkit import horizon

    monkeypatch.setattr(horizon, "today", lambda: date(2026, 11, 23))

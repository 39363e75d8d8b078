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

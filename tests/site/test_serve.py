"""`socialkit serve`: serves the playbook and rebuilds when the strategy changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import make_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float = 40) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = _fetch(url)
        if text and needle in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds}s")


def test_serve_without_mkdocs_yml_and_live_reload(tmp_path):
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "socialkit", "serve", "--dev-addr", f"127.0.0.1:{port}", "--as-of", "2026-12-14", "--audience", "public"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/", "Varför vi finns i sociala medier")  # the default language at the root
        assert _fetch(f"{base}/team/") is None and _fetch(f"{base}/en/team/") is None  # public: no team page
        organization = project / "strategy" / "organization.yaml"
        organization.write_text(
            organization.read_text().replace("turn satisfied customers into ambassadors", "make every customer feel heard")
        )
        _wait_for(f"{base}/en/", "make every customer feel heard")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

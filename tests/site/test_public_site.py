"""The public site carries only what the public audience generates and nothing
from outside the project (issue 17, section 1): leftover internal pages from an
earlier build, symlinked or special files in policies/, internal-only exports."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from socialkit.cli import main
from socialkit.render import render_mkdocs_yml
from socialkit.validate import validate_paths

pytestmark = pytest.mark.slow


def _after_internal_build(where: Path, monkeypatch, capsys, *, audience: str = "public") -> Path:
    """A project where `socialkit build` (internal) has run, then configured for a plugin site of `audience`."""
    project = make_project(where, downloads=False)
    monkeypatch.chdir(project)
    assert main(["build"]) == 0, capsys.readouterr().err
    assert (project / "docs/en/team.md").is_file() and (project / "policies/zendesk/sla_policies.json").is_file()
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True, audience=audience))
    return project


def _site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_public_site_leaves_out_internal_pages_left_by_an_earlier_build(tmp_path, monkeypatch, capsys):
    project = _after_internal_build(tmp_path / "project", monkeypatch, capsys)
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "en/index.html").is_file()
    assert not (site / "en/team").exists() and not (site / "team").exists()
    for index in ("search/search_index.json", "en/search/search_index.json"):
        search = json.loads((site / index).read_text())
        assert search["docs"] and not [doc["location"] for doc in search["docs"] if "team/" in doc["location"]]
    assert (site / "guide/playbook/index.html").is_file()  # hand-written pages outside the playbook stay


def test_internal_site_still_carries_them(tmp_path, monkeypatch, capsys):
    project = _after_internal_build(tmp_path / "project", monkeypatch, capsys, audience="internal")
    assert mkdocs_build(project).returncode == 0
    assert (project / "site/en/team/index.html").is_file()
    assert (project / "site/policies/zendesk/sla_policies.json").is_file()


def test_public_site_carries_no_zendesk_export(tmp_path, monkeypatch, capsys):
    """The Zendesk bodies name internal channels (guide: internal); the public site offers only public exports."""
    project = _after_internal_build(tmp_path / "project", monkeypatch, capsys)
    assert mkdocs_build(project).returncode == 0
    files = _site_files(project / "site")
    assert not [f for f in files if f.startswith("policies/") and f != "policies/availability.json" and not f.startswith("policies/ics/")]
    assert not [f for f in files if "rota-" in f]
    assert "policies/availability.json" in files
    pages = [p for p in (project / "site").rglob("*.html")]
    assert pages and not [p for p in pages if "zendesk/" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_symlink_out_of_the_project_is_never_published(tmp_path, monkeypatch, audience):
    monkeypatch.setenv("CI_DEPLOY_TOKEN", "zq9-env-marker")  # what /proc/self/environ would publish
    project = make_project(tmp_path / "project")
    secret = tmp_path / "ci-secrets.json"
    secret.write_text('{"TOKEN": "s3cr3t-value"}')
    os.symlink(secret, project / "policies" / "environ.json")
    os.symlink("/proc/self/environ", project / "policies" / "ics" / "environ.ics")
    os.symlink(secret, project / "schemas" / "leak.json")
    os.mkfifo(project / "policies" / "pipe.json")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True, audience=audience))
    done = mkdocs_build(project)
    assert done.returncode != 0  # the warnings fail a strict build
    assert "leaves policies/environ.json out of the site" in done.stderr
    done = mkdocs_build(project, "--no-strict")
    assert done.returncode == 0, done.stderr
    files = _site_files(project / "site")
    assert not {"policies/environ.json", "policies/ics/environ.ics", "schemas/leak.json", "policies/pipe.json"} & files
    text = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in (project / "site").rglob("*") if p.is_file())
    assert "s3cr3t-value" not in text and "zq9-env-marker" not in text
    assert "environ.json" not in text and "leak.json" not in text


def test_symlink_inside_the_project_is_published(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "shared").mkdir()
    (project / "shared" / "hours.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    os.symlink(project / "shared" / "hours.ics", project / "policies" / "ics" / "linked.ics")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    assert mkdocs_build(project).returncode == 0
    assert (project / "site/policies/ics/linked.ics").is_file()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return None


def test_serve_public_leaves_out_internal_pages_left_by_an_earlier_build(tmp_path, monkeypatch, capsys):
    project = _after_internal_build(tmp_path / "project", monkeypatch, capsys, audience="internal")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "socialkit", "serve", "--dev-addr", f"127.0.0.1:{port}", "--audience", "public"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # until the first build is served (a guard, not a timing assertion)
            if _status(f"{base}/en/") == 200:
                break
            time.sleep(0.3)
        assert _status(f"{base}/en/") == 200
        assert _status(f"{base}/en/team/") == 404
        assert _status(f"{base}/sv/team/") == 404
        assert _status(f"{base}/policies/zendesk/sla_policies.json") == 404
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_page_in_docs_linked_out_of_the_project_is_never_published(tmp_path, monkeypatch):
    monkeypatch.setenv("CI_DEPLOY_TOKEN", "zq9-env-marker")
    project = make_project(tmp_path / "project")
    secret = tmp_path / "notes.md"
    secret.write_text("# Private\n\ns3cr3t-value\n")
    os.symlink(secret, project / "docs" / "guide" / "private.md")
    os.symlink("/proc/self/environ", project / "docs" / "guide" / "environ.txt")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True))
    done = mkdocs_build(project, "--no-strict")
    assert done.returncode == 0, done.stderr
    assert "leaves guide/private.md out of the site" in done.stderr
    text = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in (project / "site").rglob("*") if p.is_file())
    assert "s3cr3t-value" not in text and "zq9-env-marker" not in text
    assert (project / "site/guide/playbook/index.html").is_file()

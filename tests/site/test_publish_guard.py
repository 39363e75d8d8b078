"""An internal playbook is never written where a workflow publishes (issue 15, section 2):
`mkdocs build` warns (so --strict fails) and `mkdocs gh-deploy` refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from socialkit.render import render_mkdocs_yml
from socialkit.render.publish_guard import internal_build_published, publications
from socialkit.scaffold import _template
from socialkit.validate import validate_paths

pytestmark = pytest.mark.slow

WORKFLOW = _template("workflow.yml")


def _project(where: Path, *, workflow: str | None = WORKFLOW) -> Path:
    project = make_project(where, downloads=False)
    if workflow is not None:
        (project / ".github" / "workflows").mkdir(parents=True)
        (project / ".github" / "workflows" / "socialkit.yml").write_text(workflow, encoding="utf-8")
    strategy = validate_paths([project / "strategy"]).strategy
    (project / "mkdocs.yml").write_text(render_mkdocs_yml(strategy, plugin=True), encoding="utf-8")
    return project


def test_the_init_workflow_publishes_site(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "socialkit.yml").write_text(WORKFLOW, encoding="utf-8")
    assert [(p.folder, p.workflow) for p in publications(tmp_path)] == [((tmp_path / "site").resolve(), ".github/workflows/socialkit.yml")]
    assert internal_build_published(tmp_path, tmp_path / "site-internal") is None


@pytest.mark.parametrize(
    ("step", "folder"),
    [
        ("uses: actions/upload-pages-artifact@v3", "_site"),
        ("uses: peaceiris/actions-gh-pages@v4\n        with: {publish_dir: ./out}", "out"),
        ("uses: JamesIves/github-pages-deploy-action@v4\n        with: {folder: build/html}", "build/html"),
    ],
)
def test_other_publishing_actions_and_their_defaults(tmp_path, step, folder):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    text = f"jobs:\n  deploy:\n    steps:\n      - {step}\n"
    (tmp_path / ".github" / "workflows" / "pages.yaml").write_text(text, encoding="utf-8")
    assert [p.folder for p in publications(tmp_path)] == [(tmp_path / folder).resolve()]


def test_unreadable_or_odd_workflows_publish_nothing(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "broken.yml").write_text("jobs: [\n", encoding="utf-8")
    (folder / "odd.yml").write_text("jobs:\n  x: 3\n  y:\n    steps: [1, {uses: 7}]\n", encoding="utf-8")
    assert publications(tmp_path) == []


def test_internal_build_into_the_published_folder_warns_and_fails_strict(tmp_path):
    project = _project(tmp_path / "p")
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "building the internal playbook into site/, the folder .github/workflows/socialkit.yml publishes" in done.stderr


def test_builds_the_workflow_makes_are_quiet(tmp_path):
    project = _project(tmp_path / "p")
    public = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOCIALKIT_AUDIENCE": "public"},
        timeout=120,
    )
    assert public.returncode == 0, public.stderr
    internal = mkdocs_build(project, "--site-dir", "site-internal")
    assert internal.returncode == 0, internal.stderr
    assert "publishes" not in public.stderr + internal.stderr


def test_without_a_workflow_an_internal_build_is_quiet(tmp_path):
    done = mkdocs_build(_project(tmp_path / "p", workflow=None))
    assert done.returncode == 0, done.stderr


def test_gh_deploy_of_the_internal_playbook_is_refused(tmp_path):
    project = _project(tmp_path / "p", workflow=None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert done.returncode != 0
    assert "'mkdocs gh-deploy' would publish the internal playbook" in done.stderr
    assert not (project / "site").exists()

"""Where the repository's CI workflows publish a site, so an internal build is not written there.

The internal playbook carries names, phone numbers, the rota and escalation keywords. The workflow
`socialkit init` writes deploys the public build from `site/` and keeps the internal one in
`site-internal/` as an artifact; these helpers let the MkDocs plugin notice when a build would put
the internal playbook where a workflow picks up what it publishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Defaults of the inputs naming the published folder, from each action's action.yml:
# actions/upload-pages-artifact: input `path`, default "_site/" (github.com/actions/upload-pages-artifact);
# peaceiris/actions-gh-pages: input `publish_dir`, default "public" (github.com/peaceiris/actions-gh-pages);
# JamesIves/github-pages-deploy-action: input `folder`, required (github.com/JamesIves/github-pages-deploy-action).
_PUBLISHING_ACTIONS = {
    "actions/upload-pages-artifact": ("path", "_site"),
    "peaceiris/actions-gh-pages": ("publish_dir", "public"),
    "JamesIves/github-pages-deploy-action": ("folder", None),
}


@dataclass(frozen=True)
class Publication:
    """A folder a workflow publishes, and where that is said."""

    folder: Path
    workflow: str  # the workflow file, relative to the repository


def publications(root: Path) -> list[Publication]:
    """Folders that the workflows in `root/.github/workflows` publish (unreadable workflows are skipped)."""
    folder = root / ".github" / "workflows"
    if not folder.is_dir() or folder.is_symlink():
        return []
    found: list[Publication] = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        for published in _published_folders(_load(path)):
            found.append(Publication((root / published).resolve(), path.relative_to(root).as_posix()))
    return found


def internal_build_published(root: Path, site_dir: Path) -> Publication | None:
    """The publication an internal build into `site_dir` would end up in, if any."""
    target = site_dir.resolve()
    return next((p for p in publications(root) if p.folder == target), None)


def _load(path: Path) -> Any:
    from ruamel.yaml import YAML

    if path.is_symlink() or not path.is_file():
        return None
    try:
        return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except Exception:  # a workflow we cannot read is GitHub's to report, not ours
        return None


def _published_folders(workflow: Any) -> Iterator[str]:
    jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
    for job in jobs.values() if isinstance(jobs, dict) else ():
        steps = job.get("steps") if isinstance(job, dict) else None
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, dict):
                yield from _step_folder(step)


def _step_folder(step: dict) -> Iterator[str]:
    uses = str(step.get("uses") or "").split("@")[0]
    if uses in _PUBLISHING_ACTIONS:
        key, default = _PUBLISHING_ACTIONS[uses]
        given = step.get("with", {}).get(key) if isinstance(step.get("with"), dict) else None
        if given or default:
            yield str(given or default).strip().removeprefix("./") or "."

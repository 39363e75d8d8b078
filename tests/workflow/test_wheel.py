"""The release as a user gets it: sdist and wheel built, the wheel installed into a fresh virtual
environment far from this checkout, and a new strategy repository taken through init -> validate ->
test -> build --check -> mkdocs build --strict with nothing but that installation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from socialkit import DISTRIBUTION, POLICY_FORMAT, __version__
from socialkit.strategy.model import FORMAT_VERSION

from .conftest import ROOT

pytestmark = pytest.mark.slow

# What socialkit reads at run time besides its modules; a wheel without them installs but fails later.
DATA_FILES = (
    "socialkit/_schemas/strategy.schema.json",
    "socialkit/_schemas/tests.schema.json",
    "socialkit/_schemas/policy.schema.json",
    "socialkit/scaffold/templates/strategy.en.yaml",
    "socialkit/scaffold/templates/strategy.sv.yaml",
    "socialkit/scaffold/templates/workflow.yml",
    "socialkit/scaffold/templates/requirements.txt",
    "socialkit/export/rego/lib.rego",
    "socialkit/export/rego/event.rego",
    "socialkit/export/rego/decision.rego",
    "socialkit/export/availability.schema.json",
    "socialkit/i18n/en.json",
    "socialkit/i18n/sv.json",
    "socialkit/render/cldr_excerpt.json",
    "socialkit/audit/sql/verdicts.sql",
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory) -> Path:
    """A new virtual environment with only the wheel and its dependencies.

    uv (a dev dependency) makes and fills it in seconds from its cache; without uv, venv and pip do the same.
    """
    folder = tmp_path_factory.mktemp("venv") / "env"
    (wheel,) = dist.glob("*.whl")
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv:
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(folder)], check=True)
        command = [uv, "pip", "install", "--quiet", "--python", str(folder / "bin/python"), str(wheel)]
    else:
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        command = [str(folder / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)]
    install = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return folder


def _isolated_env(venv: Path, home: Path) -> dict[str, str]:
    """PATH with the fresh environment first; nothing that could lead Python back to the checkout."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "SOCIALKIT_"))}
    return {**keep, "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin", "HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}


def test_the_archives_are_named_and_versioned_from_the_one_version_source(dist):
    names = sorted(p.name for p in dist.iterdir())
    stem = DISTRIBUTION.replace("-", "_")
    assert names == [f"{stem}-{__version__}-py3-none-any.whl", f"{stem}-{__version__}.tar.gz"]
    with zipfile.ZipFile(dist / names[0]) as wheel:
        metadata = wheel.read(f"{stem}-{__version__}.dist-info/METADATA").decode()
        missing = [name for name in DATA_FILES if name not in wheel.namelist()]
    assert f"Name: {DISTRIBUTION}\n" in metadata and f"Version: {__version__}\n" in metadata
    assert missing == []
    with tarfile.open(dist / names[1]) as sdist:
        members = set(sdist.getnames())
    assert {f"{stem}-{__version__}/CHANGELOG.md", f"{stem}-{__version__}/pyproject.toml"} <= members


def test_the_installed_wheel_takes_a_new_repository_from_init_to_a_strict_site(venv, tmp_path):
    env = _isolated_env(venv, tmp_path / "home")
    (tmp_path / "home").mkdir()

    def run(*argv: str, cwd: Path) -> str:
        done = subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        return done.stdout

    where = run("python", "-c", "import socialkit, shutil; print(socialkit.__file__); print(shutil.which('socialkit'))", cwd=tmp_path)
    module, command = where.split()
    assert Path(module).is_relative_to(venv) and Path(command).is_relative_to(venv)
    assert not Path(module).is_relative_to(ROOT)
    assert run("socialkit", "--version", cwd=tmp_path) == f"socialkit {__version__}\n"

    run("socialkit", "init", "starter", "--name", "Solvik Energi AB", cwd=tmp_path)
    repo = tmp_path / "starter"
    assert run("socialkit", "validate", cwd=repo) == "no problems found\n"
    assert run("socialkit", "test", cwd=repo).strip().splitlines()[-1] == "2 passed"
    assert run("socialkit", "build", "--check", cwd=repo) == "generated files are up to date\n"
    run("mkdocs", "build", "--strict", "--quiet", cwd=repo)
    # an English-only starter: its one language is the default, built at the site root
    assert '<html lang="en"' in (repo / "site/index.html").read_text(encoding="utf-8") and not (repo / "site/en").exists()
    assert (repo / "site/assets/socialkit.css").is_file()  # the stylesheet travels in the wheel
    requirement = [line for line in (repo / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert requirement == [f"{DISTRIBUTION} @ git+https://github.com/socialkit/socialkit@v{__version__}"]


def test_the_changelog_and_the_guide_state_the_versions_this_release_has():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", changelog, flags=re.MULTILINE)
    assert headings and headings[0] == __version__
    promise = (ROOT / "docs/guide/install.md").read_text(encoding="utf-8")
    assert f'"format": "{POLICY_FORMAT}"' in promise and f"`version: {FORMAT_VERSION}`" in promise
    assert f'pip install "{DISTRIBUTION} @ git+https://github.com/socialkit/socialkit@v{__version__}"' in promise
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION and "build>=1.2" in project["optional-dependencies"]["dev"]

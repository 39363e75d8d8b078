"""`build` on a hostile or broken file system: symlinks out of the project, FIFOs,
folders where files belong, a build killed half way, two builds at once
(issue 17, sections 1 and 5)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.security.conftest import run

from socialkit.write import LOCK, MANIFEST, build_lock

# A guard so a regression hangs one test, not the suite; no test asserts on time.
HANG_GUARD = 120
SOCIALKIT = str(Path(sys.executable).parent / "socialkit")


def _build(project: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([SOCIALKIT, "build", *argv], cwd=project, capture_output=True, text=True, timeout=HANG_GUARD)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("link", ["docs/en", "policies/ics", "docs"])
def test_symlinked_output_folder_leading_outside_is_refused(project, monkeypatch, capsys, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, project / link)
    code, _, err = run(project, monkeypatch, capsys, "build")
    assert code == 2, err
    assert err.count("\n") == 1 and f"{link}: is a symlink to" in err and "outside the project" in err
    assert list(outside.iterdir()) == []
    code, _, err = run(project, monkeypatch, capsys, "build", "--check")
    assert code == 2 and "outside the project" in err


def test_symlinked_generated_file_leading_outside_is_neither_read_nor_replaced(built, monkeypatch, capsys, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc")
    target = built / "policies" / "availability.json"
    target.unlink()
    os.symlink(secret, target)
    code, _, err = run(built, monkeypatch, capsys, "build", "--force")
    assert code == 2 and "policies/availability.json: is a symlink to" in err
    assert target.is_symlink() and secret.read_text() == "TOKEN=abc"


def test_symlink_inside_the_project_is_never_read_and_replaced_only_when_forced(built, monkeypatch, capsys):
    target = built / "policies" / "availability.json"
    (built / "mine.json").write_text("{}")
    target.unlink()
    os.symlink(built / "mine.json", target)
    code, _, err = run(built, monkeypatch, capsys, "build")
    assert code == 1 and "policies/availability.json was edited by hand" in err
    assert target.is_symlink() and (built / "mine.json").read_text() == "{}"
    code, _, err = run(built, monkeypatch, capsys, "build", "--force")
    assert code == 0, err
    assert not target.is_symlink() and target.is_file() and (built / "mine.json").read_text() == "{}"


@pytest.mark.parametrize("where", ["policies/policy.json", f"policies/{MANIFEST}", "docs/en/team.md", "mkdocs.yml"])
@pytest.mark.parametrize("check", [False, True])
def test_fifo_at_a_generated_path_or_manifest_is_a_one_line_error_not_a_hang(built, where, check):
    path = built / where
    path.unlink()
    os.mkfifo(path)
    done = _build(built, *(["--check"] if check else []))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and f"{where}: is a FIFO" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("where", ["policies/policy.json", f"docs/{MANIFEST}", "docs/en/index.md"])
@pytest.mark.parametrize("check", [False, True])
def test_folder_at_a_generated_path_or_manifest_is_a_one_line_error(built, monkeypatch, capsys, where, check):
    path = built / where
    path.unlink()
    path.mkdir()
    code, _, err = run(built, monkeypatch, capsys, "build", *(["--check"] if check else []))
    assert code == 2, err
    assert err.count("\n") == 1 and f"{where}: is a folder" in err


def test_file_where_a_generated_folder_belongs_is_a_one_line_error(built, monkeypatch, capsys):
    (built / "policies" / "ics").rename(built / "ics-moved")
    (built / "policies" / "ics").write_text("not a folder")
    code, _, err = run(built, monkeypatch, capsys, "build")
    assert code == 2 and err.count("\n") == 1 and "policies/ics: is a file, not a folder" in err


KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    project = os.getcwd()
    real_replace, swaps = os.replace, []

    def dying_replace(src, dst, *args, **kwargs):
        if str(dst).startswith(project):
            swaps.append(dst)
            if len(swaps) == int(sys.argv[1]):
                os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = dying_replace
    from socialkit.cli import main
    sys.exit(main(["build", "--as-of", "2026-11-30"]))
    """
)


@pytest.mark.parametrize("killed_at", [2, 5, 40])
def test_rerun_after_kill_9_mid_build_repairs_instead_of_reporting_hand_edits(built, killed_at):
    """Killed after some files were swapped in; the next build (another day) finishes the job."""
    before = _tree(built / "policies")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, str(killed_at)], cwd=built, capture_output=True, text=True, timeout=HANG_GUARD
    )
    assert killed.returncode == -9, killed.stderr
    assert _tree(built / "policies") != before  # it really died half way: some files are new
    check = _build(built, "--check", "--as-of", "2026-12-07")
    assert check.returncode == 1 and "edited by hand" not in check.stdout
    done = _build(built, "--as-of", "2026-12-07")
    assert done.returncode == 0, done.stderr
    assert "edited by hand" not in done.stderr
    assert not [p for p in built.rglob("*.socialkit-new")]
    assert _build(built, "--check", "--as-of", "2026-12-07").returncode == 0


def test_hand_edits_stay_protected_after_an_interrupted_build(built):
    subprocess.run([sys.executable, "-c", KILLED_BUILD, "3"], cwd=built, capture_output=True, timeout=HANG_GUARD)
    edited = built / "policies" / "availability.json"
    edited.write_text("my notes\n")
    done = _build(built, "--as-of", "2026-12-07")
    assert done.returncode == 1 and "policies/availability.json was edited by hand" in done.stderr
    assert edited.read_text() == "my notes\n"


def test_second_build_waits_for_the_lock_instead_of_mixing_outputs(built):
    before = _tree(built / "policies")
    with build_lock(built):
        second = subprocess.Popen([SOCIALKIT, "build", "--as-of", "2026-12-07"], cwd=built, stderr=subprocess.PIPE, text=True)
        assert "another build of this project is running" in second.stderr.readline()
        assert _tree(built / "policies") == before  # nothing written while we hold the lock
    assert second.wait(timeout=HANG_GUARD) == 0
    second.stderr.close()
    assert _tree(built / "policies") != before
    assert (built / LOCK).is_file()


def test_check_takes_no_lock_file_when_no_build_ran(project, monkeypatch, capsys):
    run(project, monkeypatch, capsys, "build", "--check")
    assert not (project / LOCK).exists()

"""Manifest entries are checked before anything is read, written or deleted (issue 17, section 1)."""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.security.conftest import run

from socialkit.safepath import relative_problem
from socialkit.write import MANIFEST, OutputError, apply, plan

HOSTILE_ENTRIES = [
    "../victim.txt",
    "../../victim.txt",
    "a/../../victim.txt",
    "/srv/victim.txt",
    "C:/victim.txt",
    "c:victim.txt",
    "..\\victim.txt",
    "a\\..\\..\\victim.txt",
    "a//b.txt",
    "./a.txt",
    "a/./b.txt",
    "a/",
    "",
    "a\x00b",
    "a\nb",
    MANIFEST,
]


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _manifest(root: Path, files: dict) -> None:
    (root / MANIFEST).write_text(json.dumps({"generator": "socialkit", "files": files}))


@pytest.mark.parametrize("entry", HOSTILE_ENTRIES)
def test_escaping_manifest_entry_is_refused_before_anything_happens(tmp_path, entry):
    root = tmp_path / "out"
    root.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    _manifest(root, {entry: _sha(b"precious"), "kept.txt": _sha(b"old")})
    (root / "kept.txt").write_bytes(b"old")
    with pytest.raises(OutputError) as raised:
        plan(root, {"new.txt": b"new"})
    message = str(raised.value)
    assert "\n" not in message and MANIFEST in message and repr(entry) in message
    assert victim.read_bytes() == b"precious"
    assert (root / "kept.txt").read_bytes() == b"old" and not (root / "new.txt").exists()


@pytest.mark.parametrize("bad", ['{"files": []}', '{"files": {"a.txt": 3}}', "[1]", "not json", '{"staged": ["../x"]}'])
def test_malformed_manifest_is_a_one_line_error(tmp_path, bad):
    (tmp_path / MANIFEST).write_text(bad)
    with pytest.raises(OutputError) as raised:
        plan(tmp_path, {"a.txt": b"a"})
    assert "\n" not in str(raised.value) and MANIFEST in str(raised.value)


def test_plain_build_never_deletes_outside_the_project(built, monkeypatch, capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    manifest = built / "policies" / MANIFEST
    data = json.loads(manifest.read_text())
    data["files"]["../../victim.txt"] = _sha(b"precious")
    manifest.write_text(json.dumps(data))
    code, _, err = run(built, monkeypatch, capsys, "build")
    assert code == 2
    assert err.count("\n") == 1 and "policies/.socialkit-manifest.json" in err and "'../../victim.txt'" in err
    assert victim.read_bytes() == b"precious"


def test_forced_build_never_deletes_an_absolute_entry_nor_prunes_its_folder(built, monkeypatch, capsys, tmp_path):
    outside = tmp_path / "elsewhere" / "deep"
    outside.mkdir(parents=True)
    victim = outside / "victim.txt"
    victim.write_bytes(b"precious")
    manifest = built / "docs" / MANIFEST
    data = json.loads(manifest.read_text())
    data["files"][str(victim)] = _sha(b"edited")
    manifest.write_text(json.dumps(data))
    code, _, err = run(built, monkeypatch, capsys, "build", "--force")
    assert code == 2 and "is absolute" in err
    assert victim.read_bytes() == b"precious" and outside.is_dir()


def test_pruning_stops_at_the_output_root(tmp_path):
    root = tmp_path / "out"
    apply(plan(root, {"a/b/c.txt": b"x"}))
    apply(plan(root, {}))
    assert root.is_dir() and not (root / "a").exists() and tmp_path.is_dir()


def test_manifest_entry_through_a_symlink_to_outside_is_refused(tmp_path):
    root = tmp_path / "out"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious")
    apply(plan(root, {"keep.txt": b"k"}))
    os.symlink(outside, root / "link")
    _manifest(root, {"keep.txt": _sha(b"k"), "link/victim.txt": _sha(b"precious")})
    with pytest.raises(OutputError, match="outside"):
        plan(root, {"keep.txt": b"k"}, within=root)
    assert (outside / "victim.txt").read_bytes() == b"precious"


@given(st.text(alphabet="ab./\\:C\x00\n", max_size=14))
def test_every_accepted_entry_stays_inside_its_folder(name):
    """Against a simple reference: joined to a folder and normalised, an accepted name stays strictly inside it."""
    if relative_problem(name) is not None:
        return
    joined = posixpath.normpath(posixpath.join("/out", name))
    assert joined.startswith("/out/") and posixpath.relpath(joined, "/out") == name
    assert "\\" not in name and "\x00" not in name and not PureWindowsPath(name).drive

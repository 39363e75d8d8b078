"""The writer only ever replaces files it generated, atomically."""

from __future__ import annotations

from socialkit.write import MANIFEST, apply, plan


def test_first_build_creates_files_and_manifest(tmp_path):
    result = plan(tmp_path, {"a.json": b"1", "sub/b.md": b"2"})
    assert result.create == ["a.json", "sub/b.md"]
    apply(result)
    assert (tmp_path / "sub/b.md").read_bytes() == b"2"
    assert (tmp_path / MANIFEST).is_file()
    assert list(tmp_path.glob("**/*.tmp")) == []


def test_rebuild_with_same_output_changes_nothing(tmp_path):
    apply(plan(tmp_path, {"a.json": b"1"}))
    again = plan(tmp_path, {"a.json": b"1"})
    assert again.unchanged == ["a.json"] and again.stale == []


def test_changed_output_is_an_update(tmp_path):
    apply(plan(tmp_path, {"a.json": b"1"}))
    again = plan(tmp_path, {"a.json": b"2"})
    assert again.update == ["a.json"]
    apply(again)
    assert (tmp_path / "a.json").read_bytes() == b"2"


def test_file_we_did_not_generate_is_never_overwritten_even_forced(tmp_path):
    (tmp_path / "notes.md").write_text("mine")
    result = plan(tmp_path, {"notes.md": b"generated"})
    assert result.not_ours == ["notes.md"]
    apply(result, force=True)
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_hand_edited_generated_file_is_reported_and_kept_unless_forced(tmp_path):
    apply(plan(tmp_path, {"a.json": b"1"}))
    (tmp_path / "a.json").write_bytes(b"edited")
    result = plan(tmp_path, {"a.json": b"2"})
    assert result.edited == ["a.json"]
    apply(result)
    assert (tmp_path / "a.json").read_bytes() == b"edited"
    assert plan(tmp_path, {"a.json": b"2"}).edited == ["a.json"], "still reported on the next build"
    apply(plan(tmp_path, {"a.json": b"2"}), force=True)
    assert (tmp_path / "a.json").read_bytes() == b"2"


def test_no_longer_generated_file_is_deleted_and_empty_folder_pruned(tmp_path):
    apply(plan(tmp_path, {"a.json": b"1", "old/b.md": b"2"}))
    result = plan(tmp_path, {"a.json": b"1"})
    assert result.delete == ["old/b.md"]
    apply(result)
    assert not (tmp_path / "old").exists()


def test_untracked_neighbour_of_generated_files_survives(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "intro.md").write_text("hand-written")
    apply(plan(tmp_path, {"index.md": b"x"}))
    apply(plan(tmp_path, {}))
    assert (tmp_path / "guide" / "intro.md").read_text() == "hand-written"
    assert not (tmp_path / "index.md").exists()

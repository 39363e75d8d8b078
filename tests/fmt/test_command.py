"""`socialkit fmt` through main([...]): check, diff, writing, bad files, defaults from settings."""

from __future__ import annotations

import shutil
import stat

import pytest

from socialkit.cli import main

from .helpers import CORPUS, example_files

UNFORMATTED = "version: 1\norganization:\n    name: 'Solvik'\n    languages: [sv]   # first is the default\n"
FORMATTED = "version: 1\norganization:\n  name: Solvik\n  languages: [sv]     # first is the default\n"  # comment keeps its column


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with pyproject.toml and a strategy/ folder, as the working directory."""
    (tmp_path / "pyproject.toml").write_text("[tool.socialkit]\n", encoding="utf-8")
    (tmp_path / "strategy").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_on_the_example_strategy_passes(project, capsys):
    for path in example_files():
        shutil.copy(path, project / "strategy" / path.name)
    assert main(["fmt", "--check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"0 files would be reformatted, {len(example_files())} already formatted\n"


def test_check_prints_a_diff_exits_1_and_writes_nothing(project, capsys):
    target = project / "strategy" / "org.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "--- a/strategy/org.yaml\n+++ b/strategy/org.yaml\n@@ -1,4 +1,4 @@\n version: 1\n organization:\n"
        "-    name: 'Solvik'\n-    languages: [sv]   # first is the default\n"
        "+  name: Solvik\n+  languages: [sv]     # first is the default\n"
    )
    assert err == "1 file would be reformatted, 0 already formatted\n"
    assert target.read_text(encoding="utf-8") == UNFORMATTED


def test_diff_shows_the_change_and_exits_0_without_writing(project, capsys):
    target = project / "strategy" / "org.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt", "--diff", "strategy/org.yaml"]) == 0
    assert "+  name: Solvik\n" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_writes_the_file_keeping_its_mode_and_then_check_passes(project, capsys):
    target = project / "strategy" / "org.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    target.chmod(0o600)
    assert main(["fmt"]) == 0
    assert capsys.readouterr().err == "formatted strategy/org.yaml\n1 file reformatted, 0 already formatted\n"
    assert target.read_text(encoding="utf-8") == FORMATTED
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in (project / "strategy").iterdir()] == ["org.yaml"]  # no temporary file left
    assert main(["fmt", "--check"]) == 0


def test_a_broken_file_is_reported_and_left_alone_while_the_others_are_formatted(project, capsys):
    broken = project / "strategy" / "broken.yaml"
    shutil.copy(CORPUS / "sk002-duplicate-key.yaml", broken)
    before = broken.read_bytes()
    good = project / "strategy" / "org.yaml"
    good.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt"]) == 1
    err = capsys.readouterr().err
    assert (
        "strategy/broken.yaml:12:5: SK002 duplicate key 'platform' (first defined on line 10); keep one of them (left unformatted)\n" in err
    )
    assert err.endswith("1 file reformatted, 0 already formatted, 1 could not be formatted\n")
    assert broken.read_bytes() == before
    assert good.read_text(encoding="utf-8") == FORMATTED


def test_a_file_that_is_not_utf8_gets_the_loaders_error(project, capsys):
    shutil.copy(CORPUS / "sk003-latin1-byte.yaml", project / "strategy" / "latin1.yaml")
    assert main(["fmt", "--check"]) == 1
    assert "strategy/latin1.yaml:4:13: SK003 not UTF-8 text (byte 0xe9); save the file as UTF-8" in capsys.readouterr().err


def test_a_file_changed_on_disk_during_the_run_is_not_written(project, capsys, monkeypatch):
    import socialkit.strategy.fmt

    target = project / "strategy" / "org.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    edited = UNFORMATTED + "# saved by an editor meanwhile\n"
    real = socialkit.strategy.fmt.format_text

    def format_while_someone_saves(text, **kwargs):
        target.write_text(edited, encoding="utf-8")
        return real(text, **kwargs)

    monkeypatch.setattr(socialkit.strategy.fmt, "format_text", format_while_someone_saves)
    assert main(["fmt"]) == 1
    assert "strategy/org.yaml: changed on disk while formatting; not written (run socialkit fmt again)" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == edited
    assert [p.name for p in (project / "strategy").iterdir()] == ["org.yaml"]


def test_default_paths_come_from_settings_and_test_files_are_not_sorted(project, capsys):
    (project / "pyproject.toml").write_text('[tool.socialkit]\nstrategy = "plan"\ntests_dir = "expectations"\n', encoding="utf-8")
    (project / "plan").mkdir()
    (project / "plan" / "teams.yaml").write_text("teams:\n  - id: t\n    members: [b, a]\n", encoding="utf-8")
    (project / "plan" / "tests").mkdir()
    (project / "plan" / "tests" / "duty.yaml").write_text("teams:\n  - id: t\n    members: [b, a]\n", encoding="utf-8")
    (project / "expectations").mkdir()
    (project / "expectations" / "open.yaml").write_text("tests:\n  - at: 2026-12-24 10:00\n    on_duty: [erik, anna]\n", encoding="utf-8")
    (project / "strategy" / "ignored.yaml").write_text("a:    1\n", encoding="utf-8")
    assert main(["fmt"]) == 0
    assert (project / "plan" / "teams.yaml").read_text(encoding="utf-8") == "teams:\n  - id: t\n    members: [a, b]\n"
    assert (project / "plan" / "tests" / "duty.yaml").read_text(encoding="utf-8") == "teams:\n  - id: t\n    members: [b, a]\n"
    assert (project / "expectations" / "open.yaml").read_text(encoding="utf-8") == (
        'tests:\n  - at: "2026-12-24 10:00"\n    on_duty: [erik, anna]\n'
    )
    assert (project / "strategy" / "ignored.yaml").read_text(encoding="utf-8") == "a:    1\n"
    assert capsys.readouterr().err.endswith("2 files reformatted, 1 already formatted\n")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["fmt", "nowhere.yaml"], "socialkit: nowhere.yaml does not exist; pass a YAML file or folder\n"),
        (["fmt", "empty"], "socialkit: no .yaml files in empty; pass a strategy file or folder\n"),
    ],
)
def test_bad_paths_are_usage_errors(project, capsys, argv, message):
    (project / "empty").mkdir()
    assert main(argv) == 2
    assert capsys.readouterr().err == message


def test_check_and_diff_are_exclusive(project, capsys):
    assert main(["fmt", "--check", "--diff"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_help_shows_examples(capsys):
    assert main(["fmt", "--help"]) == 0
    assert "socialkit fmt --check" in capsys.readouterr().out

"""`socialkit diff` on real git repositories made in the test: init -> edit -> commit -> diff."""

from __future__ import annotations

import json
from pathlib import Path

from socialkit.cli import main

from .conftest import PROJECT, UPDATE_GOLDEN, copy_example, edit, reshuffle, side

GOLDEN = Path(__file__).parent / "golden"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_last_commit(repo, capsys):
    repo.edit("escalation.yaml", "notify: [lena, anna]", "notify: [lena, anna, erik]")
    repo.edit("schedules.yaml", "      - date: 2026-12-23\n", "      - date: 2026-12-23\n      - date: 2026-12-22\n")
    repo.commit("threat notifies erik; closed on the 22nd")
    assert run(capsys, "HEAD~1", "HEAD") == (
        0,
        (
            "HEAD~1 -> HEAD: 2 changes in 2 subjects\n"
            "\n"
            "Schedule Kontorstid (office-hours):\n"
            "  closed 2026-12-22 added\n"
            "\n"
            "Escalation rules:\n"
            "  rule threat now notifies Erik Holm\n"
        ),
        "",
    )


def test_working_tree_against_head_by_default(repo, capsys):
    assert run(capsys, "--exit-code") == (0, "HEAD -> working tree: no semantic changes\n", "")
    repo.edit("messages.yaml", "          within: 4h", "          within: 2h")
    code, out, _ = run(capsys)
    assert code == 0 and out.startswith("HEAD -> working tree: 3 changes in 3 subjects\n")
    assert "Channel Instagram:\n  Klagomål respond target 4 h -> 2 h\n" in out
    assert run(capsys, "--exit-code")[0] == 1


def test_origin_main_is_the_default_base_when_it_exists(repo, capsys):
    first = repo.git("rev-parse", "HEAD")
    repo.edit("moderation.yaml", "    - reason: off-topic\n      actions: [hide, delete]\n", "")
    repo.commit("off-topic stays up")
    repo.git("update-ref", "refs/remotes/origin/main", first)
    assert run(capsys) == (
        0,
        "origin/main -> working tree: 1 change in 1 subject\n\nModeration:\n  off-topic (all channels): rule removed (was: hide, otherwise delete)\n",
        "",
    )


def test_reordered_and_reformatted_commit_is_no_change(repo, capsys):
    reshuffle(repo.strategy)
    repo.commit("reformat")
    assert repo.git("diff", "--stat", "HEAD~1", "HEAD")  # the files did change
    assert run(capsys, "HEAD~1", "HEAD", "--exit-code") == (0, "HEAD~1 -> HEAD: no semantic changes\n", "")


def test_a_side_that_does_not_validate_is_one_line_naming_the_revision(repo, capsys):
    repo.edit("channels.yaml", "    schedule: evening-outage-desk\n", "    schedule: evening-desk\n")
    repo.commit("broken reference")
    code, out, err = run(capsys, "HEAD~1", "HEAD")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("socialkit: HEAD does not validate: strategy/channels.yaml:")
    assert "evening-desk" in err and "fix it first" in err


def test_the_strategy_folder_comes_from_each_revisions_settings(repo, capsys):
    repo.git("mv", "strategy", "policy-src")
    pyproject = repo.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('strategy = "strategy"', 'strategy = "policy-src"'), encoding="utf-8"
    )
    repo.commit("move the strategy")
    assert run(capsys, "HEAD~1", "HEAD") == (0, "HEAD~1 -> HEAD: no semantic changes\n", "")


def test_unknown_revision(repo, capsys):
    code, out, err = run(capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert err == "socialkit: 'no-such-branch' is neither a file, a folder nor a git revision; give a path or a revision such as HEAD~1\n"


def test_outside_a_repository_the_default_base_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys)
    assert code == 2 and err.startswith("socialkit: ") and "not inside a git repository" in err


def test_two_strategy_folders(tmp_path, monkeypatch, capsys):
    _old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    edit(new, "escalation.yaml", "notify: [lena, anna]", "notify: [lena]")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "old/strategy", "new/strategy", "--as-of", "2026-11-23", "--exit-code") == (
        1,
        "old/strategy -> new/strategy: 1 change in 1 subject\n\nEscalation rules:\n  rule threat no longer notifies Anna Lind\n",
        "",
    )


def test_two_policy_files(tmp_path, monkeypatch, capsys, base_side):
    folder = copy_example(tmp_path)
    edit(folder, "schedules.yaml", 'fri: ["08:00-16:00"]', 'fri: ["08:00-15:00"]')
    (tmp_path / "a.json").write_text(base_side.document.model_dump_json(), encoding="utf-8")
    (tmp_path / "b.json").write_text(side(folder).document.model_dump_json(), encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "something/v2"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "a.json", "b.json", "--format", "json")
    assert code == 0
    assert json.loads(out)["subjects"] == [
        {"kind": "schedule", "id": "office-hours", "title": "Schedule office-hours", "changes": ["Fri 08:00-16:00 -> 08:00-15:00"]},
        # Without the strategy's rota definitions, the office-days layer (only during office hours) shows by its effect.
        {"kind": "team", "id": "social", "title": "Team social", "changes": ["on-duty rota changed from 2026-11-27 on"]},
    ]
    code, out, err = run(capsys, "a.json", "other.json")
    assert (code, out) == (2, "")
    assert err.startswith("socialkit: other.json: not a socialkit.policy/v1 document")
    (tmp_path / "partial.json").write_text('{"format": "socialkit.policy/v1", "provenance": {}}', encoding="utf-8")
    code, out, err = run(capsys, "a.json", "partial.json")
    assert (code, out) == (2, "")
    assert err == "socialkit: partial.json: $.organization: missing; run 'socialkit build' to regenerate it\n"


def test_markdown_for_a_pull_request_matches_the_golden_file(repo, capsys):
    """A PR with several kinds of change; regenerate with SOCIALKIT_UPDATE_GOLDEN=1."""
    repo.edit("messages.yaml", "          within: 4h", "          within: 2h")
    repo.edit("schedules.yaml", "      - date: 2026-12-23\n", "      - date: 2026-12-23\n      - date: 2026-12-22\n")
    repo.edit("schedules.yaml", 'fri: ["08:00-16:00"]', 'fri: ["08:00-15:00"]')
    repo.edit("escalation.yaml", "notify: [lena, anna]", "notify: [lena, anna, erik]")
    repo.edit("channels.yaml", '    handle: "@solvikenergi"\n', '    handle: "@solvik_energi"\n')
    repo.edit("people.yaml", "order: [sara, omar, erik]", "order: [omar, sara, erik]")
    repo.edit("moderation.yaml", "    - reason: off-topic\n      actions: [hide, delete]\n", "")
    repo.commit("several changes")
    code, out, err = run(capsys, "HEAD~1", "HEAD", "--format", "markdown")
    assert (code, err) == (0, "")
    golden = GOLDEN / "pull-request.md"
    if UPDATE_GOLDEN:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert run(capsys, "HEAD~1", "HEAD", "--format", "markdown")[1] == out  # and the same again


def test_sides_compiled_from_different_dates_show_no_false_changes(monkeypatch, capsys):
    """The first day of the later horizon holds last night's tail, and rotas compare over the common dates."""
    monkeypatch.chdir(PROJECT)
    code, out, _ = run(capsys, "policies/policy.json", "strategy", "--as-of", "2026-12-01")
    assert code == 0
    assert out.splitlines()[0] == "policies/policy.json -> strategy: no semantic changes"

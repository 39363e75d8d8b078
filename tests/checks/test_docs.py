"""The generated rule pages are committed and up to date; --explain prints them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialkit import problems as P
from socialkit.checks import RULES
from socialkit.checks.docs import main, pages, render_page, stale
from socialkit.cli import main as cli

FOLDER = Path(__file__).parents[2] / "docs" / "guide" / "rules"


def test_committed_pages_are_up_to_date():
    assert stale(FOLDER) == [], "run 'python -m socialkit.checks.docs' to regenerate docs/guide/rules/"


def test_index_links_every_rule_and_lists_every_code():
    index = pages()["index.md"]
    for entry in P.CODES:
        assert f"| {entry.name} | {entry.severity.value} |" in index
    for code in RULES:
        assert f"[{code}]({code}.md)" in index


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_page_has_rationale_and_both_examples(code):
    page = render_page(RULES[code])
    assert page.startswith(f"# {code} {RULES[code].name}\n")
    assert "## Why" in page and len(RULES[code].doc.split()) >= 30
    assert page.count("```yaml") == 2


def test_rule_names_are_unique_slugs():
    names = [entry.name for entry in P.CODES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)


def test_check_and_write(tmp_path, capsys):
    assert main(["--check", "--dir", str(tmp_path)]) == 1
    assert main(["--dir", str(tmp_path)]) == 0
    assert main(["--check", "--dir", str(tmp_path)]) == 0
    (tmp_path / "SK999.md").write_text("old\n")
    assert main(["--check", "--dir", str(tmp_path)]) == 1
    main(["--dir", str(tmp_path)])
    assert not (tmp_path / "SK999.md").exists()


def test_explain_prints_a_rule_page(capsys):
    assert cli(["validate", "--explain", "sk205"]) == 0
    assert capsys.readouterr().out == render_page(RULES["SK205"])


def test_explain_a_format_code(capsys):
    assert cli(["validate", "--explain", "SK010"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# SK010 unknown-key\n") and "Cannot be switched off" in out


def test_explain_an_unknown_code(capsys):
    assert cli(["validate", "--explain", "SK250"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("socialkit: unknown problem code 'SK250'; the closest known code is SK2") and err.count("\n") == 1

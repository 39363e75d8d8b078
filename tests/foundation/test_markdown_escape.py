"""Markdown block constructs in strategy text stay text on the page (issue 17: a ~~~ fence in guidance)."""

from __future__ import annotations

import markdown
import pytest

from socialkit.render.markdown import escape_md, paragraphs

EXTENSIONS = ["toc", "tables", "pymdownx.superfences"]  # what the generated mkdocs.yml enables


@pytest.mark.parametrize(
    "text",
    [
        "Do this:\n\n~~~\n\nrm -rf /\n\n~~~",  # fences in paragraphs of their own
        "~~~python\n\nprint(1)\n\n~~~",
        "```\n\ncode\n\n```",
        "# Not a heading",
        "Title\n\n===",
        "---",
        "> quoted",
        "    indented code",
        "<script>alert(1)</script>",
        "1. first\n\n2) second",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "~~struck~~ text",
    ],
)
def test_block_constructs_in_strategy_text_stay_text(text):
    html = markdown.markdown(paragraphs(text), extensions=EXTENSIONS)

    for tag in ("<pre", "<code", "<h1", "<h2", "<hr", "<blockquote", "<script", "<ol", "<table", "<del", "<s>"):
        assert tag not in html, html


def test_a_tilde_is_escaped_inline_too():
    assert escape_md("~~~ fence") == "\\~\\~\\~ fence"

"""escape_md and safe_url: strategy text never becomes markup or a link."""

from __future__ import annotations

import markdown
import pytest

from socialkit.render.markdown import escape_md, link, paragraphs, safe_url, table


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "toc", "fenced_code"])


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<https://evil.example>",
        "&lt;script&gt;",
        "**bold** _em_ `code`",
        "a | b | c",
        "# heading",
        "- item",
        "1. item",
        "> quote",
        "{: onclick=alert(1) }",
        "<!-- comment -->",
        "[ref]: javascript:alert(1)",
        "\\<script>",
    ],
)
def test_escaped_text_renders_literally(text):
    rendered = html(escape_md(text))
    assert rendered == f"<p>{_entities(text)}</p>"


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_table_cells_keep_pipes_and_tags_as_text():
    rendered = html(table(["A", "B"], [[escape_md("x | <b>y</b>"), escape_md("z")]]))
    assert "<td>x | &lt;b&gt;y&lt;/b&gt;</td>" in rendered
    assert rendered.count("<td>") == 2


def test_whitespace_and_paragraphs():
    assert escape_md("  a\n\n  b  ") == "a b"
    assert paragraphs("one\n\ntwo <i>") == "one\n\ntwo &lt;i&gt;"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "//evil", "https:///x", "http://a b", None, ""])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None
    assert link("label", url) == "label"


def test_safe_urls_are_quoted_for_markdown():
    assert safe_url("https://x.example/a(b)<c>") == "https://x.example/a%28b%29%3Cc%3E"
    assert link("x", "mailto:a@b.example") == "[x](mailto:a@b.example)"

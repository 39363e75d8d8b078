"""Markdown building blocks that never let strategy text become markup.

Every piece of text that comes from the strategy passes through `escape_md`
(inline text) or `paragraphs` (block text) before it reaches a page; links are
only built from URLs that pass `safe_url`. Labels from the catalogue are ours
and may carry Markdown; values formatted into them are escaped first.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlsplit

# Characters that start inline Markdown (emphasis, code, links, tables,
# attribute lists) get a backslash; those that start HTML or an entity become
# entities, so no tag, comment or entity from the strategy survives as markup.
_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
        "|": "\\|",
        "#": "\\#",
        "~": "\\~",  # a ~~~ code fence (and strikethrough where enabled)
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)
_SPACE = re.compile(r"\s+")
_LEADING_MARKER = re.compile(r"^(\d+)([.)])|^([-+])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def escape_md(text: object) -> str:
    """Inline text with every Markdown and HTML construct neutralised.

    Whitespace (newlines included) collapses to single spaces, so the result
    is safe in a table cell, a list item, a heading or a paragraph; a leading
    list or heading marker is escaped too.
    """
    flat = _SPACE.sub(" ", str(text)).strip().translate(_INLINE)
    return _LEADING_MARKER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", flat)


def paragraphs(text: object) -> str:
    """Block text: blank lines separate paragraphs, each escaped inline."""
    parts = [escape_md(part) for part in _PARAGRAPH_BREAK.split(str(text))]
    return "\n\n".join(part for part in parts if part)


_SAFE_URL_CHARS = "/:?=&%#@+,;~.-_!$*"


def safe_url(url: str | None) -> str | None:
    """The URL ready for a Markdown link target, or None unless it is http(s) or mailto."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "mailto"):
        return None
    if parts.scheme != "mailto" and not parts.netloc:
        return None
    # Quote whatever could end or confuse the link syntax: ( ) < > [ ] " ' ` \ and non-ASCII.
    return quote(url, safe=_SAFE_URL_CHARS)


def link(label_md: str, url: str | None) -> str:
    """`[label](url)` when the URL is safe, else just the (already escaped) label."""
    target = safe_url(url)
    return f"[{label_md}]({target})" if target else label_md


def page_link(label_md: str, target: str, current: str) -> str:
    """A relative link from page `current` to page `target` (both docs-relative .md paths)."""
    return f"[{label_md}]({relative(target, current)})"


def relative(target: str, current: str) -> str:
    base = posixpath.dirname(current) or "."
    return posixpath.relpath(target, base)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped. Empty cells show a dash."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell if cell else "—" for cell in row) + " |")
    return "\n".join(lines)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def comment_safe(text: str) -> str:
    """Text fit for our own HTML comment marker: nothing that could close or open markup."""
    return re.sub(r"[^A-Za-z0-9._/ ,:()+-]", "_", text)


def code_span(text: str) -> str:
    """An inline code span that shows one line of text literally, whatever it holds.

    The fence has more backticks than the longest run inside. Markdown strips
    one space from each end of a span that starts and ends with a space, so
    the text is padded when it touches a backtick, holds a run, or has a space
    at both ends.
    """
    if not text:
        return ""  # two backticks alone are not a span but literal text
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    spaced = text.startswith(" ") and text.endswith(" ") and text.strip(" ") != ""
    pad = " " if text.startswith("`") or text.endswith("`") or longest or spaced else ""
    return f"{fence}{pad}{text}{pad}{fence}"

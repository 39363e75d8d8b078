"""The escalation flowchart as inline SVG, drawn at build time.

A page that loads no diagram script makes no request to a CDN (public bodies
must not hand their readers' addresses to a third party). The chart is a
top-to-bottom chain: each rule is a question box; "yes" leads right to what
happens, "no" leads down to the next rule. Every text is HTML-escaped, and the
chart carries a text alternative (`<title>` and `<desc>`, read by screen
readers) that says the same as the boxes.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

WIDTH = 640
LEFT_X, LEFT_W = 10, 330
RIGHT_X, RIGHT_W = 400, 230
LINE = 18
PAD = 10
GAP = 34
CHARS_LEFT = 34
CHARS_RIGHT = 23


@dataclass(frozen=True)
class Step:
    """One question of the chain: its text and what happens when it holds (None: the chain ends here)."""

    question: str
    outcome: str
    always: bool = False  # matches every message: no question, the arrow leads straight on


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or ["-"]


def _box(x: int, y: int, w: int, lines: list[str], *, rounded: int = 4) -> tuple[str, int]:
    height = len(lines) * LINE + 2 * PAD
    parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{height}" rx="{rounded}" fill="none" stroke="currentColor" stroke-width="1.5"/>']
    for index, line in enumerate(lines):
        ty = y + PAD + LINE * index + 13
        parts.append(f'<text x="{x + w // 2}" y="{ty}" text-anchor="middle">{html.escape(line)}</text>')
    return "".join(parts), height


def _arrow(x1: int, y1: int, x2: int, y2: int) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="currentColor" stroke-width="1.5" marker-end="url(#sk-flow-arrow)"/>'


def _label(x: int, y: int, text: str) -> str:
    return f'<text x="{x}" y="{y}" font-size="13">{html.escape(text)}</text>'


def svg_flowchart(*, title: str, start: str, steps: list[Step], fallback: str | None, yes: str, no: str, description: str) -> str:
    """The chart as one raw-HTML block (no blank lines, so Markdown leaves it alone).

    All arguments are plain text (not Markdown, not HTML); they are escaped here.
    """
    shapes: list[str] = []
    centre = LEFT_X + LEFT_W // 2
    y = 10
    shape, height = _box(LEFT_X, y, LEFT_W, _lines(start, CHARS_LEFT), rounded=18)
    shapes.append(shape)
    y += height
    for index, step in enumerate(steps):
        shapes.append(_arrow(centre, y, centre, y + GAP - 2))
        if index:  # every arrow down after the first question is its "no"
            shapes.append(_label(centre + 6, y + 20, no))
        y += GAP
        shape, height = _box(LEFT_X, y, LEFT_W, _lines(step.question, CHARS_LEFT))
        outcome, out_height = _box(RIGHT_X, y, RIGHT_W, _lines(step.outcome, CHARS_RIGHT), rounded=10)
        middle = y + min(height, out_height) // 2
        shapes += [shape, outcome, _arrow(LEFT_X + LEFT_W, middle, RIGHT_X - 2, middle)]
        if not step.always:
            shapes.append(_label(LEFT_X + LEFT_W + 8, middle - 6, yes))
        y += max(height, out_height)
    if fallback is not None:
        shapes.append(_arrow(centre, y, centre, y + GAP - 2))
        shapes.append(_label(centre + 6, y + 20, no))
        y += GAP
        shape, height = _box(LEFT_X, y, LEFT_W, _lines(fallback, CHARS_LEFT), rounded=10)
        shapes.append(shape)
        y += height
    total = y + 10
    defs = (
        '<defs><marker id="sk-flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
    )
    return (
        '<div class="socialkit-flow">\n'
        f'<svg role="img" aria-labelledby="sk-flow-title sk-flow-desc" viewBox="0 0 {WIDTH} {total}" width="100%" '
        f'style="max-width:{WIDTH}px;height:auto" font-family="system-ui, sans-serif" font-size="14" fill="currentColor" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="sk-flow-title">{html.escape(title)}</title><desc id="sk-flow-desc">{html.escape(description)}</desc>'
        f"{defs}{''.join(shapes)}</svg>\n"
        "</div>"
    )

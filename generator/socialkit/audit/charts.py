"""Inline SVG charts for the report page: deterministic text, no script, no network.

Every label is escaped with `html.escape`; numbers are formatted with fixed
precision so the same result always gives byte-identical SVG.
"""

from __future__ import annotations

from html import escape

BAR = "#3b6ea5"
LATE = "#c0392b"
GRID = "#999999"
INK = "currentColor"
FONT = 'font-family="sans-serif" font-size="11"'


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    label = escape(title, quote=True)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'style="max-width:{width}px" role="img" aria-label="{label}">',
            f"<title>{escape(title)}</title>",
            *body,
            "</svg>",
        ]
    )


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _count_tick(largest: int) -> int:
    """A round whole step (1, 2, 5, 10, 20, 50, ...) so that four steps reach at least `largest`."""
    step = 1
    while step * 4 < largest:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> ...
            step = int(step * factor)
            if step * 4 >= largest:
                break
    return step


def ratio_chart(edges: list[float], counts: list[int], overdue: int, labels: dict[str, str]) -> str:
    """Bars of answers by time taken as a share of the time allowed; a line marks the target (100 %)."""
    bins = [f"{int(a * 100)}–{int(b * 100)}%" for a, b in zip(edges, edges[1:])] + [f"≥{int(edges[-1] * 100)}%"]
    bins.append(labels["unanswered"])
    values = list(counts) + [overdue]
    width, height, left, bottom, top = 640, 260, 50, 40, 20
    plot_w, plot_h = width - left - 10, height - bottom - top
    step = plot_w / len(values)
    tick = _count_tick(max(values))
    peak = tick * 4
    body = [f'<g {FONT} fill="{INK}">']
    for k in range(5):
        y = top + plot_h - plot_h * k / 4
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="0.5"/>')
        body.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end">{tick * k}</text>')
    target_index = edges.index(1.0) if 1.0 in edges else len(edges)
    for i, (name, value) in enumerate(zip(bins, values)):
        h = plot_h * value / peak
        x = left + i * step + 4
        colour = BAR if i < target_index else LATE
        body.append(
            f'<rect x="{_n(x)}" y="{_n(top + plot_h - h)}" width="{_n(step - 8)}" height="{_n(h)}" fill="{colour}">'
            f"<title>{escape(name)}: {value}</title></rect>"
        )
        body.append(f'<text x="{_n(x + (step - 8) / 2)}" y="{_n(top + plot_h - h - 3)}" text-anchor="middle">{value}</text>')
        body.append(f'<text x="{_n(x + (step - 8) / 2)}" y="{height - bottom + 14}" text-anchor="middle">{escape(name)}</text>')
    x_target = left + target_index * step
    body.append(f'<line x1="{_n(x_target)}" x2="{_n(x_target)}" y1="{top - 5}" y2="{top + plot_h}" stroke="{INK}" stroke-dasharray="4 3"/>')
    body.append(f'<text x="{_n(x_target + 4)}" y="{top + 4}">{escape(labels["target"])}</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(labels["ratio_axis"])}</text>')
    body.append("</g>")
    return _svg(width, height, labels["ratio_title"], body)


def weekly_chart(weeks: list[tuple[str, float | None, int]], target: float | None, labels: dict[str, str]) -> str:
    """Share within target per week (bars), with the goal's target as a dashed line."""
    width, height, left, bottom, top = 640, 240, 50, 40, 20
    plot_w, plot_h = width - left - 10, height - bottom - top
    step = plot_w / max(len(weeks), 1)
    body = [f'<g {FONT} fill="{INK}">']
    for k in range(5):
        y = top + plot_h - plot_h * k / 4
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="0.5"/>')
        body.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end">{25 * k}%</text>')
    for i, (week, share, messages) in enumerate(weeks):
        x = left + i * step + 3
        if share is not None:
            h = plot_h * share
            colour = BAR if target is None or share >= target else LATE
            body.append(
                f'<rect x="{_n(x)}" y="{_n(top + plot_h - h)}" width="{_n(step - 6)}" height="{_n(h)}" fill="{colour}">'
                f"<title>{escape(week)}: {share * 100:.1f}% ({messages})</title></rect>"
            )
            body.append(f'<text x="{_n(x + (step - 6) / 2)}" y="{_n(top + plot_h - h - 3)}" text-anchor="middle">{share * 100:.0f}%</text>')
        body.append(f'<text x="{_n(x + (step - 6) / 2)}" y="{height - bottom + 14}" text-anchor="middle">{escape(week[-3:])}</text>')
    if target is not None:
        y = top + plot_h - plot_h * target
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{_n(y)}" y2="{_n(y)}" stroke="{INK}" stroke-dasharray="4 3"/>')
        body.append(f'<text x="{width - 12}" y="{_n(y - 4)}" text-anchor="end">{escape(labels["target"])} {target * 100:.0f}%</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(labels["week_axis"])}</text>')
    body.append("</g>")
    return _svg(width, height, labels["weekly_title"], body)


def heatmap(arrivals: list[list[int]], closed: list[list[int]], weekdays: list[str], labels: dict[str, str]) -> str:
    """Arrivals per weekday and hour; cells where most arrivals found their channel closed are hatched."""
    cell, left, top = 24, 44, 22
    width, height = left + 24 * cell + 10, top + 7 * cell + 40
    peak = max((v for row in arrivals for v in row), default=0) or 1
    body = [
        "<defs>",
        '<pattern id="sk-closed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">',
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="1.5" stroke-opacity="0.55"/>',
        "</pattern>",
        "</defs>",
        f'<g {FONT} fill="{INK}">',
    ]
    for hour in range(0, 24, 2):
        body.append(f'<text x="{left + hour * cell + cell / 2:.1f}" y="{top - 6}" text-anchor="middle">{hour:02d}</text>')
    for day in range(7):
        y = top + day * cell
        body.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4:.1f}" text-anchor="end">{escape(weekdays[day])}</text>')
        for hour in range(24):
            x = left + hour * cell
            count, shut = arrivals[day][hour], closed[day][hour]
            opacity = 0.08 + 0.92 * count / peak if count else 0.0
            tip = f"{weekdays[day]} {hour:02d}:00: {count} ({shut} {labels['closed']})"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="{BAR}" fill-opacity="{opacity:.2f}" '
                f'stroke="{GRID}" stroke-width="0.3"><title>{escape(tip)}</title></rect>'
            )
            if count and shut * 2 > count:
                body.append(f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="url(#sk-closed)"/>')
    legend_y = top + 7 * cell + 16
    body.append(f'<rect x="{left}" y="{legend_y - 10}" width="12" height="12" fill="url(#sk-closed)" stroke="{GRID}"/>')
    body.append(f'<text x="{left + 18}" y="{legend_y}">{escape(labels["heat_legend"])}</text>')
    body.append("</g>")
    return _svg(width, height, labels["heat_title"], body)


def posting_chart(rows: list[tuple[str, int, int, int]], labels: dict[str, str]) -> str:
    """Per channel, the share of whole periods that met the minimum posting rate: (name, met, periods, minimum).

    One horizontal bar per channel from 0 to 100 %, the periods below the minimum in the late colour.
    """
    width, row_h, left, top = 640, 26, 110, 20
    height = top + row_h * len(rows) + 34
    plot_w = width - left - 60
    body = [f'<g {FONT} fill="{INK}">']
    for k in range(5):
        x = left + plot_w * k / 4
        body.append(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{top - 4}" y2="{top + row_h * len(rows)}" stroke="{GRID}" stroke-width="0.5"/>')
        body.append(f'<text x="{_n(x)}" y="{top + row_h * len(rows) + 14}" text-anchor="middle">{25 * k}%</text>')
    for i, (name, met, periods, minimum) in enumerate(rows):
        y = top + i * row_h + 4
        share = met / periods if periods else 0.0
        met_w, late_w = plot_w * share, plot_w * (1 - share) if periods else 0.0
        tip = escape(f"{name}: {met} / {periods} ({labels['minimum']} {minimum})")
        body.append(f'<text x="{left - 6}" y="{_n(y + 12)}" text-anchor="end">{escape(name)}</text>')
        body.append(f'<rect x="{left}" y="{_n(y)}" width="{_n(met_w)}" height="16" fill="{BAR}"><title>{tip}</title></rect>')
        if late_w:
            body.append(
                f'<rect x="{_n(left + met_w)}" y="{_n(y)}" width="{_n(late_w)}" height="16" fill="{LATE}"><title>{tip}</title></rect>'
            )
        body.append(f'<text x="{_n(left + plot_w + 6)}" y="{_n(y + 12)}">{met}/{periods}</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">{escape(labels["posting_axis"])}</text>')
    body.append("</g>")
    return _svg(width, height, labels["posting_title"], body)


def bar_chart(items: list[tuple[str, int, bool]], title: str) -> str:
    """Horizontal bars, one per (label, count, flagged); flagged bars are drawn in the 'late' colour."""
    left, bar_h, gap, top = 190, 18, 6, 10
    width = 640
    height = top + len(items) * (bar_h + gap) + 10
    peak = max((count for _, count, _ in items), default=0) or 1
    body = [f'<g {FONT} fill="{INK}">']
    for i, (label, count, flagged) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = (width - left - 60) * count / peak
        body.append(f'<text x="{left - 6}" y="{y + bar_h - 5}" text-anchor="end">{escape(label)}</text>')
        body.append(
            f'<rect x="{left}" y="{y}" width="{_n(w)}" height="{bar_h}" fill="{LATE if flagged else BAR}">'
            f"<title>{escape(label)}: {count}</title></rect>"
        )
        body.append(f'<text x="{_n(left + w + 4)}" y="{y + bar_h - 5}">{count}</text>')
    body.append("</g>")
    return _svg(width, height, title, body)

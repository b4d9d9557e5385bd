"""Charts drawn on the server as inline SVG.

Why SVG from Python rather than a vendored JavaScript library: no script to download or
keep up to date (the console works offline and under a strict CSP), the chart is in the
page as soon as the HTML is (a phone on a slow line sees it at once, printing works), and
each chart is an ``<svg role="img">`` with a title and a description, with the same figures
in a data table beside it for screen readers and for copying. Two shapes cover every chart
of the statistics page: horizontal bars (one or two series) and stacked daily columns.
"""

from __future__ import annotations

from bot.staff.console.html import esc

WIDTH = 640
BAR_H = 22
GAP = 8
LABEL_W = 230
COLOURS = ("#1f6feb", "#d97706", "#b91c1c", "#15803d", "#7c3aed")


def _svg(chart_id: str, title: str, desc: str, height: int, inner: str) -> str:
    return (
        f'<svg class="chart" id="{esc(chart_id)}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{esc(chart_id)}-t {esc(chart_id)}-d" preserveAspectRatio="xMinYMin">'
        f'<title id="{esc(chart_id)}-t">{esc(title)}</title>'
        f'<desc id="{esc(chart_id)}-d">{esc(desc)}</desc>{inner}</svg>'
    )


def _clip(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bars(
    chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[float]]]
) -> str:
    """Horizontal bars, one group per label, one bar per series (a legend when >1)."""
    top = 24 if len(series) > 1 else 4
    per = len(series) * BAR_H + GAP
    height = top + max(len(labels), 1) * per + 4
    peak = max([v for _n, values in series for v in values] + [1])
    scale = (WIDTH - LABEL_W - 60) / peak
    parts = []
    if len(series) > 1:
        for i, (name, _v) in enumerate(series):
            x = LABEL_W + i * 140
            parts.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[i % 5]}"/>'
                f'<text x="{x + 16}" y="14" class="legend">{esc(name)}</text>'
            )
    for row, label in enumerate(labels):
        y0 = top + row * per
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y0 + BAR_H * len(series) / 2 + 5:.0f}" '
            f'text-anchor="end" class="label">{esc(_clip(label))}</text>'
        )
        for i, (_name, values) in enumerate(series):
            value = values[row]
            y = y0 + i * BAR_H
            w = max(value * scale, 1 if value else 0)
            parts.append(
                f'<rect x="{LABEL_W}" y="{y + 2}" width="{w:.1f}" height="{BAR_H - 4}" '
                f'fill="{COLOURS[i % 5]}"/><text x="{LABEL_W + w + 4:.1f}" y="{y + BAR_H - 6}" '
                f'class="value">{num(value)}</text>'
            )
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{name} {num(values[r])}" for name, values in series)
        for r, label in enumerate(labels)
    )
    return _svg(chart_id, title, desc or "—", height, "".join(parts))


def columns(
    chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[float]]]
) -> str:
    """Stacked columns (one per label, e.g. a day), a legend above."""
    height, top, bottom, left = 260, 28, 40, 36
    n = max(len(labels), 1)
    slot = (WIDTH - left - 8) / n
    totals = [sum(values[i] for _s, values in series) for i in range(len(labels))]
    peak = max(totals + [1])
    scale = (height - top - bottom) / peak
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - 4}" y2="{height - bottom}" '
        'class="axis"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="value">{num(peak)}</text>',
    ]
    for i, (name, _v) in enumerate(series):
        lx = left + i * 150
        parts.append(
            f'<rect x="{lx}" y="6" width="12" height="12" fill="{COLOURS[i % 5]}"/>'
            f'<text x="{lx + 16}" y="16" class="legend">{esc(name)}</text>'
        )
    every = max(1, n // 10)  # at most ~10 day labels under the axis
    for col, label in enumerate(labels):
        x = left + col * slot + slot * 0.15
        y = float(height - bottom)
        for i, (_name, values) in enumerate(series):
            h = values[col] * scale
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[i % 5]}"/>'
            )
        if col % every == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle" class="label">{esc(label)}</text>'
            )
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{name} {num(values[c])}" for name, values in series)
        for c, label in enumerate(labels)
    )
    return _svg(chart_id, title, desc or "—", height, "".join(parts))


def num(value: float) -> str:
    """A figure as shown: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

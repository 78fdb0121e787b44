"""The effort × impact quadrant drawn on the server as inline SVG: no mermaid (5 MB of
script) for one chart, the same drawing from ``file://``, in print and without
JavaScript, and colours from the theme's tokens (classes in views.css), so it follows
the light and the dark scheme.

Points sit where :func:`journeydocs.views.opportunities.positions` puts them (0..1 on
both axes); each is a numbered dot (the rank in the priority table) with the title as
its tooltip and accessible name. The quadrant lists under the chart say the same in
text, so nothing is told by position or colour alone.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 420
LEFT, TOP, RIGHT, BOTTOM = 56, 16, 16, 48
"""Margins for the axis labels."""

CELLS = (("quick-win", 0, 0), ("major-project", 1, 0), ("fill-in", 0, 1), ("thankless", 1, 1))
"""Quadrant id, column (0 low effort), row (0 high impact)."""


def quadrant_svg(points: Sequence[tuple[int, str, float, float]],
                 t: Mapping[str, str]) -> Markup:
    """``points``: (rank, title, x, y) with x, y in 0..1 (y up). Every text escaped."""
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = [f'<svg class="quadrant-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="quadrant-svg-title" data-quadrant-chart>'
           f'<title id="quadrant-svg-title">{escape(t["quadrant_title"])}: '
           f'{escape(t["quadrant_axes"])}</title>']
    for kind, col, row in CELLS:
        x, y = LEFT + col * w / 2, TOP + row * h / 2
        out.append(f'<rect class="q-cell q-cell--{kind}" x="{x:.0f}" y="{y:.0f}" '
                   f'width="{w / 2:.0f}" height="{h / 2:.0f}"/>')
        out.append(f'<text class="q-label" x="{x + 8:.0f}" y="{y + 20:.0f}">'
                   f'{escape(t["quadrant." + kind])}</text>')
    out.append(f'<text class="q-axis" x="{LEFT}" y="{HEIGHT - 16}">'
               f'{escape(t["low_effort"])}</text>')
    out.append(f'<text class="q-axis" x="{WIDTH - RIGHT}" y="{HEIGHT - 16}" '
               f'text-anchor="end">{escape(t["high_effort"])} →</text>')
    out.append(f'<text class="q-axis" transform="translate(20 {TOP + h}) rotate(-90)">'
               f'{escape(t["low_impact"])}</text>')
    out.append(f'<text class="q-axis" transform="translate(20 {TOP}) rotate(-90)" '
               f'text-anchor="end">{escape(t["high_impact"])} →</text>')
    for rank, title, x, y in points:
        cx, cy = LEFT + x * w, TOP + (1 - y) * h
        out.append(f'<g class="q-point"><title>{rank}. {escape(title)}</title>'
                   f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="11"/>'
                   f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle">{rank}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))

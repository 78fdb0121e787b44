"""The comparison's chart: both states' emotion curves over the same stages, in one
inline SVG drawn on the server (no mermaid, works from ``file://`` and in print).

One ``[data-series]`` path per state (current dashed and grey, future solid and in the
link colour, so they differ by more than colour), a dot with the value as its tooltip
at every stage the state has a scored step in, and a gap where it has none (a missing
value is not a neutral 3). The stage table beside it gives every number as text.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 300
LEFT, TOP, RIGHT, BOTTOM = 60, 18, 60, 54
STAGE_LABEL = 18
"""Longest stage name under the axis (characters); the table has the full name."""


def _short(text: str) -> str:
    return text if len(text) <= STAGE_LABEL else text[:STAGE_LABEL - 1] + "…"


def curve_svg(stages: Sequence[str], series: Sequence[tuple[str, str, Sequence[float | None]]],
              t: Mapping[str, str]) -> Markup:
    """``series``: (kind, label, one value 1..5 or None per stage). Every text escaped."""
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = w / max(1, len(stages) - 1) if len(stages) > 1 else 0

    def x(i: int) -> float:
        return LEFT + (i * step if len(stages) > 1 else w / 2)

    def y(v: float) -> float:
        return TOP + (5 - v) / 4 * h

    out = [f'<svg class="compare-curve" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="compare-curve-title" data-compare-curve>'
           f'<title id="compare-curve-title">{escape(t["cmp_curves"])}</title>']
    for v in range(1, 6):
        out.append(f'<line class="c-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" '
                   f'y2="{y(v):.1f}"/><text x="{LEFT - 10}" y="{y(v) + 4:.1f}" '
                   f'text-anchor="end">{v}</text>')
    for i, name in enumerate(stages):
        out.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle">'
                   f'<title>{escape(name)}</title>{escape(_short(name))}</text>')
    for kind, label, values in series:
        runs, run = [], []
        for i, v in enumerate(values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x(i), y(v)))
        if run:
            runs.append(run)
        d = " ".join("M" + " L".join(f"{px:.1f} {py:.1f}" for px, py in r) for r in runs)
        out.append(f'<g data-series="{escape(kind)}" aria-label="{escape(label)}">'
                   f'<path class="c-series c-series--{escape(kind)}" d="{d}"/>')
        for i, v in enumerate(values):
            if v is not None:
                out.append(f'<circle class="c-dot c-dot--{escape(kind)}" cx="{x(i):.1f}" '
                           f'cy="{y(v):.1f}" r="5"><title>{escape(label)} · '
                           f'{escape(stages[i])}: {v:g}</title></circle>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))

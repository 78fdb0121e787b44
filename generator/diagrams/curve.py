"""The emotion curve: emotion per touchpoint as a mermaid ``xychart-beta`` line.

One chart per persona (small multiples): mermaid 12.3's xychart has no legend,
so several lines in one chart would differ by colour alone.  Each x-axis
category is the touchpoint's number in the journey with its face and score
(``"3 · 🙁 2/5"``), so the emotion is read as a number, never from colour or
height alone; the page lists number → touchpoint (linked) under each chart
(:func:`legend`), since names cut to fit the axis could not be told apart.
Touchpoints without an ``emotion`` are left out of the curve (a gap is not a
neutral 3).  No in-chart title: the figure's caption names the persona (the
full heading stays the chart's ``accTitle``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..model import Journey, Playbook
from .common import emotion_badge, persona_id, persona_name, shown
from .escape import MAX_LABEL, escape_label, escape_title, plain_text

MIN_WIDTH, STEP_WIDTH = 480, 100
"""Chart width in px: ``max(MIN_WIDTH, STEP_WIDTH × points)`` so labels do not collide."""


TITLE_LIMIT = 40
"""Longest journey title in a chart's heading, leaving room for the persona's name."""


HEADING_LIMIT = TITLE_LIMIT + 3 + MAX_LABEL
"""``title — persona``: both parts are cut already; the whole is not cut again."""


LINE_COLOUR = "#3b82f6"
"""A mid blue that stands out on the light and the dark theme alike."""


@dataclass(frozen=True)
class Point:
    number: int
    """1-based position of the touchpoint in the journey."""
    name: str
    emotion: int
    touchpoint: str = ""
    """The touchpoint's id (for the link in the legend)."""


@dataclass(frozen=True)
class Curve:
    """The emotion curve of one persona in one journey."""

    persona: str
    """The persona's display name."""
    points: list[Point]


def curves(journey: Journey, playbook: Playbook) -> list[Curve]:
    """One curve per persona with at least one scored touchpoint, in the journey's persona order."""
    by_persona: dict[str, list[Point]] = {}
    for index, tp in enumerate(journey.touchpoints):
        if tp.emotion is None:
            continue
        value = min(5, max(1, int(tp.emotion)))
        by_persona.setdefault(persona_id(tp, journey), []).append(
            Point(index + 1, shown(tp.name, tp.id), value, tp.id))
    order = list(dict.fromkeys([*journey.personas, *by_persona]))
    return [Curve(persona_name(pid, playbook), by_persona[pid]) for pid in order
            if pid in by_persona]


def category(point: Point) -> str:
    """The x-axis label: ``"3 · 🙁 2/5"`` (number in the journey, face and score)."""
    return escape_label(f"{point.number} · {emotion_badge(point.emotion)}")


def legend(curve: Curve, journey_id: str, from_page: str) -> list[dict]:
    """Number → touchpoint for the list under a chart: number, name, badge, link."""
    return [{"number": p.number, "name": p.name, "badge": emotion_badge(p.emotion),
             "href": urls.relative(urls.touchpoint(journey_id, p.touchpoint), from_page)
             if p.touchpoint else ""}
            for p in curve.points]


def curve_diagram(curve: Curve, title: str, t: Mapping[str, str]) -> str:
    """Mermaid ``xychart-beta`` source of one curve, titled ``title`` (already plain text)."""
    width = max(MIN_WIDTH, STEP_WIDTH * len(curve.points))
    # The title is cut first so the persona, which tells the charts apart, always shows.
    heading = f"{plain_text(title, limit=TITLE_LIMIT)} — {curve.persona}"
    values = ", ".join(str(p.emotion) for p in curve.points)
    return "\n".join([
        "---",
        "config:",
        "  xyChart:",
        f"    width: {width}",
        "    height: 360",
        "  themeVariables:",
        "    xyChart:",
        f'      plotColorPalette: "{LINE_COLOUR}"',
        "---",
        "xychart-beta",
        f"    accTitle: {escape_title(heading, limit=HEADING_LIMIT)}",
        f'    x-axis "{escape_label(t["touchpoint"])}" '
        f'[{", ".join(chr(34) + category(p) + chr(34) for p in curve.points)}]',
        f'    y-axis "{escape_label(t["emotion"])}" 1 --> 5',
        f"    line [{values}]",
    ]) + "\n"


def emotion_curves(journey: Journey, playbook: Playbook, t: Mapping[str, str],
                   ) -> list[tuple[str, str]]:
    """``(persona name, source)`` for each curve of ``journey``."""
    return [(c.persona, source) for c, source in curve_sources(journey, playbook, t)]


def curve_sources(journey: Journey, playbook: Playbook, t: Mapping[str, str],
                  ) -> list[tuple[Curve, str]]:
    """``(curve, source)`` for each curve of ``journey``."""
    title = shown(journey.title, journey.id)
    return [(c, curve_diagram(c, title, t)) for c in curves(journey, playbook)]

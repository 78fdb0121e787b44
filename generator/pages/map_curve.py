"""The journey map's emotion curve and faces: geometry only, in percent of the lane.

The curve is drawn across the map's step columns, which are all the same width:
a step at position ``i`` of ``n`` has its point at ``(i + 0.5) / n`` of the lane's
width, inside its own column whatever that width is. The line is an SVG stretched
over the lane (``preserveAspectRatio="none"``, non-scaling stroke); points, faces and
tick labels are placed in percent too, so nothing is distorted.
"""

from __future__ import annotations

from dataclasses import dataclass

LOW, HIGH = 1, 5
"""The emotion scale: whole numbers from 1 (very negative) to 5 (very positive)."""
PAD = 12.0
"""Space above 5 and below 1, in percent of the lane's height (room for a face)."""


@dataclass(frozen=True)
class Face:
    """A face drawn in SVG (a 20 × 20 box): its mouth a curve that smiles with the value."""

    value: int
    band: str
    """``low`` (1–2), ``mid`` (3) or ``high`` (4–5): the colour, never the only sign."""
    mouth: str
    """The mouth's SVG path."""


@dataclass(frozen=True)
class Point:
    step: str
    """The touchpoint id (``data-emotion-point``)."""
    x: float
    """Percent of the lane's width: the middle of the step's column."""
    y: float
    """Percent of the lane's height."""
    face: Face
    label: str
    """What the point says in words: "Step name: 4/5, Positive"."""


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    gap: bool
    """True when steps without an emotion lie between the two points (drawn dashed)."""


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Curve:
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    ticks: tuple[Tick, ...]


def band(value: int) -> str:
    return "low" if value <= 2 else "mid" if value == 3 else "high"


def face(value: int) -> Face:
    """The face for ``value``: the mouth's middle drops (1) or rises (5) by up to 4 units."""
    bend = (value - 3) * 2.0
    return Face(value, band(value), f"M6 13.5 Q10 {13.5 + bend:g} 14 13.5")


def y_of(value: float) -> float:
    """Percent from the top of the lane for ``value`` (5 at the top, 1 at the bottom)."""
    return round(PAD + (HIGH - value) / (HIGH - LOW) * (100 - 2 * PAD), 3)


def curve(values: list[tuple[str, int | None, str]]) -> Curve | None:
    """The curve through ``(step id, emotion or None, label)`` in step order; ``None``
    when no step has an emotion (the map then has no emotion lane)."""
    n = len(values)
    points = []
    positions = []
    for i, (step, value, label) in enumerate(values):
        if value is None:
            continue
        x = round((i + 0.5) / n * 100, 3)
        points.append(Point(step, x, y_of(value), face(value), label))
        positions.append(i)
    if not points:
        return None
    segments = tuple(Segment(a.x, a.y, b.x, b.y, gap=j - i > 1)
                     for a, b, i, j in zip(points, points[1:], positions, positions[1:]))
    return Curve(tuple(points), segments,
                 tuple(Tick(v, y_of(v)) for v in range(HIGH, LOW - 1, -1)))

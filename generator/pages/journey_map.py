"""The journey map: a journey as a stages × lanes grid (model → plain dataclasses).

Columns are the steps (touchpoints) in journey order, under their stage headers (and
phase headers when the playbook's phases cover the journey's stages); rows are the
lanes that hold data, in a practitioner's order: the storyboard (the steps' pictures,
``image:``), the experience (what happens, does,
thinks, feels, the emotion curve), planning (channel, timing), pain points,
opportunities, expectation vs reality, the playbook's own lanes, where a step leads,
its owner; then, under the line of visibility, the blueprint lanes (frontstage,
backstage, props, systems, data), filled from each step's ``by`` and its lists.

A lane no step fills is left out; so is the phase row when no phase covers a stage.
``_journey_map.html`` only loops over what this module returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

from markupsafe import Markup

from ..markdown import render_markdown
from ..model import Journey, Touchpoint
from ..render.common import (Badge, Emotion, ExternalLink, Link, Linker, badge,
                             channel_name, emotion, external, stage_name, team_name)
from .map_curve import Curve, Face, curve, face
from .media import touchpoint_image

if TYPE_CHECKING:
    from ..model import Lane as LaneDecl, Playbook

GROUPS = ("experience", "planning", "blueprint")
"""Lane groups a reader may show or hide, in the order of the filter."""
BLUEPRINT = ("frontstage", "backstage", "props", "systems", "data")
"""The blueprint lanes, under the line of visibility, top to bottom."""
PLACE_LANE = {"frontstage": "frontstage", "backstage": "backstage", "system": "systems"}
"""A step's ``by`` → the blueprint lane its own name appears in."""
PRINT_CARDS_OVER = 14
"""More steps than this print as cards (one A3 sheet would need text under 7 pt)."""


@dataclass(frozen=True)
class Branch:
    """Where a step leads: the target step's link and, for a labelled branch, when."""

    link: Link
    when: str = ""


@dataclass(frozen=True)
class Cell:
    """One step's value in one lane; every field empty means "nothing here"."""

    text: str = ""
    items: tuple[str, ...] = ()
    own: str = ""
    """Blueprint lanes: the step's own name, when ``by`` puts the step in this lane."""
    html: Markup = Markup("")
    """Rendered (sanitised) Markdown: the step's description."""
    pairs: tuple[tuple[str, str], ...] = ()
    """Labelled texts: expectation and reality."""
    branches: tuple[Branch, ...] = ()
    ends: bool = False
    """The journey ends at this step (``next: []``)."""
    link: ExternalLink | None = None
    emotion: Emotion | None = None
    face: Face | None = None
    image: str = ""
    """The storyboard lane: the step's picture, relative to the page."""

    def __bool__(self) -> bool:
        return bool(self.text or self.items or self.own or self.html or self.pairs
                    or self.branches or self.ends or self.link or self.emotion or self.image)


@dataclass(frozen=True)
class Step:
    """A column of the map."""

    id: str
    number: int
    name: str
    href: str
    stage: str
    """The stage's name (phone cards show it above the step)."""
    by: Badge | None = None
    key_moment: bool = False
    evidence: Badge | None = None
    detail: Link | None = None


@dataclass(frozen=True)
class Span:
    """A stage or phase header over ``span`` consecutive step columns."""

    id: str
    name: str
    span: int
    description: str = ""


@dataclass(frozen=True)
class Lane:
    """A row of the map: one cell per step (the emotion lane: the curve instead)."""

    id: str
    name: str
    group: str
    cells: tuple[Cell, ...]
    visibility: bool = False
    """The first lane under the line of visibility (the line is drawn above it)."""
    curve: Curve | None = None


@dataclass(frozen=True)
class Card:
    """A step as a phone shows it: its column, top to bottom."""

    step: Step
    rows: tuple[tuple[Lane, Cell], ...]


@dataclass(frozen=True)
class JourneyMap:
    steps: tuple[Step, ...]
    stages: tuple[Span, ...]
    phases: tuple[Span, ...]
    """Empty when no phase covers one of the journey's stages."""
    lanes: tuple[Lane, ...]
    groups: tuple[str, ...]
    """The lane groups the map has (the filter offers only these)."""
    cards: tuple[Card, ...]
    print_cards: bool
    """Too many steps for one printed sheet: print the cards instead of the grid."""


# -- lanes -------------------------------------------------------------------------------

def _text(value: str) -> Cell:
    return Cell(text=value) if value else Cell()


def _items(values: list[str]) -> Cell:
    return Cell(items=tuple(values)) if values else Cell()


def _place(tp: Touchpoint, lane: str, values: list[str]) -> Cell:
    own = tp.name if PLACE_LANE.get(tp.by) == lane else ""
    return Cell(own=own, items=tuple(values)) if own or values else Cell()


BuiltIn = tuple[str, str, Callable[..., Cell]]


def _built_in(t: Mapping[str, str], playbook: Playbook, link: Linker,
              journey: Journey) -> tuple[list[BuiltIn], list[BuiltIn]]:
    """The built-in lanes above and below the playbook's own: (id, group, cell of a step)."""
    def storyboard(tp: Touchpoint) -> Cell:
        image = touchpoint_image(journey, tp)
        return Cell(image=link.href(image)) if image else Cell()

    def expectation(tp: Touchpoint) -> Cell:
        pairs = tuple((t[key], getattr(tp, key)) for key in ("expectation", "reality")
                      if getattr(tp, key))
        return Cell(pairs=pairs) if pairs else Cell()

    def emotion_cell(tp: Touchpoint) -> Cell:
        found = emotion(t, tp.emotion)
        return Cell(emotion=found, face=face(found.value)) if found else Cell()

    above = [
        ("storyboard", "experience", storyboard),  # only when a step has a picture
        ("description", "experience",
         lambda tp: Cell(html=render_markdown(tp.description, {})) if tp.description else Cell()),
        ("key_moment", "experience", lambda tp: _text(tp.key_moment)),
        ("does", "experience", lambda tp: _text(tp.does)),
        ("thinks", "experience", lambda tp: _text(tp.thinks)),
        ("feels", "experience", lambda tp: _text(tp.feels)),
        ("emotion", "experience", emotion_cell),
        ("channel", "planning",
         lambda tp: _text(channel_name(playbook, tp.channel) if tp.channel else "")),
        ("timing", "planning", lambda tp: _text(tp.timing)),
        ("pain_points", "experience", lambda tp: _items(tp.pain_points)),
        ("opportunities", "planning",
         lambda tp: _items([o.title for o in tp.opportunities])),
        ("expectation", "experience", expectation),
    ]
    below = [("owner", "planning",
              lambda tp: _text(team_name(playbook, tp.owner) if tp.owner else ""))]
    below += [(lane, "blueprint", lambda tp, lane=lane: _place(tp, lane, getattr(tp, lane)))
              for lane in BLUEPRINT]
    return above, below


def _custom(t: Mapping[str, str], lane: LaneDecl, value: Any) -> Cell:
    if value is None or value == "" or value == []:
        return Cell()
    if lane.kind == "list":
        return _items([str(v) for v in value])
    if lane.kind == "link":
        return Cell(link=external(str(value), str(value)))
    if lane.kind == "rating":
        low = f"{lane.min:g}" if lane.min is not None else ""
        high = f"{lane.max:g}" if lane.max is not None else ""
        return Cell(text=t["rating_of"].format(n=f"{value:g}", low=low, high=high)
                    if low and high else f"{value:g}")
    return Cell(text=str(value))


def _branches(link: Linker, journey: Journey) -> list[Cell]:
    """Where each step leads, for journeys that say so (``next``); steps that simply go
    on to the following one get an empty cell."""
    tps = journey.touchpoints
    cells = []
    for index, tp in enumerate(tps):
        if tp.ends:
            cells.append(Cell(ends=True))
            continue
        in_order = [tps[index + 1].id] if index + 1 < len(tps) else []
        targets = journey.successors(index)
        if targets == in_order and not tp.next_when:
            cells.append(Cell())
            continue
        found = [(journey.touchpoint(to), tp.next_when.get(to, "")) for to in targets]
        cells.append(Cell(branches=tuple(Branch(link.touchpoint(journey, target), when)
                                         for target, when in found if target is not None)))
    return cells


# -- columns and headers ----------------------------------------------------------------

def _order(journey: Journey) -> list[tuple[str, list[Touchpoint]]]:
    """Stages with steps, in stage order (steps of unknown stages after them)."""
    known = [s.id for s in journey.stages]
    stray = [tp.stage for tp in journey.touchpoints if tp.stage not in known]
    groups = [(sid, journey.touchpoints_in(sid)) for sid in known + list(dict.fromkeys(stray))]
    return [(sid, tps) for sid, tps in groups if tps]


def _phases(playbook: Playbook, stages: list[Span]) -> tuple[Span, ...]:
    """Phase headers over the stage headers; a stage in no phase gets a blank one."""
    phase_of = {sid: phase for phase in playbook.config.phases for sid in phase.stages}
    if not any(s.id in phase_of for s in stages):
        return ()
    spans: list[Span] = []
    for stage in stages:
        phase = phase_of.get(stage.id)
        key, name = (phase.id, phase.name) if phase else ("", "")
        if spans and spans[-1].id == key:
            spans[-1] = Span(key, name, spans[-1].span + stage.span)
        else:
            spans.append(Span(key, name, stage.span))
    return tuple(spans)


def journey_map(t: Mapping[str, str], playbook: Playbook, link: Linker,
                journey: Journey) -> JourneyMap | None:
    """The map of ``journey`` seen from the page ``link`` is for; ``None`` without steps."""
    order = _order(journey)
    if not order:
        return None
    tps = [tp for _sid, group in order for tp in group]
    descriptions = {s.id: s.description for s in journey.stages}
    stages = [Span(sid, stage_name(journey, sid), len(group), descriptions.get(sid, ""))
              for sid, group in order]
    uses_by = any(tp.by != "customer" for tp in tps)
    steps = tuple(
        Step(id=tp.id, number=number, name=tp.name or tp.id,
             href=link.touchpoint(journey, tp).href, stage=stage_name(journey, tp.stage),
             by=badge(t, "by", tp.by) if uses_by else None, key_moment=bool(tp.key_moment),
             evidence=badge(t, "evidence", tp.evidence.kind) if tp.evidence else None,
             detail=_detail(link, playbook, tp))
        for number, tp in enumerate(tps, start=1))
    lanes = _lanes(t, playbook, link, journey, tps)
    cards = tuple(Card(step, tuple((lane, lane.cells[i]) for lane in lanes if lane.cells[i]))
                  for i, step in enumerate(steps))
    # phases group site.yml's stages: a journey with stages of its own has none
    phases = () if journey.own_stages else _phases(playbook, stages)
    return JourneyMap(steps=steps, stages=tuple(stages), phases=phases,
                      lanes=lanes, groups=tuple(g for g in GROUPS
                                                if any(lane.group == g for lane in lanes)),
                      cards=cards, print_cards=len(steps) > PRINT_CARDS_OVER)


def _detail(link: Linker, playbook: Playbook, tp: Touchpoint) -> Link | None:
    detail = playbook.journeys.get(tp.detail) if tp.detail else None
    return link.journey(detail) if detail else None


def _lanes(t: Mapping[str, str], playbook: Playbook, link: Linker, journey: Journey,
           tps: list[Touchpoint]) -> tuple[Lane, ...]:
    """Every lane with data, in map order, each with one cell per step in ``tps``."""
    above, below = _built_in(t, playbook, link, journey)
    rows: list[tuple[str, str, str, tuple[Cell, ...]]] = [
        (lane_id, t[f"map_lane.{lane_id}"], group, tuple(make(tp) for tp in tps))
        for lane_id, group, make in above]
    rows += [(lane.id, lane.name, "experience",
              tuple(_custom(t, lane, tp.lanes.get(lane.id)) for tp in tps))
             for lane in playbook.config.lanes]
    # where steps lead, in the map's column order (the journey's own order)
    if [tp.id for tp in tps] == [tp.id for tp in journey.touchpoints]:
        rows.append(("next", t["map_lane.next"], "planning", tuple(_branches(link, journey))))
    rows += [(lane_id, t[f"map_lane.{lane_id}"], group, tuple(make(tp) for tp in tps))
             for lane_id, group, make in below]
    lanes: list[Lane] = []
    line_drawn = False
    for lane_id, name, group, cells in rows:
        if not any(cells):
            continue
        visibility = group == "blueprint" and not line_drawn
        line_drawn = line_drawn or visibility
        drawn = curve([(tp.id, tp.emotion, _point_label(t, tp)) for tp in tps]) \
            if lane_id == "emotion" else None
        lanes.append(Lane(lane_id, name, group, cells, visibility, drawn))
    return tuple(lanes)


def _point_label(t: Mapping[str, str], tp: Touchpoint) -> str:
    found = emotion(t, tp.emotion)
    return f"{tp.name or tp.id}: {found.short}, {found.label}" if found else ""

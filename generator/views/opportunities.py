"""Opportunities across journeys: the effort × impact quadrant and the priority table.

Placement rule (also the table's "quadrant" column): a score above the middle
of the 1–5 scale (4 or 5) is *high*; 1–3 is *low*. So effort 3 counts as low
effort and impact 3 as low impact, and no point ever sits on a dividing line.
Opportunities without an effort or an impact are listed but not plotted, and so
are those already done or dropped: the chart is for planning what is still open.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Mapping

from ..diagrams import escape_label, escape_title, plain_text
from ..model import OPPORTUNITY_STATUSES, Journey, Opportunity, Playbook, Touchpoint
from ..render.common import Linker, score
from ..render.site import OutputFile
from ..i18n.strings import label
from . import paths
from . import tables
from .common import Lookup, journeys_sorted, make_filter, page_context
from .export_parts import known_parts, parts_link, split_csv, to_csv
from .quadrant import quadrant_svg
from .tables import Column, Row, Table, cell, muted

if TYPE_CHECKING:
    from ..render.site import Site

QUADRANTS = ("quick-win", "major-project", "fill-in", "thankless")
"""Quadrant ids: high impact & low effort, high & high, low & low, low impact & high effort."""
POSITION = {1: 0.08, 2: 0.22, 3: 0.38, 4: 0.66, 5: 0.88}
"""Where a 1–5 score sits on a 0–1 axis: 1–3 in the low half, 4–5 in the high half."""
SPREAD = 0.04
"""Distance between points that share a score pair, so none hides another."""
GRID = 4
_OFFSETS = (0, 1, -1, 2)
"""Steps sideways of the 1st, 2nd… point in a row: centred on the score's place."""
"""Points per row when several share a score pair."""
TITLES_UP_TO = 10
"""With more points than this, points show only their number (titles would overlap)."""
CLOSED = ("done", "dropped")
POINT_LABEL = 32
"""Longest point label (characters) in the chart; the table has the full title."""


@dataclass(frozen=True)
class Ranked:
    rank: int
    """1 = highest priority (impact ÷ effort)."""
    journey: Journey
    touchpoint: Touchpoint
    opportunity: Opportunity
    carried_from: Journey | None = None
    """The current-state journey that has the same idea (this one is listed instead)."""

    @property
    def quadrant(self) -> str:
        return quadrant_of(self.opportunity)


def quadrant_of(o: Opportunity) -> str:
    """One of :data:`QUADRANTS`, or ``""`` when effort or impact is missing."""
    if o.effort is None or o.impact is None:
        return ""
    high_impact, high_effort = o.impact > 3, o.effort > 3
    if high_impact:
        return "major-project" if high_effort else "quick-win"
    return "thankless" if high_effort else "fill-in"


def normalised(title: str) -> str:
    """A title as compared for "the same idea": case, accents' forms, punctuation and
    spacing do not count."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def carried_over(playbook: Playbook) -> dict[tuple[str, str, int], Journey]:
    """(future journey id, touchpoint id, index) → current-state journey, for every
    opportunity of a future-state journey whose normalised title its current state
    (``future_of``) already has: the same idea, listed and counted once."""
    found = {}
    for future in playbook.journeys.values():
        current = playbook.journeys.get(future.future_of) if future.future_of else None
        if current is None or current is future:
            continue
        before = {normalised(o.title) for tp in current.touchpoints for o in tp.opportunities}
        for tp in future.touchpoints:
            for index, o in enumerate(tp.opportunities):
                if normalised(o.title) in before:
                    found[(future.id, tp.id, index)] = current
    return found


def ranked(playbook: Playbook) -> list[Ranked]:
    """Every opportunity, highest impact ÷ effort first; ties by impact, then journey order.

    An idea a future-state journey carries over from its current state is listed once:
    the future state's (the plan), marked with the current journey; the current state's
    copy is left out (:func:`carried_over`)."""
    carried = carried_over(playbook)
    repeated = {(c.id, normalised(o.title)) for (fid, tid, i), c in carried.items()
                for o in [_opportunity(playbook, fid, tid, i)]}
    found = [(j, tp, o, carried.get((j.id, tp.id, i)))
             for j in journeys_sorted(playbook) for tp in j.touchpoints
             for i, o in enumerate(tp.opportunities)
             if (j.id, normalised(o.title)) not in repeated]
    found.sort(key=lambda x: (-x[2].priority, -(x[2].impact or 0)))  # stable for the rest
    return [Ranked(i, j, tp, o, c) for i, (j, tp, o, c) in enumerate(found, 1)]


def _opportunity(playbook: Playbook, journey_id: str, tp_id: str, index: int) -> Opportunity:
    return playbook.journeys[journey_id].touchpoint(tp_id).opportunities[index]


def open_items(items: list[Ranked]) -> list[Ranked]:
    """The opportunities still to plan: not done, not dropped."""
    return [i for i in items if i.opportunity.status not in CLOSED]


def point_label(item: Ranked, with_title: bool = True) -> str:
    if not with_title:
        return str(item.rank)
    return f"{item.rank}. {plain_text(item.opportunity.title, POINT_LABEL)}"


def positions(items: list[Ranked]) -> dict[int, tuple[float, float]]:
    """(x, y) in 0..1 of each plotted item (by rank).

    Items that share a score pair sit in a small grid around the pair's place,
    never crossing into the other half of an axis (so placement still tells the
    quadrant).
    """
    seen: Counter = Counter()
    placed = {}
    for item in items:
        o = item.opportunity
        if o.effort not in POSITION or o.impact not in POSITION:
            continue
        k = seen[(o.effort, o.impact)]
        seen[(o.effort, o.impact)] += 1
        col, row = k % GRID, k // GRID
        x = _inside(POSITION[o.effort] + _OFFSETS[col] * SPREAD, o.effort > 3)
        y = _inside(POSITION[o.impact] - row * SPREAD * 1.5, o.impact > 3)
        placed[item.rank] = (round(x, 3), round(y, 3))
    return placed


def _inside(value: float, high: bool) -> float:
    """``value`` kept inside the low (0.02–0.48) or high (0.52–0.98) half."""
    low, top = (0.52, 0.98) if high else (0.02, 0.48)
    return min(top, max(low, value))


def quadrant_chart(items: list[Ranked], t: Mapping[str, str]) -> str:
    """Mermaid ``quadrantChart`` source; every text escaped for its context."""
    def q(key: str) -> str:
        return f'"{escape_label(t[key])}"'

    lines = [
        "quadrantChart",
        f"  title {escape_title(t['quadrant_title'])}",
        f"  x-axis {q('low_effort')} --> {q('high_effort')}",
        f"  y-axis {q('low_impact')} --> {q('high_impact')}",
        f"  quadrant-1 {q('quadrant.major-project')}",
        f"  quadrant-2 {q('quadrant.quick-win')}",
        f"  quadrant-3 {q('quadrant.fill-in')}",
        f"  quadrant-4 {q('quadrant.thankless')}",
    ]
    by_rank = {item.rank: item for item in items}
    placed = positions(items)
    titles = len(placed) <= TITLES_UP_TO
    for rank, (x, y) in placed.items():
        text = escape_label(point_label(by_rank[rank], titles))
        lines.append(f'  "{text}": [{x:.3f}, {y:.3f}]')
    return "\n".join(lines) + "\n"


def columns(t: Mapping[str, str]) -> list[Column]:
    """The idea first (the sticky column), then what a planner scans: rank, status, quadrant."""
    return [
        Column("opportunity", t["opportunity"], hideable=False),
        Column("rank", "#", numeric=True),
        Column("status", t["status"]),
        Column("quadrant", t["quadrant"]),
        Column("effort", t["effort"], numeric=True),
        Column("impact", t["impact"], numeric=True),
        Column("priority", t["priority"], numeric=True),
        Column("journey", t["journey"]),
        Column("touchpoint", t["touchpoint"]),
    ]


def _row(look: Lookup, t: Mapping[str, str], item: Ranked, quadrant: str) -> Row:
    """One row of the priority table."""
    o = item.opportunity
    j, touch = look.journey(item.journey), look.touchpoint(item.journey, item.touchpoint)
    title = cell(o.title)
    if item.carried_from is not None:
        title += (" " + tables.badge("carried", t["carried_over"])
                  + "<br>" + muted(t["carried_over_note"].format(journey=item.carried_from.title)))
    if o.description:
        title += "<br>" + muted(o.description)
    status = look.badge("opportunity", o.status)
    name = label(t, "quadrant", quadrant) if quadrant else t["none"]
    cells = [title, cell(item.rank), tables.badge(status.kind, status.text),
             f'<span class="tag tag--{quadrant or "none"}">{cell(name)}</span>',
             cell(score(t, o.effort)), cell(score(t, o.impact)), cell(f"{o.priority:.2f}"),
             tables.link(j.href, j.text),
             f"{tables.link(touch.href, touch.text)} "
             f"{muted('(' + look.stage(item.journey, item.touchpoint.stage) + ')')}"]
    keys = [o.title, None, str(OPPORTUNITY_STATUSES.index(o.status))
            if o.status in OPPORTUNITY_STATUSES else "9", None,
            str(o.effort or 0), str(o.impact or 0), None, None, None]
    filters = [o.status, quadrant or "-", item.journey.id,
               "yes" if item.carried_from is not None else "no"]
    return Row(cells, keys, filters)


def opportunities_page(site: Site) -> Iterator[OutputFile]:
    """The page (quadrant drawn as SVG, priority table) and its table's shards."""
    playbook, t = site.playbook, site.t
    path = paths.OPPORTUNITIES
    link = Linker(playbook, path)
    look = Lookup(site, link)
    items = ranked(playbook)
    quadrants = {item.rank: item.quadrant for item in items}  # a property: worked out once
    statuses = {i.opportunity.status for i in items}
    filters = [
        make_filter("status", t["status"], ((s, label(t, "opportunity", s))
                                            for s in OPPORTUNITY_STATUSES if s in statuses),
                    keep_order=True),
        make_filter("quadrant", t["quadrant"], ((q, label(t, "quadrant", q)) for q in QUADRANTS
                                                if q in quadrants.values()),
                    keep_order=True),
        make_filter("journey", t["journey"], ((i.journey.id, i.journey.title) for i in items)),
    ]
    keys = [f.key for f in filters] + ["carried"]
    table = Table("opportunity-table", columns(t),
                  [_row(look, t, item, quadrants[item.rank]) for item in items],
                  keys, t["priority_table"], "opportunity-table")
    still_open = open_items(items)
    groups = [{
        "id": q, "name": label(t, "quadrant", q), "note": t[f"quadrant_note.{q}"],
        "count": sum(quadrants[i.rank] == q for i in still_open),
        "items": [{"rank": i.rank, "title": i.opportunity.title,
                   "carried": i.carried_from is not None,
                   "touchpoint": look.touchpoint(i.journey, i.touchpoint)}
                  for i in still_open if quadrants[i.rank] == q][:GROUP_SHOWN],
    } for q in QUADRANTS]
    plotted = positions(still_open)
    csv, download = parts_link(known_parts(playbook, "opportunities", opportunity_csv_files),
                             link.href)
    by_rank = {i.rank: i for i in still_open}
    points = [(rank, by_rank[rank].opportunity.title, x, y)
              for rank, (x, y) in list(plotted.items())[:PLOTTED]]
    context = {
        **page_context(site, path),
        "table": tables.context(table, path),
        "filters": filters,
        "groups": groups,
        "chart": quadrant_svg(points, t) if points else None,
        "unplotted": len(still_open) - len(points),
        "csv": csv,
        "csv_download": download,
    }
    page = site.render("views/opportunities.html", path, t["opportunities_title"], context)
    return tables.with_shards(page, table)


GROUP_SHOWN = 50
"""Ideas listed under each quadrant (its heading counts them all; the table has every one)."""
PLOTTED = 150
"""Points drawn in the quadrant, highest priority first: more would be a blot."""


OPPORTUNITY_COLUMNS = ["rank", "title", "journey_id", "journey", "touchpoint_id", "touchpoint",
                       "stage", "effort", "impact", "priority", "quadrant", "status"]


def opportunities_csv(playbook: Playbook) -> bytes:
    rows = ([r.rank, r.opportunity.title, r.journey.id, r.journey.title, r.touchpoint.id,
             r.touchpoint.name, r.touchpoint.stage, r.opportunity.effort or "",
             r.opportunity.impact or "", f"{r.opportunity.priority:.2f}", r.quadrant,
             r.opportunity.status] for r in ranked(playbook))
    return to_csv(OPPORTUNITY_COLUMNS, rows)


def opportunity_csv_files(playbook: Playbook) -> list[tuple[str, bytes]]:
    """``exports/opportunities.csv``, or its parts when it is larger than an export may be."""
    return split_csv(paths.OPPORTUNITIES_CSV, opportunities_csv(playbook))

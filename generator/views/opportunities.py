"""Opportunities across journeys: the effort × impact quadrant and the priority table.

Placement rule (also the table's "quadrant" column): a score above the middle
of the 1–5 scale (4 or 5) is *high*; 1–3 is *low*. So effort 3 counts as low
effort and impact 3 as low impact, and no point ever sits on a dividing line.
Opportunities without an effort or an impact are listed but not plotted, and so
are those already done or dropped: the chart is for planning what is still open.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from ..diagrams import escape_label, escape_title, mermaid_block, plain_text
from ..model import OPPORTUNITY_STATUSES, Journey, Opportunity, Playbook, Touchpoint
from ..render.common import Linker, score
from ..i18n.strings import label
from . import paths
from .common import Lookup, journeys_sorted, make_filter, page_context

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site

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


def ranked(playbook: Playbook) -> list[Ranked]:
    """Every opportunity, highest impact ÷ effort first; ties by impact, then journey order."""
    found = [(j, tp, o) for j in journeys_sorted(playbook) for tp in j.touchpoints
             for o in tp.opportunities]
    found.sort(key=lambda x: (-x[2].priority, -(x[2].impact or 0)))  # stable for the rest
    return [Ranked(i, j, tp, o) for i, (j, tp, o) in enumerate(found, 1)]


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


def _row(look: Lookup, t: Mapping[str, str], item: Ranked, quadrant: str) -> dict:
    """One row of the priority table."""
    o = item.opportunity
    return {
        "rank": item.rank,
        "title": o.title,
        "description": o.description,
        "journey": look.journey(item.journey),
        "touchpoint": look.touchpoint(item.journey, item.touchpoint),
        "stage": look.stage(item.journey, item.touchpoint.stage),
        "effort": score(t, o.effort),
        "effort_sort": o.effort or 0,
        "impact": score(t, o.impact),
        "impact_sort": o.impact or 0,
        "priority": f"{o.priority:.2f}",
        "quadrant": label(t, "quadrant", quadrant) if quadrant else t["none"],
        "quadrant_kind": quadrant or "none",
        "status": look.badge("opportunity", o.status),
        "filters": {"status": o.status, "quadrant": quadrant or "-", "journey": item.journey.id},
    }


def opportunities_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.OPPORTUNITIES
    link = Linker(playbook, path)
    look = Lookup(site, link)
    items = ranked(playbook)
    quadrants = {item.rank: item.quadrant for item in items}  # a property: worked out once
    rows = [_row(look, t, item, quadrants[item.rank]) for item in items]
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
    still_open = open_items(items)
    groups = [{
        "id": q, "name": label(t, "quadrant", q), "note": t[f"quadrant_note.{q}"],
        "items": [{"rank": i.rank, "title": i.opportunity.title,
                   "touchpoint": look.touchpoint(i.journey, i.touchpoint)}
                  for i in still_open if quadrants[i.rank] == q],
    } for q in QUADRANTS]
    plotted = positions(still_open)
    context = {
        **page_context(site, path),
        "rows": rows,
        "filters": filters,
        "groups": groups,
        "chart": mermaid_block(quadrant_chart(still_open, t)) if plotted else None,
        "unplotted": len(still_open) - len(plotted),
        "csv": link.href(paths.OPPORTUNITIES_CSV),
    }
    return site.render("views/opportunities.html", path, t["opportunities_title"], context,
                       diagrams=bool(plotted))

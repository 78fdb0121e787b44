"""The content inventory: every content item of every touchpoint in one table.

:func:`inventory` is the pure part (the model → rows, counts, stale flags, gaps);
:func:`inventory_page` turns it into the page. Stale means what ``journeydocs
check`` means: :func:`journeydocs.load.health.is_stale` with site.yml's
``review_after_days``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from .. import urls
from ..load.health import is_stale
from ..model import CONTENT_STATUSES, ContentItem, Journey, Playbook, Touchpoint
from ..render.common import Linker, badge, external, lang_code
from ..i18n.strings import label
from . import paths
from .common import NO_VALUE, Lookup, make_filter, page_context

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site


@dataclass(frozen=True)
class InventoryRow:
    journey: Journey
    touchpoint: Touchpoint
    item: ContentItem
    stale: bool


@dataclass(frozen=True)
class Inventory:
    rows: list[InventoryRow]
    """Journeys by id, then touchpoints and items in the order written."""
    counts: dict[str, int]
    """Items per content status, in the format's status order (zeros included)."""
    stale: int
    ownerless: int
    gaps: list[tuple[Journey, Touchpoint]]
    """Touchpoints with no content at all."""


def inventory(playbook: Playbook, today: dt.date) -> Inventory:
    days = playbook.config.review_after_days
    rows, gaps = [], []
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        for tp in journey.touchpoints:
            if not tp.content:
                gaps.append((journey, tp))
            for item in tp.content:
                rows.append(InventoryRow(journey, tp, item, is_stale(item, days, today, journey)))
    counts = dict.fromkeys(CONTENT_STATUSES, 0)
    for row in rows:
        counts[row.item.status] = counts.get(row.item.status, 0) + 1
    return Inventory(rows, counts, sum(r.stale for r in rows),
                     sum(not r.item.owner for r in rows), gaps)


def inventory_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.INVENTORY
    link = Linker(playbook, path)
    data = inventory(playbook, site.today)
    look = Lookup(site, link)
    rows = _Rows(data.rows, partial(_row, look, t))
    filters = _filters(look, t, data)
    context = {
        **page_context(site, path),
        "total": len(data.rows),
        "counts": [{"badge": badge(t, "content", status), "value": n, "status": status}
                   for status, n in data.counts.items()],
        "stale": data.stale,
        "ownerless": data.ownerless,
        "review_after_days": playbook.config.review_after_days,
        "today": site.today.isoformat(),
        "rows": rows,
        "filters": filters,
        "gaps": [{"journey": look.journey(j), "touchpoint": look.touchpoint(j, tp),
                  "stage": look.stage(j, tp.stage), "channel": look.channel(tp.channel),
                  "owner": look.team(tp.owner) if tp.owner else ""}
                 for j, tp in data.gaps],
        "csv": urls.relative(paths.INVENTORY_CSV, path),
    }
    return site.render("views/inventory.html", path, t["content_inventory_all"], context)


class _Rows:
    """The table's rows, each made as the template reaches it and dropped after it.

    At 1,000 journeys the inventory has ~24,000 rows; made all at once they held tens
    of MB for the whole render. Iterable any number of times (a plain render after a
    failed splice sees every row again)."""

    def __init__(self, rows: list[InventoryRow], make: Callable[[InventoryRow], dict]):
        self.rows = rows
        self.make = make

    def __iter__(self) -> Iterator[dict]:
        return map(self.make, self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def _row(look: Lookup, t: Mapping[str, str], row: InventoryRow) -> dict:
    journey, tp, item = row.journey, row.touchpoint, row.item
    return {
        "journey": look.journey(journey),
        "touchpoint": look.touchpoint(journey, tp),
        "stage": look.stage(journey, tp.stage),
        "channel": look.channel(tp.channel),
        "title": item.title,
        "type": item.type,
        "status": look.badge("content", item.status),
        "status_rank": _rank(item.status),
        "owner": look.team(item.owner) if item.owner else "",
        "language": item.language,
        "lang": lang_code(item.language),
        "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else "",
        "link": external(t["open"], item.link) if item.link else None,
        "stale": row.stale,
        "filters": {
            "status": item.status,
            "owner": item.owner or NO_VALUE,
            "channel": tp.channel,
            "language": item.language or NO_VALUE,
            "journey": journey.id,
            "stale": "yes" if row.stale else "no",
        },
    }


def _filters(look: Lookup, t: Mapping[str, str], data: Inventory) -> list:
    return [
        make_filter("status", t["status"],
                    ((s, label(t, "content", s)) for s in data.counts if data.counts[s]),
                    keep_order=True),
        make_filter("owner", t["owner"],
                    ((r.item.owner, look.team(r.item.owner) if r.item.owner
                      else t["no_owner"]) for r in data.rows)),
        make_filter("channel", t["channel"],
                    ((r.touchpoint.channel, look.channel(r.touchpoint.channel))
                     for r in data.rows)),
        make_filter("language", t["language"],
                    ((r.item.language, r.item.language or t["no_language"]) for r in data.rows)),
        make_filter("journey", t["journey"],
                    ((r.journey.id, r.journey.title) for r in data.rows)),
        make_filter("stale", t["review"], (("yes", t["stale"]), ("no", t["up_to_date"])),
                    keep_order=True),
    ]


def _rank(status: str) -> int:
    """Sort key of a content status: its place in the workflow."""
    return CONTENT_STATUSES.index(status) if status in CONTENT_STATUSES else len(CONTENT_STATUSES)

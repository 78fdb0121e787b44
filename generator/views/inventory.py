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
from typing import TYPE_CHECKING, Iterator, Mapping

from ..load.health import is_stale
from ..model import CONTENT_STATUSES, ContentItem, Journey, Playbook, Touchpoint
from ..render.common import Linker, badge, external, lang_code
from ..render.site import OutputFile
from ..i18n.strings import label
from . import paths
from . import tables
from .exports import csv_link
from .common import NO_VALUE, Lookup, journeys_by_title, make_filter, page_context
from .tables import Column, Row, Table, cell, muted

if TYPE_CHECKING:
    from ..render.site import Site


@dataclass(frozen=True)
class InventoryRow:
    journey: Journey
    touchpoint: Touchpoint
    item: ContentItem
    stale: bool


@dataclass(frozen=True)
class Inventory:
    rows: list[InventoryRow]
    """Journeys by title, then touchpoints and items in the order written."""
    counts: dict[str, int]
    """Items per content status, in the format's status order (zeros included)."""
    stale: int
    ownerless: int
    gaps: list[tuple[Journey, Touchpoint]]
    """Touchpoints with no content at all."""


def inventory(playbook: Playbook, today: dt.date) -> Inventory:
    days = playbook.config.review_after_days
    rows, gaps = [], []
    for journey in journeys_by_title(playbook):
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


def inventory_page(site: Site) -> Iterator[OutputFile]:
    """The inventory page and the shards of its table (when it has more than a page)."""
    playbook, t = site.playbook, site.t
    path = paths.INVENTORY
    link = Linker(playbook, path)
    data = inventory(playbook, site.today)
    look = Lookup(site, link)
    filters = _filters(look, t, data)
    make = partial(_row, look, t)
    table = Table("inventory-table", columns(t), [make(r) for r in data.rows],
                  [f.key for f in filters], t["all_content"], "inventory")
    gaps = Table("gaps-table", [
        Column("touchpoint", t["touchpoint"], hideable=False), Column("journey", t["journey"]),
        Column("stage", t["stage"]), Column("channel", t["channel"]), Column("owner", t["owner"])],
        [_gap(look, t, j, tp) for j, tp in data.gaps], [], t["gaps_title"])
    csv, download = csv_link(playbook, site.today, "inventory", link.href)
    context = {
        **page_context(site, path),
        "total": len(data.rows),
        "counts": [{"badge": badge(t, "content", status), "value": n, "status": status}
                   for status, n in data.counts.items()],
        "stale": data.stale,
        "ownerless": data.ownerless,
        "review_after_days": playbook.config.review_after_days,
        "today": site.today.isoformat(),
        "table": tables.context(table, path),
        "filters": filters,
        "gaps": tables.context(gaps, path),
        "gaps_total": len(data.gaps),
        "csv": csv,
        "csv_download": download,
    }
    page = site.render("views/inventory.html", path, t["content_inventory_all"], context)
    return tables.with_shards(page, table, gaps)


def _gap(look: Lookup, t: Mapping[str, str], journey: Journey, tp: Touchpoint) -> Row:
    j, touch = look.journey(journey), look.touchpoint(journey, tp)
    return Row([tables.link(touch.href, touch.text), tables.link(j.href, j.text),
                cell(look.stage(journey, tp.stage)), cell(look.channel(tp.channel)),
                cell(look.team(tp.owner)) if tp.owner else muted(t["none"])])


def columns(t: Mapping[str, str]) -> list[Column]:
    """The key columns first: what a content reviewer needs fits a 1366 px screen."""
    return [
        Column("title", t["title"], hideable=False),
        Column("owner", t["owner"]),
        Column("status", t["status"]),
        Column("last_reviewed", t["last_reviewed"], numeric=True),
        Column("link", t["link"], sortable=False),
        Column("journey", t["journey"]),
        Column("touchpoint", t["touchpoint"]),
        Column("stage", t["stage"]),
        Column("channel", t["channel"]),
        Column("type", t["type"]),
        Column("language", t["language"]),
    ]


def _row(look: Lookup, t: Mapping[str, str], row: InventoryRow) -> Row:
    journey, tp, item = row.journey, row.touchpoint, row.item
    j, touch = look.journey(journey), look.touchpoint(journey, tp)
    status = look.badge("content", item.status)
    owner = (cell(look.team(item.owner)) if item.owner
             else tables.badge("stale", t["no_owner"]))
    reviewed = item.last_reviewed.isoformat() if item.last_reviewed else ""
    when = cell(reviewed) if reviewed else muted(t["never_reviewed"])
    if row.stale:
        when += " " + tables.badge("stale", t["stale"])
    ext = external(t["open"], item.link) if item.link else None
    if ext and ext.href:
        target = tables.link(ext.href, ext.text, ' rel="noopener noreferrer"')
    else:
        target = muted(ext.text) if ext else ""
    lang = lang_code(item.language)
    cells = [cell(item.title), owner, tables.badge(status.kind, status.text), when, target,
             tables.link(j.href, j.text), tables.link(touch.href, touch.text),
             cell(look.stage(journey, tp.stage)), cell(look.channel(tp.channel)),
             cell(item.type), cell(item.language)]
    keys = [None, None, str(_rank(item.status)), reviewed, None,
            None, None, None, None, None, None]
    attrs = ["", "", "", "", "", "", "", "", "", "", f' lang="{lang}"' if lang else ""]
    filters = [item.status, item.owner or NO_VALUE, tp.channel or NO_VALUE,
               item.language or NO_VALUE, journey.id, "yes" if row.stale else "no"]
    return Row(cells, keys, filters, attrs)


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

"""Channel pages: per channel, the touchpoints that use it across journeys and the
message load it puts on each persona, day by day.

The load comes from :func:`journeydocs.load.health.message_load` (the same numbers
``journeydocs check`` warns about); a cell is over the limit when the persona's
messages on all channels that day exceed ``max_messages_per_day``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..load.health import message_load
from ..model import Playbook
from ..render.common import Linker, channel_name
from ..render.site import OutputFile
from . import paths, tables
from .common import Lookup, count_label, journeys_sorted, page_context, persona_label
from .tables import Column, Row, Table

if TYPE_CHECKING:
    from ..render.site import Site


@dataclass(frozen=True)
class LoadCell:
    count: int
    """Messages on the channel (or on every channel, for the overview)."""
    total: int
    """Messages on every message channel that day."""
    over: bool


@dataclass(frozen=True)
class LoadTable:
    """Persona × day: rows are persona ids, columns the days that have messages."""

    days: list[int]
    rows: list[tuple[str, list[LoadCell | None]]]

    @property
    def over(self) -> list[tuple[str, int, LoadCell]]:
        return [(persona, day, cell) for persona, cells in self.rows
                for day, cell in zip(self.days, cells) if cell and cell.over]


def load_table(playbook: Playbook, channel: str | None = None) -> LoadTable:
    """The message load on ``channel`` (every message channel when None)."""
    limit = playbook.config.max_messages_per_day
    totals = {(load.persona, load.day): len(load.touchpoints) for load in message_load(playbook)}
    mine = {(load.persona, load.day): len(load.touchpoints)
            for load in message_load(playbook, channel)} if channel else totals
    days = sorted({day for _, day in mine})
    personas = sorted({persona for persona, _ in mine},
                      key=lambda pid: (persona_label(playbook, pid).casefold(), pid))
    rows = []
    for persona in personas:
        cells = []
        for day in days:
            count = mine.get((persona, day))
            total = totals.get((persona, day), count or 0)
            cells.append(LoadCell(count, total, total > limit) if count else None)
        rows.append((persona, cells))
    return LoadTable(days, rows)


def used_channels(playbook: Playbook) -> list[str]:
    """Channel ids in site.yml order, then any others touchpoints use."""
    known = [term.id for term in playbook.config.channels]
    used = [tp.channel for j in journeys_sorted(playbook) for tp in j.touchpoints if tp.channel]
    return known + [c for c in dict.fromkeys(used) if c not in known]


def _load_context(site: Site, look: Lookup, table: LoadTable, table_id: str) -> dict:
    """The persona × day table (a table for work: a large playbook has thousands of
    personas) and the days over the limit."""
    t = site.t
    columns = [Column("persona", t["persona"], hideable=False)] + [
        Column(f"day{day}", t["day_n"].format(n=day)) for day in table.days]
    over = f' <span class="badge badge--over">{tables.cell(t["over_limit"])}</span>'
    rows = []
    for pid, cells in table.rows:
        persona = look.persona(pid)
        html = [tables.link(persona.href, persona.text) if persona
                else tables.cell(persona_label(site.playbook, pid))]
        keys: list[str | None] = [None]
        attrs = [""]
        for cell in cells:
            if cell is None:
                html.append(tables.muted("·"))
                keys.append("0")
                attrs.append(' class="load-cell"')
                continue
            html.append(str(cell.count) + (f" {tables.muted(f'/ {cell.total}')}"
                                           if cell.total != cell.count else "")
                        + (over if cell.over else ""))
            keys.append(str(cell.count))
            attrs.append(' class="load-cell is-over"' if cell.over else ' class="load-cell"')
        rows.append(Row(html, keys, [], attrs))
    return {
        "table": Table(table_id, columns, rows, [], t["message_load"], "load"),
        "over": [t["over_limit_line"].format(persona=persona_label(site.playbook, pid),
                                             day=day, n=cell.total,
                                             limit=site.playbook.config.max_messages_per_day)
                 for pid, day, cell in table.over],
    }


def channels_page(site: Site) -> Iterator[OutputFile]:
    playbook, t = site.playbook, site.t
    path = paths.CHANNELS
    link = Linker(playbook, path)
    on_channel: dict[str, list] = defaultdict(list)
    for j in journeys_sorted(playbook):
        for tp in j.touchpoints:
            on_channel[tp.channel].append((j, tp))
    rows = []
    for cid in used_channels(playbook):
        tps = on_channel[cid]
        term = playbook.channels.get(cid)
        rows.append({
            "link": link.to(channel_name(playbook, cid), paths.channel(cid)),
            "touchpoints": len(tps),
            "journeys": len({j.id for j, _ in tps}),
            "content": sum(len(tp.content) for _, tp in tps),
            "messages": bool(term and term.messages),
        })
    load = _load_context(site, Lookup(site, link), load_table(playbook), "load-table")
    context = {
        **page_context(site, path),
        "channels": rows,
        "load": {**load, "table": tables.context(load["table"], path)},
        "limit": playbook.config.max_messages_per_day,
    }
    page = site.render("views/channels.html", path, t["channels_title"], context)
    return tables.with_shards(page, load["table"])


def channel_page(site: Site, cid: str) -> Iterator[OutputFile]:
    playbook, t = site.playbook, site.t
    path = paths.channel(cid)
    link = Linker(playbook, path)
    look = Lookup(site, link)
    term = playbook.channels.get(cid)
    rows = []
    for journey in journeys_sorted(playbook):
        j = look.journey(journey)
        for tp in journey.touchpoints:
            if tp.channel != cid:
                continue
            touch, persona = look.touchpoint(journey, tp), look.persona(tp.persona)
            rows.append(Row([
                tables.link(touch.href, touch.text), tables.link(j.href, j.text),
                tables.cell(look.stage(journey, tp.stage)), tables.cell(tp.timing),
                tables.link(persona.href, persona.text) if persona else "",
                tables.cell(look.team(tp.owner)) if tp.owner else "",
                tables.cell(count_label(t, "content_count", len(tp.content)))],
                [None, None, None, None, None, None, str(len(tp.content))]))
    touchpoints = Table(f"channel-{cid}-touchpoints", [
        Column("touchpoint", t["touchpoint"], hideable=False), Column("journey", t["journey"]),
        Column("stage", t["stage"]), Column("timing", t["timing"]),
        Column("persona", t["persona"]), Column("owner", t["owner"]),
        Column("content", t["content"])], rows, [], t["touchpoints_on_channel"],
        head_row=False)
    load = _load_context(site, look, load_table(playbook, cid), f"channel-{cid}-load")
    name = channel_name(playbook, cid)
    context = {
        **page_context(site, path),
        "name": name,
        "description": term.description if term else "",
        "messages": bool(term and term.messages),
        "touchpoints": tables.context(touchpoints, path),
        "load": {**load, "table": tables.context(load["table"], path)},
        "limit": playbook.config.max_messages_per_day,
        "channels_href": link.href(paths.CHANNELS),
    }
    page = site.render("views/channel.html", path, name, context, parent=paths.CHANNELS)
    return tables.with_shards(page, touchpoints, load["table"])

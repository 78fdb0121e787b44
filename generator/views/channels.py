"""Channel pages: per channel, the touchpoints that use it across journeys and the
message load it puts on each persona, day by day.

The load comes from :func:`journeydocs.load.health.message_load` (the same numbers
``journeydocs check`` warns about); a cell is over the limit when the persona's
messages on all channels that day exceed ``max_messages_per_day``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..load.health import message_load
from ..model import Playbook
from ..render.common import Linker, channel_name
from . import paths
from .common import Lookup, count_label, journeys_sorted, page_context, persona_label

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site


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


def _load_context(site: Site, link: Linker, table: LoadTable) -> dict:
    t = site.t
    return {
        "days": [t["day_n"].format(n=day) for day in table.days],
        "rows": [{
            "persona": link.persona(pid),
            "persona_name": persona_label(site.playbook, pid),
            "cells": [None if cell is None else {
                "count": cell.count, "total": cell.total, "over": cell.over,
            } for cell in cells],
        } for pid, cells in table.rows],
        "over": [t["over_limit_line"].format(persona=persona_label(site.playbook, pid),
                                             day=day, n=cell.total,
                                             limit=site.playbook.config.max_messages_per_day)
                 for pid, day, cell in table.over],
    }


def channels_page(site: Site) -> OutputFile:
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
    context = {
        **page_context(site, path),
        "channels": rows,
        "load": _load_context(site, link, load_table(playbook)),
        "limit": playbook.config.max_messages_per_day,
    }
    return site.render("views/channels.html", path, t["channels_title"], context)


def channel_page(site: Site, cid: str) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.channel(cid)
    link = Linker(playbook, path)
    look = Lookup(site, link)
    term = playbook.channels.get(cid)
    touchpoints = []
    for journey in journeys_sorted(playbook):
        for tp in journey.touchpoints:
            if tp.channel != cid:
                continue
            touchpoints.append({
                "journey": look.journey(journey),
                "touchpoint": look.touchpoint(journey, tp),
                "stage": look.stage(journey, tp.stage),
                "timing": tp.timing,
                "persona": look.persona(tp.persona),
                "owner": look.team(tp.owner) if tp.owner else "",
                "content": count_label(t, "content_count", len(tp.content)),
            })
    name = channel_name(playbook, cid)
    context = {
        **page_context(site, path),
        "name": name,
        "description": term.description if term else "",
        "messages": bool(term and term.messages),
        "touchpoints": touchpoints,
        "load": _load_context(site, link, load_table(playbook, cid)),
        "limit": playbook.config.max_messages_per_day,
        "channels_href": link.href(paths.CHANNELS),
    }
    return site.render("views/channel.html", path, name, context, parent=paths.CHANNELS)

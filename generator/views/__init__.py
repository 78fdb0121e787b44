"""Cross-journey views: content inventory, channels, teams and RACI, opportunities,
current vs future comparisons, indexes, health and exports.

Each view module turns the checked model into pages (:class:`~journeydocs.render.OutputFile`)
the way the journey and persona views do; :func:`pages` is what the render stage calls.
Each module has a pure part (model → rows, tested on its own) and a ``*_page`` function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Mapping

from . import paths
from . import channels, compare, indexes, inventory, opportunities, raci, teams
from . import exports
from ..render.common import Link

if TYPE_CHECKING:
    from ..model import Playbook
    from ..render.site import OutputFile, Site


def pages(site: Site) -> Iterator[OutputFile]:
    """Every cross-journey page and export file of the site."""
    if not site.playbook.journeys:
        return
    yield from inventory.inventory_page(site)
    yield from opportunities.opportunities_page(site)
    yield channels.channels_page(site)
    for cid in channels.used_channels(site.playbook):
        yield channels.channel_page(site, cid)
    yield teams.teams_page(site)
    for team in teams.team_ids(site.playbook):
        yield teams.team_page(site, team)
    yield from raci.raci_page(site)
    for current, future in compare.pairs(site.playbook):
        yield compare.comparison_page(site, current, future)
    yield from indexes.indexes_page(site)
    if has_health(site.playbook):
        yield indexes.health_page(site)


def export_files(site: Site) -> list[OutputFile]:
    """The playbook's export files (JSON, CSV): a task of its own, as the only view
    that shows Markdown bodies (see :data:`journeydocs.render.BODY_TASKS`)."""
    return exports.export_files(site) if site.playbook.journeys else []


def nav_links(playbook: Playbook, t: Mapping[str, str]) -> list[Link]:
    """The sidebar's "Views" section (site-root paths)."""
    if not playbook.journeys:
        return []
    links = [
        ("content_inventory_all", paths.INVENTORY),
        ("opportunities_title", paths.OPPORTUNITIES),
        ("channels_title", paths.CHANNELS),
        ("teams_title", paths.TEAMS),
        ("raci_matrix", paths.RACI),
        ("indexes_title", paths.INDEXES),
    ]
    if has_health(playbook):
        links.append(("health_title", paths.HEALTH))
    return [Link(t[key], path, path) for key, path in links]


def has_health(playbook: Playbook) -> bool:
    """The Health page is an internal quality report (warnings by file, what rests on
    assumptions): external builds leave it out, with its sidebar link."""
    return playbook.audience != "external"

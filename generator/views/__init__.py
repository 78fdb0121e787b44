"""Cross-journey views: content inventory, channels, teams and RACI, opportunities,
current vs future comparisons, indexes, health and exports.

Each view module turns the checked model into pages (:class:`~journeydocs.render.site.OutputFile`)
the way the journey and persona views do; :func:`pages` is what the render stage calls.
Each module has a pure part (model → rows, tested on its own) and a ``*_page`` function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Mapping

from . import paths
from . import channels, compare, health, indexes, inventory, kpis, opportunities, raci, teams
from . import exports
from ..render.common import Link

if TYPE_CHECKING:
    from ..model import Playbook
    from ..render.site import OutputFile, Site


GROUPS = ("inventory", "opportunities", "channels", "teams", "raci", "compare", "indexes",
          "kpis", "health")
"""The views as separate render tasks (``views-<group>``): at 1,000 journeys they take
~10 s in all, so one task would leave the other workers idle while a single one works."""


def pages(site: Site, group: str | None = None) -> Iterator[OutputFile]:
    """The cross-journey pages of ``group`` (one of :data:`GROUPS`), or of all groups."""
    if not site.playbook.journeys:
        return
    for name in GROUPS if group is None else (group,):
        yield from _GROUP_PAGES[name](site)


def _channel_pages(site: Site) -> Iterator[OutputFile]:
    yield from channels.channels_page(site)
    for cid in channels.used_channels(site.playbook):
        yield from channels.channel_page(site, cid)


def _team_pages(site: Site) -> Iterator[OutputFile]:
    yield teams.teams_page(site)
    for team in teams.team_ids(site.playbook):
        yield from teams.team_page(site, team)


def _comparison_pages(site: Site) -> Iterator[OutputFile]:
    for current, future in compare.pairs(site.playbook):
        yield compare.comparison_page(site, current, future)


def _kpi_pages(site: Site) -> Iterator[OutputFile]:
    if kpis.has_kpis(site.playbook):
        yield kpis.kpis_page(site)


def _health_pages(site: Site) -> Iterator[OutputFile]:
    if has_health(site.playbook):
        yield from health.health_page(site)


_GROUP_PAGES = {
    "inventory": inventory.inventory_page,
    "opportunities": opportunities.opportunities_page,
    "channels": _channel_pages,
    "teams": _team_pages,
    "raci": raci.raci_page,
    "compare": _comparison_pages,
    "indexes": indexes.indexes_page,
    "kpis": _kpi_pages,
    "health": _health_pages,
}


def export_files(site: Site) -> list[OutputFile]:
    """The playbook's export files (JSON, CSV): a task of its own, as the only view
    that shows Markdown bodies (see :data:`journeydocs.pages.dependencies.BODY_TASKS`)."""
    return exports.export_files(site) if site.playbook.journeys else []


VIEWS = (
    ("inventory", "content_inventory_all", paths.INVENTORY),
    ("opportunities", "opportunities_title", paths.OPPORTUNITIES),
    ("channels", "channels_title", paths.CHANNELS),
    ("teams", "teams_title", paths.TEAMS),
    ("raci", "raci_matrix", paths.RACI),
    ("kpis", "kpis_title", paths.KPIS),
    ("health", "health_title", paths.HEALTH),
    ("indexes", "indexes_title", paths.INDEXES),
)
"""The cross-journey views in the order the views bar and the home page list them:
(``data-view`` name, title string, path)."""


def view_links(playbook: Playbook, t: Mapping[str, str]) -> list[tuple[str, Link]]:
    """(``data-view`` name, link with a site-root path) of each view this site has."""
    if not playbook.journeys:
        return []
    present = {"kpis": kpis.has_kpis(playbook), "health": has_health(playbook)}
    return [(key, Link(t[title], path, path)) for key, title, path in VIEWS
            if present.get(key, True)]


def nav_links(playbook: Playbook, t: Mapping[str, str]) -> list[Link]:
    """The views' links (site-root paths)."""
    return [link for _, link in view_links(playbook, t)]


def has_health(playbook: Playbook) -> bool:
    """The Health page is an internal quality report (warnings by file, what rests on
    assumptions): external builds leave it out, with its sidebar link."""
    return playbook.audience != "external"

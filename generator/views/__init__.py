"""Cross-journey views: content inventory, channels, teams and RACI, opportunities,
current vs future comparisons, indexes and exports.

Each view module turns the checked model into pages (:class:`~journeydocs.render.OutputFile`)
the way the journey and persona views do; :func:`pages` is what the render stage calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Mapping

if TYPE_CHECKING:
    from ..model import Playbook
    from ..render import OutputFile, Site
    from ..render_common import Link


def pages(site: Site) -> Iterator[OutputFile]:
    """Every cross-journey page and export file of the site."""
    return iter(())


def nav_links(playbook: Playbook, t: Mapping[str, str]) -> list[Link]:
    """The sidebar's "Views" section (site-root paths)."""
    return []

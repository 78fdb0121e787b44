"""Files for crawlers: ``robots.txt`` always, ``sitemap.xml`` when ``base_url`` is set.

Playbooks are usually internal, so ``robots: noindex`` is the default: every page
then carries ``<meta name="robots" content="noindex">`` (base.html) and robots.txt
asks crawlers to stay out. A sitemap needs absolute URLs, hence ``base_url``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Iterator

from .. import urls
from ..model import Playbook
from ..render.site import OutputFile

if TYPE_CHECKING:
    from ..render.site import Site

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def pages(site: Site) -> Iterator[OutputFile]:
    config = site.playbook.config
    yield OutputFile(ROBOTS, robots_txt(config.robots, config.base_url).encode("utf-8"))
    if config.base_url:
        yield OutputFile(SITEMAP, sitemap_xml(site.playbook).encode("utf-8"))


def page_paths(playbook: Playbook) -> list[str]:
    """The site-root paths of the playbook's own pages, home first."""
    paths = [urls.INDEX]
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        paths.append(urls.journey(journey.id))
        paths.extend(urls.touchpoint(journey.id, tp.id) for tp in journey.touchpoints)
    paths.extend(urls.persona(p) for p in sorted(playbook.personas))
    paths.extend(urls.page(p) for p in sorted(playbook.pages))
    return paths


def sitemap_xml(playbook: Playbook) -> str:
    base = playbook.config.base_url.rstrip("/") + "/"
    entries = "".join(f"  <url><loc>{escape(base + path, quote=False)}</loc></url>\n"
                      for path in page_paths(playbook))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n")


def robots_txt(robots: str, base_url: str) -> str:
    if robots == "noindex":
        return "# An internal playbook: please keep it out of search engines.\n" \
               "User-agent: *\nDisallow: /\n"
    sitemap = f"Sitemap: {base_url.rstrip('/')}/{SITEMAP}\n" if base_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap

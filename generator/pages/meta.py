"""Files for crawlers: ``robots.txt`` always, ``sitemap.xml`` when ``base_url`` is set
(a sitemap index of ``sitemap-N.xml`` parts when the URLs do not fit one file).

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
SITEMAP_BYTES = 2_000_000
"""Largest sitemap file written (the protocol allows 50 MB; pages here stay under 2 MB)."""
SITEMAP_URLS = 50_000
"""Most URLs in one sitemap file (the protocol's limit)."""


def pages(site: Site) -> Iterator[OutputFile]:
    config = site.playbook.config
    yield OutputFile(ROBOTS, robots_txt(config.robots, config.base_url).encode("utf-8"))
    if config.base_url:
        for path, text in sitemap_files(site.playbook):
            yield OutputFile(path, text.encode("utf-8"))


def page_paths(playbook: Playbook) -> list[str]:
    """The site-root paths of the playbook's own pages, home first."""
    paths = [urls.INDEX]
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        paths.append(urls.journey(journey.id))
        paths.extend(urls.touchpoint(journey.id, tp.id) for tp in journey.touchpoints)
    paths.extend(urls.persona(p) for p in sorted(playbook.personas))
    paths.extend(urls.page(p) for p in sorted(playbook.pages))
    return paths


_URLSET = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
_URLSET_END = "</urlset>\n"


def sitemap_xml(playbook: Playbook) -> str:
    """Every page in one ``<urlset>`` (what a site whose sitemap fits one part gets)."""
    return _URLSET + "".join(_entries(playbook)) + _URLSET_END


def _entries(playbook: Playbook) -> list[str]:
    base = playbook.config.base_url.rstrip("/") + "/"
    return [f"  <url><loc>{escape(base + path, quote=False)}</loc></url>\n"
            for path in page_paths(playbook)]


def sitemap_files(playbook: Playbook) -> list[tuple[str, str]]:
    """``(path, text)`` of the sitemap: one ``sitemap.xml`` when every URL fits a part
    of :data:`SITEMAP_BYTES` and :data:`SITEMAP_URLS`; else ``sitemap.xml`` is a
    sitemap index of ``sitemap-1.xml``, ``sitemap-2.xml``… (robots.txt names
    ``sitemap.xml`` either way)."""
    entries = _entries(playbook)
    room = SITEMAP_BYTES - len((_URLSET + _URLSET_END).encode("utf-8"))
    parts: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        grown = size + len(entry.encode("utf-8"))
        if parts[-1] and (grown > room or len(parts[-1]) >= SITEMAP_URLS):
            parts.append([])
            grown = len(entry.encode("utf-8"))
        parts[-1].append(entry)
        size = grown
    if len(parts) == 1:
        return [(SITEMAP, _URLSET + "".join(entries) + _URLSET_END)]
    base = playbook.config.base_url.rstrip("/") + "/"
    names = [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    index = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             + "".join(f"  <sitemap><loc>{escape(base + name, quote=False)}</loc></sitemap>\n"
                       for name in names)
             + "</sitemapindex>\n")
    return [(SITEMAP, index), *((name, _URLSET + "".join(part) + _URLSET_END)
                                for name, part in zip(names, parts))]


def robots_txt(robots: str, base_url: str) -> str:
    if robots == "noindex":
        return "# An internal playbook: please keep it out of search engines.\n" \
               "User-agent: *\nDisallow: /\n"
    sitemap = f"Sitemap: {base_url.rstrip('/')}/{SITEMAP}\n" if base_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap

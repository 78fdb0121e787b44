"""What every page shares: :class:`Site` (environment, strings, sidebar, today) and
the types the page modules return (:class:`OutputFile`, :class:`NavGroup`,
:class:`NavSection`). A leaf of the render stage: the page modules import it, it
imports none of them (the page list is :mod:`journeydocs.pages.tasks`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlsplit

import jinja2

from .. import urls
from ..model import Playbook
from .common import Link, theme_macros
from .fastnav import NavSplicer

CSS = urls.asset("css/journeydocs.css")
JS = urls.asset("js/journeydocs.js")
MERMAID = urls.asset("vendor/mermaid/mermaid.min.js")


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site."""

    path: str
    """Site-root-relative POSIX path, e.g. ``journeys/gift-purchase.html``."""
    data: bytes


@dataclass(frozen=True)
class NavGroup:
    """A list of links in the sidebar, with an optional heading."""

    title: str
    items: tuple[Link, ...]


@dataclass(frozen=True)
class NavSection:
    title: str
    groups: tuple[NavGroup, ...]


@dataclass
class Site:
    """What every page shares: the environment, strings, navigation, today."""

    playbook: Playbook
    env: jinja2.Environment
    t: Mapping[str, str]
    today: dt.date
    nav_targets: tuple[NavSection, ...]
    """The navigation with site-root paths; per-folder copies are made on demand."""
    nav_hidden: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Pages a long sidebar group leaves out → (their text, their group's "Show all"
    path); such a page is listed just above that link on itself and its children."""
    views_bar: tuple[tuple[str, Link], ...] = ()
    """The cross-journey views every page links to from its header, as (``data-view``
    name, link with a site-root path)."""
    _nav_by_folder: dict[str, tuple[NavSection, ...]] = field(default_factory=dict)
    _links: dict[tuple[str, str], str] = field(default_factory=dict)
    _templates: dict[str, jinja2.Template] = field(default_factory=dict)
    _splicer: NavSplicer | None = None

    def nav_from(self, page_path: str, parent: str = "") -> tuple[NavSection, ...]:
        """The navigation with hrefs relative to ``page_path`` (cached per folder),
        listing the page (or its ``parent``) where the sidebar would leave it out."""
        folder = page_path.rsplit("/", 1)[0] if "/" in page_path else ""
        if folder not in self._nav_by_folder:
            self._nav_by_folder[folder] = tuple(
                NavSection(section.title, tuple(
                    NavGroup(group.title, tuple(
                        Link(item.text, urls.relative(item.path, page_path), item.path)
                        for item in group.items))
                    for group in section.groups))
                for section in self.nav_targets)
        nav = self._nav_by_folder[folder]
        for path in (page_path, parent):
            if path in self.nav_hidden:
                nav = _listed_before_show_all(nav, path, *self.nav_hidden[path], page_path)
        return nav

    def with_playbook(self, playbook: Playbook) -> Site:
        """This site for another playbook with the same config and sidebar: the
        environment, compiled templates and per-folder sidebars are shared."""
        return dataclasses.replace(self, playbook=playbook)

    def render(self, template: str, path: str, title: str, context: Mapping[str, Any], *,
               description: str = "", parent: str = "", diagrams: bool = False,
               from_root: bool = False) -> OutputFile:
        """Fill ``template`` for the page at ``path``.

        ``from_root`` (for 404.html, which a server may show at any depth) makes the
        page links absolute from ``base_url``'s path, so "home" works wherever the page
        is shown; its style sheets and scripts stay relative to the site's root, so the
        page is styled from ``file://`` (where a root-absolute ``/assets/…`` names the
        disk's root) and wherever a host shows it for a missing top-level page. Without
        a ``base_url`` every link is relative to the site's root.
        """
        config = self.playbook.config
        if from_root:
            root = urlsplit(config.base_url).path or "/"
            root = root if root.endswith("/") else root + "/"

            def link(target: str) -> str:
                return root + target if config.base_url else urls.relative(target, path)

            def asset(target: str) -> str:
                return urls.relative(target, path)

            nav = tuple(NavSection(s.title, tuple(NavGroup(g.title, tuple(
                Link(i.text, link(i.path), i.path) for i in g.items)) for g in s.groups))
                for s in self.nav_targets)
        else:
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            links = self._links

            def link(target: str) -> str:
                key = (folder, target)
                if key not in links:
                    links[key] = urls.relative(target, path)
                return links[key]

            asset = link
            nav = None
        canonical = config.base_url.rstrip("/") + "/" + path if config.base_url else ""
        page = {
            "path": path,
            "parent": parent,
            "title": title,
            "document_title": title if title == config.title else f"{title} · {config.title}",
            "description": description or config.description,
            "canonical": "" if from_root else canonical,
        }
        compiled = self._templates.get(template)
        if compiled is None:
            compiled = self._templates[template] = self.env.get_template(template)
        values = dict(
            t=self.t,
            language=config.language,
            site_title=config.title,
            config=config,
            page=page,
            home_href=link(urls.INDEX),
            css_href=asset(CSS),
            js_href=asset(JS),
            mermaid_href=asset(MERMAID) if diagrams else "",
            views_bar=[{"view": key, "text": item.text, "href": link(item.path),
                        "current": "page" if item.path == path else
                        "parent" if item.path == parent else ""}
                       for key, item in self.views_bar],
            # importing _macros.html "with context" in base.html cost ~50 us a page
            ui=theme_macros(self.env, self.t),
            **context,
        )
        if nav is not None:
            html = compiled.render(nav=nav, **values)
        else:
            if self._splicer is None:
                self._splicer = NavSplicer(self.nav_targets, self.nav_hidden, self.nav_from,
                                           NavSection, NavGroup, Link)
            html = self._splicer.render(compiled, values)
        return OutputFile(path, html.encode("utf-8"))


def _listed_before_show_all(nav: tuple[NavSection, ...], path: str, text: str,
                            show_all: str, page_path: str) -> tuple[NavSection, ...]:
    """``nav`` with ``path`` added just above the "Show all" link ``show_all``."""
    item = Link(text, urls.relative(path, page_path), path)
    return tuple(NavSection(section.title, tuple(
        NavGroup(group.title, tuple(
            entry for link in group.items
            for entry in ((item, link) if link.path == show_all else (link,))))
        for group in section.groups)) for section in nav)

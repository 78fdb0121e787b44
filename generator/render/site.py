"""The render stage: a checked :class:`~journeydocs.model.Playbook` → HTML files.

:func:`render_site` is pure: it returns every page as an :class:`OutputFile` and
writes nothing (the write stage copies ``theme/assets`` and writes the files).
It reads as a checklist: build the template environment and the shared navigation
once, then turn each model object into a plain context (the ``render_*`` view
modules) and fill the one template its page type uses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

import jinja2

from .. import markdown, urls, views
from ..load.health import today as build_date  # one build date: health findings are kept by it
from ..model import Playbook
from .common import Link, theme_macros
from .fastnav import NavSplicer
from .jinja import make_environment
from ..i18n.strings import strings
from ..share.history import pages as share_pages

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

        ``from_root`` makes every shared link absolute from ``base_url``'s path (for
        404.html, which a server may show at any depth); without a ``base_url`` the
        links stay relative to the site's root (a root-absolute ``/assets/…`` breaks
        from ``file://`` and on hosts that serve the site under a path).
        """
        config = self.playbook.config
        if from_root:
            root = urlsplit(config.base_url).path or "/"
            root = root if root.endswith("/") else root + "/"

            def link(target: str) -> str:
                return root + target if config.base_url else urls.relative(target, path)

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
            css_href=link(CSS),
            js_href=link(JS),
            mermaid_href=link(MERMAID) if diagrams else "",
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


def render_site(playbook: Playbook, theme_dir: Path, *,
                today: dt.date | None = None) -> list[OutputFile]:
    """Every page of the site, rendered; ``today`` decides which content is stale."""
    return list(iter_pages(make_site(playbook, theme_dir, today=today)))


def make_site(playbook: Playbook, theme_dir: Path, *, today: dt.date | None = None,
              env: jinja2.Environment | None = None) -> Site:
    """What every page shares, built once: environment (``env``, if one was made for
    ``theme_dir`` already), strings, navigation."""
    from ..pages import nav as render_nav

    t = strings(playbook.config.language)
    markdown.use_site_options(html=playbook.config.markdown_html, internal_label=t["internal"])
    nav, hidden = render_nav.navigation(playbook, t)
    return Site(playbook, env or make_environment(theme_dir), t, today or build_date(), nav,
                hidden)


def iter_pages(site: Site) -> Iterator[OutputFile]:
    """Every page of ``site`` in site order, rendered one at a time (for streaming writes)."""
    from ..pages import journey as render_journey, nav as render_nav, persona as render_persona

    return _pages(site, render_nav, render_journey, render_persona)


def _pages(site: Site, render_nav: Any, render_journey: Any,
           render_persona: Any) -> Iterator[OutputFile]:
    for _, task in page_tasks(site, render_nav, render_journey, render_persona):
        yield from task()


BODY_TASKS = frozenset({"exports", "site-files"})
"""The site-wide tasks whose files show Markdown bodies (storylines, persona and free
page text): the export files and the search index. An edit that changes nothing but
bodies renders only these of the site-wide tasks again (a test changes every body and
checks that the other site-wide tasks' bytes stay the same)."""

Task = Callable[[], Iterable[OutputFile]]
"""Some pages of the site, rendered when called; tasks are independent of each other."""


def page_tasks(site: Site, render_nav: Any, render_journey: Any,
               render_persona: Any) -> list[tuple[str, Task]]:
    """The site's pages as (key, task) pairs in site order: add new pages here.

    A parallel build hands tasks out to its workers one at a time, so a task should be
    a page or a few related ones, never depend on another having run, and render the
    same bytes in any process. The key tells serve which edits affect the task
    (see :mod:`journeydocs.incremental`): ``journey:ID``, ``persona:ID``, ``page:ID``
    and ``404`` are re-rendered only when their object (or the sidebar) changes; any
    other key is treated as site-wide and re-rendered after every edit.
    """
    playbook = site.playbook
    tasks: list[tuple[str, Task]] = [("home", lambda: [render_nav.home_page(site)]),
                                     ("404", lambda: [render_nav.not_found_page(site)])]
    for kind, objects in (("journey", playbook.journeys), ("persona", playbook.personas),
                          ("page", playbook.pages)):
        for object_id in sorted(objects):
            key = f"{kind}:{object_id}"
            tasks.append((key, object_task(site, key, render_nav, render_journey,
                                           render_persona)))
    tasks.append(("views", lambda: views.pages(site)))
    tasks.append(("exports", lambda: views.export_files(site)))
    tasks.append(("site-files", lambda: render_nav.site_files(site)))
    tasks.append(("share", lambda: share_pages(site)))
    return tasks


def object_task(site: Site, key: str, render_nav: Any, render_journey: Any,
                render_persona: Any) -> Task:
    """The task of one object's pages: ``journey:ID`` (its page, then its touchpoints'),
    ``persona:ID`` or ``page:ID``."""
    kind, _, object_id = key.partition(":")
    playbook = site.playbook
    if kind == "journey":
        return partial(_journey_pages, site, render_journey, playbook.journeys[object_id])
    if kind == "persona":
        return partial(_one_page, render_persona.persona_page, site,
                       playbook.personas[object_id])
    return partial(_one_page, render_nav.free_page, site, playbook.pages[object_id])


def _one_page(render_page: Callable[[Site, Any], OutputFile], site: Site,
              thing: Any) -> list[OutputFile]:
    return [render_page(site, thing)]


def _journey_pages(site: Site, render_journey: Any, journey: Any) -> Iterator[OutputFile]:
    yield render_journey.journey_page(site, journey)
    for index in range(len(journey.touchpoints)):
        yield render_journey.touchpoint_page(site, journey, index)

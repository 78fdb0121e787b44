"""``plugins: [journeydocs]`` for MkDocs: the playbook's pages inside an existing site.

A thin adapter over the journeydocs core, in MkDocs' event order:

* ``on_config``  — find the playbook; add the plugin's stylesheet and the diagram scripts;
* ``on_files``   — load and check the playbook (errors abort the build with the same
  ``path:line: message`` lines as ``journeydocs check``; warnings are MkDocs warnings,
  so ``mkdocs build --strict`` fails on them too), render every page and add it;
* ``on_nav``     — one nav section: overview, journeys with touchpoints, personas, views;
* ``on_page_content`` — put the rendered page into the theme's content area;
* ``on_serve``   — ``mkdocs serve`` rebuilds when the playbook changes.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..build import load_playbook
from ..errors import Problem, UsageError
from .pages import NavEntry, asset_files, make_site, nav_plan, render_fragments, toc_tokens

log = logging.getLogger("mkdocs.plugins.journeydocs")

MERMAID = "assets/vendor/mermaid/mermaid.min.js"
STYLE = "assets/journeydocs-mkdocs.css"
MAP_STYLE = "assets/css/map.css"
MAP_SCRIPT = "assets/js/map.js"
DRAW = "assets/journeydocs-mkdocs.js"
MATERIAL = "assets/journeydocs-material.js"


class JourneydocsConfig(base.Config):
    playbook = c.Type(str, default="playbook")
    """The playbook folder (the one with site.yml), relative to mkdocs.yml."""
    nav_section = c.Optional(c.Type(str))
    """Title of the nav section that holds the playbook (default: site.yml's title)."""
    path = c.Type(str, default="playbook")
    """The folder of the site the playbook's pages go to."""


class JourneydocsPlugin(BasePlugin[JourneydocsConfig]):
    """Adds a journeydocs playbook's pages, nav entries and diagrams to a MkDocs site."""

    def on_config(self, config):
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (base_dir / self.config.playbook).resolve()
        self.shown_root = os.path.relpath(self.root, base_dir)
        self.prefix = self.config.path.strip("/") or "playbook"
        self.pages: dict[str, bytes] = {}
        self.site = None
        config.extra_css.append(f"{self.prefix}/{STYLE}")
        config.extra_css.append(f"{self.prefix}/{MAP_STYLE}")  # the journey map (issue 23)
        # Material draws every <pre class="mermaid"> itself and fetches mermaid from a
        # CDN unless `mermaid` is already defined: the vendored script keeps it offline.
        # Other themes get the vendored script and a small one that draws the diagrams.
        config.extra_javascript.append(f"{self.prefix}/{MERMAID}")
        helper = MATERIAL if config.theme.name == "material" else DRAW
        config.extra_javascript.append(f"{self.prefix}/{helper}")
        config.extra_javascript.append(f"{self.prefix}/{MAP_SCRIPT}")
        return config

    def on_serve(self, server, config, builder):
        server.watch(str(self.root))
        return server

    # -- files ------------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        playbook = self._load()
        self.site = make_site(playbook)
        for output in render_fragments(self.site):
            if output.path.endswith(".html"):
                src = f"{self.prefix}/{output.path[:-len('.html')]}.md"
                # The page body is added in on_page_content; no Markdown to read.
                file = File.generated(config, src, content="",
                                      inclusion=InclusionLevel.NOT_IN_NAV)
                file.use_directory_urls = False  # journeydocs' relative links need x.html
                self.pages[src] = output.data
            else:
                file = File.generated(config, f"{self.prefix}/{output.path}", content=output.data)
            self._add(files, file)
        for relative, path in asset_files():
            self._add(files, File.generated(config, f"{self.prefix}/{relative}",
                                            abs_src_path=str(path)))
        return files

    def _add(self, files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"journeydocs: docs/{file.src_uri} already exists; the playbook's "
                              f"pages go to '{self.prefix}/' (set the plugin's `path` option "
                              "to another folder)")
        files.append(file)

    def _load(self):
        try:
            playbook, problems = load_playbook(self.root)
        except UsageError as exc:
            raise PluginError(f"journeydocs: {exc} (set the plugin's `playbook` option to "
                              "the folder that holds site.yml)") from None
        for problem in problems.errors + problems.warnings:
            (log.error if problem.severity.value == "error" else log.warning)(
                self._shown(problem).format())
        if playbook is None:
            count = len(problems.errors)
            raise PluginError(f"journeydocs: the playbook in {self.shown_root}/ has {count} "
                              f"error{'s' if count != 1 else ''} (listed above)")
        return playbook

    def _shown(self, problem: Problem) -> Problem:
        """The problem with its path as seen from mkdocs.yml's folder."""
        if self.shown_root == ".":
            return problem
        return dataclasses.replace(problem, path=f"{Path(self.shown_root).as_posix()}/{problem.path}")

    # -- navigation ---------------------------------------------------------------
    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        site = self.site
        page_of: dict[str, Page] = {}
        for src in self.pages:
            path = src[len(self.prefix) + 1:-len(".md")] + ".html"
            page_of[path] = Page(site.titles.get(path, path), files.get_file_from_path(src),
                                 config)
        title = self.config.nav_section or site.playbook.config.title
        nav.items.append(self._nav_item(nav_plan(site, title), page_of))
        nav.pages = _pages_in(nav.items)
        _link_pages(nav.pages)
        _link_parents(nav.items, None)
        return nav

    def _nav_item(self, entry: NavEntry, page_of: dict[str, Page]):
        if entry.path:
            page = page_of[entry.path]
            if entry.title != page.title and page.parent is None:
                page.title = entry.title  # touchpoints: their name, not "name · journey"
            return page
        return Section(entry.title, [self._nav_item(child, page_of) for child in entry.children])

    # -- pages --------------------------------------------------------------------
    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        data = self.pages.get(page.file.src_uri)
        if data is None:
            return html
        fragment = data.decode("utf-8")
        page.toc = get_toc(toc_tokens(fragment))
        return f'<div class="journeydocs">\n{fragment}\n</div>'


def _link_pages(pages: list[Page]) -> None:
    """Previous/next links in nav order (what MkDocs does before on_nav)."""
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None


def _link_parents(items: list, parent) -> None:
    for item in items:
        if parent is not None:
            item.parent = parent
        if item.children:
            _link_parents(item.children, item)


def _pages_in(items: list) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        if item.children:
            found.extend(_pages_in(item.children))
    return found

"""The playbook as page fragments for MkDocs: the MkDocs-free half of the plugin.

Each page is rendered by journeydocs' own views and templates, with one change: the
theme's ``base.html`` is replaced by ``templates/base.html`` here, which keeps only the
page's content block. The MkDocs theme in use then supplies header, navigation and
footer. Pages keep journeydocs' layout (``journeys/<id>.html`` …) below one folder of
the MkDocs site, so every relative link journeydocs computed still points right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator, Mapping

import jinja2

from .. import urls, views
from ..build import default_theme_dir
from ..i18n.strings import strings
from ..load.health import today as build_date
from ..model import Playbook
from ..pages.nav import journeys_by_status, navigation, ordered_pages
from ..pages.tasks import page_tasks
from ..render.jinja import make_environment
from ..render.site import CSS, JS, OutputFile, Site

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass
class FragmentSite(Site):
    """A :class:`~journeydocs.render.site.Site` that renders content blocks only, and
    remembers each page's title for MkDocs."""

    titles: dict[str, str] = field(default_factory=dict)

    def render(self, template: str, path: str, title: str, context: Mapping[str, Any], *,
               description: str = "", parent: str = "", diagrams: bool = False,
               **_options: Any) -> OutputFile:
        config = self.playbook.config

        def link(target: str) -> str:
            return urls.relative(target, path)

        page = {"path": path, "parent": parent, "title": title, "document_title": title,
                "description": description or config.description, "canonical": ""}
        html = self.env.get_template(template).render(
            t=self.t, language=config.language, site_title=config.title, config=config,
            page=page, nav=(), home_href=link(urls.INDEX), css_href=link(CSS),
            js_href=link(JS), mermaid_href="", **context)
        self.titles[path] = title
        return OutputFile(path, html.strip().encode("utf-8"))


def fragment_environment(theme_dir: Path) -> jinja2.Environment:
    """journeydocs' environment (filters, autoescape) with our ``base.html`` first."""
    env = make_environment(theme_dir)
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)), env.loader])
    return env


def make_site(playbook: Playbook, today: dt.date | None = None) -> FragmentSite:
    t = strings(playbook.config.language)
    return FragmentSite(playbook, fragment_environment(default_theme_dir()), t,
                        today or build_date(), *navigation(playbook, t))


def render_fragments(site: FragmentSite) -> list[OutputFile]:
    """Home, journeys with their touchpoints, personas, free pages and the views
    (content inventory and the rest), as ``OutputFile``s; views' exports included."""
    return list(_fragments(site))


def _fragments(site: FragmentSite) -> Iterator[OutputFile]:
    for key, task in page_tasks(site):
        if key.startswith(FRAGMENT_TASKS):
            yield from task()


FRAGMENT_TASKS = ("home", "journey:", "persona:", "page:", "views", "media")
"""The tasks of the site's page list (:func:`~journeydocs.pages.tasks.page_tasks`) that
MkDocs shows (with the pictures they show); 404, the export files, search index and share pages are MkDocs' own
business or not needed."""


# -- navigation ------------------------------------------------------------------

@dataclass
class NavEntry:
    """A page (``path`` set) or a section (``children``) of the MkDocs navigation."""

    title: str
    path: str = ""
    """journeydocs site path of the page, e.g. ``journeys/gift.html``."""
    children: list["NavEntry"] = field(default_factory=list)


def nav_plan(site: FragmentSite, title: str) -> NavEntry:
    """One section titled ``title``: overview, journeys (each with its touchpoints),
    personas, views (the content inventory among them) and free pages."""
    playbook, t = site.playbook, site.t
    section = NavEntry(title, children=[NavEntry(t["home"], urls.INDEX)])
    journeys = [j for _status, members in journeys_by_status(playbook) for j in members]
    if journeys:
        section.children.append(NavEntry(t["journeys"], children=[
            NavEntry(j.title, children=[NavEntry(j.title, urls.journey(j.id))] + [
                NavEntry(tp.name, urls.touchpoint(j.id, tp.id)) for tp in j.touchpoints])
            for j in journeys]))
    if playbook.personas:
        personas = sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id))
        section.children.append(NavEntry(t["personas"], children=[
            NavEntry(p.name, urls.persona(p.id)) for p in personas]))
    view_links = [link for link in views.nav_links(playbook, t) if link.path in site.titles]
    if view_links:
        section.children.append(NavEntry(t["views"], children=[
            NavEntry(link.text, link.path) for link in view_links]))
    if playbook.pages:
        section.children.append(NavEntry(t["pages"], children=[
            NavEntry(p.title, urls.page(p.id)) for p in ordered_pages(playbook)]))
    return section


# -- table of contents -------------------------------------------------------------

class _Headings(HTMLParser):
    """Collects ``<h2 id>`` and ``<h3 id>`` of a fragment with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        heading_id = dict(attrs).get("id")
        if tag in ("h2", "h3") and heading_id:
            self._open = {"level": int(tag[1]), "id": heading_id, "name": "", "children": []}
        elif self._open is not None and tag == "span" and ("aria-hidden", "true") in attrs:
            self._open["skip"] = True  # stage numbers and icons are decoration

    def handle_endtag(self, tag: str) -> None:
        if self._open is None:
            return
        if tag == "span":
            self._open.pop("skip", None)
        elif tag in ("h2", "h3"):
            self._open["name"] = " ".join(self._open["name"].split())
            self.found.append(self._open)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None and not self._open.get("skip"):
            self._open["name"] += data


def toc_tokens(html: str) -> list[dict]:
    """The fragment's headings as MkDocs ``toc_tokens`` (h3 nested under its h2)."""
    parser = _Headings()
    parser.feed(html)
    tokens: list[dict] = []
    for heading in parser.found:
        heading.pop("skip", None)
        if heading["level"] == 3 and tokens:
            tokens[-1]["children"].append(heading)
        else:
            tokens.append(heading)
    return tokens


def asset_files() -> Iterator[tuple[str, Path]]:
    """(path below the section folder, file) of every asset the pages may use."""
    theme_assets = default_theme_dir() / "assets"
    for path in sorted(theme_assets.rglob("*")):
        if path.is_file():
            yield f"{urls.ASSETS}/{path.relative_to(theme_assets).as_posix()}", path
    for path in sorted(ASSETS.iterdir()):
        if path.is_file():
            yield f"{urls.ASSETS}/{path.name}", path

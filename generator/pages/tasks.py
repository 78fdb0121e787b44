"""The one list of a site's pages: :func:`page_tasks`, used by the build, serve's
rebuilds, the MkDocs plugin and the single-file export alike.

:func:`render_site` is pure: it returns every page as an
:class:`~journeydocs.render.site.OutputFile` and writes nothing (the write stage copies
``theme/assets`` and writes the files). It reads as a checklist: build the template
environment and the shared navigation once (:func:`make_site`), then turn each model
object into a plain context (one module per page kind) and fill the one template its
page type uses.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import jinja2

from .. import markdown, views
from ..i18n.strings import strings
from ..load.health import today as build_date  # one build date: health findings are kept by it
from ..model import Playbook
from ..render.jinja import make_environment
from ..render.site import OutputFile, Site
from ..share.history import pages as share_pages
from . import journey, media, meta, nav, persona, search
from .dependencies import BODY_TASKS  # noqa: F401 - the page list's body-showing tasks


def render_site(playbook: Playbook, theme_dir: Path, *,
                today: dt.date | None = None) -> list[OutputFile]:
    """Every page of the site, rendered; ``today`` decides which content is stale."""
    return list(iter_pages(make_site(playbook, theme_dir, today=today)))


def make_site(playbook: Playbook, theme_dir: Path, *, today: dt.date | None = None,
              env: jinja2.Environment | None = None) -> Site:
    """What every page shares, built once: environment (``env``, if one was made for
    ``theme_dir`` already), strings, navigation."""
    t = strings(playbook.config.language)
    markdown.use_site_options(html=playbook.config.markdown_html, internal_label=t["internal"])
    sidebar, hidden = nav.navigation(playbook, t)
    return Site(playbook, env or make_environment(theme_dir), t, today or build_date(), sidebar,
                hidden, nav.views_bar(playbook, t))


def iter_pages(site: Site) -> Iterator[OutputFile]:
    """Every page of ``site`` in site order, rendered one at a time (for streaming writes)."""
    for _, task in page_tasks(site):
        yield from task()


Task = Callable[[], Iterable[OutputFile]]
"""Some pages of the site, rendered when called; tasks are independent of each other."""


def page_tasks(site: Site) -> list[tuple[str, Task]]:
    """The site's pages as (key, task) pairs in site order: add new pages here.

    A parallel build hands tasks out to its workers one at a time, so a task should be
    a page or a few related ones, never depend on another having run, and render the
    same bytes in any process. The key tells serve which edits affect the task
    (see :mod:`journeydocs.incremental`): ``journey:ID``, ``persona:ID``, ``page:ID``
    and ``404`` are re-rendered only when their object (or the sidebar) changes; any
    other key is treated as site-wide and re-rendered after every edit.
    """
    playbook = site.playbook
    tasks: list[tuple[str, Task]] = [("home", lambda: [nav.home_page(site)]),
                                     ("404", lambda: [nav.not_found_page(site)])]
    for kind, objects in (("journey", playbook.journeys), ("persona", playbook.personas),
                          ("page", playbook.pages)):
        for object_id in sorted(objects):
            key = f"{kind}:{object_id}"
            tasks.append((key, object_task(site, key)))
    for group in views.GROUPS:
        tasks.append((f"views-{group}", partial(views.pages, site, group)))
    tasks.append(("exports", lambda: views.export_files(site)))
    tasks.append(("site-files", lambda: site_files(site)))
    tasks.append(("media", lambda: media.media_files(site)))
    tasks.append(("share", lambda: share_pages(site)))
    return tasks


def object_task(site: Site, key: str) -> Task:
    """The task of one object's pages: ``journey:ID`` (its page, then its touchpoints'),
    ``persona:ID`` or ``page:ID``."""
    kind, _, object_id = key.partition(":")
    playbook = site.playbook
    if kind == "journey":
        return partial(_journey_pages, site, playbook.journeys[object_id])
    if kind == "persona":
        return partial(_one_page, persona.persona_page, site, playbook.personas[object_id])
    return partial(_one_page, nav.free_page, site, playbook.pages[object_id])


def site_files(site: Site) -> Iterator[OutputFile]:
    """The files beside the pages: search index, robots.txt, sitemap.xml."""
    yield from search.pages(site)
    yield from meta.pages(site)


def _one_page(render_page: Callable[[Site, Any], OutputFile], site: Site,
              thing: Any) -> list[OutputFile]:
    return [render_page(site, thing)]


def _journey_pages(site: Site, one: Any) -> Iterator[OutputFile]:
    yield journey.journey_page(site, one)
    for index in range(len(one.touchpoints)):
        yield journey.touchpoint_page(site, one, index)

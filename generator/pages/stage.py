"""The render stage as a build runs it: every page of the site into the staging folder.

The speed machinery lives here, inside the stage it speeds up: the build cache
(:mod:`journeydocs.pages.cache`) copies the pages of unchanged tasks, the rest are
rendered over every core when the playbook is large
(:mod:`journeydocs.render.parallel`), and files the site being replaced holds
unchanged are hard-linked from it (:class:`~journeydocs.write.StagingWriter`).
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Any, Callable

from .. import urls
from ..diagrams.page import journey_diagrams
from ..diagrams.svg import Collector, default_renderer, prerender
from ..model import Playbook
from ..render.jinja import make_environment
from ..render.parallel import Progress, compile_templates, estimate_pages, render_tasks
from ..workers import jobs_from_env, usable_cores
from ..write import StagingWriter
from .cache import build_fingerprint
from .tasks import make_site, page_tasks

RENDER_STAGE = ("render.site", "pages.stage", "pages.tasks", "pages.journey", "pages.nav",
                "pages.persona", "pages.cache", "pages.search", "pages.meta", "views.indexes", "views.inventory", "views.channels",
                "views.teams", "views.opportunities", "views.compare", "views.exports",
                "i18n.views", "diagrams.page", "i18n.diagrams", "share.evidence",
                "i18n.share", "pages.journey_v2", "i18n.v2", "theme")
"""The modules (below ``journeydocs``) a build needs only once the playbook is read:
those that render a site, with what they import. A test checks the list is complete."""


def import_render_stage() -> None:
    """Import :data:`RENDER_STAGE`."""
    for name in RENDER_STAGE:
        importlib.import_module(f"journeydocs.{name}")


def ready_environment(theme_dir: Path) -> Any:
    """The render stage imported and the theme's templates loaded, in an environment
    for :func:`render_into`: a build does this while a helper reads content files
    (~0.1 s of imports and ~15 ms of templates, off the path to the first page)."""
    import_render_stage()
    return compile_templates(make_environment(theme_dir))


def render_into(staging: Path, playbook: Playbook, theme_dir: Path, *, jobs: int = 1,
                progress: Progress | None = None, cache: Any = None, env: Any = None,
                previous: Path | None = None) -> tuple[int, int]:
    """Render every page into ``staging``; return (files written, HTML pages).

    Files ``previous`` (the site being replaced) holds unchanged are linked from it.

    With a :class:`~journeydocs.pages.cache.BuildCache`, the files of tasks the cache
    finds unchanged are copied from it instead, and the cache is refilled afterwards.
    ``env`` is the theme's environment if one is ready (:func:`ready_environment`);
    """
    site = make_site(playbook, theme_dir, env=env)
    expected = estimate_pages(playbook)
    every = page_tasks(site)
    todo = list(range(len(every)))
    files = pages = 0
    made: dict[int, list[str]] = {}
    reused: dict[str, list[tuple[str, str]]] = {}
    if cache is not None:
        fingerprint = build_fingerprint(site, theme_dir)
        reused = cache.reusable(site, [key for key, _ in every], fingerprint)
        writer = StagingWriter(staging, previous)
        for index, (key, _) in enumerate(every):
            if key in reused:
                made[index] = cache.copy_into(writer, reused[key])
                pages += sum(1 for path in made[index] if path.endswith(".html"))
        files = writer.count
        todo = [index for index in todo if index not in made]
    prerender_diagrams(playbook, site.t)
    done = render_tasks(site, every, todo, staging, jobs=jobs, expected=expected,
                        before=pages, progress=progress,
                        writer=functools.partial(StagingWriter, previous=previous))
    made.update(done[2])
    if cache is not None:
        cache.save(site, fingerprint, staging,
                   {every[index][0]: paths for index, paths in sorted(made.items())}, reused)
    return files + done[0], pages + done[1]


def prerender_diagrams(playbook: Playbook, t: Any) -> int:
    """With ``diagrams: svg``, render every diagram the pages will show that the SVG cache
    lacks, over every core, before the pages (which then read them from the cache)."""
    if getattr(playbook.config, "diagrams", "client") != "svg":
        return 0
    renderer = default_renderer()
    if renderer is None:
        return 0  # the check stage warned (diagrams-svg-unavailable)
    collector = Collector(renderer)
    for journey in playbook.journeys.values():
        journey_diagrams(journey, playbook, urls.journey(journey.id), collector, t)
    return prerender(renderer, collector.wanted, jobs_from_env() or usable_cores())

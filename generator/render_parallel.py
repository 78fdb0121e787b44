"""Render a site's pages straight into the staging folder, over several processes
when the playbook is large enough to gain from it.

Pages are written as they are rendered, so memory stays flat however large the
site. In parallel, forked workers take the render stage's page tasks (a journey with
its touchpoints, a persona, the cross-journey views, …) one at a time and write
what they render; every page is made by exactly the code a serial build runs, so
the bytes cannot differ.
"""

from __future__ import annotations

import functools
import gc
import importlib
import multiprocessing
import os
from pathlib import Path
from typing import Any, Callable

from .model import Playbook
from .write import StagingWriter

PARALLEL_FROM_PAGES = 300
"""Below this, starting the workers costs more than it saves."""
JOBS_ENV = "JOURNEYDOCS_JOBS"
"""Set to a number to choose the worker count (1: serial), e.g. to compare outputs."""

Progress = Callable[[int, int], None]
"""Called with (pages done, pages expected)."""

RENDER_STAGE = ("render", "render_journey", "render_nav", "render_persona", "build_cache",
                "search", "site_meta", "views.indexes", "views.inventory", "views.channels",
                "views.teams", "views.opportunities", "views.compare", "views.exports",
                "views.strings", "diagrams.page", "diagrams.strings", "share.evidence",
                "share.strings", "theme", "render_v2", "strings_v2")
"""The modules (below ``journeydocs``) a build needs only once the playbook is read:
those that render a site, with what they import. A test checks the list is complete."""


def import_render_stage() -> None:
    """Import :data:`RENDER_STAGE`."""
    for name in RENDER_STAGE:
        importlib.import_module(f"{__package__}.{name}")


def ready_environment(theme_dir: Path) -> Any:
    """The render stage imported and the theme's templates loaded, in an environment
    for :func:`render_into`: a build does this while a helper reads content files
    (~0.1 s of imports and ~15 ms of templates, off the path to the first page)."""
    import_render_stage()
    from .render_jinja import make_environment

    return _compiled(make_environment(theme_dir))


def _compiled(env: Any) -> Any:
    """``env`` with every page template loaded (compiled, or read from Jinja's cache)."""
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    return env


def estimate_pages(playbook: Playbook) -> int:
    """About how many pages the site has (for choosing workers and the progress bar)."""
    touchpoints = sum(len(j.touchpoints) for j in playbook.journeys.values())
    return 2 + len(playbook.journeys) + touchpoints + len(playbook.personas) + len(playbook.pages)


def choose_jobs(playbook: Playbook) -> int:
    """Workers for this playbook: every core for a large one, else 1."""
    wanted = jobs_from_env()
    if wanted is not None:
        return wanted
    if estimate_pages(playbook) < PARALLEL_FROM_PAGES:
        return 1
    return usable_cores()


def jobs_from_env() -> int | None:
    """The worker count ``JOURNEYDOCS_JOBS`` asks for, if it names one."""
    wanted = os.environ.get(JOBS_ENV, "").strip()
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else None


def usable_cores() -> int:
    """Cores this process may run on; 1 where workers cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - workers inherit the loaded playbook by forking
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def render_into(staging: Path, playbook: Playbook, theme_dir: Path, *, jobs: int = 1,
                progress: Progress | None = None, cache: Any = None, env: Any = None,
                meanwhile: Callable[[], Any] | None = None,
                previous: Path | None = None) -> tuple[int, int]:
    """Render every page into ``staging``; return (files written, HTML pages).

    Files ``previous`` (the site being replaced) holds unchanged are linked from it.

    With a :class:`~journeydocs.build_cache.BuildCache`, the files of tasks the cache
    finds unchanged are copied from it instead, and the cache is refilled afterwards.
    ``env`` is the theme's environment if one is ready (:func:`ready_environment`);
    ``meanwhile`` runs while the workers render (or first, without workers).
    """
    from . import render_journey, render_nav, render_persona
    from .render import make_site, page_tasks

    site = make_site(playbook, theme_dir, env=env)
    expected = estimate_pages(playbook)
    every = page_tasks(site, render_nav, render_journey, render_persona)
    todo = list(range(len(every)))
    files = pages = 0
    made: dict[int, list[str]] = {}
    reused: dict[str, list[tuple[str, str]]] = {}
    if cache is not None:
        from .build_cache import build_fingerprint

        fingerprint = build_fingerprint(site, theme_dir)
        reused = cache.reusable(site, [key for key, _ in every], fingerprint)
        writer = StagingWriter(staging, previous)
        for index, (key, _) in enumerate(every):
            if key in reused:
                made[index] = cache.copy_into(writer, reused[key])
                pages += sum(1 for path in made[index] if path.endswith(".html"))
        files = writer.count
        todo = [index for index in todo if index not in made]
    done = render_tasks(site, every, todo, staging, jobs=jobs, expected=expected,
                        before=pages, progress=progress, meanwhile=meanwhile,
                        writer=functools.partial(StagingWriter, previous=previous))
    made.update(done[2])
    if cache is not None:
        cache.save(site, fingerprint, staging,
                   {every[index][0]: paths for index, paths in sorted(made.items())}, reused)
    return files + done[0], pages + done[1]


def render_tasks(site: Any, every: list, todo: list[int], root: Path, *, jobs: int,
                 expected: int = 0, before: int = 0, progress: Progress | None = None,
                 writer: Callable[[Path], Any] = StagingWriter,
                 meanwhile: Callable[[], Any] | None = None
                 ) -> tuple[int, int, dict[int, list[str]]]:
    """Render the tasks ``todo`` (indices into ``every``, the site's page tasks) into
    ``root`` in ``jobs`` processes: (files ``writer`` wrote, HTML pages, each task's
    files). ``writer(root).write(path, data)`` writes one file (serve passes one that
    replaces only changed files, atomically). ``meanwhile`` runs while the workers
    render (this process only waits for them), or first when there are none."""
    # the loaded playbook is never garbage: don't scan (or copy) it again. No
    # gc.collect() first: it walks the whole playbook (~35 ms at 100 journeys) to free
    # what little garbage reading left, which unfreeze() hands back to the collector
    gc.freeze()
    try:
        if jobs <= 1:
            if meanwhile is not None:
                meanwhile()
            return _render_part(every, root, todo,
                                lambda n: progress and progress(before + n, expected), writer)
        return _parallel(site, every, todo, root, jobs, expected, before, progress, writer,
                         meanwhile)
    finally:
        gc.unfreeze()


def _render_part(every: list, staging: Path, tasks: list[int], tick: Callable[[int], object],
                 make_writer: Callable[[Path], Any] = StagingWriter
                 ) -> tuple[int, int, dict[int, list[str]]]:
    """Render ``tasks`` (indices into ``every``): files, HTML pages, each task's files."""
    writer = make_writer(staging)
    pages = 0
    made: dict[int, list[str]] = {}
    for index in tasks:
        paths = made[index] = []
        for item in every[index][1]():
            writer.write(item.path, item.data)
            paths.append(item.path)
            if item.path.endswith(".html"):
                pages += 1
                if pages % 16 == 0:
                    tick(pages)
    tick(pages)
    return writer.count, pages, made


_JOB: dict = {}
"""What the forked workers inherit: set just before the pool starts."""


def _work(index: int) -> tuple[int, int, dict[int, list[str]]]:
    job = _JOB
    counter = job["counter"]
    reported = [0]

    def tick(pages: int) -> None:
        with counter.get_lock():
            counter.value += pages - reported[0]
        reported[0] = pages

    return _render_part(job["tasks"], job["staging"], [index], tick, job["writer"])


def _parallel(site, every: list, todo: list[int], staging: Path, jobs: int, expected: int,
              before: int, progress: Progress | None, writer: Callable[[Path], Any],
              meanwhile: Callable[[], Any] | None) -> tuple[int, int, dict[int, list[str]]]:
    _compiled(site.env)  # here, once, and inherited by every worker
    # the first journey's pages are rendered here: the modules, the sidebar splicing and
    # the template caches they warm up are then inherited instead of redone per worker
    first = next((i for i in todo if every[i][0].startswith("journey:")), todo[0] if todo else None)
    if first is None:
        if meanwhile is not None:
            meanwhile()
        return 0, 0, {}
    files, pages, made = _render_part(every, staging, [first], lambda done: None, writer)
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", before + pages)
    _JOB.update(tasks=every, staging=staging, counter=counter, writer=writer)
    # the site-wide tasks come last in site order and take longest: hand them out first,
    # then the rest, four at a time (a journey takes ~10 ms: handing them out one by one
    # left each worker waiting ~6% of the time at 100 journeys, four by four ~3%), to
    # whichever worker is free
    order = [i for i in reversed(todo) if i != first]
    try:
        gc.freeze()  # what the warm-up made stays shared with the workers
        with context.Pool(jobs) as pool:
            results = pool.imap_unordered(_work, order, chunksize=4)
            if meanwhile is not None:
                meanwhile()
            for done_files, done_pages, done_made in results:
                files += done_files
                pages += done_pages
                made.update(done_made)
                if progress:
                    progress(counter.value, expected)
    finally:
        _JOB.clear()
    return files, pages, made

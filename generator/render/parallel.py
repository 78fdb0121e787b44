"""Render a site's pages straight into the staging folder, over several processes
when the playbook is large enough to gain from it.

Pages are written as they are rendered, so memory stays flat however large the
site. In parallel, forked workers take the render stage's page tasks (a journey with
its touchpoints, a persona, the cross-journey views, …) one at a time and write
what they render; every page is made by exactly the code a serial build runs, so
the bytes cannot differ.
"""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path
from typing import Any, Callable

from ..model import Playbook
from ..workers import SPARE_TIME, jobs_from_env, usable_cores
from ..write import StagingWriter

PARALLEL_FROM_PAGES = 300
"""Below this, starting the workers costs more than it saves."""

Progress = Callable[[int, int], None]
"""Called with (pages done, pages expected)."""

def compile_templates(env: Any) -> Any:
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


def render_tasks(site: Any, every: list, todo: list[int], root: Path, *, jobs: int,
                 expected: int = 0, before: int = 0, progress: Progress | None = None,
                 writer: Callable[[Path], Any] = StagingWriter
                 ) -> tuple[int, int, dict[int, list[str]]]:
    """Render the tasks ``todo`` (indices into ``every``, the site's page tasks) into
    ``root`` in ``jobs`` processes: (files ``writer`` wrote, HTML pages, each task's
    files). ``writer(root).write(path, data)`` writes one file (serve passes one that
    replaces only changed files, atomically). While the workers render, this process
    does what was offered to its spare time (:data:`~journeydocs.workers.SPARE_TIME`)."""
    # the loaded playbook is never garbage: don't scan (or copy) it again. No
    # gc.collect() first: it walks the whole playbook (~35 ms at 100 journeys) to free
    # what little garbage reading left, which unfreeze() hands back to the collector
    gc.freeze()
    try:
        if jobs <= 1:
            return _render_part(every, root, todo,
                                lambda n: progress and progress(before + n, expected), writer)
        return _parallel(site, every, todo, root, jobs, expected, before, progress, writer)
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
              before: int, progress: Progress | None, writer: Callable[[Path], Any]
              ) -> tuple[int, int, dict[int, list[str]]]:
    compile_templates(site.env)  # here, once, and inherited by every worker
    # the first journey's pages are rendered here: the modules, the sidebar splicing and
    # the template caches they warm up are then inherited instead of redone per worker
    first = next((i for i in todo if every[i][0].startswith("journey:")), todo[0] if todo else None)
    if first is None:
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
            SPARE_TIME.use()
            for done_files, done_pages, done_made in results:
                files += done_files
                pages += done_pages
                made.update(done_made)
                if progress:
                    progress(counter.value, expected)
    finally:
        _JOB.clear()
    return files, pages, made

"""Rebuild only what an edit affects, for ``journeydocs serve``.

The playbook is reloaded on every edit (reading and checking is cheap next to
rendering), then compared with the last good one object by object; the dependency
map (:mod:`journeydocs.pages.dependencies`) turns the changed objects into the keys of the
render stage's page tasks to render again.

A save that cannot matter to any other file (the usual edit of a storyline or a
touchpoint) skips that reload: its objects are checked on their own against the
last good playbook and their pages written first, from the last site's templates
and sidebar (:mod:`journeydocs.incremental.first`); at 1,000 journeys the edited
page is on disk ~30 ms after the watcher reports the save. In serve the site-wide
tasks then run in a child process (:mod:`journeydocs.incremental.background`).

Rendered bytes are compared with what is on disk; only files that differ are
written (each atomically) and files no task makes any more are removed, so the
served folder always equals a clean build of the current playbook.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..build import default_theme_dir, prepare
from ..errors import ContentErrors, Problem
from ..model import Playbook
from ..pages.dependencies import SITE_WIDE, affected_tasks, differ
from ..pages.tasks import make_site, object_task, page_tasks
from ..render.parallel import choose_jobs, render_tasks
from ..share.history import read_history
from ..write import MARKER, MARKER_TEXT, ChangedWriter, copy_assets, safe_target, write_changed
from .background import SiteWideJob
from .first import edited_keys, edited_playbook, same_site
from .memo import DocumentCache, EarlyHistory, ValidationMemo

Early = Callable[[list], None]
"""Told the files each edited object's task changed, as soon as they are on disk."""


@dataclass
class Rebuild:
    """What one rebuild did."""

    rendered: int = 0
    """Files rendered again."""
    written: list[str] = field(default_factory=list)
    """Files whose bytes changed (written to disk)."""
    written_elsewhere: int = 0
    """Files whose bytes changed, written by worker processes (not in ``written``)."""
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    first_seconds: float = 0.0
    """When the first of the edited objects' own pages were on disk (0: none changed)."""
    full: bool = False
    background: bool = False
    """The site-wide pages are being rendered by a child process (see
    :meth:`IncrementalSite.finish_background`)."""
    interrupted: bool = False
    """A newer save stopped the child rendering the site-wide pages: the rest are
    rendered by the rebuild of that save."""
    shortcut: bool = False
    """The edited objects' pages were written before the full reload
    (:mod:`journeydocs.incremental.first`)."""
    problems: list[Problem] = field(default_factory=list)
    """Errors that stopped the rebuild (the previous site stays served)."""

    def take(self, other: Rebuild) -> None:
        """Count what ``other`` (a child's share of the work) wrote, removed and rendered
        as this rebuild's."""
        self.written.extend(path for path in other.written if path not in self.written)
        self.removed.extend(other.removed)
        self.rendered += other.rendered

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class IncrementalSite:
    """A built site kept in step with its project, one edit at a time."""

    def __init__(self, project: Path, output: Path, theme_dir: Path | None = None,
                 audience: str = "internal"):
        self.project = project
        self.output = output
        self.theme_dir = theme_dir or default_theme_dir()
        self.audience = audience
        self.playbook: Playbook | None = None
        self.task_files: dict[str, list[str]] = {}
        """Task key → the files it made last time."""
        self.digests: dict[str, bytes | None] = {}
        """File → digest of the bytes on disk (None: written by a worker, not known)."""
        self._nav: tuple = ()
        self._unfinished: set[str] = set()
        """Tasks whose files may be incomplete (a child's, stopped or still at work):
        the next rebuild renders them."""
        self._last_ok = False
        """The last rebuild loaded the playbook without errors (and rendered it)."""
        self._jobs: list = []
        """Children rendering site-wide pages, oldest first (older ones stopping)."""
        self.documents = DocumentCache()
        self.validated = ValidationMemo()
        self._site = None
        """The site of the last render (its environment and sidebar serve the next
        edit's first pages)."""

    def rebuild(self, theme_changed: bool = False, early: Early | None = None,
                modified: Iterable[Path] | None = None, background: bool = False) -> Rebuild:
        """Bring the output folder up to date with the project.

        ``modified``: the watcher saw only these content files change (none added or
        removed), so the others need not be looked at. ``early`` is called with the
        files each edited object's task changed as soon as they are on disk, before
        the site-wide pages (home, views, search index) that every edit renders
        again; serve reloads the tabs showing them.

        ``background``: the site-wide pages (seconds of work at 1,000 journeys) are
        rendered by a forked child (:mod:`journeydocs.incremental.background`) and this
        returns once the edited objects' pages are written; :meth:`finish_background`
        takes over the child's files. A rebuild started while a child is still at work
        stops it after its current file and renders what it left.
        """
        started = time.perf_counter()
        result = Rebuild()
        for job in self._jobs:
            job.stop()  # a newer save: each stops after its current file
        last_ok, self._last_ok = self._last_ok, False
        if modified is not None:
            first = None
            if last_ok and not theme_changed:  # the files not saved are as last loaded
                first = self._edited_first([Path(p) for p in modified], early, result, started)
            if first is not None:  # that playbook is what a full reload would give
                playbook, site, rendered = first
                playbook.history = read_history(self.project, playbook)
                if differ(self.playbook.history, playbook.history):
                    site, rendered = None, None  # a new commit: the sidebar may differ too
                self.validated.keep_all()
                self._render(playbook, theme_changed, result, early, started, background,
                             site, rendered)
                return self._done(result, started)
            self.documents.only_modified(modified)
        history = EarlyHistory(self.project, self.playbook)
        try:
            playbook, problems = prepare(self.project, self.audience, self.documents.read,
                                         validate=self.validated.validate, health=False,
                                         history=history.read)
        except ContentErrors as exc:
            result.problems = [p for p in exc.problems if p.severity.value == "error"]
            return self._done(result, started)
        finally:
            history.cancel()
            self.validated.forget_unused()
        if playbook is None:
            result.problems = problems.errors
            return self._done(result, started)
        self._render(playbook, theme_changed, result, early, started, background)
        return self._done(result, started)

    def _done(self, result: Rebuild, started: float) -> Rebuild:
        result.seconds = time.perf_counter() - started
        return result

    def _render(self, playbook: Playbook, theme_changed: bool, result: Rebuild,
                early: Early | None, started: float, background: bool,
                site=None, rendered: dict[str, list[str]] | None = None) -> None:
        """Render what changed; ``site`` and ``rendered``: the shortcut's site for this
        playbook and the tasks it already rendered with it (their files, not rendered
        again)."""
        if site is None and self._site is not None and not theme_changed:
            site = same_site(self._site, playbook)
        if site is None:
            site, rendered = make_site(playbook, self.theme_dir), None
        tasks = page_tasks(site)
        keys = [key for key, _ in tasks]
        if self.playbook is None or theme_changed:
            wanted = {SITE_WIDE}
        else:
            wanted = affected_tasks(self.playbook, playbook, list(self.task_files), keys,
                                    site.nav_targets != self._nav)
        result.full = SITE_WIDE in wanted
        wanted |= self._unfinished
        if result.full:  # the children write site-wide pages too: they end first
            self._take_over_children(result, stop=True)
            self._prepare_output()
        made: dict[str, list[str]] = {}
        own = [pair for pair in tasks if ":" in pair[0]]
        site_wide = [pair for pair in tasks if ":" not in pair[0]]
        jobs = choose_jobs(playbook) if result.full else 1
        if jobs > 1:
            made = self._render_all_in_parallel(site, tasks, jobs, result)
            own, site_wide = [], []
        for phase in (own, site_wide):
            if phase is site_wide:
                if background and not result.full:
                    self._start_background(site_wide, wanted, made, result)
                    break
                self._take_over_children(result)
            for key, task in phase:
                if not (result.full or key in wanted):
                    made[key] = self.task_files.get(key, [])
                    continue
                if rendered is not None and key in rendered and not result.full:
                    made[key] = rendered[key]
                    continue
                told = len(result.written)
                made[key] = self._run(task, result)
                self._unfinished.discard(key)
                if phase is own and len(result.written) > told:
                    result.first_seconds = result.first_seconds or time.perf_counter() - started
                    if early is not None and not result.full:
                        early(result.written[told:])
        self.playbook, self.task_files, self._nav = playbook, made, site.nav_targets
        self._site, self._last_ok = site, True
        self._remove_stale(result)

    def _remove_stale(self, result: Rebuild) -> None:
        """Remove the files no task makes any more."""
        still = {path for paths in self.task_files.values() for path in paths}
        for path in sorted(set(self.digests) - still):
            self.digests.pop(path, None)
            try:
                safe_target(self.output, path).unlink()
                result.removed.append(path)
            except OSError:
                pass

    # ------------------------------------------------------------ site-wide pages in a child

    def _start_background(self, site_wide: list, wanted: set[str], made: dict[str, list[str]],
                          result: Rebuild) -> None:
        tasks = [(key, task) for key, task in site_wide if key in wanted]
        for key, _ in site_wide:
            made[key] = self.task_files.get(key, [])  # until the child's files are taken over
        if tasks:
            self._unfinished.update(key for key, _ in tasks)
            older = self._jobs[-1] if self._jobs else None
            self._jobs.append(SiteWideJob(self.output, tasks, _digest, after=older))
            result.background = True

    def background_running(self) -> bool:
        """A child is still rendering the last rebuild's site-wide pages (the newest
        child writes only once the older ones have ended)."""
        return bool(self._jobs) and self._jobs[-1].running()

    def finish_background(self, stop: bool = False, remove_stale: bool = True) -> Rebuild | None:
        """Wait for the children (asked to ``stop`` after their current file) and take
        over the files they wrote, oldest first; what they did (None: there was none)."""
        jobs, self._jobs = self._jobs, []
        if not jobs:
            return None
        for job in jobs if stop else ():
            job.stop()
        result = Rebuild()
        for job in jobs:
            report = job.wait()
            self._take_report(report, result)
            result.seconds, result.interrupted = report.seconds, bool(report.partial)
        if remove_stale:
            self._remove_stale(result)
        return result

    def _take_report(self, report, result: Rebuild) -> None:
        for key, files in report.done.items():
            self.task_files[key] = [path for path, _, _ in files]
            for path, digest, written in files:
                self.digests[path] = digest
                if written and path not in result.written:
                    result.written.append(path)
            result.rendered += len(files)
            self._unfinished.discard(key)
        for key, paths in report.partial.items():  # its old files stay until it is rendered
            self.task_files[key] = sorted({*self.task_files.get(key, []), *paths})
            for path in paths:
                self.digests[path] = None  # maybe replaced: the next write compares
        if report.error:
            result.problems.append(Problem("(build)", 0, report.error,
                                           "the last good pages stay served"))

    def _take_over_children(self, result: Rebuild, stop: bool = False) -> None:
        """Wait for the older children and count their files as this rebuild's (their
        errors are not: this rebuild renders their tasks again)."""
        children = self.finish_background(stop=stop, remove_stale=False)
        if children is not None:
            result.take(children)

    def kill_background(self) -> None:
        """End the children at once (serve is stopping; its folder is removed anyway)."""
        jobs, self._jobs = self._jobs, []
        for job in jobs:
            job.kill()

    def _edited_first(self, modified: list[Path], early: Early | None, result: Rebuild,
                      started: float) -> tuple[Playbook, object, dict[str, list[str]]] | None:
        """Write the pages of the edited objects (and of those that show them) first,
        when :mod:`journeydocs.incremental.first` finds the edit cannot affect other
        files; each is told to ``early`` as soon as it is on disk. Returns the playbook
        after the edit, its site and the files of each task rendered (None: no
        shortcut)."""
        playbook = edited_playbook(self.playbook, self.project, modified, self.documents,
                                   self.validated)
        site = same_site(self._site, playbook) if playbook is not None else None
        if site is None:
            return None
        result.shortcut = True
        keys = list(self.task_files)
        wanted = affected_tasks(self.playbook, playbook, keys, keys, nav_changed=False)
        edited = edited_keys(self.playbook, playbook)
        first = sorted((key for key in keys if ":" in key and key in wanted),
                       key=lambda key: key not in edited)

        def told(paths: list[str]) -> None:
            result.first_seconds = result.first_seconds or time.perf_counter() - started
            if early is not None:
                early(paths)

        rendered = {key: self._run(object_task(site, key), result, told)
                    for key in first}
        return playbook, site, rendered

    def _render_all_in_parallel(self, site, tasks: list, jobs: int,
                                result: Rebuild) -> dict[str, list[str]]:
        """Every task, in ``jobs`` processes (the first build, a theme or sidebar change:
        ~20 s instead of ~35 s at 1,000 journeys); each task's files."""
        changed, _, by_index = render_tasks(site, tasks, list(range(len(tasks))), self.output,
                                            jobs=jobs, writer=ChangedWriter)
        made = {tasks[index][0]: paths for index, paths in by_index.items()}
        for paths in made.values():
            result.rendered += len(paths)
            for path in paths:  # written by a worker: the next write compares with the disk
                self.digests[path] = None
        result.written_elsewhere = changed
        return made

    def _run(self, task, result: Rebuild, told: Early | None = None) -> list[str]:
        """Render one task, writing the files whose bytes changed (each told to ``told``
        once on disk); its file paths."""
        paths = []
        for item in task():
            paths.append(item.path)
            result.rendered += 1
            digest = _digest(item.data)
            if self.digests.get(item.path) != digest or not self._exists(item.path):
                if write_changed(self.output, item.path, item.data):
                    result.written.append(item.path)
                    if told is not None:
                        told([item.path])
                self.digests[item.path] = digest
        return paths

    def _exists(self, path: str) -> bool:
        return safe_target(self.output, path).exists()

    def _prepare_output(self) -> None:
        self.output.mkdir(parents=True, exist_ok=True)
        marker = self.output / MARKER
        if not marker.exists():
            marker.write_text(MARKER_TEXT, encoding="utf-8")
        copy_assets(self.output, self.theme_dir / "assets")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` → its digest (for comparing two builds)."""
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            found[path.relative_to(folder).as_posix()] = _digest(path.read_bytes())
    return found

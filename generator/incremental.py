"""Rebuild only what an edit affects, for ``journeydocs serve``.

The playbook is reloaded on every edit (reading and checking is cheap next to
rendering), then compared with the last good one object by object. The render
stage's page tasks (:func:`journeydocs.render.page_tasks`) carry keys; the
dependency map below turns the changed objects into the keys to render again:

- a journey: its own task (journey page and touchpoints), the journeys it improves
  or that improve it (``future_of``), and the pages of every persona it names;
- a persona: its page and every journey that names it;
- a free page: its page;
- site-wide tasks (home, cross-journey views, search index, What's new…) after any
  edit;
- everything when site.yml, the theme, the sidebar or the set of objects changes.

A save that cannot matter to any other file (the usual edit of a storyline or a
touchpoint) skips that reload: its objects are checked on their own against the
last good playbook and their pages written first, from the last site's templates
and sidebar (:mod:`journeydocs.incremental_first`); at 1,000 journeys the edited
page is on disk ~30 ms after the watcher reports the save. In serve the site-wide
tasks then run in a child process (:mod:`journeydocs.incremental_background`).

Rendered bytes are compared with what is on disk; only files that differ are
written (each atomically) and files no task makes any more are removed, so the
served folder always equals a clean build of the current playbook.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import ContentErrors, Problem
from .incremental_load import DocumentCache, EarlyHistory, ValidationMemo
from .model import Playbook
from .render import BODY_TASKS
from .share.history import read_history
from .write import MARKER, MARKER_TEXT, ChangedWriter, copy_assets, safe_target, write_changed

Early = Callable[[list], None]
"""Told the files each edited object's task changed, as soon as they are on disk."""
SITE_WIDE = "*"
"""Stands for "every task" in an affected set."""


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
    (:mod:`journeydocs.incremental_first`)."""
    problems: list[Problem] = field(default_factory=list)
    """Errors that stopped the rebuild (the previous site stays served)."""

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)


def _journey_refs(journey) -> set[str]:
    people = set(journey.personas)
    people.update(tp.persona for tp in journey.touchpoints if tp.persona)
    return people


def affected_tasks(old: Playbook, new: Playbook, old_keys: Iterable[str],
                   new_keys: Iterable[str], nav_changed: bool) -> set[str]:
    """The task keys to render again after ``old`` became ``new`` ({"*"}: all)."""
    old_keys, new_keys = sorted(old_keys), sorted(new_keys)
    if nav_changed or old_keys != new_keys or _differ(old.config, new.config) \
            or _differ(getattr(old, "history", None), getattr(new, "history", None)):
        return {SITE_WIDE}
    keys = {k for k in new_keys if ":" not in k and k != "404"}  # site-wide tasks
    journeys: set[str] = set()
    personas: set[str] = set()
    beyond_body = False
    for jid, journey in new.journeys.items():
        before = old.journeys.get(jid)
        if _differ(before, journey):
            journeys.add(jid)
            personas |= _journey_refs(journey) | (_journey_refs(before) if before else set())
            beyond_body = beyond_body or _differ_beyond_body(before, journey)
    for jid in list(journeys):
        for other in (old, new):
            target = other.journeys.get(jid)
            if target is not None and target.future_of:
                journeys.add(target.future_of)
        journeys |= {j.id for j in new.journeys.values() if j.future_of == jid}
    changed_personas = {pid for pid, p in new.personas.items()
                        if _differ(old.personas.get(pid), p)}
    personas |= changed_personas
    if changed_personas:
        journeys |= {j.id for j in new.journeys.values() if _journey_refs(j) & changed_personas}
    changed_pages = {pid for pid, p in new.pages.items() if _differ(old.pages.get(pid), p)}
    beyond_body = beyond_body or any(
        _differ_beyond_body(old.personas.get(pid), new.personas[pid]) for pid in changed_personas
    ) or any(_differ_beyond_body(old.pages.get(pid), new.pages[pid]) for pid in changed_pages)
    if not beyond_body:  # only Markdown bodies changed: most site-wide pages cannot have
        keys &= BODY_TASKS
    keys |= {f"journey:{j}" for j in journeys}
    keys |= {f"persona:{p}" for p in personas}
    keys |= {f"page:{pid}" for pid in changed_pages}
    return keys & set(new_keys)


def _differ_beyond_body(before: object, after: object) -> bool:
    """``before`` and ``after`` (a journey, persona or page) differ in more than their
    Markdown body (or one of them is missing)."""
    if before is None or after is None or type(before) is not type(after):
        return True
    return any(getattr(before, f.name) != getattr(after, f.name)
               for f in dataclasses.fields(after) if f.compare and f.name not in _BODY)


_BODY = ("body", "body_line")


def _differ(before: object, after: object) -> bool:
    # serve's loads hand back the very objects of unchanged files: no deep comparison
    return before is not after and before != after


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class IncrementalSite:
    """A built site kept in step with its project, one edit at a time."""

    def __init__(self, project: Path, output: Path, theme_dir: Path | None = None,
                 audience: str = "internal"):
        from .build import default_theme_dir

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
        rendered by a forked child (:mod:`journeydocs.incremental_background`) and this
        returns once the edited objects' pages are written; :meth:`finish_background`
        takes over the child's files. A rebuild started while a child is still at work
        stops it after its current file and renders what it left.
        """
        from .build import prepare

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
                playbook, rendered = first
                playbook.history = read_history(self.project, playbook)
                self.validated.keep_all()
                self._render(playbook, theme_changed, result, early, started, background,
                             rendered)
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
                rendered: dict[str, list[str]] | None = None) -> None:
        """Render what changed; ``rendered``: tasks the shortcut already rendered for
        this playbook (their files), skipped unless the site differs."""
        from . import render_journey, render_nav, render_persona
        from .incremental_first import same_site
        from .render import make_site, page_tasks
        from .render_parallel import choose_jobs

        site = None
        if self._site is not None and not theme_changed:
            site = same_site(self._site, playbook)
        if site is None:
            site, rendered = make_site(playbook, self.theme_dir), None
        tasks = page_tasks(site, render_nav, render_journey, render_persona)
        keys = [key for key, _ in tasks]
        if self.playbook is None or theme_changed:
            wanted = {SITE_WIDE}
        else:
            wanted = affected_tasks(self.playbook, playbook, list(self.task_files), keys,
                                    site.nav_targets != self._nav)
        result.full = SITE_WIDE in wanted
        wanted |= self._unfinished
        if result.full:  # the children write site-wide pages too: they end first
            self._take_over(self.finish_background(stop=True, remove_stale=False), result)
            self._prepare_output()
        made: dict[str, list[str]] = {}
        own = [pair for pair in tasks if ":" in pair[0]]
        site_wide = [pair for pair in tasks if ":" not in pair[0]]
        if result.full and choose_jobs(playbook) > 1:
            made = self._render_all_in_parallel(site, tasks, result)
            own, site_wide = [], []
        for phase in (own, site_wide):
            if phase is site_wide:
                if background and not result.full:
                    self._start_background(site_wide, wanted, made, result)
                    break
                self._take_over(self.finish_background(remove_stale=False), result)
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
        from .incremental_background import SiteWideJob

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

    def kill_background(self) -> None:
        """End the children at once (serve is stopping; its folder is removed anyway)."""
        jobs, self._jobs = self._jobs, []
        for job in jobs:
            job.kill()

    def _take_over(self, child: Rebuild | None, result: Rebuild) -> None:
        """Count what an older child wrote as written by this rebuild."""
        if child is not None:
            result.written.extend(path for path in child.written if path not in result.written)
            result.rendered += child.rendered

    def _edited_first(self, modified: list[Path], early: Early | None, result: Rebuild,
                      started: float) -> tuple[Playbook, dict[str, list[str]]] | None:
        """Write the pages of the edited objects (and of those that show them) first,
        when :mod:`journeydocs.incremental_first` finds the edit cannot affect other
        files; each is told to ``early`` as soon as it is on disk. Returns the playbook
        after the edit and the files of each task rendered (None: no shortcut)."""
        from . import render_journey, render_nav, render_persona
        from .incremental_first import edited_keys, edited_playbook, same_site
        from .render import object_task

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

        rendered = {key: self._run(object_task(site, key, render_nav, render_journey,
                                               render_persona), result, told)
                    for key in first}
        return playbook, rendered

    def _render_all_in_parallel(self, site, tasks: list, result: Rebuild) -> dict[str, list[str]]:
        """Every task, over every core (the first build, a theme or sidebar change: ~20 s
        instead of ~35 s at 1,000 journeys); each task's files."""
        from .render_parallel import choose_jobs, render_tasks

        changed, _, by_index = render_tasks(site, tasks, list(range(len(tasks))), self.output,
                                            jobs=choose_jobs(site.playbook), writer=ChangedWriter)
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

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

from .errors import ContentErrors, Problem
from .incremental_load import DocumentCache, EarlyHistory, ValidationMemo
from .model import Playbook
from .write import MARKER, MARKER_TEXT, copy_assets, safe_target, write_changed

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
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    first_seconds: float = 0.0
    """When the first of the edited objects' own pages were on disk (0: none changed)."""
    full: bool = False
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
    if nav_changed or old_keys != new_keys or old.config != new.config \
            or getattr(old, "history", None) != getattr(new, "history", None):
        return {SITE_WIDE}
    keys = {k for k in new_keys if ":" not in k and k != "404"}  # site-wide tasks
    journeys: set[str] = set()
    personas: set[str] = set()
    for jid, journey in new.journeys.items():
        before = old.journeys.get(jid)
        if before != journey:
            journeys.add(jid)
            personas |= _journey_refs(journey) | (_journey_refs(before) if before else set())
    for jid in list(journeys):
        for other in (old, new):
            target = other.journeys.get(jid)
            if target is not None and target.future_of:
                journeys.add(target.future_of)
        journeys |= {j.id for j in new.journeys.values() if j.future_of == jid}
    changed_personas = {pid for pid, p in new.personas.items() if old.personas.get(pid) != p}
    personas |= changed_personas
    if changed_personas:
        journeys |= {j.id for j in new.journeys.values() if _journey_refs(j) & changed_personas}
    keys |= {f"journey:{j}" for j in journeys}
    keys |= {f"persona:{p}" for p in personas}
    keys |= {f"page:{pid}" for pid, p in new.pages.items() if old.pages.get(pid) != p}
    return keys & set(new_keys)


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
        self.digests: dict[str, bytes] = {}
        """File → digest of the bytes on disk."""
        self._nav: tuple = ()
        self.warnings: list[Problem] = []
        self.documents = DocumentCache()
        self.validated = ValidationMemo()

    def rebuild(self, theme_changed: bool = False, early: Early | None = None,
                modified: Iterable[Path] | None = None) -> Rebuild:
        """Bring the output folder up to date with the project.

        ``modified``: the watcher saw only these content files change (none added or
        removed), so the others need not be looked at. ``early`` is called with the
        files each edited object's task changed as soon as they are on disk, before
        the site-wide pages (home, views, search index) that every edit renders
        again; serve reloads the tabs showing them.
        """
        from .build import prepare
        from .health import health_warnings

        started = time.perf_counter()
        result = Rebuild()
        if modified is not None:
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
        self._render(playbook, theme_changed, result, early, started)
        self.warnings = sorted(set(problems.warnings) | set(health_warnings(playbook)))
        return self._done(result, started)

    def _done(self, result: Rebuild, started: float) -> Rebuild:
        result.seconds = time.perf_counter() - started
        return result

    def _render(self, playbook: Playbook, theme_changed: bool, result: Rebuild,
                early: Early | None, started: float) -> None:
        from . import render_journey, render_nav, render_persona
        from .render import make_site, page_tasks

        site = make_site(playbook, self.theme_dir)
        tasks = page_tasks(site, render_nav, render_journey, render_persona)
        keys = [key for key, _ in tasks]
        if self.playbook is None or theme_changed:
            wanted = {SITE_WIDE}
        else:
            wanted = affected_tasks(self.playbook, playbook, list(self.task_files), keys,
                                    site.nav_targets != self._nav)
        result.full = SITE_WIDE in wanted
        if result.full:
            self._prepare_output()
        made: dict[str, list[str]] = {}
        own = [pair for pair in tasks if ":" in pair[0]]
        site_wide = [pair for pair in tasks if ":" not in pair[0]]
        for phase in (own, site_wide):
            for key, task in phase:
                if not (result.full or key in wanted):
                    made[key] = self.task_files.get(key, [])
                    continue
                told = len(result.written)
                made[key] = self._run(task, result)
                if phase is own and len(result.written) > told:
                    result.first_seconds = result.first_seconds or time.perf_counter() - started
                    if early is not None and not result.full:
                        early(result.written[told:])
        still = {path for paths in made.values() for path in paths}
        for path in sorted(set(self.digests) - still):
            self.digests.pop(path, None)
            try:
                safe_target(self.output, path).unlink()
                result.removed.append(path)
            except OSError:
                pass
        self.playbook, self.task_files, self._nav = playbook, made, site.nav_targets

    def _run(self, task, result: Rebuild) -> list[str]:
        """Render one task, writing the files whose bytes changed; its file paths."""
        paths = []
        for item in task():
            paths.append(item.path)
            result.rendered += 1
            digest = _digest(item.data)
            if self.digests.get(item.path) != digest or not self._exists(item.path):
                if write_changed(self.output, item.path, item.data):
                    result.written.append(item.path)
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


# --------------------------------------------------------------------------- build cache

CACHE_ENV = "JOURNEYDOCS_BUILD_CACHE"
"""Set to ``1`` (or a folder) to keep a build cache: ``<project>/.journeydocs-cache`` or
that folder. A build then copies the files of every task the dependency map above finds
unaffected since the cached build, instead of rendering them again."""
CACHE_DIR = ".journeydocs-cache"
_CACHE_FORMAT = 1


def cache_folder(project: Path) -> Path | None:
    """The build cache folder the environment asks for, or None (no cache)."""
    wanted = os.environ.get(CACHE_ENV, "").strip()
    if not wanted or wanted == "0":
        return None
    return project / CACHE_DIR if wanted == "1" else Path(wanted)


def _tree_digest(digest, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and (
                suffixes is None or path.suffix in suffixes):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())


def build_fingerprint(site, theme_dir: Path) -> str:
    """Everything besides the playbook that a page's bytes depend on: this package's code,
    the theme, the libraries that render, the build date and the audience."""
    import sys
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_CACHE_FORMAT}|{sys.version}|{site.today.isoformat()}|"
                  f"{getattr(site.playbook, 'audience', '')}|".encode("utf-8"))
    for name in ("jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "PyYAML"):
        try:
            digest.update(f"{name}={version(name)}|".encode("utf-8"))
        except PackageNotFoundError:
            digest.update(f"{name}=-|".encode("utf-8"))
    _tree_digest(digest, Path(__file__).resolve().parent, (".py", ".json", ".yml", ".txt"))
    _tree_digest(digest, Path(theme_dir))
    return digest.hexdigest()


class BuildCache:
    """Rendered files of the last build, with the playbook they were made from.

    ``state.pickle`` keeps the fingerprint, the playbook, the sidebar and each task's
    files (path and digest); ``files/`` keeps each file's bytes under its digest.
    Anything unexpected (no cache, another fingerprint, an unreadable state) makes a
    full render, which then refills the cache.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.reused = 0
        """Files copied from the cache by the last build."""

    def _state_path(self) -> Path:
        return self.folder / "state.pickle"

    def _blob(self, digest: str) -> Path:
        return self.folder / "files" / digest[:2] / digest

    def reusable(self, site, keys: list[str], fingerprint: str) -> dict[str, list[tuple[str, str]]]:
        """Task key → its files, for every task whose pages cannot have changed."""
        import pickle

        try:
            with open(self._state_path(), "rb") as handle:
                state = pickle.load(handle)
            if state.get("format") != _CACHE_FORMAT or state.get("fingerprint") != fingerprint:
                return {}
            old = state["playbook"]
            files: dict[str, list[tuple[str, str]]] = state["tasks"]
            nav_changed = site.nav_targets != state["nav"]
            if not nav_changed and sorted(files) == sorted(keys) and old == site.playbook:
                wanted: set[str] = set()  # nothing changed: every page is as cached
            else:
                wanted = affected_tasks(old, site.playbook, list(files), keys, nav_changed)
        except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache
            return {}
        if SITE_WIDE in wanted:
            return {}
        reuse = {key: files[key] for key in keys if key not in wanted and key in files}
        if any(not self._blob(digest).is_file() for paths in reuse.values()
               for _, digest in paths):
            return {}
        return reuse

    def copy_into(self, writer, files: list[tuple[str, str]]) -> list[str]:
        """Write the cached ``files`` through ``writer``; their paths."""
        for path, digest in files:
            writer.write(path, self._blob(digest).read_bytes())
            self.reused += 1
        return [path for path, _ in files]

    def save(self, site, fingerprint: str, staging: Path, made: dict[str, list[str]],
             reused: dict[str, list[tuple[str, str]]]) -> None:
        """Remember this build: every task's files (read back from ``staging``)."""
        import pickle

        tasks: dict[str, list[tuple[str, str]]] = {}
        try:
            for key, paths in made.items():
                if key in reused:
                    tasks[key] = reused[key]
                    continue
                entries = []
                for path in paths:
                    data = safe_target(staging, path).read_bytes()
                    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
                    blob = self._blob(digest)
                    if not blob.is_file():
                        blob.parent.mkdir(parents=True, exist_ok=True)
                        temporary = blob.with_name(f".{digest}.tmp-{os.getpid()}")
                        temporary.write_bytes(data)
                        os.replace(temporary, blob)
                    entries.append((path, digest))
                tasks[key] = entries
            state = {"format": _CACHE_FORMAT, "fingerprint": fingerprint,
                     "playbook": site.playbook, "nav": site.nav_targets, "tasks": tasks}
            temporary = self._state_path().with_name(f".state.tmp-{os.getpid()}")
            with open(temporary, "wb") as handle:
                pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._state_path())
            self._forget_unused({digest for entries in tasks.values() for _, digest in entries})
        except OSError:
            pass  # a cache that cannot be written only costs the next build its shortcut

    def _forget_unused(self, used: set[str]) -> None:
        files = self.folder / "files"
        for blob in files.glob("*/*"):
            if blob.name not in used:
                try:
                    blob.unlink()
                except OSError:
                    pass

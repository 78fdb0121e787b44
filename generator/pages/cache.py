"""The build cache: ``journeydocs build`` copies the pages an edit cannot have changed.

The dependency map of :mod:`journeydocs.incremental` (which tasks an edit affects)
decides, against the playbook of the cached build, which tasks' files can be
copied instead of rendered; the output is byte for byte a clean build's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .dependencies import SITE_WIDE, affected_tasks
from ..write import safe_target

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
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_CACHE_FORMAT}|{sys.version}|{site.today.isoformat()}|"
                  f"{getattr(site.playbook, 'audience', '')}|".encode("utf-8"))
    for name in ("jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "PyYAML"):
        try:
            digest.update(f"{name}={version(name)}|".encode("utf-8"))
        except PackageNotFoundError:
            digest.update(f"{name}=-|".encode("utf-8"))
    _tree_digest(digest, Path(__file__).resolve().parent.parent, (".py", ".json", ".yml", ".txt"))
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

"""The write stage: put the rendered site on disk without ever leaving half a site.

Files go to a temporary folder beside the output; only when every file is written
is it swapped in for the old site. A marker file tells a folder we made from one
a user made, so journeydocs never empties a folder it does not own.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from contextlib import contextmanager
from typing import Iterable, Iterator, Protocol

from .errors import UsageError

MARKER = ".journeydocs-site"
MARKER_TEXT = "This folder is written by journeydocs and replaced on every build.\n"


class Output(Protocol):
    path: str
    data: bytes


def check_output_dir(output: Path, project: Path, content: Path) -> None:
    """Refuse an output folder whose replacement would destroy something."""
    out = output.resolve()
    project, content = project.resolve(), content.resolve()
    forbidden = {project: "the project folder", content: "the content folder",
                 Path.home().resolve(): "your home folder", Path(out.anchor): "the root folder"}
    for place, name in forbidden.items():
        if out == place or place.is_relative_to(out):
            raise UsageError(f"refusing to write the site to {output}: it is {name} or holds it; "
                             "choose an output folder such as 'site'")
    if out.is_relative_to(content):
        raise UsageError(f"refusing to write the site to {output}: it is inside the content folder")
    if out.exists():
        if not out.is_dir():
            raise UsageError(f"refusing to write the site to {output}: it is a file")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise UsageError(f"refusing to write the site to {output}: it is a folder journeydocs "
                             f"did not create and it is not empty (no {MARKER} marker in it)")


def safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing any path that would leave ``root``."""
    return root.joinpath(*_safe_parts(relative))


def _safe_parts(relative: str) -> list[str]:
    """The names along ``relative`` (as ``PurePosixPath(relative).parts``), refusing an
    absolute path, ``..`` and the empty path."""
    parts = [part for part in relative.split("/") if part and part != "."]
    if relative.startswith("/") or ".." in parts or not parts:
        raise ValueError(f"unsafe output path {relative!r}")
    return parts


def write_site(output: Path, files: Iterable[Output], assets: Path | None) -> int:
    """Write ``files`` (and a copy of ``assets``) as the new site; return the file count."""
    previous = previous_site(output)
    with staged_site(output) as staging:
        writer = StagingWriter(staging, previous)
        for item in files:
            writer.write(item.path, item.data)
        copy_assets(staging, assets)
    return writer.count


def previous_site(output: Path) -> Path | None:
    """``output`` if it holds a site journeydocs wrote (one a new build will replace)."""
    return output if (output / MARKER).is_file() else None


@contextmanager
def staged_site(output: Path) -> Iterator[Path]:
    """A fresh staging folder that replaces ``output`` when the block ends without error.

    Interrupted or failed, the staging folder is removed and the old site stays.
    """
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.tmp-{os.getpid()}"
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        yield staging
        if output.exists():
            output.rename(old)
        staging.rename(output)
    except BaseException:  # interrupted or failed: the old site stays as it was
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not output.exists():
            old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


class StagingWriter:
    """Writes files below one folder, making each parent folder once.

    With plain strings and ``os`` calls: pathlib's objects cost ~30 µs a file, a
    build of 100 journeys writes 1,380.

    Given the site being replaced (``previous``), a file whose bytes it already holds
    at the same path is hard-linked from it instead of written (see :func:`_link_same`).
    """

    def __init__(self, root: Path, previous: Path | None = None):
        self.root = root
        self.count = 0
        self._base = os.fspath(root)
        self._previous = os.fspath(previous) if previous is not None else None
        self._made: set[str] = set()

    def write(self, relative: str, data: bytes) -> None:
        parts = _safe_parts(relative)
        folder = os.path.join(self._base, *parts[:-1])
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        target = os.path.join(folder, parts[-1])
        if self._previous is None or not _link_same(os.path.join(self._previous, *parts),
                                                    target, data):
            _create(target, data)
        self.count += 1


def _create(path: str, data: bytes) -> None:
    try:
        descriptor = os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:
        # written before in this build, maybe as a link to the old site, which must
        # stay as it was until the new one is complete: a new file, not this one
        os.unlink(path)
        descriptor = os.open(path, _NEW_FILE, 0o666)
    try:
        written = os.write(descriptor, data)
        while written < len(data):  # a short write (a signal, a full disk) goes on
            written += os.write(descriptor, memoryview(data)[written:])
    finally:
        os.close(descriptor)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)
_OLD_FILE = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


def _link_same(old: str, new: str, data: bytes) -> bool:
    """Hard-link ``new`` to ``old`` if ``old`` is a plain file holding exactly ``data``.

    A rebuild writes mostly the same bytes again. Linking them makes no new inode and
    frees none when the old site is deleted: on ext4 without a journal every inode
    freed in the last minutes is checked before a new one is handed out, so deleting
    and rewriting 1,400 files made each file of the next build cost up to ~0.8 ms.
    Unchanged pages also keep their modification time (what ``rsync`` compares).
    Anything else (no such file, other bytes, a symlink, no hard links here): False.
    """
    try:
        descriptor = os.open(old, _OLD_FILE)
    except OSError:
        return False
    try:
        facts = os.fstat(descriptor)
        if (not stat.S_ISREG(facts.st_mode) or facts.st_size != len(data)
                or os.read(descriptor, len(data) + 1) != data):
            return False
        os.link(old, new, follow_symlinks=False)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


class ChangedWriter:
    """Writes files below one folder with :func:`write_changed` (serve's full rebuilds,
    into the folder being served); ``count`` is the files whose bytes changed."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0

    def write(self, relative: str, data: bytes) -> None:
        if write_changed(self.root, relative, data):
            self.count += 1


def copy_assets(staging: Path, assets: Path | None) -> None:
    if assets is not None and assets.is_dir():
        shutil.copytree(assets, staging / "assets", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))


def write_changed(output: Path, path: str, data: bytes) -> bool:
    """Atomically replace one file of a built site if its bytes differ; True if written.

    For serve's small rebuilds: a reader never sees half a file.
    """
    target = safe_target(output, path)
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return True

"""The load stage: find a project's files and read each into located data.

Nothing here knows what a persona or a journey is; it only turns files into
:class:`Document` objects (front matter + body) and reports unreadable ones.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .config import CONFIG_FILE
from ..errors import Problems, UsageError, display_path
from .frontmatter import MAX_FILE_BYTES, ReadError, decode, parse_yaml, split, too_big

KINDS = ("personas", "journeys", "pages")


@dataclass
class Document:
    """One content file, read but not yet checked."""

    kind: str
    """personas, journeys or pages."""
    path: Path
    display: str
    """Path as shown in messages (relative to the project)."""
    name: str
    """File path below its kind's folder, without ``.md`` (``guides/intro``)."""
    data: Any
    """Located front-matter data (usually an LMap), or None."""
    body: str
    body_line: int


def find_config(project: Path) -> Path:
    config = project / CONFIG_FILE
    if not config.is_file():
        raise UsageError(f"no {CONFIG_FILE} in {project} — is this a journeydocs project? "
                         "(run `journeydocs build PROJECT` with the folder that holds site.yml)")
    return config


def read_source(path: Path) -> str:
    """A file's text, refusing what could hang or flood the reader.

    A pipe named ``*.md`` would block ``open()`` and ``read()`` forever, and a huge
    file would be read whole before its size is known: the file is opened without
    blocking and checked with ``fstat`` before a bounded read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(1, "this is not a regular file (a folder, pipe or device?)",
                            "playbook files are plain UTF-8 text files")
        if info.st_size > MAX_FILE_BYTES:
            raise too_big(info.st_size)
        data = handle.read(MAX_FILE_BYTES + 1)
    return decode(data)


def read_config_data(project: Path, problems: Problems) -> Any:
    """site.yml's located data, or None when it cannot be read."""
    path = find_config(project)
    display = display_path(path, project)
    try:
        return parse_yaml(read_source(path))
    except ReadError as exc:
        problems.error(display, exc.located.line, exc.located.message, exc.located.hint)
    except OSError as exc:
        problems.error(display, 1, f"cannot read the file: {exc.strerror}", _os_hint(exc))
    return None


def content_files(project: Path, content_dir: Path, problems: Problems) -> list[tuple[str, Path]]:
    """Every ``<kind>/**/*.md`` below the content folder, sorted, inside the project.

    Walked with ``os.scandir`` rather than ``rglob`` + ``resolve`` per file: serve
    lists the folder on every save, and at 1,000 journeys resolving each path cost
    ~150 ms. The result is the same: symlinked folders are not entered (as ``rglob``),
    and only a symlinked file (or a kind folder that is a link) can lead outside.
    """
    root = project.resolve()
    found: list[tuple[str, Path]] = []
    for kind in KINDS:
        folder = content_dir / kind
        if not folder.is_dir():
            continue
        inside = folder.resolve().is_relative_to(root)
        for parts, is_link in sorted(_markdown_below(folder)):
            path = folder.joinpath(*parts)
            if not (path.resolve().is_relative_to(root) if is_link else inside):
                problems.error(display_path(path, project), 1,
                               "this file is a link to a place outside the project",
                               "copy the file into the project instead")
                continue
            found.append((kind, path))
    return found


def _markdown_below(folder: Path, parts: tuple[str, ...] = ()
                    ) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(path parts below ``folder``, is a symlink) of each ``*.md``; names starting
    with ``.`` or ``_`` (editor backups, drafts kept aside) are skipped with all
    they hold."""
    try:
        entries = list(os.scandir(folder.joinpath(*parts)))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        here = parts + (entry.name,)
        if entry.name.endswith(".md"):
            yield here, entry.is_symlink()
        if entry.is_dir(follow_symlinks=False):
            yield from _markdown_below(folder, here)


def read_document(kind: str, path: Path, folder: Path, project: Path,
                  problems: Problems) -> Document | None:
    display = display_path(path, project)
    name = path.relative_to(folder).with_suffix("").as_posix()
    try:
        text = read_source(path)
        parts = split(text)
        data = None
        if parts.front_matter is not None:
            data = parse_yaml(parts.front_matter, first_line=2)
        return Document(kind, path, display, name, data, parts.body, parts.body_line)
    except ReadError as exc:
        problems.error(display, exc.located.line, exc.located.message, exc.located.hint)
    except OSError as exc:
        problems.error(display, 1, f"cannot read the file: {exc.strerror}", _os_hint(exc))
    return None


def _os_hint(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "a folder's name must not end in .md"
    if isinstance(exc, PermissionError):
        return "give yourself read permission on it"
    return "check that the file exists and can be read"


def load_documents(project: Path, content_dir: Path, problems: Problems) -> list[Document]:
    """Read every content file; unreadable ones are reported and left out."""
    return list(iter_documents(project, content_dir, problems))


def iter_documents(project: Path, content_dir: Path, problems: Problems) -> Iterator[Document]:
    """:func:`load_documents` one file at a time, so each file's located data can be
    dropped once it is checked (a large playbook's peak memory is then one file's)."""
    for kind, path in content_files(project, content_dir, problems):
        doc = read_document(kind, path, content_dir / kind, project, problems)
        if doc is not None:
            yield doc

"""Read and validate a large playbook's content files in two processes at once.

Reading (libyaml, then located data) and validating a file depend on nothing but
that file, so a forked helper reads files while this process does too: each takes
the next unread file from a shared counter, so neither waits for the other, and
this process may first do what was offered to its spare time (a build imports its
render stage then). The model objects, references and problems come back pickled and are
merged in file order, so the playbook and its problems are exactly what a serial
load gives. Below :data:`PARALLEL_FROM_BYTES` of content, starting the helper costs
more than it saves.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import Problem, Problems
from .files import content_files, read_document
from ..workers import SPARE_TIME, jobs_from_env, usable_cores
from .validate import Ref, Validator

PARALLEL_FROM_BYTES = 400_000
"""About 20 journeys of the benchmark playbook."""

Checked = tuple[str, bool, Any, list[Ref], list[Problem]]
"""(kind, read?, model object or None, its references, its problems) of one file."""


def worth_it(files: list[tuple[str, Path]]) -> bool:
    if "fork" not in multiprocessing.get_all_start_methods():
        return False  # pragma: no cover - the helper inherits the loaded modules by forking
    size = 0
    for _, path in files:
        try:
            size += path.stat().st_size
        except OSError:
            continue  # its reader reports it
        if size >= PARALLEL_FROM_BYTES:
            return True
    return False


def checked_documents(project: Path, content_dir: Path, problems: Problems,
                      validator: Validator, validate: Callable[[Validator, Any], Any],
                      jobs: int = 2) -> Iterator[tuple[str, Any]]:
    """(kind, model object) of every content file, in file order, read in two processes
    when the playbook is large; references go to ``validator``, problems to ``problems``.

    While the helper reads, this process first does what was offered to its spare time
    (:data:`~journeydocs.workers.SPARE_TIME`), then reads too.
    """
    files = content_files(project, content_dir, problems)
    if jobs < 2 or not worth_it(files):
        results = [_check(project, content_dir, kind, path, validate) for kind, path in files]
    else:
        results = _shared(project, content_dir, files, validate)
    for kind, read, made, refs, found in results:
        validator.refs.extend(refs)
        problems.items.extend(found)
        if read:
            yield kind, made


_SHARED: dict = {}
"""What the forked helper inherits: set just before it starts."""
BATCH = 8
"""Files the helper sends back at a time: this process unpickles each batch while it
reads (in the pool's result thread), not all of them at the end (~50 ms at 100
journeys, with both processes done)."""


def _shared(project: Path, content_dir: Path, files: list[tuple[str, Path]],
            validate: Callable[[Validator, Any], Any]) -> list[Checked]:
    context = multiprocessing.get_context("fork")
    _SHARED.update(next=context.Value("l", 0), files=files, project=project,
                   content_dir=content_dir, validate=validate)
    try:
        with context.Pool(1) as pool:
            # more batches than the helper can fill: the last ones find nothing left
            theirs = pool.imap_unordered(_take_batch, range(len(files) // BATCH + 1))
            SPARE_TIME.use()
            merged: list[Checked | None] = [None] * len(files)
            for index, checked in _take_files():
                merged[index] = checked
            for batch in theirs:
                for index, checked in batch:
                    merged[index] = checked
    finally:
        _SHARED.clear()
    return merged  # type: ignore[return-value]  # every index was taken once


def _take_batch(_: int) -> list[tuple[int, Checked]]:
    return _take_files(BATCH)


def _take_files(limit: int | None = None) -> list[tuple[int, Checked]]:
    """Check files, each the next one nobody took, until none is left (or ``limit`` are
    checked): (index, result) of each."""
    job = _SHARED
    taken, files = job["next"], job["files"]
    results: list[tuple[int, Checked]] = []
    while limit is None or len(results) < limit:
        with taken.get_lock():
            index = taken.value
            taken.value = index + 1
        if index >= len(files):
            break
        kind, path = files[index]
        results.append((index, _check(job["project"], job["content_dir"], kind, path,
                                      job["validate"])))
    return results


def _check(project: Path, content_dir: Path, kind: str, path: Path,
           validate: Callable[[Validator, Any], Any]) -> Checked:
    problems = Problems()
    validator = Validator(problems)
    doc = read_document(kind, path, content_dir / kind, project, problems)
    made = validate(validator, doc) if doc is not None else None
    return kind, doc is not None, made, validator.refs, problems.items


def load_jobs(jobs: int | None = None) -> int:
    """Processes for reading: 2 when there are two cores (or ``jobs`` says so), else 1."""
    if jobs is None:
        jobs = jobs_from_env() or usable_cores()
    return min(jobs, 2)

"""What ``journeydocs serve`` keeps from one load of a playbook to the next.

Reading and checking a 1,000-journey playbook again after every save took seconds;
these keep the work of the files that did not change: their documents, their
validated model objects, and (started early) the git history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..build import validate_document
from ..errors import Problem, Problems
from ..load.files import Document, content_files, read_document
from ..load.links import summarize
from ..model import Playbook
from ..share.history import PendingHistory, read_history


class EarlyHistory:
    """The git history, read while the content files are read and checked.

    ``git log`` takes ~16 ms even for a small repository, most of it waiting for the
    child process: started at once with the last playbook's content folder, it is ready
    when the checked playbook asks for it. A changed content folder reads it again.
    """

    def __init__(self, project: Path, last: Playbook | None):
        self._folder = last.config.content_dir if last is not None else None
        self._pending = PendingHistory(project, self._folder) if self._folder is not None else None

    def read(self, project: Path, playbook: Playbook) -> Any:
        if self._pending is None or playbook.config.content_dir != self._folder:
            self.cancel()
            return read_history(project, playbook)
        return self._pending.result()  # git's own error, if any, is raised here

    def cancel(self) -> None:
        """Stop git if its history was not read (the playbook had errors)."""
        if self._pending is not None:
            self._pending.cancel()


class DocumentCache:
    """Content files as read last time, reused while a file's size and mtime stay the same.

    Only files that were read without a problem are kept; checking (validate, links)
    always runs on every document, since an edit in one file can break another.
    After :meth:`only_modified` (the watcher saw nothing but changes to files it
    listed last time) the next read skips listing the folder and looking at every
    file: at 1,000 journeys that was ~45 ms of the time to the first page.
    """

    def __init__(self) -> None:
        self._kept: dict[Path, tuple[tuple[int, int, int] | None, Document]] = {}
        self._listing: tuple[list[tuple[str, Path]], list[Problem]] | None = None
        self._kinds: dict[Path, str] = {}
        """Each file of the last listing → its kind (personas, journeys, pages)."""
        self._modified: set[Path] | None = None

    def only_modified(self, paths: Iterable[Path]) -> None:
        """The next read may trust that no file but ``paths`` changed, none came or went."""
        self._modified = {Path(path) for path in paths}

    def read(self, project: Path, content_dir: Path, problems: Problems) -> list[Document]:
        modified, self._modified = self._modified, None
        files = self._files(project, content_dir, problems, modified)
        documents, kept = [], {}
        for kind, path in files:
            cached = self._kept.get(path)
            if modified is None or cached is None or path in modified:
                cached = self._current(kind, path, project, content_dir, problems, cached)
            if cached is not None:
                documents.append(cached[1])
                if cached[0] is not None:
                    kept[path] = cached
        self._kept = kept
        return documents

    def kind_of(self, path: Path) -> str | None:
        """The kind of content file ``path`` was in the last listing (None: not listed)."""
        return self._kinds.get(path)

    def read_one(self, kind: str, path: Path, project: Path, content_dir: Path,
                 problems: Problems) -> Document | None:
        """Read ``path`` now, kept (when it reads cleanly) for the next :meth:`read`."""
        entry = self._current(kind, path, project, content_dir, problems, None)
        if entry is None:
            return None
        if entry[0] is not None:
            self._kept[path] = entry
        return entry[1]

    @staticmethod
    def _current(kind: str, path: Path, project: Path, content_dir: Path, problems: Problems,
                 cached: tuple | None) -> tuple[tuple[int, int, int] | None, Document] | None:
        """(stat key, document) of ``path`` as it is now: ``cached`` while its key still
        matches, else read again. The key is None when the file cannot be kept (no stat,
        or it has problems); None when it cannot be read."""
        try:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            key = None
        if key is not None and cached is not None and cached[0] == key:
            return cached
        before = len(problems.items)
        doc = read_document(kind, path, content_dir / kind, project, problems)
        if doc is None:
            return None
        return (key if len(problems.items) == before else None), doc

    def _files(self, project: Path, content_dir: Path, problems: Problems,
               modified: set[Path] | None) -> list[tuple[str, Path]]:
        listed = self._listing
        if modified is not None and listed is not None and modified <= self._kinds.keys():
            problems.items.extend(listed[1])
            return listed[0]
        before = len(problems.items)
        files = content_files(project, content_dir, problems)
        self._listing = (files, problems.items[before:])
        self._kinds = {file: kind for kind, file in files}
        return files


class ValidationMemo:
    """Model objects of the documents :class:`DocumentCache` kept, validated once.

    Validating a document depends on nothing but the document, so while the cache
    hands back the same :class:`Document` the same object is reused, with the
    problems its validation reported replayed and its references handed to the
    link check as a :class:`~journeydocs.load.links.RefSummary`. (At 1,000 journeys,
    validating everything again took 1.3 s of each rebuild.)
    """

    def __init__(self) -> None:
        self._done: dict[int, tuple[Document, Any, Any, list]] = {}
        self._used: dict[int, tuple[Document, Any, Any, list]] = {}

    def validate(self, validator, doc: Document) -> Any:
        known = self._used.get(id(doc)) or self._done.get(id(doc))
        if known is not None and known[0] is doc:
            _, made, refs, problems = known
            validator.kept_refs.append(refs)
            validator.problems.items.extend(problems)
        else:
            refs_before, problems_before = len(validator.refs), len(validator.problems.items)
            made = validate_document(validator, doc)
            known = (doc, made, summarize(validator.refs[refs_before:]),
                     validator.problems.items[problems_before:])
        self._used[id(doc)] = known
        return made

    def keep_all(self) -> None:
        """Keep everything, adding what was validated since the last load (serve's
        shortcut validated only the edited files and skipped the load)."""
        self._done.update(self._used)
        self._used = {}

    def forget_unused(self) -> None:
        """Keep only what the last load used (call once per load)."""
        self._done, self._used = self._used, {}

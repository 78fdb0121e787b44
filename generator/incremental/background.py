"""serve's site-wide pages, rendered by a forked child process.

At 1,000 journeys the home page, the cross-journey views and the search index take
~10 s after every edit. Rendered in the serve process they held it: the next save's
page waited for the file being rendered (up to 2 s), and the HTTP server shared one
interpreter with the renderer. A forked child renders them instead, from the very
objects the parent checked (the fork shares them), writing each file atomically and
logging what it writes; the parent stays free for the next save.

A newer save asks the child to stop after its current file (a flag file, not a
signal: a killed child could leave a half-written temporary file behind) and starts
its own child at once, which waits for the older one to end before it writes
anything (a pipe only the older child holds reaches end-of-file when it exits): the
parent never waits. It takes over what each child's log says was written, oldest
first. Every path is logged before its file is written, so nothing a child writes
is ever unknown to the parent; and a child compares each file with the disk, not
with digests from the moment it was forked, which an older child may have outdated.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..write import write_changed

Digest = Callable[[bytes], bytes]


@dataclass
class JobReport:
    """What a child rendered."""

    done: dict[str, list[tuple[str, bytes, bool]]] = field(default_factory=dict)
    """Finished tasks → their files: (path, digest, bytes changed and written)."""
    partial: dict[str, list[str]] = field(default_factory=dict)
    """Tasks it did not finish → the files it may have written."""
    error: str = ""
    seconds: float = 0.0


class SiteWideJob:
    """Some of a site's tasks, rendered into ``output`` by a forked child."""

    def __init__(self, output: Path, tasks: list[tuple[str, Callable[[], Iterable]]],
                 digest: Digest, after: SiteWideJob | None = None):
        """Start the child; with ``after``, it writes nothing until that one has ended."""
        self.keys = [key for key, _ in tasks]
        handle, log = tempfile.mkstemp(prefix="journeydocs-site-wide-", suffix=".log")
        os.close(handle)
        self.log = Path(log)
        self.stop_flag = self.log.with_suffix(".stop")
        self.started = time.perf_counter()
        self._status: int | None = None
        self._lock = threading.Lock()
        ended, holder = os.pipe()  # only the child holds ``holder``: EOF when it ends
        self.pid = os.fork()
        if self.pid == 0:  # the child: render, log, and leave without any cleanup of ours
            code = 1
            try:
                gc.freeze()  # the inherited playbook is never garbage: don't scan (or copy) it
                os.close(ended)
                if after is not None:
                    os.read(after.ended, 1)  # returns (empty) once the older child ended
                code = _render(output, tasks, digest, self.log, self.stop_flag)
            finally:
                os._exit(code)
        os.close(holder)
        self.ended = ended
        """Read end of the pipe the child holds (for a newer child to wait on)."""

    def running(self) -> bool:
        with self._lock:  # serve's tabs and its watcher may both ask
            if self._status is None:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid == 0:
                    return True
                self._status = status
            return False

    def _reap(self) -> None:
        with self._lock:
            if self._status is None:
                self._status = os.waitpid(self.pid, 0)[1]

    def _clean_up(self) -> None:
        self.log.unlink(missing_ok=True)
        self.stop_flag.unlink(missing_ok=True)
        if self.ended >= 0:
            os.close(self.ended)
            self.ended = -1

    def stop(self) -> None:
        """Ask the child to stop after the file it is rendering."""
        self.stop_flag.touch()

    def kill(self) -> None:
        """End the child now, leaving its files as they are."""
        if self.running():
            os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self._clean_up()

    def wait(self) -> JobReport:
        """Wait for the child to end; what it rendered."""
        self._reap()
        report = JobReport(seconds=time.perf_counter() - self.started)
        files: dict[str, list[tuple[str, bytes, bool]]] = {}
        seen: dict[str, list[str]] = {}
        try:
            lines = self.log.read_text(encoding="utf-8").splitlines()
        finally:
            self._clean_up()
        for line in lines:
            entry = json.loads(line)
            if entry[0] == "error":
                report.error = entry[1]
            elif len(entry) == 1:
                report.done[entry[0]] = files.pop(entry[0], [])
            elif len(entry) == 2:
                seen.setdefault(entry[0], []).append(entry[1])
            else:
                files.setdefault(entry[0], []).append(
                    (entry[1], bytes.fromhex(entry[2]), entry[3]))
        for key in self.keys:
            if key not in report.done:
                report.partial[key] = seen.get(key, [])
        if self._status != 0 and not report.error:
            report.error = f"the process rendering the site-wide pages ended ({self._status})"
        return report


def _render(output: Path, tasks: list, digest: Digest, log: Path, stop_flag: Path) -> int:
    with open(log, "w", encoding="utf-8") as out:
        def note(*entry) -> None:
            out.write(json.dumps(entry) + "\n")
            out.flush()

        try:
            for key, task in tasks:
                for item in task():
                    note(key, item.path)  # before the file: a stop never leaves one unknown
                    written = write_changed(output, item.path, item.data)
                    note(key, item.path, digest(item.data).hex(), written)
                    if stop_flag.exists():
                        return 0
                note(key)
        except BaseException as exc:  # noqa: BLE001 - reported by the parent, like a rebuild's
            note("error", f"{type(exc).__name__}: {exc}")
            return 1
    return 0

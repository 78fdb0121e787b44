#!/usr/bin/env python3
"""How long after a save the edited pages are on disk under ``journeydocs serve``.

    python bench/edit.py [--size 1000] [--edits 5] [--edit storyline|touchpoint]
                         [--gap SECONDS] [--project DIR]

Generates the synthetic playbook of ``bench/generate.py`` (N journeys × 12
touchpoints; not timed), starts the real serve machinery in this process (the
watcher thread, the incremental rebuild and the HTTP server on a free port), waits
for the first build, then edits one journey ``--edits`` times, a different journey
each time, and measures from the moment the file is written:

- ``on disk``: every page the edit changes holds the new text (polled every 1 ms):
  the journey's page for a storyline sentence; the journey's page and the
  touchpoint's page for ``--edit touchpoint`` (its ``does:`` text);
- ``reload``: the live-reload version moved (open tabs of the edited pages are
  told to reload);
- ``done``: the whole rebuild finished (home, cross-journey views, search index);
- ``rebuild to first page``: the part of ``on disk`` spent inside the rebuild (the
  rest is the watcher noticing the save and waiting for quiet).

Edits are 0.5 s after the last rebuild finished; with ``--gap S`` each edit is
saved S seconds after the last one's pages were on disk, while the child process
of that rebuild is still rendering its site-wide pages (it is stopped; ``done`` is
then not measured). ``--gap 0`` saves again at once, before the last rebuild even
returned.

The watcher's quiet period (``step``, 25 ms by default: watchfiles yields 25-50 ms
after the last change) is part of every figure, as it is for a user.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/generate.py, beside this file)

from journeydocs.serve.preview import Server  # noqa: E402


NAN = float("nan")


def _until(check, timeout: float = 600.0) -> float:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the rebuild")
        time.sleep(0.001)
    return time.perf_counter()


class _Page:
    """A built page, read again only when its mtime moved: the poll runs in the serve
    process, and reading two pages every millisecond took the rebuild's interpreter
    lock often enough to slow it (a browser is another process)."""

    def __init__(self, path: Path):
        self.path = path
        self.seen = path.stat().st_mtime_ns
        self.shown = False

    def shows(self, marker: str) -> bool:
        mtime = self.path.stat().st_mtime_ns
        if mtime != self.seen:
            self.seen = mtime
            self.shown = marker in self.path.read_text(encoding="utf-8")
        return self.shown


def _pages_of(source: Path, what: str) -> list[str]:
    """The pages an edit of ``source`` must change."""
    if what == "storyline":
        return [f"journeys/{source.stem}.html"]
    text = source.read_text(encoding="utf-8")
    start = text.index("\n- id: ", text.index("\ntouchpoints:")) + len("\n- id: ")
    touchpoint = text[start:text.index("\n", start)]
    return [f"journeys/{source.stem}.html", f"journeys/{source.stem}/{touchpoint}.html"]


def _edit(source: Path, what: str, n: int) -> str:
    """Save an edit of ``source``; the new text its pages must show."""
    text = source.read_text(encoding="utf-8")
    stamp = time.time_ns()  # unique: a playbook edited by an earlier run has older markers
    if what == "storyline":
        marker = f"Edited sentence number {n} ({stamp}) for the benchmark."
        source.write_text(text.replace("\n---\n", f"\n---\n{marker}\n\n", 1),
                          encoding="utf-8")
        return marker
    marker = f"Does edited thing number {n} ({stamp})"
    does = text.index("  does: ", text.index("\ntouchpoints:"))
    end = text.index("\n", does)
    source.write_text(f"{text[:does]}  does: {marker}{text[end:]}", encoding="utf-8")
    return marker


def measure(project: Path, edits: int, what: str, gap: float | None
            ) -> list[tuple[float, float, float, float, int]]:
    lines: list[str] = []
    server = Server(project, "127.0.0.1", 0, echo=lines.append)
    started = time.perf_counter()
    server.start()
    print(f"first build: {time.perf_counter() - started:.1f} s; {lines[-1] if lines else ''}")
    watcher = threading.Thread(target=server.watch, daemon=True)
    watcher.start()
    time.sleep(1.0)  # the watcher is armed
    journeys = sorted((project / "content" / "journeys").glob("*.md"))
    figures = []
    try:
        for n in range(edits):
            source = journeys[(n * 7919) % len(journeys)]
            version, rebuilds = server.state.version, server.rebuilds
            pages = [_Page(server.site.output / path) for path in _pages_of(source, what)]
            written = time.perf_counter()
            marker = _edit(source, what, n)
            on_disk = _until(lambda: all(page.shows(marker) for page in pages))
            reload = _until(lambda: server.state.version > version)
            if gap is not None:  # this edit's rebuild is still running: no figures of its own
                figures.append((on_disk - written, reload - written, NAN, NAN, 0))
                time.sleep(gap)
                continue
            done = _until(lambda: server.rebuilds > rebuilds)
            figures.append((on_disk - written, reload - written, done - written,
                            server.last.first_seconds, server.last.rendered))
            time.sleep(0.5)
    finally:
        server.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="journeys (default 1000)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edit", choices=["storyline", "touchpoint"], default="storyline",
                        help="a storyline sentence (default) or a touchpoint's does: text")
    parser.add_argument("--gap", type=float, default=None,
                        help="save the next edit this many seconds after the last one's "
                             "pages are on disk (default: after its rebuild is done)")
    parser.add_argument("--project", type=Path, help="use this playbook instead of generating one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jd-edit-") as work:
        project = args.project
        if project is None:
            project = Path(work) / f"p{args.size}"
            generate.generate(args.size, project)
        figures = measure(project, args.edits, args.edit, args.gap)
    print("| edit | on disk ms | reload ms | done ms | of which rebuild to first page ms "
          "| files rendered |")
    print("|------|------------|-----------|---------|-----------------------------------"
          "|----------------|")
    for n, (disk, reload, done, first, rendered) in enumerate(figures, 1):
        print(f"| {n}    | {disk * 1000:10.0f} | {reload * 1000:9.0f} | {done * 1000:7.0f} "
              f"| {first * 1000:33.0f} | {rendered:14} |")
    for name, column in (("on disk", 0), ("reload", 1), ("done", 2), ("rebuild to first", 3)):
        values = [f[column] * 1000 for f in figures if not math.isnan(f[column])]
        if values:
            print(f"{name}: median {statistics.median(values):.0f} ms, best {min(values):.0f} ms")


if __name__ == "__main__":
    main()

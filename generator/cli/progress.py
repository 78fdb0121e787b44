"""The build's progress bar: only on a terminal, only once a build takes over a second."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator

from ..render.parallel import Progress

SHOW_AFTER = 1.0
"""Seconds: quicker builds never flash a bar."""


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Progress | None]:
    """A :data:`Progress` callback drawing a rich bar on stderr, or None when not wanted."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # why: rich (~40 ms) loads only when a bar is drawn
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    started = time.monotonic()
    bar: list[Bar] = []

    def update(done: int, expected: int) -> None:
        if not bar:
            if time.monotonic() - started < SHOW_AFTER:
                return
            bar.append(Bar(TextColumn("Rendering"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn(), console=Console(stderr=True), transient=True))
            bar[0].start()
            bar[0].add_task("pages", total=expected)
        bar[0].update(bar[0].task_ids[0], completed=min(done, expected), total=max(done, expected))

    try:
        yield update
    finally:
        if bar:
            bar[0].stop()

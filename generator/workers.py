"""How many processes a build may use: ``JOURNEYDOCS_JOBS``, or the cores it may run on.
Read by the load stage (two readers) and the render stage (one worker per core)."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable

JOBS_ENV = "JOURNEYDOCS_JOBS"
"""Set to a number to choose the worker count (1: serial), e.g. to compare outputs."""


def jobs_from_env() -> int | None:
    """The worker count ``JOURNEYDOCS_JOBS`` asks for, if it names one."""
    wanted = os.environ.get(JOBS_ENV, "").strip()
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else None


def usable_cores() -> int:
    """Cores this process may run on; 1 where workers cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - workers inherit the loaded playbook by forking
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Deferred:
    """Work offered to :data:`SPARE_TIME`: done by a stage that waits for its helpers,
    or by :meth:`result` when nobody had time for it."""

    def __init__(self, work: Callable[[], Any]):
        self._work: Callable[[], Any] | None = work
        self._value: Any = None

    def run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            self._value = work()

    def result(self) -> Any:
        """The work's value, doing the work now if it is still waiting."""
        self.run()
        return self._value


class SpareTime:
    """What this process may do while its helper processes work.

    A build offers work that it needs later but that nothing before needs (loading the
    templates, copying the theme's assets); whichever stage first waits for helpers
    (the second reader of content files, the render workers) does it in that wait,
    and the work costs no time on the way to the site. It is a queue, not a callback
    threaded through the stages: a stage that waits says so with :meth:`use`.
    """

    def __init__(self) -> None:
        self._offered: list[Deferred] = []

    def offer(self, work: Callable[[], Any]) -> Deferred:
        deferred = Deferred(work)
        self._offered.append(deferred)
        return deferred

    def use(self) -> None:
        """Do what was offered (called by a stage while its helpers work)."""
        while self._offered:
            self._offered.pop(0).run()

    def clear(self) -> None:
        """Forget what was offered (a build that fails does it no more)."""
        self._offered.clear()


SPARE_TIME = SpareTime()
"""This process's spare-time queue."""

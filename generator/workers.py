"""How many processes a build may use: ``JOURNEYDOCS_JOBS``, or the cores it may run on.
Read by the load stage (two readers) and the render stage (one worker per core)."""

from __future__ import annotations

import multiprocessing
import os

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

"""The command line: ``journeydocs build``, ``check``, ``serve``, ``export``, ``init``,
``new`` and ``schema`` (entry point ``journeydocs.cli:run``)."""

from .app import main, run

__all__ = ["main", "run"]

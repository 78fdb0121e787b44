"""Where each page lives in the built site.

Pages are plain ``.html`` files (never ``dir/`` URLs) so the site works from
``file://``, where a folder does not open its index.html. Links between pages are
relative, computed with :func:`relative`, so the site can be moved or zipped.
"""

from __future__ import annotations

import posixpath

INDEX = "index.html"
NOT_FOUND = "404.html"
ASSETS = "assets"


def journey(journey_id: str) -> str:
    return f"journeys/{journey_id}.html"


def touchpoint(journey_id: str, touchpoint_id: str) -> str:
    return f"journeys/{journey_id}/{touchpoint_id}.html"


def persona(persona_id: str) -> str:
    return f"personas/{persona_id}.html"


def page(page_id: str) -> str:
    return f"pages/{page_id}.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def relative(target: str, from_page: str) -> str:
    """The link from ``from_page`` to ``target``, both site-root-relative paths."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(target, start)


def root_prefix(from_page: str) -> str:
    """``""``, ``"../"``, ``"../../"``… : the way back to the site root from a page."""
    return "../" * from_page.count("/")

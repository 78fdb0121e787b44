"""Where each page lives in the built site.

Pages are plain ``.html`` files (never ``dir/`` URLs) so the site works from
``file://``, where a folder does not open its index.html. Links between pages are
relative, computed with :func:`relative`, so the site can be moved or zipped.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

INDEX = "index.html"
NOT_FOUND = "404.html"
ASSETS = "assets"


def journey(journey_id: str) -> str:
    return f"journeys/{journey_id}.html"


def touchpoint(journey_id: str, touchpoint_id: str) -> str:
    return f"journeys/{journey_id}/{touchpoint_id}.html"


def touchpoint_image(journey_id: str, touchpoint_id: str, image: str) -> str:
    """Where a touchpoint's picture (``image:``, as written) is copied in the site."""
    suffix = posixpath.splitext(image)[1].lower()
    return f"media/touchpoints/{journey_id}/{touchpoint_id}{suffix}"


def persona(persona_id: str) -> str:
    return f"personas/{persona_id}.html"


def page(page_id: str) -> str:
    return f"pages/{page_id}.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def relative(target: str, from_page: str) -> str:
    """The link from ``from_page`` to ``target``, both site-root-relative paths."""
    return _relative(target, _folder(from_page))


@lru_cache(maxsize=16384)
def _folder(page: str) -> str:
    """The folder of ``page`` ("." at the root); remembered, a page links out many times."""
    return posixpath.dirname(page) or "."


@lru_cache(maxsize=16384)
def _relative(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)``, by string operations for plain paths.

    A plain path has no empty, ``.`` or ``..`` part and no leading ``/``: relpath
    then only drops the common leading folders (it would also call ``getcwd()``
    twice). Anything else goes to relpath itself.
    """
    parts = target.split("/")
    base = [] if start == "." else start.split("/")
    if not (_plain(parts) and _plain(base)):
        return posixpath.relpath(target, start)
    common = 0
    for a, b in zip(parts, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def _plain(parts: list[str]) -> bool:
    return all(part and part != "." and part != ".." for part in parts)


def root_prefix(from_page: str) -> str:
    """``""``, ``"../"``, ``"../../"``… : the way back to the site root from a page."""
    return "../" * from_page.count("/")

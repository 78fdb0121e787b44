"""The field names each kind of file knows, and which link addresses are allowed.

A leaf of the load stage: site.yml's lanes, the validator and the version-2 checks all
ask it, so none of them needs another.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PERSONA_KEYS = ("id", "name", "role", "segment", "quote", "goals", "needs", "pain_points",
                "motivations", "channels", "internal",
                "kind", "image")
JOURNEY_KEYS = ("id", "title", "summary", "type", "status", "personas", "owner", "goal", "raci",
                "pillars", "stages", "touchpoints", "future_of", "language", "internal",
                "goals", "entry", "exit", "sponsor", "lead", "last_reviewed", "platform", "checks")
TOUCHPOINT_KEYS = ("id", "name", "stage", "channel", "timing", "persona", "owner", "does",
                   "thinks", "feels", "emotion", "expectation", "reality", "pain_points",
                   "opportunities", "systems", "data", "next", "content", "internal",
                   "evidence",
                   "by", "description", "key_moment", "props", "frontstage", "backstage", "detail",
                   "image")
CONTENT_KEYS = ("id", "title", "type", "status", "owner", "language", "link", "last_reviewed",
                "internal")
OPPORTUNITY_KEYS = ("title", "effort", "impact", "status", "description", "internal")
PAGE_KEYS = ("id", "title", "order", "internal")
SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel", "")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
"""A URL scheme as urlsplit finds it: a letter, scheme characters, up to the first ':'."""


def link_problem(link: str) -> tuple[str, str] | None:
    """(message, hint) when ``link`` is not an allowed address, else None."""
    try:
        scheme = link_scheme(link)
    except ValueError:
        return f"the link '{link[:60]}' is not a valid address; it is left out", ""
    if scheme not in SAFE_LINK_SCHEMES:
        return (f"the link '{link[:60]}' uses '{scheme}:', which is not allowed; it is left out",
                "use an https:// address")
    return None


def link_scheme(link: str) -> str:
    """``urlsplit(link).scheme.lower()``, ValueError included, without urlsplit's
    cost (~5 µs: every content item has a link) for an ASCII address with a
    scheme and no brackets, which urlsplit reads the same way and cannot refuse."""
    match = _SCHEME.match(link)
    if match and link.isascii() and "[" not in link and "]" not in link:
        return match.group(1).lower()
    return urlsplit(link).scheme.lower()

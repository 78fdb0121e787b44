"""Small pieces every view uses: links, badges, emotions, names, safe URLs.

Views turn model objects into plain values a template only loops over; these are
the shared building blocks. Nothing here renders HTML but the theme's own macros
(:func:`theme_macros`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

import jinja2

from .. import urls
from ..model import Journey, Playbook, Touchpoint
from ..i18n.strings import label

EMOJI = {1: "😫", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
"""Emotion faces, always shown beside the number and its words."""

SAFE_LINK_SCHEMES = ("http", "https", "mailto")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_NOT_IN_KIND = re.compile(r"[^a-z0-9-]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Link:
    """A link as a template needs it: text and a page-relative href."""

    text: str
    href: str
    path: str = ""
    """The target's site-root-relative path (to mark the current page)."""


@dataclass(frozen=True)
class Badge:
    """A coloured label that always carries its text; ``kind`` picks the colour."""

    text: str
    kind: str


@dataclass(frozen=True)
class Emotion:
    value: int
    emoji: str
    label: str
    """Words for the value ("Positive")."""
    short: str
    """The value as a score ("4/5")."""


@dataclass(frozen=True)
class ExternalLink:
    """A link written in the playbook; ``href`` is empty when its scheme is unsafe."""

    text: str
    href: str


class Linker:
    """Page-relative links from one page (``from_page``) to the site's pages."""

    def __init__(self, playbook: Playbook, from_page: str):
        self.playbook = playbook
        self.from_page = from_page

    def href(self, target: str) -> str:
        return urls.relative(target, self.from_page)

    def to(self, text: str, target: str) -> Link:
        return Link(text, self.href(target), target)

    def journey(self, journey: Journey) -> Link:
        return self.to(journey.title, urls.journey(journey.id))

    def touchpoint(self, journey: Journey, tp: Touchpoint) -> Link:
        return self.to(tp.name, urls.touchpoint(journey.id, tp.id))

    def persona(self, persona_id: str) -> Link | None:
        persona = self.playbook.personas.get(persona_id)
        if persona is None:
            return None
        return self.to(persona.name, urls.persona(persona.id))


def team_name(playbook: Playbook, team_id: str) -> str:
    term = playbook.teams.get(team_id)
    return term.name if term else team_id


def channel_name(playbook: Playbook, channel_id: str) -> str:
    term = playbook.channels.get(channel_id)
    return term.name if term else channel_id


def stage_name(journey: Journey, stage_id: str) -> str:
    return next((s.name for s in journey.stages if s.id == stage_id), stage_id)


def persona_of(journey: Journey, tp: Touchpoint) -> str:
    """The persona id of a touchpoint: its own, else the journey's main persona."""
    return tp.persona or (journey.personas[0] if journey.personas else "")


def emotion(t: Mapping[str, str], value: int | None) -> Emotion | None:
    if value is None or value not in EMOJI:
        return None
    return Emotion(value, EMOJI[value], label(t, "emotion", value),
                   t["emotion_of_5"].format(n=value))


def badge(t: Mapping[str, str], group: str, value: str) -> Badge:
    """A badge for an enum value; ``kind`` is a CSS-safe name like ``status-review``."""
    return Badge(label(t, group, value), _badge_kind(group, value))


@lru_cache(maxsize=1024)
def _badge_kind(group: str, value: str) -> str:
    # a handful of enum values, asked for on every row of every page
    return _NOT_IN_KIND.sub("", f"{group}-{value}".lower())


def score(t: Mapping[str, str], value: int | None) -> str:
    """``"3 of 5"``, or the "none" mark when unknown."""
    return t["score_of_5"].format(n=value) if value is not None else t["none"]


@lru_cache(maxsize=32768)  # every content link of a 1,000-journey playbook (24,000)
def safe_href(url: str) -> str:
    """``url`` if it is http(s), mailto or relative; otherwise empty (not linked).

    Remembered: one content item's link shows on its touchpoint page, the inventory
    and the views, and urlsplit is slow.
    """
    cleaned = _INVISIBLE.sub("", url or "")
    if not cleaned:
        return ""
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme and scheme not in SAFE_LINK_SCHEMES:
        return ""
    if not scheme and ":" in cleaned.split("/", 1)[0]:
        return ""  # something urlsplit did not read as a scheme, e.g. "java script:"
    return url.strip()


def external(text: str, url: str) -> ExternalLink:
    return ExternalLink(text or url, safe_href(url))


def lang_code(value: str) -> str:
    """``value`` if it looks like a BCP 47 tag (for ``lang=``), else empty."""
    return value if value and _LANG_RE.match(value) else ""


_MACROS: WeakKeyDictionary[jinja2.Environment, tuple[Mapping[str, str], SiteMacros]] = \
    WeakKeyDictionary()


class SiteMacros:
    """The theme's ``_macros.html`` for one site, made once.

    A template that imports them ``with context`` builds every macro anew for each
    page; they read nothing from a page but ``t``, so one module made with the
    site's strings serves every page. A macro that read any other name would fail
    (undefined is strict), never show a stale value.

    ``badge`` and ``emotion`` show one of a few values on every row of every page:
    their HTML is made once per value (both take a frozen, comparable dataclass).
    ``search_box`` is on every page and differs only by folder depth: made once per
    set of arguments (~13 us a page otherwise).
    """

    def __init__(self, module: Any):
        self._module = module
        self._made: dict[tuple[str, Any], Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not a macro (and no recursion before __init__ ran)
            raise AttributeError(name)
        return getattr(self._module, name)

    def badge(self, value: Badge) -> Any:
        return self._once("badge", value)

    def emotion(self, value: Emotion | None) -> Any:
        return self._once("emotion", value)

    def search_box(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.search_box(*args, **kwargs)
        return self._once("search_box", *args)

    def _once(self, macro: str, *args: Any) -> Any:
        key = (macro, args)
        try:
            html = self._made.get(key)
        except TypeError:  # a value that cannot be a key (a theme's own): made each time
            return getattr(self._module, macro)(*args)
        if html is None:
            html = self._made[key] = getattr(self._module, macro)(*args)
        return html


def theme_macros(env: jinja2.Environment, t: Mapping[str, str]) -> SiteMacros:
    """The theme's macros for a site's pages (``m`` in their templates), made once."""
    made = _MACROS.get(env)
    if made is None or made[0] is not t:
        module = env.get_template("_macros.html").make_module({"t": t})
        made = _MACROS[env] = (t, SiteMacros(module))
    return made[1]

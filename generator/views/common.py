"""What the cross-journey views share: filter controls, counts, script links.

Filters and sorting run in ``theme/assets/js/tables.js`` on plain data
attributes: a row carries ``data-f-<key>="<value>"`` for each filter, and a
cell may carry ``data-sort`` (its sort key). Values from content reach the page
only through Jinja's autoescaping and are compared as strings by the script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from .. import urls
from ..model import Journey, Playbook, Touchpoint
from ..render.common import Badge, Link, Linker, badge
from . import paths

if TYPE_CHECKING:
    from ..render.site import Site

NO_VALUE = "-"
"""The filter value of a row whose field is empty (e.g. content without owner)."""


@dataclass(frozen=True)
class Option:
    value: str
    text: str


@dataclass(frozen=True)
class Filter:
    """One ``<select>`` of a table's filter bar: rows match ``data-f-<key>``."""

    key: str
    label: str
    options: tuple[Option, ...]


def make_filter(key: str, label: str, pairs: Iterable[tuple[str, str]], *,
                keep_order: bool = False) -> Filter:
    """A filter over the distinct ``(value, text)`` pairs, sorted by text unless asked."""
    seen: dict[str, str] = {}
    for value, text in pairs:
        seen.setdefault(value or NO_VALUE, text)
    items = list(seen.items())
    if not keep_order:
        items.sort(key=lambda kv: (kv[0] == NO_VALUE, kv[1].casefold(), kv[0]))
    return Filter(key, label, tuple(Option(v, text) for v, text in items))


def tables_script(path: str) -> str:
    """The href of the table script from the page at ``path``."""
    return urls.relative(paths.TABLES_JS, path)


def count_label(t: Mapping[str, str], key: str, n: int) -> str:
    """``t[key + "_one"]`` for 1, else ``t[key]`` with ``{n}``."""
    return t[f"{key}_one"] if n == 1 else t[key].format(n=n)


def journeys_sorted(playbook: Playbook) -> list[Journey]:
    """Journeys in a stable order: by id (the order of every cross-journey table)."""
    return sorted(playbook.journeys.values(), key=lambda j: j.id)


def journeys_by_title(playbook: Playbook) -> list[Journey]:
    """Journeys as a reader scans them: by title (case-insensitive), then id."""
    return sorted(playbook.journeys.values(), key=lambda j: (j.title.casefold(), j.id))


def page_context(site: Site, path: str) -> dict:
    """What every view template gets besides its own data: its script and style sheet."""
    return {"tables_js": tables_script(path), "views_css": urls.relative(paths.VIEWS_CSS, path)}


def persona_label(playbook: Playbook, persona_id: str) -> str:
    persona = playbook.personas.get(persona_id)
    return persona.name if persona else persona_id


class Lookup:
    """Links, names and badges that a view's rows repeat, each made once per page.

    A table of a large playbook names the same journey, touchpoint, stage, channel,
    team and status in thousands of rows; :mod:`journeydocs.render.common` makes each
    afresh (a dict of terms per name, a regex per badge, a relative path per link).
    Every value here is what those functions return for the same arguments: a memo
    key holds everything the value is made from.
    """

    def __init__(self, site: Site, link: Linker):
        self.t = site.t
        self.link = link
        config = site.playbook.config
        self._channels = {term.id: term.name for term in config.channels}
        self._teams = {term.id: term.name for term in config.teams}
        self._journeys: dict[tuple[str, str], Link] = {}
        self._touchpoints: dict[tuple[str, str, str], Link] = {}
        self._stages: dict[int, tuple[Journey, dict[str, str]]] = {}
        self._badges: dict[tuple[str, str], Badge] = {}
        self._personas: dict[str, Link | None] = {}

    def journey(self, journey: Journey) -> Link:
        """``link.journey(journey)``."""
        key = (journey.id, journey.title)
        found = self._journeys.get(key)
        if found is None:
            found = self._journeys[key] = self.link.journey(journey)
        return found

    def touchpoint(self, journey: Journey, tp: Touchpoint) -> Link:
        """``link.touchpoint(journey, tp)``."""
        key = (journey.id, tp.id, tp.name)
        found = self._touchpoints.get(key)
        if found is None:
            found = self._touchpoints[key] = self.link.touchpoint(journey, tp)
        return found

    def persona(self, persona_id: str) -> Link | None:
        """``link.persona(persona_id)``."""
        if persona_id not in self._personas:
            self._personas[persona_id] = self.link.persona(persona_id)
        return self._personas[persona_id]

    def stage(self, journey: Journey, stage_id: str) -> str:
        """``stage_name(journey, stage_id)``: the first of the journey's stages with the id."""
        known = self._stages.get(id(journey))
        if known is None or known[0] is not journey:
            names: dict[str, str] = {}
            for term in journey.stages:
                names.setdefault(term.id, term.name)
            known = self._stages[id(journey)] = (journey, names)
        return known[1].get(stage_id, stage_id)

    def channel(self, channel_id: str) -> str:
        """``channel_name(playbook, channel_id)``."""
        return self._channels.get(channel_id, channel_id)

    def team(self, team_id: str) -> str:
        """``team_name(playbook, team_id)``."""
        return self._teams.get(team_id, team_id)

    def badge(self, group: str, value: str) -> Badge:
        """``badge(t, group, value)``."""
        key = (group, value)
        found = self._badges.get(key)
        if found is None:
            found = self._badges[key] = badge(self.t, group, value)
        return found

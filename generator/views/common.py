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
from ..model import Journey, Playbook
from . import paths

if TYPE_CHECKING:
    from ..render import Site

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


def page_context(site: Site, path: str) -> dict:
    """What every view template gets besides its own data: its script and style sheet."""
    return {"tables_js": tables_script(path), "views_css": urls.relative(paths.VIEWS_CSS, path)}


def persona_label(playbook: Playbook, persona_id: str) -> str:
    persona = playbook.personas.get(persona_id)
    return persona.name if persona else persona_id

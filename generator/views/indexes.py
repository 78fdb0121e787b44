"""Indexes: journeys by persona, stage, status and type; personas by segment.

The Health page is :mod:`.health`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import JOURNEY_STATUSES, JOURNEY_TYPES, Journey, Playbook
from ..render.common import Linker
from ..i18n.strings import label
from . import paths
from .common import Lookup, journeys_sorted, page_context
from .compare import pairs, site_title

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site


def by_title(journeys) -> list[Journey]:
    return sorted(journeys, key=lambda j: (j.title.casefold(), j.id))


def journeys_by_stage(playbook: Playbook) -> list[tuple[str, list[Journey]]]:
    """(stage name, journeys with a touchpoint in it): site stages first, then journeys' own.

    Stages are keyed by name (case-insensitive) so a journey's own "Buy" and the
    site's "Buy" are one entry.
    """
    names: dict[str, str] = {}
    members: dict[str, dict[str, Journey]] = defaultdict(dict)
    ordered = [s for s in playbook.config.stages]
    ordered += [s for j in journeys_sorted(playbook) for s in j.stages]
    for term in ordered:
        names.setdefault(term.name.casefold(), term.name)
    for journey in journeys_sorted(playbook):
        used = {tp.stage for tp in journey.touchpoints}
        for term in journey.stages:
            if term.id in used:
                members[term.name.casefold()][journey.id] = journey
    return [(names[key], by_title(members[key].values())) for key in names if members[key]]


def journeys_by_persona(playbook: Playbook) -> list[tuple[str, list[Journey]]]:
    personas = sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    return [(p.id, by_title(playbook.journeys_of(p.id))) for p in personas]


def personas_by_segment(playbook: Playbook) -> list[tuple[str, list[str]]]:
    """(segment, persona ids by name); personas without a segment come last under ""."""
    groups: dict[str, list] = defaultdict(list)
    for p in sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id)):
        groups[p.segment].append(p.id)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))


def indexes_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.INDEXES
    link = Linker(playbook, path)
    look = Lookup(site, link)

    def journeys(items: list[Journey]) -> list[dict]:
        return [{"link": look.journey(j), "status": look.badge("status", j.status),
                 "type": look.badge("type", j.type)} for j in items]

    def group(values, key) -> list[dict]:
        return [{"name": label(t, key, v), "journeys": journeys(by_title(
            j for j in playbook.journeys.values() if getattr(j, key) == v))}
            for v in values if any(getattr(j, key) == v for j in playbook.journeys.values())]

    context = {
        **page_context(site, path),
        "by_persona": [{"persona": link.persona(pid), "journeys": journeys(items)}
                       for pid, items in journeys_by_persona(playbook)],
        "by_stage": [{"name": name, "journeys": journeys(items)}
                     for name, items in journeys_by_stage(playbook)],
        "by_status": group(JOURNEY_STATUSES, "status"),
        "by_type": group(JOURNEY_TYPES, "type"),
        "by_segment": [{"name": segment or t["no_segment"],
                        "personas": [link.persona(pid) for pid in ids]}
                       for segment, ids in personas_by_segment(playbook)],
        "comparisons": [link.to(site_title(c, f), paths.compare(f.id))
                        for c, f in pairs(playbook)],
        "exports": [link.to(text, target) for text, target in (
            (t["export_json"], paths.PLAYBOOK_JSON), (t["export_schema"], paths.PLAYBOOK_SCHEMA),
            (t["export_inventory"], paths.INVENTORY_CSV),
            (t["export_opportunities"], paths.OPPORTUNITIES_CSV))],
    }
    return site.render("views/indexes.html", path, t["indexes_title"], context)

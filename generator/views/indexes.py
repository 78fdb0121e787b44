"""Indexes: journeys by persona, stage, status and type; personas by segment.

The Health page is :mod:`.health`.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote
from typing import TYPE_CHECKING, Iterator

from ..model import JOURNEY_STATUSES, JOURNEY_TYPES, Journey, Playbook
from ..render.common import Linker
from ..render.site import OutputFile
from ..i18n.strings import label
from . import paths
from .exports import export_paths
from .kpis import has_kpis
from . import tables
from .common import Lookup, journeys_sorted, make_filter, page_context
from .tables import Column, Row, Table
from .compare import pairs, site_title

if TYPE_CHECKING:
    from ..render.site import Site


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


def indexes_page(site: Site) -> Iterator[OutputFile]:
    playbook, t = site.playbook, site.t
    path = paths.INDEXES
    link = Linker(playbook, path)
    look = Lookup(site, link)

    def journeys(items: list[Journey]) -> dict:
        return {"items": [{"link": look.journey(j), "status": look.badge("status", j.status),
                           "type": look.badge("type", j.type)} for j in items[:GROUP_SHOWN]],
                "more": max(0, len(items) - GROUP_SHOWN)}

    def group(values, key) -> list[dict]:
        return [{"name": label(t, key, v), "journeys": journeys(by_title(
            j for j in playbook.journeys.values() if getattr(j, key) == v))}
            for v in values if any(getattr(j, key) == v for j in playbook.journeys.values())]

    by_stage = journeys_by_stage(playbook)
    table, filters = journeys_table(site, look, by_stage)
    personas = persona_table(site, look)
    context = {
        **page_context(site, path),
        "table": tables.context(table, path),
        "filters": filters,
        "by_persona": tables.context(personas, path),
        "by_stage": [{"name": name, "journeys": journeys(items)}
                     for name, items in by_stage],
        "by_status": group(JOURNEY_STATUSES, "status"),
        "by_type": group(JOURNEY_TYPES, "type"),
        "by_segment": [{"name": segment or t["no_segment"],
                        "personas": [link.persona(pid) for pid in ids]}
                       for segment, ids in personas_by_segment(playbook)],
        "comparisons": [link.to(site_title(c, f), paths.compare(f.id))
                        for c, f in pairs(playbook)],
        "exports": [link.to(text, target) for text, target in (
            *_parts(t["export_json"], export_paths(playbook, site.today, "json")),
            (t["export_schema"], paths.PLAYBOOK_SCHEMA),
            *_parts(t["export_inventory"], export_paths(playbook, site.today, "inventory")),
            *_parts(t["export_opportunities"],
                    export_paths(playbook, site.today, "opportunities")),
            *([(t["export_kpis"], paths.KPIS_CSV)] if has_kpis(playbook) else []))],
    }
    page = site.render("views/indexes.html", path, t["indexes_title"], context)
    return tables.with_shards(page, table, personas)


PERSONA_SHOWN = 5
"""Journeys a persona's row lists; the rest are its filter of the journeys table."""


def persona_table(site: Site, look: Lookup) -> Table:
    """Journeys by persona as a table for work (a large playbook has thousands of
    personas): each persona with its segment and the first of its journeys (sorted by
    how many it has); "and N more" opens the journeys table filtered to the persona."""
    playbook, t = site.playbook, site.t
    rows = []
    for pid, items in journeys_by_persona(playbook):
        persona = look.persona(pid)
        links = ", ".join(tables.link(look.journey(j).href, look.journey(j).text)
                          for j in items[:PERSONA_SHOWN])
        if len(items) > PERSONA_SHOWN:
            more = t["search_more"].format(n=len(items) - PERSONA_SHOWN)
            links += " " + tables.link(f"?persona={quote(pid)}#all-journeys", more)
        segment = playbook.personas[pid].segment
        rows.append(Row([tables.link(persona.href, persona.text) if persona else tables.cell(pid),
                         tables.cell(segment) if segment else tables.muted(t["no_segment"]),
                         links or tables.muted(t["none"])],
                        [None, None, str(len(items))]))  # journeys sort by how many
    return Table("persona-table", [
        Column("persona", t["persona"], hideable=False), Column("segment", t["segment"]),
        Column("journeys", t["journeys"])], rows, [], t["by_persona"])


def _parts(text: str, files: list[str]) -> list[tuple[str, str]]:
    """(link text, path) of an export's file, or of each of its parts ("…, 2 of 5")."""
    if len(files) == 1:
        return [(text, files[0])]
    return [(f"{text}, {n}/{len(files)}", path) for n, path in enumerate(files, 1)]


GROUP_SHOWN = 25
"""Journeys listed per group; the rest are a filter away in the journeys table."""


def journeys_table(site: Site, look: Lookup,
                   by_stage: list[tuple[str, list[Journey]]]) -> tuple[Table, list]:
    """Every journey (by title) with its personas, stages, status and type: a table for
    work whose persona and stage filters match any of a journey's values."""
    playbook, t = site.playbook, site.t
    stage_keys = {}
    for index, (_, items) in enumerate(by_stage):
        for j in items:  # by id: a Journey's == compares every field
            stage_keys.setdefault(j.id, []).append(f"s{index}")
    columns = [Column("journey", t["journey"], hideable=False),
               Column("status", t["status"]), Column("type", t["type"]),
               Column("personas", t["personas"]), Column("stages", t["stages_covered"])]
    rows = []
    for j in by_title(playbook.journeys.values()):
        link = look.journey(j)
        status, kind = look.badge("status", j.status), look.badge("type", j.type)
        personas = [p for p in (look.persona(pid) for pid in j.personas) if p]
        names = [by_stage[int(key[1:])][0] for key in stage_keys.get(j.id, [])]
        rows.append(Row(
            [tables.link(link.href, link.text), tables.badge(status.kind, status.text),
             tables.badge(kind.kind, kind.text),
             ", ".join(tables.link(p.href, p.text) for p in personas),
             tables.cell(", ".join(names))],
            [j.title, str(JOURNEY_STATUSES.index(j.status)) if j.status in JOURNEY_STATUSES
             else "9", None, None, None],
            ["|".join(j.personas), "|".join(stage_keys.get(j.id, [])), j.status, j.type]))
    personas = sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    filters = [
        make_filter("persona", t["persona"], ((p.id, p.name) for p in personas), keep_order=True),
        make_filter("stage", t["stage"], ((f"s{i}", name) for i, (name, _) in enumerate(by_stage)),
                    keep_order=True),
        make_filter("status", t["status"], ((s, label(t, "status", s)) for s in JOURNEY_STATUSES
                                            if any(j.status == s for j in playbook.journeys.values())),
                    keep_order=True),
        make_filter("type", t["type"], ((s, label(t, "type", s)) for s in JOURNEY_TYPES
                                        if any(j.type == s for j in playbook.journeys.values())),
                    keep_order=True),
    ]
    return Table("journeys-table", columns, rows, [f.key for f in filters],
                 t["all_journeys_table"], "journeys-table"), filters

"""Exports of the built site: the whole model as JSON (with its JSON Schema) and the
content inventory and opportunities as CSV.

JSON is deterministic: keys in a fixed order, objects sorted by id, dates as
ISO strings, no build date. CSV is UTF-8 with a BOM (spreadsheet tools then read
the encoding right), one row per item, and every cell that a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) starts with ``'`` instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Iterable

from .. import urls
from ..load.health import is_stale
from ..model import ContentItem, Journey, Opportunity, Page, Persona, Playbook, Term, Touchpoint
from . import paths
from .common import journeys_sorted
from .kpis import has_kpis, kpi_rows
from .opportunities import opportunities_csv, opportunity_csv_files  # noqa: F401 (read from here too)
from ..render.site import OutputFile
from . import export_parts
from .export_parts import (LISTS, compact, known_parts, pack, part_path, part_text, parts_link,
                           safe_cell, split_csv, to_csv)  # noqa: F401 - safe_cell, to_csv: read from here too
from .export_schema import FORMAT_VERSION, playbook_schema  # noqa: F401 (read from here too)

if TYPE_CHECKING:
    from ..render.site import Site



# --- JSON ---------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """``extra`` values (any YAML) as JSON values; dates as ISO text, keys as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _term(term: Term) -> dict:
    return {"id": term.id, "name": term.name, "description": term.description,
            "messages": term.messages}


def _content(item: ContentItem) -> dict:
    return {"id": item.id, "title": item.title, "type": item.type, "status": item.status,
            "owner": item.owner, "language": item.language, "link": item.link,
            "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else None,
            "extra": _plain(item.extra)}


def _opportunity(o: Opportunity) -> dict:
    return {"title": o.title, "description": o.description, "effort": o.effort,
            "impact": o.impact, "status": o.status, "priority": round(o.priority, 4)}


def _goal(g) -> dict:
    return {"metric": g.metric, "target": g.target, "baseline": g.baseline, "actual": g.actual,
            "measured_on": g.measured_on.isoformat() if g.measured_on else None,
            "source": g.source}


def _touchpoint(j: Journey, tp: Touchpoint) -> dict:
    return {"id": tp.id, "name": tp.name, "stage": tp.stage, "channel": tp.channel or None,
            "timing": tp.timing, "persona": tp.persona, "owner": tp.owner, "does": tp.does,
            "thinks": tp.thinks, "feels": tp.feels, "emotion": tp.emotion,
            "expectation": tp.expectation, "reality": tp.reality,
            "pain_points": list(tp.pain_points),
            "opportunities": [_opportunity(o) for o in tp.opportunities],
            "systems": list(tp.systems), "data": list(tp.data), "next": list(tp.next), "ends": tp.ends,
            "content": [_content(c) for c in tp.content], "extra": _plain(tp.extra),
            "by": tp.by, "description": tp.description, "key_moment": tp.key_moment,
            "props": list(tp.props), "frontstage": list(tp.frontstage),
            "backstage": list(tp.backstage),
            "branches": [{"to": to, "when": tp.next_when.get(to, "")} for to in tp.next],
            "detail": tp.detail or None, "lanes": _plain(tp.lanes),
            # the picture's path in the built site, beside exports/ (import copies it back)
            "image": urls.touchpoint_image(j.id, tp.id, tp.image) if tp.image_file else None}


def _journey(j: Journey) -> dict:
    return {"id": j.id, "title": j.title, "summary": j.summary, "type": j.type,
            "status": j.status, "personas": list(j.personas), "owner": j.owner,
            "goal": {"metric": j.goal.metric, "target": j.goal.target} if j.goal else None,
            "goals": [_goal(g) for g in j.goals],
            "entry": {"trigger": j.entry.trigger, "source": j.entry.source,
                      "criteria": list(j.entry.criteria), "re_entry": j.entry.re_entry},
            "exit": list(j.exit), "sponsor": j.sponsor, "lead": j.lead,
            "last_reviewed": j.last_reviewed.isoformat() if j.last_reviewed else None,
            "platform": dataclasses.asdict(j.platform), "checks": dict(j.checks),
            "raci": {"responsible": list(j.raci.responsible),
                     "accountable": list(j.raci.accountable),
                     "consulted": list(j.raci.consulted), "informed": list(j.raci.informed)},
            "pillars": dataclasses.asdict(j.pillars), "stages": [_term(s) for s in j.stages],
            "own_stages": j.own_stages, "future_of": j.future_of or None,
            "language": j.language, "touchpoints": [_touchpoint(j, tp) for tp in j.touchpoints],
            "body": j.body, "source": j.where.path, "extra": _plain(j.extra)}


def _persona(p: Persona) -> dict:
    return {"id": p.id, "name": p.name, "role": p.role, "segment": p.segment, "quote": p.quote,
            "goals": list(p.goals), "needs": list(p.needs), "pain_points": list(p.pain_points),
            "motivations": list(p.motivations), "channels": list(p.channels), "body": p.body,
            "kind": p.kind,
            "source": p.where.path, "extra": _plain(p.extra)}


def _page(p: Page) -> dict:
    return {"id": p.id, "title": p.title, "order": p.order, "body": p.body,
            "source": p.where.path}


def playbook_data(playbook: Playbook, *, journeys: bool = True) -> dict:
    """The whole model as JSON-ready data (what ``exports/playbook.json`` holds)."""
    c = playbook.config
    return {
        "$schema": "playbook.schema.json",
        "format": FORMAT_VERSION,
        "site": {"title": c.title, "description": c.description, "language": c.language,
                 "base_url": c.base_url, "review_after_days": c.review_after_days,
                 "max_messages_per_day": c.max_messages_per_day,
                 "stages": [_term(s) for s in c.stages],
                 "channels": [_term(s) for s in c.channels],
                 "teams": [_term(s) for s in c.teams], "extra": _plain(c.extra),
                 "phases": [{"id": p.id, "name": p.name, "stages": list(p.stages)}
                            for p in c.phases],
                 "lanes": [{"id": lane.id, "name": lane.name, "kind": lane.kind,
                            "min": lane.min, "max": lane.max} for lane in c.lanes],
                 "checks": dict(c.checks)},
        "personas": [_persona(p) for p in sorted(playbook.personas.values(), key=lambda p: p.id)],
        "journeys": [_journey(j) for j in journeys_sorted(playbook)] if journeys else [],
        "pages": [_page(p) for p in sorted(playbook.pages.values(), key=lambda p: p.id)],
    }


def _lazy_playbook_data(playbook: Playbook) -> dict:
    """:func:`playbook_data` with each journey's data made only when it is written."""
    data = playbook_data(playbook, journeys=False)
    data["journeys"] = _Lazy(journeys_sorted(playbook), _journey)
    return data


def to_json(data: Any, limit: int | None = None) -> bytes | None:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, as UTF-8;
    ``None`` as soon as it is known to be longer than ``limit`` bytes (if given).

    json's indented output runs in pure Python; :func:`_indented` writes the same
    bytes about four times faster for the plain values an export holds (and hands
    anything else back to json itself). The text is encoded a piece at a time, so a
    large export never holds its millions of small strings, or all its text, at once.
    """
    out: list[str] = []
    encoded = _Encoded(limit)
    try:
        _indented(data, "\n", out, encoded)
    except _NotPlain:
        text = json.dumps(_materialized(data), ensure_ascii=False, indent=2)
        data = (text + "\n").encode("utf-8")
        return None if limit is not None and len(data) > limit else data
    except _TooLong:
        return None
    encoded.append(("".join(out) + "\n").encode("utf-8"))
    joined = b"".join(encoded)
    return None if limit is not None and len(joined) > limit else joined


class _TooLong(Exception):
    """The export being written is longer than its limit."""


class _Encoded(list):
    """The encoded pieces of an export, counting their bytes up to a limit."""

    def __init__(self, limit: int | None):
        super().__init__()
        self.limit, self.size = limit, 0

    def append(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.limit is not None and self.size > self.limit:
            raise _TooLong
        super().append(piece)


class _NotPlain(Exception):
    """A value :func:`_indented` leaves to json (e.g. a non-text key, a NaN)."""


class _Lazy(list):
    """A JSON array whose items are made one at a time (``make(item)`` per source item)."""

    def __init__(self, items: Iterable[Any], make: Any):
        super().__init__(items)
        self.make = make


def _materialized(value: Any) -> Any:
    """``value`` with every :class:`_Lazy` list made in full (for json.dumps)."""
    if type(value) is _Lazy:
        return [_materialized(value.make(item)) for item in value]
    if type(value) is dict:
        return {key: _materialized(item) for key, item in value.items()}
    return value


_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses
_FLUSH = 4096
"""Pieces of text held before they are joined and encoded."""


def _indented(value: Any, newline: str, out: list[str], encoded: list[bytes]) -> None:
    """Append ``value`` as json.dumps(indent=2) writes it at the depth ``newline`` opens."""
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotPlain
        out.append(float.__repr__(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opener = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            if type(item) is str:  # most values: written here rather than by a call
                out.append(opener + _string(key) + ": " + _string(item))
            else:
                out.append(opener + _string(key) + ": ")
                _indented(item, inner, out, encoded)
            opener = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple or kind is _Lazy:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opener = "[" + inner
        make = value.make if kind is _Lazy else None
        for item in value:
            if make is None and type(item) is str:
                out.append(opener + _string(item))
            else:
                out.append(opener)
                _indented(make(item) if make else item, inner, out, encoded)
            opener = "," + inner
            if len(out) > _FLUSH:
                encoded.append("".join(out).encode("utf-8"))
                out.clear()
        out.append(newline + "]")
    else:
        raise _NotPlain


# --- CSV ----------------------------------------------------------------------------

INVENTORY_COLUMNS = ["journey_id", "journey", "touchpoint_id", "touchpoint", "stage", "channel",
                     "content_id", "title", "type", "status", "owner", "language",
                     "last_reviewed", "stale", "link"]


def inventory_csv(playbook: Playbook, today: dt.date) -> bytes:
    days = playbook.config.review_after_days
    rows = ([j.id, j.title, tp.id, tp.name, tp.stage, tp.channel, item.id, item.title,
             item.type, item.status, item.owner, item.language,
             item.last_reviewed.isoformat() if item.last_reviewed else "",
             "yes" if is_stale(item, days, today, j) else "no", item.link]
            for j in journeys_sorted(playbook) for tp in j.touchpoints for item in tp.content)
    return to_csv(INVENTORY_COLUMNS, rows)


KPI_COLUMNS = ["journey_id", "journey", "metric", "baseline", "actual", "target",
               "measured_on", "source"]


def kpis_csv(playbook: Playbook) -> bytes:
    """Every KPI of every journey (journeys by title): baseline → actual against target."""
    return to_csv(KPI_COLUMNS, ([r.journey.id, r.journey.title, r.goal.metric, r.goal.baseline,
                                 r.goal.actual, r.goal.target,
                                 r.goal.measured_on.isoformat() if r.goal.measured_on else "",
                                 r.goal.source] for r in kpi_rows(playbook)))


def export_files(site: Site) -> list[OutputFile]:
    playbook = site.playbook
    kpis = [OutputFile(paths.KPIS_CSV, kpis_csv(playbook))] if has_kpis(playbook) else []
    return [*kpis,
        *(OutputFile(p, b) for p, b in playbook_json_files(playbook)),
        OutputFile(paths.PLAYBOOK_SCHEMA, to_json(playbook_schema())),
        *(OutputFile(p, b) for p, b in split_csv(paths.INVENTORY_CSV,
                                                 inventory_csv(playbook, site.today))),
        *(OutputFile(p, b) for p, b in opportunity_csv_files(playbook)),
    ]


def export_paths(playbook: Playbook, today: dt.date, which: str) -> list[str]:
    """The files of the export ``which`` (``json``, ``inventory``, ``opportunities``):
    the one file, or its parts; what the views link to."""
    if which == "json":
        return known_parts(playbook, "json", playbook_json_files)
    if which == "inventory":
        return known_parts(playbook, ("inventory", today), lambda pb: split_csv(
            paths.INVENTORY_CSV, inventory_csv(pb, today)))
    return known_parts(playbook, "opportunities", opportunity_csv_files)


def csv_link(playbook: Playbook, today: dt.date, which: str, href) -> tuple[str, bool]:
    """(href, download) of a view's "Download CSV" (see :func:`.export_parts.parts_link`)."""
    return parts_link(export_paths(playbook, today, which), href)


def playbook_json_files(playbook: Playbook) -> list[tuple[str, bytes]]:
    """``exports/playbook.json``, indented as ever when it fits :data:`EXPORT_BYTES`.

    A larger playbook is written compactly (nobody reads 30 MB by eye; it is a third
    smaller) in parts of at most :data:`EXPORT_BYTES`: each part is a playbook.json
    of the same schema (``site`` and the three lists, ``part`` its number) holding the
    next personas, journeys and pages in order; ``playbook.json`` is the first part
    and lists the others' file names in ``parts``, so its reader finds every one."""
    small = to_json(_lazy_playbook_data(playbook), limit=export_parts.EXPORT_BYTES)
    if small is not None:
        return [(paths.PLAYBOOK_JSON, small)]
    head = playbook_data(playbook, journeys=False)
    made = {"personas": head["personas"], "pages": head["pages"],
            "journeys": _Lazy(journeys_sorted(playbook), _journey)}
    items = [(key, compact(item if key != "journeys" else made[key].make(item)))
             for key in LISTS for item in made[key]]
    envelope = {"$schema": head["$schema"], "format": FORMAT_VERSION, "site": head["site"]}
    reserve = 0
    while True:
        parts = pack(items, envelope, reserve)
        names = [part_path(paths.PLAYBOOK_JSON, n).rpartition("/")[2]
                 for n in range(2, len(parts) + 1)]
        needed = len(compact(names).encode("utf-8")) + len(',"parts":')
        if needed <= reserve:
            break
        reserve = needed + 64
    out = []
    for number, part in enumerate(parts, 1):
        extra = {"parts": names} if number == 1 else {"part": number}
        out.append((paths.PLAYBOOK_JSON if number == 1 else
                    part_path(paths.PLAYBOOK_JSON, number), part_text(envelope, extra, part)))
    return out

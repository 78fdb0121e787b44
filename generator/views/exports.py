"""Exports of the built site: the whole model as JSON (with its JSON Schema) and the
content inventory and opportunities as CSV.

JSON is deterministic: keys in a fixed order, objects sorted by id, dates as
ISO strings, no build date. CSV is UTF-8 with a BOM (spreadsheet tools then read
the encoding right), one row per item, and every cell that a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) starts with ``'`` instead.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Iterable

from .. import urls
from ..load.health import is_stale
from ..model import (CHECK_LEVELS, LANE_KINDS, PERSONA_KINDS, STEP_PLACES, CONTENT_STATUSES, JOURNEY_STATUSES, JOURNEY_TYPES, OPPORTUNITY_STATUSES,
                     UI_LANGUAGES, ContentItem, Journey, Opportunity, Page, Persona, Playbook,
                     Term, Touchpoint)
from . import paths
from .common import journeys_sorted
from .kpis import has_kpis, kpi_rows
from .opportunities import ranked
from ..render.site import OutputFile

if TYPE_CHECKING:
    from ..render.site import Site

FORMAT_VERSION = 1
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
            "systems": list(tp.systems), "data": list(tp.data), "next": list(tp.next),
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


def to_json(data: Any) -> bytes:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, as UTF-8.

    json's indented output runs in pure Python; :func:`_indented` writes the same
    bytes about four times faster for the plain values an export holds (and hands
    anything else back to json itself). The text is encoded a piece at a time, so a
    large export never holds its millions of small strings, or all its text, at once.
    """
    out: list[str] = []
    encoded: list[bytes] = []
    try:
        _indented(data, "\n", out, encoded)
    except _NotPlain:
        text = json.dumps(_materialized(data), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    encoded.append(("".join(out) + "\n").encode("utf-8"))
    return b"".join(encoded)


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


# --- JSON Schema --------------------------------------------------------------------

def _obj(props: dict[str, Any], required: Iterable[str] | None = None) -> dict:
    """A closed object: every listed key required (the export always writes them all)."""
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": list(props) if required is None else list(required)}


def playbook_schema() -> dict:
    """JSON Schema (2020-12) of ``exports/playbook.json``."""
    text = {"type": "string"}
    texts = {"type": "array", "items": text}
    slug = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
    slugs = {"type": "array", "items": slug}
    score = {"type": ["integer", "null"], "minimum": 1, "maximum": 5}
    extra = {"type": "object"}
    term = {"$ref": "#/$defs/term"}
    number = {"type": ["number", "null"]}
    date = {"oneOf": [{"type": "null"}, {"type": "string", "format": "date"}]}
    checks = {"type": "object", "additionalProperties": {"enum": list(CHECK_LEVELS)}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "playbook.schema.json",
        "title": "journeydocs playbook export",
        "description": "The whole playbook model, as written by journeydocs to exports/playbook.json.",
        **_obj({
            "$schema": text,
            "format": {"const": FORMAT_VERSION},
            "site": _obj({
                "title": text, "description": text, "language": {"enum": list(UI_LANGUAGES)},
                "base_url": text, "review_after_days": {"type": "integer", "minimum": 1},
                "max_messages_per_day": {"type": "integer", "minimum": 1},
                "stages": {"type": "array", "items": term},
                "channels": {"type": "array", "items": term},
                "teams": {"type": "array", "items": term}, "extra": extra,
                "phases": {"type": "array", "items": _obj({"id": slug, "name": text,
                                                           "stages": slugs})},
                "lanes": {"type": "array", "items": _obj({
                    "id": text, "name": text, "kind": {"enum": list(LANE_KINDS)},
                    "min": number, "max": number})},
                "checks": checks}),
            "personas": {"type": "array", "items": {"$ref": "#/$defs/persona"}},
            "journeys": {"type": "array", "items": {"$ref": "#/$defs/journey"}},
            "pages": {"type": "array", "items": {"$ref": "#/$defs/page"}},
        }),
        "$defs": {
            "term": _obj({"id": slug, "name": text, "description": text,
                          "messages": {"type": "boolean"}}),
            "persona": _obj({"id": slug, "name": text, "role": text, "segment": text,
                             "quote": text, "goals": texts, "needs": texts,
                             "pain_points": texts, "motivations": texts, "channels": slugs,
                             "body": text, "source": text, "extra": extra,
                             "kind": {"enum": list(PERSONA_KINDS)}}),
            "page": _obj({"id": {"type": "string"}, "title": text, "order": {"type": "integer"},
                          "body": text, "source": text}),
            "journey": _obj({
                "id": slug, "title": text, "summary": text, "type": {"enum": list(JOURNEY_TYPES)},
                "status": {"enum": list(JOURNEY_STATUSES)}, "personas": slugs, "owner": text,
                "goal": {"oneOf": [{"type": "null"},
                                   _obj({"metric": text, "target": text}, ["metric"])]},
                "raci": _obj({role: slugs for role in
                              ("responsible", "accountable", "consulted", "informed")}),
                "pillars": _obj({k: text for k in ("audience", "data", "content", "channels")}),
                "stages": {"type": "array", "items": term},
                "own_stages": {"type": "boolean"},
                "future_of": {"oneOf": [{"type": "null"}, slug]},
                "language": text,
                "touchpoints": {"type": "array", "items": {"$ref": "#/$defs/touchpoint"}},
                "body": text, "source": text, "extra": extra,
                "goals": {"type": "array", "items": _obj({
                    "metric": text, "target": text, "baseline": text, "actual": text,
                    "measured_on": date, "source": text})},
                "entry": _obj({"trigger": text, "source": text, "criteria": texts,
                               "re_entry": text}),
                "exit": texts, "sponsor": text, "lead": text, "last_reviewed": date,
                "platform": _obj({k: text for k in ("tool", "id", "url", "version", "status")}),
                "checks": checks}),
            "touchpoint": _obj({
                "id": slug, "name": text, "stage": slug,
                "channel": {"oneOf": [{"type": "null"}, slug]}, "timing": text,
                "persona": text, "owner": text, "does": text, "thinks": text, "feels": text,
                "emotion": score, "expectation": text, "reality": text, "pain_points": texts,
                "opportunities": {"type": "array", "items": {"$ref": "#/$defs/opportunity"}},
                "systems": texts, "data": texts, "next": slugs,
                "content": {"type": "array", "items": {"$ref": "#/$defs/content"}},
                "extra": extra,
                "by": {"enum": list(STEP_PLACES)}, "description": text, "key_moment": text,
                "props": texts, "frontstage": texts, "backstage": texts,
                "branches": {"type": "array", "items": _obj({"to": slug, "when": text})},
                "detail": {"oneOf": [{"type": "null"}, slug]},
                "lanes": {"type": "object", "description": "custom lane id → value"},
                "image": {"oneOf": [{"type": "null"}, {
                    "type": "string", "pattern": "^media/touchpoints/[a-z0-9-]+/[a-z0-9-]+\\.[a-z]+$",
                    "description": "the picture (storyboard frame), relative to the site"}]}}),
            "opportunity": _obj({
                "title": text, "description": text, "effort": score, "impact": score,
                "status": {"enum": list(OPPORTUNITY_STATUSES)},
                "priority": {"type": "number", "exclusiveMinimum": 0,
                             "description": "impact ÷ effort; a missing score counts as 3"}}),
            "content": _obj({
                "id": slug, "title": text, "type": text,
                "status": {"enum": list(CONTENT_STATUSES)}, "owner": text, "language": text,
                "link": text,
                "last_reviewed": {"oneOf": [{"type": "null"},
                                            {"type": "string", "format": "date"}]},
                "extra": extra}),
        },
    }


# --- CSV ----------------------------------------------------------------------------

def safe_cell(value: object) -> str:
    """The cell text, with a leading ``'`` where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


INVENTORY_COLUMNS = ["journey_id", "journey", "touchpoint_id", "touchpoint", "stage", "channel",
                     "content_id", "title", "type", "status", "owner", "language",
                     "last_reviewed", "stale", "link"]
OPPORTUNITY_COLUMNS = ["rank", "title", "journey_id", "journey", "touchpoint_id", "touchpoint",
                       "stage", "effort", "impact", "priority", "quadrant", "status"]


def inventory_csv(playbook: Playbook, today: dt.date) -> bytes:
    days = playbook.config.review_after_days
    rows = ([j.id, j.title, tp.id, tp.name, tp.stage, tp.channel, item.id, item.title,
             item.type, item.status, item.owner, item.language,
             item.last_reviewed.isoformat() if item.last_reviewed else "",
             "yes" if is_stale(item, days, today, j) else "no", item.link]
            for j in journeys_sorted(playbook) for tp in j.touchpoints for item in tp.content)
    return to_csv(INVENTORY_COLUMNS, rows)


def opportunities_csv(playbook: Playbook) -> bytes:
    rows = ([r.rank, r.opportunity.title, r.journey.id, r.journey.title, r.touchpoint.id,
             r.touchpoint.name, r.touchpoint.stage, r.opportunity.effort or "",
             r.opportunity.impact or "", f"{r.opportunity.priority:.2f}", r.quadrant,
             r.opportunity.status] for r in ranked(playbook))
    return to_csv(OPPORTUNITY_COLUMNS, rows)


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
        OutputFile(paths.PLAYBOOK_JSON, to_json(_lazy_playbook_data(playbook))),
        OutputFile(paths.PLAYBOOK_SCHEMA, to_json(playbook_schema())),
        OutputFile(paths.INVENTORY_CSV, inventory_csv(playbook, site.today)),
        OutputFile(paths.OPPORTUNITIES_CSV, opportunities_csv(playbook)),
    ]

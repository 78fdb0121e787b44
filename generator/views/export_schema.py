"""The JSON Schema (2020-12) of ``exports/playbook.json`` and of each part of a split
export (:func:`journeydocs.views.exports.playbook_json_files`)."""

from __future__ import annotations

from typing import Any, Iterable

from ..model import (CHECK_LEVELS, CONTENT_STATUSES, JOURNEY_STATUSES, JOURNEY_TYPES,
                     LANE_KINDS, OPPORTUNITY_STATUSES, PERSONA_KINDS, STEP_PLACES,
                     UI_LANGUAGES)

FORMAT_VERSION = 1


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
            "parts": {"type": "array", "items": {"type": "string",
                                                 "pattern": "^playbook-[0-9]+\\.json$"},
                      "description": "A split export: the other files holding the rest of "
                                     "the personas, journeys and pages (this file is part 1)."},
            "part": {"type": "integer", "minimum": 2,
                     "description": "A split export: which part this file is."},
        }, ["$schema", "format", "site", "personas", "journeys", "pages"]),
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
                "ends": {"type": "boolean", "description": "next: [] was written: the journey ends here"},
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

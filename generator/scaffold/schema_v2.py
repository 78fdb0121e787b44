"""The JSON Schema parts of the fields version 2 of the content model adds.

:mod:`journeydocs.scaffold.schema` builds each file kind's schema and calls these to add the
version-2 fields, so both stay in step with the checker (``tests/test_schema.py``).
With a project's vocabulary, the custom lanes site.yml declares become touchpoint
properties of their kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..load.checks import CHECKS
from ..model import CHECK_LEVELS, LANE_KINDS, PERSONA_KINDS, STEP_PLACES
from .schema_blocks import choice, date, integer, mapping, mappings, ref, slug, text, text_list

if TYPE_CHECKING:
    from .schema import Vocabulary

Schema = dict[str, Any]


def checks_schema(description: str) -> Schema:
    """``checks:`` — a level per warning code (``off`` is YAML's false); an unknown
    code is only a warning, so other keys are allowed."""
    level: Schema = {"enum": [*CHECK_LEVELS, False]}
    return {"description": description, "type": ["object", "null"],
            "properties": {code: dict(level, description=about) for code, about in CHECKS.items()},
            "additionalProperties": level}


def site_properties() -> dict[str, Schema]:
    phase = mapping("A named group of consecutive stages.", {
        "id": slug("The phase's id.", required=True),
        "name": text("The name readers see."),
        "description": text("A longer explanation."),
        "stages": {"description": "Stage ids of site.yml, in stage order.", "anyOf": [
            {"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]},
    }, ("id", "stages"))
    lane = mapping("A custom lane: a touchpoint field of this playbook's own.", {
        "id": {"description": "The touchpoint field that fills it (a-z, 0-9, '_').",
               "type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "name": text("The name readers see."),
        "kind": choice("What the lane holds.", LANE_KINDS, "text"),
        "min": {"description": "Ratings: the lowest value.", "type": ["number", "null"]},
        "max": {"description": "Ratings: the highest value.", "type": ["number", "null"]},
        "description": text("A longer explanation."),
    }, ("id",))
    lane["allOf"] = [{"if": {"properties": {"kind": {"const": "rating"}}, "required": ["kind"]},
                      "then": {"required": ["min", "max"],
                               "properties": {"min": {"type": "number"},
                                              "max": {"type": "number"}}}}]
    return {
        "phases": mappings("Named groups of consecutive stages, in stage order.", phase),
        "lanes": mappings("Custom lanes any touchpoint may fill.", lane),
        "checks": checks_schema("What each warning is: off, warning or error, by its code."),
    }


def persona_properties() -> dict[str, Schema]:
    return {"kind": choice("customer, or the staff and partners behind a service.",
                           PERSONA_KINDS, "customer"),
            "image": text("A picture (.png, .jpg, .jpeg, .gif, .webp, .avif), relative to "
                          "the content folder; without one the initials are shown.")}


def goal_schema(description: str) -> Schema:
    return mapping(description, {
        "metric": text("What is measured.", required=True),
        "target": text("The number aimed for."),
        "baseline": text("The value before the journey changed."),
        "actual": text("The latest measured value."),
        "measured_on": date("When the actual value was measured."),
        "source": text("Where the numbers come from: a link or a line of text."),
    }, ("metric",))


def journey_properties(vocab: Vocabulary | None) -> dict[str, Schema]:
    return {
        "goal": {"description": "One KPI: a line, or metric, baseline, target, actual…",
                 "anyOf": [{"type": ["string", "null"]}, goal_schema("")]},
        "goals": mappings("The journey's KPIs.", goal_schema("A KPI.")),
        "entry": {"description": "How people enter the journey.", "anyOf": [
            {"type": ["string", "null"]},
            mapping("", {"trigger": text("The event or moment that starts it."),
                         "source": text("Where entries come from."),
                         "criteria": text_list("Conditions to enter."),
                         "re_entry": text("Whether and when a person may enter again.")})]},
        "exit": text_list("When people leave the journey, goal reached or not."),
        "sponsor": text("The person who sponsors the journey."),
        "lead": text("The person who leads the journey."),
        "last_reviewed": date("When the journey as a whole was last reviewed."),
        "platform": mapping("Where the journey runs, if it is automated.", {
            key: text(about) for key, about in (
                ("tool", "The tool, e.g. Journey Builder."), ("id", "The journey's id there."),
                ("url", "A link to the journey in the tool."), ("version", "Its version."),
                ("status", "Its status in the tool."))}, nullable=True),
        "checks": checks_schema("This journey's own overrides of site.yml's checks:."),
    }


def touchpoint_properties(vocab: Vocabulary | None, next_schema: Schema) -> dict[str, Schema]:
    branch = mapping("A labelled branch.", {
        "to": ref("A touchpoint id of this journey.", None, required=True),
        "when": text("When this branch is taken.")}, ("to",))
    branch.pop("description")
    items = next_schema["anyOf"][-1]
    items["items"] = {"anyOf": [items["items"], branch]}
    properties: dict[str, Schema] = {
        "next": next_schema,
        "by": choice("Where the step happens (its blueprint lane).", STEP_PLACES, "customer"),
        "description": text("Free Markdown about the step."),
        "key_moment": text("Marks a moment that matters; the text says why."),
        "props": text_list("Physical evidence: what the customer sees or touches."),
        "frontstage": text_list("Work done in view of the customer."),
        "backstage": text_list("Work done out of view."),
        "detail": ref("A journey that zooms into this step.", vocab.journeys if vocab else None),
        "image": text("A picture of the step (.png, .jpg, .jpeg, .gif, .webp, .avif), relative "
                      "to the content folder: the journey map's storyboard lane shows it."),
    }
    for lane in getattr(vocab, "lanes", None) or []:
        properties[lane.id] = lane_schema(lane)
    return properties


def lane_schema(lane) -> Schema:
    """A declared lane as a touchpoint property of its kind."""
    about = f"{lane.name} (a custom lane)."
    if lane.kind == "list":
        return text_list(about)
    if lane.kind == "rating":
        return {"description": about, "type": ["number", "null"], "minimum": lane.min,
                "maximum": lane.max}
    return text(about)


__all__ = ["checks_schema", "integer", "journey_properties", "persona_properties",
           "site_properties", "touchpoint_properties"]

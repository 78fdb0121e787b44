"""JSON Schemas of the playbook's files, for editors that validate YAML as people type.

One schema per file kind — ``site.yml``, a persona's front matter, a journey's front
matter, a free page's front matter — built from one Python description below that
reuses the checker's own constants (field names, enums, ranges). With a project's
:class:`Vocabulary`, stage, channel, team, persona and journey
ids become enums, so an editor underlines ``stage: discovr`` before the file is saved.

The checker stays the authority: it also finds what a per-file schema cannot see
(duplicate ids, ``next`` branches to unknown touchpoints, ids in a journey's own
``stages``, YAML syntax). ``tests/test_schema.py`` runs both on a corpus of valid and
invalid files and requires the same verdict.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.config import DIAGRAM_MODES, KNOWN_KEYS as SITE_KEYS
from ..model import (CONTENT_STATUSES, JOURNEY_STATUSES, JOURNEY_TYPES, OPPORTUNITY_STATUSES,
                    RACI_ROLES, ROBOTS, UI_LANGUAGES)
from ..share.audience import INTERNAL_FIELD_CHOICES
from ..load.validate import (CONTENT_KEYS, JOURNEY_KEYS, OPPORTUNITY_KEYS, PAGE_KEYS, PERSONA_KEYS,
                       TOUCHPOINT_KEYS)
from .. import model
from .schema_blocks import (SCALARS, SLUG_PATTERN, Schema, text, text_list, slug, ref, ref_list, integer, choice, date, mapping, mappings, terms)  # noqa: F401
from . import schema_v2

@dataclass
class Vocabulary:
    """The ids a project defines: what editors may offer and the checker accepts."""

    stages: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    journeys: list[str] = field(default_factory=list)
    lanes: list = field(default_factory=list)
    """site.yml's custom lanes (:class:`~journeydocs.model.Lane`): touchpoint fields too."""


DRAFT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the newest draft every YAML language server supports fully."""
SHIPPED = Path(__file__).resolve().parent / "schemas"
KINDS = ("site", "persona", "journey", "page")
# -- sharing fields (internal, evidence), where the checker reads them ---------------

def with_sharing(schema: Schema, keys: tuple[str, ...]) -> Schema:
    """Add ``internal`` (and ``evidence``) when the checker's field list has them."""
    if "internal" in keys:
        schema["properties"]["internal"] = {
            "description": "true leaves this out of `journeydocs build --audience external`.",
            "type": ["boolean", "null"]}
    if "evidence" in keys:
        schema["properties"]["evidence"] = evidence_schema()
    return schema


def evidence_schema() -> Schema:
    kinds = list(getattr(model, "EVIDENCE_KINDS", ()))
    return {"description": "What this rests on: a kind, or kind, source and note.", "anyOf": [
        {"type": "null"}, {"enum": ["", *kinds]},
        {"type": "object", "required": ["kind"], "properties": {
            "kind": {"enum": kinds}, "source": text("A link to the study, dashboard or report."),
            "note": text("A short note.")}}]}


def pain_point_list(description: str) -> Schema:
    """Pain points: text, or (where the checker reads them) ``{text, evidence, internal}``."""
    schema = text_list(description)
    if "evidence" not in TOUCHPOINT_KEYS:
        return schema
    detail = with_sharing(mapping("A pain point with its evidence.", {
        "text": text("The pain point.", required=True)}, ("text",)), ("internal", "evidence"))
    detail.pop("description")
    schema["anyOf"][1]["items"] = {"anyOf": [{"type": SCALARS}, detail]}
    return schema


# -- the four file kinds ----------------------------------------------------------

def site_schema() -> Schema:
    properties = {
        "title": text("The playbook's title.", required=True),
        "description": text("One sentence about the playbook."),
        "language": choice("UI language of the site.", UI_LANGUAGES, "en"),
        "base_url": {"description": "Where the site will live (sitemap, canonical links).",
                     "anyOf": [{"type": "null"}, {"type": "string", "pattern":
                                                  "^https?://[^/?#:@\\s\"'<>`{}|\\\\^]"
                                                  "[^\\s\"'<>`{}|\\\\^]*$"}]},
        "content_dir": _folder("The folder that holds personas/, journeys/ and pages/.", "content"),
        "output_dir": _folder("Where `journeydocs build` writes the site.", "site"),
        "stages": terms("The default, ordered stages of every journey."),
        "channels": terms("The channel vocabulary."),
        "teams": terms("Teams that own journeys, touchpoints and content (RACI parties)."),
        "review_after_days": integer("Content reviewed longer ago than this is stale.", 1, 100_000),
        "max_messages_per_day": integer("Messages per persona per day before a warning.", 1, 1000),
        "nav_limit": integer("The most journeys, personas or pages the sidebar lists per group "
                             "(0: no limit); longer groups link to the full list.", 0, 1_000_000),
        "diagrams": choice("Diagrams drawn by mermaid in the browser, or pre-rendered SVG.",
                           DIAGRAM_MODES, "client"),
        "markdown": mapping("Markdown options.", {
            "html": {"description": "Let raw HTML in Markdown through (sanitized, no scripts).",
                     "type": ["boolean", "null"]}}, closed=True, nullable=True),
        "robots": choice("Whether search engines may index the site.", ROBOTS, "noindex"),
        "internal_fields": {"description": "Fields that `build --audience external` leaves out.",
                            "anyOf": [{"type": "null"}, {"enum": list(INTERNAL_FIELD_CHOICES)},
                                      {"type": "array",
                                       "items": {"enum": list(INTERNAL_FIELD_CHOICES)}}]},
        "extra": {"description": "Your own settings, kept for themes.", "type": ["object", "null"]},
        **_v2().site_properties(),
    }
    return mapping("journeydocs site.yml", {k: v for k, v in properties.items() if k in SITE_KEYS},
                   ("title",), closed=True)


def _folder(description: str, default: str) -> Schema:
    return {"description": description + " Relative, inside the project.", "default": default,
            "type": ["string", "number", "null"],
            "pattern": r"^(?![/\\~])(?!(.*[/\\])?\.\.([/\\]|$))"}


def persona_schema(vocab: Vocabulary | None = None) -> Schema:
    channels = vocab.channels if vocab else None
    return with_sharing(mapping("journeydocs persona front matter", {
        "id": slug("Overrides the id taken from the file name."),
        "name": text("The persona's name.", required=True),
        "role": text("A short label, e.g. Gift shopper."),
        "segment": text("Customer segment."),
        "quote": text("Something they would say."),
        "goals": text_list("What they want to achieve."),
        "needs": text_list("What they need from us."),
        "pain_points": text_list("What gets in their way."),
        "motivations": text_list("Why they act."),
        "channels": ref_list("Preferred channels (ids from site.yml).", channels),
        **_v2().persona_properties(),
    }, ("name",)), PERSONA_KEYS)


def journey_schema(vocab: Vocabulary | None = None) -> Schema:
    v = vocab
    teams = v.teams if v else None
    team = "A team id from site.yml."
    opportunity = with_sharing(mapping("An improvement idea.", {
        "title": text("What to do.", required=True),
        "effort": integer("1 (low) .. 5 (high).", 1, 5),
        "impact": integer("1 (low) .. 5 (high).", 1, 5),
        "status": choice("Where the idea stands.", OPPORTUNITY_STATUSES, "idea"),
        "description": text("More about it."),
    }, ("title",)), OPPORTUNITY_KEYS)
    content = with_sharing(mapping("A content item that serves the touchpoint.", {
        "id": slug("Unique within the journey.", required=True),
        "title": text("What the content is.", required=True),
        "type": text("email, sms, web-page, push, call-script, letter…"),
        "status": choice("Where the content stands.", CONTENT_STATUSES, "planned"),
        "owner": ref(team, teams),
        "language": text("Language of the content, e.g. pt."),
        "link": text("https:, http:, mailto:, tel: or a relative link."),
        "last_reviewed": date("When it was last reviewed, e.g. 2026-10-01."),
    }, ("id", "title")), CONTENT_KEYS)
    touchpoint = with_sharing(mapping("A touchpoint, in journey order.", {
        "id": slug("Unique within the journey.", required=True),
        "name": text("What the touchpoint is called.", required=True),
        "stage": ref("A stage id (site.yml's, or the journey's own stages); needed unless "
                     "there are no stages at all.", None, required=True),
        "channel": ref("A channel id from site.yml (optional).", v.channels if v else None),
        "timing": text('When: "day 0", "+24 h", "D+3", "week 2".'),
        "persona": ref("Defaults to the journey's first persona.", v.personas if v else None),
        "owner": ref(team, teams),
        "does": text("What the customer does."),
        "thinks": text("What they think."),
        "feels": text("What they feel."),
        "emotion": integer("1 (very negative) .. 5 (very positive).", 1, 5),
        "expectation": text("What they expect."),
        "reality": text("What happens."),
        "pain_points": pain_point_list("What goes wrong for them."),
        "opportunities": mappings("Ideas to make it better.", opportunity),
        "systems": text_list("Backstage systems (service blueprint)."),
        "data": text_list("Data this touchpoint needs."),
        "content": mappings("The touchpoint's content inventory.", content),
        **_v2().touchpoint_properties(v, ref_list(
            "Branches: touchpoint ids of this journey, or {to, when} (default: the next one).",
            None)),
    }, ("id", "name")), TOUCHPOINT_KEYS)
    if v and v.stages:  # stages exist: every touchpoint names one
        touchpoint["required"].append("stage")
    roles = {role: ref_list(f"Teams {role} (team ids).", teams) for role in RACI_ROLES}
    schema = with_sharing(mapping("journeydocs journey front matter", {
        "id": slug("Overrides the id taken from the file name."),
        "title": text("The journey's title.", required=True),
        "summary": text("One sentence about the journey."),
        "type": choice("What kind of map this is.", JOURNEY_TYPES, "current-state"),
        "status": choice("Where the journey stands.", JOURNEY_STATUSES, "draft"),
        "personas": ref_list("Persona ids; the first is the main actor.",
                             v.personas if v else None, required=True),
        "owner": ref("The accountable team.", teams),
        "future_of": ref("The current-state journey this one improves.", v.journeys if v else None),
        "language": text("The language the storyline is written in."),
        "raci": mapping("Team ids per RACI role.", roles, closed=True, nullable=True),
        "pillars": mapping("The four planning pillars.", {
            name: text(f"The {name} pillar.") for name in ("audience", "data", "content",
                                                           "channels")}, closed=True, nullable=True),
        "stages": terms("Overrides site.yml's stages for this journey."),
        "touchpoints": mappings("The touchpoints, in order.", touchpoint, required=True),
        **_v2().journey_properties(v),
    }, ("title", "personas", "touchpoints")), JOURNEY_KEYS)
    schema["not"] = {"required": ["goal", "goals"]}  # one or the other
    if v and v.stages:
        # Only when the journey keeps site.yml's stages can the editor know the ids.
        site_stage = ref("A stage id from site.yml.", v.stages, required=True)
        schema["allOf"] = [{
            "if": {"required": ["stages"], "properties": {"stages": {"type": "array",
                                                                    "minItems": 1}}},
            "else": {"properties": {"touchpoints": {"items": {"properties": {
                "stage": site_stage}}}}},
        }]
    return schema


def page_schema() -> Schema:
    return with_sharing(mapping("journeydocs free page front matter", {
        # A page's id is its path below pages/; the checker reads no `id:` here.
        "id": text("Not used for pages: the id is the file's path below pages/."),
        "title": text("The page title (default: from the file name)."),
        "order": integer("Sidebar order (then title).", -1_000_000, 1_000_000),
    }), PAGE_KEYS)


def _v2():
    """The version-2 parts."""
    return schema_v2


# -- files --------------------------------------------------------------------------

def schemas(vocab: Vocabulary | None = None) -> dict[str, Schema]:
    """Every schema by file kind, with ``$schema`` and a title."""
    built = {"site": site_schema(), "persona": persona_schema(vocab),
             "journey": journey_schema(vocab), "page": page_schema()}
    return {kind: {"$schema": DRAFT, "title": schema.pop("description"), **schema}
            for kind, schema in built.items()}


def dump(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_files(vocab: Vocabulary | None = None) -> dict[str, str]:
    """``<kind>.schema.json`` → text; also ``playbook.schema.json`` when the export exists."""
    files = {f"{kind}.schema.json": dump(schema) for kind, schema in schemas(vocab).items()}
    export = export_schema()
    if export is not None:
        files["playbook.schema.json"] = dump(export)
    return files


def write_schemas(folder: Path, files: dict[str, str]) -> list[Path]:
    """Replace each schema file atomically (an editor may be reading it)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, folder / name)
        written.append(folder / name)
    return written


def export_schema() -> Schema | None:
    """The playbook.json export's schema, if the exports view provides one."""
    try:
        from ..views.exports import playbook_schema  # why: optional, and it loads Jinja
    except ImportError:
        return None
    return playbook_schema()


def checked_keys() -> dict[str, tuple[str, ...]]:
    """The checker's own field lists, per schema part (the schema tests compare them)."""
    return {"site": SITE_KEYS, "persona": PERSONA_KEYS, "journey": JOURNEY_KEYS,
            "touchpoint": TOUCHPOINT_KEYS, "content": CONTENT_KEYS,
            "opportunity": OPPORTUNITY_KEYS, "page": PAGE_KEYS}

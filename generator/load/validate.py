"""The validate stage: checked front matter → typed model objects.

Every field is read through :class:`~journeydocs.load.fields.Fields`, so each problem
names its file and line. References to other things (personas, stages, teams…)
are only recorded here as :class:`Ref`; :mod:`journeydocs.load.links` checks them once
everything is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import Problems
from .fields import Fields, is_slug, slugify
from .config import read_terms
from .frontmatter import LMap
from .files import Document
from ..share import read as share_read
from ..model import (CONTENT_STATUSES, JOURNEY_STATUSES, JOURNEY_TYPES, OPPORTUNITY_STATUSES,
                    IMAGE_EXTENSIONS, PERSONA_KINDS, RACI_ROLES, ContentItem, Journey,
                    Opportunity, Page, Persona,
                    Pillars, Raci, Touchpoint, Where)
from . import validate_v2
from .keys import (CONTENT_KEYS, JOURNEY_KEYS, OPPORTUNITY_KEYS, PAGE_KEYS, PERSONA_KEYS,  # noqa: F401
                   TOUCHPOINT_KEYS, link_problem, link_scheme)

@dataclass(frozen=True)
class Ref:
    """A reference from one place to an id that must exist."""

    kind: str
    """persona, stage, channel, team, touchpoint or journey."""
    value: str
    path: str
    line: int
    scope: str = ""
    """For stage and touchpoint refs: the file of the journey whose vocabulary applies."""


class Validator:
    """Turns documents into model objects, collecting problems and references."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.refs: list[Ref] = []
        self.kept_refs: list = []
        """:class:`~journeydocs.load.links.RefSummary` of documents validated in an earlier
        load and reused (serve); their references are checked a group at a time."""

    def _ref(self, kind: str, value: str, fields: Fields, line: int, scope: str = "") -> None:
        if value:
            self.refs.append(Ref(kind, value, fields.path, line, scope))

    def _refs(self, kind: str, fields: Fields, key: str, scope: str = "",
              required: bool = False) -> list[str]:
        ids = []
        for value, line in fields.text_list_lines(key, required):
            if is_slug(value):
                self._ref(kind, value, fields, line, scope)
                ids.append(value)
            else:
                self.problems.error(fields.path, line, f"'{value}' in '{key}' is not a {kind} id",
                                    f"ids use a-z, 0-9 and '-', e.g. '{slugify(value)}'")
        return ids

    def _one_ref(self, kind: str, fields: Fields, key: str, scope: str = "",
                 required: bool = False) -> str:
        value = fields.slug(key, required)
        if value:
            self._ref(kind, value, fields, fields.line(key), scope)
        return value

    one_ref = _one_ref
    """A field naming one id of ``kind`` (recorded for the reference check)."""
    refs_of = _refs
    """A field naming a list of ids of ``kind``."""

    def add_ref(self, kind: str, value: str, path: str, line: int, scope: str = "") -> None:
        self.refs.append(Ref(kind, value, path, line, scope))

    def _front(self, doc: Document, what: str) -> Fields | None:
        if doc.data is None:
            self.problems.error(doc.display, 1, f"{what} has no front matter",
                                "start the file with a '---' line, the YAML fields, and another '---'")
            return None
        if not isinstance(doc.data, LMap):
            self.problems.error(doc.display, 2, f"{what}'s front matter must be 'name: value' fields",
                                "write one 'name: value' line per field, with no '- ' in front")
            return None
        return Fields(doc.data, doc.display, self.problems, what)

    def _id(self, doc: Document, fields: Fields, what: str) -> str:
        if "id" in fields.data:
            return fields.slug("id")
        if not is_slug(doc.name):
            self.problems.error(doc.display, 1, f"the file name '{doc.name}' is not a valid {what} id",
                                f"rename it to '{slugify(doc.name)}.md' or set 'id:'")
            return ""
        return doc.name

    # -- personas -----------------------------------------------------------
    def persona(self, doc: Document) -> Persona | None:
        fields = self._front(doc, "the persona")
        if fields is None:
            return None
        extra = fields.unknown(PERSONA_KEYS)
        persona = Persona(
            id=self._id(doc, fields, "persona"),
            name=fields.text("name", required=True),
            where=Where(doc.display, 1),
            role=fields.text("role"),
            segment=fields.text("segment"),
            quote=fields.text("quote"),
            goals=fields.text_list("goals"),
            needs=fields.text_list("needs"),
            pain_points=fields.text_list("pain_points"),
            motivations=fields.text_list("motivations"),
            channels=self._refs("channel", fields, "channels"),
            body=doc.body,
            body_line=doc.body_line,
            extra=extra,
            internal=share_read.internal(fields),
            kind=fields.choice("kind", PERSONA_KINDS, "customer"),
        )
        persona.image, persona.image_file, persona.image_stamp = self._image(
            content_folder(doc), fields)
        return persona if persona.id else None

    def _image(self, content: Path, fields: Fields) -> tuple[str, str, tuple[int, int]]:
        """``image:`` (relative to the content folder), its file and (size, change time),
        or errors: not an image, outside the project, missing or unreadable. Personas and
        touchpoints alike."""
        image = fields.text("image")
        none = (0, 0)
        if not image:
            return "", "", none
        project = content.parent
        if PurePosixPath(image).suffix.lower() not in IMAGE_EXTENSIONS:
            fields.error("image", f"image '{image}' is not a picture",
                         f"use one of {', '.join(IMAGE_EXTENSIONS)}")
            return image, "", none
        target = (content / image).resolve()
        if not target.is_relative_to(project):
            fields.error("image", f"image '{image}' is outside the project",
                         "keep pictures under the content folder")
            return image, "", none
        if not target.is_file():
            fields.error("image", f"image '{image}' does not exist",
                         f"the path is relative to the content folder ({content.name}/)")
            return image, "", none
        try:
            with target.open("rb") as handle:
                handle.read(1)
                stat = os.fstat(handle.fileno())
        except OSError as exc:
            fields.error("image", f"image '{image}' cannot be read ({exc.strerror or exc})",
                         "check the file's permissions")
            return image, "", none
        return image, str(target), (stat.st_size, stat.st_mtime_ns)

    # -- pages ----------------------------------------------------------------
    def page(self, doc: Document) -> Page | None:
        fields = self._front(doc, "the page") if doc.data is not None else None
        bad = [part for part in doc.name.split("/") if not is_slug(part)]
        if bad:
            self.problems.error(doc.display, 1, f"'{bad[0]}' in the page path is not a valid id",
                                "page file and folder names use a-z, 0-9 and '-'")
            return None
        title = doc.name.rsplit("/", 1)[-1].replace("-", " ").capitalize()
        order = 0
        internal = False
        if fields is not None:
            fields.unknown(PAGE_KEYS)
            title = fields.text("title") or title
            order = fields.integer("order", -1_000_000, 1_000_000) or 0
            internal = share_read.internal(fields)
        return Page(doc.name, title, Where(doc.display, 1), order, doc.body, doc.body_line,
                    internal)

    # -- journeys -------------------------------------------------------------
    def journey(self, doc: Document) -> Journey | None:
        fields = self._front(doc, "the journey")
        if fields is None:
            return None
        extra = fields.unknown(JOURNEY_KEYS)
        journey_id = self._id(doc, fields, "journey")
        if not journey_id:
            return None
        stages = read_terms(fields, "stages")
        journey = Journey(
            id=journey_id,
            title=fields.text("title", required=True),
            where=Where(doc.display, 1),
            summary=fields.text("summary"),
            type=fields.choice("type", JOURNEY_TYPES, "current-state"),
            status=fields.choice("status", JOURNEY_STATUSES, "draft"),
            personas=self._refs("persona", fields, "personas", required=True),
            owner=self._one_ref("team", fields, "owner"),
            owner_line=fields.line("owner") if "owner" in fields.data else 0,
            raci=self._raci(fields),
            pillars=self._pillars(fields),
            stages=stages,
            own_stages=bool(stages),
            future_of=self._one_ref("journey", fields, "future_of"),
            language=fields.text("language"),
            body=doc.body,
            body_line=doc.body_line,
            extra=extra,
            internal=share_read.internal(fields),
        )
        validate_v2.read_journey(self, fields, journey)
        if journey.future_of == journey.id:
            fields.error("future_of", "a journey cannot be the future state of itself")
        journey.touchpoints = self._touchpoints(fields, journey, content_folder(doc))
        return journey

    def _raci(self, fields: Fields) -> Raci:
        data = fields.mapping("raci")
        if data is None:
            return Raci()
        raci = fields.sub(data, "the RACI")
        for key in data:
            if key not in RACI_ROLES:
                raci.error(key, f"'{key}' is not a RACI role",
                           "roles are responsible, accountable, consulted, informed")
        return Raci(**{role: self._refs("team", raci, role) for role in RACI_ROLES})

    def _pillars(self, fields: Fields) -> Pillars:
        data = fields.mapping("pillars")
        if data is None:
            return Pillars()
        pillars = fields.sub(data, "the pillars")
        for key in data:
            if key not in ("audience", "data", "content", "channels"):
                pillars.error(key, f"'{key}' is not one of the four pillars",
                              "pillars are audience, data, content, channels")
        return Pillars(**{key: pillars.text(key) for key in ("audience", "data", "content", "channels")})

    def _touchpoints(self, fields: Fields, journey: Journey,
                     content: Path) -> list[Touchpoint]:
        touchpoints: list[Touchpoint] = []
        seen_tp: dict[str, int] = {}
        seen_content: dict[str, int] = {}
        for data in fields.mappings("touchpoints", required=True):
            tp = self._touchpoint(fields.sub(data, "a touchpoint"), journey, seen_content,
                                  content)
            if tp is None or tp.id in seen_tp:  # left out: its fields are still checked
                journey.unplaced_fields += [(key, data.line_of(key)) for key in data
                                            if key not in TOUCHPOINT_KEYS]
            if tp is None:
                continue
            if tp.id in seen_tp:
                fields.problems.error(fields.path, data.line_of("id"),
                                      f"touchpoint id '{tp.id}' is used twice in this journey",
                                      f"first on line {seen_tp[tp.id]}")
                continue
            seen_tp[tp.id] = data.line_of("id")
            touchpoints.append(tp)
        return touchpoints

    def _touchpoint(self, fields: Fields, journey: Journey, seen_content: dict[str, int],
                    content: Path) -> Touchpoint | None:
        extra = fields.unknown(TOUCHPOINT_KEYS, warn_all=False)  # lanes: see validate_v2
        tp_id = fields.slug("id", required=True)
        name = fields.text("name", required=True)
        # required unless the journey has no stages at all (checked once site.yml is known)
        stage = self._one_ref("stage", fields, "stage", journey.where.path)
        channel = self._one_ref("channel", fields, "channel")
        tp = Touchpoint(
            id=tp_id, name=name or tp_id, stage=stage, channel=channel,
            where=Where(fields.path, fields.line()),
            timing=fields.text("timing"),
            persona=self._one_ref("persona", fields, "persona"),
            owner=self._one_ref("team", fields, "owner"),
            does=fields.text("does"), thinks=fields.text("thinks"), feels=fields.text("feels"),
            emotion=fields.integer("emotion", 1, 5),
            expectation=fields.text("expectation"), reality=fields.text("reality"),
            opportunities=[self._opportunity(fields.sub(item, "an opportunity"))
                           for item in fields.mappings("opportunities")],
            systems=fields.text_list("systems"),
            data=fields.text_list("data"),
            extra=extra,
            internal=share_read.internal(fields),
            evidence=share_read.evidence(fields),
        )
        validate_v2.read_touchpoint(self, fields, tp, journey.where.path)
        tp.image, tp.image_file, tp.image_stamp = self._image(content, fields)  # storyboard
        tp.pain_points, tp.pain_point_details = share_read.pain_points(fields)
        tp.content = [item for item in (self._content(fields.sub(data, "a content item"), seen_content)
                                        for data in fields.mappings("content")) if item]
        return tp if tp_id else None

    def _opportunity(self, fields: Fields) -> Opportunity:
        fields.unknown(OPPORTUNITY_KEYS)
        return Opportunity(
            title=fields.text("title", required=True),
            where=Where(fields.path, fields.line()),
            effort=fields.integer("effort", 1, 5),
            impact=fields.integer("impact", 1, 5),
            status=fields.choice("status", OPPORTUNITY_STATUSES, "idea"),
            description=fields.text("description"),
            internal=share_read.internal(fields),
        )

    def _content(self, fields: Fields, seen: dict[str, int]) -> ContentItem | None:
        extra = fields.unknown(CONTENT_KEYS)
        item_id = fields.slug("id", required=True)
        if item_id in seen:
            fields.error("id", f"content id '{item_id}' is used twice in this journey",
                         f"first on line {seen[item_id]}")
            return None
        if item_id:
            seen[item_id] = fields.line("id")
        item = ContentItem(
            id=item_id,
            title=fields.text("title", required=True),
            where=Where(fields.path, fields.line()),
            type=fields.text("type"),
            status=fields.choice("status", CONTENT_STATUSES, "planned"),
            owner=self._one_ref("team", fields, "owner"),
            language=fields.text("language"),
            link=self.link(fields),
            last_reviewed=fields.date("last_reviewed"),
            extra=extra,
            internal=share_read.internal(fields),
        )
        return item if item_id else None

    def link(self, fields: Fields, key: str = "link") -> str:
        """A link field, or "" when it is not an allowed address (a ``link-invalid`` warning)."""
        link = fields.text(key)
        problem = link_problem(link) if link else None
        if problem:
            fields.warn(key, *problem, "link-invalid")
            return ""
        return link


def content_folder(doc: Document) -> Path:
    """The content folder ``doc`` was found in (pictures are relative to it)."""
    return doc.path.parents[len(PurePosixPath(doc.name).parts)].resolve()

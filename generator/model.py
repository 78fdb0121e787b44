"""The typed playbook model: what every later stage (links, render, exports) reads.

Built by :mod:`journeydocs.load.validate` from checked front matter; nothing here parses
or reports. Each object keeps ``path`` and ``line`` so later checks can point at it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

JOURNEY_TYPES = ("current-state", "future-state", "day-in-the-life", "service-blueprint")
JOURNEY_STATUSES = ("draft", "review", "published", "retired")
OPPORTUNITY_STATUSES = ("idea", "planned", "in-progress", "done", "dropped")
CONTENT_STATUSES = ("planned", "draft", "in-review", "approved", "live", "retired")
UI_LANGUAGES = ("en", "sv", "da", "pt", "pt-BR", "ro")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")  # no SVG: no script
ROBOTS = ("noindex", "index")
RACI_ROLES = ("responsible", "accountable", "consulted", "informed")
from .model_v2 import (CHECK_LEVELS, LANE_KINDS, PERSONA_KINDS, STEP_PLACES, Entry, Goal,  # noqa: F401
                       Lane, Phase, Platform)

DEFAULT_INTERNAL_FIELDS = ("raci", "systems", "data", "owner")
"""Fields left out of external builds when site.yml sets no ``internal_fields``."""


@dataclass(slots=True)
class Where:
    """Where a thing was written, for messages."""

    path: str
    line: int


@dataclass
class Term:
    """An entry of a vocabulary in site.yml (stage, channel, team)."""

    id: str
    name: str
    description: str = ""
    where: Where | None = None
    messages: bool = False
    """Channels only: sending on it puts a message in front of the persona (email, SMS…)."""


@dataclass
class SiteConfig:
    """site.yml."""

    title: str
    description: str = ""
    language: str = "en"
    """UI language of the generated site."""
    base_url: str = ""
    content_dir: str = "content"
    output_dir: str = "site"
    stages: list[Term] = field(default_factory=list)
    """The default, ordered stage vocabulary for every journey."""
    channels: list[Term] = field(default_factory=list)
    teams: list[Term] = field(default_factory=list)
    review_after_days: int = 180
    """Content whose last review is older than this is flagged stale."""
    max_messages_per_day: int = 3
    """Above this many messages to one persona on one day, a channel page warns."""
    robots: str = "noindex"
    """``noindex`` (default: playbooks are internal) asks search engines to keep the
    site out of their results (meta tag and robots.txt); ``index`` allows them."""
    nav_limit: int = 25
    """The most journeys (personas, pages) the sidebar lists per group; a longer group
    lists the first ones and links to the full list on the home page (0: no limit)."""
    diagrams: str = "client"
    """How diagrams are drawn: ``client`` (mermaid in the browser) or ``svg`` (pre-rendered)."""
    markdown_html: bool = False
    """``markdown: {html: true}``: raw HTML in Markdown is kept (sanitized), not escaped."""
    internal_fields: list[str] = field(default_factory=lambda: list(DEFAULT_INTERNAL_FIELDS))
    """Fields of journeys, touchpoints and content items left out of external builds."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys journeydocs does not know, kept for themes."""
    phases: list[Phase] = field(default_factory=list)
    """Named groups of consecutive stages, in stage order (version 2)."""
    lanes: list[Lane] = field(default_factory=list)
    """Custom lanes any touchpoint may fill, by lane id (version 2)."""
    checks: dict[str, str] = field(default_factory=dict)
    """Warning code → ``off``, ``warning`` or ``error`` for the whole playbook."""
    checks_line: int = 0
    """Line of ``checks:`` in site.yml (0: not given)."""


@dataclass
class Persona:
    id: str
    name: str
    where: Where
    role: str = ""
    segment: str = ""
    quote: str = ""
    goals: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    pain_points: list[str] = field(default_factory=list)
    motivations: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    """Preferred channel ids."""
    body: str = ""
    """Markdown body: a day in their life, research notes."""
    body_line: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    internal: bool = False
    """Left out of external builds (``journeydocs build --audience external``)."""
    kind: str = "customer"
    """One of :data:`PERSONA_KINDS`: staff and partners are the people behind a service."""
    image: str = ""
    """A picture relative to the content folder, as written (else initials are shown)."""
    image_file: str = ""
    """The picture's absolute path on disk (set by the checker once it exists)."""
    image_stamp: tuple[int, int] = (0, 0)
    """The picture's size and change time: a picture replaced under its name is an edit."""

    def image_path(self) -> str:
        """Where the picture is in the site (``media/personas/<id>.<ext>``), or ""."""
        suffix = PurePosixPath(self.image).suffix.lower()
        return f"media/personas/{self.id}{suffix}" if self.image_file else ""

    @property
    def initials(self) -> str:
        """Up to two initials of the name (first and last word): the avatar without a picture."""
        words = [w for w in self.name.split() if w[:1].isalnum()]
        return "".join(words[i][0] for i in dict.fromkeys((0, len(words) - 1)) if words).upper()


@dataclass
class Raci:
    """Team ids per RACI role."""

    responsible: list[str] = field(default_factory=list)
    accountable: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)

    def letters_for(self, team: str) -> str:
        """The RACI letters a team holds, e.g. ``"RA"``."""
        return "".join(role[0].upper() for role in RACI_ROLES if team in getattr(self, role))

    @property
    def teams(self) -> list[str]:
        seen: dict[str, None] = {}
        for role in RACI_ROLES:
            seen.update(dict.fromkeys(getattr(self, role)))
        return list(seen)


@dataclass
class Pillars:
    """The four planning pillars."""

    audience: str = ""
    data: str = ""
    content: str = ""
    channels: str = ""

    def __bool__(self) -> bool:
        return any((self.audience, self.data, self.content, self.channels))


@dataclass(slots=True)
class Opportunity:
    title: str
    where: Where
    effort: int | None = None
    """1 (low) .. 5 (high)."""
    impact: int | None = None
    """1 (low) .. 5 (high)."""
    status: str = "idea"
    description: str = ""
    internal: bool = False

    @property
    def priority(self) -> float:
        """impact ÷ effort; unknown values count as 3 (the middle)."""
        return (self.impact or 3) / (self.effort or 3)


EVIDENCE_KINDS = ("research", "analytics", "support-data", "assumption")


@dataclass(slots=True)
class Evidence:
    """Where a touchpoint or pain point comes from."""

    kind: str
    """One of :data:`EVIDENCE_KINDS`."""
    source: str = ""
    """A link to the study, dashboard or ticket export (http(s) or mailto)."""
    note: str = ""


@dataclass(slots=True)
class PainPointDetail:
    """What a pain point written as a mapping adds to its text."""

    evidence: Evidence | None = None
    internal: bool = False


@dataclass(slots=True)
class ContentItem:
    id: str
    title: str
    where: Where
    type: str = ""
    status: str = "planned"
    owner: str = ""
    language: str = ""
    link: str = ""
    last_reviewed: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    internal: bool = False


@dataclass(slots=True)
class Touchpoint:
    id: str
    name: str
    stage: str
    channel: str
    """A channel id, or "" (optional since version 2: a life event, a back-office step)."""
    where: Where
    timing: str = ""
    persona: str = ""
    """Persona id; the journey's first persona when not set."""
    owner: str = ""
    does: str = ""
    thinks: str = ""
    feels: str = ""
    emotion: int | None = None
    """1 (very negative) .. 5 (very positive)."""
    expectation: str = ""
    reality: str = ""
    pain_points: list[str] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    next: list[str] = field(default_factory=list)
    """Explicit branches (touchpoint ids); empty means 'the next one in order'."""
    content: list[ContentItem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    internal: bool = False
    evidence: Evidence | None = None
    """Where the touchpoint's picture comes from (research, analytics…)."""
    pain_point_details: dict[str, PainPointDetail] = field(default_factory=dict)
    """Pain point text → its evidence and audience, for pain points written as mappings."""
    by: str = "customer"
    """One of :data:`STEP_PLACES`: where the step happens (its blueprint lane)."""
    description: str = ""
    """Free Markdown about the step."""
    key_moment: str = ""
    """Marks a moment that matters; the text says why."""
    props: list[str] = field(default_factory=list)
    """Physical evidence: what the customer sees or touches."""
    frontstage: list[str] = field(default_factory=list)
    """Work done in view of the customer."""
    backstage: list[str] = field(default_factory=list)
    """Work done out of view."""
    next_when: dict[str, str] = field(default_factory=dict)
    """Labelled branches: touchpoint id in ``next`` → when that branch is taken."""
    ends: bool = False
    """``next: []`` was written: the journey ends at this step (no arrow to the one after
    it). An absent ``next`` means "the following step"; an empty one means "none"."""
    detail: str = ""
    """Id of a journey that zooms into this step."""
    lanes: dict[str, Any] = field(default_factory=dict)
    """Custom lane id → value (text, list of text, number or link), for lanes site.yml declares."""
    extra_lines: dict[str, int] = field(default_factory=dict)
    """Line of each key in ``extra``, for checks made once site.yml's lanes are known."""
    image: str = ""
    """A picture (storyboard frame) relative to the content folder, as written."""
    image_file: str = ""
    """The picture's absolute path on disk (set by the checker once it exists)."""
    image_stamp: tuple[int, int] = (0, 0)
    """The picture's size and change time (see :attr:`Persona.image_stamp`)."""


@dataclass
class Journey:
    id: str
    title: str
    where: Where
    summary: str = ""
    type: str = "current-state"
    status: str = "draft"
    personas: list[str] = field(default_factory=list)
    """Persona ids; the first is the main actor."""
    owner: str = ""
    owner_line: int = 0
    """Line of ``owner:`` in the file (0: not given), for warnings about the owner."""
    goal: Goal | None = None
    """The first of ``goals`` (what version-1 readers use)."""
    goals: list[Goal] = field(default_factory=list)
    """The journey's KPIs; ``goal:`` in a file is a list of one."""
    entry: Entry = field(default_factory=Entry)
    """How people enter the journey."""
    exit: list[str] = field(default_factory=list)
    """When people leave it, goal reached or not."""
    sponsor: str = ""
    """The person who sponsors the journey (text)."""
    lead: str = ""
    """The person who leads the journey (text)."""
    last_reviewed: dt.date | None = None
    """When the journey as a whole was last reviewed."""
    last_reviewed_line: int = 0
    platform: Platform = field(default_factory=Platform)
    """Where the journey runs, if it is automated."""
    checks: dict[str, str] = field(default_factory=dict)
    """This journey's own overrides of site.yml's ``checks:``."""
    unplaced_fields: list[tuple[str, int]] = field(default_factory=list)
    """(field, line) of unknown fields of touchpoints left out for errors, still
    checked against site.yml's lanes."""
    implicit_stage: bool = False
    """No stages anywhere: one stage named after the journey holds every touchpoint."""
    raci: Raci = field(default_factory=Raci)
    pillars: Pillars = field(default_factory=Pillars)
    stages: list[Term] = field(default_factory=list)
    """The journey's own stages, or a copy of site.yml's when it sets none."""
    own_stages: bool = False
    touchpoints: list[Touchpoint] = field(default_factory=list)
    future_of: str = ""
    """Id of the current-state journey this one improves."""
    language: str = ""
    """Language of the journey's text (BCP 47, e.g. ``da``), when not the site's."""
    body: str = ""
    body_line: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    internal: bool = False

    def __post_init__(self) -> None:
        if self.goal is not None and not self.goals:
            self.goals = [self.goal]
        elif self.goals and self.goal is None:
            self.goal = self.goals[0]

    def touchpoint(self, tp_id: str) -> Touchpoint | None:
        return next((tp for tp in self.touchpoints if tp.id == tp_id), None)

    def touchpoints_in(self, stage_id: str) -> list[Touchpoint]:
        return [tp for tp in self.touchpoints if tp.stage == stage_id]

    def successors(self, index: int) -> list[str]:
        """Ids the touchpoint at ``index`` leads to: its ``next`` or the following one
        (none after a step that ends the journey, ``next: []``)."""
        tp = self.touchpoints[index]
        if tp.next or tp.ends:
            return list(tp.next)
        return [self.touchpoints[index + 1].id] if index + 1 < len(self.touchpoints) else []


@dataclass
class Page:
    """A free page under content/pages."""

    id: str
    """Slash-separated slug path, e.g. ``guides/how-to-read``."""
    title: str
    where: Where
    order: int = 0
    body: str = ""
    body_line: int = 1
    internal: bool = False


class Derived:
    """Values worked out from a whole playbook (indexes, the message load), each made
    on first use and then kept: the views ask for them hundreds of times per build.

    A loaded playbook is not changed any more (:func:`~journeydocs.share.audience.for_audience`
    changes a deep copy), so a kept value stays right. Should the playbook's config,
    its channels, the personas or the journeys be replaced by other objects (as loading
    does), everything is made again. A copy or a pickle starts empty: a deep copy may
    be changed, and a value must never outlive the objects it was made from.
    """

    def __init__(self) -> None:
        self._basis: tuple[Any, ...] = ()
        self._values: dict[Any, Any] = {}

    def get(self, playbook: Playbook, key: Any, make: Callable[[Playbook], Any]) -> Any:
        """The value ``make(playbook)`` under ``key``, made once."""
        basis = (playbook.config, playbook.config.channels, playbook.personas, playbook.journeys)
        if len(self._basis) != len(basis) or any(a is not b for a, b in zip(basis, self._basis)):
            self._basis, self._values = basis, {}
        if key not in self._values:
            self._values[key] = make(playbook)
        return self._values[key]

    def __copy__(self) -> Derived:
        return Derived()

    def __deepcopy__(self, memo: dict) -> Derived:
        return Derived()

    def __reduce__(self) -> tuple:
        return (Derived, ())


@dataclass
class Playbook:
    """The whole checked playbook."""

    config: SiteConfig
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    audience: str = "internal"
    """Who the playbook is shown to: ``internal`` or ``external`` (internal parts left out)."""
    history: Any = None
    """The playbook's git history (:class:`journeydocs.share.history.History`), when read."""
    derived: Derived = field(default_factory=Derived, init=False, repr=False, compare=False)
    """What is worked out from the playbook once (see :class:`Derived`); never compared."""

    @property
    def channels(self) -> dict[str, Term]:
        return {term.id: term for term in self.config.channels}

    @property
    def teams(self) -> dict[str, Term]:
        return {term.id: term for term in self.config.teams}

    def journeys_of(self, persona_id: str) -> list[Journey]:
        """Journeys the persona takes part in (named in ``personas`` or on a touchpoint),
        in the playbook's order."""
        return list(self.derived.get(self, "journeys_of", _journeys_by_persona).get(persona_id, ()))


def _journeys_by_persona(playbook: Playbook) -> dict[str, list[Journey]]:
    """Persona id → the journeys it takes part in, each journey once, in playbook order."""
    found: dict[str, list[Journey]] = {}
    for journey in playbook.journeys.values():
        people = dict.fromkeys(journey.personas)
        people.update(dict.fromkeys(tp.persona for tp in journey.touchpoints))
        for persona_id in people:
            found.setdefault(persona_id, []).append(journey)
    return found

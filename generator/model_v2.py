"""Model types added by version 2 of the content model (see the README's format
reference): phases, custom lanes, KPIs (goals with a baseline), a journey's entry and
platform, and their value sets.

Leaf module: :mod:`journeydocs.model` imports from here, never the other way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Where

PERSONA_KINDS = ("customer", "staff", "partner")
"""Who a persona is: a customer (default), or staff and partners behind a service."""
STEP_PLACES = ("customer", "frontstage", "backstage", "system")
"""Where a touchpoint happens (``by``): its lane in a service blueprint."""
LANE_KINDS = ("text", "list", "rating", "link")
"""What a custom lane (site.yml ``lanes:``) holds."""
CHECK_LEVELS = ("off", "warning", "error")
"""What ``checks:`` may make of a warning code."""

@dataclass
class Phase:
    """A named group of consecutive stages (site.yml ``phases:``)."""

    id: str
    name: str
    stages: list[str] = field(default_factory=list)
    """Stage ids, in stage order."""
    where: Where | None = None


@dataclass
class Lane:
    """A custom lane declared in site.yml: a touchpoint field of the playbook's own."""

    id: str
    """The touchpoint field name that fills it."""
    name: str
    kind: str = "text"
    """One of :data:`LANE_KINDS`: text, a list of text, a number rating, or a link."""
    min: float | None = None
    """Ratings: the lowest allowed value."""
    max: float | None = None
    """Ratings: the highest allowed value."""
    where: Where | None = None


@dataclass
class Entry:
    """How people enter a journey."""

    trigger: str = ""
    """The event or moment that starts it."""
    source: str = ""
    """Where the entry comes from (a form, a data feed)."""
    criteria: list[str] = field(default_factory=list)
    """Conditions a person must meet to enter."""
    re_entry: str = ""
    """Whether and when a person may enter again."""

    def __bool__(self) -> bool:
        return any((self.trigger, self.source, self.criteria, self.re_entry))


@dataclass
class Platform:
    """Where an automated journey runs."""

    tool: str = ""
    id: str = ""
    """The journey's id in the tool."""
    url: str = ""
    """A link to the journey in the tool (an allowed address)."""
    version: str = ""
    status: str = ""
    """The tool's own status text (running, paused…)."""

    def __bool__(self) -> bool:
        return any((self.tool, self.id, self.url, self.version, self.status))


@dataclass
class Goal:
    """A KPI: what is measured, from where (baseline) to where (target), and the latest value."""

    metric: str
    target: str = ""
    baseline: str = ""
    """The value before the journey changed."""
    actual: str = ""
    """The latest measured value."""
    measured_on: dt.date | None = None
    """When ``actual`` was measured."""
    source: str = ""
    """Where the numbers come from: a link or a line of text."""
    source_is_link: bool = False
    """``source`` is an allowed address (shown as a link)."""

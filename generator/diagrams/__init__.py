"""Mermaid diagrams of journeys, as source text (pure functions, no I/O).

    journey_diagram(journey, playbook) -> str       mermaid `journey`
    flow_diagram(journey, playbook, from_page) -> str   mermaid `flowchart LR`
    flow_links(journey, from_page) -> {node id: url}
    blueprint_diagram(journey, playbook, t) -> str  mermaid `block-beta` service blueprint
    blueprint_links(journey, from_page) -> {block id: url}   (wired by diagrams.js)
    emotion_curves(journey, playbook, t) -> [(persona, str)]  mermaid `xychart-beta`
    timeline_diagram(journey, playbook, t) -> str   mermaid `timeline`, ordered by timing
    mermaid_block(source, links=None) -> Markup     <pre class="mermaid">…</pre>
    sanitize_user_diagram(source) -> str            drop %%{init}%% and front matter

Escaping helpers for other diagrams (one per mermaid context, see
:mod:`.escape`): ``plain_text``, ``escape_label``, ``escape_title``,
``escape_section``, ``escape_task``, ``escape_actor``.
"""

from .blueprint import blueprint_diagram, blueprint_links
from .common import emotion_badge, emotion_band, stage_groups
from .curve import emotion_curves
from .embed import mermaid_block, sanitize_user_diagram
from .escape import (
    MAX_LABEL,
    escape_actor,
    escape_label,
    escape_section,
    escape_task,
    escape_title,
    plain_text,
)
from .flow import flow_diagram, flow_links, node_id
from .journey import journey_diagram
from .timeline import timeline_diagram

__all__ = [
    "MAX_LABEL",
    "blueprint_diagram",
    "blueprint_links",
    "emotion_curves",
    "timeline_diagram",
    "emotion_badge",
    "emotion_band",
    "escape_actor",
    "escape_label",
    "escape_section",
    "escape_task",
    "escape_title",
    "flow_diagram",
    "flow_links",
    "journey_diagram",
    "mermaid_block",
    "node_id",
    "plain_text",
    "sanitize_user_diagram",
    "stage_groups",
]

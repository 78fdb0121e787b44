"""The diagrams of a journey page, as the context of ``_journey_diagrams.html``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .embed import mermaid_block
from .flow import flow_diagram
from .journey import journey_diagram

if TYPE_CHECKING:
    from ..model import Journey, Playbook


def journey_diagrams(journey: Journey, playbook: Playbook, path: str) -> dict:
    """Each diagram of the journey page as a ``<pre class="mermaid">`` block.

    The flow diagram's nodes link to their touchpoint pages through mermaid's own
    ``click … href`` lines, which work under ``securityLevel: "strict"``.
    """
    return {
        "journey": mermaid_block(journey_diagram(journey, playbook)),
        "flow": mermaid_block(flow_diagram(journey, playbook, path)),
    }

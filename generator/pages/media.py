"""The pictures a playbook names (``image:`` on personas and touchpoints), copied into
the site as the checker found them: ``media/personas/<id>.<ext>`` and
``media/touchpoints/<journey>/<touchpoint>.<ext>``. Only what the built playbook keeps
is copied (an external build leaves internal touchpoints, and their pictures, out)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import urls
from ..render.site import OutputFile

if TYPE_CHECKING:
    from ..model import Journey, Touchpoint
    from ..render.site import Site


def touchpoint_image(journey: Journey, tp: Touchpoint) -> str:
    """Where ``tp``'s picture is in the site, or "" when it has none."""
    return urls.touchpoint_image(journey.id, tp.id, tp.image) if tp.image_file else ""


def media_files(site: Site) -> Iterator[OutputFile]:
    """Every persona's and touchpoint's picture, in a stable order."""
    for persona in sorted(site.playbook.personas.values(), key=lambda p: p.id):
        if persona.image_file:
            yield OutputFile(persona.image_path(), Path(persona.image_file).read_bytes())
    for journey_id in sorted(site.playbook.journeys):
        journey = site.playbook.journeys[journey_id]
        for tp in journey.touchpoints:
            if tp.image_file:
                yield OutputFile(touchpoint_image(journey, tp), Path(tp.image_file).read_bytes())

"""The persona view: who they are and where they appear, with emotion per step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import urls
from ..markdown import HEADING_SHIFT, MERMAID_FLAG, render_markdown
from ..model import Persona
from ..render.site import OutputFile
from ..render.common import (Linker, badge, channel_name, emotion, persona_of, stage_name,
                            theme_macros)

from .journey_v2 import persona_kind

if TYPE_CHECKING:
    from ..render.site import Site


def persona_page(site: Site, persona: Persona) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = urls.persona(persona.id)
    link = Linker(playbook, path)
    env: dict = {HEADING_SHIFT: 1}  # the body sits under the page's "About" <h2>
    body = render_markdown(persona.body, env)
    appearances = []
    for journey in sorted(playbook.journeys_of(persona.id), key=lambda j: (j.title.casefold(), j.id)):
        theirs = [tp for tp in journey.touchpoints if persona_of(journey, tp) == persona.id]
        steps = [{
            "link": link.touchpoint(journey, tp),
            "stage": stage_name(journey, tp.stage),
            "channel": channel_name(playbook, tp.channel),
            "emotion": emotion(t, tp.emotion),
        } for tp in theirs]
        appearances.append({
            "link": link.journey(journey),
            "status": badge(t, "status", journey.status),
            "type": badge(t, "type", journey.type),
            "main": bool(journey.personas) and journey.personas[0] == persona.id,
            "steps": steps,
            # a column the journey never fills is left out (no column of "—")
            "columns": {"stage": not journey.implicit_stage,
                        "channel": any(tp.channel for tp in theirs),
                        "emotion": any(tp.emotion is not None for tp in theirs)},
        })
    context = {
        "persona": {
            "name": persona.name,
            "role": persona.role,
            "segment": persona.segment,
            "kind": persona_kind(t, persona.kind),
            "quote": persona.quote,
            "lists": [{"title": t[key], "entries": getattr(persona, key)}
                      for key in ("goals", "needs", "pain_points", "motivations")
                      if getattr(persona, key)],
            "channels": [channel_name(playbook, c) for c in persona.channels],
            "body": body,
            "image": urls.relative(persona.image_path(), path) if persona.image_path() else "",
            "initials": persona.initials,
        },
        "appearances": appearances,
        "m": theme_macros(site.env, t),
    }
    description = " · ".join(x for x in (persona.role, persona.segment) if x)
    return site.render("persona.html", path, persona.name, context,
                       description=description, diagrams=bool(env.get(MERMAID_FLAG)))

"""The diagrams of a journey page, as the context of ``_journey_diagrams.html``.

Views, in page order: journey, flow, service blueprint, emotion curve, timeline
— with the blueprint first for ``service-blueprint`` journeys.  Each figure is
a client-side ``<pre class="mermaid">`` block, or (``diagrams: svg``) inline
SVG in a light and a dark variant, falling back to the client block when a
diagram cannot be pre-rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from markupsafe import Markup

from .. import urls
from .blueprint import blueprint_diagram, blueprint_links
from .common import shown, uses_emotion, uses_timing
from .curve import curve_sources, legend
from .embed import mermaid_block
from .flow import flow_diagram
from .journey import journey_diagram
from .palette import MERMAID_THEME, for_scheme
from .svg import default_renderer, link_nodes
from .timeline import timeline_diagram
from ..i18n.strings import strings

if TYPE_CHECKING:
    from ..model import Journey, Playbook
    from .svg import SvgRenderer

SCRIPT = urls.asset("js/diagrams.js")


def figure(source: str, label: str, renderer: SvgRenderer | None,
           links: dict[str, str] | None = None, caption: str = "") -> dict:
    """One diagram: its accessible label, optional caption and HTML (and, for curves, legend)."""
    return {"label": label, "caption": caption, "html": embed(source, renderer, links),
            "legend": []}


def embed(source: str, renderer: SvgRenderer | None,
          links: dict[str, str] | None = None) -> Markup:
    """Inline SVG (light and dark, each in its scheme's palette) when ``renderer`` manages
    both, else a mermaid block."""
    if renderer is not None:
        svgs = [renderer.svg(for_scheme(source, scheme), theme)
                 for scheme, theme in MERMAID_THEME.items()]
        if all(svgs):
            return Markup("").join(
                Markup('<div class="diagram-svg diagram-svg--%s">%s</div>')
                % (theme, Markup(link_nodes(svg, links or {})))
                for theme, svg in zip(MERMAID_THEME.values(), svgs))
    return mermaid_block(source, links)


MIN_SCALE = {"journey_diagram": 0.8, "flow_diagram": 0.8,
             "blueprint": 1, "emotion_curve": 1, "timeline": 1}
"""The smallest scale each view is drawn at; wider than the column, it scrolls sideways.

Shrunk to fit, an 11-touchpoint journey diagram came out at a third of its size
(5 px labels).  Journey and flow text is 14–16 px at scale 1, so 0.8 keeps it at
11 px or more while letting a diagram a little wider than the column fit without
a scrollbar; the blueprint, curves and timeline keep their drawn size.
``diagrams.js`` applies it (``data-min-scale``) as the SVG's ``min-width``.
"""


def view(key: str, t: Mapping[str, str], figures: list[dict], empty: str = "") -> dict:
    scale = MIN_SCALE.get(key)
    return {"id": f"diagram-{key}", "title": t[key], "note": t[f"{key}_note"],
            "figures": figures, "empty": empty, "natural": scale is not None,
            "min_scale": scale if scale is not None else 1}


def journey_diagrams(journey: Journey, playbook: Playbook, path: str,
                     renderer: SvgRenderer | None = None,
                     t: Mapping[str, str] | None = None) -> dict:
    """Each diagram view of the journey page at ``path``.

    Flow nodes link to their touchpoint pages through mermaid's own ``click …
    href`` (allowed under ``securityLevel: "strict"``); blueprint cells through
    ``data-links``, wired by ``diagrams.js`` or, pre-rendered, in the SVG.
    ``t`` is the site's strings when the caller has them (merging them anew costs
    more than a small diagram).
    """
    if t is None:
        t = strings(playbook.config.language)
    if renderer is None and getattr(playbook.config, "diagrams", "client") == "svg":
        renderer = default_renderer()
    views = [
        view("journey_diagram", t, [figure(journey_diagram(journey, playbook),
                                           t["journey_diagram"], renderer)]),
        view("flow_diagram", t, [figure(flow_diagram(journey, playbook, path),
                                        t["flow_diagram"], renderer)]),
        view("blueprint", t, [figure(blueprint_diagram(journey, playbook, t), t["blueprint"],
                                     renderer, blueprint_links(journey, path))]),
        view("emotion_curve", t, curve_figures(journey, playbook, t, renderer, path),
             empty=t["no_emotions"]),
        view("timeline", t, [figure(timeline_diagram(journey, playbook, t), t["timeline"],
                                    renderer)]),
    ]
    if journey.type == "service-blueprint":
        views.insert(0, views.pop(2))
    # a journey that records no emotions (or timings) gets no view of them: no "(?)"
    # faces, "?/5" points or "no timing" boxes
    left_out = set() if uses_emotion(journey) else {"diagram-journey_diagram",
                                                      "diagram-emotion_curve"}
    if not uses_timing(journey):
        left_out.add("diagram-timeline")
    views = [v for v in views if v["id"] not in left_out]
    return {"views": views, "script_href": urls.relative(SCRIPT, path)}


def curve_figures(journey: Journey, playbook: Playbook, t: Mapping[str, str],
                  renderer: SvgRenderer | None, path: str = "") -> list[dict]:
    """This journey's curves; for a future state, the current state's curves under them.

    Each has a ``legend``: the numbered points' touchpoints, linked from ``path``.
    """
    figures = [dict(figure(source, f'{t["emotion_curve"]}: {c.persona}', renderer,
                           caption=c.persona), legend=legend(c, journey.id, path))
               for c, source in curve_sources(journey, playbook, t)]
    current = playbook.journeys.get(journey.future_of) if journey.future_of else None
    if current is not None and current.id != journey.id:
        title = shown(current.title, current.id)
        figures += [dict(figure(source, f'{t["current_state_curve"]}: {c.persona}', renderer,
                                caption=f'{t["current_state_curve"]}: {title} — {c.persona}'),
                         legend=legend(c, current.id, path))
                    for c, source in curve_sources(current, playbook, t)]
    return figures


def page_diagrams(journey: Journey, playbook: Playbook, path: str,
                  t: Mapping[str, str]) -> dict:
    """What the journey page keeps of its diagrams now that the map shows the rest.

    The flow (branches, entry and exit) is the one view the map cannot replace; the
    journey diagram, blueprint, emotion curves and timeline are left as their mermaid
    sources (``sources``: title and text), one click away for teams who paste them
    elsewhere — each only when the journey has what it draws.
    """
    renderer = default_renderer() if getattr(playbook.config, "diagrams", "client") == "svg" \
        else None
    flow = view("flow_diagram", t, [figure(flow_diagram(journey, playbook, path),
                                           t["flow_diagram"], renderer)])
    sources = []
    if uses_emotion(journey):
        sources.append({"title": t["journey_diagram"],
                        "source": journey_diagram(journey, playbook)})
    sources.append({"title": t["blueprint"], "source": blueprint_diagram(journey, playbook, t)})
    if uses_emotion(journey):
        sources += [{"title": f'{t["emotion_curve"]}: {c.persona}', "source": source}
                    for c, source in curve_sources(journey, playbook, t)]
    if uses_timing(journey):
        sources.append({"title": t["timeline"], "source": timeline_diagram(journey, playbook, t)})
    return {"views": [flow], "sources": sources, "script_href": urls.relative(SCRIPT, path)}

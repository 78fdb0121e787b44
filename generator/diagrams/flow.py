"""The mermaid ``flowchart`` of a journey: touchpoints by stage, order and branches."""

from __future__ import annotations

from urllib.parse import quote

from .. import urls
from ..model import Journey, Playbook
from .common import channel_name, emotion_badge, emotion_band, shown, stage_groups, uses_emotion
from .escape import escape_label, escape_title
from .palette import class_def_lines, style

EMOTION_CLASSES = {
    "low": "emoLow",
    "mid": "emoMid",
    "high": "emoHigh",
    "none": "emoNone",
}
"""Mermaid class per emotion band (see :func:`common.emotion_band`)."""

CLASS_DEFS = {
    "emoLow": style("emoLow"),
    "emoMid": style("emoMid"),
    "emoHigh": style("emoHigh"),
    "emoNone": style("emoNone", stroke_dasharray="5 5"),
    "flowEnd": style("flowEnd"),
}
"""Node styles (light; :mod:`.palette` has both schemes); the label always carries the emotion as emoji and number too."""


def node_id(index: int) -> str:
    """The flowchart node of ``journey.touchpoints[index]``: ``t0``, ``t1``…"""
    return f"t{index}"


def flow_links(journey: Journey, from_page: str) -> dict[str, str]:
    """Node id → link (relative to ``from_page``) to that touchpoint's page.

    :func:`flow_diagram` already emits these as ``click … href`` lines, which
    mermaid honours under ``securityLevel: "strict"``; this is for pages that
    want the mapping too (e.g. keyboard or list fallbacks).
    """
    return {node_id(i): urls.relative(urls.touchpoint(journey.id, tp.id), from_page)
            for i, tp in enumerate(journey.touchpoints)}


def _href(url: str) -> str:
    """``url`` percent-encoded down to ``[A-Za-z0-9/._~%-]``: no quote, no ``%%``."""
    return quote(url, safe="/._~-")


def flow_diagram(journey: Journey, playbook: Playbook, from_page: str) -> str:
    """Mermaid ``flowchart LR`` source for ``journey``, linking each node to its page.

    One ``subgraph`` per stage with touchpoints (stage name as label); one node
    per touchpoint, id ``t<index>`` (never user text), labelled with its name,
    channel and emotion (emoji and number: emotion is never colour alone);
    edges from :meth:`Journey.successors` (order, or ``next`` branches, labelled
    with their ``when``), with duplicates and unknown targets left out; the
    journey's ``entry`` as a start node before the first step and its ``exit`` as
    an end node after every step that leads nowhere (``next: []`` or the last);
    a ``click`` link per node; and a class per emotion band.
    """
    index_of: dict[str, int] = {}
    for i, tp in enumerate(journey.touchpoints):
        index_of.setdefault(tp.id, i)
    lines = ["flowchart LR",
             f"    accTitle: {escape_title(shown(journey.title, journey.id))}"]
    feelings = uses_emotion(journey)  # a journey without emotions shows no "?/5"
    for number, group in enumerate(stage_groups(journey)):
        lines.append(f'    subgraph s{number}["{escape_label(group.name)}"]')
        for i, tp in group.items:
            parts = [shown(tp.name, tp.id), channel_name(tp.channel, playbook),
                     emotion_badge(tp.emotion) if feelings and tp.emotion is not None
                     else ""]  # a step without one shows no "?/5"
            label = "<br/>".join(escape_label(part) for part in parts if part)
            lines.append(f'        {node_id(i)}("{label}")')
        lines.append("    end")
    lines.extend(_edges(journey, index_of))
    for nid, url in flow_links(journey, from_page).items():
        lines.append(f'    click {nid} href "{_href(url)}"')
    lines.extend(class_def_lines(CLASS_DEFS))
    bands: dict[str, list[str]] = {}
    for i, tp in enumerate(journey.touchpoints):
        bands.setdefault(EMOTION_CLASSES[emotion_band(tp.emotion)], []).append(node_id(i))
    lines.extend(f"    class {','.join(ids)} {name}" for name, ids in bands.items())
    return "\n".join(lines) + "\n"


def _edges(journey: Journey, index_of: dict[str, int]) -> list[str]:
    """The flow's arrows: step to step (labelled branches), entry → first, last → exit."""
    lines = []
    ends = []
    for i, tp in enumerate(journey.touchpoints):
        targets = dict.fromkeys(index_of[t] for t in journey.successors(i) if t in index_of)
        if not targets:
            ends.append(i)
        for j in targets:
            when = tp.next_when.get(journey.touchpoints[j].id, "")
            arrow = f'-->|"{escape_label(when)}"|' if when else "-->"
            lines.append(f"    {node_id(i)} {arrow} {node_id(j)}")
    if journey.entry and journey.touchpoints:
        entry = journey.entry
        text = entry.trigger or entry.source or "; ".join(entry.criteria) or entry.re_entry
        lines.append(f'    entry(["{escape_label("▶ " + text)}"]) --> {node_id(0)}')
        lines.append("    class entry flowEnd")
    if journey.exit and ends:
        label = "<br/>".join(escape_label("■ " + text) for text in journey.exit)
        lines.append(f'    exit(["{label}"])')
        lines.extend(f"    {node_id(i)} --> exit" for i in ends)
        lines.append("    class exit flowEnd")
    return lines

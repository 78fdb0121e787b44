"""The service blueprint of a journey as a mermaid ``block-beta`` grid.

A blueprint is a table: stages and touchpoints are columns, the lanes are rows.
``block-beta`` lays blocks out on a real grid (a flowchart would let dagre move
them), so lanes never overlap and every column lines up at any size::

    Stage            | Notice ............ | Contact ...
    Customer actions | does + emotion      | …
    line of interaction  - - - - - - - - - - - - - - -
    Frontstage       | touchpoint · channel | …
    line of visibility   - - - - - - - - - - - - - - -
    Backstage        | owner team          | …
    line of internal interaction - - - - - - - - - - -
    Systems          | systems             | …
    Data             | data                | …

Long texts are wrapped into short lines (``<br/>`` between escaped pieces), so
columns stay narrow at 40 touchpoints.  ``block-beta`` has no ``click``
statement, so links are returned separately by :func:`blueprint_links` (block id
→ relative URL) and wired by ``theme/assets/js/diagrams.js`` (client side) or
:func:`.svg.link_nodes` (pre-rendered).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from .. import urls
from ..model import Journey, Playbook, Touchpoint
from .common import emotion_badge, emotion_band, plain_text, stage_groups, uses_emotion
from .escape import escape_label
from .flow import _href
from .palette import class_def_lines, style

WRAP = 24
"""Characters per line in a blueprint cell."""
MAX_LINES = 5
"""Lines per text in a cell; longer text ends with ``…``."""
EMPTY_CELL = "–"

LANES = ("does", "front", "back", "systems", "data")
"""Lane keys, top to bottom; ``t`` has a caption for each as ``blueprint_<key>``."""
LINES = {"does": "line_of_interaction", "front": "line_of_visibility",
         "back": "line_of_internal_interaction"}
"""The line drawn *below* a lane (the key of its caption in ``t``)."""
LINKED_LANES = ("does", "front")
"""The cells that open their touchpoint's page."""

CLASS_DEFS = {
    "emoLow": style("emoLow"),
    "emoMid": style("emoMid"),
    "emoHigh": style("emoHigh"),
    "emoNone": style("emoNone"),
    "lane": style("lane", font_weight="bold"),
    "stage": style("stage", font_weight="bold"),
    "line": style("line", stroke_width="2px", stroke_dasharray="8 4"),
    "empty": style("empty", stroke_dasharray="2 3"),
}
"""Cell styles in the light scheme; :mod:`.palette` swaps in the dark one on dark pages."""
_BAND_CLASS = {"low": "emoLow", "mid": "emoMid", "high": "emoHigh", "none": "emoNone"}


def cell_id(lane: str, column: int) -> str:
    """The block of ``lane`` in column ``column`` (0-based, in blueprint order)."""
    return f"{lane[0]}{lane[1]}{column}"


@lru_cache(maxsize=4096)
def wrapped(text: str, width: int = WRAP, max_lines: int = MAX_LINES) -> str:
    """``text`` escaped for a quoted block label, wrapped into ``<br/>``-joined lines.

    Remembered: lane captions, channel, team and system names recur in every column.
    """
    flat = plain_text(text, limit=width * max_lines)
    lines = wrap_words(flat, width)
    return "<br/>".join(escape_label(line, limit=width + 1) for line in lines) or escape_label("")


def wrap_words(flat: str, width: int) -> list[str]:
    """``textwrap.wrap(flat, width, break_long_words=True, break_on_hyphens=False)``.

    Only for text whose whitespace is single spaces between words (what
    :func:`plain_text` returns), where textwrap's whitespace munging and regex
    split change nothing: this is its line-filling loop alone (textwrap builds a
    TextWrapper per call and was a third of the blueprint's time).  Its quirks are
    kept, e.g. a space that exactly fills a line before a long word stays on it.
    """
    if width < 1:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    if not flat:
        return []
    words = flat.split(" ")
    chunks = [" "] * (2 * len(words) - 1)  # the words and the spaces between, reversed
    chunks[::2] = reversed(words)
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        size = 0
        if lines and chunks[-1] == " ":
            chunks.pop()  # a line never starts with the space that ended the one before
        while chunks and size + len(chunks[-1]) <= width:
            size += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:  # a word longer than a line: cut it
            room = width - size
            line.append(chunks[-1][:room])
            chunks[-1] = chunks[-1][room:]
        if line and line[-1] in ("", " "):
            line.pop()
        if line:
            lines.append("".join(line))
    return lines


def columns(journey: Journey) -> list[tuple[int, Touchpoint]]:
    """The touchpoints in blueprint order (by stage), with their journey index."""
    return [item for group in stage_groups(journey) for item in group.items]


def cells(tp: Touchpoint, playbook: Playbook, feelings: bool = True) -> dict[str, list[str]]:
    """The texts of each lane for one touchpoint (empty list: nothing recorded).

    Texts are left whole here; :func:`wrapped` cuts each to its cell's size.
    """
    owner = playbook.teams.get(tp.owner)
    channel = playbook.channels.get(tp.channel)

    def listed(values: list[str]) -> list[str]:
        joined = ", ".join(v for v in values if plain_text(v))
        return [joined] if joined else []

    return {
        "does": [part for part in (tp.does, emotion_badge(tp.emotion) if feelings else "")
                 if plain_text(part)],
        "front": [part for part in (_or(tp.name, tp.id),
                                    _or(channel.name if channel else "", tp.channel)) if part],
        "back": [_or(owner.name if owner else "", tp.owner)] if tp.owner else [],
        "systems": listed(tp.systems),
        "data": listed(tp.data),
    }


def _or(text: str, fallback: str) -> str:
    return text if plain_text(text) else fallback


def blueprint_diagram(journey: Journey, playbook: Playbook, t: Mapping[str, str]) -> str:
    """Mermaid ``block-beta`` source of the service blueprint of ``journey``.

    ``t`` gives the lane and line captions (the site's UI language).
    """
    groups = stage_groups(journey)
    order = [item for group in groups for item in group.items]  # as columns(journey)
    width = len(order) + 1
    # block-beta has no accTitle: the page names the figure (aria-label)
    lines = ["block-beta", f"    columns {width}"]
    row = [f'hd["{wrapped(t["stage"])}"]']
    for number, group in enumerate(groups):
        row.append(f'sg{number}["{wrapped(group.name, width=WRAP * len(group.items))}"]'
                   + (f":{len(group.items)}" if len(group.items) > 1 else ""))
    lines.append("    " + " ".join(row))
    classes: dict[str, list[str]] = {"stage": ["hd"] + [f"sg{n}" for n in range(len(groups))]}
    feelings = uses_emotion(journey)
    texts = [cells(tp, playbook, feelings) for _index, tp in order]
    for lane_number, lane in enumerate(LANES):
        head = f"ln{lane_number}"
        row = [f'{head}["{wrapped(t["blueprint_" + lane])}"]']
        classes.setdefault("lane", []).append(head)
        for column, parts in enumerate(texts):
            block = cell_id(lane, column)
            if parts[lane]:
                row.append(f'{block}["{"<br/>".join(wrapped(p) for p in parts[lane])}"]')
                kind = (_BAND_CLASS[emotion_band(order[column][1].emotion)]
                        if lane == "does" else "emoNone")
            else:
                row.append(f'{block}["{escape_label(EMPTY_CELL)}"]')
                kind = "empty"
            classes.setdefault(kind, []).append(block)
        lines.append("    " + " ".join(row))
        if lane in LINES and order:
            # the caption sits in the lane column, where a reader scrolled left sees it;
            # a dashed block spans the touchpoint columns as the line itself
            head, rule = f"lx{lane_number}", f"ly{lane_number}"
            span = f":{width - 1}" if width > 2 else ""
            lines.append(f'    {head}["{wrapped(t[LINES[lane]])}"] {rule}["{escape_label("")}"]{span}')
            classes.setdefault("line", []).extend([head, rule])
    lines.extend(class_def_lines(CLASS_DEFS))
    lines.extend(f"    class {','.join(ids)} {name}" for name, ids in classes.items())
    return "\n".join(lines) + "\n"


def blueprint_links(journey: Journey, from_page: str) -> dict[str, str]:
    """Block id → link (relative to ``from_page``) to the touchpoint page of its column."""
    links = {}
    for column, (_index, tp) in enumerate(columns(journey)):
        url = _href(urls.relative(urls.touchpoint(journey.id, tp.id), from_page))
        for lane in LINKED_LANES:
            links[cell_id(lane, column)] = url
    return links

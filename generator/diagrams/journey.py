"""The mermaid ``journey`` diagram of a journey: stages, touchpoints, emotion, actors."""

from __future__ import annotations

from ..model import Journey, Playbook
from .common import UNKNOWN_MARK, persona_id, persona_name, score, shown, stage_groups
from .escape import MAX_LABEL, escape_actor, escape_section, escape_task, escape_title

UNKNOWN_SUFFIX = f" ({UNKNOWN_MARK})"
"""Appended to a task whose touchpoint has no ``emotion`` (it is drawn as neutral)."""

TASK_WIDTH = 180
"""Task box width in px (mermaid's default is 150: three-line labels were cut)."""
LINE_CHARS, LINE_HEIGHT, BOX_PADDING = 18, 26, 10
"""Task box height: ``BOX_PADDING + LINE_HEIGHT ×`` the lines the longest label wraps to
(``LINE_CHARS`` a line, a cautious guess; 26 px a line: the page's 1.6 line height at
16 px), at least mermaid's 50 px; at most 5 lines (labels are cut at 80 characters)."""


def task_height(texts: list[str]) -> int:
    """A task box tall enough for the longest of ``texts`` once wrapped."""
    lines = max((-(-len(text) // LINE_CHARS) for text in texts), default=1)
    return max(50, BOX_PADDING + LINE_HEIGHT * min(max(lines, 1), 5))


def journey_diagram(journey: Journey, playbook: Playbook) -> str:
    """Mermaid ``journey`` source for ``journey``.

    ``title`` is the journey title; one ``section`` per stage with touchpoints,
    in stage order; one task per touchpoint, scored by its ``emotion``.  A
    touchpoint without emotion is drawn at the neutral score 3 and its task
    text ends with `` (?)`` so the reader can tell "unknown" from "neutral".
    The actor is the touchpoint's persona (or the journey's first persona),
    shown by display name.
    """
    title = escape_title(shown(journey.title, journey.id))
    names = [shown(tp.name, tp.id)[:MAX_LABEL] + ("" if tp.emotion is not None else UNKNOWN_SUFFIX)
             for tp in journey.touchpoints]
    lines = ["---", "config:", "  journey:", f"    width: {TASK_WIDTH}",
             f"    height: {task_height(names)}", "---",
             "journey", f"    accTitle: {title}", f"    title {title}"]
    for group in stage_groups(journey):
        lines.append(f"    section {escape_section(group.name)}")
        for _index, tp in group.items:
            text = shown(tp.name, tp.id)
            limit = MAX_LABEL
            if tp.emotion is None:
                text += UNKNOWN_SUFFIX
                limit += len(UNKNOWN_SUFFIX)
            task = f"        {escape_task(text, limit)}: {score(tp.emotion)}"
            pid = persona_id(tp, journey)
            if pid:
                task += f": {escape_actor(persona_name(pid, playbook))}"
            lines.append(task)
    return "\n".join(lines) + "\n"

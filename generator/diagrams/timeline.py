"""The timeline of a journey: touchpoints ordered by ``timing``, as a mermaid ``timeline``.

A timing is read in parts separated by commas (``day 0, 17:40``):

* absolute parts place the touchpoint from the journey's start: ``day N``,
  ``D+N`` / ``D-N``, ``week N``, ``month N`` (30 days), a clock time ``HH:MM``
  (added to the day, or alone: on the touchpoint before's day), ``immediately``…;
* a part starting with ``+`` is relative to the touchpoint before
  (``+5 min``, ``+24 h``, ``+2 days``);
* anything else (``after delivery``, ``+2 min into the contact``) is not
  understood: the touchpoint keeps its place after the one before it.

The reading is :func:`journeydocs.timing.read_timing`, shared with the message
load, so the timeline and the channel pages put a touchpoint on the same day.
Touchpoints are then sorted by *day* (stable), so the order the author wrote is
kept within a day and whenever times cannot be read.  One ``section`` per day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Journey, Playbook, Touchpoint
from ..timing import journey_hours, read_timing
from .common import channel_name, shown
from .escape import escape_task, escape_title, plain_text

__all__ = ["Placed", "placed", "read_timing", "timeline_diagram"]


@dataclass(frozen=True)
class Placed:
    """A touchpoint on the timeline."""

    index: int
    """Its position in ``journey.touchpoints``."""
    touchpoint: Touchpoint
    hours: float
    """Hours from the journey's start (read, or inherited from the one before)."""
    understood: bool


def placed(journey: Journey) -> list[Placed]:
    """Every touchpoint with its time, sorted by day (stable: others keep their order)."""
    times = journey_hours(tp.timing for tp in journey.touchpoints)
    out = [Placed(index, tp, hours, understood)
           for index, (tp, (hours, understood)) in enumerate(zip(journey.touchpoints, times))]
    return sorted(out, key=lambda p: p.hours // 24)


def day_label(hours: float, t: Mapping[str, str]) -> str:
    return t["timeline_day"].format(n=int(hours // 24))


PERIOD_LINE = 16
"""Characters a line of a period's box holds: words are kept together up to this length."""
NO_BREAK = "#160;"
"""A no-break space as a mermaid entity: the timeline breaks a period at every space."""


def period_label(text: str) -> str:
    """``text`` escaped for a period, with no-break spaces inside lines of :data:`PERIOD_LINE`.

    Mermaid's timeline puts each word of a period on a line of its own (``day`` /
    ``0,`` / ``17:40``); joining the words of each line with no-break spaces keeps
    ``day 0, 17:40`` on one line, and a long timing still wraps between lines.
    """
    words, escaped = plain_text(text).split(" "), escape_task(text).split(" ")
    if len(words) != len(escaped):  # cannot happen: escaping keeps single spaces
        return escape_task(text)
    lines: list[list[str]] = []
    length = PERIOD_LINE + 1
    for word, code in zip(words, escaped):
        if length + 1 + len(word) > PERIOD_LINE:
            lines.append([code])
            length = len(word)
        else:
            lines[-1].append(code)
            length += 1 + len(word)
    return " ".join(NO_BREAK.join(line) for line in lines)


def timeline_diagram(journey: Journey, playbook: Playbook, t: Mapping[str, str]) -> str:
    """Mermaid ``timeline`` source: a section per day, a period per timing, events per touchpoint.

    No ``title`` (the figure's caption names the view; mermaid centred it over the
    whole width, out of sight in a scrolled box): the journey title is the ``accTitle``.
    """
    title = escape_title(shown(journey.title, journey.id))
    lines = ["timeline", f"    accTitle: {title}"]
    section = None
    for item in placed(journey):
        day = day_label(item.hours, t)
        if day != section:
            lines.append(f"    section {escape_task(day)}")
            section = day
        tp = item.touchpoint
        period = shown(tp.timing, t["timeline_no_timing"])
        channel = channel_name(tp.channel, playbook) if tp.channel else ""
        event = f"{shown(tp.name, tp.id)} ({channel})" if channel else shown(tp.name, tp.id)
        lines.append(f"        {period_label(period)} : {escape_task(event)}")
    return "\n".join(lines) + "\n"

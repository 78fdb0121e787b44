"""The timeline of a journey: touchpoints ordered by ``timing``, as a mermaid ``timeline``.

A timing is read in parts separated by commas (``day 0, 17:40``):

* absolute parts place the touchpoint from the journey's start: ``day N``,
  ``D+N`` / ``D-N``, ``week N``, ``month N`` (30 days), a clock time ``HH:MM``
  (added to the day, or day 0 alone), ``immediately`` / ``same day``…;
* a part starting with ``+`` is relative to the touchpoint before
  (``+5 min``, ``+24 h``, ``+2 days``);
* anything else (``after delivery``, ``+2 min into the contact``) is not
  understood: the touchpoint keeps its place after the one before it.

Touchpoints are then sorted by *day* (stable), so the order the author wrote is
kept within a day and whenever times cannot be read.  One ``section`` per day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Journey, Playbook, Touchpoint
from ..timing import hours_from_start
from .common import channel_name, shown
from .escape import escape_task, escape_title, plain_text

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})\Z")
_MONTH = re.compile(r"(?:month|månad|måned|mês|mes|luna)\s*(\d+)\Z")


@dataclass(frozen=True)
class Placed:
    """A touchpoint on the timeline."""

    index: int
    """Its position in ``journey.touchpoints``."""
    touchpoint: Touchpoint
    hours: float
    """Hours from the journey's start (read, or inherited from the one before)."""
    understood: bool


def _absolute(part: str) -> float | None:
    """Hours from the start for an absolute part, or None."""
    text = " ".join(part.lower().split())
    if match := _CLOCK.match(text):
        hours, minutes = int(match.group(1)), int(match.group(2))
        return hours + minutes / 60 if hours < 24 and minutes < 60 else None
    if match := _MONTH.match(text):
        return max(int(match.group(1)) - 1, 0) * 30 * 24.0
    if text.startswith(("+", "-")):
        return None
    return hours_from_start(text)


def read_timing(timing: str, before: float) -> float | None:
    """Hours from the start for ``timing`` after a touchpoint at ``before`` hours, or None."""
    parts = [p.strip() for p in timing.split(",") if p.strip()]
    if not parts:
        return None
    total: float | None = None
    for part in parts:
        if part.startswith("+"):
            offset = hours_from_start(part)
            if offset is None:
                return None
            total = (before if total is None else total) + offset
        elif _CLOCK.match(part.strip()):
            clock = _absolute(part)
            if clock is None:
                return None
            day_start = (total // 24) * 24 if total is not None else 0.0
            total = day_start + clock
        else:
            value = _absolute(part)
            if value is None or total is not None:
                return None
            total = value
    return total


def placed(journey: Journey) -> list[Placed]:
    """Every touchpoint with its time, sorted by day (stable: others keep their order)."""
    out: list[Placed] = []
    before = 0.0
    for index, tp in enumerate(journey.touchpoints):
        hours = read_timing(tp.timing, before)
        out.append(Placed(index, tp, before if hours is None else hours, hours is not None))
        before = out[-1].hours
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
        event = f"{shown(tp.name, tp.id)} ({channel_name(tp.channel, playbook)})"
        lines.append(f"        {period_label(period)} : {escape_task(event)}")
    return "\n".join(lines) + "\n"

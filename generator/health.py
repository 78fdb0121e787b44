"""Playbook health: warnings about gaps a content lead or journey owner should fix.

Pure functions over the checked model. ``journeydocs check`` prints them (exit 0
unless ``--strict``) and the site's Health page lists the same problems.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass

from .errors import Problem, Severity
from .model import ContentItem, Journey, Playbook
from .timing import journey_days


def today() -> dt.date:
    """The build date; ``SOURCE_DATE_EPOCH`` pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def is_stale(item: ContentItem, review_after_days: int, on: dt.date,
             journey: Journey | None = None) -> bool:
    """Reviewed longer ago than allowed, or live and never reviewed.

    Retired content is never due for review, nor is any content of a retired
    ``journey`` (pass the item's journey where it is known).
    """
    if item.status == "retired" or (journey is not None and journey.status == "retired"):
        return False
    if item.last_reviewed is None:
        return item.status == "live"
    return (on - item.last_reviewed).days > review_after_days


@dataclass(frozen=True)
class Load:
    """Messages one persona gets on one day, across journeys."""

    persona: str
    day: int
    touchpoints: tuple[tuple[str, str], ...]
    """(journey id, touchpoint id) of each message."""


def message_load(playbook: Playbook, channel: str | None = None) -> list[Load]:
    """Messages per persona per day: touchpoints on message channels with a readable
    ``timing``, in journeys that are not retired.

    Timings are read along each journey as the timeline diagram reads them
    (:func:`journeydocs.timing.journey_days`): ``+24 h`` counts from the touchpoint
    before, a clock time alone is on the day of the touchpoint before (day 0 at the
    start), ``day 0, 12:30`` and ``month 11`` are understood.

    Journeys are assumed to start on the same day: the worst case a planner must
    guard against. A journey that a (not retired) future-state journey improves
    (``future_of``) is left out: the two never run side by side, and the plan is
    what the limit must hold for.
    """
    channels = playbook.channels
    replaced = replaced_journeys(playbook)
    by_key: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        if journey.status == "retired" or journey.id in replaced:
            continue
        for tp, day in zip(journey.touchpoints, journey_days(journey)):
            term = channels.get(tp.channel)
            if term is None or not term.messages or (channel and tp.channel != channel):
                continue
            if day is not None:
                by_key[(tp.persona, day)].append((journey.id, tp.id))
    return [Load(persona, day, tuple(tps)) for (persona, day), tps in sorted(by_key.items())]


def replaced_journeys(playbook: Playbook) -> set[str]:
    """Ids of journeys that a journey in the playbook names as its ``future_of``."""
    return {j.future_of for j in playbook.journeys.values()
            if j.future_of and j.status != "retired" and j.future_of in playbook.journeys}


def _warn(path: str, line: int, message: str, hint: str = "") -> Problem:
    return Problem(path, line, message, hint, Severity.WARNING)


def owner_line(journey: Journey) -> int:
    """The line of the journey's ``owner:`` field: ``journey.owner_line`` when the model
    records it, else the journey's own line."""
    return getattr(journey, "owner_line", 0) or journey.where.line


def journey_warnings(journey: Journey, playbook: Playbook, on: dt.date) -> list[Problem]:
    """The warnings about one journey; none for a retired journey (nobody maintains it
    any more), and none about its retired content."""
    if journey.status == "retired":
        return []
    path = journey.where.path
    found = []
    if journey.goal is None:
        found.append(_warn(path, 1, f"journey '{journey.id}' has no measurable goal",
                           "add goal: {metric: …, target: …}"))
    if not journey.owner:
        found.append(_warn(path, 1, f"journey '{journey.id}' has no owner team", "add owner: <team id>"))
    accountable = journey.raci.accountable
    if len(accountable) != 1:
        found.append(_warn(path, 1, f"journey '{journey.id}' has {len(accountable) or 'no'} "
                           "accountable teams", "RACI wants exactly one accountable team"))
    if journey.owner and accountable and journey.owner not in accountable:
        found.append(_warn(path, owner_line(journey),
                           f"journey '{journey.id}' is owned by '{journey.owner}' but "
                           f"raci.accountable is {', '.join(repr(a) for a in accountable)}",
                           "the owner is the accountable team: set "
                           f"owner: {accountable[0]} or accountable: [{journey.owner}]"))
    days = playbook.config.review_after_days
    for tp in journey.touchpoints:
        if not tp.content:
            found.append(_warn(path, tp.where.line, f"touchpoint '{tp.id}' has no content",
                               "list the emails, pages or scripts that serve it under content:"))
        for item in tp.content:
            if item.status == "retired":
                continue
            if not item.owner:
                found.append(_warn(path, item.where.line, f"content '{item.id}' has no owner",
                                   "add owner: <team id>"))
            if is_stale(item, days, on, journey):
                when = f"last reviewed {item.last_reviewed}" if item.last_reviewed else "live but never reviewed"
                found.append(_warn(path, item.where.line, f"content '{item.id}' is stale ({when})",
                                   f"review it and set last_reviewed; the limit is {days} days"))
    return found


def health_warnings(playbook: Playbook, on: dt.date | None = None) -> list[Problem]:
    """Every health warning of the playbook, sorted by file and line."""
    on = on or today()
    found: list[Problem] = []
    for persona in playbook.personas.values():
        if not playbook.journeys_of(persona.id):
            found.append(_warn(persona.where.path, 1, f"persona '{persona.id}' is in no journey",
                               "add them to a journey's personas, or remove the file"))
    for journey in playbook.journeys.values():
        found.extend(journey_warnings(journey, playbook, on))
    limit = playbook.config.max_messages_per_day
    for load in message_load(playbook):
        if len(load.touchpoints) > limit:
            journey_id, tp_id = load.touchpoints[0]
            journey = playbook.journeys[journey_id]
            tp = journey.touchpoint(tp_id)
            found.append(_warn(journey.where.path, tp.where.line if tp else 1,
                               f"persona '{load.persona}' gets {len(load.touchpoints)} messages on "
                               f"day {load.day} (limit {limit})",
                               "from " + ", ".join(f"{j}/{t}" for j, t in load.touchpoints)))
    return sorted(found)

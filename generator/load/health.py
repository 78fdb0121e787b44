"""Playbook health: warnings about gaps a content lead or journey owner should fix.

Pure functions over the checked model. ``journeydocs check`` prints them (exit 0
unless ``--strict``) and the site's Health page lists the same problems.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass

from .checks import level_of, playbook_levels
from ..errors import Problem, Severity
from ..model import ContentItem, Journey, Playbook
from ..timing import journey_days


UNSEEN_STEPS = ("backstage", "system")
"""Touchpoint ``by`` values of steps out of the customer's view: no content expected."""


def today() -> dt.date:
    """The build date; ``SOURCE_DATE_EPOCH`` pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
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


def review_due(journey: Journey, review_after_days: int, on: dt.date) -> bool:
    """The journey's own ``last_reviewed`` is older than ``review_after_days``."""
    return journey.last_reviewed is not None and (on - journey.last_reviewed).days > review_after_days


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
    by_key: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for message in playbook.derived.get(playbook, "messages", messages):
        if not channel or message.channel == channel:
            by_key[(message.persona, message.day)].append((message.journey, message.touchpoint))
    return [Load(persona, day, tuple(tps)) for (persona, day), tps in sorted(by_key.items())]


@dataclass(frozen=True)
class Message:
    """A touchpoint on a message channel, on the day its timing puts it."""

    persona: str
    day: int
    journey: str
    touchpoint: str
    channel: str


def messages(playbook: Playbook) -> list[Message]:
    """Every message :func:`message_load` counts, journeys by id, touchpoints in order.

    Read once per playbook (kept in ``playbook.derived``): the Channels page and each
    channel page ask for the load, and reading every timing is the costly part.
    """
    channels = playbook.channels
    replaced = replaced_journeys(playbook)
    found: list[Message] = []
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        if journey.status == "retired" or journey.id in replaced:
            continue
        for tp, day in zip(journey.touchpoints, journey_days(journey)):
            term = channels.get(tp.channel)
            if term is not None and term.messages and day is not None:
                found.append(Message(tp.persona, day, journey.id, tp.id, tp.channel))
    return found


def replaced_journeys(playbook: Playbook) -> set[str]:
    """Ids of journeys that a journey in the playbook names as its ``future_of``."""
    return {j.future_of for j in playbook.journeys.values()
            if j.future_of and j.status != "retired" and j.future_of in playbook.journeys}


def _warn(path: str, line: int, message: str, hint: str = "", code: str = "") -> Problem:
    return Problem(path, line, message, hint, Severity.WARNING, code)


@dataclass(frozen=True, order=True)
class Subject:
    """What a health warning is about, so the Health page can link to it: a persona,
    a journey, a touchpoint (with a section ``anchor`` on its page), or the message
    load (``load``: the persona × day table of the Channels page)."""

    journey: str = ""
    touchpoint: str = ""
    persona: str = ""
    anchor: str = ""
    load: bool = False
    content: str = ""
    """The id of the content item (of ``touchpoint``) it is about, if any."""


@dataclass(frozen=True, order=True)
class Finding:
    problem: Problem
    subject: Subject


def owner_line(journey: Journey) -> int:
    """The line of the journey's ``owner:`` field, else the journey's own line."""
    return journey.owner_line or journey.where.line


def journey_findings(journey: Journey, playbook: Playbook, on: dt.date) -> list[Finding]:
    """The warnings about one journey, with their subjects; none for a retired journey
    (nobody maintains it any more), and none about its retired content."""
    if journey.status == "retired":
        return []
    path = journey.where.path
    found: list[Finding] = []
    about_journey = Subject(journey.id)
    about_raci = Subject(journey.id, anchor="raci" if journey.raci.teams else "")

    def add(subject: Subject, line: int, message: str, hint: str, code: str) -> None:
        found.append(Finding(_warn(path, line, message, hint, code), subject))

    if journey.goal is None:
        add(about_journey, 1, f"journey '{journey.id}' has no measurable goal",
            "add goal: {metric: …, target: …}", "journey-no-goal")
    if not journey.owner:
        add(about_journey, 1, f"journey '{journey.id}' has no owner team", "add owner: <team id>",
            "journey-no-owner")
    accountable = journey.raci.accountable
    if len(accountable) != 1:
        add(about_raci, 1, f"journey '{journey.id}' has {len(accountable) or 'no'} "
            "accountable teams", "RACI wants exactly one accountable team",
            "journey-no-accountable")
    if journey.owner and accountable and journey.owner not in accountable:
        add(about_raci, owner_line(journey),
            f"journey '{journey.id}' is owned by '{journey.owner}' but "
            f"raci.accountable is {', '.join(repr(a) for a in accountable)}",
            "the owner is the accountable team: set "
            f"owner: {accountable[0]} or accountable: [{journey.owner}]",
            "journey-owner-not-accountable")
    days = playbook.config.review_after_days
    if review_due(journey, days, on):
        add(about_journey, journey.last_reviewed_line or 1,
            f"journey '{journey.id}' is due for review (last reviewed {journey.last_reviewed})",
            f"review the journey and set last_reviewed; the limit is {days} days",
            "journey-review-due")
    for tp in journey.touchpoints:
        about_content = Subject(journey.id, tp.id, anchor="content-inventory")
        # a step the customer never sees (done out of view, or by a system) has no
        # emails, pages or scripts of its own to review
        if not tp.content and tp.by not in UNSEEN_STEPS:
            add(about_content, tp.where.line, f"touchpoint '{tp.id}' has no content",
                "list the emails, pages or scripts that serve it under content:",
                "touchpoint-no-content")
        for item in tp.content:
            if item.status == "retired":
                continue
            about_item = Subject(journey.id, tp.id, anchor="content-inventory", content=item.id)
            if not item.owner:
                add(about_item, item.where.line, f"content '{item.id}' has no owner",
                    "add owner: <team id>", "content-no-owner")
            if is_stale(item, days, on, journey):
                when = f"last reviewed {item.last_reviewed}" if item.last_reviewed else "live but never reviewed"
                add(about_item, item.where.line, f"content '{item.id}' is stale ({when})",
                    f"review it and set last_reviewed; the limit is {days} days", "content-stale")
    return found


def journey_warnings(journey: Journey, playbook: Playbook, on: dt.date) -> list[Problem]:
    """The warnings about one journey (see :func:`journey_findings`)."""
    return [f.problem for f in journey_findings(journey, playbook, on)]


def health_findings(playbook: Playbook, on: dt.date | None = None) -> list[Finding]:
    """Every health warning of the playbook with what it is about, sorted by file and line.

    Worked out once per playbook and day (kept in ``playbook.derived``): the build
    reports them and the Health page lists them.
    """
    on = on or today()
    return list(playbook.derived.get(playbook, ("health", on), lambda pb: _findings(pb, on)))


def _findings(playbook: Playbook, on: dt.date) -> list[Finding]:
    found: list[Finding] = []
    for persona in playbook.personas.values():
        if not playbook.journeys_of(persona.id):
            found.append(Finding(_warn(persona.where.path, 1, f"persona '{persona.id}' is in no journey",
                                       "add them to a journey's personas, or remove the file",
                                       "persona-unused"),
                                 Subject(persona=persona.id)))
    for journey in playbook.journeys.values():
        found.extend(journey_findings(journey, playbook, on))
    limit = playbook.config.max_messages_per_day
    for load in message_load(playbook):
        if len(load.touchpoints) > limit:
            journey_id, tp_id = load.touchpoints[0]
            journey = playbook.journeys[journey_id]
            tp = journey.touchpoint(tp_id)
            found.append(Finding(_warn(journey.where.path, tp.where.line if tp else 1,
                                       f"persona '{load.persona}' gets {len(load.touchpoints)} messages on "
                                       f"day {load.day} (limit {limit})",
                                       "from " + ", ".join(f"{j}/{t}" for j, t in load.touchpoints),
                                       "message-load"),
                                 Subject(load=True)))
    site, by_path = playbook_levels(playbook)
    return sorted(f for f in found if level_of(f.problem, site, by_path) != "off")


def health_warnings(playbook: Playbook, on: dt.date | None = None) -> list[Problem]:
    """Every health warning of the playbook, sorted by file and line."""
    return [f.problem for f in health_findings(playbook, on)]

"""Reading the fields version 2 of the content model adds, and the touchpoint lanes.

Called by :class:`~journeydocs.load.validate.Validator` for each journey and touchpoint;
:func:`check_lanes` runs once site.yml's ``lanes:`` are known (the load stage), since
a touchpoint's unknown fields are only unknown when no lane declares them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import read_checks
from .keys import TOUCHPOINT_KEYS, link_problem
from ..errors import Problems
from .fields import Fields, is_slug, slugify, type_name, unknown_hint
from .frontmatter import LMap
from ..model import STEP_PLACES, Entry, Goal, Journey, Lane, Platform, SiteConfig, Touchpoint

if TYPE_CHECKING:
    from .validate import Validator

GOAL_KEYS = ("metric", "target", "baseline", "actual", "measured_on", "source")
ENTRY_KEYS = ("trigger", "source", "criteria", "re_entry")
PLATFORM_KEYS = ("tool", "id", "url", "version", "status")
BRANCH_KEYS = ("to", "when")


# -- a journey ---------------------------------------------------------------------

def read_journey(validator: Validator, fields: Fields, journey: Journey) -> None:
    """Fill in the journey's version-2 fields."""
    journey.goals = goals(validator, fields)
    journey.goal = journey.goals[0] if journey.goals else None
    journey.entry = entry(fields)
    journey.exit = fields.text_list("exit")
    journey.sponsor = fields.text("sponsor")
    journey.lead = fields.text("lead")
    journey.last_reviewed = fields.date("last_reviewed")
    journey.last_reviewed_line = fields.line("last_reviewed") if "last_reviewed" in fields.data else 0
    journey.platform = platform(validator, fields)
    journey.checks = read_checks(fields)


def goals(validator: Validator, fields: Fields) -> list[Goal]:
    """``goals:`` (a list of KPIs) or ``goal:`` (one, or a line of text)."""
    if "goal" in fields.data and "goals" in fields.data:
        fields.error("goals", "the journey has both 'goal' and 'goals'",
                     "move the goal into the goals: list")
    found = [goal(validator, fields.sub(data, "a goal")) for data in fields.mappings("goals")]
    value = fields.data.get("goal")
    if isinstance(value, str):  # shorthand: "goal: 25% conversion"
        return found + ([Goal(metric=value.strip())] if value.strip() else [])
    data = fields.mapping("goal")
    if data is not None:
        found.append(goal(validator, fields.sub(data, "the goal")))
    return found


def goal(validator: Validator, fields: Fields) -> Goal:
    fields.unknown(GOAL_KEYS)
    source = fields.text("source")
    is_link = "://" in source or source.lower().startswith("mailto:")
    if is_link:
        source = validator.link(fields, "source")
    return Goal(metric=fields.text("metric", required=True), target=fields.text("target"),
                baseline=fields.text("baseline"), actual=fields.text("actual"),
                measured_on=fields.date("measured_on"), source=source,
                source_is_link=is_link and bool(source))


def entry(fields: Fields) -> Entry:
    value = fields.data.get("entry")
    if isinstance(value, str):  # shorthand: the trigger alone
        return Entry(trigger=value.strip())
    data = fields.mapping("entry")
    if data is None:
        return Entry()
    sub = fields.sub(data, "the entry")
    sub.unknown(ENTRY_KEYS)
    return Entry(trigger=sub.text("trigger"), source=sub.text("source"),
                 criteria=sub.text_list("criteria"), re_entry=sub.text("re_entry"))


def platform(validator: Validator, fields: Fields) -> Platform:
    data = fields.mapping("platform")
    if data is None:
        return Platform()
    sub = fields.sub(data, "the platform")
    sub.unknown(PLATFORM_KEYS)
    return Platform(tool=sub.text("tool"), id=sub.text("id"), url=validator.link(sub, "url"),
                    version=sub.text("version"), status=sub.text("status"))


# -- a touchpoint ------------------------------------------------------------------

def read_touchpoint(validator: Validator, fields: Fields, tp: Touchpoint, scope: str) -> None:
    """Fill in the touchpoint's version-2 fields; ``scope`` is its journey's file."""
    tp.by = fields.choice("by", STEP_PLACES, "customer")
    tp.description = fields.text("description")
    tp.key_moment = fields.text("key_moment")
    tp.props = fields.text_list("props")
    tp.frontstage = fields.text_list("frontstage")
    tp.backstage = fields.text_list("backstage")
    tp.detail = validator.one_ref("journey", fields, "detail")
    tp.next, tp.next_when = branches(validator, fields, scope)
    written = fields.data.get("next")
    tp.ends = isinstance(written, list) and not written  # `next: []`: ends here
    tp.extra_lines = {key: fields.line(key) for key in tp.extra}


def branches(validator: Validator, fields: Fields, scope: str) -> tuple[list[str], dict[str, str]]:
    """``next:`` — touchpoint ids, or ``{to, when}`` labelled branches, or a mix."""
    value = fields.data.get("next")
    if not isinstance(value, list) or not any(isinstance(item, LMap) for item in value):
        return validator.refs_of("touchpoint", fields, "next", scope), {}
    ids: list[str] = []
    labels: dict[str, str] = {}
    for index, item in enumerate(value):
        line = value.line_of(index)
        if isinstance(item, LMap):
            sub = fields.sub(item, "a branch")
            sub.unknown(BRANCH_KEYS)
            target = validator.one_ref("touchpoint", sub, "to", scope, required=True)
            if target:
                ids.append(target)
                when = sub.text("when")
                if when:
                    labels[target] = when
            continue
        text = fields._as_text("next", item, line, value.raw.get(index))
        if not text:
            continue
        if is_slug(text):
            validator.add_ref("touchpoint", text, fields.path, line, scope)
            ids.append(text)
        else:
            fields.problems.error(fields.path, line, f"'{text}' in 'next' is not a touchpoint id",
                                  f"ids use a-z, 0-9 and '-', e.g. '{slugify(text)}'")
    return ids, labels


# -- custom lanes, once site.yml is read ---------------------------------------------

def check_lanes(journey: Journey, config: SiteConfig, problems: Problems) -> None:
    """Read each touchpoint's declared lanes from its other fields; report the rest as
    ``unknown-field``. Reads ``extra`` again each time (a kept journey is checked anew)."""
    declared = {lane.id: lane for lane in config.lanes}
    path = journey.where.path
    for key, line in journey.unplaced_fields:
        if key not in declared:
            problems.warn(path, line, f"unknown field '{key}' in a touchpoint",
                          unknown_hint(key, TOUCHPOINT_KEYS, lanes=True), "unknown-field")
    for tp in journey.touchpoints:
        tp.lanes = {}
        for key, value in tp.extra.items():
            line = tp.extra_lines.get(key, tp.where.line)
            lane = declared.get(key)
            if lane is None:
                problems.warn(path, line, f"unknown field '{key}' in a touchpoint",
                              unknown_hint(key, TOUCHPOINT_KEYS, lanes=True), "unknown-field")
                continue
            read = lane_value(lane, value, path, line, problems, link_problem)
            if read not in (None, "", []):
                tp.lanes[key] = read


def lane_value(lane: Lane, value: Any, path: str, line: int, problems: Problems,
               link_problem) -> Any:
    """A lane's value as its ``kind`` wants it, or None (reported) when it is not."""
    if value is None:
        return None
    if lane.kind == "list":
        items = value if isinstance(value, list) else [value]
        if all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in items):
            return [str(item).strip() for item in items if str(item).strip()]
        problems.error(path, line, f"'{lane.id}' must be a list of text, not {type_name(value)}",
                       f"write it as {lane.id}: [first, second]")
        return None
    if lane.kind == "rating":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.error(path, line, f"'{lane.id}' must be a number from {lane.min:g} to "
                           f"{lane.max:g}, not {value!r}", f"lane '{lane.id}' is a rating in site.yml")
            return None
        if not lane.min <= value <= lane.max:  # type: ignore[operator]
            problems.error(path, line, f"'{lane.id}' must be a number from {lane.min:g} to "
                           f"{lane.max:g}, not {value!r}", f"lane '{lane.id}' is a rating in site.yml")
            return None
        return value
    if isinstance(value, (dict, list)):
        problems.error(path, line, f"'{lane.id}' must be text, not {type_name(value)}",
                       "put the text in quotes")
        return None
    text = str(value).strip()
    if lane.kind == "link" and text:
        problem = link_problem(text)
        if problem:
            message, hint = problem
            problems.warn(path, line, message, hint, "link-invalid")
            return None
    return text

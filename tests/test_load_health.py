"""Timing parsing and playbook health warnings, on fixtures with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from journeydocs.build import load_playbook
from journeydocs.load.health import health_warnings, is_stale, message_load
from journeydocs.model import ContentItem, Where
from journeydocs.model import Journey, Touchpoint
from journeydocs.timing import day_of, hours_from_start, journey_days, journey_hours, read_timing


@pytest.mark.parametrize("text, hours", [
    ("day 0", 0), ("Day 3", 72), ("D+3", 72), ("d3", 72), ("D-1", -24), ("+24 h", 24),
    ("+2 d", 48), ("24h", 24), ("2 days", 48), ("week 2", 168), ("week 1", 0),
    ("immediately", 0), ("dag 5", 120), ("ziua 2", 48), ("dia 1", 24), ("+30 min", 0.5),
    ("+1 semana", 168), ("after delivery", None), ("12:15", None), ("", None), ("day x", None),
])
def test_timing_forms(text, hours):
    assert hours_from_start(text) == hours


def test_day_of_rounds_down():
    assert day_of("+23 h") == 0 and day_of("+25 h") == 1 and day_of("soon") is None


def item(status="live", last_reviewed=None):
    return ContentItem("c", "C", Where("x", 1), status=status, last_reviewed=last_reviewed)


def test_stale_rules():
    on = dt.date(2026, 11, 23)
    assert is_stale(item(last_reviewed=dt.date(2026, 5, 1)), 180, on)
    assert not is_stale(item(last_reviewed=dt.date(2026, 6, 1)), 180, on)
    assert is_stale(item(), 180, on)  # live, never reviewed
    assert not is_stale(item(status="draft"), 180, on)


JOURNEY = """\
---
title: Welcome
personas: [maria]
raci: {accountable: [marketing, data]}
touchpoints:
  - id: signup
    name: Sign-up
    stage: discover
    channel: web
    timing: day 0
  - id: email-1
    name: Email one
    stage: discover
    channel: email
    timing: day 0
    content:
      - {id: e1, title: E1, status: live, owner: marketing, last_reviewed: 2020-01-01}
  - id: email-2
    name: Email two
    stage: buy
    channel: email
    timing: +2 h
    content:
      - {id: e2, title: E2, status: live}
---
"""

SECOND = """\
---
title: Promo
personas: [maria]
owner: marketing
goal: {metric: Sales, target: +5%}
raci: {accountable: [marketing]}
touchpoints:
  - {id: a, name: A, stage: buy, channel: email, timing: D+0,
     content: [{id: x, title: X, owner: data, last_reviewed: 2026-11-01}]}
  - {id: b, name: B, stage: buy, channel: email, timing: +20 h,
     content: [{id: y, title: Y, owner: data, last_reviewed: 2026-11-01}]}
  - {id: c, name: C, stage: buy, channel: email, timing: day 1,
     content: [{id: z, title: Z, owner: data, last_reviewed: 2026-11-01}]}
---
"""


def test_health_of_known_fixture(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 23).timestamp())))
    project = make_project({"content/journeys/gift.md": JOURNEY, "content/journeys/promo.md": SECOND,
                            "content/personas/lone.md": "---\nname: Lone\n---\n"})
    playbook, problems = load_playbook(project)
    assert playbook is not None, problems.errors
    loads = {(l.persona, l.day): len(l.touchpoints) for l in message_load(playbook)}
    assert loads == {("maria", 0): 4, ("maria", 1): 1}  # web sign-up is not a message
    got = [(p.path.split("/")[-1], p.line, p.message) for p in health_warnings(playbook)]
    assert got == [
        ("gift.md", 1, "journey 'gift' has 2 accountable teams"),
        ("gift.md", 1, "journey 'gift' has no measurable goal"),
        ("gift.md", 1, "journey 'gift' has no owner team"),
        ("gift.md", 6, "touchpoint 'signup' has no content"),
        ("gift.md", 11, "persona 'maria' gets 4 messages on day 0 (limit 3)"),
        ("gift.md", 17, "content 'e1' is stale (last reviewed 2020-01-01)"),
        ("gift.md", 24, "content 'e2' has no owner"),
        ("gift.md", 24, "content 'e2' is stale (live but never reviewed)"),
        ("lone.md", 1, "persona 'lone' is in no journey"),
    ]


def test_channel_can_opt_out_of_messages(make_project):
    site = ("title: T\nstages: [Discover, Buy]\nchannels:\n  - {id: email, name: Email, messages: false}\n"
            "  - {id: web, name: Web, messages: true}\nteams: [Marketing, Data]\n")
    playbook, problems = load_playbook(make_project({"site.yml": site, "content/journeys/gift.md": JOURNEY}))
    assert playbook is not None, problems.errors
    assert [(l.day, len(l.touchpoints)) for l in message_load(playbook)] == [(0, 1)]


# --- timings read along a journey (the timeline's reading) --------------------------

@pytest.mark.parametrize("timing, before, hours", [
    ("07:30", 0, 7.5), ("16:30", 7.5, 16.5), ("09:00", 80, 81),  # clock: the day before it
    ("day 0, 12:30", 0, 12.5), ("day 1, 08:05", 0, 32 + 5 / 60), ("month 11", 0, 7200),
    ("month 11, +2 days", 0, 7248), ("+24 h", 12.5, 36.5), ("+5 days", 264, 384),
    ("dag 0, + 2 min", 9, 2 / 60), ("day 3", 100, 72), ("25:00", 0, None),
    ("after delivery", 5, None), ("+2 min into the contact", 5, None), ("", 5, None),
])
def test_read_timing_from_the_touchpoint_before(timing, before, hours):
    got = read_timing(timing, before)
    assert got == pytest.approx(hours) if hours is not None else got is None


def test_journey_days_walk_the_touchpoints():
    timings = ["day 0, 12:30", "+24 h", "after delivery", "day 10", "+5 days", "month 11",
               "07:30", "week 2 after second order"]
    journey = Journey("j", "J", Where("j.md", 1), touchpoints=[
        Touchpoint(f"t{i}", "T", "buy", "email", Where("j.md", i), timing=timing)
        for i, timing in enumerate(timings)])
    assert journey_days(journey) == [0, 1, None, 10, 15, 300, 300, None]
    hours = journey_hours(timings)
    assert hours[2] == (36.5, False)  # unread: the time of the touchpoint before


CLOCKS = """\
---
title: A day
personas: [maria]
owner: marketing
goal: {metric: Calm, target: calm}
raci: {accountable: [marketing]}
touchpoints:
  - {id: a, name: A, stage: buy, channel: email, timing: "07:30",
     content: [{id: x, title: X, owner: data, last_reviewed: 2026-11-01}]}
  - {id: b, name: B, stage: buy, channel: email, timing: "day 0, 12:30",
     content: [{id: y, title: Y, owner: data, last_reviewed: 2026-11-01}]}
  - {id: c, name: C, stage: buy, channel: email, timing: "16:30",
     content: [{id: z, title: Z, owner: data, last_reviewed: 2026-11-01}]}
  - {id: d, name: D, stage: buy, channel: email, timing: "+24 h",
     content: [{id: w, title: W, owner: data, last_reviewed: 2026-11-01}]}
  - {id: e, name: E, stage: buy, channel: email, timing: "21:00",
     content: [{id: v, title: V, owner: data, last_reviewed: 2026-11-01}]}
---
"""


def test_message_load_reads_clock_and_relative_timings(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 23).timestamp())))
    playbook, problems = load_playbook(make_project({"content/journeys/day.md": CLOCKS}))
    assert playbook is not None, problems.errors
    loads = {(l.persona, l.day): [t for _, t in l.touchpoints] for l in message_load(playbook)}
    # +24 h from 16:30 on day 0 is day 1; 21:00 alone is on that day too
    assert loads == {("maria", 0): ["a", "b", "c"], ("maria", 1): ["d", "e"]}
    assert not [p for p in health_warnings(playbook) if "messages on day" in p.message]
    more = CLOCKS.replace('timing: "+24 h"', 'timing: "18:00"')
    playbook, _ = load_playbook(make_project({"content/journeys/day.md": more}))
    got = [p.message for p in health_warnings(playbook) if "messages on day" in p.message]
    assert got == ["persona 'maria' gets 5 messages on day 0 (limit 3)"]


# --- retired content and journeys are not due for review ---------------------------

def test_retired_is_never_stale():
    on = dt.date(2026, 11, 23)
    assert not is_stale(item(status="retired", last_reviewed=dt.date(2020, 1, 1)), 180, on)
    assert not is_stale(item(status="retired"), 180, on)
    old = item(last_reviewed=dt.date(2020, 1, 1))
    assert not is_stale(old, 180, on, Journey("j", "J", Where("j.md", 1), status="retired"))
    assert is_stale(old, 180, on, Journey("j", "J", Where("j.md", 1), status="published"))


def test_retired_content_and_journeys_raise_no_warnings(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 23).timestamp())))
    retired_items = JOURNEY.replace("status: live, owner: marketing", "status: retired, owner: marketing") \
                           .replace("{id: e2, title: E2, status: live}", "{id: e2, title: E2, status: retired}")
    retired_journey = SECOND.replace("title: Promo", "title: Promo\nstatus: retired") \
                            .replace("last_reviewed: 2026-11-01", "last_reviewed: 2020-01-01")
    project = make_project({"content/journeys/gift.md": retired_items,
                            "content/journeys/promo.md": retired_journey})
    playbook, problems = load_playbook(project)
    assert playbook is not None, problems.errors
    got = [(p.path.split("/")[-1], p.message) for p in health_warnings(playbook)]
    assert not [g for g in got if g[0] == "promo.md"], got
    assert not [g for g in got if "'e1'" in g[1] or "'e2'" in g[1]], got
    assert ("gift.md", "touchpoint 'signup' has no content") in got


# --- the journey's owner is its accountable team ----------------------------------

def test_owner_outside_accountable_is_warned(make_project):
    journey = SECOND.replace("raci: {accountable: [marketing]}", "raci: {accountable: [data]}")
    playbook, problems = load_playbook(make_project({"content/journeys/promo.md": journey}))
    assert playbook is not None, problems.errors
    got = [p for p in health_warnings(playbook) if "owned by" in p.message]
    assert [(p.path.split("/")[-1], p.message, p.hint) for p in got] == [(
        "promo.md", "journey 'promo' is owned by 'marketing' but raci.accountable is 'data'",
        "the owner is the accountable team: set owner: data or accountable: [marketing]")]
    # consistent, no accountable team, or no owner: no such warning
    for text in (SECOND, SECOND.replace("raci: {accountable: [marketing]}", "raci: {}"),
                 SECOND.replace("owner: marketing\n", "")):
        playbook, _ = load_playbook(make_project({"content/journeys/promo.md": text}))
        assert not [p for p in health_warnings(playbook) if "owned by" in p.message]


def test_owner_warning_points_at_the_owner_line(make_project):
    journey = SECOND.replace("raci: {accountable: [marketing]}", "raci: {accountable: [data]}")
    playbook, _ = load_playbook(make_project({"content/journeys/promo.md": journey}))
    (problem,) = [p for p in health_warnings(playbook) if "owned by" in p.message]
    assert problem.line == 4  # "---" is line 1; owner: marketing is line 4


def test_sample_owners_are_accountable():
    from pathlib import Path
    playbook, problems = load_playbook(Path(__file__).resolve().parent.parent)
    assert playbook is not None, problems.errors
    assert not [p.format() for p in health_warnings(playbook) if "owned by" in p.message]


def test_health_reads_the_sample_timings_as_the_timeline_does():
    """The message load and the timeline diagram place every sample touchpoint on the
    same day (the timeline keeps unread timings at the time before; the load skips them)."""
    from pathlib import Path

    from journeydocs.diagrams.timeline import placed

    playbook, _ = load_playbook(Path(__file__).resolve().parent.parent)
    for journey in playbook.journeys.values():
        timeline = {p.index: (p.hours // 24, p.understood) for p in placed(journey)}
        ours = [(hours // 24, understood) for hours, understood
                in journey_hours(tp.timing for tp in journey.touchpoints)]
        assert [timeline[i] for i in range(len(ours))] == ours, journey.id

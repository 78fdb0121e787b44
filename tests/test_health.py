"""Timing parsing and playbook health warnings, on fixtures with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from journeydocs.build import load_playbook
from journeydocs.health import health_warnings, is_stale, message_load
from journeydocs.model import ContentItem, Where
from journeydocs.timing import day_of, hours_from_start


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

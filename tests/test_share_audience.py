"""Audiences: the external transform, the new fields' checks, and bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINIMAL_SITE
from journeydocs.build import load_playbook
from journeydocs.errors import UsageError
from journeydocs.markdown import render_markdown
from journeydocs.share.audience import for_audience, strip_internal_blocks

BRANCHING = """\
---
title: Branching
personas: [maria, secret]
owner: marketing
raci: {responsible: [marketing]}
pillars: {audience: Shoppers, data: Basket contents}
touchpoints:
  - {id: a, name: A, stage: discover, channel: web, next: [b]}
  - {id: b, name: B, stage: discover, channel: web, internal: true, next: [d]}
  - {id: c, name: C, stage: buy, channel: web, persona: secret}
  - {id: d, name: D, stage: buy, channel: email, internal: true}
  - id: e
    name: E
    stage: buy
    channel: email
    owner: data
    systems: [CRM]
    data: [Email address]
    pain_points:
      - Slow
      - {text: Hidden pain, internal: true}
    opportunities:
      - {title: Open idea}
      - {title: Hidden idea, internal: true}
    content:
      - {id: open-item, title: Open item, owner: marketing, link: "https://x.example/o"}
      - {id: hidden-item, title: Hidden item, internal: true}
---
Intro.
"""

SECRET = """\
---
name: Secret persona
internal: true
---
"""


def load(make_project, files):
    playbook, problems = load_playbook(make_project(files))
    assert playbook is not None, [p.format() for p in problems.errors]
    return playbook


@pytest.fixture
def branching(make_project):
    return load(make_project, {"content/journeys/branching.md": BRANCHING,
                               "content/personas/secret.md": SECRET})


def test_internal_audience_is_the_same_playbook(branching):
    assert for_audience(branching, "internal") is branching


def test_external_leaves_the_input_unchanged(branching):
    for_audience(branching, "external")
    assert [tp.id for tp in branching.journeys["branching"].touchpoints] == list("abcde")
    assert "secret" in branching.personas


def test_next_skips_internal_touchpoints_to_where_they_led(branching):
    journey = for_audience(branching, "external").journeys["branching"]
    assert [tp.id for tp in journey.touchpoints] == ["a", "c", "e"]
    # a → b (internal) → d (internal) → in order after d: e
    assert journey.successors(0) == ["e"]
    assert journey.successors(1) == ["e"]  # c led to d (internal), whose successor is e


def test_internal_persona_is_unlinked_everywhere(branching):
    shown = for_audience(branching, "external")
    journey = shown.journeys["branching"]
    assert "secret" not in shown.personas
    assert journey.personas == ["maria"]
    assert journey.touchpoint("c").persona == ""


def test_internal_items_and_fields_are_left_out(branching):
    shown = for_audience(branching, "external")
    journey = shown.journeys["branching"]
    tp = journey.touchpoint("e")
    assert tp.pain_points == ["Slow"]
    assert [o.title for o in tp.opportunities] == ["Open idea"]
    assert [c.id for c in tp.content] == ["open-item"]
    assert tp.content[0].owner == "" and tp.content[0].link == "https://x.example/o"
    assert (tp.owner, tp.systems, tp.data) == ("", [], [])
    assert journey.owner == "" and not journey.raci.teams
    assert journey.pillars.audience == "Shoppers" and journey.pillars.data == ""


def test_internal_fields_from_site_yml(make_project):
    playbook = load(make_project, {
        "site.yml": MINIMAL_SITE + "internal_fields: [goal]\n",
        "content/journeys/branching.md": BRANCHING.replace("owner: marketing\n",
                                                           "owner: marketing\ngoal: 10%\n"),
        "content/personas/secret.md": SECRET})
    journey = for_audience(playbook, "external").journeys["branching"]
    assert journey.goal is None
    assert journey.owner == "marketing"  # not listed, so shown


def test_unknown_audience_is_a_usage_error(branching):
    with pytest.raises(UsageError, match="unknown audience 'externl'.*did you mean 'external'"):
        for_audience(branching, "externl")


@pytest.mark.parametrize("text, expected", [
    ("a\n::: internal\nsecret\n:::\nb\n", "a\nb\n"),
    ("a\n  :::internal\n  secret\n  :::\nb\n", "a\nb\n"),
    ("a\n::: internal\n::: note\nsecret\n:::\nstill secret\n:::\nb\n", "a\nb\n"),
    ("```\n::: internal\n```\nb\n", "```\n::: internal\n```\nb\n"),
    ("::: internal\n```\n:::\n```\nsecret\n:::\nb\n", "b\n"),
    ("a\n::: internal\nnever closed\n", "a\n"),
    ("::: note\nkept\n:::\n", "::: note\nkept\n:::\n"),
])
def test_strip_internal_blocks(text, expected):
    assert strip_internal_blocks(text) == expected


def test_internal_block_renders_as_a_labelled_aside():
    html = render_markdown("Before\n\n::: internal\nBudget **approved**\n:::\n\nAfter\n")
    assert '<aside class="card internal-block">' in html
    assert '<span class="badge badge--internal">Internal</span>' in html
    assert "<strong>approved</strong>" in html
    assert html.index("Before") < html.index("aside") < html.index("After")


BAD_FIELDS = {
    "site.yml": MINIMAL_SITE + "internal_fields: [raci, sytems]\n",
    "content/journeys/gift.md": """\
---
title: Bad
personas: [maria]
internal: yes please
touchpoints:
  - id: one
    name: One
    stage: discover
    channel: web
    evidence: asumption
    pain_points:
      - {text: Slow, evidence: {kind: research, source: "javascript:alert(1)"}}
  - {id: two, name: Two, stage: buy, channel: web, internal: 1, evidence: {kind: reserch}}
---
""",
}


def test_bad_sharing_fields_are_reported_at_their_lines(make_project):
    project = make_project(BAD_FIELDS)
    run = subprocess.run([sys.executable, "-m", "journeydocs", "check", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    expected = [
        "content/journeys/gift.md:4: 'internal' must be true or false, not 'yes please'",
        "content/journeys/gift.md:10: 'asumption' is not an evidence kind; use one of "
        "research, analytics, support-data, assumption (did you mean 'assumption'?)",
        "content/journeys/gift.md:13: 'reserch' is not an evidence kind; use one of "
        "research, analytics, support-data, assumption (did you mean 'research'?)",
        "content/journeys/gift.md:13: 'internal' must be true or false, not 1",
        "site.yml:11: 'sytems' in 'internal_fields' is not a field that can be internal "
        "(did you mean 'systems'?)",
    ]
    for line in expected:
        assert any(got.startswith(line) for got in lines), (line, lines)
    assert any("12: warning: the evidence source 'javascript:alert(1)'" in got for got in lines)

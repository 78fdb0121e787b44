"""What keeps the cross-journey views linear: values worked out once per playbook
(``Playbook.derived``) must answer exactly what working them out afresh answers,
including after the external audience's transform, a copy or a pickle."""

from __future__ import annotations

import copy
import pickle

from conftest import MINIMAL_PERSONA, MINIMAL_SITE
from journeydocs.build import load_playbook
from journeydocs.load.health import message_load, messages
from journeydocs.model import Derived, Journey, Playbook, SiteConfig, Touchpoint, Where
from journeydocs.share.audience import for_audience

W = Where("x.md", 1)

OPEN = """\
---
title: Open
personas: [maria]
touchpoints:
  - {id: a, name: A, stage: discover, channel: email, timing: day 0}
  - {id: b, name: B, stage: buy, channel: email, persona: secret, timing: day 0}
---
"""

HIDDEN = """\
---
title: Hidden
personas: [maria]
internal: true
touchpoints:
  - {id: c, name: C, stage: buy, channel: email, timing: day 0}
---
"""

SECRET = """\
---
name: Secret persona
internal: true
---
"""


def afresh(playbook: Playbook, persona_id: str) -> list[str]:
    """``journeys_of`` as it was written before the index: a scan of every journey."""
    return [j.id for j in playbook.journeys.values()
            if persona_id in j.personas or any(tp.persona == persona_id for tp in j.touchpoints)]


def ids(journeys: list[Journey]) -> list[str]:
    return [j.id for j in journeys]


def load(make_project) -> Playbook:
    site = MINIMAL_SITE.replace("- {id: email, name: Email}",
                                "- {id: email, name: Email, messages: true}")
    playbook, problems = load_playbook(make_project({
        "site.yml": site,
        "content/journeys/open.md": OPEN,
        "content/journeys/hidden.md": HIDDEN,
        "content/personas/maria.md": MINIMAL_PERSONA,
        "content/personas/secret.md": SECRET,
    }, minimal=False))
    assert playbook is not None, [p.format() for p in problems.errors]
    return playbook


def test_journeys_of_answers_what_a_scan_answers(make_project):
    playbook = load(make_project)
    for persona_id in [*playbook.personas, "", "nobody"]:
        assert ids(playbook.journeys_of(persona_id)) == afresh(playbook, persona_id), persona_id
    assert ids(playbook.journeys_of("secret")) == ["open"]  # named on a touchpoint only
    assert playbook.journeys_of("nobody") == []


def test_journeys_of_after_the_external_transform(make_project):
    playbook = load(make_project)
    before = {pid: ids(playbook.journeys_of(pid)) for pid in playbook.personas}  # index made
    assert sorted(before["maria"]) == ["hidden", "open"]
    shown = for_audience(playbook, "external")
    # the hidden journey and the internal persona are gone from the external answers
    assert ids(shown.journeys_of("maria")) == ["open"] == afresh(shown, "maria")
    assert shown.journeys_of("secret") == [] == afresh(shown, "secret")
    # and the internal playbook still answers as before
    assert {pid: ids(playbook.journeys_of(pid)) for pid in playbook.personas} == before


def test_derived_values_are_never_copied_compared_or_pickled(make_project):
    playbook = load(make_project)
    playbook.journeys_of("maria")
    message_load(playbook)
    assert playbook.derived._values  # made
    for other in (copy.deepcopy(playbook), copy.copy(playbook),
                  pickle.loads(pickle.dumps(playbook))):
        assert isinstance(other.derived, Derived)
        if other.derived is not playbook.derived:
            assert other.derived._values == {}
        assert other == playbook
    assert "derived" not in repr(playbook)


def test_a_copy_that_is_changed_answers_for_itself(make_project):
    playbook = load(make_project)
    assert sorted(ids(playbook.journeys_of("maria"))) == ["hidden", "open"]
    changed = copy.deepcopy(playbook)
    for journey in changed.journeys.values():
        journey.personas = []
        for tp in journey.touchpoints:
            tp.persona = ""
    assert changed.journeys_of("maria") == []
    assert len(playbook.journeys_of("maria")) == 2


def test_replaced_journeys_are_indexed_again():
    playbook = Playbook(SiteConfig("T"))
    playbook.journeys = {"a": Journey("a", "A", W, personas=["p"])}
    assert ids(playbook.journeys_of("p")) == ["a"]
    playbook.journeys = {"b": Journey("b", "B", W, personas=["p"],
                                      touchpoints=[Touchpoint("t", "T", "s", "c", W, persona="q")])}
    assert ids(playbook.journeys_of("p")) == ["b"]
    assert ids(playbook.journeys_of("q")) == ["b"]


def test_message_load_per_channel_is_the_whole_load_filtered(make_project):
    playbook = load(make_project)
    everything = message_load(playbook)
    assert [(l.persona, l.day, l.touchpoints) for l in everything] == [
        ("maria", 0, (("hidden", "c"), ("open", "a"))), ("secret", 0, (("open", "b"),))]
    assert message_load(playbook, "email") == everything
    assert message_load(playbook, "sms") == []
    assert [m.channel for m in messages(playbook)] == ["email"] * 3
    shown = for_audience(playbook, "external")
    assert [(l.persona, l.day, l.touchpoints) for l in message_load(shown)] == [
        ("", 0, (("open", "b"),)), ("maria", 0, (("open", "a"),))]  # secret's persona cleared


def test_lookup_answers_what_render_common_answers():
    """The views' per-page memo gives the very values render_common would, on the
    sample (own stages, unknown ids, every status) and on a stage id used twice."""
    from pathlib import Path

    from journeydocs.pages.tasks import make_site
    from journeydocs.render.common import (Linker, badge, channel_name, stage_name,
                                           team_name)
    from journeydocs.views.common import Lookup

    root = Path(__file__).resolve().parent.parent
    playbook, problems = load_playbook(root)
    assert playbook is not None, [p.format() for p in problems.errors]
    site = make_site(playbook, root / "theme")
    link = Linker(playbook, "teams/x.html")
    look = Lookup(site, link)
    twice = Journey("twice", "Twice", W, stages=[*playbook.config.stages[:1],
                                                 renamed(playbook.config.stages[0])])
    for _ in range(2):  # made, then remembered
        for journey in [*playbook.journeys.values(), twice]:
            assert look.journey(journey) == link.journey(journey)
            for stage_id in [s.id for s in journey.stages] + ["nowhere"]:
                assert look.stage(journey, stage_id) == stage_name(journey, stage_id)
            for tp in journey.touchpoints:
                assert look.touchpoint(journey, tp) == link.touchpoint(journey, tp)
                assert look.channel(tp.channel) == channel_name(playbook, tp.channel)
                assert look.team(tp.owner) == team_name(playbook, tp.owner)
                assert look.persona(tp.persona) == link.persona(tp.persona)
                for item in tp.content:
                    made = badge(site.t, "content", item.status)
                    assert look.badge("content", item.status) == made
        for unknown in ("ghost", ""):
            assert look.channel(unknown) == channel_name(playbook, unknown)
            assert look.team(unknown) == team_name(playbook, unknown)
            assert look.persona(unknown) == link.persona(unknown)


def renamed(term):
    """The same stage id under another name (a journey may repeat an id: the first wins)."""
    import dataclasses

    return dataclasses.replace(term, name=term.name + " again")


def test_comparison_link_finds_the_first_pair_of_a_journey():
    from journeydocs.render.common import Linker
    from journeydocs.views.compare import comparison_link, pairs

    playbook = Playbook(SiteConfig("T"))
    playbook.journeys = {
        "now": Journey("now", "Now", W),
        "next": Journey("next", "Next", W, future_of="now"),
        "later": Journey("later", "Later", W, future_of="now"),
        "alone": Journey("alone", "Alone", W),
        "orphan": Journey("orphan", "Orphan", W, future_of="missing"),
    }
    link = Linker(playbook, "journeys/x.html")
    for journey in playbook.journeys.values():
        scanned = next(((c, f) for c, f in pairs(playbook) if journey.id in (c.id, f.id)), None)
        found = comparison_link(link, journey)
        expected = f"compare/{scanned[1].id}.html" if scanned else None
        assert (found.path if found else None) == expected
    # 'later' sorts before 'next': the first pair by id is the one linked
    assert comparison_link(link, playbook.journeys["now"]).text == "Now → Later"
    playbook.journeys = {"solo": Journey("solo", "Solo", W)}  # replaced: indexed again
    assert comparison_link(link, playbook.journeys["solo"]) is None

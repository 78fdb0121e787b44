"""What keeps the cross-journey views linear: values worked out once per playbook
(``Playbook.derived``) must answer exactly what working them out afresh answers,
including after the external audience's transform, a copy or a pickle."""

from __future__ import annotations

import copy
import pickle

from conftest import MINIMAL_PERSONA, MINIMAL_SITE
from journeydocs.build import load_playbook
from journeydocs.health import message_load, messages
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
    site = MINIMAL_SITE.replace("- {id: email, name: Email}", "- {id: email, name: Email, messages: true}")
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

"""Playbooks not shaped like the sample: public maps translated into the format
(tests/fixtures/public/, see its README). They use no emotions, timings, channels,
owners or content where the source has none; with their ``checks:`` they check clean
with --strict, and no page shows a placeholder for a field the map never uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeydocs.build import build, load_playbook
from journeydocs.i18n.strings import strings

PUBLIC = Path(__file__).resolve().parent / "fixtures" / "public"
MAPS = sorted(p.name for p in PUBLIC.iterdir() if (p / "site.yml").is_file())


def test_there_are_public_maps():
    assert {"blueprint", "life-journey", "automation"} <= set(MAPS)


@pytest.mark.parametrize("name", MAPS)
def test_public_map_checks_clean_with_its_checks(name):
    playbook, problems = load_playbook(PUBLIC / name)
    assert playbook is not None, [p.format() for p in problems.errors]
    assert not problems.items, [p.format() for p in problems.items]  # what --strict fails on


def _placeholders(language: str, journey) -> list[str]:
    """What a page of ``journey`` may not say: a placeholder for a field the journey
    never uses (a gap in a field it does use elsewhere is worth showing)."""
    t = strings(language)
    tps = journey.touchpoints
    never = ["?/5", "(?)"]
    if not any(tp.pain_points for tp in tps):
        never.append(t["no_pain_points"])
    if not any(tp.opportunities for tp in tps):
        never.append(t["no_opportunities"])
    if not any(tp.content for tp in tps):
        never.append(t["no_content"])
    if not any(tp.timing for tp in tps):
        never.append(t["timeline_no_timing"])
    if all(tp.emotion is None for tp in tps):
        never.append(t["no_emotions"])
    return never


@pytest.mark.parametrize("name", MAPS)
def test_no_page_shows_a_placeholder_for_what_the_map_never_uses(name, tmp_path):
    result = build(PUBLIC / name, tmp_path / "site")
    language = result.playbook.config.language
    found = []
    checked = 0
    for journey in result.playbook.journeys.values():
        never = _placeholders(language, journey)
        # the touchpoint pages; the journey page's map: tests of issue 23
        for page in sorted((tmp_path / "site" / "journeys" / journey.id).glob("*.html")):
            text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
            found += [(page.name, phrase) for phrase in never if phrase in text]
            checked += 1
    assert checked and not found


def test_a_persona_page_shows_no_column_or_fact_the_map_never_fills(tmp_path):
    """The blueprint's case officer: staff, no preferred channels; its journey has one
    implicit stage, no emotions, and a channel on one of the officer's two steps."""
    build(PUBLIC / "blueprint", tmp_path / "site")
    page = (tmp_path / "site" / "personas" / "case-officer.html").read_text(encoding="utf-8")
    t = strings("en")
    assert ">Staff<" in page
    assert t["preferred_channels"] not in page
    header = page[page.index("<thead>"):page.index("</thead>")]
    assert t["channel"] in header
    assert t["emotion"] not in header and f">{t['stage']}<" not in header


def test_staff_and_partners_are_listed_apart_from_customers(tmp_path):
    """A blueprint's staff persona: the sidebar and the home page group personas by kind
    once a playbook has more than one kind; the sample's customers-only lists stay flat."""
    out = build(PUBLIC / "blueprint", tmp_path / "site").output
    home = (out / "index.html").read_text(encoding="utf-8")
    t = strings("en")
    section = home[home.index('id="personas"'):]
    assert section.index(f">{t['persona_group.customer']}<") < section.index("Applicant") \
        < section.index(f">{t['persona_group.staff']}<") < section.index("Planning case officer")
    page = (out / "personas" / "applicant.html").read_text(encoding="utf-8")
    assert f">{t['persona_group.staff']}<" in page  # the sidebar's group, on every page
    life = build(PUBLIC / "life-journey", tmp_path / "life").output
    assert f">{t['persona_group.partner']}<" in (life / "index.html").read_text(encoding="utf-8")

"""The sidebar of a large playbook: long groups list their first items and a
"Show all" link, and a page left out still finds itself in the sidebar."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from journeydocs.build import load_playbook
from journeydocs.pages.tasks import render_site
from journeydocs.pages.nav import journeys_by_status

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 1)


def _sidebar(html: bytes) -> str:
    text = html.decode("utf-8")
    start = text.index('<nav id="site-nav"')
    return text[start:text.index("</nav>", start)]


def _links(sidebar: str) -> list[tuple[str, str]]:
    """(href, attributes after it) of each sidebar link, in order."""
    return re.findall(r'<a href="([^"]*)"([^>]*)>', sidebar)


@pytest.fixture(scope="module")
def pruned():
    playbook, problems = load_playbook(ROOT)
    assert playbook is not None, [p.format() for p in problems.errors]
    playbook.config.nav_limit = 1
    files = {f.path: f.data for f in render_site(playbook, ROOT / "theme", today=TODAY)}
    return playbook, files


def test_a_long_group_lists_its_first_items_and_links_to_the_full_list(pruned):
    playbook, files = pruned
    sidebar = _sidebar(files["personas/" + sorted(playbook.personas)[0] + ".html"])
    for status, journeys in journeys_by_status(playbook):
        first = journeys[0].id
        assert f'href="../journeys/{first}.html"' in sidebar
        for journey in journeys[1:]:
            assert f"journeys/{journey.id}.html" not in sidebar  # left out
        if len(journeys) > 1:
            assert (f'<a href="../index.html#journeys-{status}">Show all {len(journeys)}</a>'
                    in sidebar)
            assert f'id="journeys-{status}"' in files["index.html"].decode()  # the target
    from journeydocs.i18n.strings import strings
    from journeydocs.pages.nav import personas_by_kind

    groups = personas_by_kind(playbook, strings(playbook.config.language))
    assert len(groups) == 2  # the sample's customers and its staff persona
    for _, members in groups:
        if len(members) > 1:
            assert f'<a href="../index.html#personas">Show all {len(members)}</a>' in sidebar


def test_a_left_out_journey_is_listed_on_its_pages_above_show_all(pruned):
    playbook, files = pruned
    status, journeys = next((s, js) for s, js in journeys_by_status(playbook) if len(js) > 2)
    left_out = journeys[2]
    links = _links(_sidebar(files[f"journeys/{left_out.id}.html"]))
    hrefs = [href for href, _ in links]
    at = hrefs.index(f"{left_out.id}.html")
    assert 'aria-current="page"' in links[at][1]
    assert hrefs[at + 1] == f"../index.html#journeys-{status}"  # just above "Show all"
    assert hrefs[at - 1] == f"{journeys[0].id}.html"  # after the listed first one
    touchpoint = f"journeys/{left_out.id}/{left_out.touchpoints[0].id}.html"
    links = _links(_sidebar(files[touchpoint]))
    parent = [attrs for href, attrs in links if href == f"../{left_out.id}.html"]
    assert parent == [' class="is-parent"']
    other = journeys[1]  # another left-out journey's page does not list this one
    assert f"{left_out.id}.html" not in _sidebar(files[f"journeys/{other.id}.html"])


def test_no_limit_lists_everything(pruned):
    playbook, _ = load_playbook(ROOT)
    playbook.config.nav_limit = 0
    files = {f.path: f.data for f in render_site(playbook, ROOT / "theme", today=TODAY)}
    sidebar = _sidebar(files["index.html"])
    assert "Show all" not in sidebar
    assert all(f"journeys/{jid}.html" in sidebar for jid in playbook.journeys)


@pytest.mark.parametrize("value", ["-1", "many", "true"])
def test_a_bad_nav_limit_is_reported_at_its_line(tmp_path, value):
    from journeydocs.errors import Problems
    from journeydocs.load.config import read_config
    from journeydocs.load.frontmatter import parse_yaml

    problems = Problems()
    read_config(parse_yaml(f"title: T\nnav_limit: {value}\n"), "site.yml", problems)
    assert [(p.path, p.line) for p in problems.errors] == [("site.yml", 2)]
    assert "nav_limit" in problems.errors[0].message

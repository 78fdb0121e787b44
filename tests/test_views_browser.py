"""The views in a real browser and through the real mermaid: filtering and sorting
from file:// in headless Chromium, and the quadrant chart (with hostile titles)
parsed and rendered by the vendored mermaid.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from harness import mermaid
from harness.browser import open_page, require_browser
from journeydocs.build import load_playbook
from journeydocs.diagrams import plain_text
from journeydocs.model import Journey, Opportunity, Touchpoint, Where
from journeydocs.pages.tasks import render_site
from journeydocs.i18n.strings import strings
from journeydocs.views.opportunities import POINT_LABEL, Ranked, quadrant_chart, ranked

TESTS = Path(__file__).resolve().parent
THEME = TESTS.parent / "theme"
SAMPLE = TESTS.parent
TODAY = dt.date(2026, 11, 23)

HOSTILE = [
    'Say "hi" & <b>bold</b>',
    "x%%{init: {'theme':'dark'}}%%y",
    "C# rocks; a:b, #35; ¶ß ﬂ°",
    "`md` [0.5, 0.5] --> $$x$$",
    "title quadrant-1 evil",
    "日本 café 😀 é",
    "",
]


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """The sample playbook, built (pages + theme assets) into a folder."""
    require_browser()
    playbook, problems = load_playbook(SAMPLE)
    assert playbook is not None, [p.format() for p in problems.errors]
    out = tmp_path_factory.mktemp("views-site")
    for file in render_site(playbook, THEME, today=TODAY):
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
    shutil.copytree(THEME / "assets", out / "assets", dirs_exist_ok=True)
    return out


VISIBLE = "() => document.querySelectorAll('#inventory-table tbody tr:not([hidden])').length"


def test_inventory_filters_and_sorts_from_file_url(sample_site):
    playbook, _ = load_playbook(SAMPLE)
    items = [(j, tp, c) for j in playbook.journeys.values() for tp in j.touchpoints
             for c in tp.content]
    live = sum(c.status == "live" for _, _, c in items)
    ownerless = sum(not c.owner for _, _, c in items)
    with open_page(sample_site / "inventory.html") as loaded:
        page = loaded.page
        assert page.is_visible("form[data-filters-for=inventory-table]")  # script showed it
        assert page.evaluate(VISIBLE) == len(items)
        page.select_option("select[data-filter=status]", "live")
        assert page.evaluate(VISIBLE) == live
        assert page.text_content("output.filter-count") == f"{live} of {len(items)} rows shown"
        page.select_option("select[data-filter=owner]", "-")  # live AND without owner
        assert page.evaluate(VISIBLE) == sum(c.status == "live" and not c.owner
                                             for _, _, c in items)
        page.click("button.filter-reset")
        page.select_option("select[data-filter=owner]", "-")
        assert page.evaluate(VISIBLE) == ownerless >= 1
        page.select_option("select[data-filter=owner]", "")
        page.select_option("select[data-filter=stale]", "yes")
        stale_rows = page.evaluate(VISIBLE)
        assert stale_rows == page.evaluate(
            "() => [...document.querySelectorAll('#inventory-table tbody tr:not([hidden])')]"
            ".filter(r => r.querySelector('.badge--stale')).length") >= 1
        page.select_option("select[data-filter=stale]", "")
        # sort by "Last reviewed" (4th column: the key columns come first), twice
        page.click("#inventory-table thead th:nth-child(4) button")
        dates = page.evaluate("() => [...document.querySelectorAll('#inventory-table tbody tr')]"
                              ".map(r => r.cells[3].dataset.sort)")
        assert dates == sorted(dates)
        page.click("#inventory-table thead th:nth-child(4) button")
        assert page.get_attribute("#inventory-table thead th:nth-child(4)",
                                  "aria-sort") == "descending"
        dates = page.evaluate("() => [...document.querySelectorAll('#inventory-table tbody tr')]"
                              ".map(r => r.cells[3].dataset.sort)")
        assert dates == sorted(dates, reverse=True)
        loaded.assert_clean()


def test_opportunity_status_filter_and_chart(sample_site):
    playbook, _ = load_playbook(SAMPLE)
    items = ranked(playbook)
    with open_page(sample_site / "opportunities.html") as loaded:
        page = loaded.page
        # the quadrant is inline SVG drawn by the generator: no mermaid on this page
        assert page.locator("svg[data-quadrant-chart] .q-point").count() >= 1
        assert "mermaid" not in page.content()
        page.select_option("select[data-filter=status]", "done")
        shown = page.evaluate("() => document.querySelectorAll("
                              "'#opportunity-table tbody tr:not([hidden])').length")
        assert shown == sum(i.opportunity.status == "done" for i in items) >= 1
        ranks = page.evaluate("() => [...document.querySelectorAll('#opportunity-table tbody tr')]"
                              ".map(r => Number(r.cells[1].textContent))")
        assert ranks == sorted(ranks)  # priority order as served
        loaded.assert_clean()


def _items(titles: list[str]) -> list[Ranked]:
    where = Where("x", 1)
    journey = Journey("j", "J", where)
    tp = Touchpoint("t", "T", "s", "c", where)
    scores = [(1, 5), (5, 5), (2, 1), (5, 2), (3, 3), (4, 4), (1, 1)]
    return [Ranked(i, journey, tp, Opportunity(title, where, *scores[(i - 1) % len(scores)]))
            for i, title in enumerate(titles, 1)]


def test_quadrant_with_hostile_titles_parses_and_shows_the_text():
    require_browser()
    t = dict(strings("en"))
    t["quadrant_title"] = 'Effort; "impact" #35; %%{init:{}}%%'
    t["quadrant.quick-win"] = 'Quick "wins" <i>'
    source = quadrant_chart(_items(HOSTILE), t)
    parsed, = mermaid.parse_details([source])
    assert parsed.ok and parsed.diagram_type == "quadrantChart", (parsed.error, source)
    rendered, = mermaid.render_details([source])
    assert rendered.ok, (rendered.error, source)
    shown = rendered.text.replace("\u2060", "")  # word joiners keep ¶ß / ﬂ° apart, unseen
    for rank, title in enumerate(HOSTILE, 1):
        assert plain_text(f"{rank}. {plain_text(title, POINT_LABEL)}") in shown, title
    assert 'Quick "wins" <i>' in rendered.text and "<i>" not in (rendered.svg or "").replace(
        "&lt;i&gt;", "")


def test_quadrant_of_every_language_renders():
    require_browser()
    sources = [quadrant_chart(_items(["One", "Two", "Three"]), strings(lang))
               for lang in ("en", "sv", "da", "pt", "ro")]
    results = mermaid.render_details(sources)
    for lang, result in zip(("en", "sv", "da", "pt", "ro"), results):
        assert result.ok, (lang, result.error)
        assert strings(lang)["quadrant.quick-win"] in result.text, lang


def test_many_points_show_numbers_only():
    require_browser()
    source = quadrant_chart(_items([f"Idea number {i}" for i in range(30)]), strings("en"))
    assert "Idea" not in source
    rendered, = mermaid.render_details([source])
    assert rendered.ok, rendered.error


@pytest.mark.parametrize("width", [1280, 360])
def test_compare_cards_are_as_tall_as_their_content(sample_site, width, tmp_path):
    """An empty Added/Removed card stays short beside a long Changed card (no big blank
    boxes) at desktop and phone widths."""
    page_path = sample_site / "compare" / "gift-purchase-future.html"
    with open_page(page_path, viewport={"width": width, "height": 900}) as loaded:
        page = loaded.page
        rows = page.evaluate("""() => [...document.querySelectorAll('.compare-stage .panels')].map(
            p => [...p.children].map(c => ({h: c.getBoundingClientRect().height,
                                             empty: !!c.querySelector(':scope > p.muted'),
                                             y: c.getBoundingClientRect().top})))""")
        page.screenshot(path=str(tmp_path / f"compare-{width}.png"), full_page=True)
        loaded.assert_clean()
    empties = [c for row in rows for c in row if c["empty"]]
    fulls = [c for row in rows for c in row if not c["empty"]]
    assert empties and fulls
    short = max(c["h"] for c in empties)
    assert short < 110, (width, short)  # heading and "none": not stretched
    # a stage with a long card and an empty one side by side: the empty one is shorter
    side_by_side = [row for row in rows if len({round(c["y"]) for c in row}) == 1
                    and any(c["empty"] for c in row) and any(not c["empty"] for c in row)]
    if width == 1280:
        assert side_by_side
    for row in side_by_side:
        tallest = max(c["h"] for c in row)
        if tallest > short + 20:
            assert all(c["h"] < tallest for c in row if c["empty"]), row

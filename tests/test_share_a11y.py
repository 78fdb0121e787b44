"""Sharing in the browser: evidence badges, '::: internal' blocks and the Health page's
assumptions table pass axe (contrast included) in light and dark, and look distinct.
Screenshots go to $JOURNEYDOCS_ARTIFACTS (default: pytest's temp folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeydocs.build import build

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "journey-internal-block": ("journeys/gift-purchase.html", ".internal-block"),
    "evidence-research-analytics": ("journeys/gift-purchase/gift-guide.html", "#evidence"),
    "evidence-assumption": ("journeys/gift-purchase/coupon-email.html", "#evidence"),
    "evidence-support-data": ("journeys/gift-purchase/delivery-sms.html", "#evidence"),
    "health": ("health.html", "#assumptions"),
}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("share-a11y") / "site"
    build(REPO, out)
    return out


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("JOURNEYDOCS_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder = folder / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_sharing_parts_pass_axe(sample_site, artifacts, kind, scheme):
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    path, selector = PAGES[kind]
    with open_page(sample_site / path, viewport={"width": 1280, "height": 900}) as loaded:
        tab = loaded.page
        if scheme == "dark":
            tab.emulate_media(color_scheme="dark")
            tab.reload()
        tab.wait_for_function("() => [...document.querySelectorAll('pre.mermaid')]"
                              ".every(e => e.querySelector('svg'))", timeout=30_000)
        part = tab.locator(selector).first
        part.scroll_into_view_if_needed()
        violations = run_axe(tab, {"runOnly": ["wcag2a", "wcag2aa"]})
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                if v["impact"] in SERIOUS] == []
        if selector == "#evidence":  # the section, not only its heading
            part = tab.locator("section.evidence")
        part.screenshot(path=str(artifacts / f"share-{kind}-{scheme}.png"))


def test_badges_and_internal_block_have_their_own_colours(sample_site):
    """Each evidence kind its own colour, the assumption amber with an outline, the
    internal block shaded apart from the page and the cards."""
    from harness.browser import open_page, require_browser

    require_browser()
    style = """(sel) => { const e = document.querySelector(sel); const s = getComputedStyle(e);
                 return [s.backgroundColor, s.color, s.boxShadow, s.borderLeftWidth]; }"""
    with open_page(sample_site / "journeys/gift-purchase.html") as loaded:
        tab = loaded.page
        tab.evaluate("""() => { for (const k of ['research', 'analytics', 'support-data',
                                                 'assumption']) {
            const b = document.createElement('span');
            b.className = 'badge badge--evidence-' + k; b.textContent = k;
            document.body.append(b); } }""")
        kinds = {k: tab.evaluate(style, f".badge--evidence-{k}")
                 for k in ("research", "analytics", "support-data", "assumption")}
        plain = tab.evaluate("""() => { const b = document.createElement('span');
            b.className = 'badge'; document.body.append(b);
            return getComputedStyle(b).backgroundColor; }""")
        block = tab.evaluate(style, ".internal-block")
        card_bg = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
        label = tab.evaluate(style, ".internal-block .badge--internal")
    backgrounds = [v[0] for v in kinds.values()]
    assert len(set(backgrounds)) == 4 and plain not in backgrounds
    assert kinds["assumption"][0] == "rgb(253, 240, 213)"  # --amber-bg
    assert kinds["assumption"][2] != "none" and kinds["research"][2] == "none"
    assert block[0] not in (card_bg, "rgba(0, 0, 0, 0)") and block[3] == "4px"
    assert label[0] != block[0]


def test_prints_black_on_white_when_the_system_is_dark(sample_site):
    """A reader whose system is dark (and who never used the toggle) prints a legible page:
    the internal box and the badges in light print colours, not the screen's dark ones."""
    from harness.browser import open_page, require_browser

    require_browser()
    with open_page(sample_site / "journeys/gift-purchase.html") as loaded:
        tab = loaded.page
        tab.emulate_media(color_scheme="dark", media="print")
        colours = tab.evaluate("""() => [document.body, document.querySelector('.internal-block'),
                                          document.querySelector('.internal-block .badge')]
                                   .map(e => getComputedStyle(e).color)""")
    assert colours[:2] == ["rgb(0, 0, 0)", "rgb(0, 0, 0)"]
    assert colours[2] == "rgb(91, 44, 160)"  # --purple-fg of the light theme

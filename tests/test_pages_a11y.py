"""The sample site in headless Chromium as a reader meets it: axe-core on every page type
(light and dark, search open), keyboard and visible focus, the dark-mode toggle, print,
a 360 px phone. Screenshots go to $JOURNEYDOCS_ARTIFACTS (default: pytest's temp folder)
for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeydocs.build import build

REPO = Path(__file__).resolve().parent.parent

PAGE_TYPES = {
    "home": "index.html",
    "journey": "journeys/gift-purchase.html",
    "blueprint": "journeys/service-blueprint-delivery-issue.html",
    "touchpoint": "journeys/gift-purchase/checkout.html",
    "persona": "personas/maria.html",
    "page": "pages/glossary.html",
    "404": "404.html",
}
SERIOUS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a11y") / "site"
    build(REPO, out)
    for path in PAGE_TYPES.values():
        assert (out / path).is_file(), path
    return out


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("JOURNEYDOCS_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder = folder / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def serious(violations: list[dict]) -> list:
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in violations if v["impact"] in SERIOUS]


def settle(tab) -> None:
    """Wait for mermaid to draw every diagram (axe and screenshots need the SVG)."""
    tab.wait_for_function("() => [...document.querySelectorAll('pre.mermaid')]"
                          ".every(e => e.querySelector('svg'))", timeout=30_000)


@pytest.fixture(scope="module")
def not_found_local(sample_site) -> Path:
    """404.html links from the server root ("/assets/…"), which file:// cannot follow; a
    copy with those links made relative shows the page as a server would."""
    text = (sample_site / "404.html").read_text(encoding="utf-8")
    copy = sample_site / "404-local.html"
    copy.write_text(text.replace('="/', '="'), encoding="utf-8")
    return copy


AXE_RUNS = [(kind, "light") for kind in PAGE_TYPES] + [("home", "dark"), ("blueprint", "dark")]


@pytest.mark.parametrize("kind, scheme", AXE_RUNS)
def test_axe_and_screenshot(sample_site, not_found_local, artifacts, kind, scheme):
    """No serious or critical axe violation. Dark mode shares the layout: two page types
    in dark cover its colours and mermaid's (tests/test_pages_render.py runs more in both)."""
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    page = not_found_local if kind == "404" else sample_site / PAGE_TYPES[kind]
    with open_page(page, viewport=DESKTOP) as loaded:
        tab = loaded.page
        if scheme == "dark":
            tab.emulate_media(color_scheme="dark")
            tab.reload()
        settle(tab)
        loaded.assert_clean()  # before axe, whose CSS preloading file:// refuses
        assert serious(run_axe(tab)) == []
        tab.screenshot(path=str(artifacts / f"{kind}-{scheme}.png"))


def test_search_dropdown_is_accessible(sample_site, artifacts):
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    with open_page(sample_site / "index.html", viewport=DESKTOP) as loaded:
        tab = loaded.page
        tab.locator("body").press("/")
        tab.keyboard.type("welcome")
        tab.wait_for_selector(".site-header .search-option")
        tab.keyboard.press("ArrowDown")
        loaded.assert_clean()
        assert serious(run_axe(tab)) == []
        tab.screenshot(path=str(artifacts / "search-dropdown.png"))


def test_keyboard_reaches_the_controls_with_visible_focus(sample_site):
    from harness.browser import open_page, require_browser

    require_browser()
    with open_page(sample_site / PAGE_TYPES["journey"], viewport=DESKTOP) as loaded:
        tab = loaded.page
        seen = []
        for _ in range(8):
            tab.keyboard.press("Tab")
            seen.append(tab.evaluate("""() => {
              const e = document.activeElement, s = getComputedStyle(e);
              return {cls: e.className, tag: e.tagName, text: (e.textContent || '').trim(),
                      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                      shadow: s.boxShadow !== 'none'};
            }"""))
        classes = [s["cls"] for s in seen]
        assert classes[0] == "skip-link"
        assert "site-title" in classes and "search-input" in classes
        assert "theme-toggle" in classes
        for state in seen:
            assert state["outline"] or state["shadow"], f"no visible focus on {state}"
        # the skip link lands in the main content
        tab.keyboard.press("Shift+Tab")
        tab.focus(".skip-link")
        tab.keyboard.press("Enter")
        assert tab.evaluate("() => document.activeElement.id") == "main"


def test_dark_mode_toggle_is_remembered_without_a_flash(sample_site):
    from harness.browser import open_page, require_browser

    require_browser()
    page = sample_site / PAGE_TYPES["persona"]  # no diagrams to wait for
    html = page.read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    # a blocking script in <head> sets the theme before the body is painted
    assert '<script src="../assets/js/journeydocs.js"></script>' in head

    def background(tab) -> str:
        return tab.evaluate("() => getComputedStyle(document.body).backgroundColor")

    with open_page(page, viewport=DESKTOP) as loaded:
        tab = loaded.page
        light = background(tab)
        toggle = tab.locator(".theme-toggle")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        dark = background(tab)
        assert dark != light
        tab.reload()
        assert tab.evaluate("() => document.documentElement.dataset.theme") == "dark"
        assert background(tab) == dark
        assert tab.locator(".theme-toggle").get_attribute("aria-pressed") == "true"
        assert tab.evaluate("() => getComputedStyle(document.body).colorScheme") == "dark"
        tab.locator(".theme-toggle").click()  # back to light, remembered too
        tab.reload()
        assert background(tab) == light
        loaded.assert_clean()
    # a system in dark mode is followed until the reader chooses
    with open_page(sample_site / "index.html", viewport=DESKTOP) as loaded:
        tab = loaded.page
        tab.evaluate("() => localStorage.clear()")
        tab.emulate_media(color_scheme="dark")
        tab.reload()
        assert background(tab) == dark
        assert tab.locator(".theme-toggle").get_attribute("aria-pressed") == "true"


def test_print_is_a_clean_document(sample_site, artifacts):
    from harness.browser import open_page, require_browser

    require_browser()
    with open_page(sample_site / PAGE_TYPES["journey"], viewport=DESKTOP) as loaded:
        tab = loaded.page
        tab.locator(".theme-toggle").click()  # dark on screen must still print light
        settle(tab)
        tab.emulate_media(media="print")
        hidden = tab.evaluate("""() => ['.site-nav', '.header-tools', '.toc', '.site-footer',
            '.breadcrumb', '.skip-link'].map(s => [s, [...document.querySelectorAll(s)]
              .every(e => getComputedStyle(e).display === 'none')])""")
        assert all(ok for _, ok in hidden), hidden
        kept = tab.evaluate("""() => ({
          tables: [...document.querySelectorAll('table')].filter(t => t.offsetWidth > 0).length,
          diagrams: [...document.querySelectorAll('pre.mermaid svg')].filter(s => s.getBoundingClientRect().width > 0).length,
          scroll: [...document.querySelectorAll('.table-wrap')].map(w => getComputedStyle(w).overflowX),
          background: getComputedStyle(document.body).backgroundColor,
        })""")
        # issue 23: the map (a table) replaced the stage tables and all diagrams but the flow
        assert kept["tables"] >= 3 and kept["diagrams"] >= 1, kept
        assert set(kept["scroll"]) == {"visible"}, kept
        assert kept["background"] == "rgb(255, 255, 255)"
        pdf = tab.pdf(format="A4")
        (artifacts / "journey-print.pdf").write_bytes(pdf)
        assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["home", "journey"])
def test_phone_width(sample_site, artifacts, kind):
    """At 360 px nothing but tables and diagrams scrolls, and only inside their boxes."""
    from harness.browser import open_page, require_browser

    require_browser()
    with open_page(sample_site / PAGE_TYPES[kind], viewport=PHONE) as loaded:
        tab = loaded.page
        settle(tab)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        if kind == "journey":
            tab.screenshot(path=str(artifacts / "journey-360.png"))
            tab.locator(".site-header .search-input").focus()
            tab.keyboard.type("gift")
            tab.wait_for_selector(".site-header .search-option")
            assert tab.evaluate("document.documentElement.scrollWidth") <= 360
            box = tab.locator(".site-header .search-panel").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
            tab.screenshot(path=str(artifacts / "search-360.png"))


def test_a_theme_change_while_diagrams_draw_waits_for_them(sample_site):
    """The system switching to dark (or the toggle) while mermaid still draws: the redraw
    waits for the drawing, so mermaid never reads a node the other drawing replaced."""
    from harness.browser import open_page, require_browser

    require_browser()
    for _ in range(3):
        with open_page(sample_site / PAGE_TYPES["blueprint"], viewport=DESKTOP,
                       wait_until="domcontentloaded") as loaded:
            tab = loaded.page
            for scheme in ("dark", "light", "dark"):  # at once, while the first drawing runs
                tab.emulate_media(color_scheme=scheme)
            settle(tab)
            tab.wait_for_timeout(1500)  # the queued redraw, in the last scheme
            settle(tab)
            assert tab.evaluate("document.querySelector('pre.mermaid svg') !== null")
            loaded.assert_clean()


NODE_COLOURS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(
      v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const out = [];
  for (const g of document.querySelectorAll('pre.mermaid svg g.node, pre.mermaid svg g.cluster')) {
    const shape = g.querySelector(':scope > rect, :scope > path, :scope > polygon, :scope > g > path');
    const label = [...g.querySelectorAll('span, p, div, text, tspan')]
      .find(e => (e.textContent || '').trim() && !e.querySelector('span, p, div, tspan'));
    if (!shape || !label) continue;
    const fill = rgb(getComputedStyle(shape).fill);
    if (fill.length < 3 || fill[3] === 0) continue;  // no fill: text sits on the page
    const s = getComputedStyle(label);
    const text = rgb(label.namespaceURI.endsWith('svg') ? s.fill : s.color);
    out.push({id: g.id, text: label.textContent.trim().slice(0, 30), fill, colour: text,
              ratio: ratio(text, fill), large: parseFloat(s.fontSize) >= 24
                || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700),
              luminance: lum(fill)});
  }
  return out;
}"""


def test_diagram_nodes_read_well_in_light_and_dark(sample_site, artifacts):
    """Issue 24: one palette. Every drawn node (and stage box) of the sample's diagrams
    keeps its text at 4.5:1 (3:1 large) against its fill in both schemes, and a dark page
    has no near-white boxes (the light classDef fills once came through in dark)."""
    from harness.browser import open_page, require_browser

    require_browser()
    # every emotion band, unknown emotion, entry/exit ends and stage boxes (each journey
    # page draws its flow; two cover every class of the palette, see palette.CLASSES)
    pages = [PAGE_TYPES["journey"], "journeys/welcome-day-0.html"]
    for scheme in ("light", "dark"):
        nodes = 0
        for page in pages:
            with open_page(sample_site / page, viewport=DESKTOP) as loaded:
                tab = loaded.page
                if scheme == "dark":
                    tab.emulate_media(color_scheme="dark")
                    tab.reload()
                settle(tab)
                found = tab.evaluate(NODE_COLOURS)
                assert found, page
                nodes += len(found)
                poor = [n for n in found if n["ratio"] < (3 if n["large"] else 4.5)]
                assert poor == [], (scheme, page, poor[:5])
                if scheme == "dark":
                    bright = [n for n in found if n["luminance"] > 0.6]
                    assert bright == [], (page, bright[:5])
                if page == PAGE_TYPES["journey"]:
                    tab.locator("#diagram-flow_diagram").screenshot(
                        path=str(artifacts / f"flow-{scheme}.png"))
        assert nodes > 20, (scheme, nodes)

"""The render stage: golden HTML of every page type, links, and escaping of hostile text.

Golden files live in tests/golden/html/, one per page of tests/fixtures/small/.
After an intended change of the templates or views, regenerate them with

    JOURNEYDOCS_UPDATE_GOLDEN=1 pytest tests/test_pages_render.py

and review the diff. Diagram sources inside ``<pre class="mermaid">`` belong to
journeydocs.diagrams, which has its own tests; they are masked here so a change
there does not churn these files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import os
import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

import journeydocs
from journeydocs import urls
from journeydocs.build import load_playbook
from journeydocs.model import (ContentItem, Goal, Journey, Opportunity, Page, Persona, Pillars,
                               Playbook, Raci, SiteConfig, Term, Touchpoint, Where)
from journeydocs.pages.tasks import render_site
from journeydocs.render.site import OutputFile

TESTS = Path(__file__).resolve().parent
THEME = TESTS.parent / "theme"
SMALL = TESTS / "fixtures" / "small"
GOLDEN = TESTS / "golden" / "html"
TODAY = dt.date(2026, 11, 1)
UPDATE = os.environ.get("JOURNEYDOCS_UPDATE_GOLDEN") == "1"

DIAGRAM_API = ("sanitize_user_diagram", "mermaid_block", "journey_diagram", "flow_diagram")
MERMAID_RE = re.compile(r'(<pre class="mermaid"[^>]*>).*?(</pre>)', re.S)

PAGES = [  # one or more of every page type
    "index.html",
    "404.html",
    "journeys/order-online.html",
    "journeys/return-in-store.html",
    "journeys/order-online/product-page.html",
    "journeys/order-online/checkout.html",
    "journeys/order-online/confirmation-email.html",
    "journeys/order-online/delivery-sms.html",
    "journeys/return-in-store/return-form.html",
    "journeys/return-in-store/store-counter.html",
    "journeys/return-in-store/refund-email.html",
    "personas/ana.html",
    "personas/bo.html",
    "pages/glossary.html",
]


def stub_diagrams():
    """A stand-in with the agreed API of journeydocs.diagrams (used until it lands)."""
    import types

    stub = types.ModuleType("journeydocs.diagrams")
    stub.sanitize_user_diagram = lambda source: "\n".join(
        line for line in source.splitlines() if not line.strip().startswith("%%{"))
    stub.mermaid_block = lambda source: Markup('<pre class="mermaid">%s</pre>') % source
    stub.journey_diagram = lambda journey, playbook: f"journey\n  title {journey.title}"
    stub.flow_diagram = lambda journey, playbook, from_page: "flowchart LR\n" + "\n".join(
        f'  {tp.id}["{tp.name}"]' for tp in journey.touchpoints)
    return stub


@pytest.fixture(scope="module", autouse=True)
def diagrams():
    """The real journeydocs.diagrams when it offers the API, else the stub."""
    try:
        module = importlib.import_module("journeydocs.diagrams")
    except ImportError:
        module = None
    if module is not None and all(hasattr(module, name) for name in DIAGRAM_API):
        yield module
        return
    patch = pytest.MonkeyPatch()
    module = stub_diagrams()
    patch.setitem(sys.modules, "journeydocs.diagrams", module)
    patch.setattr(journeydocs, "diagrams", module, raising=False)
    yield module
    patch.undo()


@pytest.fixture(scope="module")
def small_site(diagrams) -> dict[str, OutputFile]:
    playbook, problems = load_playbook(SMALL)
    assert playbook is not None, [p.format() for p in problems.items]
    files = render_site(playbook, THEME, today=TODAY)
    return {f.path: f for f in files}


def masked(data: bytes) -> str:
    return MERMAID_RE.sub(r"\1[diagram]\2", data.decode("utf-8"))


# --- golden files --------------------------------------------------------------------

def test_pages_are_exactly_the_golden_set(small_site):
    """Every page type has golden files; cross-journey views and non-HTML files (search
    index, robots.txt) have tests of their own."""
    assert set(PAGES) <= set(small_site)
    if UPDATE:
        for stale in GOLDEN.rglob("*.html"):
            if stale.relative_to(GOLDEN).as_posix() not in PAGES:
                stale.unlink()
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html"))
    assert on_disk == sorted(PAGES) or UPDATE


@pytest.mark.parametrize("page", PAGES)
def test_golden_html(small_site, page):
    actual = masked(small_site[page].data)
    golden = GOLDEN / page
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden}; run with JOURNEYDOCS_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, (f"{page} differs from {golden}; if the change is intended, "
                                "regenerate with JOURNEYDOCS_UPDATE_GOLDEN=1")


# --- structure and links -------------------------------------------------------------

class Parsed(HTMLParser):
    """Start tags, attributes and text of one page, and the script contents."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.script_text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script" and data.strip():
            self.script_text.append(data)

    def attrs(self, name: str) -> list[str]:
        return [a[name] for _, a in self.tags if a.get(name)]

    def ids(self) -> list[str]:
        return self.attrs("id")


def test_every_page_has_the_layout(small_site):
    for path, file in small_site.items():
        if not path.endswith(".html"):
            continue
        text = file.data.decode("utf-8")
        assert text.startswith("<!DOCTYPE html>\n<html lang=\"en\">"), path
        page = Parsed(text)
        names = [tag for tag, _ in page.tags]
        assert names.count("main") == 1 and names.count("h1") == 1, path
        assert '<meta charset="utf-8">' in text and 'name="viewport"' in text, path
        assert "Built with <span class=\"brand\">journeydocs</span>" in text, path
        assert len(page.ids()) == len(set(page.ids())), f"duplicate ids in {path}"


def test_relative_links_resolve(small_site):
    """Every relative href/src points at a page of the site or a theme asset."""
    assets = {p.relative_to(THEME).as_posix() for p in (THEME / "assets").rglob("*")
              if p.is_file()}
    for path, file in small_site.items():
        if path == urls.NOT_FOUND:
            continue
        page = Parsed(file.data.decode())
        for target in page.attrs("href") + page.attrs("src"):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                         target.split("#")[0]))
            assert resolved in small_site or resolved in assets, f"{path}: broken {target}"


def test_not_found_links_work_from_any_depth(small_site):
    page = Parsed(small_site["404.html"].data.decode())
    for target in page.attrs("href") + page.attrs("src"):
        # page links from the site's root path; style sheets and scripts relative to
        # the root, so the page is styled from file:// (see test below)
        assert target.startswith(("/", "#", "assets/")), target
    assert "/index.html" in page.attrs("href")
    assert "/indexes.html" in page.attrs("href")  # useful without scripts: views linked


@pytest.mark.parametrize("base_url, prefix", [("https://cx.example/playbook/", "/playbook/"),
                                              ("", "")])
def test_not_found_page_without_base_url_links_relative_to_the_root(base_url, prefix):
    """With a base_url the 404 page links to pages from its path (any depth on that
    host); its style sheets and scripts, and without a base_url everything, are relative
    to the site root, so it is styled from file:// and on a project path."""
    playbook, _ = load_playbook(SMALL)
    playbook.config.base_url = base_url
    files = {f.path: f.data.decode("utf-8") for f in render_site(playbook, THEME, today=TODAY)}
    page = Parsed(files["404.html"])
    targets = [t for t in page.attrs("href") + page.attrs("src") if not t.startswith("#")]
    assert "assets/css/journeydocs.css" in targets
    assert f"{prefix}index.html" in targets and f"{prefix}indexes.html" in targets
    for target in targets:
        if target.startswith("assets/"):
            continue
        assert target.startswith(prefix) and (prefix or not target.startswith("/")), target
        assert target[len(prefix):].split("#")[0] in files or target.startswith(
            f"{prefix}assets/"), target


def test_mermaid_loaded_only_where_there_are_diagrams(small_site):
    def scripts(path):
        return Parsed(small_site[path].data.decode()).attrs("src")

    mermaid = "../assets/vendor/mermaid/mermaid.min.js"
    assert mermaid in scripts("journeys/order-online.html")
    assert "../assets/js/journeydocs.js" in scripts("journeys/order-online.html")
    assert mermaid not in scripts("pages/glossary.html")
    assert scripts("index.html") == ["assets/js/journeydocs.js", "assets/js/nav.js"]


def test_journey_page_content(small_site):
    text = small_site["journeys/return-in-store.html"].data.decode()
    # the storyline's "## Prepare the return" is shown with that stage, and its
    # mermaid fence lost its init directive
    # (issue 23: the stage's narrative is in the storyline, the map has its steps)
    start = text.index('id="narrative-prepare"')
    stage = text[start:text.index("</section>", start)]
    assert "Today the form is confusing" in stage
    assert '<pre class="mermaid"' in stage and "%%{init" not in stage
    assert "Future state" in text and "Draft" in text


def test_stale_content_is_flagged(small_site):
    text = small_site["journeys/order-online/product-page.html"].data.decode()
    assert "review due" in text  # reviewed 2025-01-15, more than 180 days before TODAY
    text = small_site["journeys/order-online/confirmation-email.html"].data.decode()
    assert "review due" not in text


# --- escaping ------------------------------------------------------------------------

ATTACK = '<script>alert(1)</script>"><img src=x onerror=alert(1)>\'><svg onload=alert(1)>'
LINK_ATTACK = "javascript:alert(1)"
BODY_ATTACK = f"""\
{ATTACK}

[click](javascript:alert(1)) <javascript:alert(2)>

## {ATTACK}

```mermaid
%%{{init: {{"securityLevel": "loose"}}}}%%
flowchart LR
  A["</pre><script>alert(3)</script>"] --> B
  click A call alert(4)
```

## Buy

{ATTACK}
"""


def hostile_playbook() -> Playbook:
    """Every string a user can write set to markup that must come out as text."""
    a = ATTACK
    where = Where("x.md", 1)
    stages = [Term("buy", "Buy " + a), Term("use", a)]
    config = SiteConfig(
        title=a, description=a, language="en", base_url="https://example.com/",
        stages=stages, channels=[Term("web", a)], teams=[Term("t1", a), Term("t2", a)],
    )
    opportunity = Opportunity(a, where, effort=1, impact=5, status="idea", description=a)
    content = ContentItem("c1", a, where, type=a, status="live", owner="t1", language=a,
                          link=LINK_ATTACK, last_reviewed=dt.date(2020, 1, 1))
    content2 = ContentItem("c2", a, where, link="https://ok.example/" + a)
    tp1 = Touchpoint("tp1", a, "buy", "web", where, timing=a, persona="p1", owner="t1",
                     does=a, thinks=a, feels=a, emotion=1, expectation=a, reality=a,
                     pain_points=[a], opportunities=[opportunity], systems=[a], data=[a],
                     content=[content, content2])
    tp2 = Touchpoint("tp2", a, "use", "web", where, persona="p2", emotion=5)
    journey = Journey("j1", a, where, summary=a, type="current-state", status="published",
                      personas=["p1", "p2"], owner="t1", goal=Goal(a, a),
                      raci=Raci(["t1"], ["t2"], ["t1"], ["t2"]),
                      pillars=Pillars(a, a, a, a), stages=stages,
                      touchpoints=[tp1, tp2], body=BODY_ATTACK)
    future = Journey("j2", a, where, type="future-state", personas=["p1"], stages=stages,
                     future_of="j1", touchpoints=[Touchpoint("tp1", a, "buy", "web", where)])
    persona = Persona("p1", a, where, role=a, segment=a, quote=a, goals=[a], needs=[a],
                      pain_points=[a], motivations=[a], channels=["web"], body=BODY_ATTACK)
    persona2 = Persona("p2", a, where)
    page = Page("guides/p", a, where, body=BODY_ATTACK)
    return Playbook(config, {"p1": persona, "p2": persona2}, {"j1": journey, "j2": future},
                    {"guides/p": page})


THEME_ASSETS = {p.relative_to(THEME).as_posix() for p in (THEME / "assets").rglob("*.js")}


def test_hostile_text_is_escaped_everywhere():
    files = render_site(hostile_playbook(), THEME, today=TODAY)
    assert {f.path for f in files} >= {"index.html", "journeys/j1.html", "journeys/j1/tp1.html",
                                       "personas/p1.html", "pages/guides/p.html", "404.html"}
    for file in files:
        text = file.data.decode("utf-8")
        if file.path.startswith("assets/search"):  # scripts: no markup may open in them
            assert "<" not in text
            if "/d-" in file.path:  # a bucket of documents: their text as written
                assert "alert(1)" in text
        if not file.path.endswith(".html"):
            continue
        page = Parsed(text)
        for tag, attrs in page.tags:
            # the theme's own inline SVG: the journey map's emotion faces and curve (issue 23:
            # class map-…), the quadrant and the compare curves; any other would be content's
            own_svg = tag == "svg" and ((attrs.get("class") or "").startswith("map-")
                                        or "data-quadrant-chart" in attrs
                                        or "data-compare-curve" in attrs)
            assert tag not in ("img", "svg", "iframe", "object", "embed") or own_svg, \
                (file.path, tag)
            on = [name for name in attrs if name.startswith("on")]
            assert not on, (file.path, tag, on)
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\s\x00-\x1f]", "", attrs.get(name) or "").lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:")), \
                    (file.path, tag, name, value)
            if tag == "script":  # only the theme's own script files
                src = posixpath.normpath(posixpath.join(posixpath.dirname(file.path),
                                                        attrs.get("src") or "-")).lstrip("/")
                assert src in THEME_ASSETS, (file.path, attrs)
        assert page.script_text == [], file.path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, file.path
        assert "securityLevel" not in text, file.path


def test_hostile_content_link_is_not_linked():
    files = {f.path: f for f in render_site(hostile_playbook(), THEME, today=TODAY)}
    page = Parsed(files["journeys/j1/tp1.html"].data.decode())
    hrefs = page.attrs("href")
    assert not any("alert" in h and h.startswith("javascript") for h in hrefs)
    assert any(h.startswith("https://ok.example/") for h in hrefs)


def test_render_is_pure_and_deterministic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    playbook, _ = load_playbook(SMALL)
    first = render_site(playbook, THEME, today=TODAY)
    second = render_site(playbook, THEME, today=TODAY)
    assert first == second
    assert list(tmp_path.iterdir()) == []
    assert all(dataclasses.is_dataclass(f) and isinstance(f.data, bytes) for f in first)


# --- in a browser ----------------------------------------------------------------------

BROWSER_PAGES = ["index.html", "journeys/order-online.html", "journeys/return-in-store.html",
                 "journeys/order-online/product-page.html", "personas/ana.html",
                 "pages/glossary.html"]


@pytest.fixture(scope="module")
def small_site_dir(small_site, tmp_path_factory) -> Path:
    """The small site written out with the theme's assets, as the write stage does."""
    import shutil

    root = tmp_path_factory.mktemp("small-site")
    for file in small_site.values():
        target = root / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
    shutil.copytree(THEME / "assets", root / "assets", dirs_exist_ok=True)
    return root


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", BROWSER_PAGES)
def test_page_in_browser(small_site_dir, page, scheme):
    """From file://: no errors or network use, diagrams drawn, flow nodes linked, axe clean."""
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    with open_page(small_site_dir / page, viewport={"width": 1280, "height": 900}) as loaded:
        tab = loaded.page
        if scheme == "dark":
            tab.emulate_media(color_scheme="dark")
            tab.reload()
        tab.wait_for_function(
            "() => [...document.querySelectorAll('pre.mermaid')]"
            ".every(e => e.querySelector('svg'))", timeout=30_000)
        loaded.assert_clean()
        if page.startswith("journeys/") and page.count("/") == 1:
            links = tab.eval_on_selector_all(
                "pre.mermaid svg a", "els => els.map(a => a.getAttribute('xlink:href')"
                " || a.getAttribute('href'))")
            assert links and all(link.startswith(page[len("journeys/"):-5] + "/")
                                 for link in links), links
        violations = run_axe(tab)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]])
                                  for v in violations]


def test_phone_width_does_not_scroll_the_page(small_site_dir):
    """At 360 px only tables and diagrams scroll, inside their own boxes."""
    from harness.browser import open_page, require_browser

    require_browser()
    for page in BROWSER_PAGES:
        with open_page(small_site_dir / page, viewport={"width": 360, "height": 800}) as loaded:
            width = loaded.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, (page, width)


# --- sharing metadata ----------------------------------------------------------------

@pytest.mark.parametrize("base_url, robots", [("https://cx.example/playbook/", "noindex"),
                                              ("", "index")])
def test_sitemap_robots_and_open_graph(base_url, robots):
    playbook, _ = load_playbook(SMALL)
    playbook.config.base_url, playbook.config.robots = base_url, robots
    files = {f.path: f.data.decode("utf-8") for f in render_site(playbook, THEME, today=TODAY)}
    journey = files["journeys/order-online.html"]
    assert '<meta property="og:title" content="Order online' in journey
    assert '<meta property="og:type" content="article">' in journey
    assert '<meta property="og:type" content="website">' in files["index.html"]
    assert ('<meta name="robots" content="noindex">' in journey) == (robots == "noindex")
    assert ("Disallow: /" in files["robots.txt"]) == (robots == "noindex")
    if base_url:
        canonical = base_url + "journeys/order-online.html"
        assert f'<link rel="canonical" href="{canonical}">' in journey
        assert f'<meta property="og:url" content="{canonical}">' in journey
        sitemap = files["sitemap.xml"]
        locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
        assert locs[0] == base_url + "index.html" and canonical in locs
        assert base_url + "personas/ana.html" in locs and len(locs) == len(set(locs))
        assert all(loc[len(base_url):] in files for loc in locs)
    else:
        assert "sitemap.xml" not in files and "og:url" not in journey
        assert "canonical" not in journey and "Sitemap:" not in files["robots.txt"]


def test_robots_setting_is_checked(make_project):
    from journeydocs.build import load_playbook as load

    from conftest import MINIMAL_SITE

    project = make_project({"site.yml": MINIMAL_SITE + "robots: nofollow\n"})
    playbook, problems = load(project)
    assert playbook is None
    assert any("'robots' must be one of noindex, index" in p.format() for p in problems.items)
    project = make_project({"site.yml": MINIMAL_SITE})
    playbook, _ = load(project)
    assert playbook.config.robots == "noindex"  # internal playbooks stay out by default

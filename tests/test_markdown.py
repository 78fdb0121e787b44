"""The Markdown stage: safe HTML, neutralised links, mermaid fences, storyline splitting."""

from __future__ import annotations

import html
import importlib
import sys
import types
from html.parser import HTMLParser

import pytest
from markupsafe import Markup, escape

import journeydocs
from journeydocs.markdown import (HEADING_SHIFT, MERMAID_FLAG, render_markdown, slugify,
                                  split_storyline, validate_link)
from journeydocs.model import Term

DIAGRAM_API = ("sanitize_user_diagram", "mermaid_block", "journey_diagram", "flow_diagram")


def stub_diagrams() -> types.ModuleType:
    """A stand-in for journeydocs.diagrams with the agreed API (used until it lands)."""
    stub = types.ModuleType("journeydocs.diagrams")

    def sanitize_user_diagram(source: str) -> str:
        return "\n".join(line for line in source.splitlines()
                         if not line.strip().startswith("%%{"))

    stub.sanitize_user_diagram = sanitize_user_diagram
    stub.mermaid_block = lambda source: Markup('<pre class="mermaid">%s</pre>') % source
    stub.journey_diagram = lambda journey, playbook: f"journey\n  title {journey.title}"
    stub.flow_diagram = lambda journey, playbook, from_page: "flowchart LR\n  a --> b"
    return stub


@pytest.fixture(autouse=True)
def diagrams(monkeypatch):
    """The real journeydocs.diagrams when it offers the API, else the stub."""
    try:
        module = importlib.import_module("journeydocs.diagrams")
    except ImportError:
        module = None
    if module is None or not all(hasattr(module, name) for name in DIAGRAM_API):
        module = stub_diagrams()
        monkeypatch.setitem(sys.modules, "journeydocs.diagrams", module)
        monkeypatch.setattr(journeydocs, "diagrams", module, raising=False)
    return module


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


# --- raw HTML ------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "Hello <img src=x onerror=alert(1)> world",
    '<a href="javascript:alert(1)">x</a>',
    "<div onclick='alert(1)'>block</div>",
    "<!-- comment --><iframe src=//evil></iframe>",
])
def test_raw_html_is_escaped(source):
    out = render_markdown(source)
    tags = Tags(out).tags
    assert {tag for tag, _ in tags} <= {"p"}, out
    assert "&lt;" in out


def test_inline_html_in_storyline_is_escaped():
    story = split_storyline("<script>x()</script>\n\n## Buy\n\n<b onmouseover=x()>hi</b>",
                            [Term("buy", "Buy")])
    assert "<script" not in story.intro and "&lt;script&gt;" in story.intro
    assert "<b " not in story.stages["buy"] and "&lt;b onmouseover" in story.stages["buy"]


# --- links ---------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](%20javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x](file:///etc/passwd)",
])
def test_dangerous_links_are_neutralised(source):
    out = render_markdown(source)
    for tag, attrs in Tags(out).tags:
        for name in ("href", "src"):
            value = (attrs.get(name) or "").replace(" ", "").replace("%20", "").lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:", "file:")), out
        assert tag not in ("a", "img") or (attrs.get("href") or attrs.get("src") or "") == "", out


@pytest.mark.parametrize("url", [
    "https://example.com/a?b=1", "http://example.com", "mailto:team@example.com",
    "../pages/glossary.html", "#stage-buy", "tel:+4512345678",
])
def test_safe_links_are_kept(url):
    out = render_markdown(f"[x]({url})")
    assert Tags(out).named("a") == [{"href": html.escape(url, quote=False).replace("&amp;", "&")}]


def test_validate_link_ignores_hidden_whitespace_and_case():
    assert not validate_link("\x01JAVA\nSCRIPT:alert(1)")
    assert not validate_link(" data:text/html,x")
    assert validate_link("guides/how-to.html")
    assert validate_link("HTTPS://EXAMPLE.COM")


# --- mermaid fences ------------------------------------------------------------------

MERMAID = """\
Before.

```mermaid
%%{init: {"securityLevel": "loose", "theme": "forest"}}%%
flowchart LR
  A[Start] --> B["</pre><script>alert(1)</script>"]
```
"""


def test_mermaid_fence_becomes_diagram_block_without_init():
    env: dict = {}
    out = render_markdown(MERMAID, env)
    assert env[MERMAID_FLAG] is True
    assert '<pre class="mermaid"' in out
    assert "%%{" not in out and "securityLevel" not in out
    assert "A[Start] --&gt; B" in out
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "<code" not in out  # not rendered as an ordinary code block
    assert Tags(out).named("script") == []


def test_other_fences_stay_code():
    env: dict = {}
    out = render_markdown("```python\nprint('<b>')\n```", env)
    assert '<pre><code class="language-python">' in out
    assert "&lt;b&gt;" in out
    assert MERMAID_FLAG not in env


def test_mermaid_in_storyline_sets_flag():
    story = split_storyline("## Buy\n\n```mermaid\nflowchart LR\n  a --> b\n```\n",
                            [Term("buy", "Buy")])
    assert story.has_diagram
    assert '<pre class="mermaid"' in story.stages["buy"]


# --- tables, strikethrough, headings --------------------------------------------------

def test_tables_and_strikethrough():
    out = render_markdown("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n")
    assert "<table>" in out and "<th>a</th>" in out and "<s>2</s>" in out


def test_heading_shift():
    out = render_markdown("## Notes\n\n### More", {HEADING_SHIFT: 1})
    assert "<h3>Notes</h3>" in out and "<h4>More</h4>" in out
    assert "<h2>Notes</h2>" in render_markdown("## Notes")


def test_render_markdown_returns_markup():
    assert isinstance(render_markdown("*a*"), Markup)
    assert render_markdown("") == "" and render_markdown("   \n") == ""
    assert escape(render_markdown("*a*")) == render_markdown("*a*")  # not escaped twice


# --- storyline splitting -------------------------------------------------------------

STAGES = [Term("discover", "Discover"), Term("buy", "Buy"),
          Term("prepare-the-return", "Get ready"), Term("hand-in", "Hand in")]

STORY = """\
Intro paragraph.

## discover

Finds us.

## BUY

Buys.

### Details

Small print.

## Prepare the return!

Packs it.

## Hand-in

Drops it off.

## Open questions

- *Why* so slow?

## Discover

More discovery.
"""


def test_split_storyline_matches_by_name_id_and_slug():
    story = split_storyline(STORY, STAGES)
    assert story.intro == "<p>Intro paragraph.</p>\n"
    assert set(story.stages) == {"discover", "buy", "prepare-the-return", "hand-in"}
    assert "Finds us." in story.stages["discover"]          # name, other case
    assert "Buys." in story.stages["buy"]                    # id, upper case
    assert "Packs it." in story.stages["prepare-the-return"]  # slug of heading = id
    assert "Drops it off." in story.stages["hand-in"]        # slug of heading = slug of name
    assert "<h2" not in "".join(story.stages.values())       # stage headings are dropped


def test_split_storyline_joins_repeated_stage_and_keeps_subheadings():
    story = split_storyline(STORY, STAGES)
    discover = story.stages["discover"]
    assert discover.index("Finds us.") < discover.index("More discovery.")
    assert "<h4>Details</h4>" in story.stages["buy"]  # demoted under the stage's <h3>
    assert "Small print." in story.stages["buy"]


def test_split_storyline_other_sections():
    story = split_storyline(STORY, STAGES)
    assert [(s.title, s.slug) for s in story.others] == [("Open questions", "open-questions")]
    assert "<em>Why</em>" in story.others[0].html


def test_split_storyline_only_top_level_h2():
    body = "> ## Buy\n> quoted\n\n```\n## Buy\n```\n\n# Buy\n\ntext"
    story = split_storyline(body, STAGES)
    assert story.stages == {} and story.others == []
    assert "quoted" in story.intro and "<h1>Buy</h1>" in story.intro


def test_split_storyline_heading_markup():
    story = split_storyline("## *Buy*\n\nx\n\n## `Code` & <b>more</b>\n\ny", STAGES)
    assert "x" in story.stages["buy"]
    other = story.others[0]
    assert other.title == "Code & <b>more</b>"
    assert str(other.title_html) == "<code>Code</code> &amp; &lt;b&gt;more&lt;/b&gt;"


def test_split_storyline_empty():
    story = split_storyline("", STAGES)
    assert story.intro == "" and story.stages == {} and story.others == []


def test_slugify():
    assert slugify("Day 0: Sign-up!") == "day-0-sign-up"
    assert slugify("Ångström café") == "angstrom-cafe"
    assert slugify("  ") == ""


def test_site_options_reach_every_page(tmp_path):
    """site.yml's ``markdown: {html: true}`` and language reach the rendered pages."""
    import shutil
    from pathlib import Path

    from journeydocs.build import build

    root = Path(__file__).resolve().parents[1]
    project = tmp_path / "project"
    shutil.copytree(root / "content", project / "content")
    config = (root / "site.yml").read_text(encoding="utf-8").replace(
        "language: en", "language: sv\nmarkdown: {html: true}")
    (project / "site.yml").write_text(config, encoding="utf-8")
    persona = project / "content" / "personas" / "erik.md"
    persona.write_text(persona.read_text(encoding="utf-8") + (
        "\nPress <kbd>Ctrl</kbd> <script>alert(1)</script>\n\n"
        "::: internal\nOnly for staff.\n:::\n"), encoding="utf-8")
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / "personas" / "erik.html").read_text(encoding="utf-8")
    assert "<kbd>Ctrl</kbd>" in page  # kept: the site opted in
    assert "<script>alert" not in page and "alert(1)" not in page.replace("&lt;", "")
    assert '<span class="badge badge--internal">Internt</span>' in page

    (project / "site.yml").write_text(config.replace("markdown: {html: true}\n", ""),
                                      encoding="utf-8")
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / "personas" / "erik.html").read_text(encoding="utf-8")
    assert "&lt;kbd&gt;Ctrl&lt;/kbd&gt;" in page  # escaped: the default

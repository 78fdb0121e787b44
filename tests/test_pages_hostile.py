"""End to end on a playbook nobody tuned the code for: four languages, hostile text
in every field. Every object is on its page, as written; nothing from content runs;
every diagram parses with the real mermaid parser and renders in Chromium."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeydocs import urls
from journeydocs.build import build, load_playbook

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


class PageScan(HTMLParser):
    """Text, script tags, event handlers, unsafe URLs and mermaid sources of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.unsafe_urls: list[str] = []
        self.mermaid: list[str] = []
        self.copyable: list[str] = []
        """The mermaid sources of the views the map replaced, offered to copy."""
        self._in_mermaid = self._in_source = self._in_copy = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs.get("src") or "<inline>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value \
                    and UNSAFE_URL.match(value):
                self.unsafe_urls.append(f"{tag} {name}={value}")
        if tag == "pre" and "mermaid" in (attrs.get("class") or "").split():
            self._in_mermaid = True
            self.mermaid.append("")
        if tag == "div" and "mermaid-source" in (attrs.get("class") or "").split():
            self._in_source = True  # a view's mermaid source, offered to copy (issue 23)
        if tag == "code" and self._in_source:
            self._in_copy = True
            self.copyable.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_mermaid = False
        if tag == "code":
            self._in_copy = False
        if tag == "div":
            self._in_source = False

    def handle_data(self, data):
        if self._in_mermaid:
            self.mermaid[-1] += data
        elif self._in_copy:
            self.copyable[-1] += data
        else:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def shown(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "site"
    result = build(HOSTILE, out)
    return out, result.playbook


def test_every_object_is_on_its_page_as_written(site):
    out, playbook = site
    assert len(playbook.journeys) == 4 and len(playbook.personas) == 4
    for journey in playbook.journeys.values():
        page = scan(out / urls.journey(journey.id)).plain
        assert shown(journey.title) in page
        for tp in journey.touchpoints:
            assert shown(tp.name) in page, (journey.id, tp.name)
            tp_page = scan(out / urls.touchpoint(journey.id, tp.id)).plain
            for text in (tp.name, tp.does, tp.thinks, tp.feels, tp.expectation, tp.reality,
                         *tp.pain_points, *tp.systems, *tp.data,
                         *(o.title for o in tp.opportunities)):
                assert shown(text) in tp_page, (tp.id, text)
            for item in tp.content:
                assert shown(item.title) in tp_page, (tp.id, item.title)
    for persona in playbook.personas.values():
        page = scan(out / urls.persona(persona.id)).plain
        for text in (persona.name, persona.role, persona.quote, *persona.goals, *persona.needs,
                     *persona.pain_points):
            assert shown(text) in page, (persona.id, text)


def test_nothing_from_content_can_run(site):
    out, _ = site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = scan(path)
        assert page.handlers == [], (path, page.handlers)
        assert page.unsafe_urls == [], (path, page.unsafe_urls)
        for src in page.scripts:
            assert src != "<inline>" and "assets/" in src, (path, src)
        assert "49" not in page.plain or "{{ 7*7 }}" in page.plain


def test_template_syntax_is_shown_literally(site):
    out, playbook = site
    texts = " ".join(scan(p).plain for p in out.rglob("*.html"))
    assert "{{ 7*7 }}" in texts


def user_fences(playbook) -> set[str]:
    """Diagram sources written by users in ```mermaid fences (after sanitising)."""
    from journeydocs.diagrams import sanitize_user_diagram

    bodies = [j.body for j in playbook.journeys.values()] + \
        [p.body for p in playbook.personas.values()] + [p.body for p in playbook.pages.values()]
    fences = re.findall(r"^```mermaid\n(.*?)^```", "\n".join(bodies), re.S | re.M)
    return {sanitize_user_diagram(fence).strip() for fence in fences}


def test_every_generated_diagram_parses_with_real_mermaid(site):
    from harness.mermaid import parse_all

    out, playbook = site
    users = user_fences(playbook)
    assert users, "the fixture has user-written diagrams"
    scans = [(path, scan(path)) for path in sorted(out.rglob("*.html"))]
    sources = [(path, source) for path, found in scans for source in found.mermaid + found.copyable]
    assert sum(len(found.copyable) for _, found in scans) >= 4  # offered to paste elsewhere
    generated = [(path, source) for path, source in sources if source.strip() not in users]
    assert len(generated) >= 8
    errors = parse_all([source for _, source in generated])
    failures = [(str(path), error) for (path, _), error in zip(generated, errors) if error]
    assert failures == []
    for _, source in sources:
        assert "%%{" not in source  # init directives from content never reach mermaid


def test_journey_pages_render_in_chromium_without_dialogs(site):
    from harness.browser import open_page, require_browser

    require_browser()
    out, playbook = site
    users = user_fences(playbook)
    for journey in playbook.journeys.values():
        path = out / urls.journey(journey.id)
        generated = [src.strip() not in users for src in scan(path).mermaid]
        with open_page(path) as loaded:
            dialogs = []
            loaded.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            loaded.page.wait_for_function(
                "() => [...document.querySelectorAll('pre.mermaid')].every(p => p.querySelector('svg'))",
                timeout=30_000)
            broken = loaded.page.eval_on_selector_all(
                "pre.mermaid", "ps => ps.map(p => /Syntax error/.test(p.textContent))")
            assert len(broken) == len(generated) >= 1  # the flow; the map replaced the rest
            assert not any(b for b, gen in zip(broken, generated) if gen), journey.id
            for link in loaded.page.eval_on_selector_all("pre.mermaid a", "as => as.map(a => "
                                                         "a.getAttribute('href') || a.getAttribute('xlink:href'))"):
                assert not UNSAFE_URL.match(link or ""), link
            loaded.page.wait_for_timeout(200)
            assert dialogs == []
            assert loaded.page_errors == []


# -- a broken copy: every injected fault reported at its line, in one run -------------

FAULTS = [
    # (file, text to find on a line, replacement line, expected message start)
    ("content/journeys/end.md", "- astrid", "- astrd", "unknown persona 'astrd'"),
    ("content/journeys/end.md", "emotion: 2", "emotion: 9", "'emotion' must be a whole number"),
    ("content/journeys/jornada-presente.md", "future_of: end", "future_of: ende", "unknown journey 'ende'"),
    ("content/journeys/calatorie-o-zi.md", "status: draft", "status: finished", "'status' must be one of"),
    ("content/personas/joao.md", "channels:", "channels: [carrier-pigeon]\nx_channels:",
     "unknown channel 'carrier-pigeon'"),
]


def test_broken_copy_reports_every_fault(tmp_path):
    project = tmp_path / "broken"
    shutil.copytree(HOSTILE, project)
    expected = []
    for relative, needle, replacement, message in FAULTS:
        path = project / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(needle))
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        lines[index] = indent + replacement.replace("\n", "\n" + indent)
        path.write_text("\n".join(lines), encoding="utf-8")
        expected.append(f"{relative}:{index + 1}: {message}")
    (project / "content/personas/soren.md").write_bytes(b"---\nname: S\xf8ren\n---\n")
    expected.append("content/personas/soren.md:2: bytes that are not UTF-8")
    result = subprocess.run([sys.executable, "-m", "journeydocs", "check", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = result.stderr.splitlines()
    for line in expected:
        assert any(r.startswith(line) for r in reported), (line, reported)

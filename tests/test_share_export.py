"""Single-file export: self-contained, offline, diagrams drawn; PDF; bad input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.browser import open_page, require_browser
from journeydocs.build import load_playbook
from journeydocs.errors import UsageError
from journeydocs.share import export

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "gift-purchase.html"
    export.export_journey(REPO, "gift-purchase", out, audience="external")
    return out


def content_links(journey_id: str) -> set[str]:
    """Every link written in the journey's content (the only http allowed in the file)."""
    playbook, _ = load_playbook(REPO)
    journey = playbook.journeys[journey_id]
    links = {item.link for tp in journey.touchpoints for item in tp.content if item.link}
    for tp in journey.touchpoints:
        details = [d.evidence for d in tp.pain_point_details.values()] + [tp.evidence]
        links |= {e.source for e in details if e is not None and e.source}
    links |= set(re.findall(r"\]\((https?://[^)\s]+)", journey.body))
    return links


def test_export_has_no_external_references(exported):
    html = exported.read_text(encoding="utf-8")
    markup = re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.DOTALL)
    # no src= but inline data: the storyboard's pictures come as data URIs (issue 24)
    assert not re.search(r"\ssrc\s*=\s*\"(?!data:image/)", markup), "everything is inline"
    assert len(re.findall(r'<img class="(?:map|touchpoint)-image" src="data:image/png;base64,',
                          markup)) == 6  # map grid and cards, and two touchpoint pages
    assert "<link " not in markup
    styles = "".join(re.findall(r"<style>(.*?)</style>", markup, re.DOTALL))
    assert not re.search(r"url\(\s*['\"]?(?!data:)", styles)
    hrefs = set(re.findall(r'href="([^"]*)"', markup))
    outside = {h for h in hrefs if not h.startswith("#")}
    assert outside and outside <= content_links("gift-purchase"), outside - content_links(
        "gift-purchase")
    assert all(h[1:] and re.search(f'id="{re.escape(h[1:])}"', markup)
               for h in hrefs if h.startswith("#") and h != "#main"), "every anchor has a target"


def test_export_opens_offline_and_draws_its_diagrams(exported):
    require_browser()
    with open_page(exported) as loaded:
        page = loaded.page
        page.wait_for_function(
            "[...document.querySelectorAll('pre.mermaid')].every(p => p.querySelector('svg'))",
            timeout=30000)
        drawn = page.evaluate("document.querySelectorAll('pre.mermaid svg').length")
        maps = page.evaluate("document.querySelectorAll('[data-journey-map] [data-step]').length")
        sections = page.evaluate("document.querySelectorAll('section.export-touchpoint').length")
        page.emulate_media(media="print")
        breaks = page.evaluate("getComputedStyle(document.querySelector("
                               "'section.export-touchpoint')).breakBefore")
        loaded.assert_clean()
    assert drawn >= 1  # the flow; the journey map is HTML (issue 23)
    assert maps >= 12  # a column per step of the map
    assert sections == 12  # one section per touchpoint of the journey
    assert breaks == "page"


def test_external_export_leaves_internal_parts_out(exported):
    html = exported.read_text(encoding="utf-8")
    assert "External version" in html
    assert "ESP contract" not in html  # the sample's ::: internal block
    assert "Welcome! Here is your 10% code" not in html  # an internal content item
    assert "Web CMS" not in html  # systems are internal by default


@pytest.mark.slow  # Chromium prints the PDF
def test_pdf_through_headless_chromium(tmp_path):
    if export.find_chromium() is None:
        pytest.skip("no Chromium")
    out = tmp_path / "gift.pdf"
    export.export_journey(REPO, "welcome-day-0", out, fmt="pdf")
    assert out.read_bytes()[:5] == b"%PDF-"


def test_pdf_without_chromium_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    with pytest.raises(UsageError, match="--format pdf needs Chromium"):
        export.export_journey(REPO, "gift-purchase", tmp_path / "x.pdf", fmt="pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["no-such-journey"], "error: there is no journey 'no-such-journey'"),
    (["gift-purchse"], "did you mean 'gift-purchase'?"),
    (["gift-purchase", "--audience", "partners"], "error: unknown audience 'partners'"),
    (["gift-purchase", "--format", "docx"], "error: unknown format 'docx'"),
])
def test_bad_export_is_one_line_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out.html"
    run = subprocess.run([sys.executable, "-m", "journeydocs", "export", args[0], str(REPO),
                          "-o", str(out), *args[1:]], capture_output=True, text=True)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert message in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_internal_journey_cannot_be_exported_externally(make_project, tmp_path):
    project = make_project({"content/journeys/secret.md": """\
---
title: Secret
internal: true
personas: [maria]
touchpoints:
  - {id: one, name: One, stage: discover, channel: web}
---
"""})
    with pytest.raises(UsageError, match="marked internal"):
        export.export_journey(project, "secret", tmp_path / "s.html", audience="external")
    export.export_journey(project, "secret", tmp_path / "s.html")
    assert (tmp_path / "s.html").stat().st_size > 100_000

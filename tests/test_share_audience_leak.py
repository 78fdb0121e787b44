"""The marker-leak test: nothing internal reaches any byte of an external build.

The sample playbook is copied, a unique marker is put in every place that can be
internal (journey, touchpoint, content item, opportunity, pain point, persona, page,
internal_fields values, ``::: internal`` blocks), and both audiences are built. Every
marker must be in the internal build (so the test can fail) and in no file — nor
file name — of the external build or its single-file export.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journeydocs.build import build
from journeydocs.share.export import export_journey

REPO = Path(__file__).resolve().parent.parent

MARKERS = {
    "journey": "zqxjourneyzqx",
    "journey_body": "zqxjourneybodyzqx",
    "touchpoint": "zqxtouchpointzqx",
    "touchpoint_id": "zqx-tp-zqx",
    "content": "zqxcontentzqx",
    "content_id": "zqx-item-zqx",
    "page_id": "zqx-page-zqx",
    "journey_id": "zqx-journey-zqx",
    "opportunity": "zqxopportunityzqx",
    "pain_point": "zqxpainpointzqx",
    "persona": "zqxpersonazqx",
    "persona_id": "zqx-persona-zqx",
    "persona_body": "zqxpersonabodyzqx",
    "page": "zqxpagezqx",
    "systems": "zqxsystemszqx",
    "data": "zqxdatazqx",
    "pillar_data": "zqxpillardatazqx",
    "storyline_block": "zqxstorylineblockzqx",
    "persona_block": "zqxpersonablockzqx",
    "page_block": "zqxpageblockzqx",
}


def _insert(path: Path, anchor: str, text: str, after: bool = False) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(anchor) == 1, anchor
    source = source.replace(anchor, anchor + text if after else text + anchor)
    path.write_text(source, encoding="utf-8")


def make_marked_playbook(root: Path) -> Path:
    """A copy of the sample with a marker in every internal place."""
    shutil.copy(REPO / "site.yml", root / "site.yml")
    shutil.copytree(REPO / "content", root / "content")
    m = MARKERS
    content = root / "content"
    (content / "journeys" / f"{m['journey_id']}.md").write_text(f"""---
title: Secret {m['journey']}
internal: true
personas: [maria]
touchpoints:
  - {{id: one, name: One {m['journey']}, stage: discover, channel: web}}
---
{m['journey_body']}
""", encoding="utf-8")
    (content / "personas" / f"{m['persona_id']}.md").write_text(f"""---
name: Persona {m['persona']}
internal: true
---
{m['persona_body']} research notes.
""", encoding="utf-8")
    (content / "pages" / f"{m['page_id']}.md").write_text(f"""---
title: Page {m['page']}
internal: true
---
{m['page']}
""", encoding="utf-8")
    gift = content / "journeys" / "gift-purchase.md"
    _replace(gift, "personas: [maria]\n", f"personas: [maria, {m['persona_id']}]\n")
    _insert(gift, "  - id: checkout\n", f"""  - id: {m['touchpoint_id']}
    name: Back office {m['touchpoint']}
    stage: buy
    channel: web
    internal: true
    persona: {m['persona_id']}
    does: {m['touchpoint']}
""")
    _replace(gift, "    systems: [Web CMS, Ad platform, Product information management (PIM)]\n"
                   "    data: [Campaign source, Browsing history, Stock]\n",
             f"""    systems: [{m['systems']}]
    data: [{m['data']}]
""")
    _replace(gift, "  data: Browsing history, sign-up source", f"  data: {m['pillar_data']}")
    _insert(gift, "      - Waits for the coupon\n",
            f"""      - text: {m['pain_point']}
        internal: true
        evidence: assumption
""")
    _replace(gift, "    opportunities:\n      - title: Show \"arrives by",
             f"""    opportunities:
      - title: {m['opportunity']}
        internal: true
      - title: Show "arrives by""")
    _insert(gift, "      - id: gift-guide-page\n", f"""      - id: {m['content_id']}
        title: {m['content']}
        internal: true
""")
    _insert(gift, "## Buy\n", f"""::: internal
{m['storyline_block']}
:::

""")
    _insert(content / "personas" / "maria.md", "\n---\n", f"""
::: internal
{m['persona_block']}
:::
""", after=True)
    _insert(content / "pages" / "about.md", "\n---\n", f"""
::: internal
{m['page_block']}
:::
""", after=True)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    path.write_text(source.replace(old, new), encoding="utf-8")


def _leaks(folder: Path) -> dict[str, list[str]]:
    """Marker → the files (or file names) it appears in, case-insensitively."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix().lower()
        data = path.read_bytes().lower() if path.is_file() else b""
        for key, marker in MARKERS.items():
            if marker.encode() in data or marker in name:
                found.setdefault(key, []).append(name)
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = make_marked_playbook(tmp_path_factory.mktemp("marked"))
    out = tmp_path_factory.mktemp("out")
    build(root, out / "internal", audience="internal")
    build(root, out / "external", audience="external")
    export_journey(root, "gift-purchase", out / "internal" / "export.html", audience="internal")
    export_journey(root, "gift-purchase", out / "external" / "export.html", audience="external")
    return root, out


def test_internal_build_holds_every_marker(builds):
    _, out = builds
    found = _leaks(out / "internal")
    assert sorted(found) == sorted(MARKERS)


def test_external_build_holds_no_marker_in_any_byte(builds):
    _, out = builds
    assert _leaks(out / "external") == {}


def test_internal_export_holds_the_journey_markers(builds):
    _, out = builds
    data = (out / "internal" / "export.html").read_text(encoding="utf-8").lower()
    for key in ("touchpoint", "content", "opportunity", "pain_point", "systems", "data",
                "storyline_block", "pillar_data"):
        assert MARKERS[key] in data, key


def test_external_build_keeps_the_storyline_and_mends_links(builds):
    _, out = builds
    external = out / "external"
    page = (external / "journeys" / "gift-purchase.html").read_text(encoding="utf-8")
    assert "When Maria does buy from us" in page  # the storyline itself stays
    assert "internal-block" not in page
    signup = (external / "journeys" / "gift-purchase" / "coupon-email.html").read_text("utf-8")
    assert 'href="checkout.html"' in signup  # the internal step before checkout is skipped
    assert not (external / "personas" / f"{MARKERS['persona_id']}.html").exists()
    assert not (external / "journeys" / f"{MARKERS['journey_id']}.html").exists()
    assert not (external / "pages" / f"{MARKERS['page_id']}.html").exists()
    assert not (external / "pages" / "contributing.html").exists()  # internal in the sample


def test_internal_build_shows_internal_blocks_as_an_aside(builds):
    _, out = builds
    page = (out / "internal" / "journeys" / "gift-purchase.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<aside class="card internal-block">(.*?)</aside>', page, re.DOTALL)
    assert any("Internal</span>" in b and MARKERS["storyline_block"] in b for b in blocks)

"""Evidence: badges on touchpoint pages and the count of journeys resting on assumptions."""

from __future__ import annotations

import re

from journeydocs.build import build, load_playbook
from journeydocs.share.evidence import assumption_count, assumption_journeys

EVIDENT = """\
---
title: Evident
personas: [maria]
touchpoints:
  - id: popup
    name: Pop-up
    stage: discover
    channel: web
    evidence: {kind: research, source: "https://research.example/study-7", note: 12 interviews}
    pain_points:
      - {text: Covers the price, evidence: assumption}
      - {text: Slow to close, evidence: {kind: support-data}}
      - Plain pain
  - {id: email, name: Email, stage: buy, channel: email, evidence: assumption}
  - {id: sms, name: SMS, stage: buy, channel: web}
---
"""


def test_touchpoint_page_shows_evidence_badges(make_project, tmp_path):
    project = make_project({"content/journeys/evident.md": EVIDENT})
    build(project, tmp_path / "site")
    page = (tmp_path / "site/journeys/evident/popup.html").read_text(encoding="utf-8")
    section = page[page.index('<h2 id="evidence">'):]
    section = section[:section.index("</section>")]
    assert '<span class="badge badge--evidence-research">Research</span>' in section
    assert '<a href="https://research.example/study-7" rel="noopener noreferrer">Source</a>' in section
    assert "12 interviews" in section
    pains = re.findall(r"<li>(.*?)</li>", section, re.DOTALL)
    assert len(pains) == 2  # the plain pain point has no evidence to show
    assert "Covers the price" in pains[0] and "badge--evidence-assumption" in pains[0]
    assert "Slow to close" in pains[1] and "Support data" in pains[1]
    quiet = (tmp_path / "site/journeys/evident/sms.html").read_text(encoding="utf-8")
    assert 'id="evidence"' not in quiet


def test_assumption_counts(make_project):
    playbook, _ = load_playbook(make_project({"content/journeys/evident.md": EVIDENT}))
    found = assumption_journeys(playbook)
    assert [(c.journey.id, c.touchpoints, c.pain_points, c.total) for c in found] == \
        [("evident", 1, 1, 2)]
    assert assumption_count(playbook.journeys["gift"]).total == 0


def test_sample_playbook_rests_partly_on_assumptions():
    from pathlib import Path

    playbook, problems = load_playbook(Path(__file__).resolve().parent.parent)
    assert playbook is not None
    ids = [c.journey.id for c in assumption_journeys(playbook)]
    assert "gift-purchase" in ids


def test_evidence_strings_exist_in_every_language():
    from journeydocs.i18n.share import STRINGS

    keys = set(STRINGS["en"])
    for language, table in STRINGS.items():
        assert set(table) == keys, language
        assert all(value.strip() for value in table.values())




def _health_table(page: str) -> str:
    section = page[page.index('<h2 id="assumptions">'):]
    return section[:section.index("</section>")]


def test_health_page_lists_journeys_resting_on_assumptions(make_project, tmp_path):
    project = make_project({"content/journeys/evident.md": EVIDENT})
    build(project, tmp_path / "site")
    site = tmp_path / "site"
    section = _health_table((site / "health.html").read_text(encoding="utf-8"))
    rows = re.findall(r"<tr>(.*?)</tr>", section[section.index("<tbody>"):], re.DOTALL)
    assert len(rows) == 1  # 'gift' rests on nothing
    row = rows[0]
    assert '<th scope="row"><a href="journeys/evident.html">Evident</a></th>' in row
    assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', row) == ["1", "1"]
    where = re.findall(r'<a href="([^"]+)">([^<]+)</a>', row.split("</th>", 1)[1])
    # the pop-up through its pain point, the email itself; never the SMS (no evidence)
    assert where == [("journeys/evident/popup.html#evidence", "Pop-up"),
                     ("journeys/evident/email.html#evidence", "Email")]
    for href, _ in where:
        target, anchor = href.split("#")
        assert f'id="{anchor}"' in (site / target).read_text(encoding="utf-8")


def test_health_page_without_assumptions_says_so(make_project, tmp_path):
    build(make_project(), tmp_path / "site")
    section = _health_table((tmp_path / "site/health.html").read_text(encoding="utf-8"))
    assert "No touchpoint or pain point is marked as an assumption." in section
    assert "<table" not in section


def test_health_page_is_left_out_of_external_builds(make_project, tmp_path):
    project = make_project({"content/journeys/evident.md": EVIDENT})
    build(project, tmp_path / "internal")
    index = (tmp_path / "internal/index.html").read_text(encoding="utf-8")
    assert '<a href="health.html" data-view="health">Playbook health</a>' in index
    build(project, tmp_path / "external", audience="external")
    out = tmp_path / "external"
    assert not (out / "health.html").exists()
    assert (out / "indexes.html").exists()  # the other views stay
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"health.html" not in data and b"Playbook health" not in data, path


def test_health_page_in_swedish(make_project, tmp_path):
    project = make_project({"content/journeys/evident.md": EVIDENT})
    site_yml = project / "site.yml"
    site_yml.write_text(site_yml.read_text() + "language: sv\n")
    build(project, tmp_path / "site")
    page = (tmp_path / "site/health.html").read_text(encoding="utf-8")
    assert '<h2 id="assumptions">Vilar på antaganden</h2>' in page
    assert '<th scope="col" data-col="where">Att bekräfta</th>' in page


def test_journey_page_marks_each_touchpoint_with_its_evidence(make_project, tmp_path):
    project = make_project({"content/journeys/evident.md": EVIDENT})
    build(project, tmp_path / "site")
    page = (tmp_path / "site/journeys/evident.html").read_text(encoding="utf-8")
    rows = {name: row for name, row in re.findall(
        r'<th scope="col" data-step="([a-z]+)">(.*?)</th>',  # the map's step headers
        page, re.DOTALL)}
    assert "badge--evidence-research" in rows["popup"]
    assert "badge--evidence-assumption" in rows["email"]
    assert "badge--evidence" not in rows["sms"]

"""Cross-journey views on fixtures with known answers, golden pages and exports.

Golden files live in tests/golden/views/: the ``<main>`` element of every view
page of tests/fixtures/small (the layout around it belongs to other tests) and
the export files byte for byte. After an intended change, regenerate with

    JOURNEYDOCS_UPDATE_GOLDEN=1 pytest tests/test_views.py

and review the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from journeydocs.build import build, load_playbook
from journeydocs.load.health import health_warnings, message_load
from journeydocs.timing import journey_days
from journeydocs.pages.tasks import render_site
from journeydocs.i18n.strings import strings
from journeydocs.views import nav_links, paths
from journeydocs.views.channels import load_table
from journeydocs.views.compare import compare, pairs
from journeydocs.views.exports import (inventory_csv, opportunities_csv, playbook_data,
                                       playbook_schema, safe_cell, to_json)
from journeydocs.views.indexes import journeys_by_stage, personas_by_segment
from journeydocs.views.inventory import inventory
from journeydocs.views.opportunities import positions, quadrant_of, ranked
from journeydocs.i18n.views import STRINGS
from journeydocs.views.opportunities import carried_over
from journeydocs.views.teams import raci_matrix

TESTS = Path(__file__).resolve().parent
THEME = TESTS.parent / "theme"
SMALL = TESTS / "fixtures" / "small"
GOLDEN = TESTS / "golden" / "views"
TODAY = dt.date(2026, 11, 1)
UPDATE = os.environ.get("JOURNEYDOCS_UPDATE_GOLDEN") == "1"
MAIN_RE = re.compile(r"<main\b.*?</main>", re.S)

VIEW_FILES = [
    "inventory.html", "opportunities.html", "channels.html", "channels/web.html",
    "channels/email.html", "channels/sms.html", "channels/store.html", "teams.html",
    "teams/marketing.html", "teams/data.html", "teams/service.html", "raci.html",
    "indexes.html", "health.html",
    "exports/playbook.json", "exports/playbook.schema.json",
    "exports/content-inventory.csv", "exports/opportunities.csv", "exports/kpis.csv",
]


@pytest.fixture(scope="module")
def small():
    playbook, problems = load_playbook(SMALL)
    assert playbook is not None, [p.format() for p in problems.items]
    return playbook


@pytest.fixture(scope="module")
def small_files(small):
    return {f.path: f.data for f in render_site(small, THEME, today=TODAY)}


# --- golden ----------------------------------------------------------------------------

def golden_text(path: str, data: bytes) -> bytes:
    if not path.endswith(".html"):
        return data
    match = MAIN_RE.search(data.decode("utf-8"))
    assert match, f"{path} has no <main>"
    return (match.group(0) + "\n").encode("utf-8")


def test_view_files_are_the_golden_set(small_files):
    views = {p for p in small_files
             if p.startswith(("exports/", "channels", "teams", "compare/"))
             or p in ("inventory.html", "opportunities.html", "raci.html", "indexes.html",
                      "health.html")}
    assert sorted(views) == sorted(VIEW_FILES)


@pytest.mark.parametrize("path", VIEW_FILES)
def test_golden_views(small_files, path):
    actual = golden_text(path, small_files[path])
    golden = GOLDEN / path
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
    assert golden.exists(), f"no golden file {golden}; run with JOURNEYDOCS_UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes(), (f"{path} differs from {golden}; if intended, "
                                           "regenerate with JOURNEYDOCS_UPDATE_GOLDEN=1")


def test_nav_has_the_views(small):
    t = strings("en")
    assert [link.path for link in nav_links(small, t)] == [
        paths.INVENTORY, paths.OPPORTUNITIES, paths.CHANNELS, paths.TEAMS, paths.RACI,
        paths.KPIS, paths.HEALTH, paths.INDEXES]


# --- inventory -------------------------------------------------------------------------

def test_inventory_known_answers(small):
    data = inventory(small, TODAY)
    assert [(r.journey.id, r.touchpoint.id, r.item.id, r.stale) for r in data.rows] == [
        ("order-online", "product-page", "stroller-page", True),  # reviewed 2025-01-15
        ("order-online", "confirmation-email", "confirmation-email-en", False),
        ("order-online", "confirmation-email", "confirmation-email-pt", False),  # not live
    ]
    assert data.counts == {"planned": 0, "draft": 0, "in-review": 1, "approved": 1, "live": 1,
                           "retired": 0}
    assert (data.stale, data.ownerless) == (1, 0)
    assert [(j.id, tp.id) for j, tp in data.gaps] == [
        ("order-online", "checkout"), ("order-online", "delivery-sms"),
        ("return-in-store", "return-form"), ("return-in-store", "store-counter"),
        ("return-in-store", "refund-email")]


def test_inventory_stale_follows_review_after_days(small, monkeypatch):
    monkeypatch.setattr(small.config, "review_after_days", 100)
    assert [r.item.id for r in inventory(small, TODAY).rows if r.stale] == [
        "stroller-page", "confirmation-email-en"]  # 153 days > 100


RETIRED_PROMO = """\
---
title: Old promo
status: retired
personas: [maria]
owner: marketing
raci: {accountable: [marketing]}
touchpoints:
  - {id: a, name: A, stage: buy, channel: email, timing: day 0,
     content: [{id: old, title: Old mail, status: live, owner: marketing, last_reviewed: 2020-01-01}]}
---
"""
LIVE_PROMO = """\
---
title: Promo
personas: [maria]
owner: marketing
raci: {accountable: [marketing]}
touchpoints:
  - {id: a, name: A, stage: buy, channel: email, timing: day 0,
     content: [{id: gone, title: Gone, status: retired, owner: marketing, last_reviewed: 2020-01-01},
               {id: due, title: Due, status: live, owner: marketing, last_reviewed: 2020-01-01}]}
---
"""


def test_retired_content_is_not_due_for_review(make_project):
    project = make_project({"content/journeys/old.md": RETIRED_PROMO, "content/journeys/promo.md": LIVE_PROMO})
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    assert [r.item.id for r in inventory(playbook, TODAY).rows if r.stale and r.item.status == "retired"] == []
    files = {f.path: f.data.decode() for f in render_site(playbook, THEME, today=TODAY)
             if f.path in ("teams/marketing.html", "health.html")}
    team = MAIN_RE.search(files["teams/marketing.html"]).group(0)
    assert team.count('badge--stale">') == 2  # the summary line and 'due' only
    health = MAIN_RE.search(files["health.html"]).group(0)
    assert "&#39;due&#39;" in health and "&#39;gone&#39;" not in health and "&#39;old&#39;" not in health
    assert "old.md" not in health


# --- message load ----------------------------------------------------------------------

LOUD = """\
---
title: Promo burst
personas: [maria]
owner: marketing
raci: {accountable: [marketing]}
touchpoints:
  - {id: a, name: A, stage: buy, channel: email, timing: day 0}
  - {id: b, name: B, stage: buy, channel: email, timing: +3 h}
  - {id: c, name: C, stage: buy, channel: web, timing: +4 h}
  - {id: d, name: D, stage: buy, channel: email, timing: day 1}
---
"""
SMS_SITE = """\
title: T
max_messages_per_day: 2
stages: [Discover, Buy]
channels:
  - {id: email, name: Email}
  - {id: web, name: Website}
  - {id: sms, name: SMS}
teams: [Marketing, Data]
"""
SMS_JOURNEY = """\
---
title: Delivery
personas: [maria]
raci: {accountable: [marketing]}
touchpoints:
  - {id: s, name: S, stage: buy, channel: sms, timing: D+0}
---
"""


def test_message_load_per_persona_and_day(small):
    got = {(l.persona, l.day): l.touchpoints for l in message_load(small)}
    assert got == {("ana", 0): (("order-online", "confirmation-email"),),
                   ("bo", 2): (("order-online", "delivery-sms"),),
                   ("bo", 3): (("return-in-store", "refund-email"),)}
    table = load_table(small, "email")
    assert table.days == [0, 3]
    assert [(p, [c and c.count for c in cells]) for p, cells in table.rows] == [
        ("ana", [1, None]), ("bo", [None, 1])]
    assert table.over == []


def test_channel_load_flags_the_day_over_the_limit(make_project):
    project = make_project({"site.yml": SMS_SITE, "content/journeys/promo.md": LOUD,
                            "content/journeys/delivery.md": SMS_JOURNEY})
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    email = load_table(playbook, "email")
    assert email.days == [0, 1]
    # day 0: two promo emails, and one SMS from the other journey (web is no message)
    (persona, cells), = email.rows
    assert persona == "maria"
    assert [(c.count, c.total, c.over) for c in cells] == [(2, 3, True), (1, 1, False)]
    assert [(p, d) for p, d, _ in load_table(playbook, "sms").over] == [("maria", 0)]
    warnings = [p.message for p in health_warnings(playbook, TODAY)]
    assert "persona 'maria' gets 3 messages on day 0 (limit 2)" in warnings


def test_replaced_journey_does_not_add_to_the_load(make_project):
    future = LOUD.replace("title: Promo burst", "title: Promo later\nfuture_of: promo")
    project = make_project({"content/journeys/promo.md": LOUD,
                            "content/journeys/promo-next.md": future})
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    loads = {(l.persona, l.day): len(l.touchpoints) for l in message_load(playbook)}
    assert loads == {("maria", 0): 2, ("maria", 1): 1}  # promo-next only, not promo too


@pytest.fixture(scope="module")
def sample():
    playbook, problems = load_playbook(TESTS.parent)
    assert playbook is not None, [p.format() for p in problems.errors]
    return playbook


@pytest.fixture(scope="module")
def sample_files(sample):
    return {f.path: f.data for f in render_site(sample, THEME, today=TODAY)}


def test_sample_clock_timings_count_on_the_email_page(sample, sample_files):
    """Sofia's 07:30 and 16:30 emails (clock times alone) are on day 0; gift-purchase's
    ``+24 h`` and ``+5 days`` count from the touchpoint before, ``month 11`` is read."""
    loads = {(l.persona, l.day): [t for _, t in l.touchpoints] for l in message_load(sample, "email")}
    assert loads[("sofia", 0)] == ["morning-inbox", "quote-arrives"]
    gift = sample.journeys["gift-purchase"]
    assert dict(zip((tp.id for tp in gift.touchpoints), journey_days(gift))) == {
        "gift-guide": 0, "signup-popup": 0, "coupon-email": 1, "checkout": 1,
        "order-confirmation": 1, "delivery-sms": 3, "return-portal": 10, "store-drop-off": 11,
        "refund-email": 16, "occasion-reminder": 300, "repeat-order": 302,
        "referral-invite": None}
    table = load_table(sample, "email")
    assert dict(table.rows)["sofia"][table.days.index(0)].count == 2
    html = sample_files["channels/email.html"].decode()
    load = html[html.index('id="load"'):]
    assert "personas/sofia.html" in load


def _health_links(files: dict, page: str = "health.html") -> list[tuple[str, str]]:
    """(message, href) of every warning in the Health page's table by file and line
    (all of them when they fit its first page of rows); href "" when not linked."""
    html = files[page].decode()
    body = html[html.index('id="file-table"'):]
    body = body[body.index("<tbody>"):body.index("</tbody>")]
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        message = re.findall(r"<td>(.*?)</td>", row, re.S)[1]
        link = re.search(r'<a href="([^"]*)">(.*?)</a>', message)
        out.append((link.group(2) if link else message, link.group(1) if link else ""))
    return out


def _resolves(files: dict, from_page: str, href: str) -> bool:
    import posixpath
    target, _, anchor = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), target))
    if path not in files:
        return False
    return not anchor or f'id="{anchor}"' in files[path].decode()


def test_health_warnings_link_to_what_they_are_about(make_project):
    loud = LOUD.replace("raci: {accountable: [marketing]}", "raci: {accountable: [data]}")
    project = make_project({"site.yml": SMS_SITE, "content/journeys/promo.md": loud,
                            "content/journeys/delivery.md": SMS_JOURNEY,
                            "content/personas/lone.md": "---\nname: Lone\n---\n"})
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    links = _health_links(files)
    assert len(links) == len(health_warnings(playbook, TODAY)) > 3
    for message, href in links:
        assert href and _resolves(files, "health.html", href), (message, href)
    hrefs = {h for _, h in links}
    assert {"personas/lone.html", "channels.html#load", "journeys/promo.html",
            "journeys/promo.html#raci", "journeys/promo/a.html#content-inventory"} <= hrefs


def test_sample_health_links_resolve(sample_files):
    files = sample_files
    links = _health_links(files)
    assert links
    for message, href in links:
        assert href and _resolves(files, "health.html", href), (message, href)


CRUMB_RE = re.compile(r'<nav class="breadcrumb"[^>]*>\s*<ol>(.*?)</ol>\s*</nav>', re.S)


@pytest.mark.parametrize("folder, section, text", [
    ("channels/", "channels.html", "Channels"), ("teams/", "teams.html", "Teams"),
    ("journeys/", "index.html#journeys", "Journeys"),
])
def test_breadcrumbs_are_home_section_page(sample_files, folder, section, text):
    """View pages under a section show Home › section › page like journey pages, and the
    section is marked in the sidebar."""
    pages = [p for p in sample_files if p.startswith(folder) and p.count("/") == 1
             and p.endswith(".html")]
    assert pages
    for path in pages:
        main = MAIN_RE.search(sample_files[path].decode()).group(0)
        crumbs = CRUMB_RE.findall(main)
        assert len(crumbs) == 1, path
        items = re.findall(r"<li>(.*?)</li>", crumbs[0], re.S)
        assert items[0] == '<a href="../index.html">Home</a>', path
        assert items[1] == f'<a href="../{section}">{text}</a>', path
        assert items[2].startswith('<span aria-current="page">'), path
        if folder != "journeys/":  # the section is marked in the views bar
            view = section.removesuffix(".html")
            assert (f'<a href="../{section}" data-view="{view}" class="is-parent">'
                    in sample_files[path].decode()), path


# --- RACI ------------------------------------------------------------------------------

def test_raci_matrix_letters(small):
    matrix = raci_matrix(small)
    assert matrix.teams == ["marketing", "data", "service"]
    assert [(r.journey.id, r.letters, r.accountable) for r in matrix.rows] == [
        ("order-online", ["RA", "C", "I"], 1),
        ("return-in-store", ["A", "", "R"], 1)]


@pytest.mark.parametrize("raci, expected", [
    ("{accountable: []}", "journey 'gift' has no accountable teams"),
    ("{responsible: [data]}", "journey 'gift' has no accountable teams"),
    ("{accountable: [marketing, data]}", "journey 'gift' has 2 accountable teams"),
    ("{accountable: [marketing]}", None),
])
def test_raci_warnings(make_project, raci, expected):
    from conftest import MINIMAL_JOURNEY

    journey = MINIMAL_JOURNEY.replace("owner: marketing", f"owner: marketing\nraci: {raci}")
    playbook, problems = load_playbook(make_project({"content/journeys/gift.md": journey}))
    assert playbook is not None
    found = [p.message for p in health_warnings(playbook, TODAY) if "accountable" in p.message]
    assert found == ([expected] if expected else [])
    row, = raci_matrix(playbook).rows
    assert (row.accountable == 1) == (expected is None)


# --- opportunities ---------------------------------------------------------------------

def test_priority_order_and_quadrants(small):
    items = ranked(small)
    assert [(i.rank, i.opportunity.title, round(i.opportunity.priority, 2), i.quadrant)
            for i in items] == [
        (1, "Send the window the evening before", 3.0, "fill-in"),
        (2, "Show the delivery date on the product page", 1.67, "quick-win")]


@pytest.mark.parametrize("effort, impact, quadrant", [
    (1, 5, "quick-win"), (3, 4, "quick-win"), (4, 4, "major-project"), (5, 5, "major-project"),
    (1, 1, "fill-in"), (3, 3, "fill-in"), (4, 3, "thankless"), (5, 1, "thankless"),
    (None, 5, ""), (2, None, ""),
])
def test_quadrant_rule(effort, impact, quadrant):
    from journeydocs.model import Opportunity, Where

    assert quadrant_of(Opportunity("o", Where("x", 1), effort, impact)) == quadrant


def test_points_stay_in_their_quadrant():
    from journeydocs.model import Journey, Opportunity, Touchpoint, Where
    from journeydocs.views.opportunities import Ranked

    where = Where("x", 1)
    j, tp = Journey("j", "J", where), Touchpoint("t", "T", "s", "c", where)
    items = [Ranked(i, j, tp, Opportunity(f"o{i}", where, effort, impact))
             for i, (effort, impact) in enumerate(
                 [(3, 3)] * 14 + [(4, 4)] * 9 + [(1, 5)] * 3 + [(5, 1)] * 2, 1)]
    placed = positions(items)
    assert len(set(placed.values())) == len(items)  # no point hides another
    for item in items:
        x, y = placed[item.rank]
        assert 0 <= x <= 1 and 0 <= y <= 1
        high_x, high_y = x > 0.5, y > 0.5
        want = {"quick-win": (False, True), "major-project": (True, True),
                "fill-in": (False, False), "thankless": (True, False)}[item.quadrant]
        assert (high_x, high_y) == want, (item.opportunity.effort, item.opportunity.impact, x, y)


# --- comparison ------------------------------------------------------------------------

CURRENT = """\
---
title: Returns today
personas: [maria]
owner: marketing
touchpoints:
  - {id: form, name: Return form, stage: discover, channel: web, emotion: 2}
  - {id: call, name: Calls service, stage: discover, channel: email, emotion: 1}
  - {id: refund, name: Refund, stage: buy, channel: email, timing: +5 days, emotion: 3}
---
"""
FUTURE = """\
---
title: Returns tomorrow
type: future-state
future_of: returns
personas: [maria]
owner: marketing
touchpoints:
  - {id: form, name: Return form, stage: discover, channel: web, emotion: 4}
  - {id: label, name: Label in the app, stage: discover, channel: web, emotion: 5}
  - {id: refund, name: Instant refund, stage: buy, channel: email, timing: +1 h, emotion: 5}
---
"""


def test_comparison_stage_by_stage(make_project):
    project = make_project({"content/journeys/returns.md": CURRENT,
                            "content/journeys/returns-next.md": FUTURE})
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    (current, future), = pairs(playbook)
    assert (current.id, future.id) == ("returns", "returns-next")
    discover, buy = compare(current, future)
    assert [tp.id for tp in discover.added] == ["label"]
    assert [tp.id for tp in discover.removed] == ["call"]
    assert [(old.id, [(c.field, c.before, c.after) for c in changes])
            for old, _, changes in discover.changed] == [("form", [("emotion", 2, 4)])]
    assert (discover.emotion_before, discover.emotion_after) == (1.5, 4.5)
    assert [(old.id, [c.field for c in changes]) for old, _, changes in buy.changed] == [
        ("refund", ["name", "timing", "emotion"])]
    assert (buy.emotion_before, buy.emotion_after) == (3.0, 5.0)

    files = {f.path: f.data.decode() for f in render_site(playbook, THEME, today=TODAY)}
    page = files["compare/returns-next.html"]
    assert "1.5/5 → 4.5/5" in page and "+3" in page
    # the two journey pages link each other and the comparison
    for journey_page in ("journeys/returns.html", "journeys/returns-next.html"):
        assert '../compare/returns-next.html' in files[journey_page], journey_page
    assert 'href="returns.html"' in files["journeys/returns-next.html"]
    assert 'href="returns-next.html"' in files["journeys/returns.html"]


# --- indexes ---------------------------------------------------------------------------

def test_indexes(small):
    assert [(name, [j.id for j in js]) for name, js in journeys_by_stage(small)] == [
        ("Discover", ["order-online"]), ("Buy", ["order-online"]), ("Use", ["order-online"]),
        ("Prepare the return", ["return-in-store"]), ("Hand in", ["return-in-store"]),
        ("Refund", ["return-in-store"])]
    assert personas_by_segment(small) == [("B2C — online first", ["ana"]),
                                          ("B2C — store first", ["bo"])]


# --- exports ---------------------------------------------------------------------------

def test_json_export_matches_its_schema_and_is_deterministic(small, small_files):
    data = json.loads(small_files[paths.PLAYBOOK_JSON])
    jsonschema.Draft202012Validator.check_schema(playbook_schema())
    jsonschema.validate(data, playbook_schema(),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert json.loads(small_files[paths.PLAYBOOK_SCHEMA]) == playbook_schema()
    assert to_json(playbook_data(small)) == small_files[paths.PLAYBOOK_JSON]
    assert [j["id"] for j in data["journeys"]] == ["order-online", "return-in-store"]
    tp = data["journeys"][0]["touchpoints"][0]
    assert tp["content"][0]["last_reviewed"] == "2025-01-15"
    broken = json.loads(small_files[paths.PLAYBOOK_JSON])
    broken["journeys"][0]["status"] = "shipped"
    with pytest.raises(jsonschema.ValidationError):  # the schema can fail
        jsonschema.validate(broken, playbook_schema())


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would guess the encoding"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_inventory_csv_reads_back(small_files):
    rows = read_csv(small_files[paths.INVENTORY_CSV])
    assert [(r["content_id"], r["status"], r["stale"]) for r in rows] == [
        ("stroller-page", "live", "yes"), ("confirmation-email-en", "approved", "no"),
        ("confirmation-email-pt", "in-review", "no")]
    assert rows[2]["title"] == "A sua encomenda está confirmada"


def test_opportunities_csv_reads_back(small_files):
    rows = read_csv(small_files[paths.OPPORTUNITIES_CSV])
    assert [(r["rank"], r["priority"], r["quadrant"], r["status"]) for r in rows] == [
        ("1", "3.00", "fill-in", "idea"), ("2", "1.67", "quick-win", "planned")]


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("a=b", "a=b"), ("", ""), (None, ""),
])
def test_csv_cells_cannot_be_formulas(text, cell):
    assert safe_cell(text) == cell


def test_hostile_csv_round_trip(make_project):
    journey = """\
---
title: "=cmd|' /C calc'!A0"
personas: [maria]
touchpoints:
  - id: popup
    name: "@SUM(1+1)"
    stage: discover
    channel: web
    opportunities:
      - {title: "-2+3, \\"quoted\\"\\nnew line", effort: 1, impact: 5}
    content:
      - {id: c1, title: "+1 555 0100", owner: marketing, language: "=da"}
---
"""
    playbook, problems = load_playbook(make_project({"content/journeys/gift.md": journey}))
    assert playbook is not None, [p.format() for p in problems.errors]
    row, = read_csv(inventory_csv(playbook, TODAY))
    assert (row["journey"], row["touchpoint"], row["title"], row["language"]) == (
        "'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+1 555 0100", "'=da")
    opp, = read_csv(opportunities_csv(playbook))
    assert opp["title"] == "'-2+3, \"quoted\"\nnew line"
    for row in (row, opp):
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


# --- strings ---------------------------------------------------------------------------

def test_every_language_has_every_string():
    english = set(STRINGS["en"])
    for language in ("sv", "da", "pt", "ro"):
        assert set(STRINGS[language]) == english, language
        same = [k for k in english if STRINGS[language][k] == STRINGS["en"][k]
                and len(STRINGS["en"][k]) > 12]
        assert not same, (language, same)  # long strings left in English


def test_view_strings_do_not_shadow_other_catalogues():
    from journeydocs.i18n import strings as render_strings

    others = dict(render_strings.EN)
    for area in render_strings._area_catalogues():
        if area is not STRINGS:
            others.update(area.get("en", {}))
    clash = sorted(k for k in STRINGS["en"] if k in others and others[k] != STRINGS["en"][k])
    assert clash == []


@pytest.mark.parametrize("project", [TESTS.parent, TESTS / "fixtures" / "hostile"],
                         ids=["sample", "hostile"])
def test_exports_of_real_playbooks(project):
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    data = json.loads(to_json(playbook_data(playbook)))
    jsonschema.validate(data, playbook_schema(),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert to_json(playbook_data(playbook)) == to_json(playbook_data(load_playbook(project)[0]))
    items = sum(len(tp.content) for j in playbook.journeys.values() for tp in j.touchpoints)
    opportunities = sum(len(tp.opportunities) for j in playbook.journeys.values()
                        for tp in j.touchpoints)
    inventory_rows = read_csv(inventory_csv(playbook, TODAY))
    opportunity_rows = read_csv(opportunities_csv(playbook))
    carried = len(carried_over(playbook))  # a future state's repeat of its current state's idea
    assert (len(inventory_rows), len(opportunity_rows)) == (items, opportunities - carried)
    for row in inventory_rows + opportunity_rows:
        assert not any(v[:1] in ("=", "+", "-", "@") for v in row.values() if v), row


# --- README format reference -------------------------------------------------------------

def test_readme_journey_reference_documents_every_field():
    """Every key the validator accepts for a journey, touchpoint, content item and
    opportunity is in the README's journey example (``internal`` and ``evidence`` have
    their own section)."""
    from journeydocs.load import validate as validate

    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("### A journey: `content/journeys/<id>.md`")
    example = readme[start:readme.index("### A free page:", start)]
    keys = {*validate.JOURNEY_KEYS, *validate.TOUCHPOINT_KEYS, *validate.CONTENT_KEYS,
            *validate.OPPORTUNITY_KEYS}
    missing = sorted(k for k in keys if not re.search(rf"^\s*(?:- )?{re.escape(k)}:", example, re.M))
    assert missing == []


def test_retired_content_is_never_due_for_review(sample):
    """Items of a retired journey, and retired items, show no 'review due' on the
    inventory, in the CSV or on their touchpoint pages (the rule of check and health)."""
    import copy

    playbook = copy.deepcopy(sample)
    retired = playbook.journeys["catalogue-request"]
    assert retired.status == "retired"
    old = [item for tp in retired.touchpoints for item in tp.content
           if item.last_reviewed and (TODAY - item.last_reviewed).days > 180]
    assert old, "the sample should hold old content in its retired journey"
    for item in old:
        item.status = "live"  # live content, but its journey is retired
    files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    rows = list(csv.DictReader(io.StringIO(
        files["exports/content-inventory.csv"].decode("utf-8-sig"))))
    for row in rows:
        if row["journey_id"] == retired.id or row["status"] == "retired":
            assert row["stale"] == "no", row
    assert any(row["stale"] == "yes" for row in rows)  # the rule still flags live content
    inventory = files["inventory.html"].decode("utf-8")
    for item in old:
        row = inventory[inventory.index(f">{item.title}<"):]
        assert "badge--stale" not in row[:row.index("</tr>")], item.title
    for tp in retired.touchpoints:
        page = files[f"journeys/{retired.id}/{tp.id}.html"].decode("utf-8")
        assert "badge--stale" not in page, tp.id


def test_kpis_csv_lists_every_goal_with_baseline_and_actual(tmp_path):
    import csv as csv_module
    import io

    root = Path(__file__).resolve().parent.parent
    out = build(root, tmp_path / "site").output
    rows = list(csv_module.reader(io.StringIO((out / "exports/kpis.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["journey_id", "journey", "metric", "baseline", "actual", "target",
                       "measured_on", "source"]
    welcome = [r for r in rows[1:] if r[0] == "welcome-day-0"]
    assert welcome and welcome[0][3:5] == ["11%", "13.5%"] and welcome[0][6] == "2026-10-31"
    assert "exports/kpis.csv" in (out / "indexes.html").read_text(encoding="utf-8")
    blueprint = root / "tests" / "fixtures" / "public" / "blueprint"  # no goals: no file
    bare = build(blueprint, tmp_path / "bare").output
    assert not (bare / "exports/kpis.csv").exists()
    assert "kpis.csv" not in (bare / "indexes.html").read_text(encoding="utf-8")

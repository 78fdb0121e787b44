"""Reading across the playbook (issue 24, navigation half; issue 22's KPI view): the
views one click from every page, full-text search from file://, the Health and team
pages for the people who act, the KPI view, and the 404 page from file://.

The browser tests run on the sample and on a public fixture in Swedish, and pick the
words they search for from the playbook itself (the rarest word of a pain point, of an
opportunity, and 500+ characters into a storyline section), so they hold for
playbooks nobody wrote them for.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from journeydocs.build import build, load_playbook
from journeydocs.i18n.strings import strings
from journeydocs.load.health import health_warnings
from journeydocs.pages.search_text import documents, storyline_sections, words
from journeydocs.views.health import due_by_team
from journeydocs.views.kpis import Value, parse_value, progress
from journeydocs.model import Goal

REPO = Path(__file__).resolve().parent.parent
LIFE = REPO / "tests" / "fixtures" / "public" / "life-journey"
VIEWS = ("inventory", "opportunities", "channels", "teams", "raci", "health", "indexes")
DESKTOP = {"width": 1366, "height": 900}


# --- KPI parsing ------------------------------------------------------------------------

@pytest.mark.parametrize("text, number, percent", [
    ("13.5%", 13.5, True), ("under 2%", 2, True), ("25% within 24 hours", 25, True),
    ("3,5 days", 3.5, False), ("1,200 members", 1200, False), ("1.234,5", 1234.5, False),
    ("NPS -12", -12, False), ("12 %", 12, True), ("2 working days (today 6)", 2, False),
])
def test_parse_value(text, number, percent):
    assert parse_value(text) == Value(number, percent)


def test_parse_value_without_a_number():
    assert parse_value("every customer happy") is None
    assert parse_value("") is None


def test_progress_up_down_and_unknown():
    up = progress(Goal("Conversion", target="18%", baseline="11%", actual="13.5%"))
    assert up.direction == "up" and not up.reached and abs(up.share - 2.5 / 7) < 1e-9
    down = progress(Goal("Unsubscribes", target="under 2%", baseline="4.2%", actual="2.6%"))
    assert down.direction == "down" and abs(down.share - 1.6 / 2.2) < 1e-9 and not down.reached
    done = progress(Goal("Unsubscribes", target="2%", baseline="4%", actual="1.5%"))
    assert done.reached and done.share == 1.0
    assert progress(Goal("Mixed", target="25%", baseline="9", actual="14%")).share is None
    assert progress(Goal("Words", target="happier customers", actual="14%")) is None


# --- health: by team, due for review, checks, system steps --------------------------------

def test_health_groups_by_owning_team_with_titles():
    playbook, _ = load_playbook(REPO)
    due = due_by_team(playbook, dt.date(2026, 12, 7), strings("en"))
    known = [term.id for term in playbook.config.teams]
    teams = list(due)
    assert [team for team in teams if team in known] == [t for t in known if t in due]
    titles = {d.title for items in due.values() for d in items}
    content_titles = {item.title for j in playbook.journeys.values() for tp in j.touchpoints
                      for item in tp.content}
    assert titles & content_titles  # content is named by its title, not its id
    for items in due.values():
        order = [(d.journey.title.casefold() if d.journey else "") for d in items]
        assert order == sorted(order)


def test_no_content_warning_is_for_steps_the_customer_sees(make_project):
    project = make_project()
    journey = next(project.glob("content/journeys/*.md"))
    text = journey.read_text(encoding="utf-8")
    assert "touchpoints:" in text
    playbook, _ = load_playbook(project)
    j = next(iter(playbook.journeys.values()))
    tp = j.touchpoints[0]
    tp.content.clear()

    days = iter(range(1, 28))

    def no_content() -> set[str]:  # a new day each time: findings are kept per day
        return {p.message for p in health_warnings(playbook, dt.date(2026, 1, next(days)))
                if p.code == "touchpoint-no-content"}

    tp.by = "customer"
    assert any(tp.id in m for m in no_content())
    tp.by = "frontstage"  # a clerk's script is content too
    assert any(tp.id in m for m in no_content())
    for place in ("backstage", "system"):
        tp.by = place
        assert not any(f"'{tp.id}'" in m for m in no_content()), place


# --- search text --------------------------------------------------------------------------

def rare_words(playbook, texts: list[str]) -> list[str]:
    """Words of ``texts`` (6+ letters) ordered by how few documents hold them."""
    counts: Counter = Counter()
    for doc in documents(playbook, strings(playbook.config.language)):
        counts.update(set(words(doc.title + " " + doc.text)))
    found = {w for text in texts for w in words(text) if len(w) >= 6 and w.isascii()}
    return sorted(found, key=lambda w: (counts[w], w))


def search_cases(project: Path) -> list[tuple[str, str, str]]:
    """(what, word, journey title): a word from a pain point, from an opportunity, and
    from 500+ characters into a storyline section."""
    playbook, _ = load_playbook(project)
    t = strings(playbook.config.language)
    cases = []
    for what, pick in (
            ("pain point", lambda j: [p for tp in j.touchpoints for p in tp.pain_points]),
            ("opportunity", lambda j: [o.title for tp in j.touchpoints for o in tp.opportunities]),
            ("storyline 500+", lambda j: [text[500:] for _, _, text in storyline_sections(j, t)
                                          if len(text) > 600]),
            ("key moment", lambda j: [tp.key_moment for tp in j.touchpoints if tp.key_moment]),
            ("custom lane", lambda j: [" ".join(v) if isinstance(v, list) else str(v)
                                       for tp in j.touchpoints for v in tp.lanes.values()])):
        best = None
        for journey in playbook.journeys.values():
            for word in rare_words(playbook, pick(journey))[:1]:
                if word.casefold() not in journey.title.casefold():
                    score = sum(word in words(d.title + " " + d.text) for d in documents(playbook, t))
                    if best is None or score < best[0]:
                        best = (score, word, journey.title)
        if best:
            cases.append((what, best[1], best[2]))
    return cases


# --- in the browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, project in (("sample", REPO), ("life-journey", LIFE)):
        target = tmp_path_factory.mktemp(f"nav-{name}") / "site"
        build(project, target)
        out[name] = target
    return out


def page_types(site: Path) -> dict[str, str]:
    journey = sorted((site / "journeys").glob("*.html"))[0]
    touchpoint = sorted(p for p in (site / "journeys").rglob("*.html") if p.parent != site / "journeys")[0]
    found = {"home": "index.html", "404": "404.html",
             "journey": journey.relative_to(site).as_posix(),
             "touchpoint": touchpoint.relative_to(site).as_posix(),
             "persona": sorted((site / "personas").glob("*.html"))[0].relative_to(site).as_posix()}
    for view in ("inventory", "health", "kpis", "teams"):
        if (site / f"{view}.html").is_file():
            found[view] = f"{view}.html"
    team = sorted((site / "teams").glob("*.html"))
    if team:
        found["team"] = team[0].relative_to(site).as_posix()
    pages = sorted((site / "pages").rglob("*.html")) if (site / "pages").is_dir() else []
    if pages:
        found["page"] = pages[0].relative_to(site).as_posix()
    return found


@pytest.mark.parametrize("name", ["sample", "life-journey"])
def test_views_visible_without_scrolling_from_every_page_type(sites, name):
    from harness.browser import open_page, require_browser

    require_browser()
    site = sites[name]
    for kind, path in page_types(site).items():
        with open_page(site / path, viewport=DESKTOP) as loaded:
            tab = loaded.page
            boxes = tab.evaluate("""(views) => views.map(v => {
              const a = document.querySelector(`a[data-view="${v}"]`);
              if (!a) return null;
              const r = a.getBoundingClientRect();
              const style = getComputedStyle(a);
              return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                      visible: style.visibility !== 'hidden' && r.width > 0 && r.height > 0};
            })""", list(VIEWS))
            # one row, every item on one line (What's new once sat 3 px above the rest)
            tops = tab.evaluate("() => [...document.querySelectorAll('.views-bar a')]"
                                ".map(a => [a.dataset.view, a.getBoundingClientRect().top])")
            assert max(t for _, t in tops) - min(t for _, t in tops) < 0.5, (kind, tops)
            for view, box in zip(VIEWS, boxes):
                assert box, (name, kind, view)
                assert box["visible"] and box["top"] >= 0 and box["bottom"] <= 900, (kind, view, box)
                assert box["left"] >= 0 and box["right"] <= 1366, (kind, view, box)
            if kind == "404":  # styled from file://: the style sheet loaded and applies
                assert tab.evaluate("() => getComputedStyle(document.querySelector('.site-header'))"
                                    ".position") == "sticky"
            loaded.assert_clean()


def test_kpi_headers_sit_over_their_numbers_and_the_views_bar_fits_a_phone(sites):
    """Issue 24 cosmetics: a number column's header aligns as its numbers do; at 375 px the
    views bar wraps instead of scrolling sideways, every view in reach."""
    from harness.browser import open_page, require_browser

    require_browser()
    with open_page(sites["sample"] / "kpis.html", viewport=DESKTOP) as loaded:
        tab = loaded.page
        columns = tab.evaluate("""() => {
          const table = document.querySelector('#kpi-table');
          const heads = [...table.querySelectorAll('thead th')];
          return heads.map((th, i) => ({head: th.textContent.trim(), num: th.classList.contains('num'),
            align: getComputedStyle(th).textAlign, right: th.getBoundingClientRect().right,
            cells: [...table.querySelectorAll(`tbody tr > :nth-child(${i + 1})`)].map(
              c => [getComputedStyle(c).textAlign, c.getBoundingClientRect().right])}));
        }""")
        numeric = [c for c in columns if c["num"]]
        assert len(numeric) >= 3, columns
        for column in numeric:
            assert column["align"] == "right", column
            assert all(align == "right" and abs(right - column["right"]) < 1
                       for align, right in column["cells"]), column
        tab.set_viewport_size({"width": 375, "height": 800})
        fit = tab.evaluate("""() => {
          const ul = document.querySelector('.views-bar ul');
          return {page: document.documentElement.scrollWidth, bar: ul.scrollWidth - ul.clientWidth,
                  links: [...ul.querySelectorAll('a')].map(a => {
                    const r = a.getBoundingClientRect(); return [r.left, r.right, r.height]; })};
        }""")
        assert fit["page"] <= 375 and fit["bar"] <= 0, fit
        assert all(left >= 0 and right <= 375 and height >= 24
                   for left, right, height in fit["links"]), fit


@pytest.mark.parametrize("name", ["sample", "life-journey"])
def test_search_finds_pain_points_opportunities_and_deep_storyline_words(sites, name):
    from harness.browser import open_page, require_browser

    require_browser()
    project = REPO if name == "sample" else LIFE
    cases = search_cases(project)
    if name == "sample":
        assert {what for what, _, _ in cases} >= {"pain point", "opportunity", "storyline 500+"}
    else:  # a public life-event map: no pain points or opportunities, short storylines
        assert {what for what, _, _ in cases} >= {"key moment", "custom lane"}
    site = sites[name]
    journey = sorted((site / "journeys").glob("*/"))[0]
    page = sorted(journey.glob("*.html"))[0]  # two folders deep
    with open_page(page, viewport=DESKTOP) as loaded:
        tab = loaded.page
        box = tab.locator(".site-header .search-input")
        for what, word, title in cases:
            box.fill("")
            box.type(word)
            tab.wait_for_function("""(word) => {
              const opts = [...document.querySelectorAll('.site-header .search-option')];
              return opts.some(o => o.textContent.toLowerCase().includes(word));
            }""", arg=word, timeout=10_000)
            texts = tab.evaluate("() => [...document.querySelectorAll('.site-header "
                                 ".search-option')].map(o => o.textContent)")
            assert any(title in text for text in texts), (what, word, title, texts)
            marks = tab.evaluate("() => [...document.querySelectorAll('.site-header "
                                 "mark.search-match')].map(m => m.textContent)")
            assert marks, (what, word)  # the matching passage is shown, its word marked
        loaded.assert_clean()


def test_health_page_shows_content_titles_grouped_by_team(sites):
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    site = sites["sample"]
    playbook, _ = load_playbook(REPO)
    with open_page(site / "health.html", viewport=DESKTOP) as loaded:
        tab = loaded.page
        teams = tab.evaluate("() => [...document.querySelectorAll('[data-health-team] h3')]"
                             ".map(h => h.textContent.trim())")
        names = [term.name for term in playbook.config.teams]
        listed = [n for n in names if any(team.startswith(n) for team in teams)]
        assert listed and listed == [n for n in names if n in listed]
        # every warning in one table, grouped by team then journey: what it is about
        items = tab.evaluate("() => [...document.querySelectorAll('#health-table tbody tr')]"
                             ".map(tr => tr.cells[2].textContent)")
        titles = {item.title for j in playbook.journeys.values() for tp in j.touchpoints
                  for item in tp.content}
        assert any(any(item.startswith(title) for title in titles) for item in items)
        # a team finds what is theirs: the team filter leaves only its rows
        team = playbook.config.teams[0]
        tab.select_option("select[data-filter=team]", team.id)
        tab.wait_for_function("id => [...document.querySelectorAll('#health-table tbody tr')]"
                              ".every(tr => tr.dataset.fTeam === id)", arg=team.id)
        assert tab.locator("#health-table tbody tr").count() >= 1
        tab.click("[data-filters-for=health-table] button.filter-reset")
        assert not tab.locator("#warnings-by-file").evaluate("d => d.open")  # folded away
        assert tab.locator("#warnings-by-file .health-line").first.is_hidden()
        loaded.assert_clean()  # before axe, whose CSS preloading file:// refuses
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            assert [v["id"] for v in run_axe(tab) if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("path", ["index.html", "kpis.html", "teams/marketing.html"])
def test_axe_on_new_pages_light_and_dark(sites, path):
    from harness.browser import open_page, require_browser, run_axe

    require_browser()
    with open_page(sites["sample"] / path, viewport=DESKTOP) as loaded:
        tab = loaded.page
        loaded.assert_clean()  # before axe, whose CSS preloading file:// refuses
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in run_axe(tab)
                   if v["impact"] in ("serious", "critical")]
            assert bad == [], (scheme, bad)


# --- the MkDocs plugin and the single-file export show the v2 fields --------------------

V2_WORDS = ("Unsubscribes within the first 7 days", "13.5%",  # KPIs with baseline/actual
            "Joins Nordlys Club at a till", "Reaches day 30",  # entry and exit
            "Salesforce Marketing Cloud Journey Builder")      # platform


def test_single_file_export_shows_the_v2_fields(tmp_path):
    from journeydocs.share.export import export_journey

    out = tmp_path / "welcome.html"
    export_journey(REPO, "welcome-day-0", out)
    html = out.read_text(encoding="utf-8")
    for words_ in V2_WORDS:
        assert words_ in html, words_


def test_mkdocs_plugin_shows_the_v2_fields(tmp_path):
    import shutil
    import subprocess
    import sys

    pytest.importorskip("mkdocs")
    from test_mkdocs_plugin import MKDOCS_YML

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Docs\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.format(theme="mkdocs", extra=""),
                                         encoding="utf-8")
    (tmp_path / "playbook").mkdir()
    shutil.copy(REPO / "site.yml", tmp_path / "playbook" / "site.yml")
    shutil.copytree(REPO / "content", tmp_path / "playbook" / "content")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = [p for p in (tmp_path / "site").rglob("*.html") if "welcome-day-0" in p.as_posix()
             and p.parent.name != "welcome-day-0"]
    assert pages, sorted(p.as_posix() for p in (tmp_path / "site").rglob("*welcome*"))[:10]
    html = pages[0].read_text(encoding="utf-8")
    for words_ in V2_WORDS:
        assert words_ in html, words_

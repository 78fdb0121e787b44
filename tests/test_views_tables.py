"""Tables for work (views/tables.py): shards escape what content says, the page holds
the first page of rows, and in Chromium from file:// the sticky column, the column
picker (remembered), filters and sorting over every row of a sharded table work; the
opportunities list a carried-over idea once and load no mermaid; the comparison draws
one series per state; axe finds nothing serious, light and dark."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.browser import open_page, require_browser, run_axe
from journeydocs.build import load_playbook
from journeydocs.i18n.strings import strings
from journeydocs.pages.tasks import render_site
from journeydocs.views import tables
from journeydocs.views.opportunities import carried_over, normalised, ranked
from journeydocs.views.tables import Column, Row, Table

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
THEME = ROOT / "theme"
TODAY = dt.date(2026, 11, 23)
EVIL = 'x</script><!--<script>alert(1)</script>\u2028\u2029&"'


def _table(n: int) -> Table:
    cols = [Column("name", "Name", hideable=False), Column("n", "N", numeric=True)]
    rows = [Row([tables.cell(f"{EVIL}{i}"), tables.cell(i)], [None, str(i)], [f"k{i % 3}"])
            for i in range(n)]
    return Table("t", cols, rows, ["k"], "T")


def test_small_tables_have_no_shards():
    table = _table(tables.PAGE_ROWS)
    assert not table.sharded and list(tables.shard_files(table)) == []
    assert tables.context(table, "x.html")["shards"] == []


def test_shards_hold_every_row_escaped_for_a_script():
    table = _table(tables.SHARD_ROWS + 5)
    files = dict(tables.shard_files(table))
    chunks = -(-tables.SHARD_ROWS // tables.CHUNK_ROWS)
    assert list(files) == ["data/t/0.js", *(f"data/t/0/{m}.js" for m in range(chunks)),
                           "data/t/1.js", "data/t/1/0.js"]
    rows, html = [], []
    for path, data in files.items():
        text = data.decode()
        for bad in ("</script", "<!--", "<script", "\u2028", "\u2029"):
            assert bad not in text
        prefix, _, _ = text.partition("]=")
        key = path[len("data/"):-len(".js")]
        assert prefix == '(window.JD_SHARDS=window.JD_SHARDS||{})["' + key + '"'
        if path.count("/") == 2:  # a shard: filter values and sort keys, strings once
            index = tables.read_shard(text)
            assert len(index["s"]) == len(set(index["s"]))
            rows += tables.shard_rows(index, len(table.filter_keys))
        else:
            html += tables.read_shard(text)
    assert len(rows) == len(html) == len(table.rows)
    filters, keys = rows[7]
    assert filters == ["k1"] and keys == [f"{EVIL}7".strip(), "7"]
    assert html[7].startswith('<tr data-f-k="k1"><th scope="row">x&lt;/script&gt;')
    context = tables.context(table, "views/page.html")
    assert context["shards"] == ["../data/t/0.js", "../data/t/1.js"]
    assert str(context["rows_html"]).count("<tr") == tables.PAGE_ROWS


def test_the_shards_of_a_large_table_are_a_fraction_of_its_html():
    """The first filter loads the shards only: at the inventory's row size they are a
    small part of the rows' HTML (which loads a chunk at a time, as rows are shown)."""
    cols = [Column(f"c{i}", f"C{i}") for i in range(8)]
    rows = [Row([tables.link(f"journeys/j{i // 20}.html", f"Journey {i // 20}")]
                + [tables.cell(f"value {i % 7} of column {c}") for c in range(1, 8)],
                filters=[f"j{i // 20}", f"s{i % 4}"]) for i in range(3 * tables.SHARD_ROWS)]
    files = list(tables.shard_files(Table("big", cols, rows, ["journey", "status"])))
    shards = sum(len(b) for p, b in files if p.count("/") == 2)
    html = sum(len(b) for p, b in files if p.count("/") == 3)
    assert shards * 4 < html


def test_text_of_is_what_a_browser_reads():
    assert tables.text_of('<a href="x">A &amp; B</a> <span class="badge">C</span>') == "A & B C"


def test_carried_over_ideas_are_listed_once():
    playbook, _ = load_playbook(ROOT)
    carried = carried_over(playbook)
    assert carried
    items = ranked(playbook)
    titles = [normalised(i.opportunity.title) for i in items
              if i.journey.id in ("gift-purchase", "gift-purchase-future")]
    assert len(titles) == len(set(titles))  # no idea twice in the pair
    marked = [i for i in items if i.carried_from is not None]
    assert len(marked) == len(carried)
    assert {i.carried_from.id for i in marked} == {"gift-purchase"}


def test_normalised_titles():
    assert normalised("Send the coupon  in real-time!") == normalised("send the coupon in real time")


def _build(project: Path, out: Path) -> Path:
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    for file in render_site(playbook, THEME, today=TODAY):
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
    shutil.copytree(THEME / "assets", out / "assets", dirs_exist_ok=True)
    return out


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    require_browser()
    return _build(ROOT, tmp_path_factory.mktemp("tables-sample"))


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """A generated 80-journey playbook: ~1,900 content items, so the inventory has two
    shards beyond its first page (the behaviour is the same at 1,000 journeys)."""
    require_browser()
    project = tmp_path_factory.mktemp("tables-p80")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "80", str(project)],
                   check=True, capture_output=True)
    site = _build(project, tmp_path_factory.mktemp("tables-s80"))
    assert len(list((site / "data" / "inventory-table").glob("*.js"))) >= 2
    return site


ROWS = "() => document.querySelectorAll('#inventory-table tbody tr').length"


@pytest.mark.parametrize("which", ["sample_site", "big_site"])
def test_sticky_column_and_picker_persist_from_file_url(which, request):
    site = request.getfixturevalue(which)
    with open_page(site / "inventory.html", viewport={"width": 1366, "height": 900}) as loaded:
        page = loaded.page
        # the key columns are visible without scrolling sideways
        right = page.evaluate("() => document.querySelector('.table-wrap--data')"
                              ".getBoundingClientRect().right")
        for key in ("title", "owner", "status", "last_reviewed", "link"):
            box = page.evaluate(f"() => document.querySelector('th[data-col={key}]')"
                                ".getBoundingClientRect().right")
            assert box <= right + 1, key
        # sticky first column: scroll the box sideways, the title cell stays at its left
        before = page.evaluate("() => document.querySelector('#inventory-table tbody th')"
                               ".getBoundingClientRect().left")
        page.evaluate("() => { const w = document.querySelector('.table-wrap--data');"
                      " w.scrollLeft = 400; }")
        after = page.evaluate("() => document.querySelector('#inventory-table tbody th')"
                              ".getBoundingClientRect().left")
        assert abs(after - before) < 1
        # the picker hides a column and the choice is remembered
        page.click("[data-columns-for=inventory-table] summary")
        page.uncheck("[data-columns-for=inventory-table] input[value=owner]")
        assert not page.is_visible("th[data-col=owner]")
        page.reload()
        assert not page.is_visible("th[data-col=owner]")
        assert page.is_visible("th[data-col=status]")
        loaded.assert_clean()


def test_filters_and_sort_reach_rows_beyond_the_first_page(big_site):
    html = (big_site / "inventory.html").read_text()
    assert 'data-shards="data/inventory-table/0.js' in html
    keys = re.search(r'data-filter-keys="([^"]+)"', html).group(1).split()
    rows = [row for p in sorted((big_site / "data/inventory-table").glob("*.js"))
            for row in tables.shard_rows(tables.read_shard(p.read_text()), len(keys))]
    total = len(rows)
    first_page = set(re.findall(r'data-f-journey="([^"]+)"', html))
    # a journey none of whose items is on the first page
    all_journeys = sorted({filters[keys.index("journey")] for filters, _ in rows})
    hidden = next(j for j in all_journeys if j not in first_page)
    with open_page(big_site / "inventory.html") as loaded:
        page = loaded.page
        assert page.evaluate(ROWS) == tables.PAGE_ROWS
        assert page.is_visible("[data-pager-for=inventory-table]")
        page.select_option("select[data-filter=journey]", hidden)
        page.wait_for_function(
            f"() => [...document.querySelectorAll('#inventory-table tbody tr')]"
            f".every(r => r.dataset.fJourney === {json.dumps(hidden)})"
            f" && document.querySelectorAll('#inventory-table tbody tr').length > 0")
        # the first filter loads the shards and the HTML of the rows shown, not every row's
        scripts = page.evaluate("() => [...document.querySelectorAll('script[src*=\"data/\"]')]"
                                ".map(s => decodeURI(new URL(s.src).pathname))")
        every = list((big_site / "data/inventory-table").rglob("*.js"))
        assert sum(Path(p).stat().st_size for p in scripts) * 3 < sum(
            p.stat().st_size for p in every)
        page.click("button.filter-reset")
        page.wait_for_function(f"() => document.querySelector('output.filter-count')"
                               f".textContent.startsWith('{total} of {total}')")
        # sort by last reviewed, descending: the newest date of all rows comes first
        page.click("th[data-col=last_reviewed] button")
        page.click("th[data-col=last_reviewed] button")
        page.wait_for_function("() => document.querySelector('th[data-col=last_reviewed]')"
                               ".getAttribute('aria-sort') === 'descending'")
        newest = max(sort[3] for _, sort in rows)
        # the rows shown come from anywhere: drawn once their HTML chunks are loaded
        page.wait_for_function("newest => document.querySelector('#inventory-table tbody tr')"
                               ".cells[3].dataset.sort === newest", arg=newest)
        page.click("[data-pager-for=inventory-table] [data-page=next]")
        page.wait_for_function(f"() => document.querySelector('[data-pager-for=inventory-table]"
                               f" output').textContent.startsWith('Rows {tables.PAGE_ROWS + 1}–')")
        assert page.locator("#inventory-table tbody tr").count() == tables.PAGE_ROWS
        loaded.assert_clean()
    assert (big_site / "inventory.html").stat().st_size < 2_000_000


def test_a_filter_named_in_the_address_is_applied(big_site):
    """The home page's "All N in the table of journeys" opens indexes.html?status=S
    (tests/test_views_bounded.py checks the link)."""
    with open_page((big_site / "indexes.html").as_uri() + "?status=draft#all-journeys") as loaded:
        page = loaded.page
        page.wait_for_function("() => document.querySelector('select[data-filter=status]')"
                               ".value === 'draft' && document.querySelectorAll("
                               "'#journeys-table tbody tr').length > 0")
        statuses = page.evaluate("() => [...document.querySelectorAll('#journeys-table tbody tr')]"
                                 ".map(r => r.dataset.fStatus)")
        assert set(statuses) == {"draft"}
        loaded.assert_clean()


def test_opportunities_list_a_carried_idea_once_and_load_no_mermaid(sample_site):
    html = (sample_site / "opportunities.html").read_text()
    assert "mermaid.min.js" not in html and "data-quadrant-chart" in html
    with open_page(sample_site / "opportunities.html") as loaded:
        page = loaded.page
        titles = page.evaluate("() => [...document.querySelectorAll('#opportunity-table tbody th')]"
                               ".map(th => th.childNodes[0].textContent.trim())")
        assert titles.count("Passwordless login with an email link") == 1
        page.select_option("select[data-filter=journey]", "gift-purchase-future")
        assert page.locator("#opportunity-table tbody .badge--carried").count() >= 1
        loaded.assert_clean()


def test_no_page_without_a_mermaid_diagram_loads_mermaid(sample_site):
    for path in sample_site.rglob("*.html"):
        text = path.read_text()
        if "mermaid.min.js" in text:
            assert 'class="mermaid' in text, path


def test_compare_chart_has_one_series_per_state(sample_site):
    with open_page(sample_site / "compare" / "gift-purchase-future.html") as loaded:
        series = loaded.page.evaluate(
            "() => [...document.querySelectorAll('[data-compare-curve] [data-series]')]"
            ".map(g => g.dataset.series)")
        assert series == ["current", "future"]
        loaded.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["inventory.html", "opportunities.html", "raci.html",
                                  "indexes.html", "compare/gift-purchase-future.html"])
def test_axe_finds_nothing_serious(sample_site, name, scheme):
    with open_page(sample_site / name, viewport={"width": 1366, "height": 900}) as loaded:
        loaded.page.emulate_media(color_scheme=scheme)
        bad = [v for v in run_axe(loaded.page) if v["impact"] in ("serious", "critical")]
        assert not bad, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_pt_br_strings_are_brazilian():
    t = strings("pt-BR")
    text = " ".join(t.values())
    for european in ("ficheiro", "ecrã", "utilizador", "telemóvel", "contacto"):
        assert european not in text, european
    assert t["tbl_next"] == "Próximo" and t["search_loading"].startswith("Carregando")


@pytest.mark.parametrize("image, error", [
    ("maria.png", None),
    ("maria.txt", "is not a picture"),
    ("../../outside.png", "is outside the project"),
    ("nope.jpg", "does not exist"),
])
def test_persona_image_is_checked_and_copied(tmp_path, image, error):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "site.yml", project / "site.yml")
    (project / "content" / "maria.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    path = project / "content" / "personas" / "maria.md"
    path.write_text(path.read_text().replace("---\n", f"---\nimage: {image}\n", 1))
    playbook, problems = load_playbook(project)
    messages = [p.format() for p in problems.errors]
    if error:
        assert any(error in m and "maria.md:2" in m for m in messages), messages
        return
    assert playbook is not None, messages
    files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    assert files["media/personas/maria.png"].startswith(b"\x89PNG")
    assert 'src="../media/personas/maria.png"' in files["personas/maria.html"].decode()
    other = next(p for p in playbook.personas if p != "maria")
    assert 'class="avatar"' in files[f"personas/{other}.html"].decode()


def test_touchpoint_image_is_copied_and_shown(tmp_path, monkeypatch):
    """Issue 24: a touchpoint's image: is checked as a persona's is, copied to
    media/touchpoints/<journey>/<id>.<ext> and shown on its page and in the map's
    storyboard lane; an external build copies only the pictures of what it keeps;
    a file that cannot be read is an error at its line."""
    from journeydocs.share.audience import for_audience

    playbook, problems = load_playbook(ROOT)
    assert playbook is not None, [p.format() for p in problems.errors]
    files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    pictures = sorted(p for p in files if p.startswith("media/touchpoints/"))
    assert pictures == ["media/touchpoints/gift-purchase/checkout.png",
                        "media/touchpoints/gift-purchase/gift-guide.png"]
    assert files[pictures[0]] == (ROOT / "content/media/checkout.png").read_bytes()
    page = files["journeys/gift-purchase/checkout.html"].decode()
    assert '<img class="touchpoint-image" src="../../media/touchpoints/gift-purchase/' \
           'checkout.png" alt="">' in page
    assert 'class="touchpoint-image"' not in files["journeys/gift-purchase/refund-email.html"]\
        .decode()
    # external: an internal touchpoint's picture stays behind
    journey = playbook.journeys["gift-purchase"]
    journey.touchpoints[0].internal = True
    external = {f.path for f in render_site(for_audience(playbook, "external"), THEME,
                                            today=TODAY)}
    assert "media/touchpoints/gift-purchase/checkout.png" in external
    assert "media/touchpoints/gift-purchase/gift-guide.png" not in external
    # unreadable: reported like a missing one, at the image's line
    real_open = Path.open

    def refusing(self, *args, **kwargs):
        if self.name == "checkout.png":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing)
    _playbook, problems = load_playbook(ROOT)
    messages = [p.format() for p in problems.errors]
    assert any("gift-purchase.md:" in m and "image 'media/checkout.png' cannot be read "
               "(Permission denied) (check the file's permissions)" in m for m in messages), \
        messages

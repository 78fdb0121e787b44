"""No page grows without bound with the playbook (issue 26): the Health page, the team
and channel pages and the home page hold a page of rows (the rest in table shards or
one link away) and the sitemap and the exports split into parts. A generated playbook
with the thresholds lowered (rows per page, cards per home group, sitemap and export
bytes) stands in for 1,000 journeys, so the test stays small and fast."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from journeydocs.build import load_playbook
from journeydocs.load.health import health_findings
from journeydocs.pages import meta, nav
from journeydocs.pages.tasks import render_site
from journeydocs.views import export_parts, paths, tables
from journeydocs.views.exports import inventory_csv, opportunities_csv, playbook_data
from journeydocs.views.export_schema import playbook_schema
from journeydocs.views.teams import team_ids

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
THEME = ROOT / "theme"
TODAY = dt.date(2026, 11, 23)
PAGE_ROWS, SHARD_ROWS, HOME_CARDS, SITEMAP_BYTES, EXPORT_BYTES = 5, 40, 3, 4000, 40_000


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("bounded-p24")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "24", str(project)],
                   check=True, capture_output=True)
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tables, "PAGE_ROWS", PAGE_ROWS)
        patch.setattr(tables, "SHARD_ROWS", SHARD_ROWS)
        patch.setattr(nav, "HOME_CARDS", HOME_CARDS)
        patch.setattr(meta, "SITEMAP_BYTES", SITEMAP_BYTES)
        patch.setattr(export_parts, "EXPORT_BYTES", EXPORT_BYTES)
        files = {f.path: f.data for f in render_site(playbook, THEME, today=TODAY)}
    return playbook, files


def body_rows(html: str, table_id: str) -> int:
    start = html.index(f'<table id="{table_id}"')
    body = html[html.index("<tbody>", start):html.index("</tbody>", start)]
    return body.count("<tr")


def shard_rows(files: dict, table_id: str) -> list:
    """(filter values, sort keys) of every row in the shards of ``table_id``."""
    html = files[next(p for p in files if p.endswith(".html") and f'<table id="{table_id}"'.encode()
                      in files[p])].decode()
    found = re.search(rf'<table id="{table_id}"[^>]*?data-filter-keys="([^"]+)"', html, re.S)
    count = len(found.group(1).split()) if found else 0
    rows = []
    for index in range(len(files)):
        data = files.get(tables.shard_path(table_id, index))
        if data is None:
            break
        rows += tables.shard_rows(tables.read_shard(data.decode()), count)
    return rows


def test_health_page_holds_a_page_of_each_table(built):
    playbook, files = built
    html = files["health.html"].decode()
    findings = health_findings(playbook, TODAY)
    assert len(findings) > 3 * PAGE_ROWS
    for table in ("health-table", "file-table"):
        assert body_rows(html, table) == PAGE_ROWS, table
        rows = shard_rows(files, table)
        assert len(rows) == len(findings), table  # every warning, a filter away
    # grouped by team, then journey: the rows' team keys never go back
    teams = [row[0][0] for row in shard_rows(files, "health-table")]
    assert teams == sorted(teams, key=list(dict.fromkeys(teams)).index)
    assert html.count("data-health-team") == len(set(teams))


def test_team_pages_hold_a_page_of_each_table(built):
    playbook, files = built
    for team in team_ids(playbook):
        html = files[f"teams/{team}.html"].decode()
        owned = sum(item.owner == team for j in playbook.journeys.values()
                    for tp in j.touchpoints for item in tp.content)
        for kind in ("due", "journeys", "touchpoints", "content"):
            table = f"team-{team}-{kind}"
            if f'<table id="{table}"' in html:
                assert body_rows(html, table) <= PAGE_ROWS, table
        if owned > PAGE_ROWS:
            assert len(shard_rows(files, f"team-{team}-content")) == owned


def test_channel_pages_hold_a_page_of_each_table(built):
    playbook, files = built
    used = {tp.channel for j in playbook.journeys.values() for tp in j.touchpoints}
    biggest = max(used, key=lambda c: sum(tp.channel == c for j in playbook.journeys.values()
                                          for tp in j.touchpoints))
    for page, tables_on in [("channels.html", ["load-table"])] + [
            (f"channels/{cid}.html", [f"channel-{cid}-touchpoints", f"channel-{cid}-load"])
            for cid in used]:
        html = files[page].decode()
        for table in tables_on:
            if f'<table id="{table}"' in html:
                assert body_rows(html, table) <= PAGE_ROWS, table
    on_channel = sum(tp.channel == biggest for j in playbook.journeys.values()
                     for tp in j.touchpoints)
    assert on_channel > PAGE_ROWS
    assert len(shard_rows(files, f"channel-{biggest}-touchpoints")) == on_channel


def test_indexes_list_personas_in_a_table_for_work(built):
    playbook, files = built
    html = files["indexes.html"].decode()
    assert len(playbook.personas) > PAGE_ROWS
    assert body_rows(html, "persona-table") == PAGE_ROWS
    assert len(shard_rows(files, "persona-table")) == len(playbook.personas)


def test_home_page_lists_a_bounded_number_of_cards(built):
    playbook, files = built
    html = files["index.html"].decode()
    groups = nav.journeys_by_status(playbook)
    assert sum(len(members) for _, members in groups) > HOME_CARDS * len(groups)
    assert html.count('class="card journey-card"') <= HOME_CARDS * len(groups)
    for status, members in groups:
        if len(members) > HOME_CARDS:
            assert f'href="indexes.html?status={status}#all-journeys"' in html
            assert f"All {len(members)} in the table of journeys" in html


def test_sitemap_splits_into_parts_under_an_index(built):
    playbook, files = built
    index = files["sitemap.xml"].decode()
    assert "<sitemapindex" in index
    parts = re.findall(r"<loc>[^<]*/(sitemap-\d+\.xml)</loc>", index)
    assert len(parts) > 1 and parts[0] == "sitemap-1.xml"
    urls = []
    for part in parts:
        assert len(files[part]) <= SITEMAP_BYTES
        urls += re.findall(r"<url><loc>([^<]*)</loc></url>", files[part].decode())
    base = playbook.config.base_url.rstrip("/") + "/"
    assert urls == [base + path for path in meta.page_paths(playbook)]
    assert not any(p.startswith("sitemap-") for p in files if p not in parts)


def test_a_small_sitemap_stays_one_file(built):
    playbook, _ = built
    files = meta.sitemap_files(playbook)
    assert [path for path, _ in files] == ["sitemap.xml"]
    assert files[0][1] == meta.sitemap_xml(playbook)


def test_playbook_json_splits_into_parts_of_the_same_schema(built):
    playbook, files = built
    main = json.loads(files[paths.PLAYBOOK_JSON])
    names = main["parts"]
    assert names == [f"playbook-{n}.json" for n in range(2, len(names) + 2)]
    documents = [main] + [json.loads(files[f"exports/{name}"]) for name in names]
    for number, document in enumerate(documents, 1):
        jsonschema.validate(document, playbook_schema())
        assert document["site"] == main["site"]
        assert document.get("part", 1) == number
    for path in [paths.PLAYBOOK_JSON] + [f"exports/{name}" for name in names]:
        assert len(files[path]) <= EXPORT_BYTES, path
        assert b'\n  "' not in files[path]  # a split export is compact
    whole = playbook_data(playbook)
    for key in ("personas", "journeys", "pages"):
        assert [item for d in documents for item in d[key]] == whole[key], key


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("name, make", [
    ("content-inventory", lambda pb: inventory_csv(pb, TODAY)),
    ("opportunities", opportunities_csv)])
def test_csv_exports_split_into_parts_with_the_header(built, name, make):
    playbook, files = built
    whole = csv_rows(make(playbook))
    assert f"exports/{name}.csv" not in files  # no partial file under the whole's name
    parts = [files[f"exports/{name}-{n}.csv"] for n in range(1, 100)
             if f"exports/{name}-{n}.csv" in files]
    assert len(parts) > 1
    rows = []
    for data in parts:
        assert len(data) <= EXPORT_BYTES and data.startswith("\ufeff".encode())
        header, *body = csv_rows(data)
        assert header == whole[0]
        rows += body
    assert rows == whole[1:]


def test_views_link_every_part_of_a_split_export(built):
    _, files = built
    index = files["indexes.html"].decode()
    exports = index[index.index('id="exports"'):]
    linked = re.findall(r'<a href="(exports/[^"]+)" download>', exports)
    split = sorted(p for p in files if re.fullmatch(
        r"exports/(playbook(-\d+)?\.json|content-inventory-\d+\.csv|opportunities-\d+\.csv)", p))
    assert sorted(p for p in linked if p in split) == split
    for page in ("inventory.html", "opportunities.html"):
        html = files[page].decode()
        assert '<a href="indexes.html#exports">' in html and ".csv" not in html, page

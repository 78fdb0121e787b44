"""Offline search: the index file, and the search box in headless Chromium from file://.

The browser tests build a small Portuguese/Danish/Romanian playbook whose names carry
diacritics (São, Ștefănescu, Søren Ærø) and the hostile fixture, then type into the box
as a reader would: with and without accents, "/" to focus, arrows and Enter to open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from journeydocs.build import build, load_playbook
from itertools import accumulate

from journeydocs.model import Opportunity
from journeydocs.pages.search import (BUCKET_BYTES, GLOBAL, INDEX_PATH, KINDS, PART, bucket_path,
                                      bucket_script, build_index, manifest_script, shard_path,
                                      shard_script)
from journeydocs.pages.search_text import documents, fold, words
from journeydocs.i18n.strings import strings

from conftest import write_tree

TESTS = Path(__file__).resolve().parent
HOSTILE = TESTS / "fixtures" / "hostile"

SITE = """\
title: Loja Nordlys
language: pt
stages:
  - {id: discover, name: Descobrir}
  - {id: buy, name: Comprar}
channels:
  - {id: store, name: Loja}
  - {id: sms, name: SMS}
teams:
  - {id: cx, name: Experiência}
"""

PERSONA_SAO = """\
---
name: Conceição São Pedro
role: Cliente de loja
---
Vive em São Paulo.
"""

PERSONA_SOREN = """\
---
name: Søren Ærø-Højbjerg
role: Kunde i butikken
---
"""

PERSONA_IOANA = """\
---
name: Ioana Ștefănescu
role: Clientă
---
"""

JOURNEY = """\
---
title: Recolha na loja de São Bento
summary: A cliente encomenda online e recolhe na loja.
status: published
personas: [conceicao, soren, ioana]
touchpoints:
  - id: chegada
    name: Chegada à loja de São Bento
    stage: buy
    channel: store
    does: Mostra o código ao balcão
    content:
      - id: sms-pronto
        title: SMS São Bento — encomenda pronta
        type: sms
  - id: aviso
    name: Aviso por SMS
    stage: buy
    channel: sms
---
## Comprar
Em São Bento a loja abre às nove.

## Notas da equipa
O balcão de recolha fica ao fundo.
"""

OTHER = """\
---
title: Devolver um presente
personas: [soren]
touchpoints:
  - id: balcao
    name: Balcão de devoluções
    stage: buy
    channel: store
---
"""


@pytest.fixture(scope="module")
def diacritics_site(tmp_path_factory) -> Path:
    project = write_tree(tmp_path_factory.mktemp("search-project"), {
        "site.yml": SITE,
        "content/personas/conceicao.md": PERSONA_SAO,
        "content/personas/soren.md": PERSONA_SOREN,
        "content/personas/ioana.md": PERSONA_IOANA,
        "content/journeys/sao-bento.md": JOURNEY,
        "content/journeys/devolver.md": OTHER,
        "content/pages/ajuda.md": "---\ntitle: Ajuda com a pesquisa\n---\nPesquise São.\n",
    })
    out = tmp_path_factory.mktemp("search-site") / "site"
    build(project, out)
    return out


def load_index(site: Path) -> dict:
    text = (site / INDEX_PATH).read_text(encoding="utf-8")
    match = re.fullmatch(rf"window\.{GLOBAL}=JSON\.parse\((.*)\);\n", text, re.S)
    assert match, text[:200]
    return json.loads(json.loads(match.group(1)))


def load_part(path: Path) -> tuple[str, str, object]:
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(rf'{PART}\("(\w)",(".*?"),JSON\.parse\((.*)\)\);\n', text, re.S)
    assert match, text[:200]
    return match.group(1), json.loads(match.group(2)), json.loads(json.loads(match.group(3)))


def site_docs(site: Path, manifest: dict) -> list[list[str]]:
    docs = []
    for n in range(len(manifest["buckets"])):
        kind, key, bucket = load_part(site / bucket_path(n))
        assert (kind, key) == ("d", str(n))
        docs.extend(bucket)
    return docs


def postings(site: Path, manifest: dict, word: str) -> set[int]:
    """Document numbers holding a word that begins with ``word`` (as search.js reads it)."""
    two = word[:2]
    key = word[:3] if two in manifest["split"] else two
    if key not in manifest["shards"]:
        return set()
    _, _, shard = load_part(site / shard_path(key))
    found = set()
    for indexed, deltas in shard.items():
        if indexed.startswith(word):
            at = 0
            for d in deltas:
                at += d
                found.add(at >> 1)
    return found


# --- the index files --------------------------------------------------------------------

def test_index_holds_every_kind_with_working_urls(diacritics_site):
    data = load_index(diacritics_site)
    assert data["kinds"] == list(KINDS)
    assert data["labels"]["touchpoint"] == "Pontos de contacto"  # the site's language
    starts = data["starts"]
    counts = {kind: starts[k + 1] - starts[k] for k, kind in enumerate(KINDS)}
    assert counts == {
        "journey": 2, "touchpoint": 3, "persona": 3, "content": 1, "storyline": 2, "page": 1}
    docs = site_docs(diacritics_site, data)
    assert len(docs) == starts[-1]
    for title, url, where, text in docs:
        page, _, anchor = url.partition("#")
        assert (diacritics_site / page).is_file(), (title, url)
        if anchor:
            assert f'id="{anchor}"' in (diacritics_site / page).read_text(encoding="utf-8")
    content = docs[starts[KINDS.index("content")]]
    assert content[0] == "SMS São Bento — encomenda pronta"
    assert content[1] == "journeys/sao-bento/chegada.html"
    assert content[2] == "Chegada à loja de São Bento · Recolha na loja de São Bento"
    storyline = [d for d in docs if d[1].endswith("#stage-buy")][0]
    assert "abre às nove" in storyline[3]
    # folded words find their documents; a title word is flagged as one
    titles = [d[0] for d in docs]
    assert postings(diacritics_site, data, "sao") >= {
        titles.index("Recolha na loja de São Bento"), starts[KINDS.index("content")]}
    assert titles.index("Søren Ærø-Højbjerg") in postings(diacritics_site, data, "hojbjerg")


def test_every_word_of_every_field_is_indexed():
    """Words only in a pain point, an opportunity, a key moment, a custom lane, or 500+
    characters into a storyline section are found; whole sections, not snippets."""
    playbook, problems = load_playbook(HOSTILE)
    assert playbook is not None, [p.format() for p in problems.items]
    journey = sorted(playbook.journeys.values(), key=lambda j: j.title.casefold())[0]
    tp = journey.touchpoints[0]
    tp.pain_points.append("The zebraprinter jams")
    tp.opportunities[:0] = [Opportunity("Passwordlessly sign in", tp.where)]
    tp.key_moment = "Quetzalmoment"
    tp.backstage.append("Nightlybatchrun of the warehouse")
    tp.lanes["why_it_matters"] = ["Lanevalueword"]
    journey.body += "\n\n## Long notes\n\n" + "lorem ipsum dolor sit amet " * 40 + "xylophonist\n"
    index = build_index(playbook, strings("en"))
    docs = documents(playbook, strings("en"))

    def found(word: str) -> set[str]:
        shard = index.shards.get(word[:3], index.shards.get(word[:2], {}))
        numbers = set()
        for indexed, deltas in shard.items():
            if indexed.startswith(word):
                numbers.update(n >> 1 for n in accumulate(deltas))
        return {docs[n].kind + ":" + docs[n].where for n in numbers}

    for word in ("zebraprint", "passwordless", "quetzal", "nightlybatch", "lanevalue"):
        assert found(word) == {f"touchpoint:{journey.title}"}, word
    assert found("xylophon") == {f"storyline:{journey.title}"}
    story = next(d for d in docs if d.title == "Long notes")
    assert story.text.index("xylophonist") > 500


def test_index_keeps_text_as_written_and_cannot_close_a_script():
    playbook, problems = load_playbook(HOSTILE)
    assert playbook is not None, [p.format() for p in problems.items]
    index = build_index(playbook, strings("sv"))
    scripts = [manifest_script(index)] + [shard_script(k, v) for k, v in index.shards.items()]
    scripts += [bucket_script(n, b) for n, b in enumerate(index.buckets)]
    for script in scripts:
        assert "<" not in script  # escaped as \\u003c: no </script> can appear
    names = [doc[0] for bucket in index.buckets for doc in bucket]
    assert any("Ștefănescu" in name for name in names)
    assert any(name.startswith("Søren Ærø") for name in names)


def test_fold_and_words_agree_with_the_browser_rules():
    assert fold("Ștefănescu Søren Ærø-Højbjerg São ß") == "stefanescu soren aero-hojbjerg sao ss"
    assert words("a Nightly-batch 中文 x9") == ["nightly", "batch", "中", "文", "x9"]


def test_a_long_storyline_costs_its_words_in_a_bucket_not_in_the_manifest():
    playbook, _ = load_playbook(HOSTILE)
    journey = next(iter(playbook.journeys.values()))
    before = len(manifest_script(build_index(playbook, strings("en"))))
    journey.body += "\n\n## Long notes\n\n" + "lorem ipsum dolor sit amet " * 2000
    index = build_index(playbook, strings("en"))
    assert len(manifest_script(index)) - before < 200
    assert all(len(bucket_script(n, b)) < BUCKET_BYTES + 60_000 for n, b in enumerate(index.buckets))


# --- in the browser ---------------------------------------------------------------------

def groups(tab) -> dict[str, list[str]]:
    """Visible results: group title → option titles."""
    return tab.evaluate("""() => {
      const out = {};
      for (const g of document.querySelectorAll('.site-header .search-group')) {
        const title = g.querySelector('.search-group-title').textContent;
        out[title] = [...g.querySelectorAll('[role=option] .search-option-title')]
          .map(o => o.textContent);
      }
      return out;
    }""")


def type_query(tab, text: str) -> None:
    box = tab.locator(".site-header .search-input")
    box.fill("")
    box.type(text)
    tab.wait_for_function("""() => {
      const form = document.querySelector('.site-header form[data-search]');
      const status = form.querySelector('[data-search-status]').textContent;
      return !form.querySelector('[data-search-panel]').hidden && status
        && status !== form.dataset.loading;
    }""")


def test_search_from_file_url(diacritics_site):
    from harness.browser import open_page, require_browser

    require_browser()
    page = diacritics_site / "journeys" / "devolver" / "balcao.html"  # two folders deep
    with open_page(page, viewport={"width": 1280, "height": 900}) as loaded:
        tab = loaded.page
        assert not tab.evaluate("() => !!window.journeydocsSearch")  # loaded lazily
        tab.locator("body").click()
        tab.keyboard.press("/")
        assert tab.evaluate("() => document.activeElement.classList.contains('search-input')")
        for query in ("sao", "São", "SAO bento"):
            type_query(tab, query)
            found = groups(tab)
            assert found["Jornadas"] == ["Recolha na loja de São Bento"], (query, found)
            assert found["Pontos de contacto"] == ["Chegada à loja de São Bento"], (query, found)
            assert found["Conteúdos"] == ["SMS São Bento — encomenda pronta"], (query, found)
            if query != "SAO bento":
                assert "Conceição São Pedro" in found["Personas"], (query, found)
        for query, name in (("stefanescu", "Ioana Ștefănescu"), ("soren aero", "Søren Ærø-Højbjerg"),
                            ("højbjerg", "Søren Ærø-Højbjerg"), ("hojbjerg", "Søren Ærø-Højbjerg")):
            type_query(tab, query)
            assert groups(tab).get("Personas") == [name], (query, groups(tab))
        type_query(tab, "abre às nove")  # words from a storyline section
        assert groups(tab) == {"Narrativas": ["Comprar"]}
        type_query(tab, "zzzz")
        assert "zzzz" in tab.locator(".site-header .search-message").inner_text()
        # the keyboard opens a result; its link is right from two folders deep
        type_query(tab, "chegada")
        tab.keyboard.press("ArrowDown")
        active = tab.evaluate("() => document.activeElement.getAttribute('aria-activedescendant')")
        assert active and tab.locator(f"#{active}").get_attribute("aria-selected") == "true"
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/journeys/sao-bento/chegada.html")
        assert tab.locator("h1").inner_text() == "Chegada à loja de São Bento"
        loaded.assert_clean()


def test_escape_closes_and_hostile_names_stay_text(tmp_path):
    from harness.browser import open_page, require_browser

    require_browser()
    out = tmp_path / "site"
    build(HOSTILE, out)
    with open_page(out / "index.html", viewport={"width": 1280, "height": 900}) as loaded:
        tab = loaded.page
        tab.locator(".site-header .search-input").focus()
        type_query(tab, "script")
        titles = [t for ts in groups(tab).values() for t in ts]
        assert any("<script>alert(1)</script>" in t for t in titles), titles
        assert tab.evaluate("() => document.querySelectorAll('.search-panel script, "
                            ".search-panel img, .search-panel svg').length") == 0
        tab.keyboard.press("Escape")
        assert tab.locator(".site-header [data-search-panel]").is_hidden()
        assert tab.locator(".site-header .search-input").get_attribute("aria-expanded") == "false"
        loaded.assert_clean()

"""bench/run.py's clean builds: earlier outputs are set aside, deleted only at the end."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_run():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_an_earlier_output_is_set_aside_whole_and_deleted_at_the_end(tmp_path):
    run = load_run()
    out = tmp_path / "site-100"
    for number in range(2):
        (out / "journeys").mkdir(parents=True)
        (out / "journeys" / "a.html").write_text(str(number), encoding="utf-8")
        inode = (out / "journeys" / "a.html").stat().st_ino
        run.set_aside(out)
        assert not out.exists()
        kept = [p for p in (tmp_path / run.SET_ASIDE).rglob("a.html") if p.stat().st_ino == inode]
        assert [p.read_text(encoding="utf-8") for p in kept] == [str(number)]  # moved, not copied
    run.set_aside(tmp_path / "never-built")  # nothing there: nothing to do
    run.delete_set_aside(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def load_generate():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_generate"] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def _front_matter(text: str) -> tuple[dict, str]:
    import yaml

    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_the_hugo_twin_has_the_mkdocs_twins_pages_with_html_links(tmp_path):
    gen = load_generate()
    hugo = gen.generate(4, tmp_path / "hugo", hugo=True)
    mkdocs = gen.generate(4, tmp_path / "mkdocs", mkdocs=True)
    md_pages = {p.relative_to(mkdocs / "docs").as_posix()
                for p in (mkdocs / "docs").rglob("*.md")}
    sections = {"journeys/_index.md", "personas/_index.md", "pages/_index.md"}
    hugo_pages = {p.relative_to(hugo / "content").as_posix()
                  for p in (hugo / "content").rglob("*.md")}
    # one page per journey, touchpoint, persona and free page, and the home page
    assert hugo_pages - sections == (md_pages - {"index.md"}) | {"_index.md"}
    assert sum(1 for p in md_pages if p.count("/") == 2) == 4 * gen.TOUCHPOINTS_PER_JOURNEY
    weights = []
    for page in sorted(md_pages):
        source = (mkdocs / "docs" / page).read_text(encoding="utf-8")
        meta, body = _front_matter((hugo / "content" / (
            "_index.md" if page == "index.md" else page)).read_text(encoding="utf-8"))
        assert body == source.replace(".md)", ".html)").replace(".md#", ".html#"), page
        assert ".md)" not in body and (".html)" in body or page.startswith("pages/"))
        assert meta["title"] and source.startswith(f"# {meta['title']}") or page == "index.md"
        assert (meta.get("build") == {"list": "never"}) == (page.count("/") == 2), page
        weights.append(meta["weight"])
    assert len(set(weights)) == len(weights)  # the nav's order is the generator's
    config = (hugo / "hugo.toml").read_text(encoding="utf-8")
    assert "uglyURLs = true" in config and '"RSS"' in config and '"taxonomy"' in config
    base = (hugo / "layouts" / "baseof.html").read_text(encoding="utf-8")
    assert 'partialCached "nav.html"' in base and '{{ block "main" . }}' in base
    nav = (hugo / "layouts" / "_partials" / "nav.html").read_text(encoding="utf-8")
    assert '"journeys" "personas" "pages"' in nav and ".RegularPages" in nav
    for layout in ("home.html", "single.html", "list.html"):
        assert '{{ define "main" }}' in (hugo / "layouts" / layout).read_text(encoding="utf-8")
    # the same seed, the same bytes
    again = gen.generate(4, tmp_path / "again", hugo=True)
    for path in hugo.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(hugo)).read_bytes()


def test_generate_refuses_both_twins_at_once(tmp_path):
    gen = load_generate()
    try:
        gen.generate(2, tmp_path / "x", mkdocs=True, hugo=True)
    except ValueError as exc:
        assert "choose one" in str(exc)
    else:
        raise AssertionError("generate wrote one of the twins silently")


def test_hugo_is_skipped_without_it_on_path_and_its_binary_is_run_not_a_wrapper(
        tmp_path, monkeypatch):
    run = load_run()
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run.hugo_binary() is None
    hugo = tmp_path / "hugo"
    hugo.write_bytes(b"\x7fELF not really")
    hugo.chmod(0o755)
    assert run.hugo_binary() == hugo
    hugo.write_text("#!/bin/sh\nexec true\n")  # a wrapper script without the PyPI package
    monkeypatch.setattr(run.importlib.util, "find_spec", lambda name: None)
    assert run.hugo_binary() == hugo

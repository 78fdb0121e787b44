"""diagrams: svg — every diagram rendered over all cores before the pages, and a warning
(that --strict turns into a failure) when the renderer is not installed."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeydocs.diagrams import svg as S
from journeydocs.pages import stage

from conftest import MINIMAL_SITE

SAMPLE = Path(__file__).resolve().parent.parent  # the sample playbook (site.yml, content/)


def slow_engine(source: str, theme: str) -> str:
    time.sleep(0.05)  # long enough for both workers to take diagrams
    return (f'<svg id="my-svg" data-pid="{os.getpid()}"><g id="my-svg-a">'
            f'<text>{len(source)} {theme}</text></g></svg>')


def test_prerender_fills_the_cache_over_every_worker_then_costs_nothing(tmp_path):
    renderer = S.SvgRenderer(tmp_path, slow_engine, "v")
    wanted = [(f"flowchart LR\n a{i}", theme) for i in range(12) for theme in S.THEMES]
    assert S.prerender(renderer, wanted + wanted[:3], jobs=2) == len(wanted)  # once each
    assert renderer.rendered == len(wanted)
    cached = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.svg")]
    assert len(cached) == len(wanted)
    assert len({text.split('data-pid="')[1].split('"')[0] for text in cached}) == 2
    assert all(str(os.getpid()) not in text for text in cached)  # the workers did it
    # the pages then find each one in the cache; a later build renders nothing
    again = S.SvgRenderer(tmp_path, lambda s, t: pytest.fail("rendered again"), "v")
    assert S.prerender(again, wanted, jobs=2) == 0
    assert all(again.svg(source, theme) for source, theme in wanted)
    assert S.prerender(again, [], jobs=2) == 0


def test_prerender_leaves_failures_to_the_client(tmp_path):
    def broken(source, theme):
        raise RuntimeError("no")

    renderer = S.SvgRenderer(tmp_path, broken, "v")
    assert S.prerender(renderer, [("a", "default"), ("b", "dark")], jobs=2) == 0
    assert not list(tmp_path.rglob("*.svg"))


class CountingEngine:
    def __init__(self):
        self.calls: list[tuple[str, str]] = []

    def __call__(self, source: str, theme: str) -> str:
        self.calls.append((source, theme))
        return f'<svg id="my-svg"><g id="my-svg-n"><text>{len(self.calls)}</text></g></svg>'


def test_a_build_renders_every_journey_diagram_before_the_pages(tmp_path, monkeypatch):
    from journeydocs.build import build
    import shutil

    project = tmp_path / "project"
    shutil.copytree(SAMPLE / "content", project / "content")
    shutil.copy(SAMPLE / "site.yml", project / "site.yml")
    site_yml = project / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "\ndiagrams: svg\n",
                        encoding="utf-8")
    engine = CountingEngine()
    renderer = S.SvgRenderer(tmp_path / "cache", engine, "v")
    monkeypatch.setattr(stage, "default_renderer", lambda: renderer)
    monkeypatch.setattr("journeydocs.diagrams.page.default_renderer", lambda: renderer)
    monkeypatch.setenv("JOURNEYDOCS_JOBS", "1")  # rendered here, where the calls are seen
    asked: list[int] = []
    real_prerender = stage.prerender
    monkeypatch.setattr(stage, "prerender", lambda r, wanted, jobs: asked.append(
        len(wanted)) or real_prerender(r, wanted, jobs))
    build(project, tmp_path / "site")
    assert asked and asked[0] == len(engine.calls) > 10
    assert len(set(engine.calls)) == len(engine.calls)  # the pages rendered none themselves
    journeys = list((tmp_path / "site" / "journeys").glob("*.html"))
    assert journeys and all('class="diagram-svg diagram-svg--dark"' in p.read_text(
        encoding="utf-8") for p in journeys)


def test_diagrams_svg_without_mermaidx_warns_once_and_strict_fails(make_project, monkeypatch):
    from journeydocs.build import load_playbook
    from journeydocs import cli

    monkeypatch.setattr("journeydocs.load.config.svg_engine_installed", lambda: False)
    project = make_project({"site.yml": MINIMAL_SITE + "diagrams: svg\n"})
    pb, problems = load_playbook(project)
    assert pb is not None
    found = [p for p in problems.warnings if p.code == "diagrams-svg-unavailable"]
    assert len(found) == 1, problems.warnings
    assert "pip install 'journeydocs[svg]'" in found[0].format()
    assert found[0].line == MINIMAL_SITE.count("\n") + 1
    assert CliRunner().invoke(cli.main, ["check", str(project)]).exit_code == 0
    result = CliRunner().invoke(cli.main, ["check", str(project), "--strict"])
    assert result.exit_code != 0 and "diagrams-svg-unavailable" in result.output
    monkeypatch.setattr("journeydocs.load.config.svg_engine_installed", lambda: True)
    pb, problems = load_playbook(project)
    assert not [p for p in problems.warnings if p.code == "diagrams-svg-unavailable"]
    project = make_project({"site.yml": MINIMAL_SITE})  # client diagrams: no word
    monkeypatch.setattr("journeydocs.load.config.svg_engine_installed", lambda: False)
    pb, problems = load_playbook(project)
    assert not [p for p in problems.warnings if p.code == "diagrams-svg-unavailable"]


def test_diagram_kind_reads_past_front_matter_and_comments():
    assert S.diagram_kind("---\ntitle: A\nconfig:\n  x: 1\n---\njourney\n  title x") == "journey"
    assert S.diagram_kind("%% note\nflowchart LR\n  a --> b") == "flowchart"
    assert S.diagram_kind("  sequenceDiagram\n  A->>B: hi") == "sequenceDiagram"
    assert S.diagram_kind("") == ""


def _sample_diagrams() -> list[tuple[str, str]]:
    """One diagram of every kind the sample's pages show (light scheme)."""
    from journeydocs import urls
    from journeydocs.build import prepare
    from journeydocs.diagrams.page import journey_diagrams
    from journeydocs.i18n.strings import strings

    playbook, _ = prepare(SAMPLE)
    playbook.config.diagrams = "svg"
    collector = S.Collector(S.SvgRenderer(Path("/nonexistent"), slow_engine, "test"))
    for journey in playbook.journeys.values():
        journey_diagrams(journey, playbook, urls.journey(journey.id), collector,
                         strings(playbook.config.language))
    one: dict[str, tuple[str, str]] = {}
    for source, theme in collector.wanted:
        if theme == "default":
            one.setdefault(S.diagram_kind(source), (source, theme))
    return list(one.values())


@pytest.mark.slow
def test_one_mermaid_context_draws_every_kind_as_a_fresh_one_does(monkeypatch):
    """The diagram types journeydocs writes come out byte for byte the same from a
    context that drew others before (in either order) as from a fresh context each, and
    a type that may number ids on (sequenceDiagram) gets a fresh context."""
    pytest.importorskip("mermaidx")
    wanted = _sample_diagrams()
    assert {S.diagram_kind(source) for source, _ in wanted} == S.REUSABLE_KINDS
    with monkeypatch.context() as fresh_each:
        fresh_each.setattr(S, "REUSABLE_KINDS", frozenset())
        fresh = [S._mermaidx_render(*item) for item in wanted]
    shared = [S._mermaidx_render(*item) for item in wanted]
    backwards = [S._mermaidx_render(*item) for item in reversed(wanted)][::-1]
    assert shared == fresh and backwards == fresh
    engine = sys.modules["mermaidx.diagram"]._get_engine_by_name("quickjs")
    assert engine._jd_patched  # the reuse was in effect, not silently skipped
    context = engine._ctx
    S._mermaidx_render(*wanted[0])
    assert engine._ctx is context  # kept for a reusable diagram
    S._mermaidx_render("sequenceDiagram\n  A->>B: hi", "default")
    S._mermaidx_render(*wanted[0])
    assert engine._ctx is not context  # a fresh one after a diagram of another type

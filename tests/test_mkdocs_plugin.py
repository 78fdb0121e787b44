"""The MkDocs plugin in real `mkdocs build` runs: the built-in theme and Material.

Each build is a tiny MkDocs project (one page of its own) with ``plugins: [journeydocs]``
and a playbook made by ``journeydocs init``. MkDocs finds plugins through the
``mkdocs.plugins`` entry point; the editable install of this checkout may predate it, so
a one-line dist-info shim provides it then (the wheel test checks the real one).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs", reason="pip install journeydocs[test]")

from journeydocs.mkdocs_plugin.pages import make_site, nav_plan, toc_tokens  # noqa: E402
from journeydocs.build import load_playbook  # noqa: E402
from journeydocs.scaffold.starter import init_files, write_new_files  # noqa: E402

JOURNEY = "first-purchase"
MKDOCS_YML = """\
site_name: Team docs
theme:
  name: {theme}
plugins:
  - search
  - journeydocs:
      playbook: playbook
      nav_section: Customer journeys
{extra}"""


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory) -> dict:
    """The environment for `mkdocs`: PYTHONPATH with the entry-point shim when needed."""
    env = dict(os.environ, NO_COLOR="1")
    # Asked in a clean process: this one may see a stale journeydocs.egg-info in the checkout.
    probe = subprocess.run([sys.executable, "-c", "from importlib.metadata import entry_points;"
                            "print([e.value for e in entry_points(group='mkdocs.plugins')"
                            " if e.name == 'journeydocs'])"],
                           cwd=tmp_path_factory.getbasetemp(), env=env, capture_output=True,
                           text=True, timeout=60)
    if "JourneydocsPlugin" not in probe.stdout:
        shim = tmp_path_factory.mktemp("shim")
        info = shim / "journeydocs_mkdocs_shim-0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: journeydocs-mkdocs-shim\n"
                                       "Version: 0\n")
        (info / "entry_points.txt").write_text(
            "[mkdocs.plugins]\njourneydocs = journeydocs.mkdocs_plugin.plugin:JourneydocsPlugin\n")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shim), env.get("PYTHONPATH")]))
    return env


def make_mkdocs_project(root: Path, theme: str, extra: str = "") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Our docs\n\nWelcome.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=theme, extra=extra), encoding="utf-8")
    write_new_files(root / "playbook", init_files("en"))
    return root


def mkdocs_build(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module", params=["mkdocs", "material"])
def built(request, tmp_path_factory, plugin_env):
    project = make_mkdocs_project(tmp_path_factory.mktemp(request.param), request.param)
    result = mkdocs_build(project, plugin_env, "--strict")
    assert result.returncode == 0, result.stderr
    return request.param, project / "site", result


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_pages_are_built_in_the_theme(built):
    theme, site, _ = built
    journey = read(site, f"playbook/journeys/{JOURNEY}.html")
    marker = 'class="md-content"' if theme == "material" else 'role="main"'
    assert marker in journey  # the theme's own layout around the page
    assert '<div class="journeydocs">' in journey
    assert "<h1>First purchase</h1>" in journey
    for path in ("playbook/index.html", "playbook/personas/alex.html",
                 f"playbook/journeys/{JOURNEY}/checkout.html", "playbook/inventory.html"):
        assert (site / path).is_file(), path
    inventory = read(site, "playbook/inventory.html")
    assert "Order confirmation email" in inventory and "Checkout page texts" in inventory
    assert "Welcome." in read(site, "index.html")  # the team's own docs are still there


def test_nav_has_the_playbook_section(built):
    theme, site, _ = built
    page = read(site, "index.html")
    assert "Customer journeys" in page
    hrefs = set(re.findall(r'href="([^"]+)"', page))
    for target in (f"playbook/journeys/{JOURNEY}.html", f"playbook/journeys/{JOURNEY}/checkout.html",
                   "playbook/personas/alex.html", "playbook/inventory.html"):
        assert target in hrefs, (theme, target)


def test_journey_links_resolve_inside_the_site(built):
    _, site, _ = built
    folder = site / "playbook" / "journeys"
    journey = read(site, f"playbook/journeys/{JOURNEY}.html")
    inner = journey.split('<div class="journeydocs">', 1)[1]
    links = [h for h in re.findall(r'href="([^"#]+)', inner) if not h.startswith(("http", "mailto"))]
    assert links
    for href in links:
        assert (folder / href).resolve().is_file(), href


def test_diagrams_and_scripts(built):
    theme, site, _ = built
    journey = read(site, f"playbook/journeys/{JOURNEY}.html")
    blocks = re.findall(r'<pre class="mermaid"[^>]*>(.*?)</pre>', journey, re.DOTALL)
    # issue 23: the map replaced the journey diagram; its source is one click away
    sources = journey[journey.index('class="mermaid-sources"'):]
    assert re.search(r"^journey$", sources, re.M)  # after its config block
    assert any(b.lstrip().startswith("flowchart") for b in blocks)
    scripts = re.findall(r'<script src="([^"]+)"', journey)
    mermaid = [s for s in scripts if s.endswith("vendor/mermaid/mermaid.min.js")]
    assert mermaid and (site / "playbook/journeys" / mermaid[0]).resolve().is_file()
    helper = "journeydocs-material.js" if theme == "material" else "journeydocs-mkdocs.js"
    assert any(s.endswith(helper) for s in scripts)
    assert not any("unpkg.com" in s or "jsdelivr" in s for s in scripts)


def test_diagrams_are_drawn_offline(built):
    """Material draws them itself (fed the vendored mermaid); the built-in theme, our script."""
    theme, site, _ = built
    from harness.browser import open_page

    drawn = (".journeydocs div.mermaid" if theme == "material"  # Material swaps <pre> for a div
             else ".journeydocs pre.mermaid svg")
    with open_page(site / "playbook" / "journeys" / f"{JOURNEY}.html") as loaded:
        loaded.page.wait_for_function(f"document.querySelectorAll('{drawn}').length >= 1",
                                      timeout=15000)
        assert not [u for u in loaded.blocked if "mermaid" in u or "unpkg" in u]
        assert not loaded.page_errors or theme == "mkdocs", loaded.page_errors


def test_the_journey_map_is_styled_inside_the_theme(built):
    """map.css and map.js come with the plugin: the grid keeps its fixed step columns."""
    theme, site, _ = built
    from harness.browser import open_page

    with open_page(site / "playbook" / "journeys" / f"{JOURNEY}.html") as loaded:
        layout = loaded.page.evaluate(
            "getComputedStyle(document.querySelector('.journeydocs [data-journey-map] table'))"
            ".tableLayout")
        steps = loaded.page.evaluate(
            "document.querySelectorAll('.journeydocs [data-journey-map] [data-step]').length")
    assert layout == "fixed" and steps >= 1, theme


def test_errors_fail_the_build_with_path_and_line(tmp_path, plugin_env):
    project = make_mkdocs_project(tmp_path, "mkdocs")
    journey = project / "playbook" / "content" / "journeys" / f"{JOURNEY}.md"
    journey.write_text(journey.read_text().replace("stage: buy", "stage: buyy"))
    result = mkdocs_build(project, plugin_env, "--strict")
    assert result.returncode != 0
    _, problems = load_playbook(project / "playbook")
    (error,) = problems.errors
    expected = f"playbook/{error.format()}"
    assert re.search(r"content/journeys/first-purchase\.md:\d+: unknown stage 'buyy'", expected)
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "playbook").exists()


def test_warnings_fail_only_strict_builds_and_path_option(tmp_path, plugin_env):
    project = make_mkdocs_project(tmp_path, "mkdocs", extra="      path: cx\n")
    persona = project / "playbook" / "content" / "personas" / "alex.md"
    (persona.parent / "lonely.md").write_text("---\nname: Lonely\n---\n")
    loose = mkdocs_build(project, plugin_env)
    assert loose.returncode == 0, loose.stderr
    assert "content/personas/lonely.md:1: warning: persona 'lonely' is in no journey" in loose.stderr
    assert (project / "site" / "cx" / "journeys" / f"{JOURNEY}.html").is_file()
    strict = mkdocs_build(project, plugin_env, "--strict")
    assert strict.returncode != 0 and "lonely.md:1: warning" in strict.stderr


def test_missing_playbook_is_one_clear_error(tmp_path, plugin_env):
    project = make_mkdocs_project(tmp_path, "mkdocs")
    text = (project / "mkdocs.yml").read_text().replace("playbook: playbook", "playbook: nowhere")
    (project / "mkdocs.yml").write_text(text)
    missing = mkdocs_build(project, plugin_env)
    assert missing.returncode != 0
    assert "no site.yml in" in missing.stderr and "`playbook` option" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_nav_plan_and_toc(tmp_path):
    write_new_files(tmp_path, init_files("sv"))
    playbook, _ = load_playbook(tmp_path)
    site = make_site(playbook)
    from journeydocs.mkdocs_plugin.pages import render_fragments

    pages = {p.path: p.data.decode() for p in render_fragments(site)}
    plan = nav_plan(site, "Kundresor")
    titles = [entry.title for entry in plan.children]
    assert plan.title == "Kundresor" and titles[0] == site.t["home"]
    journeys = next(e for e in plan.children if e.title == site.t["journeys"])
    (journey,) = journeys.children
    assert [c.title for c in journey.children] == ["Första köpet", "Produktsida", "Kassan",
                                                    "Orderbekräftelse"]
    toc = toc_tokens(pages["journeys/forsta-kopet.html"])
    names = [t["name"] for t in toc]
    # issue 23: the map shows the steps; the stages' narratives are under the storyline
    assert site.t["map"] in names and site.t["storyline"] in names
    stages = next(t for t in toc if t["name"] == site.t["storyline"])
    assert [c["name"] for c in stages["children"]] == ["Upptäcka", "Köpa", "Använda"]
    assert all(re.fullmatch(r"[\w-]+", t["id"]) for t in toc)


def test_pictures_come_with_the_pages():
    """Persona and touchpoint pictures (image:) are files of the MkDocs site too."""
    from journeydocs.mkdocs_plugin.pages import render_fragments

    repo = Path(__file__).resolve().parent.parent
    playbook, _ = load_playbook(repo)
    paths = {f.path for f in render_fragments(make_site(playbook))}
    assert {"media/touchpoints/gift-purchase/checkout.png",
            "media/touchpoints/gift-purchase/gift-guide.png"} <= paths

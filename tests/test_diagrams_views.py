"""Service blueprint, emotion curve, timeline, diagram page context and pre-rendered SVG.

Layers: unit tests on hand-built journeys with known lanes, points and timings;
golden .mmd files (tests/golden/diagrams, rewrite with JOURNEYDOCS_UPDATE_GOLDEN=1);
the vendored mermaid (tests/harness, one batch per test) for hypothesis-generated
text in every shown field and for a hostile corpus; the built sample site in
headless Chromium; the SVG cache with a counting fake engine (and mermaidx, if installed).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from journeydocs import diagrams as D
from journeydocs.diagrams import blueprint as B
from journeydocs.diagrams import curve as C
from journeydocs.diagrams import page as P
from journeydocs.diagrams import svg as S
from journeydocs.diagrams import timeline as T
from journeydocs.model import Journey, Playbook, Term, Touchpoint
from journeydocs.i18n.strings import strings
from test_diagrams import HOSTILE, TEXT, W, _assert_nothing_injected, playbook, read_svg, tp

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden" / "diagrams"
EN = strings("en")


def squash(text: str) -> str:
    """Text without any whitespace or word joiners (wrapping may split words over lines)."""
    return "".join(text.replace("\u2060", "").split())


def service(pb: Playbook) -> Journey:
    """Known lanes: every field set on the first touchpoint, none on the last."""
    pb.config.teams = [Term("service", "Customer Service"), Term("data", "Data & Eng")]
    return Journey("svc", "Sofa not delivered", W, type="service-blueprint",
                   personas=["maria", "ana"], stages=list(pb.config.stages), touchpoints=[
                       tp("sms", "Carrier SMS", "discover", "email", owner="service",
                          does="Gets an SMS that the delivery could not be completed",
                          emotion=1, systems=["TMS", "OMS"], data=["Tracking events"],
                          timing="day 0, 17:40"),
                       tp("chat", "Agent chat", "buy", "web", owner="data", persona="ana",
                          does="Reads the transcript", emotion=4, timing="+12 min"),
                       tp("survey", "Survey", "buy", "email", timing="after the case"),
                   ])


# --------------------------------------------------------------------------- blueprint


def rows(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines()[2:]
            if not line.strip().startswith(("classDef", "class "))]


def test_blueprint_lanes_lines_and_columns():
    pb = playbook()
    src = B.blueprint_diagram(service(pb), pb, EN)
    assert src.splitlines()[:2] == ["block-beta", "    columns 4"]
    lines = rows(src)
    assert lines[0] == 'hd["Stage"] sg0["Discover"] sg1["Buy"]:2'
    heads = [re.match(r'(\w+)\["([^"]*)"\]', line).groups() for line in lines[1:]]
    assert [h[1] for h in heads] == [
        "Customer actions", "line of interaction", "Frontstage #40;touchpoint #183;<br/>channel#41;",
        "line of visibility", "Backstage #40;owner team#41;", "line of internal<br/>interaction",
        "Support systems", "Data"]
    for number, line in ((0, lines[2]), (1, lines[4]), (2, lines[6])):
        assert line.endswith(f'ly{number}["#160;"]:3')  # the dashed rule over the 3 columns
    does, front, back, systems, data = lines[1], lines[3], lines[5], lines[7], lines[8]
    assert 'do0["Gets an SMS that the<br/>delivery could not be<br/>completed<br/>#128547; 1#47;5"]' in does
    assert 'do2["#63;#47;5"]' in does  # no does, no emotion: the unknown mark
    assert 'fr1["Agent chat<br/>Website"]' in front
    assert 'ba0["Customer Service"]' in back and 'ba1["Data #38; Eng"]' in back
    assert 'ba2["#8211;"]' in back  # nothing recorded: an empty cell, never a gap
    assert 'sy0["TMS#44; OMS"]' in systems and 'sy1["#8211;"]' in systems
    assert 'da0["Tracking events"]' in data
    assert "class do0 emoLow" in src and "class do1 emoHigh" in src
    assert re.search(r"class [\w,]*\bba2\b[\w,]* empty", src)


def test_blueprint_columns_follow_stage_order_and_links():
    pb = playbook()
    journey = service(pb)
    journey.touchpoints.insert(0, tp("late", "Late", "use"))  # a later stage written first
    order = [t.id for _i, t in B.columns(journey)]
    assert order == ["sms", "chat", "survey", "late"]
    links = B.blueprint_links(journey, "journeys/svc.html")
    assert links["do0"] == links["fr0"] == "svc/sms.html"
    assert links["fr3"] == "svc/late.html" and "ba0" not in links
    assert set(links) == {f"{lane}{i}" for lane in ("do", "fr") for i in range(4)}


def test_blueprint_wraps_long_text_at_40_touchpoints():
    pb = playbook()
    long = "word " * 60
    journey = Journey("big", "Big", W, stages=list(pb.config.stages), touchpoints=[
        tp(f"t{i}", long, ("discover", "buy", "use")[i % 3], does=long, systems=[long] * 3)
        for i in range(40)])
    src = B.blueprint_diagram(journey, pb, EN)
    assert "columns 41" in src
    for label in re.findall(r'\["([^"]*)"\]', src):
        for line in label.split("<br/>"):
            assert len(re.sub(r"#\d+;", "x", line)) <= B.WRAP + 1, line
    assert max(label.count("<br/>") for label in re.findall(r'\["([^"]*)"\]', src)) <= 8


def test_blueprint_of_an_empty_journey():
    pb = playbook()
    src = B.blueprint_diagram(Journey("e", "E", W, stages=list(pb.config.stages)), pb, EN)
    assert "columns 1" in src and "lx" not in src and "ly" not in src


# --------------------------------------------------------------------------- curve


def test_curves_one_per_persona_with_known_points():
    pb = playbook()
    journey = service(pb)
    curves = C.curves(journey, pb)
    assert [(c.persona, [(p.number, p.emotion) for p in c.points]) for c in curves] == [
        ("Maria Sousa", [(1, 1)]), ("Ana Lima", [(2, 4)])]  # no emotion: left out
    src = C.curve_diagram(curves[0], "Sofa", EN)
    # numbered points with face and score; the names are in the list under the chart
    assert '    x-axis "Touchpoint" ["1 #183; #128547; 1#47;5"]' in src
    assert '    y-axis "Emotion" 1 --> 5' in src and "    line [1]" in src
    assert "width: 480" in src and "plotColorPalette" in src
    assert "accTitle: Sofa #8212; Maria Sousa" in src and "    title" not in src


def test_curve_legend_names_each_numbered_point_and_links_it():
    pb = playbook()
    journey = service(pb)
    context = P.journey_diagrams(journey, pb, "journeys/svc.html")
    curve = next(v for v in context["views"] if v["id"] == "diagram-emotion_curve")
    assert [f["legend"] for f in curve["figures"]] == [
        [{"number": 1, "name": "Carrier SMS", "badge": "😣 1/5", "href": "svc/sms.html"}],
        [{"number": 2, "name": "Agent chat", "badge": "🙂 4/5", "href": "svc/chat.html"}]]
    assert all(f["legend"] == [] for v in context["views"] if v["id"] != curve["id"]
               for f in v["figures"])


def test_future_state_page_shows_the_current_curve_under_it():
    pb = playbook()
    current = service(pb)
    future = Journey("svc-next", "Sofa, improved", W, personas=["maria"], future_of="svc",
                     stages=list(pb.config.stages),
                     touchpoints=[tp("sms", "Proactive SMS", "discover", emotion=4)])
    pb.journeys = {"svc": current, "svc-next": future}
    context = P.journey_diagrams(future, pb, "journeys/svc-next.html")
    curve = next(v for v in context["views"] if v["id"] == "diagram-emotion_curve")
    assert [f["caption"] for f in curve["figures"]] == [
        "Maria Sousa", "Current state, for comparison: Sofa not delivered — Maria Sousa",
        "Current state, for comparison: Sofa not delivered — Ana Lima"]


def test_page_order_and_blueprint_first_for_service_blueprints():
    pb = playbook()
    journey = service(pb)
    ids = [v["id"] for v in P.journey_diagrams(journey, pb, "journeys/svc.html")["views"]]
    assert ids[0] == "diagram-blueprint" and len(ids) == 5
    journey.type = "current-state"
    ids = [v["id"] for v in P.journey_diagrams(journey, pb, "journeys/svc.html")["views"]]
    assert ids == ["diagram-journey_diagram", "diagram-flow_diagram", "diagram-blueprint",
                   "diagram-emotion_curve", "diagram-timeline"]


def test_captions_are_translated():
    for language in ("sv", "da", "pt", "ro"):
        t = strings(language)
        for key in ("blueprint_note", "emotion_curve", "timeline", "line_of_visibility"):
            assert t[key] != EN[key], (language, key)
        assert "{n}" in t["timeline_day"]


# --------------------------------------------------------------------------- timeline


@pytest.mark.parametrize("timing, before, hours", [
    ("day 0", 5, 0), ("day 2", 0, 48), ("D+3", 0, 72), ("week 2", 0, 168),
    ("month 2", 0, 720), ("07:30", 0, 7.5), ("day 1, 08:05", 0, 32 + 5 / 60),
    ("+5 min", 10, 10 + 5 / 60), ("+24 h", 12.75, 36.75), ("day 0, +2 min", 3, 2 / 60),
    ("immediately", 9, 0), ("dag 3", 0, 72), ("ziua 2", 0, 48),
    ("after delivery", 5, None), ("+2 min into the contact", 5, None), ("", 5, None),
    ("25:00", 0, None), ("day 2, week 3", 0, None),
])
def test_read_timing(timing, before, hours):
    got = T.read_timing(timing, before)
    assert got == pytest.approx(hours) if hours is not None else got is None


def test_timeline_orders_by_day_and_keeps_unknown_in_place():
    pb = playbook()
    journey = Journey("t", "T", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", timing="day 3"),
        tp("b", "B", "discover", timing="unclear"),   # stays after A (day 3)
        tp("c", "C", "discover", timing="day 0"),
        tp("d", "D", "discover", timing="+1 h"),      # 1 h after C
        tp("e", "E", "discover", timing="D+3"),
        tp("f", "F", "discover"),                     # no timing: after E
    ])
    assert [(p.touchpoint.id, p.hours // 24) for p in T.placed(journey)] == [
        ("c", 0), ("d", 0), ("a", 3), ("b", 3), ("e", 3), ("f", 3)]
    src = T.timeline_diagram(journey, pb, EN)
    assert [line.strip() for line in src.splitlines() if "section" in line] == [
        "section #68;ay 0", "section #68;ay 3"]
    assert "        #110;o#160;timing : #70; #40;Website#41;" in src
    assert "title" not in src.replace("accTitle", "")  # the figure's caption is the title


def test_timeline_periods_keep_short_lines_together():
    """Mermaid breaks a period at every space: no-break spaces keep lines of 16 characters."""
    assert T.period_label("day 0, 17:40") == "#100;ay#160;0#44;#160;17#58;40"
    assert T.period_label("+5 min") == "#43;5#160;min"
    assert T.period_label("after the case is closed by the agent") == (
        "#97;fter#160;the#160;case is#160;closed#160;by#160;the agent")
    assert T.period_label("x" * 30 + " y") == "#120;" + "x" * 29 + " y"


# --------------------------------------------------------------------------- golden


def _golden_cases() -> dict[str, str]:
    pb = playbook()
    journey = service(pb)
    hostile_pb = playbook(personas={"maria": HOSTILE[1], "ana": HOSTILE[3]},
                          stages=[("discover", HOSTILE[0]), ("buy", HOSTILE[5])],
                          channels=[("web", HOSTILE[6]), ("email", HOSTILE[2])])
    hostile = service(hostile_pb)
    hostile.title = HOSTILE[3]
    hostile_pb.config.teams = [Term("service", HOSTILE[4]), Term("data", HOSTILE[22])]
    for i, t in enumerate(hostile.touchpoints):
        t.name, t.does, t.timing = HOSTILE[i], HOSTILE[i + 8], HOSTILE[i + 18]
        t.systems, t.data = [HOSTILE[i + 12]], [HOSTILE[i + 15]]
    cases = {}
    for name, (book, j) in {"service": (pb, journey), "hostile": (hostile_pb, hostile)}.items():
        cases[f"{name}.blueprint.mmd"] = B.blueprint_diagram(j, book, EN)
        cases[f"{name}.timeline.mmd"] = T.timeline_diagram(j, book, EN)
        for number, (_persona, source) in enumerate(C.emotion_curves(j, book, EN)):
            cases[f"{name}.curve{number}.mmd"] = source
    return cases


@pytest.mark.parametrize("name", sorted(_golden_cases()))
def test_golden(name):
    actual = _golden_cases()[name]
    path = GOLDEN / name
    if os.environ.get("JOURNEYDOCS_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- real mermaid


@pytest.fixture(scope="module")
def mermaid():
    from harness.browser import require_browser

    require_browser()
    from harness import mermaid as harness_mermaid

    return harness_mermaid


def rendered(mermaid, sources: list[str]):
    errors = mermaid.parse_all(sources)
    bad = [(s, e) for s, e in zip(sources, errors) if e is not None]
    assert not bad, f"{len(bad)} rejected, first:\n{bad[0][0]}\n{bad[0][1]}"
    results = mermaid.render_details(sources)
    bad = [(s, r.error) for s, r in zip(sources, results) if not r.ok]
    assert not bad, f"{len(bad)} failed to render, first:\n{bad[0][0]}\n{bad[0][1]}"
    return [read_svg(r.svg) for r in results]


def shown_texts(pb: Playbook, journey: Journey) -> dict[str, list[str]]:
    """What each view must show, as plain text (compared without whitespace)."""
    def plain(text, fallback="", limit=D.MAX_LABEL):
        return D.plain_text(text, limit) or D.plain_text(fallback, limit)

    cell = B.WRAP * B.MAX_LINES
    teams = pb.teams
    blueprint, timeline = [], []  # the timeline's title is the figure caption
    for t in journey.touchpoints:
        blueprint += [plain(t.name, t.id, cell), plain(pb.channels[t.channel].name, t.channel, cell)]
        if t.does:
            blueprint.append(plain(t.does, limit=cell))
        if t.owner:
            blueprint.append(plain(teams[t.owner].name, t.owner, cell))
        for values in (t.systems, t.data):
            joined = ", ".join(v for v in values if D.plain_text(v))
            blueprint.append(plain(joined, limit=cell) if joined else B.EMPTY_CELL)
        timeline.append(plain(t.timing, "no timing"))
    stages = [plain(s.name, s.id) for s in journey.stages
              if any(t.stage == s.id for t in journey.touchpoints)]
    return {"blueprint": blueprint + stages, "timeline": timeline}


@st.composite
def generated(draw):
    """A journey with generated text in every field the three views show."""
    stages = [(f"s{i}", draw(TEXT)) for i in range(draw(st.integers(1, 3)))]
    channels = [(f"c{i}", draw(TEXT)) for i in range(2)]
    pb = playbook(personas={"maria": draw(TEXT), "ana": draw(TEXT)}, stages=stages,
                  channels=channels)
    pb.config.teams = [Term("team", draw(TEXT))]
    n = draw(st.integers(1, 4))
    touchpoints = [tp(f"t-{i}", draw(TEXT), draw(st.sampled_from(stages))[0],
                      draw(st.sampled_from(channels))[0], does=draw(TEXT),
                      owner=draw(st.sampled_from(["", "team"])),
                      emotion=draw(st.one_of(st.none(), st.integers(1, 5))),
                      persona=draw(st.sampled_from(["", "ana"])),
                      timing=draw(st.one_of(TEXT, st.sampled_from(["day 2", "+5 min", "D+1"]))),
                      systems=draw(st.lists(TEXT, max_size=2)),
                      data=draw(st.lists(TEXT, max_size=2)))
                   for i in range(n)]
    journey = Journey("gen", draw(TEXT), W, personas=["maria"], stages=list(pb.config.stages),
                      touchpoints=touchpoints)
    return pb, journey


# No shrinking: every example is a real mermaid render, and shrinking one failure
# takes minutes; the unshrunk example and the message below are enough to debug.
@settings(max_examples=2, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases=st.lists(generated(), min_size=8, max_size=8))
def test_any_text_parses_and_shows_as_written(mermaid, cases):
    sources, wanted = [], []
    for pb, journey in cases:
        texts = shown_texts(pb, journey)
        sources += [B.blueprint_diagram(journey, pb, EN), T.timeline_diagram(journey, pb, EN)]
        wanted += [texts["blueprint"], texts["timeline"]]
        for curve in C.curves(journey, pb):
            sources.append(C.curve_diagram(curve, D.plain_text(journey.title) or "gen", EN))
            wanted.append([f"{p.number} · {D.emotion_badge(p.emotion)}" for p in curve.points])
    for source, reader, pieces in zip(sources, rendered(mermaid, sources), wanted):
        text = squash(" ".join(reader.text))
        for piece in pieces:
            assert squash(piece) in text, f"{piece!r} not shown\n{source}\n---\n{text}"


def test_hostile_text_in_every_field_injects_nothing(mermaid):
    """<script>, javascript:, %%{init}%% … in every label of the three views."""
    sources, links = [], []
    for text in HOSTILE:
        pb = playbook(personas={"maria": text, "ana": text}, stages=[("discover", text)],
                      channels=[("web", text)])
        pb.config.teams = [Term("team", text)]
        journey = Journey("h", text, W, personas=["maria"], stages=list(pb.config.stages),
                          touchpoints=[tp("a", text, "discover", does=text, owner="team",
                                          emotion=2, timing=text, systems=[text], data=[text])])
        sources += [B.blueprint_diagram(journey, pb, EN), T.timeline_diagram(journey, pb, EN),
                    C.emotion_curves(journey, pb, EN)[0][1]]
    for i, (source, reader) in enumerate(zip(sources, rendered(mermaid, sources))):
        _assert_nothing_injected(reader, source, n_links=0)
        assert squash(D.plain_text(HOSTILE[i // 3], 20)[:15]) in squash(" ".join(reader.text))
        style = "".join(reader.styles)
        assert "#cde498" not in style.lower(), "an %%{init}%% in text changed the theme"


# --------------------------------------------------------------------------- built sample


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    from journeydocs.build import build

    out = tmp_path_factory.mktemp("site") / "site"
    build(REPO, out)
    return out


def test_sample_journey_pages_render_every_view(sample_site, mermaid):
    """Every sample journey page (issue 23: the map replaced the journey diagram, the
    blueprint, the curves and the timeline): its one diagram, the flow, is drawn and not
    mermaid's error picture; the others are there as mermaid sources; the blueprint
    journey's map is screenshotted."""
    from harness.browser import open_page
    from journeydocs.build import load_playbook

    pb, _problems = load_playbook(REPO)
    for journey in sorted(pb.journeys.values(), key=lambda j: j.id):
        page = sample_site / "journeys" / f"{journey.id}.html"
        with open_page(page, viewport={"width": 1280, "height": 900}) as loaded:
            loaded.page.wait_for_function(
                "() => [...document.querySelectorAll('pre.mermaid')].every(p => p.querySelector("
                "'svg'))", timeout=30_000)
            result = loaded.page.evaluate("""() => ({
                errors: [...document.querySelectorAll('pre.mermaid svg')].filter((s) =>
                    s.getAttribute('aria-roledescription') === 'error' ||
                    /Syntax error/.test(s.textContent)).length,
                views: [...document.querySelectorAll('figure.diagram')].map((f) => f.id),
                sources: [...document.querySelectorAll('.mermaid-source code')]
                    .map((c) => c.textContent),
                empty: document.querySelectorAll('a.diagram-link:empty').length,
            })""")
            if journey.type == "service-blueprint":
                loaded.page.locator("[data-journey-map]").screenshot(
                    path=str(sample_site.parent / f"{journey.id}.png"))
            loaded.assert_clean()
        assert result["errors"] == 0, journey.id
        assert result["empty"] == 0
        assert result["views"] == ["diagram-flow_diagram"]
        # a journey that records no emotions has no journey diagram or curve source, one
        # without timings no timeline (content model v2: no "(?)", "?/5" or "no timing")
        feelings = any(tp.emotion is not None for tp in journey.touchpoints)
        timed = any(tp.timing for tp in journey.touchpoints)
        def has(kind: str) -> bool:  # the diagram's type line, after any config block
            return any(re.search(rf"^{kind}$", source, re.M) for source in result["sources"])

        assert has("journey") == feelings and has("timeline") == timed
        assert has("block-beta"), journey.id


@pytest.mark.parametrize("width", [1280, 360])
def test_sample_diagrams_stay_readable(sample_site, mermaid, width):
    """The 11-touchpoint blueprint journey's flow opens fitted to its box (nothing cut at
    the right edge), zooms in to scroll inside that box, and the page itself never scrolls
    sideways."""
    from harness.browser import open_page

    page = sample_site / "journeys" / "service-blueprint-delivery-issue.html"
    with open_page(page, viewport={"width": width, "height": 900}) as loaded:
        tab = loaded.page
        tab.wait_for_function("() => [...document.querySelectorAll('pre.mermaid')]"
                              ".every(p => p.querySelector('svg'))", timeout=30_000)
        tab.wait_for_timeout(300)
        measure = """() => { const s = document.querySelector('#diagram-flow_diagram svg');
            const box = s.closest('.diagram-scroll');
            return {page: document.documentElement.scrollWidth,
                    svg: s.getBoundingClientRect().width, box: box.clientWidth,
                    scroll: box.scrollWidth}; }"""
        fitted = tab.evaluate(measure)
        tab.locator("#diagram-flow_diagram [data-zoom=in]").click()
        tab.locator("#diagram-flow_diagram [data-zoom=in]").click()
        zoomed = tab.evaluate(measure)
        tab.locator("#diagram-flow_diagram [data-zoom=fit]").click()
        refitted = tab.evaluate(measure)
        loaded.assert_clean()
    assert fitted["page"] <= width and zoomed["page"] <= width
    assert fitted["svg"] <= fitted["box"] + 1 and fitted["scroll"] <= fitted["box"] + 1
    assert zoomed["svg"] > fitted["svg"] * 1.5 and zoomed["scroll"] > zoomed["box"]
    assert refitted["svg"] <= refitted["box"] + 1


def test_tampered_links_are_not_followed(tmp_path, mermaid):
    """diagrams.js only uses plain relative URLs, whatever data-links says."""
    from harness.browser import open_page
    from harness.mermaid import MERMAID_JS

    pb = playbook()
    journey = service(pb)
    links = {"do0": "javascript:alert(1)", "do1": "data:text/html,x", "fr0": "ok/page.html",
             "fr1": "//evil.example/x", "x\" onload=\"alert(1)": "a.html"}
    block = D.mermaid_block(B.blueprint_diagram(journey, pb, EN), links)
    js = (REPO / "theme" / "assets" / "js" / "diagrams.js").as_uri()
    page = tmp_path / "p.html"
    page.write_text(
        "<!doctype html><meta charset='utf-8'><script>window.alert = () => { window.__a = 1 }"
        f"</script><script src='{MERMAID_JS.as_uri()}'></script><div class='diagram--natural'>"
        f"{block}</div><script src='{js}'></script><script>mermaid.initialize({{startOnLoad: "
        "false, securityLevel: 'strict'}); mermaid.run();</script>", encoding="utf-8")
    with open_page(page) as loaded:
        loaded.page.wait_for_function("() => document.querySelector('a.diagram-link')")
        loaded.page.wait_for_timeout(200)
        hrefs = loaded.page.evaluate(
            "() => [...document.querySelectorAll('svg a')].map((a) => a.getAttribute('href'))")
        assert loaded.page.evaluate("() => window.__a") is None
    assert hrefs == ["ok/page.html"]


# --------------------------------------------------------------------------- SVG cache


class FakeEngine:
    def __init__(self):
        self.calls: list[tuple[str, str]] = []

    def __call__(self, source: str, theme: str) -> str:
        self.calls.append((source, theme))
        return (f'<svg id="my-svg" class="x"><style>#my-svg .n{{fill:red}}</style>'
                f'<g class="node" id="my-svg-fr0"><g><text>{len(source)}</text></g></g></svg>')


def test_svg_cache_hits_and_invalidation(tmp_path):
    engine = FakeEngine()
    renderer = S.SvgRenderer(tmp_path, engine, "engine-1")
    first = renderer.svg("flowchart LR\n a", "default")
    assert first and 'id="jd' in first and "my-svg" not in first
    assert renderer.svg("flowchart LR\n a", "default") == first
    assert len(engine.calls) == 1 and renderer.rendered == 1  # hit: not rendered again
    again = S.SvgRenderer(tmp_path, engine, "engine-1")  # a later build, same cache
    assert again.svg("flowchart LR\n a", "default") == first and len(engine.calls) == 1
    renderer.svg("flowchart LR\n b", "default")            # source changed
    renderer.svg("flowchart LR\n a", "dark")               # theme changed
    S.SvgRenderer(tmp_path, engine, "engine-2").svg("flowchart LR\n a", "default")  # engine
    assert len(engine.calls) == 4
    files = sorted(tmp_path.rglob("*.svg"))
    assert len(files) == 4 and all(f.name[:2] == f.parent.name for f in files)
    files[0].write_text("garbage", encoding="utf-8")      # a damaged entry is rendered again
    for source, theme, version in [("flowchart LR\n a", "default", "engine-1"),
                                   ("flowchart LR\n b", "default", "engine-1"),
                                   ("flowchart LR\n a", "dark", "engine-1"),
                                   ("flowchart LR\n a", "default", "engine-2")]:
        S.SvgRenderer(tmp_path, engine, version).svg(source, theme)
    assert len(engine.calls) == 5


def test_svg_refuses_failures_and_unsafe_output(tmp_path):
    def broken(source, theme):
        raise RuntimeError("boom")

    assert S.SvgRenderer(tmp_path, broken, "v").svg("x") is None
    for bad in ('<svg><script>alert(1)</script></svg>', '<svg onload="alert(1)"></svg>',
                '<svg aria-roledescription="error"></svg>', "not svg"):
        assert S.SvgRenderer(tmp_path, lambda s, t, bad=bad: bad, "v").svg(bad) is None
    # and the page falls back to the client-side block
    html = P.embed("flowchart LR\n a", S.SvgRenderer(tmp_path, broken, "v"))
    assert html.startswith('<pre class="mermaid" ')


def test_link_nodes_wraps_the_named_node():
    raw = S._own_ids(FakeEngine()("abc", "default"), "jdX")
    assert 'id="jdX"' in raw and "#jdX .n" in raw and "my-svg" not in raw
    linked = S.link_nodes(raw, {"fr0": "j/a&b.html", "nope": "x.html"})
    assert '<a href="j/a&amp;b.html"><g class="node" id="jdX-fr0"><g><text>3</text></g></g></a>' \
        in linked
    assert linked.count("<a ") == 1


def test_svg_mode_in_the_page_context(tmp_path):
    pb = playbook()
    journey = service(pb)
    renderer = S.SvgRenderer(tmp_path, FakeEngine(), "v")
    context = P.journey_diagrams(journey, pb, "journeys/svc.html", renderer=renderer)
    html = str(context["views"][0]["figures"][0]["html"])
    assert 'class="diagram-svg diagram-svg--default"' in html
    assert 'class="diagram-svg diagram-svg--dark"' in html and "<pre" not in html
    assert '<a href="svc/sms.html"><g class="node" id="jd' in html


def test_svg_mode_draws_each_scheme_in_its_palette(tmp_path):
    """Issue 24: the dark SVG is rendered from the source in the dark palette, so a
    pre-rendered blueprint has no light cells on a dark page."""
    from journeydocs.diagrams import palette

    pb = playbook()
    engine = FakeEngine()
    renderer = S.SvgRenderer(tmp_path, engine, "v")
    P.journey_diagrams(service(pb), pb, "journeys/svc.html", renderer=renderer)
    by_theme: dict[str, list[str]] = {}
    for source, theme in engine.calls:
        by_theme.setdefault(theme, []).append(source)
    light = "classDef emoLow " + palette.style("emoLow")
    dark = "classDef emoLow " + palette.style("emoLow", "dark")
    assert any(light in s for s in by_theme["default"])
    assert not any(light in s for s in by_theme["dark"])
    assert any(dark in s for s in by_theme["dark"])
    assert S.theme_variables("dark") == palette.THEME_VARIABLES["dark"]


def test_diagrams_setting_is_checked(make_project):
    from journeydocs.build import load_playbook
    from conftest import MINIMAL_SITE

    project = make_project({"site.yml": MINIMAL_SITE + "diagrams: pdf\n"})
    pb, problems = load_playbook(project)
    assert pb is None
    line = MINIMAL_SITE.count("\n") + 1
    report = "\n".join(p.format() for p in problems.errors)
    assert f"site.yml:{line}: 'diagrams' must be one of client, svg; not 'pdf'" in report, report
    project = make_project({"site.yml": MINIMAL_SITE + "diagrams: svg\n"})
    pb, problems = load_playbook(project)
    assert pb is not None and pb.config.diagrams == "svg"


@pytest.fixture(scope="module")
def real_renderer(tmp_path_factory):
    pytest.importorskip("mermaidx")
    version = S.engine_version()
    return S.SvgRenderer(tmp_path_factory.mktemp("svgcache"), S._mermaidx_render, version)


@pytest.mark.slow  # the real SVG renderer: ~12 s
def test_mermaidx_renders_the_views_offline_and_safely(real_renderer):
    pb = playbook()
    journey = service(pb)
    for t in journey.touchpoints:
        t.name = HOSTILE[0] + " " + HOSTILE[3]
    links = B.blueprint_links(journey, "journeys/svc.html")
    sources = [B.blueprint_diagram(journey, pb, EN), T.timeline_diagram(journey, pb, EN),
               D.flow_diagram(journey, pb, "journeys/svc.html")]
    svgs = [real_renderer.svg(s, "default") for s in sources]
    assert all(svgs), "mermaidx failed on a generated diagram"
    blueprint = read_svg(S.link_nodes(svgs[0], links))
    _assert_nothing_injected(blueprint, sources[0], n_links=len(links))
    _assert_nothing_injected(read_svg(svgs[2]), sources[2], n_links=3)
    assert squash("<script>alert(1)</script>") in squash(" ".join(blueprint.text))
    assert real_renderer.rendered == 3
    assert real_renderer.svg(sources[0], "default") == svgs[0] and real_renderer.rendered == 3

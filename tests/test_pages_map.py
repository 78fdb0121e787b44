"""The journey map (issue 23): the map model (pure Python), its rendered HTML (a golden
file of the sample's gift-purchase map), ``next: []`` and the flow's labelled branches,
and the built map in headless Chromium on the sample and on the public-map fixtures.

``JOURNEYDOCS_UPDATE_GOLDEN=1 pytest tests/test_pages_map.py`` rewrites the golden map;
review the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from journeydocs.build import build, load_playbook
from journeydocs.diagrams.flow import flow_diagram
from journeydocs.i18n.strings import strings
from journeydocs.model import Journey, Lane as LaneDecl, Phase, Playbook, Term
from journeydocs.pages import journey_map as JM
from journeydocs.pages.map_curve import LOW, HIGH, curve, face
from journeydocs.render.common import Linker
from test_diagrams import W, playbook, tp

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
PUBLIC = TESTS / "fixtures" / "public"
GOLDEN = TESTS / "golden" / "map"
EN = strings("en")
BUILT_IN = ("does", "thinks", "feels", "emotion", "channel", "pain_points", "opportunities",
            "frontstage", "backstage", "props", "systems", "data")


def make_map(journey: Journey, pb: Playbook) -> JM.JourneyMap:
    return JM.journey_map(EN, pb, Linker(pb, f"journeys/{journey.id}.html"), journey)


def lane_ids(found: JM.JourneyMap) -> list[str]:
    return [lane.id for lane in found.lanes]


# --------------------------------------------------------------------------- the model


def test_only_lanes_with_data_in_practitioner_order():
    pb = playbook(channels=[("web", "Website")])
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", channel="", feels="Curious", does="Looks"),
        tp("b", "B", "buy", channel="", emotion=2, pain_points=["Slow"]),
    ])
    found = make_map(journey, pb)
    assert lane_ids(found) == ["does", "feels", "emotion", "pain_points"]
    assert found.groups == ("experience",)
    assert [c.text for c in found.lanes[0].cells] == ["Looks", ""]
    # a journey with no channel, timing, thinks or blueprint data has no such rows
    assert not {"channel", "timing", "thinks", "systems", "next"} & set(lane_ids(found))


def test_storyboard_lane_only_when_a_step_has_a_picture():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", does="Looks"), tp("b", "B", "buy", does="Buys")])
    assert "storyboard" not in lane_ids(make_map(journey, pb))
    journey.touchpoints[1].image, journey.touchpoints[1].image_file = "shots/b.PNG", "/x/b.PNG"
    journey.touchpoints[0].image = "shots/a.png"  # written but not found: the checker erred
    found = make_map(journey, pb)
    assert lane_ids(found)[0] == "storyboard"
    assert [c.image for c in found.lanes[0].cells] == ["", "../media/touchpoints/j/b.png"]
    assert [bool(c) for _lane, c in found.cards[1].rows][:1] == [True]


def test_blueprint_lanes_from_by_and_lists_under_one_line():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "Customer calls", "discover", does="Calls"),
        tp("b", "Clerk answers", "discover", by="frontstage", props=["Phone menu"]),
        tp("c", "Officer checks", "buy", by="backstage", backstage=["Reads the file"]),
        tp("d", "Registry updates", "use", by="system", systems=["Registry"], data=["Case"]),
    ])
    found = make_map(journey, pb)
    ids = lane_ids(found)
    assert ids[-5:] == ["frontstage", "backstage", "props", "systems", "data"]
    lanes = {lane.id: lane for lane in found.lanes}
    assert [c.own for c in lanes["frontstage"].cells] == ["", "Clerk answers", "", ""]
    assert lanes["backstage"].cells[2].own == "Officer checks"
    assert lanes["backstage"].cells[2].items == ("Reads the file",)
    assert lanes["systems"].cells[3].own == "Registry updates"
    assert [lane.id for lane in found.lanes if lane.visibility] == ["frontstage"]
    assert {lane.group for lane in found.lanes[-5:]} == {"blueprint"}
    assert [s.by.text if s.by else None for s in found.steps] == [
        "Customer", "Frontstage", "Backstage", "System"]


def test_custom_lanes_in_declared_order_before_the_blueprint():
    pb = playbook()
    pb.config.lanes = [LaneDecl("why", "Why it matters"), LaneDecl("services", "Services", "list"),
                       LaneDecl("effort", "Effort", "rating", 1, 7), LaneDecl("unused", "Unused")]
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", channel="", lanes={"effort": 5, "why": "Because"},
           systems=["CRM"]),
        tp("b", "B", "buy", channel="", lanes={"services": ["Portal", "Phone"]}),
    ])
    found = make_map(journey, pb)
    assert lane_ids(found) == ["why", "services", "effort", "systems"]
    lanes = {lane.id: lane for lane in found.lanes}
    assert lanes["effort"].cells[0].text == "5 (of 1–7)"
    assert lanes["services"].cells[1].items == ("Portal", "Phone")
    assert lanes["why"].name == "Why it matters"


def test_stage_spans_and_phases():
    pb = playbook(stages=[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")])
    pb.config.phases = [Phase("before", "Before", ["a", "b"]), Phase("after", "After", ["d"])]
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("1", "One", "b"), tp("2", "Two", "a"), tp("3", "Three", "a"), tp("4", "Four", "c"),
        tp("5", "Five", "d"), tp("6", "Six", "d"),
    ])
    found = make_map(journey, pb)
    # columns in stage order (a before b), each stage spanning its steps
    assert [s.id for s in found.steps] == ["2", "3", "1", "4", "5", "6"]
    assert [(s.id, s.span) for s in found.stages] == [("a", 2), ("b", 1), ("c", 1), ("d", 2)]
    assert [(p.name, p.span) for p in found.phases] == [("Before", 3), ("", 1), ("After", 2)]
    assert sum(p.span for p in found.phases) == len(found.steps)
    # a journey with stages of its own is not grouped by site.yml's phases
    journey.own_stages = True
    assert make_map(journey, pb).phases == ()
    # no phase covers any stage: no phase row
    pb.config.phases = [Phase("x", "X", ["zzz"])]
    journey.own_stages = False
    assert make_map(journey, pb).phases == ()


def test_curve_points_sit_in_their_columns_on_whole_ticks():
    drawn = curve([("a", 1, "A"), ("b", None, ""), ("c", 5, "C"), ("d", 3, "D")])
    assert [p.step for p in drawn.points] == ["a", "c", "d"]
    for p, column in zip(drawn.points, (0, 2, 3)):
        assert column * 25 < p.x < (column + 1) * 25
        assert p.x == pytest.approx((column + 0.5) * 25)
    assert [t.value for t in drawn.ticks] == [5, 4, 3, 2, 1]
    ys = [t.y for t in drawn.ticks]
    assert ys == sorted(ys) and 0 < ys[0] and ys[-1] < 100
    assert drawn.points[0].y == ys[-1] and drawn.points[1].y == ys[0]
    # a step without an emotion between two points: the segment is drawn as a gap
    assert [s.gap for s in drawn.segments] == [True, False]
    assert curve([("a", None, "")]) is None
    # faces: mouths that smile more with the value, never an emoji
    mouths = [face(v).mouth for v in range(LOW, HIGH + 1)]
    assert len(set(mouths)) == 5 and all(m.startswith("M") for m in mouths)
    assert [face(v).band for v in (1, 2, 3, 4, 5)] == ["low", "low", "mid", "high", "high"]


def test_key_moments_evidence_branches_and_ends_in_the_map():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", key_moment="It matters", next=["b", "c"],
           next_when={"c": "No reply"}),
        tp("b", "B", "buy", ends=True),
        tp("c", "C", "use"),
    ])
    found = make_map(journey, pb)
    lanes = {lane.id: lane for lane in found.lanes}
    assert found.steps[0].key_moment and lanes["key_moment"].cells[0].text == "It matters"
    branches = lanes["next"].cells[0].branches
    assert [(b.link.text, b.when) for b in branches] == [("B", ""), ("C", "No reply")]
    assert lanes["next"].cells[1].ends and not lanes["next"].cells[2]
    assert found.steps[0].href == "j/a.html"


def test_cards_hold_each_steps_filled_lanes_in_order():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", does="Does A", emotion=4, systems=["CRM"]),
        tp("b", "B", "buy", thinks="Thinks B"),
    ])
    found = make_map(journey, pb)
    assert [[lane.id for lane, _ in card.rows] for card in found.cards] == [
        ["does", "emotion", "channel", "systems"], ["thinks", "channel"]]
    emotion_cell = dict((lane.id, cell) for lane, cell in found.cards[0].rows)["emotion"]
    assert emotion_cell.face.value == 4 and emotion_cell.emotion.short == "4/5"
    assert not found.print_cards


def test_no_steps_no_map():
    pb = playbook()
    assert make_map(Journey("j", "J", W, stages=list(pb.config.stages)), pb) is None


# --------------------------------------------------------------------------- next: [] and the flow


def test_empty_next_ends_the_journey_and_the_flow_draws_branches_entry_and_exit():
    pb, _problems = load_playbook(PUBLIC / "automation")
    (journey,) = pb.journeys.values()
    ends = [tp.id for tp in journey.touchpoints if tp.ends]
    assert ends, "the automation fixture writes next: [] on its terminal steps"
    for index, step in enumerate(journey.touchpoints):
        if step.ends:
            assert journey.successors(index) == []
    source = flow_diagram(journey, pb, f"journeys/{journey.id}.html")
    index = {tp.id: i for i, tp in enumerate(journey.touchpoints)}
    for tp_id in ends:
        i = index[tp_id]
        assert not re.search(rf"^\s+t{i} -->(\|[^|]*\|)? t\d+$", source, re.M), tp_id
        assert f"t{i} --> exit" in source
    labelled = re.findall(r'^\s+t\d+ -->\|"([^"]+)"\| t\d+$', source, re.M)
    assert len(labelled) == sum(len(tp.next_when) for tp in journey.touchpoints) > 0
    assert re.search(r'^\s+entry\(\["[^"]+"\]\) --> t0$', source, re.M)


def test_absent_next_still_means_the_following_step():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover"), tp("b", "B", "buy", ends=True), tp("c", "C", "use")])
    assert journey.successors(0) == ["b"] and journey.successors(1) == []
    source = flow_diagram(journey, pb, "journeys/j.html")
    assert "t0 --> t1" in source and "t1 --> t2" not in source


# --------------------------------------------------------------------------- built pages


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The sample and the three public maps, built once."""
    found = {}
    for name, root in [("sample", REPO)] + [(p.name, p) for p in sorted(PUBLIC.iterdir())
                                            if p.is_dir()]:
        out = tmp_path_factory.mktemp(name) / "site"
        build(root, out)
        found[name] = out
    return found


def journey_pages(sites) -> list[tuple[str, Path, Journey]]:
    pages = []
    for name, out in sites.items():
        pb, _problems = load_playbook(REPO if name == "sample" else PUBLIC / name)
        pages += [(name, out / "journeys" / f"{j.id}.html", j)
                  for j in sorted(pb.journeys.values(), key=lambda j: j.id) if j.touchpoints]
    return pages


def map_html(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.index('<section class="map-section"')
    return html[start:html.index("</section>", start) + len("</section>")] + "\n"


def test_golden_map(sites):
    actual = map_html(sites["sample"] / "journeys" / "gift-purchase.html")
    path = GOLDEN / "gift-purchase.html"
    if os.environ.get("JOURNEYDOCS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_page_order_and_no_repeats(sites):
    html = (sites["sample"] / "journeys" / "gift-purchase.html").read_text(encoding="utf-8")
    order = [html.index(marker) for marker in ('<h1>', 'data-journey-map', 'id="storyline"',
                                               'id="diagrams"', 'id="pillars"', 'id="raci"')]
    assert order == sorted(order)
    for gone in ('id="stages"', 'id="pain-points"', 'diagram-journey_diagram',
                 'diagram-blueprint', 'diagram-timeline', 'diagram-emotion_curve'):
        assert gone not in html, gone
    assert html.count('id="diagram-flow_diagram"') == 1
    assert "mermaid-sources" in html and "journey\n" in html  # the sources, one click away
    assert "😄" not in map_html(sites["sample"] / "journeys" / "gift-purchase.html")


def test_every_step_and_only_lanes_with_data_in_the_html(sites):
    for _name, page, journey in journey_pages(sites):
        html = map_html(page)
        steps = re.findall(r'<th scope="col" data-step="([^"]+)"', html)
        assert sorted(steps) == sorted(tp.id for tp in journey.touchpoints), page.name
        lanes = set(re.findall(r'data-lane="([^"]+)"', html))
        tps = journey.touchpoints
        has = {"does": any(t.does for t in tps), "thinks": any(t.thinks for t in tps),
               "feels": any(t.feels for t in tps),
               "emotion": any(t.emotion is not None for t in tps),
               "channel": any(t.channel for t in tps),
               "pain_points": any(t.pain_points for t in tps),
               "opportunities": any(t.opportunities for t in tps),
               "frontstage": any(t.frontstage or t.by == "frontstage" for t in tps),
               "backstage": any(t.backstage or t.by == "backstage" for t in tps),
               "props": any(t.props for t in tps),
               "systems": any(t.systems or t.by == "system" for t in tps),
               "data": any(t.data for t in tps),
               "storyboard": any(t.image for t in tps)}
        for lane in BUILT_IN + ("storyboard",):
            assert (lane in lanes) == has[lane], (page.name, lane)
        if "storyboard" in lanes:  # the top lane: one picture per step that has one
            assert re.findall(r'data-lane="([^"]+)"', html)[0] == "storyboard"
            assert html.count('class="map-image"') == 2 * sum(bool(t.image) for t in tps)
        points = re.findall(r'data-emotion-point="([^"]+)"', html)
        assert points == [t for t in steps if journey.touchpoint(t).emotion is not None]


# --------------------------------------------------------------------------- in Chromium

GEOMETRY = """() => {
  const map = document.querySelector('[data-journey-map]');
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
  const scroll = map.querySelector('.map-scroll');
  const result = {
    top: map.getBoundingClientRect().top + window.scrollY,
    steps: [...map.querySelectorAll('[data-step]')].map((e) => [e.dataset.step, box(e)]),
    lanes: [...map.querySelectorAll('tr[data-lane]')].map((e) => e.dataset.lane),
    points: [...map.querySelectorAll('[data-emotion-point]')].map((e) => [e.dataset.emotionPoint, box(e)]),
  };
  scroll.scrollLeft = scroll.scrollWidth;
  const view = box(scroll);
  result.labels = [...map.querySelectorAll('tr[data-lane] > th')].map((e) => {
    const b = box(e); return b[0] >= view[0] - 1 && b[1] <= view[1] + 1; });
  result.scrolled = scroll.scrollLeft;
  return result;
}"""


def test_map_in_the_browser_on_every_journey(sites):
    """First 1.5 screens; a column per step; each emotion point inside its column; lane
    labels in view with the grid scrolled to its end; no console errors."""
    from harness.browser import open_page

    for name, page, journey in journey_pages(sites):
        with open_page(page, viewport={"width": 1366, "height": 900}) as loaded:
            found = loaded.page.evaluate(GEOMETRY)
            loaded.assert_clean()
        where = f"{name}:{page.name}"
        assert found["top"] < 1.5 * 900, where
        assert sorted(s for s, _ in found["steps"]) == sorted(t.id for t in journey.touchpoints)
        columns = dict(found["steps"])
        for step, (left, right, top, bottom) in found["points"]:
            middle = (left + right) / 2
            assert columns[step][0] <= middle <= columns[step][1], (where, step)
            assert left >= columns[step][0] - 2 and right <= columns[step][1] + 2, (where, step)
        assert found["labels"] and all(found["labels"]), where
        assert len(set(found["lanes"])) == len(found["lanes"])


PHONE_CHECK = """() => ({
  width: document.documentElement.scrollWidth,
  cards: [...document.querySelectorAll('.map-card')].filter((c) => c.getClientRects().length).length,
  grid: document.querySelector('.map-scroll').getClientRects().length,
  off: [...document.querySelectorAll('.map-card *')].filter((e) => {
      const r = e.getBoundingClientRect(); return r.width && (r.left < 0 || r.right > 361); }).length,
  small: [...document.querySelectorAll('.map-card *')].filter((e) =>
      e.getClientRects().length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
      && parseFloat(getComputedStyle(e).fontSize) < 12).length,
})"""

PRINT_CHECK = """() => {
  let smallest = 99;
  for (const e of document.querySelectorAll('[data-journey-map] *')) {
    if (!e.getClientRects().length) continue;
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(e).fontSize) * 0.75);
  }
  return smallest;
}"""


def test_phone_cards_and_print_poster(sites):
    """At 360 px one card per step, nothing off screen or sideways; printed, no map text
    under 7 pt."""
    from harness.browser import open_page

    for name, page, journey in journey_pages(sites):
        with open_page(page, viewport={"width": 360, "height": 780}) as loaded:
            phone = loaded.page.evaluate(PHONE_CHECK)
        where = f"{name}:{page.name}"
        assert phone["width"] <= 360, where
        assert phone["cards"] == len(journey.touchpoints) and phone["grid"] == 0, where
        assert phone["off"] == 0 and phone["small"] == 0, where
        with open_page(page, viewport={"width": 1366, "height": 900}) as loaded:
            loaded.page.emulate_media(media="print")
            assert loaded.page.evaluate(PRINT_CHECK) >= 7, where


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_axe(sites, scheme):
    from harness.browser import open_page, run_axe

    pages = [(sites["sample"] / "journeys" / "gift-purchase.html"),
             (sites["sample"] / "journeys" / "service-blueprint-delivery-issue.html"),
             *sorted((sites["blueprint"] / "journeys").glob("*.html")),
             *sorted((sites["automation"] / "journeys").glob("*.html"))]
    for page in pages:
        with open_page(page, viewport={"width": 1366, "height": 900}) as loaded:
            if scheme == "dark":
                loaded.page.emulate_media(color_scheme="dark")
            violations = run_axe(loaded.page)
        bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (page.name, scheme, bad)


def test_lane_filter_is_kept_in_the_url(sites):
    from harness.browser import open_page

    page = sites["sample"] / "journeys" / "service-blueprint-delivery-issue.html"
    with open_page(page.as_uri() + "?hide=blueprint", viewport={"width": 1366, "height": 900}) as loaded:
        tab = loaded.page
        tab.wait_for_selector("[data-map-filter]:not([hidden])")
        assert tab.evaluate("() => document.querySelector('tr[data-lane=systems]').hidden")
        assert not tab.evaluate("() => document.querySelector('tr[data-lane=does]').hidden")
        tab.locator("[data-map-filter] input[value=experience]").uncheck()
        assert tab.evaluate("() => document.querySelector('tr[data-lane=does]').hidden")
        assert "hide=" in tab.url and "experience" in tab.url and "blueprint" in tab.url
        loaded.assert_clean()

"""journeydocs.diagrams: exact structure, golden files, and the real mermaid.

Three layers:

* plain unit tests on small hand-built models (no browser);
* golden files in tests/golden/diagrams/ — after an intended change, rewrite them with
  ``JOURNEYDOCS_UPDATE_GOLDEN=1 pytest tests/test_diagrams.py`` and review the diff;
* the vendored mermaid in headless Chromium (tests/harness): every diagram parses and
  renders, hypothesis-generated text in every shown field comes out as written, and a
  hostile corpus injects nothing.  Diagrams are rendered in batches (one browser call
  per batch), so the whole module runs in well under 30 s.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from journeydocs import diagrams as D
from journeydocs.diagrams import palette
from journeydocs.diagrams.escape import WORD_JOINER
from journeydocs.model import Journey, Persona, Playbook, SiteConfig, Term, Touchpoint, Where

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "diagrams"
HOSTILE_PROJECT = TESTS / "fixtures" / "hostile"
W = Where("test.md", 1)


# --------------------------------------------------------------------------- models


def playbook(personas: dict[str, str] | None = None, stages=None, channels=None) -> Playbook:
    stages = stages or [("discover", "Discover"), ("buy", "Buy"), ("use", "Use")]
    channels = channels or [("web", "Website"), ("email", "Email")]
    config = SiteConfig(title="Test", stages=[Term(i, n) for i, n in stages],
                        channels=[Term(i, n) for i, n in channels])
    people = personas if personas is not None else {"maria": "Maria Sousa", "ana": "Ana Lima"}
    return Playbook(config, personas={i: Persona(i, n, W) for i, n in people.items()})


def tp(tp_id: str, name: str, stage: str, channel: str = "web", **kw) -> Touchpoint:
    return Touchpoint(tp_id, name, stage, channel, W, **kw)


def gift(pb: Playbook) -> Journey:
    """Touchpoints out of stage order, a branch, a missing emotion, a second persona."""
    return Journey("gift", "Buy a gift", W, personas=["maria", "ana"],
                   stages=list(pb.config.stages), touchpoints=[
                       tp("popup", "Sign-up pop-up", "discover", emotion=4,
                          next=["email", "visit"]),
                       tp("email", "Welcome email", "buy", "email", emotion=2),
                       tp("visit", "Visit the site", "discover", persona="ana"),
                       tp("checkout", "Checkout", "buy", emotion=5),
                   ])


# --------------------------------------------------------------------------- journey


def test_journey_sections_in_stage_order_and_scores():
    pb = playbook()
    src = D.journey_diagram(gift(pb), pb)
    lines = src.splitlines()
    # task boxes sized for wrapped labels (mermaid's 150 x 50 px cut a third line)
    assert lines[:6] == ["---", "config:", "  journey:", "    width: 180", "    height: 50", "---"]
    assert lines[6] == "journey"
    assert "    title Buy a gift" in lines
    sections = [line.strip() for line in lines if line.strip().startswith("section ")]
    assert sections == ["section Discover", "section Buy"]  # "Use" has no touchpoints
    tasks = [line.strip() for line in lines if line.startswith("        ")]
    assert tasks == [
        "#83;ign#45;up pop#45;up: 4: #77;aria Sousa",
        "#86;isit the site #40;#63;#41;: 3: #65;na Lima",  # no emotion: 3, marked (?)
        "#87;elcome email: 2: #77;aria Sousa",
        "#67;heckout: 5: #77;aria Sousa",
    ]


def test_journey_actor_fallbacks():
    pb = playbook(personas={"maria": "   "})  # blank display name
    journey = Journey("j", "", W, personas=["maria"], stages=list(pb.config.stages),
                      touchpoints=[tp("a", "A", "discover", emotion=1),
                                   tp("b", "B", "discover", emotion=1, persona="ghost")])
    src = D.journey_diagram(journey, pb)
    assert "title j" in src  # empty title -> journey id
    assert "#65;: 1: #109;aria\n" in src  # blank name -> persona id
    assert "#66;: 1: #103;host\n" in src  # unknown persona -> its id
    journey.personas = []
    journey.touchpoints[1].persona = ""
    assert "#66;: 1\n" in D.journey_diagram(journey, pb)  # nobody -> no actor


def test_journey_unknown_stage_and_empty_journey():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages),
                      touchpoints=[tp("x", "X", "nowhere", emotion=3), tp("y", "Y", "buy", emotion=3)])
    sections = [line.strip() for line in D.journey_diagram(journey, pb).splitlines()
                if "section" in line]
    assert sections == ["section Buy", "section nowhere"]
    journey.touchpoints = []
    assert D.journey_diagram(journey, pb).endswith("---\njourney\n    accTitle: J\n    title J\n")


def test_journey_task_boxes_grow_with_the_longest_label():
    from journeydocs.diagrams.journey import task_height

    assert task_height([]) == task_height(["Checkout"]) == 50  # mermaid's default
    assert task_height(["x" * 30]) == 10 + 26 * 2 > 50  # two lines of 18 characters
    assert task_height(["x" * 40]) == 10 + 26 * 3
    assert task_height(["x" * 500]) == 10 + 26 * 5  # labels are cut at 80: five lines at most
    pb = playbook()
    journey = gift(pb)
    journey.touchpoints[0].name = "Agent offers redelivery or store pick-up"
    assert "    height: 88\n" in D.journey_diagram(journey, pb)


# --------------------------------------------------------------------------- flow


def test_flow_structure_edges_links_classes():
    pb = playbook()
    src = D.flow_diagram(gift(pb), pb, "journeys/gift.html")
    lines = [line.strip() for line in src.splitlines()]
    assert lines[0] == "flowchart LR"
    assert lines[2:9] == [
        'subgraph s0["Discover"]',
        't0("Sign#45;up pop#45;up<br/>Website<br/>#128578; 4#47;5")',
        't2("Visit the site<br/>Website")',  # no emotion: no "?/5" (content model v2)
        "end",
        'subgraph s1["Buy"]',
        't1("Welcome email<br/>Email<br/>#128577; 2#47;5")',
        't3("Checkout<br/>Website<br/>#128516; 5#47;5")',
    ]
    edges = [line for line in lines if "-->" in line]
    assert edges == ["t0 --> t1", "t0 --> t2", "t1 --> t2", "t2 --> t3"]
    assert 'click t0 href "gift/popup.html"' in lines
    assert "class t0,t3 emoHigh" in lines and "class t1 emoLow" in lines
    assert "class t2 emoNone" in lines


def test_flow_links_relative_to_the_page():
    pb = playbook()
    journey = gift(pb)
    assert D.flow_links(journey, "journeys/gift.html")["t1"] == "gift/email.html"
    assert D.flow_links(journey, "journeys/gift/popup.html")["t1"] == "email.html"
    assert D.flow_links(journey, "index.html")["t3"] == "journeys/gift/checkout.html"
    assert 'click t3 href "../../journeys/gift/checkout.html"' in D.flow_diagram(
        journey, pb, "pages/guides/x.html")


def test_flow_branches_dedupe_and_unknown_targets():
    pb = playbook()
    journey = Journey("j", "J", W, stages=list(pb.config.stages), touchpoints=[
        tp("a", "A", "discover", next=["c", "c", "b", "missing"]),
        tp("b", "B", "discover", next=["a"]),  # a loop back
        tp("c", "C", "buy"),
    ])
    edges = [line.strip() for line in D.flow_diagram(journey, pb, "x.html").splitlines()
             if "-->" in line]
    assert edges == ["t0 --> t2", "t0 --> t1", "t1 --> t0"]


def test_flow_node_ids_never_come_from_user_text():
    pb = playbook()
    journey = Journey("end", "end", W, stages=[Term("end", "end")], touchpoints=[
        tp("end", "end", "end", channel="end"), tp("click", "subgraph", "end")])
    src = D.flow_diagram(journey, pb, "journeys/end.html")
    assert re.findall(r"^\s+(\w+)\(", src, re.M) == ["t0", "t1"]
    assert 'subgraph s0["end"]' in src
    assert 'click t1 href "end/click.html"' in src


def test_flow_of_a_journey_without_touchpoints():
    pb = playbook()
    src = D.flow_diagram(Journey("j", "J", W), pb, "x.html")
    assert "subgraph" not in src and "click" not in src and "class " not in src


# --------------------------------------------------------------------------- escaping


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '%%{init: {"securityLevel":"loose"}}%%',
    '%%{init: {"theme":"forest"}}%%',
    "click t0 call alert(1)",
    'click t0 href "javascript:alert(1)"',
    "end",
    "subgraph",
    "-->",
    ":::",
    "style t0 fill:red",
    "classDef x fill:red;",
    "section x",
    "title y",
    "journey",
    "accDescr { x",
    "__proto__",
    "a: 3: b, c",
    "#35; #quot; &amp; &lt;b&gt; #60;",
    "ﬂ°°60¶ß ﬂ°lt¶ß",
    "$$x^2$$",
    "fa:fa-car",
    "**bold** _it_ `code` 1. list\n- item",
    "{{ 7*7 }} {% raw %}",
    "a | b ; c # d \\ e ` f",
    "line\nbreak\r\nand\ttab\x00\x07\x85\u2028end",
    "😀 👨‍👩‍👧 🇸🇪 Ⅻ ١٢٣ עברית العربية 中文",
    "<br>x<br/>y",
    "%% comment",
    "---\nconfig:\n  securityLevel: loose\n---",
]


# Raw characters each context must never contain (besides newlines and "%").
_FORBIDDEN = {D.escape_label: "\"<>:;,{}[]()|`*_$&'\\", D.escape_title: "\"<>:;,{}`&",
              D.escape_section: "\"<>:;,{}`&", D.escape_task: "\"<>:;,{}`&",
              D.escape_actor: ":;,<"}


@pytest.mark.parametrize("escape", list(_FORBIDDEN), ids=lambda f: f.__name__)
@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_has_no_syntax_characters(escape, text):
    out = escape(text)
    assert out and "\n" not in out and "\r" not in out and "%" not in out
    bare = re.sub(r"#\d+;", "", out)
    assert "#" not in bare and not set(bare) & set(_FORBIDDEN[escape]), out
    assert "ﬂ°" not in out and "¶ß" not in out


def test_escape_label_keeps_letters_of_any_script():
    assert D.escape_label("Åsa ввод 中文 ab12") == "Åsa ввод 中文 ab12"
    assert D.escape_label('a"b') == "a#34;b"
    assert D.escape_label("😀") == "#128512;"
    assert D.escape_label("") == D.escape_label(" \n\t") == "#160;"
    assert D.escape_label("$$") == "#36;#8288;#36;"


def test_escape_task_and_actor_encode_the_first_character():
    assert D.escape_task("section x") == "#115;ection x"
    assert D.escape_actor("__proto__") == "#95;_proto__"
    assert D.escape_actor("O'Brien (CFO), Ana: 1") == "#79;'Brien (CFO)#44; Ana#58; 1"


def test_plain_text_normalizes_whitespace_and_caps_length():
    assert D.plain_text("  a\n\nb\tc\x00d\u2028e\u00a0f  ") == "a b c d e f"
    long = "x" * 100
    assert D.plain_text(long) == "x" * 79 + "…"
    assert len(D.plain_text("é" * 200)) == D.MAX_LABEL
    # never cut inside an emoji ZWJ sequence or before a combining mark
    family = "👨\u200d👩\u200d👧"
    cut = D.plain_text("a" * 76 + family)
    assert cut in ("a" * 76 + "…",) or family in cut
    assert D.plain_text("a" * 78 + "e\u0301zz")[-2:] != "\u0301…"


def test_mermaid_block_escapes_html():
    block = D.mermaid_block('flowchart LR\n a("#60;x#62; & </pre><script>")')
    assert isinstance(block, Markup)
    assert block.startswith('<pre class="mermaid" data-palette=\'{"dark":')
    assert block.endswith('\'>flowchart LR\n a(&#34;#60;x#62; &amp; '
                          "&lt;/pre&gt;&lt;script&gt;&#34;)</pre>")


@pytest.mark.parametrize("name", sorted(palette.CLASSES))
def test_palette_reads_well_in_both_schemes(name):
    """Issue 24: one palette. Text keeps 4.5:1 on its fill in light and dark; dark fills
    are deep (no bright box on a dark page), light ones are not near-black."""
    for scheme in palette.SCHEMES:
        colours = palette.CLASSES[name][scheme]
        if colours["fill"] == "none":
            continue
        assert palette.contrast(colours["color"], colours["fill"]) >= 4.5, (scheme, colours)
    dark_fill = palette.CLASSES[name]["dark"]["fill"]
    assert dark_fill == "none" or palette.relative_luminance(dark_fill) < 0.2


def test_palette_swaps_only_its_own_class_defs():
    source = ("flowchart LR\n    classDef emoLow fill:#fde2e1,stroke:#b42318,color:#1f2937,"
              "stroke-dasharray:5 5\n    classDef mine fill:#fff\n    a")
    dark = palette.for_scheme(source, "dark")
    assert "classDef emoLow fill:#4a1d1f,stroke:#f87171,color:#fde2e1,stroke-dasharray:5 5" \
        in dark
    assert "classDef mine fill:#fff" in dark and dark.endswith("\n    a")
    assert palette.for_scheme(source, "light") == source
    client = palette.client_palette(source)
    assert set(client["dark"]["classDefs"]) == {"emoLow"}
    assert client["dark"]["themeVariables"] == palette.THEME_VARIABLES["dark"]
    pb = playbook()
    flow = D.flow_diagram(gift(pb), pb, "journeys/j.html")
    assert palette.for_scheme(flow, "light") == flow  # the builders write the light palette


@pytest.mark.parametrize("source, expected", [
    ('%%{init: {"securityLevel":"loose"}}%%\nflowchart LR\n A-->B',
     "\nflowchart LR\n A-->B"),
    ('flowchart LR\n A-->B %%{ init: {"theme":"forest"} }%%\n B-->C', "flowchart LR\n A-->B \n B-->C"),
    ("%%{\n init: {\n }\n}%%flowchart LR\n A-->B", "flowchart LR\n A-->B"),
    ("flowchart LR\n A-->B\n%%{init: {unclosed", "flowchart LR\n A-->B\n"),
    ("---\ntitle: x\nconfig:\n  securityLevel: loose\n---\nflowchart LR\n A-->B",
     "flowchart LR\n A-->B"),
    ("\n  ---\r\n  config: {}\r\n  ---\r\n  flowchart LR", "  flowchart LR"),
    ("---\na: 1\n---\n---\nconfig: {}\n---\nflowchart LR", "flowchart LR"),
    # mermaid, too, reads "%%{x}%%" here (from the second "%"), and the rest is no directive
    ("%%%{x}%%{init: {}}%%flowchart LR", "%{init: {}}%%flowchart LR"),
    ("flowchart LR\n A[---]-->B\n %% a comment", "flowchart LR\n A[---]-->B\n %% a comment"),
])
def test_sanitize_user_diagram(source, expected):
    assert D.sanitize_user_diagram(source) == expected


# --------------------------------------------------------------------------- golden


def _golden_cases() -> dict[str, str]:
    pb = playbook()
    journey = gift(pb)
    hostile_pb = playbook(personas={"p": HOSTILE[1]}, stages=[("s", HOSTILE[3]), ("t", "end")],
                          channels=[("web", HOSTILE[5])])
    hostile = Journey("hostile", HOSTILE[0], W, personas=["p"],
                      stages=list(hostile_pb.config.stages), touchpoints=[
                          tp("a", HOSTILE[9], "s", emotion=1), tp("b", HOSTILE[13], "t")])
    return {
        "gift.journey.mmd": D.journey_diagram(journey, pb),
        "gift.flow.mmd": D.flow_diagram(journey, pb, "journeys/gift.html"),
        "hostile.journey.mmd": D.journey_diagram(hostile, hostile_pb),
        "hostile.flow.mmd": D.flow_diagram(hostile, hostile_pb, "journeys/hostile/a.html"),
    }


@pytest.mark.parametrize("name", sorted(_golden_cases()))
def test_golden(name):
    # JOURNEYDOCS_UPDATE_GOLDEN=1 rewrites tests/golden/diagrams/*.mmd from the current
    # output instead of comparing; review the diff before committing it.
    actual = _golden_cases()[name]
    path = GOLDEN / name
    if os.environ.get("JOURNEYDOCS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- real mermaid


class _SvgReader(HTMLParser):
    """Text, elements and attributes of a rendered SVG (which is not well-formed XML:
    mermaid's output uses an undeclared ``xlink:`` prefix, so XML parsers reject it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.styles: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._in_style = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "style":
            self._in_style += 1
        self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == "style" and self._in_style:
            self._in_style -= 1
        self.text.append(" ")

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def read_svg(svg: str) -> _SvgReader:
    reader = _SvgReader()
    reader.feed(svg)
    reader.close()
    return reader


def norm(text: str) -> str:
    """Compare text modulo whitespace runs and the word joiners the escaping inserts."""
    return " ".join(text.replace(WORD_JOINER, "").split())


@pytest.fixture(scope="module")
def mermaid():
    """The harness (parse/render with the vendored mermaid, securityLevel strict)."""
    from harness.browser import require_browser

    require_browser()
    from harness import mermaid as harness_mermaid

    return harness_mermaid


def render_ok(mermaid, sources: list[str]) -> list[_SvgReader]:
    """Parse and render every source in two browser calls; fail on any error."""
    errors = mermaid.parse_all(sources)
    bad = [(s, e) for s, e in zip(sources, errors) if e is not None]
    assert not bad, f"mermaid rejected {len(bad)} sources, first:\n{bad[0][0]}\n{bad[0][1]}"
    rendered = mermaid.render_details(sources)
    bad = [(s, r.error) for s, r in zip(sources, rendered) if not r.ok]
    assert not bad, f"mermaid failed to render {len(bad)} sources, first:\n{bad[0][0]}\n{bad[0][1]}"
    return [read_svg(r.svg) for r in rendered]


def test_goldens_and_unit_models_parse_and_render(mermaid):
    sources = list(_golden_cases().values())
    readers = render_ok(mermaid, sources)
    flow = readers[1]
    links = [a.get("xlink:href") or a.get("href") for tag, a in flow.tags if tag == "a"]
    # click … href works under securityLevel "strict": each node is an SVG link
    assert sorted(links) == ["gift/checkout.html", "gift/email.html", "gift/popup.html",
                             "gift/visit.html"]
    text = norm(" ".join(flow.text))
    for label in ("Sign-up pop-up Website 🙂 4/5", "Visit the site Website",
                  "Welcome email Email 🙁 2/5", "Discover", "Buy"):
        assert label in text
    assert "?/5" not in text  # a step without an emotion shows none (issue 22)
    assert "Visit the site (?)" in norm(" ".join(readers[0].text))


_TRICKY = st.sampled_from(list(':;#%{}[]()"\'<>|`\\$&/*_-=!?.,\n\r\t ') +
                          ["ﬂ", "°", "¶", "ß", "end", "%%", "-->", "<br>", "#quot;", "#35;",
                           "section ", "title ", "\u200d", "\u0301", "😀", "\x00", "\x85"])
TEXT = st.one_of(st.text(max_size=40), st.lists(_TRICKY, max_size=15).map("".join),
                 st.sampled_from(HOSTILE), st.text(min_size=70, max_size=120))


@st.composite
def generated(draw):
    """A playbook + journey with generated text in every field a diagram shows."""
    stages = [(f"s{i}", draw(TEXT)) for i in range(draw(st.integers(1, 3)))]
    channels = [(f"c{i}", draw(TEXT)) for i in range(2)]
    pb = playbook(personas={"p0": draw(TEXT), "p1": draw(TEXT)}, stages=stages,
                  channels=channels)
    n = draw(st.integers(1, 4))
    touchpoints = [tp(f"t-{i}", draw(TEXT), draw(st.sampled_from(stages))[0],
                      draw(st.sampled_from(channels))[0],
                      emotion=draw(st.one_of(st.none(), st.integers(1, 5))),
                      persona=draw(st.sampled_from(["", "p1"])),
                      next=draw(st.lists(st.sampled_from([f"t-{k}" for k in range(n)]),
                                         max_size=2)))
                   for i in range(n)]
    return pb, Journey("gen", draw(TEXT), W, personas=["p0"], stages=list(pb.config.stages),
                       touchpoints=touchpoints)


def expected_texts(pb: Playbook, journey: Journey) -> tuple[list[str], list[str]]:
    """What must be visible: (in the journey diagram, in the flow diagram)."""
    def shown(text, fallback):
        return D.plain_text(text) or fallback

    title = shown(journey.title, journey.id)
    stages = {t.id: shown(t.name, t.id) for t in journey.stages}
    channels = {t.id: shown(t.name, t.id) for t in pb.config.channels}
    in_journey, in_flow = [title], [title]
    for t in journey.touchpoints:
        name = shown(t.name, t.id)
        persona = t.persona or journey.personas[0]
        in_journey += [name + (" (?)" if t.emotion is None else ""), stages[t.stage],
                       shown(pb.personas[persona].name, persona)]
        # a journey that records no emotion at all shows no "?/5" (content model v2)
        feelings = any(x.emotion is not None for x in journey.touchpoints)
        badge = f" {D.emotion_badge(t.emotion)}" if feelings else ""
        in_flow += [f"{name} {channels[t.channel]}{badge}", stages[t.stage]]
    return in_journey, in_flow


# No shrinking: each example is 50 real mermaid renders; a failure reports itself unshrunk.
@settings(max_examples=4, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases=st.lists(generated(), min_size=25, max_size=25))
def test_any_text_parses_and_shows_as_written(mermaid, cases):
    sources, expected = [], []
    for pb, journey in cases:
        in_journey, in_flow = expected_texts(pb, journey)
        sources += [D.journey_diagram(journey, pb), D.flow_diagram(journey, pb, "journeys/gen.html")]
        expected += [in_journey, in_flow]
    readers = render_ok(mermaid, sources)
    for source, reader, wanted in zip(sources, readers, expected):
        text = norm(" ".join(reader.text))
        for piece in wanted:
            assert norm(piece) in text, f"{piece!r} not shown\n--- source:\n{source}\n--- text:\n{text}"


def _assert_nothing_injected(reader: _SvgReader, source: str, n_links: int) -> None:
    for tag, attrs in reader.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "svg:script"}, source
        for name, value in attrs.items():
            assert not name.startswith("on"), (name, value, source)
            assert "javascript:" not in value.replace(" ", "").lower(), (name, value, source)
            assert "fill:red" not in value.replace(" ", ""), (name, value, source)
    assert sum(tag == "a" for tag, _ in reader.tags) == n_links, source
    style = "".join(reader.styles)
    assert "fill:red" not in style and "#cde498" not in style.lower()  # forest theme: no


def test_hostile_corpus_injects_nothing(mermaid):
    sources = []
    for text in HOSTILE:
        pb = playbook(personas={"p": text}, stages=[("s", text)], channels=[("web", text)])
        journey = Journey("h", text, W, personas=["p"], stages=list(pb.config.stages),
                          touchpoints=[tp("a", text, "s", emotion=2), tp("b", text, "s")])
        sources += [D.journey_diagram(journey, pb), D.flow_diagram(journey, pb, "index.html")]
    readers = render_ok(mermaid, sources)
    for i, (source, reader) in enumerate(zip(sources, readers)):
        _assert_nothing_injected(reader, source, n_links=0 if i % 2 == 0 else 2)
        wanted = D.plain_text(HOSTILE[i // 2])
        assert norm(wanted) in norm(" ".join(reader.text)), source
    flow_links = [a.get("xlink:href") for tag, a in readers[1].tags if tag == "a"]
    assert flow_links == ["journeys/h/a.html", "journeys/h/b.html"]


def test_hostile_fixture_playbook(mermaid):
    from journeydocs.build import load_playbook

    pb, problems = load_playbook(HOSTILE_PROJECT)
    assert pb is not None, problems
    sources = []
    for journey in pb.journeys.values():
        sources += [D.journey_diagram(journey, pb),
                    D.flow_diagram(journey, pb, f"journeys/{journey.id}.html")]
    for i, reader in enumerate(render_ok(mermaid, sources)):
        journey = list(pb.journeys.values())[i // 2]
        _assert_nothing_injected(reader, sources[i],
                                 n_links=0 if i % 2 == 0 else len(journey.touchpoints))
        assert norm(D.plain_text(journey.title)) in norm(" ".join(reader.text))


def test_sanitized_user_diagram_cannot_reconfigure(mermaid):
    hostile = ('---\nconfig:\n  theme: forest\n---\n%%{init: {"theme":"forest",'
               '"securityLevel":"loose"}}%%\nflowchart LR\n A-->B\n click A href "javascript:alert(1)"\n')
    raw, clean = mermaid.render_details([hostile, D.sanitize_user_diagram(hostile)])
    assert raw.ok and "#cde498" in raw.svg.lower()  # the directive did apply before
    assert clean.ok and "#cde498" not in clean.svg.lower()
    reader = read_svg(clean.svg)
    _assert_nothing_injected(reader, hostile, n_links=1)  # strict: the link is defused
    # strict mode drops the href (or blanks it): either way nothing to follow
    assert [a.get("xlink:href") for tag, a in reader.tags if tag == "a"] in ([None], ["about:blank"])


def test_mermaid_block_in_a_real_page(tmp_path):
    """The page path: <pre class="mermaid"> from mermaid_block, then mermaid.run()."""
    from harness.browser import open_page, require_browser
    from harness.mermaid import MERMAID_JS

    require_browser()
    pb = playbook(personas={"p": HOSTILE[1]}, stages=[("s", HOSTILE[0])],
                  channels=[("web", "</pre><script>alert(2)</script>")])
    journey = Journey("h", "&lt;b&gt; & <i>x</i>", W, personas=["p"],
                      stages=list(pb.config.stages),
                      touchpoints=[tp("a", '"><img src=x onerror=alert(1)>', "s", emotion=4),
                                   tp("b", "b", "s")])
    blocks = D.mermaid_block(D.journey_diagram(journey, pb)) + D.mermaid_block(
        D.flow_diagram(journey, pb, "journeys/h.html"))
    page = tmp_path / "journeys" / "h.html"
    page.parent.mkdir()
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<script>window.__alerts = []; window.alert = (m) => window.__alerts.push(m);</script>"
        f"<script src='{MERMAID_JS.as_uri()}'></script></head><body>{blocks}<script>"
        "mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});"
        "window.__done = mermaid.run().then(() => 'ok', (e) => String(e));"
        "</script></body></html>", encoding="utf-8")
    with open_page(page) as loaded:
        assert loaded.page.evaluate("() => window.__done") == "ok"
        result = loaded.page.evaluate("""() => ({
            alerts: window.__alerts,
            svgs: [...document.querySelectorAll('pre.mermaid')].map(
                (p) => p.querySelector('svg') ? p.innerHTML : null),
            links: [...document.querySelectorAll('pre.mermaid svg a')].map(
                (a) => a.getAttribute('xlink:href') || a.getAttribute('href')),
            hrefs: [...document.querySelectorAll('pre.mermaid svg a')].map((a) => a.href.baseVal),
        })""")
        loaded.assert_clean()
    assert result["alerts"] == []
    assert all(result["svgs"]), "a block did not render"
    assert result["links"] == ["h/a.html", "h/b.html"]
    journey_text = norm(" ".join(read_svg(result["svgs"][0]).text))
    flow = read_svg(result["svgs"][1])
    flow_text = norm(" ".join(flow.text))
    for wanted in (HOSTILE[0], HOSTILE[1], "&lt;b&gt; & <i>x</i>"):
        assert norm(wanted) in journey_text
    assert norm('"><img src=x onerror=alert(1)> </pre><script>alert(2)</script> 🙂 4/5') in flow_text
    _assert_nothing_injected(flow, "page", n_links=2)

"""Tests of the test harness itself: it must be able to FAIL.

Covers the vendored assets, tests/harness/browser.py (discovery, skip/fail
policy, offline page loading, axe) and tests/harness/mermaid.py (the real
mermaid parser/renderer and the escaping facts documented in its docstring).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import string
import sys
from pathlib import Path

import pytest

_TESTS = Path(__file__).resolve().parent
if str(_TESTS) not in sys.path:  # works with any pytest import mode
    sys.path.insert(0, str(_TESTS))

from harness import browser as hb  # noqa: E402
from harness import mermaid as hm  # noqa: E402

REPO = _TESTS.parent

VALID = {
    "flowchart": 'flowchart LR\n  n0["Start"] --> n1{"Ok?"}\n  n1 -->|"yes"| n2["Done"]',
    "journey": "journey\n  title My day\n  section Go to work\n"
    "    Make tea: 5: Me\n    Go upstairs: 3: Me, Cat",
    "quadrantChart": 'quadrantChart\n  title Reach\n  x-axis "Low" --> "High"\n'
    '  y-axis "Low" --> "High"\n  quadrant-1 "Expand"\n  "Campaign A": [0.3, 0.6]',
    "xychart-beta": 'xychart-beta\n  title "Sales"\n  x-axis ["jan", "feb", "mar"]\n'
    '  y-axis "Revenue" 0 --> 100\n  bar [10, 50, 30]\n  line [10, 50, 30]',
}
EXPECTED_TYPE = {
    "flowchart": "flowchart-v2",
    "journey": "journey",
    "quadrantChart": "quadrantChart",
    "xychart-beta": "xychart",
}
INVALID = [
    "flowchart LR\n A-->",
    "journey\n section\n  x: notanumber: me",
    'flowchart LR\n  n0["say "hi" now"]',
    "journey\n  section S\n    C# rocks: 3: me",
    "quadrantChart\n  \"p\": [1.5, 0.6]",
    'xychart-beta\n  x-axis ["a", "b"]\n  bar [1, 1e3]',
    "not a diagram at all",
]


# --------------------------------------------------------------------------
# vendored files (no browser needed)


def _version_file(d: Path) -> list[str]:
    return (d / "VERSION").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    "folder,name",
    [
        (REPO / "theme/assets/vendor/mermaid", "mermaid"),
        (REPO / "tests/harness/vendor/axe-core", "axe-core"),
    ],
)
def test_vendored_version_and_checksums(folder, name):
    lines = _version_file(folder)
    assert re.fullmatch(rf"{re.escape(name)}@\d+\.\d+\.\d+", lines[0]), lines[0]
    assert (folder / "LICENSE").stat().st_size > 500
    assert len(lines) >= 2
    for line in lines[1:]:
        digest, fname = line.split()
        data = (folder / fname).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{fname} changed; re-run scripts/vendor-assets.sh"


def test_vendored_mermaid_is_one_self_contained_classic_script():
    js = hm.MERMAID_JS.read_text(encoding="utf-8")
    assert js.startswith('"use strict";var __esbuild_esm_mermaid_nm')
    assert 'globalThis["mermaid"]' in js[-500:]
    assert "import(" not in js  # no lazy chunks, works from file://
    assert not re.search(r"^\s*(import|export)\s", js, re.M)  # not an ES module
    assert "sourceMappingURL" not in js[-300:]  # map is not vendored


# --------------------------------------------------------------------------
# browser discovery and the skip/fail policy (no browser needed)


def test_find_chromium_honours_env(tmp_path, monkeypatch):
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CHROMIUM", str(fake))
    assert hb.find_chromium() == str(fake)


def test_find_chromium_none(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(hb, "_CANDIDATES", (str(tmp_path / "nope"), "nope-browser"))
    assert hb.find_chromium() is None


def test_require_browser_skips_locally_fails_in_ci(monkeypatch):
    monkeypatch.setattr(hb, "find_chromium", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found: apt-get install chromium"):
        hb.require_browser()
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match="no Chromium found"):
            hb.require_browser()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        hb.require_browser()


# --------------------------------------------------------------------------
# the real mermaid parser


def test_valid_diagrams_parse():
    srcs = list(VALID.values())
    assert hm.parse_all(srcs) == [None] * len(srcs)
    types = [p.diagram_type for p in hm.parse_details(srcs)]
    assert types == [EXPECTED_TYPE[k] for k in VALID]


def test_invalid_diagrams_report_errors():
    errors = hm.parse_all(INVALID)
    for src, err in zip(INVALID, errors):
        assert isinstance(err, str) and err.strip(), f"mermaid accepted {src!r}"
    assert "Parse error" in errors[0]
    assert hm.parse(VALID["journey"]) is None


def test_big_batch_keeps_order():
    srcs = [VALID["flowchart"] if i % 3 else INVALID[0] for i in range(100)]
    res = hm.parse_all(srcs)
    assert [r is None for r in res] == [bool(i % 3) for i in range(100)]
    assert hm.parse_all([]) == [] and hm.render_all([]) == []


def test_render_valid_to_svg():
    out = hm.render_all(list(VALID.values()))
    for kind, svg in zip(VALID, out):
        assert hm.is_svg(svg), (kind, svg[:200])
        assert "Syntax error" not in svg
    texts = hm.render_text_all(list(VALID.values()))
    assert "Make tea" in texts[1] and "Campaign A" in texts[2] and "Revenue" in texts[3]


def test_render_invalid_and_nan():
    srcs = [INVALID[0], "journey\n  section S\n    x: notanumber: me"]
    # the second one PARSES (mermaid does not check journey scores) ...
    assert hm.parse_all(srcs)[1] is None
    # ... but renders NaN geometry, which render_all reports as an error
    for r in hm.render_all(srcs):
        assert not hm.is_svg(r) and r.startswith("error: ")
    det = hm.render_details(srcs)
    assert "NaN" in det[1].error and det[1].svg is not None


def test_rendering_works_like_a_site_from_file_url(tmp_path):
    """The vendored mermaid renders all four diagram types from file:// with
    no network, no console errors, via a plain <script src>."""
    blocks = "\n".join(
        f'<pre class="mermaid">{src.replace("&", "&amp;").replace("<", "&lt;")}</pre>'
        for src in VALID.values()
    )
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    rel = os.path.relpath(hm.MERMAID_JS, page.parent)
    page.write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script src="{rel}"></script></head><body>{blocks}
<script>mermaid.initialize({{startOnLoad: true, securityLevel: 'strict'}});</script>
</body></html>""",
        encoding="utf-8",
    )
    with hb.open_page(page) as loaded:
        loaded.page.wait_for_function(
            "() => document.querySelectorAll('pre.mermaid svg').length === 4", timeout=30000
        )
        kinds = loaded.page.eval_on_selector_all(
            "pre.mermaid svg", "els => els.map(e => e.getAttribute('aria-roledescription'))"
        )
        loaded.assert_clean()
    assert kinds == ["flowchart-v2", "journey", "quadrantChart", "xychart"]


# --------------------------------------------------------------------------
# offline page helper and axe


def test_open_page_blocks_network_and_collects_errors(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        """<!doctype html><html><head>
<script src="https://cdn.example.invalid/lib.js"></script></head><body>
<img src="http://example.invalid/x.png" alt="">
<script>console.error("oops"); setTimeout(() => { throw new Error("boom"); }, 0);</script>
</body></html>""",
        encoding="utf-8",
    )
    with hb.open_page(page) as loaded:
        loaded.page.wait_for_timeout(200)
        assert "https://cdn.example.invalid/lib.js" in loaded.blocked
        assert "http://example.invalid/x.png" in loaded.blocked
        assert "oops" in loaded.console_errors
        assert any("boom" in e for e in loaded.page_errors)
        with pytest.raises(AssertionError, match="network blocked"):
            loaded.assert_clean()


def test_run_axe(tmp_path):
    good = tmp_path / "good.html"
    good.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ok</title></head>'
        "<body><main><h1>Hello</h1><p>Text.</p></main></body></html>",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><html><head></head><body><img src='x.png'></body></html>",
        encoding="utf-8",
    )
    with hb.open_page(good) as loaded:
        assert hb.run_axe(loaded.page) == []
    with hb.open_page(bad) as loaded:
        ids = {v["id"] for v in hb.run_axe(loaded.page)}
    assert {"image-alt", "html-has-lang", "document-title"} <= ids


# --------------------------------------------------------------------------
# escaping facts (the docstring of harness/mermaid.py), against the real parser

FL = 'flowchart LR\n  n0["{}"] --> n1["zz"]'
JT = "journey\n  title {}\n  section zz\n    zz: 3: zz"
JK = "journey\n  section zz\n    {}: 3: zz"
QQ = 'quadrantChart\n  "{}": [0.3, 0.6]'
XQ = 'xychart-beta\n  title "{}"\n  x-axis ["zz"]\n  bar [1]'

# (template, raw text, expected: "P" parse error | "R" render error | text the reader sees)
FACTS = [
    (FL, '"', "P"),
    (FL, 'say "hi"', "say hi"),  # quotes that pair up vanish
    (FL, "#quot;", '"'),
    (FL, "a#b;c", "a&b;c"),  # #word; is an entity code
    (FL, "#35;#59;#lt;#gt;#amp;#58;", "#;<>&:"),
    (FL, "%%{init: {'theme':'dark'}}%%", "P"),
    (FL, "`", "P"),
    (JT, "a < b", "a &lt; b"),  # raw < shows as &lt;
    (JT, "a #lt; b", "a < b"),
    (JT, "C# rocks", "C"),  # journey: # starts a comment
    (JT, "a;b", "P"),
    (JK, "C# rocks", "P"),
    (JK, "C#35; rocks#59; x#58; y", "C# rocks; x: y"),
    (JK, "a: b", "R"),
    (JK, "section 2 review", "P"),
    (JK, "#115;ection 2 review", "section 2 review"),
    (QQ, '"', "P"),
    (QQ, "#quot;q#quot;", '"q"'),
    (XQ, '"', "P"),
    (XQ, "1 #lt; 2", "1 < 2"),
]


def test_escaping_facts():
    srcs = [tpl.format(raw) for tpl, raw, _ in FACTS]
    parsed = hm.parse_all(srcs)
    rendered = hm.render_details(srcs)
    problems = []
    for (tpl, raw, want), perr, r in zip(FACTS, parsed, rendered):
        if want == "P":
            ok = perr is not None
        elif want == "R":
            ok = perr is None and not r.ok
        else:
            ok = perr is None and r.ok and want in r.text
        if not ok:
            problems.append(f"{raw!r} in {tpl.splitlines()[0]}: want {want!r}, "
                            f"parse={perr!r} render_ok={r.ok} text={r.text!r}")
    assert not problems, "\n".join(problems)


def test_flowchart_keyword_ids():
    res = hm.parse_all(["flowchart LR\n  end --> n1", "flowchart LR\n  n1 --> n2"])
    assert res[0] is not None and res[1] is None


NASTY = [
    string.punctuation,
    'C# rocks; a: b <b>x</b> a<br>b & "q" 100% `md`',
    "section 2 review",
    "Title x",
    "%%{init: {'theme':'dark'}}%% end",
    "Straße ¶ß 20°C ﬂ° 日本 😀",
    "a#b;c #quot; &amp; #35;",
    "tab\there\nnew line",
]
CONTEXTS = {
    "FL-node": ('flowchart LR\n  n0["{}"] --> n1["zz"]', False),
    "FL-edge": ('flowchart LR\n  n0["zz"] -->|"{}"| n1["zz"]', False),
    "FL-subgraph": ('flowchart LR\n  subgraph s0["{}"]\n    n0["zz"]\n  end', False),
    "JT": ("journey\n  title {}\n  section zz\n    zz: 3: zz", False),
    "JS": ("journey\n  section {}\n    zz: 3: zz", False),
    "JK": ("journey\n  section zz\n    {}: 3: zz", True),
    "JA": ("journey\n  section zz\n    zz: 3: {}, zz", False),
    "QT": ('quadrantChart\n  title {}\n  "zz": [0.5, 0.5]', False),
    "QQ-axis": ('quadrantChart\n  x-axis "{}" --> "zz"\n  "zz": [0.5, 0.5]', False),
    "QQ-quadrant": ('quadrantChart\n  quadrant-3 "{}"\n  "zz": [0.5, 0.5]', False),
    "QQ-point": ('quadrantChart\n  "{}": [0.3, 0.6]', False),
    "XQ-title": ('xychart-beta\n  title "{}"\n  x-axis ["zz", "zz"]\n  bar [1, 2]', False),
    "XQ-axis": ('xychart-beta\n  x-axis "{}" ["zz", "zz"]\n  bar [1, 2]', False),
    "XQ-category": ('xychart-beta\n  x-axis ["zz", "{}"]\n  bar [1, 2]', False),
}


def test_reference_escaper_round_trips_everywhere():
    cases = [
        (ctx, text, tpl.format(hm.escape_text(text, journey_task=jt)))
        for ctx, (tpl, jt) in CONTEXTS.items()
        for text in NASTY
    ]
    rendered = hm.render_details([src for _, _, src in cases])
    problems = []
    for (ctx, text, src), r in zip(cases, rendered):
        want = " ".join(text.split())
        seen = " ".join((r.text or "").replace("\u2060", "").split())
        if not r.ok or want not in seen:
            problems.append(f"{ctx} {text!r}: {src!r} -> ok={r.ok} {r.error!r} text={seen!r}")
    assert not problems, "\n".join(problems)


def test_escape_text_rules():
    assert hm.escape_text('C# "x"; a:b') == "C#35; #34;x#34;#59; a#58;b"
    assert hm.escape_text("section x", journey_task=True) == "#115;ection x"
    assert hm.escape_text(" a\t\nb ") == "a b"
    with pytest.raises(ValueError):
        hm.escape_text(" \n ")

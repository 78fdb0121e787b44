r"""The REAL mermaid parser/renderer for tests: the vendored mermaid in headless Chromium.

API (one shared browser + one mermaid page per test session; each call is ONE
page.evaluate for the whole batch):

    parse_all(sources)  -> list[str | None]   None = mermaid accepts it, else its error message
    render_all(sources) -> list[str]          the SVG (starts with "<svg") or "error: ..."
    render_text_all(sources) -> list[str|None] visible text of each SVG (None = failed)
    parse_details / render_details            same, as Parsed(ok, diagram_type, error) /
                                              Rendered(ok, svg, text, error) records
    parse(source), is_svg(result), mermaid_version()
    escape_text(text, journey_task=False)     REFERENCE escaper implementing the table below

mermaid is loaded exactly like a built site loads it (plain <script src> from
file://, network blocked) and initialized with
{startOnLoad: false, securityLevel: 'strict'}.  A render counts as failed if
mermaid throws, if it returns its "Syntax error in text" diagram, or if the SVG
has NaN geometry (e.g. a journey score that is not a number: the parser accepts
it, the picture is broken).  "text" is what a reader sees: the SVG markup
parsed as HTML (like innerHTML), <style> removed, whitespace collapsed.

Speed (2 CPUs): ~3 s once per session (Chromium + 5.5 MB mermaid), then
parse ~8-16 ms per diagram (100 diagrams ~0.8-1.6 s; mermaid's per-call config
deep-merge dominates), render ~30 ms (journey/quadrant/xychart) to ~150 ms
(flowchart) per diagram.

ESCAPING FACTS (mermaid 12.3.0; each claim checked with parse AND render AND
the visible text of the SVG; tests/test_harness.py re-checks the key ones)
===========================================================================
Contexts:  FL = flowchart label in quotes: node  n0["..."], edge  -->|"..."|,
                subgraph  s0["..."]  (all three behave the same)
           JT = journey  `title ...`     JS = journey `section ...`
           JK = journey task text  `<text>: 5: Actor`   JA = journey actor name
           QT = quadrantChart `title ...` (bare: rest of line; quotes would be SHOWN)
           QQ = quadrantChart quoted names: x-axis "a" --> "b", y-axis ..,
                quadrant-1 "..", points "name": [0.3, 0.6]
           XQ = xychart-beta quoted strings: title "..", x-axis "t" ["a", "b"],
                y-axis "t" 0 --> 10
Legend:    ok  = parses, renders, shows the character
           P   = parse error        T = parses but the reader sees the wrong text
           R   = parses, render broken (NaN geometry)

  raw text        | FL  | JT  | JS  | JK  | JA  | QT  | QQ  | XQ
  ----------------+-----+-----+-----+-----+-----+-----+-----+-----
  "               | P/T | ok  | ok  | ok  | ok  | ok  | P   | P      FL: P, or T when quotes pair up: n0["say "hi""] shows  say hi
  # (alone)       | ok  | P   | P   | T   | T   | ok  | ok  | ok
  C# rocks        | ok  | T   | T   | P   | T   | ok  | ok  | ok     journey: # starts a COMMENT to end of line (shows "C")
  a#b;c  (#word;) | T   | T   | T   | T   | T   | T   | T   | T      everywhere: #word; is taken as an entity code -> "a&b;c"
  ;               | ok  | P   | P   | P   | P   | ok  | ok  | ok
  :               | ok  | ok  | P   | P/R | T   | ok  | ok  | ok     JK "a: b" splits the task -> NaN score (R); JA drops it
  < (a < b > c)   | ok  | T   | ok  | ok  | ok  | T   | T   | T      T = the reader sees "&lt;" / "&gt;" literally
  <b>x</b>        | T   | ok  | ok  | ok  | ok  | ok  | ok  | ok     FL: raw <...> is HTML (shows a bold "x", sanitized)
  a<br>b          | br  | T   | T   | T   | T   | T   | T   | T      FL: line break; elsewhere "<br>" shows literally (JS/JK: in one of the two copies)
  &               | ok  | ok  | ok  | ok  | ok  | ok  | ok  | ok
  %% (alone)      | ok  | ok  | ok  | T   | ok  | ok  | T/P | P      T = empty text.  "a %% b" is ok in every context
  x%%{init:..}%%y | P   | T   | T   | T   | T   | T   | T   | T      a %%{...}%% directive is cut out of ANY text (shows "xy") and applied as config
  ` (backtick)    | P   | ok  | ok  | ok  | ok  | ok  | P   | ok     FL "`md`" becomes a markdown string (backticks vanish: T)
  ,               | ok  | ok  | ok  | ok  | T   | ok  | ok  | ok     JA: comma separates actors
  [ ] ( ) { } |   | ok  | ok  | ok  | ok  | ok  | ok  | ok  | ok     (all P in an UNquoted flowchart label n0[...])
  '  \  -->       | ok  | ok  | ok  | ok  | ok  | ok  | ok  | ok
  é ☕ 日本 😀     | ok  | ok  | ok  | ok  | ok  | ok  | ok  | ok
  end/title/sect. | ok  | ok  | ok  | kw  | ok  | ok  | ok  | ok     kw: see "journey task lines" below
  (empty)         | P   | ok- | ok- | P   | ok- | ok- | P   | P      ok- = parses, shows nothing
  ¶ß  ﬂ°  (pairs) | T   | T   | T   | T   | T   | T   | T   | T      mermaid's internal entity placeholders -> ";" "&"

Entity codes (mermaid syntax "#name;" / "#decimal;", NOT "&...;"): #35; #59; #quot;
#34; #lt; #gt; #amp; #58; #44; #124; #91; #93; #37; #96; #9829; and named HTML5
ones like #colon; all show the intended character in EVERY context above
(FL, JT, JS, JK, JA, QT, QQ, XQ) -- they are replaced before any diagram
lexer runs, so they also neutralize journey's "#" comments, ";" and ":".
Exceptions: "¶ß"/"ﬂ°" pairs cannot be shown in FL even via #182; etc. (decoded
early, then mangled); put U+2060 WORD JOINER between them (escape_text does).
Quirk: a line matching /style.*:\S*#.*;/ (e.g. n0["style:#35;x"]) loses its
last ";" -> shows "style:#35x"; escaping ":" as #58; avoids it.

Keywords / grammar facts:
  * flowchart node ids: lowercase `end`, `graph`, `style` as an id -> P;
    `n1---oX` makes an o-edge to X.  Use generated ids (n0, n1, ...) and put
    all text in quoted labels.  Unquoted labels n0[...] reject [ ] ( ) { } | \ ".
  * journey task lines whose text starts with a keyword (case-insensitive):
    "section 2 review: 3: me" -> P; "Title x: 3: me" becomes the diagram title;
    "accTitle: ..." is swallowed.  Escaping the FIRST character (#115;ection)
    fixes it.  title/section lines may contain keywords freely.
  * journey score: the parser accepts ANY text; non-numbers -> NaN geometry
    (render_all reports it); 0, 7, -1, 2.5 render without complaint -> the
    generator must validate 1..5 itself.  Actors may be omitted ("t: 3").
  * quadrantChart point coordinates must be plain decimals in [0, 1]:
    1.5, .5, -0.1 -> P.  Unquoted point named `title` becomes the title.
  * xychart-beta: numbers without exponent (1e3 -> P), negatives ok; fewer bar
    values than categories -> NaN geometry (R); `x-axis []` -> P; unquoted
    titles/categories drop spaces and reject punctuation / non-ASCII -> always
    quote.  `xychart-beta` and `xychart` are both accepted (type "xychart").

RECOMMENDED (what escape_text does; fuzzed: 6000+ random strings of ASCII
punctuation, keywords, directives, HTML, unicode x 16 contexts, 0 failures):
  1. whitespace / control characters (\n \t NBSP U+2028 ...) -> " "
  2. every ASCII character that is not a letter, digit or space -> "#<decimal>;"
     (so # -> #35;  " -> #34;  ; -> #59;  : -> #58;  < -> #60;  % -> #37; ...);
     also ¶ ° ﬂ -> numeric, plus U+2060 inside "¶ß"/"ﬂ°" pairs
  3. non-ASCII letters/emoji stay as they are
  4. journey task text: also escape its first character (keyword guard)
  5. never emit an empty text
  6. placement: FL, QQ, XQ inside "..."; JT, JS, JK, JA, QT bare.
"""
from __future__ import annotations

import json
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import browser as _browser

MERMAID_DIR = _browser.REPO_ROOT / "theme" / "assets" / "vendor" / "mermaid"
MERMAID_JS = MERMAID_DIR / "mermaid.min.js"

# What the harness initializes mermaid with (the same as a strict site would).
MERMAID_CONFIG = {"startOnLoad": False, "securityLevel": "strict"}

_JS_HELPERS = r"""
(() => {
  const isErrorSvg = (svg) =>
    /aria-roledescription="error"/.test(svg) || /Syntax error in text/.test(svg);
  // e.g. a journey score that is not a number renders with cy="NaN"
  const nanGeometry = (svg) =>
    /\s(?:x|y|cx|cy|r|rx|ry|x1|x2|y1|y2|width|height|d|points|transform|viewBox)="[^"]*\bNaN\b/.test(svg);
  // Parse the SVG markup the way a page shows it (HTML parser, like innerHTML)
  // so that the entities mermaid emits (&quot; &#35; ...) are decoded.
  const svgText = (svg) => {
    const t = document.createElement('template');
    t.innerHTML = svg;
    t.content.querySelectorAll('style, script').forEach((n) => n.remove());
    // one space between text-bearing elements, collapse whitespace
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === 3) { parts.push(node.nodeValue); return; }
      for (const c of node.childNodes) walk(c);
      if (node.nodeType === 1) parts.push(' ');
    };
    walk(t.content);
    return parts.join('').replace(/\s+/g, ' ').trim();
  };
  const errMsg = (e) => {
    if (e === undefined || e === null) return 'unknown mermaid error';
    const m = (e && (e.message || e.str)) || String(e);
    return String(m) || 'unknown mermaid error';
  };
  const cleanup = (id) => {
    for (const sel of ['#' + id, '#d' + id, '#i' + id]) {
      document.querySelectorAll(sel).forEach((n) => n.remove());
    }
  };
  let counter = 0;
  window.__jdParseAll = async (srcs) => {
    const out = [];
    for (const src of srcs) {
      try {
        const r = await mermaid.parse(src);
        out.push({ ok: true, type: (r && r.diagramType) || null, error: null });
      } catch (e) {
        out.push({ ok: false, type: null, error: errMsg(e) });
      }
    }
    return out;
  };
  window.__jdRenderAll = async (srcs) => {
    const out = [];
    for (const src of srcs) {
      const id = 'jdmmd' + (counter++);
      try {
        const r = await mermaid.render(id, src);
        const svg = r.svg;
        if (isErrorSvg(svg)) {
          out.push({ ok: false, svg, text: svgText(svg), error: 'mermaid rendered its error diagram (Syntax error in text)' });
        } else if (nanGeometry(svg)) {
          out.push({ ok: false, svg, text: svgText(svg), error: 'rendered SVG has NaN geometry (a number in the source is not a number?)' });
        } else {
          out.push({ ok: true, svg, text: svgText(svg), error: null });
        }
      } catch (e) {
        out.push({ ok: false, svg: null, text: null, error: errMsg(e) });
      } finally {
        cleanup(id);
      }
    }
    return out;
  };
})();
"""


@dataclass(frozen=True)
class Parsed:
    ok: bool
    diagram_type: str | None  # e.g. "flowchart-v2", "journey", "quadrantChart", "xychart"
    error: str | None


@dataclass(frozen=True)
class Rendered:
    ok: bool
    svg: str | None  # the SVG mermaid produced (also its error diagram, if any)
    text: str | None  # visible text of the SVG (no <style>), whitespace-collapsed
    error: str | None


def mermaid_version() -> str:
    """'mermaid@X.Y.Z' from the vendored VERSION file."""
    return (MERMAID_DIR / "VERSION").read_text(encoding="utf-8").splitlines()[0].strip()


def _page():
    """The session's single mermaid page (created on first use)."""
    page = _browser._state_slot("mermaid_page")
    if page is not None and not page.is_closed():
        return page
    br = _browser.launch()
    if not MERMAID_JS.is_file():
        raise FileNotFoundError(f"{MERMAID_JS} missing: run scripts/vendor-assets.sh")
    context = br.new_context()
    _browser.block_network(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Load mermaid exactly as a built site does: a plain <script src> from file://.
    tmp = Path(tempfile.mkdtemp(prefix="jd-mermaid-"))
    html = tmp / "blank.html"
    html.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<script src='{MERMAID_JS.resolve().as_uri()}'></script>"
        "</head><body></body></html>",
        encoding="utf-8",
    )
    page.goto(html.as_uri(), wait_until="load")
    if not page.evaluate("() => typeof window.mermaid === 'object' && !!window.mermaid"):
        raise RuntimeError(f"vendored mermaid did not load from file://: {errors}")
    page.evaluate(f"() => mermaid.initialize({json.dumps(MERMAID_CONFIG)})")
    page.evaluate(_JS_HELPERS)
    _browser._set_state_slot("mermaid_page", page)
    return page


def parse_details(sources: list[str]) -> list[Parsed]:
    """``mermaid.parse`` every source (one page.evaluate for the whole batch)."""
    sources = list(sources)
    if not sources:
        return []
    raw = _page().evaluate("(srcs) => window.__jdParseAll(srcs)", sources)
    return [Parsed(r["ok"], r["type"], r["error"]) for r in raw]


def parse_all(sources: list[str]) -> list[str | None]:
    """For each source: None if mermaid accepts it, else mermaid's error message."""
    return [None if p.ok else p.error for p in parse_details(sources)]


def parse(source: str) -> str | None:
    return parse_all([source])[0]


def render_details(sources: list[str]) -> list[Rendered]:
    """``mermaid.render`` every source to SVG (one page.evaluate for the batch).

    A source is ok only if render did not throw AND the SVG is not mermaid's
    "Syntax error in text" error diagram.
    """
    sources = list(sources)
    if not sources:
        return []
    raw = _page().evaluate("(srcs) => window.__jdRenderAll(srcs)", sources)
    return [Rendered(r["ok"], r["svg"], r["text"], r["error"]) for r in raw]


def render_all(sources: list[str]) -> list[str]:
    """For each source: the SVG text (starts with ``<svg``) or an error message
    (never starts with ``<svg``; see ``is_svg``)."""
    return [r.svg if r.ok else f"error: {r.error}" for r in render_details(sources)]


def render_text_all(sources: list[str]) -> list[str | None]:
    """Visible text of each rendered SVG (None where rendering failed)."""
    return [r.text if r.ok else None for r in render_details(sources)]


def is_svg(result: str) -> bool:
    return result.lstrip().startswith("<svg")


# --------------------------------------------------------------------------
# reference escaper (the findings above, executable; the generator keeps its own)

_PLACEHOLDER_PAIRS = (("\u00b6", "\u00df"), ("\ufb02", "\u00b0"))  # ¶ß  ﬂ°


def escape_text(text: str, *, journey_task: bool = False) -> str:
    """Escape ``text`` for any mermaid label/title/name context (see table).

    Raises ValueError for text that would be empty.
    """
    for a, b in _PLACEHOLDER_PAIRS:
        text = text.replace(a + b, a + "\u2060" + b)
    out = []
    for ch in text:
        if ch == "\u2060":
            out.append(ch)
        elif ch.isspace() or unicodedata.category(ch).startswith("C"):
            out.append(" ")
        elif (ch.isascii() and not ch.isalnum() and ch != " ") or ch in "\u00b6\u00b0\ufb02":
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    s = " ".join("".join(out).split())
    if not s:
        raise ValueError("mermaid text must not be empty")
    if journey_task and not s.startswith("#"):
        s = f"#{ord(s[0])};" + s[1:]
    return s

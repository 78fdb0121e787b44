"""Optional pre-rendered diagrams (``diagrams: svg`` in site.yml): mermaid → inline SVG.

Rendering uses the ``mermaidx`` package (mermaid.js in an embedded QuickJS
engine: no browser, no network).  Each SVG is cached under the cache folder by
a hash of engine version, theme and source, so an unchanged diagram is never
rendered twice.  When mermaidx is missing or a diagram fails to render, the
caller falls back to the client-side ``<pre class="mermaid">`` block.

Cache folder: ``$JOURNEYDOCS_CACHE``, else ``$XDG_CACHE_HOME/journeydocs``, else
``~/.cache/journeydocs``; SVGs live in its ``diagrams/`` folder.

A build first collects every diagram its pages will show (:class:`Collector`) and
renders those the cache lacks over all cores (:func:`prerender`), each worker keeping
one mermaid.js context for the diagram types journeydocs writes (mermaidx would build a
fresh one for every diagram, ~0.35 s of CPU, more than most drawings take). The pages
then find every SVG in the cache, in whichever process renders them.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import types
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .palette import MERMAID_THEME, THEME_VARIABLES

RenderFn = Callable[[str, str], str]
"""``(source, theme) -> svg``; raises on failure."""
THEMES = tuple(MERMAID_THEME.values())
"""Each diagram is rendered once per theme (from its source in that scheme's palette);
CSS shows the one matching the page."""
MERMAIDX_ID = "my-svg"
"""The id mermaidx gives every SVG (and prefixes its node ids and CSS with)."""
_UNSAFE = re.compile(r"<\s*(?:script|iframe|object|embed|foreignObject[^>]*\son)|\son\w+\s*="
                     r"|javascript:", re.IGNORECASE)
_ERROR = re.compile(r'aria-roledescription="error"|Syntax error in text')


def cache_dir() -> Path:
    """Where rendered SVGs are kept (see the module docstring)."""
    root = os.environ.get("JOURNEYDOCS_CACHE")
    if root:
        return Path(root) / "diagrams"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "journeydocs" / "diagrams"


def _mermaidx_render(source: str, theme: str) -> str:
    import mermaidx  # why: optional (journeydocs[svg]), loads only for diagrams: svg

    config = {"securityLevel": "strict", "flowchart": {"htmlLabels": True},
              "themeVariables": theme_variables(theme)}
    engine = _context_reuse(diagram_kind(source) in REUSABLE_KINDS)
    try:
        return mermaidx.render(source, theme=theme, config=config).svg()
    finally:
        if engine is not None:
            engine._jd_clean = engine._jd_clean and engine._jd_reuse


REUSABLE_KINDS = frozenset({"journey", "flowchart", "block-beta", "timeline", "xychart-beta"})
"""The diagram types journeydocs writes. Each clears its own state when it starts to draw,
so a mermaid.js context that drew others before draws them byte for byte as a fresh one
(``tests/test_diagrams_svg_prerender.py`` renders the sample's diagrams both ways, in two
orders). A diagram a playbook writes itself may be of a type that numbers its ids on from
the last drawing (a sequence diagram's actors): it gets a fresh context, as do the
diagrams after it."""


def diagram_kind(source: str) -> str:
    """The type keyword of a mermaid source (after its ``---`` front matter, if any)."""
    lines = iter(source.splitlines())
    for line in lines:
        word = line.strip()
        if word == "---":
            for inner in lines:
                if inner.strip() == "---":
                    break
            continue
        if word and not word.startswith("%%"):
            return word.split()[0]
    return ""


def _context_reuse(reusable: bool) -> Any:
    """Let mermaidx's QuickJS engine in this process keep its mermaid.js context for the
    next ``reusable`` diagram instead of building a fresh one (loading mermaid.js again
    costs ~0.35 s of CPU, more than most drawings: three times the speed in all). Relies
    on the engine's private ``_ensure_fresh_context``; a mermaidx without it renders as it
    always does. Returns the engine when reuse is in effect."""
    diagram = sys.modules.get("mermaidx.diagram")
    get = getattr(diagram, "_get_engine_by_name", None)
    try:
        engine = get("quickjs") if get is not None else None
    except Exception:  # noqa: BLE001 - mermaidx's own render reports what is wrong
        return None
    if engine is None or not all(hasattr(engine, name) for name in _ENGINE_PARTS):
        return None
    if not getattr(engine, "_jd_patched", False):
        engine._jd_patched, engine._jd_clean, engine._jd_reuse = True, True, False
        engine._ensure_fresh_context = types.MethodType(_ensure_context, engine)
    engine._jd_reuse = reusable
    return engine


_ENGINE_PARTS = ("_ensure_fresh_context", "_build_context", "_ctx", "_ctx_used")


def _ensure_context(engine: Any) -> None:
    """The engine's ``_ensure_fresh_context``, keeping a context that drew only reusable
    diagrams when the next one is reusable too."""
    keep = engine._jd_reuse and engine._jd_clean
    if engine._ctx is None or (engine._ctx_used and not keep):
        engine._ctx = engine._build_context()
        engine._ctx_used = False
        engine._jd_clean = True


def theme_variables(theme: str) -> dict[str, str]:
    """The palette's mermaid ``themeVariables`` for a mermaid theme (``default``, ``dark``)."""
    scheme = {name: scheme for scheme, name in MERMAID_THEME.items()}.get(theme, "light")
    return dict(THEME_VARIABLES[scheme])


def engine_version() -> str | None:
    """``"mermaidx-X.Y.Z"``, or None when mermaidx is not installed."""
    try:
        import mermaidx  # why: optional (journeydocs[svg]): None when absent
    except ImportError:
        return None
    return f"mermaidx-{mermaidx.__version__}"


class SvgRenderer:
    """Renders mermaid sources to SVG text through a cache folder."""

    def __init__(self, folder: Path, render: RenderFn, version: str):
        self.folder = Path(folder)
        self._render = render
        self.version = version
        self.rendered = 0
        """How many diagrams were rendered (not taken from the cache) — for tests and logs."""

    def key(self, source: str, theme: str) -> str:
        variables = json.dumps(theme_variables(theme), sort_keys=True)
        data = "\0".join((self.version, theme, variables, source)).encode("utf-8",
                                                                          "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def path(self, source: str, theme: str) -> Path:
        key = self.key(source, theme)
        return self.folder / key[:2] / f"{key}.svg"

    def cached(self, source: str, theme: str) -> bool:
        """Whether the cache holds this diagram already."""
        return self.path(source, theme).is_file()

    def fill(self, source: str, theme: str) -> str:
        """The raw SVG of ``source``, rendered into the cache if it is not there ("" when it
        cannot be rendered)."""
        path = self.path(source, theme)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raw = ""
        if not raw.lstrip().startswith("<svg"):
            try:
                raw = self._render(source, theme)
            except Exception:  # noqa: BLE001 — any engine failure means "use the client"
                return ""
            self.rendered += 1
            if not raw.lstrip().startswith("<svg") or _ERROR.search(raw):
                return ""
            _write(path, raw)
        return raw

    def svg(self, source: str, theme: str = "default") -> str | None:
        """The SVG of ``source`` with its own ids, or None when it cannot be rendered safely."""
        raw = self.fill(source, theme)
        if not raw or _UNSAFE.search(raw):
            return None
        return _own_ids(raw, f"jd{self.key(source, theme)[:12]}")


class Collector(SvgRenderer):
    """Notes which diagrams are asked for and renders none (the page falls back, unseen)."""

    def __init__(self, renderer: SvgRenderer):
        super().__init__(renderer.folder, renderer._render, renderer.version)
        self.wanted: dict[tuple[str, str], None] = {}

    def svg(self, source: str, theme: str = "default") -> str | None:
        self.wanted[(source, theme)] = None
        return None


_PRERENDER: dict = {}
"""What the forked workers of :func:`prerender` inherit: the renderer."""


def _forget_engines() -> None:
    """In a forked worker: drop mermaidx engines the parent started (their threads
    were not forked, so a render sent to one would wait forever)."""
    module = sys.modules.get("mermaidx.diagram")
    engines = getattr(module, "_engines", None)
    if isinstance(engines, dict):
        engines.clear()
        module._engines_lock = threading.Lock()


def _fill_one(item: tuple[str, str]) -> int:
    return 1 if _PRERENDER["renderer"].fill(*item) else 0


def prerender(renderer: SvgRenderer, wanted: Iterable[tuple[str, str]], jobs: int) -> int:
    """Render every ``(source, theme)`` the cache lacks, in ``jobs`` forked processes.

    Each worker fills the cache folder (atomic writes; a diagram that fails is
    left out and falls back to the client when its page asks for it). The largest
    sources go first, so no worker is left with a long one at the end. Returns how
    many were rendered.
    """
    todo = sorted((item for item in dict.fromkeys(wanted) if not renderer.cached(*item)),
                  key=lambda item: -len(item[0]))
    if not todo:
        return 0
    if jobs <= 1 or len(todo) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return sum(1 for item in todo if renderer.fill(*item))
    _PRERENDER["renderer"] = renderer
    try:
        # fork: the workers inherit the renderer (and nothing of mermaidx has been started
        # here, or it is forgotten in the workers); one diagram at a time, each takes ~0.5 s
        with multiprocessing.get_context("fork").Pool(min(jobs, len(todo)),
                                                       _forget_engines) as pool:
            done = sum(pool.imap_unordered(_fill_one, todo, chunksize=1))
    finally:
        _PRERENDER.clear()
    renderer.rendered += done
    return done


def _write(path: Path, text: str) -> None:
    """Write atomically; a cache that cannot be written only costs a re-render."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        pass


def _own_ids(svg: str, new_id: str) -> str:
    """Give the SVG a unique id: several diagrams on one page must not share CSS or ids."""
    return re.sub(rf"(?<=[\"'#(]){re.escape(MERMAIDX_ID)}(?=[\"'\-\s{{.,:>)])", new_id, svg)


def svg_id(svg: str) -> str:
    match = re.match(r'\s*<svg[^>]*\sid="([^"]+)"', svg)
    return match.group(1) if match else ""


def link_nodes(svg: str, links: dict[str, str]) -> str:
    """Wrap each node ``<g id="<svg id>-<block>">`` named in ``links`` in ``<a href>``.

    For diagram types without mermaid ``click`` (block-beta); URLs are the
    generator's own relative links, attribute-escaped once more.
    """
    prefix = svg_id(svg)
    for block, url in links.items():
        match = re.search(rf'<g\b[^>]*\sid="{re.escape(prefix)}-{re.escape(block)}"', svg)
        if not match:
            continue
        end = _closing_g(svg, match.start())
        if end < 0:
            continue
        svg = (svg[:match.start()] + f'<a href="{html.escape(url)}">' + svg[match.start():end]
               + "</a>" + svg[end:])
    return svg


def _closing_g(svg: str, start: int) -> int:
    """Index just after the ``</g>`` that closes the ``<g`` at ``start`` (-1: none)."""
    depth = 0
    for match in re.finditer(r"<g\b[^>]*?(/?)>|</g>", svg[start:]):
        if match.group(0) == "</g>":
            depth -= 1
            if depth == 0:
                return start + match.end()
        elif not match.group(1):
            depth += 1
    return -1


@lru_cache(maxsize=1)
def default_renderer() -> SvgRenderer | None:
    """The process's renderer (mermaidx + :func:`cache_dir`), or None without mermaidx."""
    version = engine_version()
    if version is None:
        return None
    return SvgRenderer(cache_dir(), _mermaidx_render, version)

"""The Markdown stage: storylines, persona notes and free pages → safe HTML.

One markdown-it-py parser (CommonMark + tables + strikethrough) is built at import
and shared. It is configured to be safe for untrusted playbook text:

- raw HTML is escaped (``html`` off), never passed through — unless site.yml
  opts in with ``markdown: {html: true}`` (:func:`html_allowed`), when it is kept
  but cleaned by :mod:`journeydocs.sanitize` (no scripts, handlers or unsafe URLs);
- links and images keep only ``http``, ``https``, ``mailto``, ``tel`` or relative
  targets; any other scheme (``javascript:``, ``vbscript:``, ``data:``…) leaves the
  Markdown as plain text;
- a ```` ```mermaid ```` fence becomes a ``<pre class="mermaid">`` diagram block
  through a render rule, after :func:`journeydocs.diagrams.sanitize_user_diagram`
  has removed ``%%{init}%%`` directives.

:func:`split_storyline` cuts a journey body at its level-2 headings so a heading
that names a stage (``## Browse``) becomes that stage's narrative.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from .model import Term
from . import diagrams

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

MERMAID_FLAG = "mermaid"
"""Key set to True in a render ``env`` when the text held a mermaid diagram."""
HEADING_SHIFT = "heading_shift"
"""Key of a render ``env``: demote every heading by this many levels (h2 → h3 for 1)."""


@dataclass
class Section:
    """A level-2 section of a storyline that names no stage."""

    title: str
    """The heading as plain text."""
    title_html: Markup
    """The heading's inline Markdown rendered (emphasis, code…)."""
    slug: str
    """The heading text as a slug, usable as an anchor id."""
    html: Markup
    """The section body, without its heading."""


@dataclass
class Storyline:
    """A journey body cut at its level-2 headings."""

    intro: Markup = field(default_factory=Markup)
    """Everything before the first level-2 heading."""
    stages: dict[str, Markup] = field(default_factory=dict)
    """Stage id → that stage's narrative (the heading itself dropped)."""
    others: list[Section] = field(default_factory=list)
    """Sections whose heading names no stage, in order."""
    has_diagram: bool = False
    """True when any part holds a mermaid diagram."""


def slugify(text: str) -> str:
    """``"Day 0: Sign-up!"`` → ``"day-0-sign-up"`` (accents folded, ASCII only)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")


def validate_link(url: str) -> bool:
    """True for relative targets and the schemes in :data:`SAFE_SCHEMES`.

    markdown-it hands over the URL percent-encoded; it is decoded and stripped of
    whitespace and control characters first, so ``java%09script:`` is refused too.
    """
    squeezed = _INVISIBLE_RE.sub("", unquote(url)).lower()
    match = _SCHEME_RE.match(squeezed)
    return match is None or match.group(1) in SAFE_SCHEMES


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    """Render rule: ```` ```mermaid ```` → diagram block; other fences as usual."""
    token = tokens[idx]
    language = token.info.strip().split(maxsplit=1)[0].lower() if token.info.strip() else ""
    if language != "mermaid":
        return self.fence(tokens, idx, options, env)

    env[MERMAID_FLAG] = True
    block = str(diagrams.mermaid_block(diagrams.sanitize_user_diagram(token.content))) + "\n"
    vault = env.get(_VAULT)
    return vault.protect(block) if vault is not None else block


def _heading(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    """Render rule: headings demoted by ``env[HEADING_SHIFT]`` to fit under the page's own."""
    token = tokens[idx]
    shift = env.get(HEADING_SHIFT, 0)
    if shift:
        token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return self.renderToken(tokens, idx, options, env)


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    """Render rule: a table scrolls inside its own box on narrow screens."""
    return '<div class="table-wrap" tabindex="0">\n' + self.renderToken(tokens, idx, options, env)


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


_INTERNAL_OPEN = re.compile(r":::+[ \t]*internal[ \t]*\Z", re.IGNORECASE)
_CONTAINER_OPEN = re.compile(r":::+[ \t]*\S")
_CONTAINER_CLOSE = re.compile(r":::+[ \t]*\Z")
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})")
INTERNAL_LABEL = "internal_label"
"""Key of a render ``env``: the label of ``::: internal`` blocks (default "Internal")."""


def _internal_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """Block rule: ``::: internal`` … ``:::`` → an aside marked Internal.

    External builds never get here: :func:`journeydocs.share.audience.strip_internal_blocks`
    removes these blocks from the source first, with the same fence and nesting rules.
    """
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not _INTERNAL_OPEN.match(line.strip()):
        return False
    if silent:
        return True
    depth, fence, close = 1, "", end
    for nxt in range(start + 1, end):
        text = state.src[state.bMarks[nxt] + state.tShift[nxt]:state.eMarks[nxt]].rstrip()
        match = _FENCE_OPEN.match(text) if state.sCount[nxt] - state.blkIndent < 4 else None
        if fence:
            fence = "" if match and text.startswith(fence) else fence
        elif match:
            fence = match.group(1)
        elif _CONTAINER_CLOSE.match(text):
            depth -= 1
            if depth == 0:
                close = nxt
                break
        elif _CONTAINER_OPEN.match(text):
            depth += 1
    old_max, old_parent = state.lineMax, state.parentType
    state.lineMax, state.parentType = close, "internal"
    token = state.push("internal_open", "aside", 1)
    token.block, token.map, token.markup = True, [start, close], ":::"
    state.md.block.tokenize(state, start + 1, close)
    token = state.push("internal_close", "aside", -1)
    token.block, token.markup = True, ":::"
    state.lineMax, state.parentType = old_max, old_parent
    state.line = min(close + 1, end)
    return True


def _internal_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    label = escape(env.get(INTERNAL_LABEL, _INTERNAL_TEXT.get()))
    return (f'<aside class="card internal-block">\n<p class="internal-block-label">'
            f'<span class="badge badge--internal">{label}</span></p>\n')


def _internal_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    return "</aside>\n"


def _build_parser(html: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = validate_link  # type: ignore[method-assign]
    md.add_render_rule("fence", _fence)
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.block.ruler.before("fence", "internal_block", _internal_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.add_render_rule("internal_open", _internal_open)
    md.add_render_rule("internal_close", _internal_close)
    return md


MD = _build_parser()
"""The shared parser; build no other (but :data:`MD_HTML`)."""
MD_HTML = _build_parser(html=True)
"""The same parser with raw HTML on, for playbooks that opt in; its output is sanitized."""
_ALLOW_HTML: ContextVar[bool] = ContextVar("journeydocs_markdown_html", default=False)
_VAULT = "_journeydocs_vault"
"""Key of a render ``env`` (opt-in mode): trusted diagram blocks kept out of the sanitizer."""


@contextmanager
def html_allowed(allowed: bool) -> Iterator[None]:
    """Render Markdown inside this block with raw HTML kept (and sanitized) when ``allowed``.

    The render stage wraps a site's rendering in it with ``config.markdown_html``.
    """
    token = _ALLOW_HTML.set(bool(allowed))
    try:
        yield
    finally:
        _ALLOW_HTML.reset(token)


_INTERNAL_TEXT: ContextVar[str] = ContextVar("journeydocs_internal_label", default="Internal")


def use_site_options(*, html: bool, internal_label: str) -> None:
    """Set the Markdown options of the site about to be rendered.

    The render stage calls this when it prepares a site: ``html`` is
    ``config.markdown_html``, ``internal_label`` the site language's word for
    "Internal".  Set, not scoped, because pages render lazily (and in forked
    workers) after preparation returns; one site renders at a time per process.
    """
    _ALLOW_HTML.set(bool(html))
    _INTERNAL_TEXT.set(internal_label)


def _parser() -> MarkdownIt:
    return MD_HTML if _ALLOW_HTML.get() else MD


def _finish(html: str, env: dict) -> Markup:
    """Opt-in mode: clean the rendered HTML, then put the trusted diagram blocks back."""
    vault = env.pop(_VAULT, None)
    if vault is None:
        return Markup(html)
    from .sanitize import clean_html  # why: nh3 loads only for playbooks that opt in

    return Markup(vault.restore(clean_html(html)))


def _start(env: dict) -> dict:
    if _ALLOW_HTML.get():
        from .sanitize import Vault  # why: nh3 loads only for playbooks that opt in

        env[_VAULT] = Vault()
    return env


def render_markdown(text: str, env: dict | None = None) -> Markup:
    """Markdown → safe HTML.

    ``env`` may set :data:`HEADING_SHIFT`; :data:`MERMAID_FLAG` is set in it when the
    text held a diagram.
    """
    if not text or not text.strip():
        return Markup("")
    env = _start(env if env is not None else {})
    return _finish(_parser().render(text, env), env)


def _render_tokens(tokens: list[Token], env: dict) -> Markup:
    if not tokens:
        return Markup("")
    md = _parser()
    return _finish(md.renderer.render(tokens, md.options, _start(env)), env)


def _match_stage(heading: str, stages: Sequence[Term]) -> str | None:
    """The id of the stage a heading names, by id, name (any case) or slug."""
    text = heading.strip()
    lowered = text.casefold()
    slug = slugify(text)
    for stage in stages:
        if lowered in (stage.id.casefold(), stage.name.strip().casefold()):
            return stage.id
    for stage in stages:
        if slug and slug in (stage.id, slugify(stage.name)):
            return stage.id
    return None


def _plain_text(inline: Token) -> str:
    """The text of an inline token with its markup dropped."""
    return "".join(child.content for child in inline.children or ()
                   if child.type in ("text", "code_inline"))


def _chunks(tokens: list[Token]) -> list[tuple[Token | None, list[Token]]]:
    """Cut a token stream before each top-level ``<h2>``: (heading inline or None, body)."""
    chunks: list[tuple[Token | None, list[Token]]] = [(None, [])]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            chunks.append((tokens[i + 1], []))
            i += 3  # heading_open, inline, heading_close
            continue
        chunks[-1][1].append(token)
        i += 1
    return chunks


def split_storyline(body: str, stages: Sequence[Term]) -> Storyline:
    """Cut a journey body into intro, per-stage narratives and other sections.

    A level-2 heading names a stage when its text equals the stage id or name
    (case-insensitively) or its slug equals the id or the name's slug. Two headings
    naming one stage are joined.
    """
    env: dict = {}
    tokens = _parser().parse(body or "", env)
    story = Storyline()
    stage_parts: dict[str, list[Markup]] = {}
    for inline, chunk in _chunks(tokens):
        if inline is None:
            story.intro = _render_tokens(chunk, env)
            continue
        heading = _plain_text(inline)
        stage_id = _match_stage(heading, stages)
        if stage_id is None:
            md = _parser()
            title_html = _finish(md.renderer.renderInline(inline.children or [], md.options,
                                                          _start(env)), env)
            story.others.append(Section(title=heading, title_html=title_html,
                                        slug=slugify(heading), html=_render_tokens(chunk, env)))
            continue
        env[HEADING_SHIFT] = 1  # a stage narrative sits under the stage's <h3>
        stage_parts.setdefault(stage_id, []).append(_render_tokens(chunk, env))
        env[HEADING_SHIFT] = 0
    story.stages = {sid: Markup("").join(parts) for sid, parts in stage_parts.items()}
    story.has_diagram = bool(env.get(MERMAID_FLAG))
    return story

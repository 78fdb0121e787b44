"""Turning user text into mermaid source text that shows exactly that text.

Mermaid has no general quoting, and what a string may contain differs per place
(flowchart quoted label, journey title / section / task / actor).  The tools are
the same everywhere, though, and were checked against the vendored mermaid
(12.3.0) in headless Chromium by ``tests/test_diagrams.py``:

* **Entity codes.**  Before any diagram is parsed, mermaid's ``encodeEntities``
  replaces every ``#<word>;`` with a placeholder (``ﬂ°°NNN¶ß``) that contains no
  syntax character, and its renderers turn the placeholder back into ``&#NNN;``.
  So ``#58;`` is a ``:`` the parser never sees.  This works in flowchart labels,
  subgraph titles, ``accTitle`` and in *every* journey field (title, section,
  task, actor), so no lookalike characters (``∶`` for ``:``) are needed.
* **Whitespace.**  Newlines, tabs, other control characters and every Unicode
  space become one plain space; runs collapse; ends are trimmed (the renderers
  collapse HTML whitespace anyway, and a newline would end the statement).
* **Length.**  Labels longer than :data:`MAX_LABEL` characters are cut at an
  (approximate) grapheme boundary and end with ``…`` — the only lossy step.
* **Word joiner.**  U+2060 (invisible, zero width) is inserted inside
  character pairs that mermaid would otherwise reinterpret *after* decoding:
  ``ﬂ°`` and ``¶ß`` (its placeholder syntax, decoded once more over the whole
  SVG) and, in flowchart labels, ``$$`` (which starts KaTeX math).
* **Empty text** becomes a no-break space, because an empty string is a syntax
  error in several places.

Each ``escape_*`` function below returns text for one context only; use the one
that matches where the text goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps

MAX_LABEL = 80
"""Longest text (in code points) a diagram shows; longer text ends with ``…``."""
ELLIPSIS = "…"
WORD_JOINER = "\u2060"
"""Invisible separator inserted to break sequences mermaid would reinterpret."""
EMPTY = "#160;"
"""What an empty text becomes (a no-break space): mermaid rejects empty strings."""

_PLACEHOLDER_PAIRS = (("\ufb02", "\u00b0"), ("\u00b6", "\u00df"))  # ﬂ° and ¶ß
_KATEX_PAIRS = (("$", "$"),)
_ICON = re.compile(r"(fa[bklrs]?:)(fa-)", re.IGNORECASE)
"""Mermaid's icon syntax (``fa:fa-car``), matched as its renderer matches it."""
_ACTOR_SPECIAL = frozenset("#;:,%<")
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")


def plain_text(text: object, limit: int = MAX_LABEL) -> str:
    """The text a diagram shows for ``text``: one line, trimmed, at most ``limit`` long.

    Control characters and all whitespace (newlines, tabs, U+2028, no-break
    spaces…) become single spaces; lone surrogates become U+FFFD.  Text longer
    than ``limit`` code points is cut (never inside a combining sequence, emoji
    ZWJ sequence or skin-tone modifier) and ends with ``…``.
    """
    return _plain_text(str(text), limit)


@lru_cache(maxsize=8192)
def _plain_text(text: str, limit: int) -> str:
    if not text.isascii():
        text = _SURROGATES.sub("\ufffd", text)
    flat = _BLANKS.sub(" ", text).strip(" ")
    if len(flat) <= limit:
        return flat
    cut = max(1, limit - 1)
    while cut > 1 and _continues_grapheme(flat, cut):
        cut -= 1
    return flat[:cut].rstrip(" ") + ELLIPSIS


def _blank(ch: str) -> bool:
    """What :func:`plain_text` turns into a space: control characters and whitespace."""
    return unicodedata.category(ch) == "Cc" or ch.isspace()


_LAST_BLANK = 0x3000
"""No code point above U+3000 (ideographic space) is a control character or whitespace
(``tests/test_escape_tables.py`` checks every code point)."""
_BLANKS = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
"""Runs of control characters and whitespace: each run becomes one space. Written out
rather than found by :func:`_blank` over 12,000 code points at every start
(``tests/test_escape_tables.py`` checks it against :func:`_blank`)."""
_SURROGATES = re.compile("[\ud800-\udfff]")
"""Lone surrogates (category Cs), shown as U+FFFD."""


def _cached(escaper: Callable[[str, int], str]) -> Callable[..., str]:
    """``escaper`` remembering its recent answers (the same names recur in every diagram)."""
    remembered = lru_cache(maxsize=4096)(escaper)

    @wraps(escaper)
    def escape(text: object, limit: int = MAX_LABEL) -> str:
        return remembered(str(text), limit)

    return escape


def _continues_grapheme(text: str, i: int) -> bool:
    """True if cutting before ``text[i]`` would split what shows as one character."""
    ch, before = text[i], text[i - 1]
    return (unicodedata.category(ch).startswith("M") or ch in _JOINERS
            or before == "\u200d" or 0x1F3FB <= ord(ch) <= 0x1F3FF)


def _entity(ch: str) -> str:
    return f"#{ord(ch)};"


def _join_pairs(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for first, second in pairs:
        if first + second not in text:
            continue
        text = text.replace(first + second, first + WORD_JOINER + second)
        # a run such as "$$$" needs a second pass for the overlapping pair
        text = text.replace(first + second, first + WORD_JOINER + second)
    return text


def _is_plain(ch: str) -> bool:
    """The characters left as they are: ASCII letters/digits, space, letters of any script."""
    return ch == " " or (ch.isascii() and ch.isalnum()) or unicodedata.category(ch).startswith("L")


class _Codes(dict):
    """A ``str.translate`` table filled on first use: code point → itself, or ``#NNN;``."""

    def __init__(self, keep: Callable[[str], bool]):
        super().__init__()
        self.keep = keep

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        value = self[cp] = ch if self.keep(ch) else _entity(ch)
        return value


def _encode(text: str, keep: Callable[[str], bool] | _Codes, *, first: bool = False) -> str:
    """``text`` with every character ``keep`` rejects (and the first, if asked) as ``#NNN;``."""
    if not text:
        return EMPTY
    codes = keep if isinstance(keep, _Codes) else _TABLES.get(keep)
    if codes is None:
        codes = _Codes(keep)
    if first:
        return _entity(text[0]) + text[1:].translate(codes)
    return text.translate(codes)


@_cached
def escape_label(text: object, limit: int = MAX_LABEL) -> str:
    """Text for inside a *quoted* flowchart label: ``t0("…")``, ``subgraph s0["…"]``.

    Everything but ASCII letters/digits, spaces and letters of any script is
    written as ``#NNN;``: the quoted-string grammar ends at ``"``, and mermaid
    gives meaning to ``%%`` (comments, ``%%{init}%%`` directives, even inside
    quotes), ``<tags>`` (labels are HTML), ``fa:fa-…`` (icons), ``*``/`` ` ``
    (markdown) and ``#…;`` (entities).  After decoding, those characters are
    text.  ``$$`` gets a word joiner so it cannot start KaTeX math.  The caller
    adds the quotes; the result never contains ``"``, a newline, or ``%``.
    """
    shown = _join_pairs(plain_text(text, limit), _PLACEHOLDER_PAIRS + _KATEX_PAIRS)
    # Some diagram types (block-beta) decode entities before looking for icons,
    # so ``fa#58;fa#45;car`` would still become an icon: break the ``:fa-`` itself.
    shown = _ICON.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), shown)
    return _encode(shown, _is_plain)


@_cached
def escape_title(text: object, limit: int = MAX_LABEL) -> str:
    """Text after ``title`` in a journey, or after ``accTitle:`` in any diagram.

    The journey grammar reads ``title\\s[^#\\n;]+`` and ``accTitle`` takes the
    rest of the line, so ``#``, ``;`` and newlines must not appear raw, and
    ``%%`` must not either (comments, directives).  Everything but letters,
    digits and spaces is written as ``#NNN;``, which mermaid decodes in both.
    """
    shown = _join_pairs(plain_text(text, limit), _PLACEHOLDER_PAIRS)
    return _encode(shown, _is_plain)


def escape_section(text: object, limit: int = MAX_LABEL) -> str:
    """Text after ``section`` in a journey diagram.

    The grammar reads ``section\\s[^#:\\n;]+``: a raw ``:`` ends the section
    name and ``#`` starts a comment.  Same encoding as :func:`escape_title`;
    mermaid decodes ``#NNN;`` in section names (checked with a real render).
    """
    return escape_title(text, limit)


@_cached
def escape_task(text: object, limit: int = MAX_LABEL) -> str:
    """A journey task's text: the part before ``: score: actors``.

    The grammar reads ``[^#:\\n;]+``, so ``:`` (which would end the text and be
    read as the score), ``#`` and ``;`` must be encoded; and a task that starts
    with ``section ``, ``title ``, ``journey`` or ``accDescr`` would be read as
    that statement.  So, besides the :func:`escape_title` encoding, the first
    character is *always* written as ``#NNN;`` — the lexer then sees a
    placeholder, never a keyword; the reader sees the character.
    """
    shown = _join_pairs(plain_text(text, limit), _PLACEHOLDER_PAIRS)
    return _encode(shown, _is_plain, first=True)


def _actor_plain(ch: str) -> bool:
    """Raw in an actor name: printable ASCII but ``#;:,%<``, and non-ASCII
    letters, marks, numbers, punctuation and symbols (emoji)."""
    if ch in _ACTOR_SPECIAL:
        return False
    if ch.isascii():
        return ch.isprintable()
    return unicodedata.category(ch)[0] in "LMNPS"


@_cached
def escape_actor(text: object, limit: int = MAX_LABEL) -> str:
    """One actor name in a journey task (``: 3: Maria, Ana``).

    The actors are split on ``,`` and ``:`` and the data ends at ``#``/``;``,
    so those are encoded, as are ``%`` (comments, directives) and ``<``
    (mermaid rewrites ``<tag …>`` and turns ``<br>`` into a space in the
    legend).  Other punctuation and symbols stay raw on purpose: the legend
    measures the *encoded* text to wrap long words, and a long run of
    ``#NNN;`` codes would be split mid-code and show as ``&#-``.  The first
    character is always encoded, because mermaid keys actors in a plain JS
    object and an actor named ``__proto__`` would vanish from the legend.
    """
    shown = _join_pairs(plain_text(text, limit), _PLACEHOLDER_PAIRS)
    return _encode(shown, _actor_plain, first=True)


_TABLES = {_is_plain: _Codes(_is_plain), _actor_plain: _Codes(_actor_plain)}
"""One growing table per rule, shared by every diagram of the build."""

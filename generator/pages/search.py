"""The offline search index: every journey, touchpoint, persona, content item,
storyline section and free page as one small script, ``assets/search-index.js``.

The index is a JavaScript file that sets a global rather than a JSON file, because
a page opened from ``file://`` may not ``fetch()`` its neighbours but may always
load a ``<script>``. ``theme/assets/js/search.js`` loads it on first use and folds
diacritics on both sides, so the index keeps the text as written.

Each item is a short list ``[kind, title, url, parent, text]``:

- ``kind`` indexes :data:`KINDS`;
- ``url`` is site-root-relative, except: ``""`` is the parent's page (content
  items), ``"#x"`` an anchor on it (storyline sections), and a bare name with no
  ``/`` a page in the parent's folder (touchpoint ``t`` of ``journeys/j.html`` is
  ``journeys/j/t.html``). Leaving out what the parent says keeps a 1,000-journey
  index about a megabyte smaller;
- ``parent`` is the index of the item this one belongs to (``-1``: none), shown
  as "in …" beside the result;
- ``text`` is more searchable words (summary, does, role…), shown as a snippet.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Iterator

from .. import urls
from ..markdown import _match_stage  # the journey page's rule for "this heading is a stage"
from ..markdown import slugify
from ..model import Journey, Playbook
from ..render.common import stage_name
from ..i18n.strings import label
from ..render.site import OutputFile

if TYPE_CHECKING:
    from ..render.site import Site

INDEX_PATH = urls.asset("search-index.js")
GLOBAL = "journeydocsSearch"
KINDS = ("journey", "touchpoint", "persona", "content", "storyline", "page")
"""Result groups, in the order the results list shows them."""
SNIPPET = 140
"""Characters of body text kept per storyline section or free page (not full text:
1,000 journeys of full storylines would make the index several megabytes)."""

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_H2_RE = re.compile(r"^ {0,3}##[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCED_RE = re.compile(r"(?ms)^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"(?m)^ {0,3}(?:#{1,6}|>|[-*+]|\d+[.)]|:::.*$)[ \t]|[*_`|~]|^[ \t]*[-:| ]{3,}$")
_SPACE_RE = re.compile(r"\s+")


def pages(site: Site) -> Iterator[OutputFile]:
    """The search index as a file of the site."""
    yield OutputFile(INDEX_PATH, index_script(site.playbook, site.t).encode("utf-8"))


def index_script(playbook: Playbook, t) -> str:
    """``window.journeydocsSearch = {...};`` for ``playbook``."""
    data = {
        "kinds": list(KINDS),
        "labels": {kind: t[f"kind.{kind}"] for kind in KINDS},
        "items": build_items(playbook, t),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON.parse of a string literal is parsed faster than an object literal this big;
    # "<" is escaped so no "</script>" can appear even if the file is ever inlined.
    literal = json.dumps(payload, ensure_ascii=False).replace("<", "\\u003c")
    return f"window.{GLOBAL}=JSON.parse({literal});\n"


def build_items(playbook: Playbook, t) -> list[list]:
    items: list[list] = []
    channels = {term.id: term.name for term in playbook.config.channels}

    def add(kind: str, title: str, url: str, parent: int = -1, *text: str) -> int:
        items.append([KINDS.index(kind), title, url, parent, _join(*text)])
        return len(items) - 1

    for journey in sorted(playbook.journeys.values(), key=lambda j: (j.title.casefold(), j.id)):
        persona_names = [playbook.personas[p].name for p in journey.personas
                         if p in playbook.personas]
        j = add("journey", journey.title, urls.journey(journey.id), -1, journey.summary,
                label(t, "status", journey.status), label(t, "type", journey.type),
                *persona_names)
        for tp in journey.touchpoints:
            # its page is journeys/<journey>/<id>.html: the bare id says it (module doc)
            tp_index = add("touchpoint", tp.name, tp.id, j, stage_name(journey, tp.stage),
                           channels.get(tp.channel, tp.channel), tp.does)
            for item in tp.content:
                add("content", item.title, "", tp_index, item.type)
        for anchor, title, text in storyline_sections(journey, t):
            add("storyline", title, anchor, j, text)
    for persona in sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id)):
        add("persona", persona.name, urls.persona(persona.id), -1, persona.role,
            persona.segment, persona.quote)
    for page in sorted(playbook.pages.values(), key=lambda p: (p.order, p.title.casefold())):
        add("page", page.title, urls.page(page.id), -1, _snippet(_FENCED_RE.sub(" ", page.body)))
    return items


def storyline_sections(journey: Journey, t) -> Iterator[tuple[str, str, str]]:
    """(anchor on the journey page, title, start of the text) per storyline section.

    A line scan, not a Markdown parse: parsing every storyline a second time took
    longer than writing the rest of the index. It cuts at top-level ``## `` headings
    outside code fences and names stage sections the way the journey page does.
    """
    sections: dict[str, list] = {}
    anchor, title = "#storyline", t["storyline"]
    fence = ""
    for line in journey.body.splitlines():
        opened = _FENCE_RE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = _H2_RE.match(line)
        if heading:
            title = _plain(heading.group(1))
            stage_id = _match_stage(title, journey.stages)
            anchor = f"#stage-{stage_id}" if stage_id else f"#story-{slugify(title)}"
            if stage_id:
                title = stage_name(journey, stage_id)
            sections.setdefault(anchor, [title, []])
            continue
        sections.setdefault(anchor, [title, []])[1].append(line)
    for anchor, (title, lines) in sections.items():
        text = _snippet(" ".join(lines))
        if text or anchor != "#storyline":
            yield anchor, title, text


def _plain(markdown: str) -> str:
    """Markdown source as rough plain text: links keep their words, markup goes."""
    text = _LINK_RE.sub(r"\1", markdown)
    return _SPACE_RE.sub(" ", _MARKUP_RE.sub(" ", text)).strip()


def _snippet(markdown: str) -> str:
    """The first :data:`SNIPPET` characters of Markdown as plain text, cut at a word."""
    text = _plain(markdown[:SNIPPET * 3])
    if len(text) <= SNIPPET:
        return text
    cut = text.rfind(" ", 0, SNIPPET)
    return text[:cut if cut > SNIPPET // 2 else SNIPPET] + "…"


def _join(*parts: str) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())

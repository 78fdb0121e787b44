"""The offline search index: every journey, touchpoint, persona, content item,
storyline section and free page as one small script, ``assets/search-index.js``.

The index is a JavaScript file that sets a global rather than a JSON file, because
a page opened from ``file://`` may not ``fetch()`` its neighbours but may always
load a ``<script>``. ``theme/assets/js/search.js`` loads it on first use and folds
diacritics on both sides, so the index keeps the text as written.

Each item is a short list ``[kind, title, url, parent, text]``:

- ``kind`` indexes :data:`KINDS`;
- ``url`` is site-root-relative; ``""`` means "the parent's page" and ``"#x"`` an
  anchor on it (content items, storyline sections), which keeps 1,000-journey
  indexes small;
- ``parent`` is the index of the item this one belongs to (``-1``: none), shown
  as "in …" beside the result;
- ``text`` is more searchable words (summary, does, role…), shown as a snippet.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Iterator

from . import urls
from .markdown import render_markdown, split_storyline
from .model import Journey, Playbook
from .render_common import channel_name, stage_name
from .render_strings import label

if TYPE_CHECKING:
    from .render import OutputFile, Site

INDEX_PATH = urls.asset("search-index.js")
GLOBAL = "journeydocsSearch"
KINDS = ("journey", "touchpoint", "persona", "content", "storyline", "page")
"""Result groups, in the order the results list shows them."""
SNIPPET = 240
"""Characters of body text kept per storyline section or free page (not full text:
1,000 journeys of full storylines would make the index several megabytes)."""

_PRE_RE = re.compile(r"<pre\b.*?</pre>", re.S)  # diagram sources and code are not prose
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def pages(site: Site) -> Iterator[OutputFile]:
    """The search index as a file of the site."""
    from .render import OutputFile

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
            tp_index = add("touchpoint", tp.name, urls.touchpoint(journey.id, tp.id), j,
                           stage_name(journey, tp.stage), channel_name(playbook, tp.channel),
                           tp.does)
            for item in tp.content:
                add("content", item.title, "", tp_index, item.type, item.language)
        for anchor, title, text in storyline_sections(journey, t):
            add("storyline", title, anchor, j, text)
    for persona in sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id)):
        add("persona", persona.name, urls.persona(persona.id), -1, persona.role,
            persona.segment, persona.quote)
    for page in sorted(playbook.pages.values(), key=lambda p: (p.order, p.title.casefold())):
        add("page", page.title, urls.page(page.id), -1, _snippet(render_markdown(page.body)))
    return items


def storyline_sections(journey: Journey, t) -> Iterator[tuple[str, str, str]]:
    """(anchor on the journey page, title, start of the text) per storyline section."""
    if not journey.body.strip():
        return
    story = split_storyline(journey.body, journey.stages)
    if story.intro:
        yield "#storyline", t["storyline"], _snippet(story.intro)
    for stage_id, narrative in story.stages.items():
        yield f"#stage-{stage_id}", stage_name(journey, stage_id), _snippet(narrative)
    for section in story.others:
        yield f"#story-{section.slug}", section.title, _snippet(section.html)


def _snippet(markup: str) -> str:
    """Plain text of rendered Markdown, cut at a word near :data:`SNIPPET` characters."""
    text = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", _PRE_RE.sub(" ", str(markup))))).strip()
    if len(text) <= SNIPPET:
        return text
    cut = text.rfind(" ", 0, SNIPPET)
    return text[:cut if cut > SNIPPET // 2 else SNIPPET] + "…"


def _join(*parts: str) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())

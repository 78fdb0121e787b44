"""What the search finds: every journey, touchpoint, persona, content item, storyline
section and free page as a :class:`Doc` holding all of its words.

Full text, not snippets: a reader searches for the word they remember ("printer",
"nightly batch"), and that word is as likely to sit in a pain point, an opportunity
or the tenth line of a storyline section as in a title. :mod:`.search` turns the
documents into the split, on-demand index; this module only says what each one holds
and how text is cut into the words both sides (Python here, ``search.js`` in the
browser) agree on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from .. import urls
from ..markdown import _match_stage  # the journey page's rule for "this heading is a stage"
from ..markdown import slugify
from ..model import Journey, Playbook, Touchpoint
from ..render.common import stage_name, team_name
from ..i18n.strings import label

KINDS = ("journey", "touchpoint", "persona", "content", "storyline", "page")
"""Result groups, in the order the results list shows them (and the index numbers them)."""

_FOLD_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
                             "þ": "th", "ł": "l", "ı": "i", "ŀ": "l", "ħ": "h"})
_FOLD_EXTRA_RE = re.compile("[øæœßđðþłıŀħ]")
_MARKS_RE = re.compile("[\u0300-\u036f]+")
CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
"""Scripts written without spaces: each character is a word of its own."""
WORD_RE = re.compile(f"[{CJK}]|[^\\W_{CJK}]{{2,40}}")
"""A word: a run of two to forty letters and digits, or one CJK character
(``search.js`` has the same rule). One Latin letter matches too much to be worth
looking up; a longer run (a hash) is cut into pieces that are all indexed."""

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_H2_RE = re.compile(r"^ {0,3}##[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCED_RE = re.compile(r"(?ms)^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"(?m)^ {0,3}(?:#{1,6}|>|[-*+]|\d+[.)]|:::.*$)[ \t]|[*_`|~]|^[ \t]*[-:| ]{3,}$")
_TAG_RE = re.compile(r"<[^>\n]{1,200}>")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Doc:
    """One search result: what it is, where it leads and every word it holds."""

    kind: str
    """One of :data:`KINDS`."""
    title: str
    url: str
    """Site-root-relative, with an ``#anchor`` for storyline sections."""
    where: str
    """The title of what it belongs to ("in …" beside the result), or ""."""
    text: str
    """Plain text, as written: the words it is found by besides its title, and the
    passage a result shows."""


def fold(text: str) -> str:
    """Lower case without diacritics, as ``search.js``'s ``fold`` (ø, æ, ß… by hand:
    they do not decompose in Unicode)."""
    lower = text.lower()
    if lower.isascii():
        return lower
    folded = _MARKS_RE.sub("", unicodedata.normalize("NFD", lower))
    return folded.translate(_FOLD_EXTRA) if _FOLD_EXTRA_RE.search(folded) else folded


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (repeats kept)."""
    return WORD_RE.findall(fold(text))


def word_set(text: str) -> set[str]:
    """The distinct folded words of ``text``."""
    return set(WORD_RE.findall(fold(text)))


def documents(playbook: Playbook, t: Mapping[str, str]) -> list[Doc]:
    """Every document of the playbook, grouped by kind in :data:`KINDS` order; within a
    kind journeys (and what they hold) by title, free pages by their ``order``."""
    found: dict[str, list[Doc]] = {kind: [] for kind in KINDS}
    journeys = sorted(playbook.journeys.values(), key=lambda j: (j.title.casefold(), j.id))
    for journey in journeys:
        found["journey"].append(_journey_doc(playbook, journey, t))
        for tp in journey.touchpoints:
            page = urls.touchpoint(journey.id, tp.id)
            found["touchpoint"].append(Doc("touchpoint", tp.name, page, journey.title,
                                           _touchpoint_text(playbook, journey, tp)))
            for item in tp.content:
                found["content"].append(Doc("content", item.title, page,
                                            f"{tp.name} · {journey.title}",
                                            _join(item.type, item.language)))
        page = urls.journey(journey.id)
        for anchor, title, text in storyline_sections(journey, t):
            found["storyline"].append(Doc("storyline", title, page + anchor, journey.title, text))
    for persona in sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id)):
        found["persona"].append(Doc("persona", persona.name, urls.persona(persona.id), "", _join(
            persona.role, persona.segment, persona.quote, *persona.goals, *persona.needs,
            *persona.pain_points, *persona.motivations, plain(persona.body))))
    for page in sorted(playbook.pages.values(), key=lambda p: (p.order, p.title.casefold(), p.id)):
        found["page"].append(Doc("page", page.title, urls.page(page.id), "",
                                 plain(_FENCED_RE.sub(" ", page.body))))
    return [doc for kind in KINDS for doc in found[kind]]


def _journey_doc(playbook: Playbook, journey: Journey, t: Mapping[str, str]) -> Doc:
    personas = [playbook.personas[p].name for p in journey.personas if p in playbook.personas]
    goals = [part for g in journey.goals or ([journey.goal] if journey.goal else [])
             for part in (g.metric, g.baseline, g.target, g.actual,
                          "" if g.source_is_link else g.source)]
    entry, platform, pillars = journey.entry, journey.platform, journey.pillars
    return Doc("journey", journey.title, urls.journey(journey.id), "", _join(
        journey.summary, label(t, "status", journey.status), label(t, "type", journey.type),
        *personas, team_name(playbook, journey.owner) if journey.owner else "", *goals,
        entry.trigger, entry.source, *entry.criteria, entry.re_entry, *journey.exit,
        journey.sponsor, journey.lead, platform.tool, platform.status,
        pillars.audience, pillars.data, pillars.content, pillars.channels))


def _touchpoint_text(playbook: Playbook, journey: Journey, tp: Touchpoint) -> str:
    channel = playbook.channels.get(tp.channel)
    return _join(
        stage_name(journey, tp.stage) if not journey.implicit_stage else "",
        channel.name if channel else tp.channel, tp.timing,
        tp.does, tp.thinks, tp.feels, tp.expectation, tp.reality,
        *tp.pain_points, *(part for o in tp.opportunities for part in (o.title, o.description)),
        tp.key_moment, plain(tp.description), *tp.frontstage, *tp.backstage, *tp.props,
        *tp.systems, *tp.data, *tp.next_when.values(),
        *(text for value in tp.lanes.values() for text in _values(value)))


def _values(value: Any) -> Iterator[str]:
    """A custom lane's value as text (lists item by item)."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def storyline_sections(journey: Journey, t: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """(anchor on the journey page, title, whole text) per storyline section.

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
            title = plain(heading.group(1))
            stage_id = _match_stage(title, journey.stages)
            anchor = f"#stage-{stage_id}" if stage_id else f"#story-{slugify(title)}"
            if stage_id:
                title = stage_name(journey, stage_id)
            sections.setdefault(anchor, [title, []])
            continue
        sections.setdefault(anchor, [title, []])[1].append(line)
    for anchor, (title, lines) in sections.items():
        text = plain("\n".join(lines))
        if text or anchor != "#storyline":
            yield anchor, title, text


def plain(markdown: str) -> str:
    """Markdown source as rough plain text: links keep their words, markup goes."""
    if not markdown:
        return ""
    text = _TAG_RE.sub(" ", _LINK_RE.sub(r"\1", markdown))
    return _SPACE_RE.sub(" ", _MARKUP_RE.sub(" ", text)).strip()


def _join(*parts: str) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())

"""What an import makes before anything is written: a :class:`Draft` of files.

Every source kind (spreadsheet, mermaid, playbook.json) fills a Draft; the writer
turns it into site.yml entries and Markdown files. :class:`Vocab` resolves the names a
source uses (a stage "Köp", a channel "E-mail") against the playbook's vocabularies,
adding what is new with a slug id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .columns import normal, slugify

VOCABULARIES = ("stages", "channels", "teams")


@dataclass(frozen=True)
class Note:
    """Something a source held that the import could not map as written."""

    source: str
    row: int
    message: str
    hint: str = ""
    error: bool = False
    """An error stops the import before anything is written; a warning is printed."""

    def format(self) -> str:
        where = f"{self.source}:{self.row}" if self.row else self.source
        text = f"{where}: {'' if self.error else 'warning: '}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def make_slug(text: object, fallback: str = "item", limit: int = 60) -> str:
    """A lower-case slug id for any text (``Søren's café`` → ``sorens-cafe``)."""
    slug = slugify(normal(str(text).replace("'", "").replace("’", "")))
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or fallback


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` … when it is taken; the result is then taken."""
    found, n = slug, 2
    while found in taken:
        found, n = f"{slug}-{n}", n + 1
    taken.add(found)
    return found


class Vocab:
    """One vocabulary (stages, channels or teams): known terms, and those an import adds."""

    def __init__(self, kind: str, terms: list[dict] | None = None):
        self.kind = kind
        self.terms: list[dict] = [dict(t) for t in terms or []]
        self.added: list[dict] = []
        self._by_key: dict[str, str] = {}
        for term in self.terms:
            self._remember(term)

    def _remember(self, term: dict) -> None:
        for key in (term["id"], normal(term["id"]), normal(term.get("name", ""))):
            if key:
                self._by_key.setdefault(key, term["id"])

    def find(self, text: str) -> str | None:
        return self._by_key.get(text) or self._by_key.get(normal(text))

    def resolve(self, text: str) -> str:
        """The id of the term named (or with the id) ``text``; added when unknown."""
        found = self.find(text)
        if found:
            return found
        term = {"id": unique(make_slug(text, self.kind[:-1]), {t["id"] for t in self.terms}),
                "name": " ".join(str(text).split())}
        self.terms.append(term)
        self.added.append(term)
        self._remember(term)
        return term["id"]

    def name(self, term_id: str) -> str:
        return next((t.get("name", term_id) for t in self.terms if t["id"] == term_id), term_id)


@dataclass
class DraftJourney:
    id: str
    front: dict[str, Any]
    """The journey's front matter, in the order it is written."""
    body: str = ""
    source: str = ""


@dataclass
class Draft:
    """Everything one import would write."""

    vocabs: dict[str, Vocab] = field(default_factory=lambda: {k: Vocab(k) for k in VOCABULARIES})
    lanes: list[dict] = field(default_factory=list)
    """Lanes already declared (site.yml) and added; ``lanes_added`` are the new ones."""
    lanes_added: list[dict] = field(default_factory=list)
    personas: dict[str, dict] = field(default_factory=dict)
    """Persona id → front matter, for every persona known or made (``_new`` marks new)."""
    persona_bodies: dict[str, str] = field(default_factory=dict)
    journeys: list[DraftJourney] = field(default_factory=list)
    pages: dict[str, tuple[dict, str]] = field(default_factory=dict)
    """Free pages (playbook.json): slash path → (front matter, body)."""
    media: dict[str, bytes] = field(default_factory=dict)
    """Pictures (playbook.json): path relative to the content folder → bytes."""
    site: dict[str, Any] | None = None
    """A whole site.yml (playbook.json), written when the playbook is new."""
    notes: list[Note] = field(default_factory=list)
    title: str = ""
    language: str = ""

    def note(self, source: str, row: int, message: str, hint: str = "",
             error: bool = False) -> None:
        self.notes.append(Note(source, row, message, hint, error))

    def persona(self, text: str) -> str:
        """The id of the persona named (or with the id) ``text``; made when unknown."""
        text = " ".join(str(text).split())
        for pid, front in self.personas.items():
            if text in (pid,) or normal(text) in (normal(pid), normal(front.get("name", ""))):
                return pid
        pid = unique(make_slug(text, "persona"), set(self.personas))
        self.personas[pid] = {"name": text, "_new": True}
        return pid

    def lane(self, lane: dict) -> str:
        """Declare a lane (``{id, name, kind, …}``) unless one with its id exists."""
        if not any(existing["id"] == lane["id"] for existing in self.lanes):
            self.lanes.append(lane)
            self.lanes_added.append(lane)
        return lane["id"]

    @property
    def errors(self) -> list[Note]:
        return [n for n in self.notes if n.error]


def split_list(text: str) -> list[str]:
    """A list cell: one entry per line (or, in a cell of one line, per ``;``), bullets
    and blanks dropped."""
    items = []
    for part in text.split("\n") if "\n" in text.strip() else text.split(";"):
        part = re.sub(r"^\s*(?:[-*•·–]|\d+[.)])\s+", "", part).strip()
        if part:
            items.append(part)
    return items

"""``journeydocs import``: read a source, resolve it against the playbook, write files.

The steps, in order: read what the playbook at ``out`` already has (vocabularies,
lanes, personas); read the source into a Draft (spreadsheet, mermaid in Markdown,
or playbook.json); stop on errors, writing nothing; check that no file would be
overwritten (without ``force``); write; then load the result with the checker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..load.fields import is_slug
from .draft import make_slug
from .mermaid import read_markdown
from .playbook_json import read_json
from .spreadsheet import SheetError, read_sheets
from .tabular import read_table
from .columns import MapError, read_columns_map
from .draft import Draft, Note, Vocab
from .writer import (SITE_FILE, existing_personas, new_site, planned_files, read_existing,
                     terms_of, updated_site, write_all)

SHEETS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
MARKDOWN = (".md", ".markdown")


@dataclass
class ImportResult:
    draft: Draft
    written: list[str] = field(default_factory=list)
    comments_kept: bool = True
    new_playbook: bool = True


class ImportFailed(Exception):
    """The source could not be mapped; nothing was written. ``notes`` say why."""

    def __init__(self, notes: list[Note]):
        super().__init__(f"{len(notes)} problem(s)")
        self.notes = notes


def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_source(draft: Draft, source: Path, *, journey: str | None, persona: str,
                columns: Path | None) -> None:
    name = shown(source)
    suffix = source.suffix.lower()
    if source.is_dir():
        found = 0
        for path in sorted(source.rglob("*")):
            if path.suffix.lower() in MARKDOWN and path.is_file() and not any(
                    part.startswith((".", "_")) for part in path.relative_to(source).parts):
                found += read_markdown(draft, path, shown(path), journey_id=None, persona=persona)
        if not found:
            draft.note(name, 0, "no mermaid journey block in any Markdown file here",
                       "a block starts with ```mermaid and the line 'journey'", error=True)
    elif suffix in MARKDOWN:
        if not read_markdown(draft, source, name, journey_id=journey, persona=persona):
            draft.note(name, 0, "no mermaid journey block in this file",
                       "a block starts with ```mermaid and the line 'journey'", error=True)
    elif suffix == ".json":
        read_json(draft, source, name)
    elif suffix in SHEETS:
        try:
            mapping = read_columns_map(columns) if columns else None
        except MapError as exc:
            raise UsageError(str(exc)) from None
        try:
            sheets = read_sheets(source)
        except SheetError as exc:
            draft.note(name, 0, str(exc), error=True)
            return
        sheets = [s for s in sheets if any(any(cells) for _, cells in s.rows)]
        if journey and len(sheets) > 1:
            chosen = [s for s in sheets if journey in (s.name, _slug(s.name))]
            sheets = chosen or sheets
        for sheet in sheets:
            one = len(sheets) == 1
            title = (source.stem.replace("-", " ").replace("_", " ").strip().capitalize()
                     if one and suffix not in (".xlsx", ".xlsm") else None)
            read_table(draft, sheet, name + (f"[{sheet.name}]" if not one else ""),
                       mapping=mapping, journey_id=journey if one else None, persona=persona,
                       title=title)
        if not sheets:
            draft.note(name, 0, "the spreadsheet is empty", error=True)
    else:
        raise UsageError(f"cannot import '{name}': choose a .csv, .xlsx, .json (playbook.json) "
                         "or .md file (mermaid journey), or a folder of .md files")


def _slug(text: str) -> str:
    return make_slug(text)


def import_source(source: Path, out: Path, *, journey: str | None = None,
                  persona: str | None = None, columns: Path | None = None,
                  force: bool = False) -> ImportResult:
    if not source.exists():
        raise UsageError(f"'{source}' does not exist")
    for value, what in ((journey, "--journey"), (persona, "--persona")):
        if value is not None and not is_slug(value):
            raise UsageError(f"{what} '{value}' is not an id (lower-case a-z, 0-9 and -, "
                             "e.g. 'gift-purchase')")
    if out.exists() and not out.is_dir():
        raise UsageError(f"'{out}' is not a folder")
    existing = read_existing(out)
    draft = Draft()
    if existing.exists:
        draft.vocabs = {kind: Vocab(kind, terms_of(existing.site, kind))
                        for kind in ("stages", "channels", "teams")}
        draft.lanes = [dict(lane) for lane in existing.site.get("lanes") or []
                       if isinstance(lane, dict) and lane.get("id")]
        draft.personas = existing_personas(out, existing.content_dir)
    if persona:
        if persona not in draft.personas:
            draft.personas[persona] = {"name": persona.replace("-", " ").title(), "_new": True}
    read_source(draft, source, journey=journey, persona=persona or "", columns=columns)
    if draft.errors:
        raise ImportFailed(draft.notes)
    if not draft.journeys and not draft.pages and draft.site is None:
        raise ImportFailed(draft.notes + [Note(shown(source), 0, "nothing to import",
                                               error=True)])
    files = planned_files(draft, existing)
    result = ImportResult(draft, new_playbook=not existing.exists)
    if existing.exists:
        text, result.comments_kept = updated_site(draft, existing)
        if text != existing.site_text:
            files[SITE_FILE] = text
    else:
        if not draft.title and draft.journeys:
            draft.title = draft.journeys[0].front["title"] if len(draft.journeys) == 1 \
                else "Imported journeys"
        files = {SITE_FILE: new_site(draft), **files}
    result.written = write_all(out, files, force)
    return result

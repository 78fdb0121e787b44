"""``journeydocs export --format csv|xlsx JOURNEY``: one journey as the spreadsheet
layout ``journeydocs import`` reads, so a journey can go to a spreadsheet and back.

One row per touchpoint; list fields one entry per line within the cell; stages,
channels and owners by name, which the import matches back to the same ids. CSV is
UTF-8 with a BOM and formula-safe cells (as the site's CSV exports); XLSX cells are
always text or numbers, never formulas.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import ContentErrors, UsageError
from ..build import load_playbook
from ..model import Journey, Playbook
from ..share.audience import check_audience, for_audience
from ..share.export import _find, _write_atomic

SHEET_FORMATS = ("csv", "xlsx")
COLUMNS = [("Journey", None), ("Stage", "stage"), ("ID", "id"), ("Step", "name"),
           ("Channel", "channel"), ("Timing", "timing"), ("Persona", "persona"),
           ("Owner", "owner"), ("Doing", "does"), ("Thinking", "thinks"),
           ("Feeling", "feels"), ("Emotion", "emotion"), ("Expectation", "expectation"),
           ("Reality", "reality"), ("Description", "description"),
           ("Key moment", "key_moment"), ("Frontstage", "frontstage"),
           ("Backstage", "backstage"), ("Props", "props"), ("Pain points", "pain_points"),
           ("Opportunities", "opportunities"), ("Systems", "systems"), ("Data", "data"),
           ("Next", "next")]
"""(header, touchpoint field): every header is one the import recognises."""
ALWAYS = {"Journey", "Stage", "ID", "Step"}


def _text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(v if isinstance(v, str) else
                         str(getattr(v, "title", None) or getattr(v, "to", None) or v)
                         for v in value)
    return value


def journey_table(playbook: Playbook, journey: Journey) -> tuple[list[str], list[list[object]]]:
    """The header and rows of one journey; columns no touchpoint fills are left out."""
    stages = {s.id: s.name for s in journey.stages}
    names = {"channel": {t.id: t.name for t in playbook.config.channels},
             "owner": {t.id: t.name for t in playbook.config.teams},
             "persona": {p.id: p.name for p in playbook.personas.values()}}
    lanes = sorted({key for tp in journey.touchpoints for key in tp.extra})
    rows = []
    for tp in journey.touchpoints:
        row: list[object] = []
        for header, attr in COLUMNS:
            if attr is None:
                row.append(journey.title)
                continue
            value = getattr(tp, attr, None)
            if attr == "stage":
                value = stages.get(value, value)
            elif attr in names and value:
                value = names[attr].get(value, value)
            row.append(_text(value))
        row.extend(_text(tp.extra.get(lane)) for lane in lanes)
        rows.append(row)
    header = [h for h, _ in COLUMNS] + [lane.replace("_", " ").capitalize() for lane in lanes]
    keep = [i for i, h in enumerate(header)
            if h in ALWAYS or any(row[i] not in ("", None) for row in rows)]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows]


def sheet_bytes(title: str, header: list[str], rows: list[list[object]], fmt: str) -> bytes:
    if fmt == "csv":
        from ..views.exports import to_csv  # why: the views import Jinja; kept out of CLI start-up

        return to_csv(header, rows)
    from openpyxl import Workbook  # why: openpyxl takes ~0.2 s to import; only XLSX needs it
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Journey"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([v if isinstance(v, int) else str(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text starting with '=' stays text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(header, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 12 if len(name) < 8 else 28
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_sheet(project: Path, journey_id: str, output: Path, *, audience: str = "internal",
                 fmt: str = "csv") -> Path:
    """Write one journey as CSV or XLSX; raise (writing nothing) on any problem."""
    if fmt not in SHEET_FORMATS:
        raise UsageError(f"unknown format '{fmt}'")
    check_audience(audience)
    if not output.parent.is_dir():
        raise UsageError(f"the folder of '{output}' does not exist")
    playbook, problems = load_playbook(project)
    if playbook is None:
        raise ContentErrors(problems.errors + problems.warnings)
    _find(playbook, journey_id, audience)
    playbook = for_audience(playbook, audience)
    journey = playbook.journeys[journey_id]
    header, rows = journey_table(playbook, journey)
    _write_atomic(output, sheet_bytes(journey.title, header, rows, fmt))
    return output

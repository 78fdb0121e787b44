"""Read CSV and XLSX files into :class:`Sheet`s: rows of text cells with their row numbers.

Merged cells (a stage written once over five rows, a group header over three columns)
hand their value to every cell they cover, as the eye reads them. Numbers that are
whole become ``"4"``, dates ``"2026-10-01"``; a leading ``'`` that a spreadsheet (or
our own CSV export) put before ``=``, ``+``, ``-`` or ``@`` is taken off again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: a journey map is a few hundred rows."""


class SheetError(ValueError):
    """A file that cannot be read as a spreadsheet; the message says why."""


@dataclass
class Sheet:
    name: str
    """The sheet's title (XLSX) or the file's stem (CSV)."""
    rows: list[tuple[int, list[str]]]
    """(row number as the spreadsheet shows it, cells), empty rows included."""


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if text[:1] == "'" and text[1:2] in FORMULA_START and text[1:2]:
        text = text[1:]
    return text


def read_sheets(path: Path) -> list[Sheet]:
    """The sheets of a ``.csv``/``.tsv``/``.txt`` or ``.xlsx``/``.xlsm`` file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"cannot read it ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise SheetError(f"it is {size // 1024 // 1024} MB; at most 20 MB is read")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return [_read_csv(path)]


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" in cp1252
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise SheetError("it is not a text file (save the spreadsheet as CSV or XLSX)")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for cells in reader:
            rows.append((reader.line_num, [cell_text(c) for c in cells]))
    except csv.Error as exc:
        raise SheetError(f"line {reader.line_num}: {exc}") from None
    # line_num is the line a row ends on; a row's number is where it starts
    numbered, start = [], 1
    for end, cells in rows:
        numbered.append((start, cells))
        start = end + 1
    return Sheet(path.stem, numbered)


def _read_xlsx(path: Path) -> list[Sheet]:
    try:
        import openpyxl  # why: openpyxl takes ~0.2 s to import; only XLSX needs it
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise SheetError("reading XLSX needs openpyxl (pip install openpyxl)") from None

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SheetError(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    sheets = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:
            top, left = merged.min_row - 1, merged.min_col - 1
            if top >= len(grid):
                continue
            value = grid[top][left] if left < len(grid[top]) else ""
            for r in range(top, min(merged.max_row, len(grid))):
                for c in range(left, merged.max_col):
                    while len(grid[r]) <= c:
                        grid[r].append("")
                    grid[r][c] = value
        sheets.append(Sheet(ws.title, [(n + 1, cells) for n, cells in enumerate(grid)]))
    book.close()
    return sheets

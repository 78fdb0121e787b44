"""Exports too large for one file, in numbered parts of at most :data:`EXPORT_BYTES`.

A CSV becomes ``…-1.csv``, ``…-2.csv`` of whole rows, each with the BOM and the header
row; a playbook.json becomes parts that are each a playbook.json of the same schema
(:func:`journeydocs.views.exports.playbook_json_files` decides and names them).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterable

from . import paths

if TYPE_CHECKING:
    from ..model import Playbook

EXPORT_BYTES = 2_000_000
"""Largest export file: a playbook.json or CSV that would be larger is written in
numbered parts, each at most this size (unless one journey alone is larger)."""
LISTS = ("personas", "journeys", "pages")
"""The lists of playbook.json that a split export spreads over its parts."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell text, with a leading ``'`` where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def known_parts(playbook: Playbook, key: Hashable,
                make: Callable[[Playbook], list[tuple[str, bytes]]]) -> list[str]:
    """The paths of the files ``make`` writes for an export, worked out once per
    playbook and process (the views link to them; each costs about as much as the
    export itself)."""
    return playbook.derived.get(playbook, ("export-parts", key),
                                lambda pb: [path for path, _ in make(pb)])


def parts_link(files: list[str], href: Callable[[str], str]) -> tuple[str, bool]:
    """(href, download) of a view's "Download CSV": the CSV itself, or, when it is
    split, the Indexes page's list of its parts (``href`` makes a page-relative link)."""
    if len(files) == 1:
        return href(files[0]), True
    return href(paths.INDEXES) + "#exports", False


def part_path(path: str, number: int) -> str:
    """``exports/content-inventory.csv``, 2 → ``exports/content-inventory-2.csv``."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}-{number}{dot}{suffix}"


def split_csv(path: str, data: bytes) -> list[tuple[str, bytes]]:
    """``[(path, data)]`` when it fits :data:`EXPORT_BYTES`; else parts
    ``…-1.csv``, ``…-2.csv`` of whole rows, each with the BOM and the header row.
    (A cell may hold a line break inside quotes, so rows are read back with csv.)"""
    if len(data) <= EXPORT_BYTES:
        return [(path, data)]
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = _csv_line(next(rows))
    room = EXPORT_BYTES - len(("\ufeff" + header).encode("utf-8"))
    parts: list[list[str]] = [[]]
    size = 0
    for row in rows:
        line = _csv_line(row)
        grown = size + len(line.encode("utf-8"))
        if parts[-1] and grown > room:
            parts.append([])
            grown = len(line.encode("utf-8"))
        parts[-1].append(line)
        size = grown
    return [(part_path(path, n), ("\ufeff" + header + "".join(part)).encode("utf-8"))
            for n, part in enumerate(parts, 1)]


def _csv_line(row: list[str]) -> str:
    """One row as :func:`to_csv` wrote it (its cells are already safe)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def part_text(envelope: dict, extra: dict, part: list[tuple[str, str]]) -> bytes:
    """One part: the envelope, ``extra``, then each list (in :data:`LISTS` order)."""
    text = compact({**envelope, **extra})[:-1]
    for key in LISTS:
        text += f',"{key}":[' + ",".join(item for k, item in part if k == key) + "]"
    return (text + "}\n").encode("utf-8")


def pack(items: list[tuple[str, str]], envelope: dict, reserve: int
          ) -> list[list[tuple[str, str]]]:
    """The items in order, in parts of at most :data:`EXPORT_BYTES` (the first keeps
    ``reserve`` bytes for its list of parts); an item larger than that is a part alone."""
    base = len(part_text(envelope, {"part": 99999}, []))
    parts: list[list[tuple[str, str]]] = [[]]
    size = base + reserve
    for key, item in items:
        length = len(item.encode("utf-8")) + 1
        if parts[-1] and size + length > EXPORT_BYTES:
            parts.append([])
            size = base
        parts[-1].append((key, item))
        size += length
    return parts

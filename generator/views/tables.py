"""Tables for work: one model for every large table of the cross-journey views.

A table is a list of :class:`Column` and of :class:`Row`. Each row carries its cells
as HTML (every value from content escaped here, with :func:`markupsafe.escape`), its
filter values and one sort key per column. The page holds the first
:data:`PAGE_ROWS` rows as HTML (what a reader without JavaScript sees, beside the CSV
export); when there are more, every row is also written to *shards*: script files of
:data:`SHARD_ROWS` rows each that add their rows to a global
(``window.JD_SHARDS["<table>/<n>"] = …``), so they load from ``file://`` where a
``fetch`` of JSON would not. ``theme/assets/js/tables.js`` loads them on demand (the
first filter, sort or page turn) and then filters, sorts and pages over every row.

A shard is split in two, so the first filter loads what filtering and sorting need,
not every row's HTML: ``data/<table>/<n>.js`` holds ``{"s": strings, "r": rows}``, a
row being the indexes into ``s`` of its filter values (in the order of the table's
``data-filter-keys``) and then of its sort keys (one per column), each distinct string
written once per shard; ``data/<table>/<n>/<m>.js`` holds the ``<tr>`` HTML of rows
``m * CHUNK_ROWS`` … of that shard (``JD_SHARDS["<table>/<n>/<m>"] = [html, …]``),
loaded when one of them is shown. Shards are JSON with ``<``, ``>``, ``&``, U+2028
and U+2029 written as ``\\uXXXX``, so no ``</script>`` or ``<!--`` can end or bend
the script, whatever the content says.
"""

from __future__ import annotations

import json
import re
from html import unescape
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from markupsafe import Markup, escape

from .. import urls
from ..render.site import OutputFile

PAGE_ROWS = 100
"""Rows a page shows at a time (and holds as HTML)."""
SHARD_ROWS = 1000
"""Rows per shard file (~0.3–0.5 MB of script each at the inventory's row size)."""
CHUNK_ROWS = 25
"""Rows per HTML chunk of a shard. A page of rows in written order needs four; rows
sorted by a column come from anywhere, one chunk each, so smaller chunks load less
(at 1,000 journeys a page of the inventory sorted by title loads ~5 MB of chunks at 25
rows each, ~16 MB at 100) for more files (4,900 instead of 1,400 under data/)."""
DATA = "data"
"""The folder of the shard files, under the site root."""


@dataclass(frozen=True)
class Column:
    key: str
    """Stable id (the column picker remembers hidden columns by it)."""
    label: str
    sortable: bool = True
    numeric: bool = False
    """Right-aligned, sorted as a number."""
    hideable: bool = True
    """The first column (the row's name) stays: it is the sticky one."""
    href: str = ""
    """The header links here (such a column is not sortable: no link inside a button)."""


@dataclass(frozen=True)
class Row:
    cells: Sequence[str]
    """One HTML string per column (escaped), without the ``<td>``/``<th>`` tag."""
    keys: Sequence[str | None] = ()
    """One sort key per column; ``None`` (or none given): the cell's text, as the
    script reads it from a cell without ``data-sort``."""
    filters: Sequence[str] = ()
    """One value per filter key of the table."""
    cell_attrs: Sequence[str] = ()
    """Extra attributes per cell (``' lang="pt"'``), escaped; empty for none."""
    row_class: str = ""


@dataclass
class Table:
    id: str
    """The ``<table>`` id (also the shard name and the picker's storage key)."""
    columns: list[Column]
    rows: list[Row]
    filter_keys: list[str] = field(default_factory=list)
    caption: str = ""
    css_class: str = ""
    head_row: bool = True
    """The first cell of a row is a row header (``<th scope="row">``)."""

    @property
    def sharded(self) -> bool:
        return len(self.rows) > PAGE_ROWS

    @property
    def shard_count(self) -> int:
        return -(-len(self.rows) // SHARD_ROWS) if self.sharded else 0


def shard_path(table_id: str, index: int) -> str:
    """Site path of shard ``index`` of a table (its filter values and sort keys)."""
    return f"{DATA}/{table_id}/{index}.js"


def chunk_path(table_id: str, index: int, chunk: int) -> str:
    """Site path of the rows' HTML ``chunk`` of shard ``index`` of a table."""
    return f"{DATA}/{table_id}/{index}/{chunk}.js"


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` (or a script file).

    ``<`` ``>`` ``&`` can only occur inside JSON strings, where ``\\u003c`` means the
    same; U+2028/2029 are line ends to older JavaScript parsers."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def row_html(table: Table, row: Row) -> str:
    """One ``<tr>``: the same string on the page and in a shard. A row carries its
    filter values as ``data-f-<key>`` and a cell its sort key as ``data-sort`` when
    that is not its text (what tables.js reads from rows on the page)."""
    parts = ["<tr"]
    if row.row_class:
        parts.append(f' class="{escape(row.row_class)}"')
    for key, value in zip(table.filter_keys, row.filters):
        parts.append(f' data-f-{key}="{escape(value)}"')
    parts.append(">")
    attrs = row.cell_attrs or ("",) * len(row.cells)
    keys = row.keys or (None,) * len(row.cells)
    for index, (html, column, extra, key) in enumerate(zip(row.cells, table.columns, attrs, keys)):
        tag = "th" if index == 0 and table.head_row else "td"
        scope = ' scope="row"' if tag == "th" else ""
        num = ' class="num"' if column.numeric else ""
        sort = f' data-sort="{escape(key)}"' if key is not None else ""
        parts.append(f"<{tag}{scope}{num}{sort}{extra}>{html}</{tag}>")
    parts.append("</tr>")
    return "".join(parts)


_TAG = re.compile(r"<[^>]*>")


def text_of(html: str) -> str:
    """What a browser's ``textContent.trim()`` gives for cell HTML made here."""
    return unescape(_TAG.sub("", html)).strip()


def sort_keys(row: Row) -> list[str]:
    """The row's sort key of every column, as the script would read them."""
    keys = row.keys or (None,) * len(row.cells)
    return [text_of(html) if key is None else str(key) for html, key in zip(row.cells, keys)]


def shard_files(table: Table) -> Iterator[tuple[str, bytes]]:
    """``(site path, bytes)`` of every shard of ``table`` and of its HTML chunks (none
    when the table fits a page), made one at a time: at 10,000 journeys the inventory's
    are ~400 MB, which the writer takes file by file instead of all at once."""
    if not table.sharded:
        return
    count = len(table.filter_keys)
    for index in range(table.shard_count):
        rows = table.rows[index * SHARD_ROWS:(index + 1) * SHARD_ROWS]
        strings: dict[str, int] = {}
        refs = [[strings.setdefault(value, len(strings)) for value in
                 [*list(r.filters)[:count], *[""] * (count - len(r.filters)), *sort_keys(r)]]
                for r in rows]
        yield (shard_path(table.id, index),
               _script(f"{table.id}/{index}", {"s": list(strings), "r": refs}))
        for chunk in range(-(-len(rows) // CHUNK_ROWS)):
            html = [row_html(table, r) for r in rows[chunk * CHUNK_ROWS:(chunk + 1) * CHUNK_ROWS]]
            yield (chunk_path(table.id, index, chunk),
                   _script(f"{table.id}/{index}/{chunk}", html))


def with_shards(page: OutputFile, *shown: Table) -> Iterator[OutputFile]:
    """``page``, then the shard files of the tables it shows, made as they are written."""
    yield page
    for table in shown:
        for path, data in shard_files(table):
            yield OutputFile(path, data)


def _script(key: str, value: object) -> bytes:
    return (f"(window.JD_SHARDS=window.JD_SHARDS||{{}})[{script_json(key)}]="
            f"{script_json(value)};\n").encode("utf-8")


def read_shard(text: str) -> object:
    """What a shard or chunk script assigns (for tests and tools)."""
    return json.loads(text.partition("]=")[2].rstrip(";\n"))


def shard_rows(index: dict, filters: int) -> list[tuple[list[str], list[str]]]:
    """(filter values, sort keys) of each row of a shard read with :func:`read_shard`."""
    strings = index["s"]
    return [([strings[i] for i in row[:filters]], [strings[i] for i in row[filters:]])
            for row in index["r"]]


def context(table: Table, page_path: str) -> dict:
    """What ``views/_macros.html``'s ``data_table`` needs to draw the table."""
    first = table.rows[:PAGE_ROWS]
    return {
        "id": table.id,
        "columns": table.columns,
        "rows_html": Markup("\n".join(row_html(table, r) for r in first)),
        "total": len(table.rows),
        "first": len(first),
        "filter_keys": " ".join(table.filter_keys),
        "shards": [urls.relative(shard_path(table.id, i), page_path)
                   for i in range(table.shard_count)],
        "caption": table.caption,
        "css_class": table.css_class,
        "page_rows": PAGE_ROWS,
        "chunk_rows": CHUNK_ROWS,
    }


def cell(value: object) -> str:
    """Plain text as cell HTML."""
    return str(escape(value))


def link(href: str, text: str, extra: str = "") -> str:
    """``<a href>`` as cell HTML (both escaped)."""
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def badge(kind: str, text: str) -> str:
    """The theme's badge (``m.badge``) as cell HTML."""
    return f'<span class="badge badge--{escape(kind)}">{escape(text)}</span>'


def muted(text: str) -> str:
    return f'<span class="muted">{escape(text)}</span>'


def joined(parts: Iterable[str]) -> str:
    return "".join(parts)

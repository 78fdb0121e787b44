"""Rows of a sheet → journeys of a :class:`~.draft.Draft`.

One row is one touchpoint. The header row is the row (of the first ten) that names
the most known fields; a group header above it (merged over several columns) only
names columns the row below leaves blank. Empty rows are skipped, a blank stage cell
continues the stage above, and a row that only names a stage starts that stage.
"""

from __future__ import annotations

import re
from pathlib import Path

from .columns import LIST_FIELDS, SKIP, Column, known_count, lane_id, match_header
from .draft import Draft, DraftJourney, make_slug, split_list, unique
from .spreadsheet import Sheet

HEADER_SEARCH = 10
SCALES = ((1, 5), (-2, 2), (0, 4), (1, 7), (-3, 3), (0, 10), (1, 10), (-5, 5), (0, 100))
"""Scales a score column is read on, the first that holds every value."""
_NUMBER = re.compile(r"^[-+−]?\d+(?:[.,]\d+)?$")


def header_row(sheet: Sheet) -> int | None:
    """Index (in ``sheet.rows``) of the header row, or None when no row names a field."""
    best, best_count = None, 0
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_SEARCH]):
        found = known_count(cells)
        if found > best_count:
            best, best_count = index, found
    return best


def columns_of(sheet: Sheet, index: int, mapping: dict | None) -> list[Column]:
    cells = list(sheet.rows[index][1])
    above = sheet.rows[index - 1][1] if index > 0 else []
    columns = []
    for c, text in enumerate(cells):
        if not text and c < len(above):  # a header merged down from the row above
            text = above[c]
        column = match_header(text, mapping)
        column.index = c
        columns.append(column)
    seen: set[str] = set()
    lanes: set[str] = set()
    for column in columns:  # a second column for the same field becomes a lane
        if column.field not in ("lane", SKIP) and column.field in seen:
            column.field, column.lane = "lane", lane_id(column.header)
        seen.add(column.field)
        if column.field == "lane":
            column.lane = unique(column.lane, lanes).replace("-", "_")
    return columns


def to_number(text: str) -> float | None:
    text = text.strip().replace("−", "-").replace(",", ".")
    return float(text) if _NUMBER.match(text) else None


def pick_scale(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    for scale in SCALES:
        if scale[0] <= low and high <= scale[1]:
            return scale
    return (low, high) if low < high else (low - 1, low + 1)


def to_emotion(value: float, scale: tuple[float, float]) -> int:
    low, high = scale
    value = min(max(value, low), high)
    return int(1 + (value - low) * 4 / (high - low) + 0.5)


def read_table(draft: Draft, sheet: Sheet, source: str, *, mapping: dict | None,
               journey_id: str | None, persona: str, title: str | None = None) -> None:
    """Add the journeys of one sheet to ``draft``."""
    index = header_row(sheet)
    if index is None:
        draft.note(source, sheet.rows[0][0] if sheet.rows else 1,
                   f"no header row found in sheet '{sheet.name}'",
                   "name the columns, e.g. Stage, Step, Channel, Doing, Thinking, Feeling, "
                   "Score; or map them with --columns MAP.yml", error=True)
        return
    columns = [c for c in columns_of(sheet, index, mapping) if c.field != SKIP]
    if not any(c.field == "name" for c in columns):
        draft.note(source, sheet.rows[index][0], "no step column (Step, Touchpoint, Steg, "
                   "Trin, Passo, Pas…)", "the first text column is not guessed: name it, or "
                   "map it with --columns MAP.yml ('My header: name')", error=True)
        return
    rows = [(n, cells) for n, cells in sheet.rows[index + 1:] if any(cells)]
    by_journey: dict[str, list[tuple[int, list[str]]]] = {}
    jcol = next((c for c in columns if c.field == "journey"), None)
    default = title or sheet.name
    for n, cells in rows:
        name = (cells[jcol.index] if jcol and jcol.index < len(cells) else "") or default
        by_journey.setdefault(name, []).append((n, cells))
    for name, journey_rows in by_journey.items():
        _journey(draft, source, name, columns, journey_rows, journey_id if len(by_journey) == 1
                 else None, persona)


def _journey(draft: Draft, source: str, title: str, columns: list[Column],
             rows: list[tuple[int, list[str]]], journey_id: str | None, persona: str) -> None:
    taken = {j.id for j in draft.journeys}
    jid = journey_id or unique(make_slug(title, "journey"), taken)
    scales = _scales(draft, source, columns, rows)
    stages = draft.vocabs["stages"]
    personas = [persona] if persona else []
    touchpoints, ids, order = [], set(), []
    stage = ""
    for n, cells in rows:
        values = {c.field if c.field != "lane" else "lane:" + c.lane:
                  (cells[c.index] if c.index < len(cells) else "") for c in columns}
        if values.get("stage"):
            stage = stages.resolve(values["stage"])
            if stage not in order:
                order.append(stage)
        filled = [k for k, v in values.items() if v and k not in ("stage", "journey")]
        if not filled:
            continue  # a row naming only a stage starts it
        name = values.get("name") or values.get("does") or values.get("description")
        if not name:
            draft.note(source, n, "row has no step name; left out",
                       "write the step in the step column")
            continue
        tp: dict = {}
        raw_id = values.get("id")
        tp["id"] = unique(make_slug(raw_id or name, "step"), ids)
        tp["name"] = " ".join(name.split())
        if not stage:
            stage = stages.resolve(title)
            order.append(stage)
            draft.note(source, n, "no stage before this row; its steps are in a stage "
                       f"named after the journey ('{title}')")
        tp["stage"] = stage
        for column in columns:
            _cell(draft, source, n, tp, column, values, scales)
        if tp.get("persona"):
            personas.append(tp["persona"])
        touchpoints.append((n, tp))
    if not touchpoints:
        draft.note(source, rows[0][0] if rows else 0, f"journey '{title}' has no steps; "
                   "left out", error=False)
        return
    _check_next(draft, source, touchpoints)
    lists = {lane["id"] for lane in draft.lanes if lane.get("kind") == "list"}
    for _, tp in touchpoints:  # a lane found to be a list after its first cells
        for key in lists & tp.keys():
            if isinstance(tp[key], str):
                tp[key] = split_list(tp[key])
    personas = list(dict.fromkeys(personas)) or [draft.persona("Customer")]
    for _, tp in touchpoints:
        if tp.get("persona") == personas[0]:
            del tp["persona"]
    front: dict = {"title": title, "personas": personas}
    site_order = [t["id"] for t in draft.vocabs["stages"].terms]
    if order != site_order:
        front["stages"] = [{"id": s, "name": stages.name(s)} for s in order]
    front["touchpoints"] = [tp for _, tp in touchpoints]
    draft.journeys.append(DraftJourney(jid, front, source=source))


def _scales(draft: Draft, source: str, columns: list[Column],
            rows: list[tuple[int, list[str]]]) -> dict[str, tuple[float, float]]:
    """Each score column's scale: as its header or the map says, else from its values."""
    found = {}
    for column in columns:
        if column.field != "emotion":
            continue
        numbers = [v for v in (to_number(cells[column.index]) for _, cells in rows
                               if column.index < len(cells) and cells[column.index])
                   if v is not None]
        if column.scale:
            found[column.header] = column.scale
        elif numbers:
            found[column.header] = pick_scale(numbers)
    return found


def _cell(draft: Draft, source: str, row: int, tp: dict, column: Column, values: dict,
          scales: dict) -> None:
    field = column.field
    key = field if field != "lane" else "lane:" + column.lane
    text = values.get(key, "")
    if not text or field in ("id", "name", "stage", "journey"):
        return
    if field == "channel":
        tp["channel"] = draft.vocabs["channels"].resolve(text)
    elif field == "owner":
        tp["owner"] = draft.vocabs["teams"].resolve(text)
    elif field == "persona":
        tp["persona"] = draft.persona(text)
    elif field == "emotion":
        _score(draft, source, row, tp, column, text, scales.get(column.header))
    elif field == "opportunities":
        tp["opportunities"] = [{"title": t} for t in split_list(text)]
    elif field == "next":
        tp["next"] = [make_slug(t, "step") for t in split_list(text)]
    elif field in LIST_FIELDS:
        tp[field] = split_list(text)
    elif field == "lane":
        _lane(draft, tp, column, text)
    else:
        tp[field] = text


def _score(draft: Draft, source: str, row: int, tp: dict, column: Column, text: str,
           scale: tuple[float, float] | None) -> None:
    number = to_number(text)
    if number is None or scale is None:
        draft.note(source, row, f"score '{text}' in '{column.header}' is not a number; "
                   "kept in a lane", "write a number, e.g. 1 to 5")
        _lane(draft, tp, Column(column.index, column.header, "lane", lane_id(column.header)),
              text)
        return
    tp["emotion"] = to_emotion(number, scale)
    if scale != (1, 5):
        low, high = (int(v) if float(v).is_integer() else v for v in scale)
        lane = draft.lane({"id": lane_id(column.header),
                           "name": column.header if column.scale else
                           f"{column.header} ({low} to {high})", "kind": "rating",
                           "min": low, "max": high})
        tp[lane] = int(number) if number.is_integer() else number


def _lane(draft: Draft, tp: dict, column: Column, text: str) -> None:
    """A column no field takes: a custom lane (version 2), declared in site.yml."""
    items = split_list(text)
    kind = "list" if "\n" in text or len(items) > 2 else "text"
    number = to_number(text)
    if re.match(r"^https?://\S+$", text):
        kind = "link"
    existing = next((lane for lane in draft.lanes if lane["id"] == column.lane), None)
    if existing is None:
        draft.lane({"id": column.lane, "name": column.header or column.lane, "kind": kind})
    elif existing["kind"] == "text" and kind == "list":
        existing["kind"] = "list"  # a later cell shows it is a list
    kind = (existing or {}).get("kind", kind)
    if kind == "list":
        tp[column.lane] = items
    elif kind == "rating" and number is not None:
        tp[column.lane] = int(number) if number.is_integer() else number
    else:
        tp[column.lane] = text


def _check_next(draft: Draft, source: str, touchpoints: list[tuple[int, dict]]) -> None:
    ids = {tp["id"] for _, tp in touchpoints}
    for n, tp in touchpoints:
        missing = [t for t in tp.get("next", []) if t not in ids]
        if missing:
            draft.note(source, n, f"next step '{missing[0]}' is no step of this journey; "
                       "left out", "write the id or name of a step in the same journey")
            tp["next"] = [t for t in tp["next"] if t in ids]
            if not tp["next"]:
                del tp["next"]

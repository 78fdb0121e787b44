"""mermaid ``journey`` blocks in Markdown files → journeys of a :class:`~.draft.Draft`.

The grammar read here is mermaid's: ``journey``, ``title Text``, ``section Name`` and
tasks ``Task name: score: Actor 1, Actor 2``. Sections become stages, tasks
touchpoints with their score as ``emotion`` and their actors as personas (the first
actor is the touchpoint's persona; with several, all are kept in an ``actors`` lane).
Entity codes (``#35;``, ``#quot;``), which our own diagrams write, are decoded.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .draft import Draft, DraftJourney, make_slug, unique

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*mermaid\b.*$")
_TASK = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?P<score>[^:]*?)\s*(?::\s*(?P<actors>.*))?$")
_ENTITY = re.compile(r"#(\d+|[a-zA-Z]+);")


def blocks(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each mermaid fence that holds a ``journey``: (line of the fence, numbered lines)."""
    found = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, start, body = opening.group(2), i + 1, []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1
        first = next((t.strip() for _, t in body if t.strip() and not t.strip().startswith("%%")),
                     "")
        if first == "journey" or first.startswith("journey "):
            found.append((start, body))
    return found


def _decode(text: str) -> str:
    def entity(match: re.Match) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return " ".join(_ENTITY.sub(entity, text).split())


def read_markdown(draft: Draft, path: Path, source: str, *, journey_id: str | None,
                  persona: str) -> int:
    """Add the journeys of every mermaid journey block in one Markdown file; how many."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    found = blocks(text)
    for start, body in found:
        _journey(draft, path, source, start, body,
                 journey_id if len(found) == 1 else None, persona)
    return len(found)


def _journey(draft: Draft, path: Path, source: str, start: int, body: list[tuple[int, str]],
             journey_id: str | None, persona: str) -> None:
    title, stage = "", ""
    stages = draft.vocabs["stages"]
    order: list[str] = []
    touchpoints: list[dict] = []
    personas: list[str] = [persona] if persona else []
    ids: set[str] = set()
    pending: list[tuple[int, str]] = []  # tasks before any section
    for n, line in body:
        text = line.strip()
        if not text or text.startswith("%%") or text == "journey" or text.startswith("journey "):
            continue
        keyword, _, rest = text.partition(" ")
        if keyword == "title":
            title = _decode(rest)
        elif keyword in ("accTitle:", "accDescr:", "accTitle", "accDescr"):
            continue
        elif keyword == "section":
            stage = stages.resolve(_decode(rest) or "Section")
            if stage not in order:
                order.append(stage)
        else:
            task = _TASK.match(text)
            if not task:
                draft.note(source, n, f"cannot read '{text}' as a task",
                           "write 'Task name: score: Actor, Actor'")
                continue
            if not stage:
                pending.append((n, text))
            tp = {"id": "", "name": _decode(task.group("name")), "stage": stage}
            tp["id"] = unique(make_slug(tp["name"], "step"), ids)
            score = task.group("score").strip()
            if score:
                try:
                    value = int(float(score))
                except ValueError:
                    value = None
                if value is None or not 1 <= value <= 5:
                    draft.note(source, n, f"score '{score}' is not 1 to 5; "
                               + ("left out" if value is None else "kept within 1 to 5"),
                               "mermaid journey scores run from 1 to 5")
                if value is not None:
                    tp["emotion"] = min(max(value, 1), 5)
            actors = [draft.persona(_decode(a)) for a in (task.group("actors") or "").split(",")
                      if a.strip()]
            if actors:
                tp["persona"] = actors[0]
                personas.extend(actors)
                if len(actors) > 1:
                    draft.lane({"id": "actors", "name": "Actors", "kind": "list"})
                    tp["actors"] = [draft.personas[a]["name"] for a in actors]
            touchpoints.append(tp)
    title = title or path.stem.replace("-", " ").replace("_", " ").capitalize()
    if not touchpoints:
        draft.note(source, start, "mermaid journey has no tasks; left out")
        return
    if pending:
        first = stages.resolve(title)
        order.insert(0, first)
        for tp in touchpoints:
            tp["stage"] = tp["stage"] or first
    personas = list(dict.fromkeys(personas)) or [draft.persona("Customer")]
    for tp in touchpoints:
        if tp.get("persona") == personas[0]:
            del tp["persona"]
    front: dict = {"title": title, "personas": personas}
    if order != [t["id"] for t in stages.terms]:
        front["stages"] = [{"id": s, "name": stages.name(s)} for s in order]
    front["touchpoints"] = touchpoints
    jid = journey_id or unique(make_slug(title, "journey"), {j.id for j in draft.journeys})
    draft.journeys.append(DraftJourney(jid, front, source=source))

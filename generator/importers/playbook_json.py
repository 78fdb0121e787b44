"""``exports/playbook.json`` (our own export, internal or external) → a :class:`~.draft.Draft`.

The export holds the checked model; this writes it back as the fields a playbook's
files would have, leaving out what is empty or the default, so that export → import →
build gives the same pages. Ids and page paths are checked as slugs before they
become file names: a hostile export cannot write outside the playbook.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..load.config import MESSAGE_CHANNELS
from ..load.fields import is_slug
from ..model import IMAGE_EXTENSIONS
from .draft import Draft, DraftJourney

SITE_KEYS = ("title", "description", "language", "base_url", "review_after_days",
             "max_messages_per_day")
DEFAULTS = {"review_after_days": 180, "max_messages_per_day": 3, "language": "en",
            "type": "current-state", "status": "draft"}


def _clean(data: dict, keys: tuple[str, ...] | list[str], defaults: dict | None = None) -> dict:
    """``data``'s ``keys`` in order, without empty values or the given defaults."""
    out = {}
    for key in keys:
        value = data.get(key)
        if value in (None, "", [], {}) or (defaults and defaults.get(key) == value):
            continue
        out[key] = value
    return out


def _term(term: dict, channel: bool = False) -> dict:
    out = {"id": term["id"], "name": term.get("name") or term["id"]}
    if term.get("description"):
        out["description"] = term["description"]
    if channel:
        if bool(term.get("messages")) != (term["id"] in MESSAGE_CHANNELS):
            out["messages"] = bool(term.get("messages"))
    return out


PART_NAME = re.compile(r"playbook-[0-9]+\.json")
"""The file name of a part of a split export, listed in its playbook.json's ``parts``."""


def _load(draft: Draft, path: Path, source: str) -> dict | None:
    """One playbook.json (or part of one), parsed; None (with an error noted) when unusable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        draft.note(source, 0, f"cannot read it ({exc})", error=True)
        return None
    except json.JSONDecodeError as exc:
        draft.note(source, exc.lineno, f"not valid JSON: {exc.msg}", error=True)
        return None
    if not isinstance(data, dict) or "site" not in data or not isinstance(data.get("journeys"), list):
        draft.note(source, 1, "not a journeydocs playbook.json (no 'site' and 'journeys')",
                   "use exports/playbook.json of a built site", error=True)
        return None
    return data


def _join_parts(draft: Draft, data: dict, path: Path, source: str) -> bool:
    """A split export: the personas, journeys and pages of every part listed in
    ``parts`` (files beside playbook.json) added to ``data``'s, in order."""
    parts = data.get("parts") or []
    if not isinstance(parts, list):
        parts = [parts]
    for name in parts:
        if not isinstance(name, str) or not PART_NAME.fullmatch(name):
            draft.note(source, 1, f"part {name!r} is not a part's file name (playbook-N.json)",
                       error=True)
            return False
        part_source = f"{source.rpartition('/')[0]}/{name}".lstrip("/")
        part = _load(draft, path.parent / name, part_source)
        if part is None:
            draft.note(source, 1, f"part {name} of this split export cannot be read",
                       "keep every playbook-N.json part beside playbook.json", error=True)
            return False
        for key in ("personas", "journeys", "pages"):
            data.setdefault(key, [])
            data[key] = list(data[key] or []) + list(part.get(key) or [])
    return True


def read_json(draft: Draft, path: Path, source: str) -> bool:
    """Fill ``draft`` from a playbook.json (with its parts, when the export was split);
    False (with an error noted) when unusable."""
    data = _load(draft, path, source)
    if data is None or not _join_parts(draft, data, path, source):
        return False
    if data.get("format") != 1:
        draft.note(source, 1, f"playbook.json format {data.get('format')!r} is not 1; "
                   "read as format 1")
    site = data["site"] or {}
    draft.site = _clean(site, SITE_KEYS, DEFAULTS)
    draft.site.setdefault("title", "Imported playbook")
    for kind in ("stages", "channels", "teams"):
        terms = [_term(t, kind == "channels") for t in site.get(kind) or [] if _ok(draft, source, t)]
        draft.site[kind] = terms
        vocab = draft.vocabs[kind]
        for term in terms:  # into an existing playbook: what it lacks is added
            if vocab.find(term["id"]) != term["id"]:
                vocab.terms.append(term)
                vocab.added.append(term)
    for key in ("phases", "lanes"):  # version 2
        items = [_clean(item, list(item)) for item in site.get(key) or [] if isinstance(item, dict)]
        if items:
            draft.site[key] = items
    if site.get("checks"):
        draft.site["checks"] = dict(site["checks"])
    if site.get("extra"):
        draft.site["extra"] = site["extra"]
    draft.language = site.get("language") or "en"
    marked = any("internal" in tp for j in data["journeys"] if isinstance(j, dict)
                 for tp in j.get("touchpoints") or [] if isinstance(tp, dict))
    if not marked:  # format 1 exports carry neither
        draft.note(source, 0, "playbook.json holds no evidence and no 'internal: true' marks; the "
                   "copy has none", "an external build of it shows all it holds: import the "
                   "external export (build --audience external) to share a copy")
    draft.title = draft.site["title"]
    for persona in data.get("personas") or []:
        if not _ok(draft, source, persona):
            continue
        front = _clean(persona, ("name", "role", "segment", "quote", "goals", "needs",
                                 "pain_points", "motivations", "channels", "internal"))
        if persona.get("kind") not in (None, "", "customer"):
            front["kind"] = persona["kind"]
        front.update(persona.get("extra") or {})
        draft.personas[persona["id"]] = dict(front, _new=True)
        draft.persona_bodies[persona["id"]] = persona.get("body") or ""
    for journey in data["journeys"]:
        if _ok(draft, source, journey):
            front = _journey(journey)
            _pictures(draft, source, path, journey, front["touchpoints"])
            draft.journeys.append(DraftJourney(journey["id"], front,
                                               journey.get("body") or "", source))
    for page in data.get("pages") or []:
        path_id = str(page.get("id", ""))
        if not all(is_slug(part) for part in path_id.split("/")):
            draft.note(source, 0, f"page id {path_id!r} is not a slug path; left out", error=True)
            continue
        draft.pages[path_id] = (_clean(page, ("title", "order", "internal")), page.get("body") or "")
    return True


_PICTURE = re.compile(r"media/touchpoints/[a-z0-9-]+/[a-z0-9-]+\.(?:%s)" % "|".join(
    ext.lstrip(".") for ext in IMAGE_EXTENSIONS))
"""The only picture paths an export names (``urls.touchpoint_image``): no way out."""


def _pictures(draft: Draft, source: str, path: Path, journey: dict, fronts: list[dict]) -> None:
    """Touchpoint pictures: copied from the built site the export sits in (``exports/``'s
    parent) into the content folder, at the same path; left out, with a note, when the
    file is not there (a playbook.json taken out of its site)."""
    site = path.parent.parent if path.parent.name == "exports" else path.parent
    for tp, front in zip(journey.get("touchpoints") or [], fronts):
        image = tp.get("image") if isinstance(tp, dict) else None
        if not image:
            continue
        file = site / str(image)
        if not _PICTURE.fullmatch(str(image)) or not file.is_file() or file.is_symlink():
            draft.note(source, 0, f"the picture {str(image)[:80]!r} of touchpoint "
                       f"'{tp.get('id')}' is not beside the export; left out",
                       "import the playbook.json inside its built site")
            continue
        draft.media[str(image)] = file.read_bytes()
        front["image"] = str(image)


def _ok(draft: Draft, source: str, item: Any) -> bool:
    if isinstance(item, dict) and is_slug(item.get("id")):
        return True
    found = item.get("id") if isinstance(item, dict) else item
    draft.note(source, 0, f"id {found!r} is not a slug; left out", error=True)
    return False


def _journey(j: dict) -> dict:
    front = _clean(j, ("title", "summary", "type", "status", "personas", "owner", "internal"),
                   DEFAULTS)
    if j.get("future_of"):
        front["future_of"] = j["future_of"]
    if j.get("language"):
        front["language"] = j["language"]
    goals = [_clean(goal, ("metric", "baseline", "target", "actual", "measured_on", "source"))
             for goal in j.get("goals") or ([j["goal"]] if j.get("goal") else [])]
    if len(goals) == 1 and set(goals[0]) <= {"metric", "target"}:
        front["goal"] = goals[0]
    elif goals:
        front["goals"] = [_dated(goal, "measured_on") for goal in goals]
    entry = _clean(j.get("entry") or {}, ("trigger", "source", "criteria", "re_entry"))
    if entry:
        front["entry"] = entry
    front.update(_clean(j, ("exit", "sponsor", "lead")))
    if j.get("last_reviewed"):
        front["last_reviewed"] = _dated(j, "last_reviewed")["last_reviewed"]
    platform = _clean(j.get("platform") or {}, ("tool", "id", "url", "version", "status"))
    if platform:
        front["platform"] = platform
    if j.get("checks"):
        front["checks"] = dict(j["checks"])
    raci = _clean(j.get("raci") or {}, ("responsible", "accountable", "consulted", "informed"))
    if raci:
        front["raci"] = raci
    pillars = _clean(j.get("pillars") or {}, ("audience", "data", "content", "channels"))
    if pillars:
        front["pillars"] = pillars
    if j.get("own_stages"):
        front["stages"] = [_term(s) for s in j.get("stages") or []]
    front["touchpoints"] = [_touchpoint(tp) for tp in j.get("touchpoints") or []]
    front.update(j.get("extra") or {})
    return front


def _dated(data: dict, key: str) -> dict:
    """``data`` with ``key`` as a date when it reads as one (YAML then writes it unquoted)."""
    if isinstance(data.get(key), str):
        try:
            return dict(data, **{key: dt.date.fromisoformat(data[key])})
        except ValueError:
            pass  # the checker reports it at its line
    return data


def _touchpoint(tp: dict) -> dict:
    front = _clean(tp, ("id", "name", "stage", "channel", "timing", "persona", "owner", "does",
                        "thinks", "feels", "emotion", "expectation", "reality", "pain_points",
                        "evidence", "internal"))
    opportunities = [_clean(o, ("title", "description", "effort", "impact", "status", "internal"),
                            {"status": "idea"}) for o in tp.get("opportunities") or []]
    if opportunities:
        front["opportunities"] = opportunities
    if tp.get("by") not in (None, "", "customer"):
        front["by"] = tp["by"]
    front.update(_clean(tp, ("description", "key_moment", "props", "frontstage", "backstage")))
    for key in ("systems", "data"):
        if tp.get(key):
            front[key] = tp[key]
    branches = tp.get("branches") or []
    if any(branch.get("when") for branch in branches):
        front["next"] = [{"to": b["to"], "when": b["when"]} if b.get("when") else b["to"]
                         for b in branches]
    elif tp.get("next"):
        front["next"] = tp["next"]
    elif tp.get("ends"):
        front["next"] = []  # the journey ends at this step
    if tp.get("detail"):
        front["detail"] = tp["detail"]
    front.update(tp.get("lanes") or {})
    content = []
    for item in tp.get("content") or []:
        entry = _clean(item, ("id", "title", "type", "status", "owner", "language", "link",
                              "last_reviewed", "internal"), {"status": "planned"})
        if isinstance(entry.get("last_reviewed"), str):
            try:
                entry["last_reviewed"] = dt.date.fromisoformat(entry["last_reviewed"])
            except ValueError:
                pass  # the checker reports it at its line
        entry.update(item.get("extra") or {})
        content.append(entry)
    if content:
        front["content"] = content
    front.update(tp.get("extra") or {})
    return front

"""Write a :class:`~.draft.Draft` into a playbook folder.

A new playbook gets a whole site.yml. Into an existing one, new vocabulary entries
and lanes are appended after the last entry of their list, so the file's comments
and layout stay as they were; only a list written in flow style (``stages: [a, b]``)
makes the file be written again from its data, which loses its comments (said so).
No file is overwritten without ``force``: the writer checks every file first and
writes nothing when one exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from ..load.fields import is_slug, slugify
from .draft import Draft

SITE_FILE = "site.yml"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)


def flow(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9,
                          default_flow_style=True).strip()


def markdown_file(front: dict, body: str = "") -> str:
    front = {k: v for k, v in front.items() if not k.startswith("_")}
    text = "---\n" + dump(front) + "---\n"
    if body.strip():
        text += body if body.endswith("\n") else body + "\n"
    return text


@dataclass
class Existing:
    """What an existing playbook already holds, read before the import."""

    site_text: str = ""
    site: dict = field(default_factory=dict)
    content_dir: str = "content"

    @property
    def exists(self) -> bool:
        return bool(self.site_text)


def read_existing(out: Path) -> Existing:
    path = out / SITE_FILE
    if not path.is_file():
        return Existing()
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise UsageError(f"{path}:{line}: site.yml is not valid YAML; fix it before importing "
                         "into it (journeydocs check)") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: site.yml is not a mapping of settings")
    content_dir = str(data.get("content_dir") or "content")
    if content_dir.startswith(("/", "..")) or "/../" in content_dir:
        raise UsageError(f"{path}: content_dir '{content_dir}' is outside the playbook")
    return Existing(text, data, content_dir)


def terms_of(data: dict, key: str) -> list[dict]:
    """site.yml's vocabulary ``key`` as ``{id, name}`` entries (plain names slugged)."""
    terms = []
    for entry in data.get(key) or []:
        if isinstance(entry, str):
            terms.append({"id": slugify(entry), "name": entry})
        elif isinstance(entry, dict) and entry.get("id"):
            terms.append({"id": str(entry["id"]), "name": str(entry.get("name") or entry["id"])})
    return terms


def existing_personas(out: Path, content_dir: str) -> dict[str, dict]:
    """Persona id → ``{name}`` of the playbook's persona files (names read leniently)."""
    found = {}
    folder = out / content_dir / "personas"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        name = path.stem
        try:
            head = path.read_text(encoding="utf-8-sig").split("\n---", 1)[0]
            data = yaml.safe_load(head.removeprefix("---")) if head.startswith("---") else None
            if isinstance(data, dict):
                name = str(data.get("name") or name)
                pid = str(data.get("id") or path.stem)
            else:
                pid = path.stem
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            pid = path.stem
        found[pid] = {"name": name}
    return found


def planned_files(draft: Draft, existing: Existing) -> dict[str, str | bytes]:
    """Path (relative to the playbook) → text (or a picture's bytes), for every file the
    import makes."""
    content = existing.content_dir if existing.exists else "content"
    files: dict[str, str | bytes] = {}
    for pid, front in draft.personas.items():
        if front.get("_new"):
            files[f"{content}/personas/{pid}.md"] = markdown_file(
                front, draft.persona_bodies.get(pid, ""))
    for journey in draft.journeys:
        files[f"{content}/journeys/{journey.id}.md"] = markdown_file(journey.front, journey.body)
    for path, (front, body) in draft.pages.items():
        if all(is_slug(part) for part in path.split("/")):
            files[f"{content}/pages/{path}.md"] = markdown_file(front, body)
    for path, data in draft.media.items():
        files[f"{content}/{path}"] = data
    return files


def new_site(draft: Draft) -> str:
    if draft.site is not None:
        site = dict(draft.site)
        for kind in ("stages", "channels", "teams"):
            site[kind] = draft.vocabs[kind].terms
    else:
        site = {"title": draft.title or "Imported playbook"}
        if draft.language:
            site["language"] = draft.language
        for kind in ("stages", "channels", "teams"):
            if draft.vocabs[kind].terms:
                site[kind] = draft.vocabs[kind].terms
    if draft.lanes:
        site["lanes"] = draft.lanes
    lines = ["# Written by journeydocs import.\n"]
    for key, value in site.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{key}:\n" + "".join(f"  - {flow(v)}\n" for v in value))
        else:
            lines.append(dump({key: value}))
    return "".join(lines)


def updated_site(draft: Draft, existing: Existing) -> tuple[str, bool]:
    """site.yml with the new entries appended; True when its comments could be kept."""
    additions = {kind: draft.vocabs[kind].added for kind in ("stages", "channels", "teams")}
    additions["lanes"] = draft.lanes_added
    additions = {k: v for k, v in additions.items() if v}
    text = existing.site_text
    if not additions:
        return text, True
    if not text.endswith("\n"):
        text += "\n"
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text)
    nodes = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    inserts: list[tuple[int, str]] = []
    tail = ""
    for key, entries in additions.items():
        node = nodes.get(key)
        if node is None:
            tail += f"{key}:\n" + "".join(f"  - {flow(e)}\n" for e in entries)
            continue
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
            data = dict(existing.site)
            data[key] = list(data.get(key) or []) + entries
            for other, more in additions.items():
                if other != key:
                    data[other] = list(data.get(other) or []) + more
            return dump(data), False
        first, last = node.value[0], node.value[-1]
        prefix = lines[first.start_mark.line][:first.start_mark.column].rstrip()
        dash = len(prefix) - 1 if prefix.endswith("-") else 2
        end = last.end_mark.line + (0 if last.end_mark.column == 0 else 1)
        inserts.append((end, "".join(f"{' ' * dash}- {flow(e)}\n" for e in entries)))
    for at, block in sorted(inserts, reverse=True):
        lines.insert(at, block)
    result = "".join(lines)
    if tail:
        result += tail
    return result, True


def write_all(out: Path, files: dict[str, str | bytes], force: bool) -> list[str]:
    """Write every file (folders made as needed); refuse, writing nothing, when one exists."""
    clashes = [rel for rel in files if rel != SITE_FILE and (out / rel).exists()]
    if clashes and not force:
        raise UsageError(f"{out / clashes[0]} exists"
                         + (f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else "")
                         + "; nothing was written (use --force to overwrite)")
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.import-tmp")
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(target)
    return list(files)

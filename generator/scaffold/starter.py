"""Scaffolding: ``journeydocs init`` and ``journeydocs new`` write commented starter files.

The text of each file comes from a template in ``scaffold_templates/`` filled with a
language's starter data (``scaffold_templates/<language>.yml``) or, for ``new``, with
placeholders that use the project's own vocabulary, so every file passes
``journeydocs check`` the moment it is written. Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import os

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..errors import Problems, UsageError, did_you_mean
from ..i18n.pt_br import brazilian
from ..load.config import read_config
from ..load.fields import is_slug, slugify
from ..load.files import content_files, read_config_data
from ..load.frontmatter import ReadError, decode, parse_yaml, split
from ..model import JOURNEY_TYPES, UI_LANGUAGES
from .schema import Vocabulary, schema_files

TEMPLATES = Path(__file__).resolve().parent / "templates"
SCHEMA_DIR = "schemas"
"""Where ``init`` puts the JSON Schemas, relative to the project (the modelines point here)."""


def yaml_scalar(value: Any, flow: bool = False) -> str:
    """``value`` as one line of YAML: plain where YAML reads it back unchanged, quoted
    where it would not (``no``, ``12:15``, ``- x``); ``flow`` inside ``[…]`` or ``{…}``."""
    if isinstance(value, str) and (not value.isprintable() or max(value, default="") > "\uffff"):
        return _double_quoted(value)
    if flow:
        text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6)
        return text.strip()[1:-1]
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return text[:-len("\n...\n")] if text.endswith("\n...\n") else text.strip()


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar with escapes for line breaks, controls and characters
    beyond U+FFFF (PyYAML would write those as surrogate pairs, which YAML reads back as
    two broken characters)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F or (ch.isprintable() and 0xA0 <= code <= 0xFFFF
                                      and ch not in "\u2028\u2029\ufeff"):
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # The output is YAML and Markdown, not HTML: values are made safe by the `y` filter
    # (YAML quoting), and HTML escaping would corrupt names such as "Data & analytics".
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["y"] = yaml_scalar
    env.filters["yf"] = lambda value: yaml_scalar(value, flow=True)
    return env


def _render(template: str, schema_prefix: str = f"../../{SCHEMA_DIR}", **context: Any) -> str:
    """Fill ``template``; ``schema_prefix`` is the schema folder as seen from the file."""
    return _environment().get_template(template).render(schema_dir=SCHEMA_DIR,
                                                        schema_prefix=schema_prefix, **context)


def starter(language: str) -> dict:
    """The starter playbook's data in ``language`` (vocabularies, persona, journey)."""
    if language not in UI_LANGUAGES:
        raise UsageError(f"no starter playbook in '{language}' (choose one of "
                         f"{', '.join(UI_LANGUAGES)})")
    if language == "pt-BR":  # the pt starter as Brazilians write it
        return _brazilian(starter("pt"))
    return yaml.safe_load((TEMPLATES / f"{language}.yml").read_text(encoding="utf-8"))


def _brazilian(value):
    if isinstance(value, str):
        return brazilian(value)
    if isinstance(value, dict):
        return {k: _brazilian(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_brazilian(v) for v in value]
    return value


def init_files(language: str = "en") -> dict[str, str]:
    """Every file of a new playbook, as project-relative path → text."""
    data = starter(language)
    persona, journey = data["persona"], dict(data["journey"], type="current-state",
                                             persona=data["persona"]["id"])
    journey["touchpoints"] = [{"pain_point": "", "opportunity": "", **tp,
                               "content": {"status": "draft", **tp["content"]}}
                              for tp in journey["touchpoints"]]
    stage_names = {s["id"]: s["name"] for s in data["stages"]}
    files = {
        "site.yml": _render("site.yml.j2", d=data, language=language),
        f"content/personas/{persona['id']}.md": _render("persona.md.j2", p=persona),
        f"content/journeys/{journey['id']}.md": _render("journey.md.j2", j=journey,
                                                         stage_names=stage_names),
        "README.md": _render("README.md.j2", d=data, example_persona="new-persona",
                             example_journey="new-journey"),
        ".gitignore": "# the built site and the build cache (journeydocs build --cache)\nsite/\n.journeydocs-cache/\n",
        **vscode_files(),
    }
    vocabulary = Vocabulary(*([item["id"] for item in data[key]]
                              for key in ("stages", "channels", "teams")),
                            personas=[persona["id"]], journeys=[journey["id"]])
    for name, text in schema_files(vocabulary).items():
        files[f"{SCHEMA_DIR}/{name}"] = text
    return files


VSCODE_PROBLEM_PATTERN = r"^(.+?):(\d+): (?:(warning): )?(.*)$"
"""``journeydocs check``'s ``path:line: [warning: ]message`` lines, for VS Code's Problems panel."""


def vscode_files() -> dict[str, str]:
    """``.vscode/`` for a new playbook: Red Hat's YAML extension recommended, site.yml mapped
    to its schema, and a ``journeydocs check`` task whose problems land in the Problems panel.

    The YAML extension validates YAML files only, not front matter inside Markdown
    (redhat-developer/vscode-yaml#207), so personas and journeys are checked by the task
    (and by ``journeydocs serve``) — see docs/editor-validation.md.
    """
    settings = {"yaml.schemas": {f"./{SCHEMA_DIR}/site.schema.json": ["site.yml"]}}
    extensions = {"recommendations": ["redhat.vscode-yaml"]}
    tasks = {"version": "2.0.0", "tasks": [{
        "label": "journeydocs check", "type": "shell", "command": "journeydocs check",
        "group": "test", "presentation": {"reveal": "silent"},
        "problemMatcher": {
            "owner": "journeydocs", "fileLocation": ["relative", "${workspaceFolder}"],
            "severity": "error",
            "pattern": {"regexp": VSCODE_PROBLEM_PATTERN, "file": 1, "line": 2,
                        "severity": 3, "message": 4}}}]}
    return {f".vscode/{name}.json": json.dumps(value, indent=2, ensure_ascii=False) + "\n"
            for name, value in (("settings", settings), ("extensions", extensions),
                                ("tasks", tasks))}


def write_new_files(root: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` below ``root``; refuse (writing nothing) if any of them exists."""
    targets = [root / relative for relative in files]
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing:
        shown = existing[0].relative_to(root).as_posix()
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise UsageError(f"{root / shown} already exists{more}; journeydocs never overwrites "
                         "files (choose an empty folder, or move them away)")
    written = []
    for path, text in zip(targets, files.values()):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never clobber
            handle.write(text)
        written.append(path)
    return written


# -- new journey / new persona -------------------------------------------------

@dataclass
class Project:
    """What ``new`` needs to know about an existing playbook."""

    root: Path
    content: Path
    language: str
    vocabulary: Vocabulary


def open_project(root: Path) -> Project:
    """Read site.yml and the ids of personas and journeys; usage errors when unusable."""
    problems = Problems()
    config = read_config(read_config_data(root, problems), "site.yml", problems)
    if problems.errors:
        first = problems.errors[0]
        raise UsageError(f"site.yml has errors, e.g. {first.format()} "
                         "(run `journeydocs check` for all of them)")
    content = root / config.content_dir
    ids: dict[str, list[str]] = {"personas": [], "journeys": []}
    for kind, path in content_files(root, content, Problems()):
        if kind in ids:
            ids[kind].append(_declared_id(path))
    vocabulary = Vocabulary([t.id for t in config.stages], [t.id for t in config.channels],
                            [t.id for t in config.teams], sorted(ids["personas"]),
                            sorted(ids["journeys"]), list(config.lanes))
    return Project(root, content, config.language, vocabulary)


def _declared_id(path: Path) -> str:
    """A content file's id: ``id:`` in its front matter, else the file name."""
    try:
        parts = split(decode(path.read_bytes()))
        data = parse_yaml(parts.front_matter, first_line=2) if parts.front_matter else None
    except (ReadError, OSError):
        data = None
    declared = data.get("id") if isinstance(data, dict) else None
    return declared if isinstance(declared, str) and declared else path.stem


def check_new_id(kind: str, new_id: str, taken: list[str], path: Path) -> None:
    if not is_slug(new_id):
        suggestion = slugify(new_id)
        hint = f" — try '{suggestion}'" if suggestion else ""
        raise UsageError(f"'{new_id}' is not a valid {kind} id: ids use a-z, 0-9 and '-'{hint}")
    if new_id in taken:
        raise UsageError(f"a {kind} with id '{new_id}' already exists")
    if path.exists():
        raise UsageError(f"{path} already exists; journeydocs never overwrites files")


def placeholders(language: str) -> dict:
    """The ``new persona`` / ``new journey`` placeholder texts in ``language`` (else English)."""
    return starter(language if language in UI_LANGUAGES else "en")["placeholders"]


def _title(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def new_persona(project: Project, persona_id: str) -> tuple[str, str]:
    """(project-relative path, text) of a new persona; raises UsageError when not allowed."""
    path = project.content / "personas" / f"{persona_id}.md"
    check_new_id("persona", persona_id, project.vocabulary.personas, path)
    channels = project.vocabulary.channels[:2]
    persona = dict(placeholders(project.language)["persona"], name=_title(persona_id),
                   channels=channels)
    return _relative(project, path), _render("persona.md.j2", _schema_prefix(project, path),
                                             p=persona)


def new_journey(project: Project, journey_id: str, persona: str,
                journey_type: str = "current-state") -> tuple[str, str]:
    """(project-relative path, text) of a new journey for ``persona``."""
    vocab = project.vocabulary
    path = project.content / "journeys" / f"{journey_id}.md"
    check_new_id("journey", journey_id, vocab.journeys, path)
    if persona not in vocab.personas:
        raise UsageError(f"unknown persona '{persona}' ({did_you_mean(persona, vocab.personas, 'personas')}; "
                         f"create it with `journeydocs new persona {persona}`)")
    if journey_type not in JOURNEY_TYPES:
        raise UsageError(f"unknown journey type '{journey_type}' ({', '.join(JOURNEY_TYPES)})")
    stages = vocab.stages or ["discover"]
    channels = vocab.channels or ["web"]
    owner = vocab.teams[0] if vocab.teams else ""
    text = placeholders(project.language)["journey"]
    touchpoints = []
    for index, step in enumerate(text["steps"][:2]):
        tp_id = step["id"]
        touchpoints.append({
            "id": tp_id, "name": step["name"], "stage": stages[min(index, len(stages) - 1)],
            "channel": channels[min(index, len(channels) - 1)], "timing": f"day {index}",
            "owner": owner, "does": text["does"], "thinks": text["thinks"],
            "feels": text["feels"], "emotion": 3,
            "pain_point": text["pain_point"] if index == 0 else "",
            "opportunity": text["opportunity"] if index == 0 else "",
            "content": {"id": f"{tp_id}-content", "title": text["content_title"],
                        "type": "web-page", "status": "planned"},
        })
    journey = {
        "title": _title(journey_id), "type": journey_type, "persona": persona, "owner": owner,
        "summary": text["summary"], "metric": text["metric"], "target": text["target"],
        "consulted": vocab.teams[1:2], "informed": vocab.teams[2:3],
        "pillars": dict(text["pillars"]), "intro": text["intro"],
        "stories": {stages[0]: text["story"]},
        "touchpoints": touchpoints,
    }
    text = _render("journey.md.j2", _schema_prefix(project, path), j=journey, stage_names={s: _title(s) for s in stages})
    return _relative(project, path), text


def _schema_prefix(project: Project, path: Path) -> str:
    """The schema folder relative to ``path``'s folder (content_dir may be anywhere)."""
    return Path(os.path.relpath(project.root / SCHEMA_DIR, path.parent)).as_posix()


def _relative(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()

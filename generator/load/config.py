"""site.yml → :class:`SiteConfig`: the site's settings and shared vocabularies."""

from __future__ import annotations

import importlib.util
import re
from pathlib import PurePosixPath

from ..errors import Problems, did_you_mean
from .fields import Fields, slugify
from .frontmatter import LMap, LSeq
from ..model import LANE_KINDS, ROBOTS, UI_LANGUAGES, Lane, Phase, SiteConfig, Term, Where
from ..share.audience import INTERNAL_FIELD_CHOICES
from .checks import read_checks
from .keys import TOUCHPOINT_KEYS

CONFIG_FILE = "site.yml"
_URL_UNSAFE = re.compile(r"[\s\"'<>`{}|\\^]")
"""Characters a URL never holds unencoded; in base_url they could break out of attributes."""
MESSAGE_CHANNELS = frozenset({"email", "sms", "mms", "push", "letter", "mail", "post",
                              "newsletter", "whatsapp", "messenger", "notification", "in-app"})
"""Channel ids that count as messages unless site.yml says ``messages: false``."""
SVG_INSTALL = "pip install 'journeydocs[svg]'"
"""How to install the renderer ``diagrams: svg`` needs (the ``mermaidx`` package)."""
DIAGRAM_MODES = ("client", "svg")
"""``diagrams:`` in site.yml: drawn by mermaid in the browser, or pre-rendered to SVG."""
KNOWN_KEYS = ("title", "description", "language", "base_url", "content_dir", "output_dir",
              "stages", "channels", "teams", "review_after_days", "max_messages_per_day", "diagrams",
              "nav_limit",
              "markdown",
              "robots",
              "internal_fields", "extra",
              "phases", "lanes", "checks")


def read_config(data: object, path: str, problems: Problems) -> SiteConfig:
    """Check site.yml's data and build the config; problems go to ``problems``."""
    if not isinstance(data, LMap):
        if data is not None or not any(p.path == path for p in problems.errors):
            problems.error(path, 1, "site.yml must be a mapping of settings",
                           "start with a line such as 'title: My playbook'")
        return SiteConfig(title="Untitled playbook")
    fields = Fields(data, path, problems, "site.yml")
    extra = fields.unknown(KNOWN_KEYS, warn_all=True)
    config = SiteConfig(
        title=fields.text("title", required=True) or "Untitled playbook",
        description=fields.text("description"),
        language=fields.choice("language", UI_LANGUAGES, "en"),
        base_url=_base_url(fields),
        content_dir=_folder(fields, "content_dir", "content"),
        output_dir=_folder(fields, "output_dir", "site"),
        stages=read_terms(fields, "stages"),
        channels=read_terms(fields, "channels"),
        teams=read_terms(fields, "teams"),
        review_after_days=fields.integer("review_after_days", 1, 100_000) or 180,
        max_messages_per_day=fields.integer("max_messages_per_day", 1, 1000) or 3,
        robots=fields.choice("robots", ROBOTS, "noindex"),
        diagrams=fields.choice("diagrams", DIAGRAM_MODES, "client"),
    )
    if config.diagrams == "svg" and not svg_engine_installed():
        fields.warn("diagrams", "diagrams: svg needs the mermaidx renderer, which is not "
                    "installed: the diagrams are drawn in the browser instead",
                    f"install it with: {SVG_INSTALL}", code="diagrams-svg-unavailable")
    nav_limit = fields.integer("nav_limit", 0, 1_000_000)
    if nav_limit is not None:
        config.nav_limit = nav_limit
    if "internal_fields" in data:
        config.internal_fields = _internal_fields(fields)
    config.markdown_html = _markdown_html(fields)
    config.extra = dict(extra, **(fields.mapping("extra") or {}))
    config.phases = read_phases(fields, config.stages)
    config.lanes = read_lanes(fields)
    config.checks = read_checks(fields)
    config.checks_line = fields.line("checks") if "checks" in data else 0
    return config


def svg_engine_installed() -> bool:
    """Whether ``mermaidx`` (``diagrams: svg``'s renderer) can be imported."""
    return importlib.util.find_spec("mermaidx") is not None


def read_phases(fields: Fields, stages: list[Term]) -> list[Phase]:
    """``phases:`` — named groups of consecutive stages, in stage order.

    A stage named by no stage of site.yml, a stage in two phases, or phases whose
    stages are not in stage order are errors.
    """
    phases: list[Phase] = []
    order = {term.id: index for index, term in enumerate(stages)}
    owner: dict[str, str] = {}
    seen: dict[str, int] = {}
    last = (-1, "")
    for data in fields.mappings("phases"):
        entry = fields.sub(data, "a phase")
        entry.unknown(("id", "name", "description", "stages"))
        phase_id = entry.slug("id", required=True)
        if not phase_id:
            continue
        if phase_id in seen:
            entry.error("id", f"phase id '{phase_id}' is defined twice", f"first on line {seen[phase_id]}")
            continue
        seen[phase_id] = entry.line("id")
        phase = Phase(phase_id, entry.text("name") or phase_id, where=Where(fields.path, data.line))
        for stage, line in entry.text_list_lines("stages", required=True):
            if stage not in order:
                fields.problems.error(fields.path, line, f"unknown stage '{stage}' in phase '{phase_id}'",
                                      did_you_mean(stage, list(order), "stages"))
            elif stage in owner:
                fields.problems.error(fields.path, line,
                                      f"stage '{stage}' is in two phases, '{owner[stage]}' and '{phase_id}'",
                                      "each stage belongs to one phase")
            elif order[stage] < last[0]:
                fields.problems.error(fields.path, line,
                                      f"phase '{phase_id}' lists stage '{stage}' out of stage order",
                                      f"it comes before '{last[1]}' in stages:; phases follow the "
                                      "stages in order")
            else:
                owner[stage] = phase_id
                phase.stages.append(stage)
                last = max(last, (order[stage], stage))
        phases.append(phase)
    return phases


def read_lanes(fields: Fields) -> list[Lane]:
    """``lanes:`` — custom touchpoint fields: ``{id, name, kind, min, max}``."""
    lanes: list[Lane] = []
    seen: dict[str, int] = {}
    for data in fields.mappings("lanes"):
        entry = fields.sub(data, "a lane")
        entry.unknown(("id", "name", "kind", "min", "max", "description"))
        lane_id = _lane_id(entry)
        if not lane_id:
            continue
        if lane_id in TOUCHPOINT_KEYS:
            entry.error("id", f"lane id '{lane_id}' is a built-in touchpoint field",
                        "choose another id; the built-in field already has its place")
            continue
        if lane_id in seen:
            entry.error("id", f"lane id '{lane_id}' is defined twice", f"first on line {seen[lane_id]}")
            continue
        seen[lane_id] = entry.line("id")
        lane = Lane(lane_id, entry.text("name") or lane_id, entry.choice("kind", LANE_KINDS, "text"),
                    _number(entry, "min"), _number(entry, "max"), Where(fields.path, data.line))
        if lane.kind == "rating" and (lane.min is None or lane.max is None):
            entry.error(None, f"rating lane '{lane_id}' needs both 'min' and 'max'",
                        "e.g. min: 1, max: 7")
            continue
        if lane.min is not None and lane.max is not None and lane.min > lane.max:
            entry.error("min", f"lane '{lane_id}' has min {lane.min:g} above max {lane.max:g}")
            continue
        lanes.append(lane)
    return lanes


_LANE_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
"""A lane id is a touchpoint field name: lower-case letters, digits and '_'."""


def _lane_id(entry: Fields) -> str:
    value = entry.text("id", required=True)
    if value and not _LANE_ID.match(value):
        entry.error("id", f"lane id '{value}' is not a field name",
                    f"use a-z, 0-9 and '_', e.g. '{slugify(value).replace('-', '_') or 'my_lane'}'")
        return ""
    return value


def _number(entry: Fields, key: str) -> float | None:
    value = entry.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        entry.error(key, f"'{key}' must be a number, not {value!r}")
        return None
    return value


def _markdown_html(fields: Fields) -> bool:
    """``markdown: {html: true}`` lets raw HTML through Markdown (sanitized)."""
    data = fields.mapping("markdown")
    if data is None:
        return False
    options = fields.sub(data, "'markdown'")
    options.unknown(("html",), warn_all=True)
    html = data.get("html", False)
    if not isinstance(html, bool):
        options.error("html", "'html' must be true or false",
                      "true lets raw HTML in Markdown through, without scripts")
        return False
    return html


def _internal_fields(fields: Fields) -> list[str]:
    """``internal_fields:`` — names of fields external builds leave out (may be empty)."""
    names = []
    for name, line in fields.text_list_lines("internal_fields"):
        if name in INTERNAL_FIELD_CHOICES:
            names.append(name)
            continue
        hint = did_you_mean(name, INTERNAL_FIELD_CHOICES, "fields")
        fields.problems.error(fields.path, line,
                              f"'{name}' in 'internal_fields' is not a field that can be internal",
                              hint)
    return names


def _base_url(fields: Fields) -> str:
    url = fields.text("base_url")
    if url and url.startswith(("https://", "http://")) and (
            _URL_UNSAFE.search(url) or not re.match(r"https?://[^/?#:@]+", url)):
        fields.error("base_url", f"'base_url' is not a valid address: '{url}'",
                     "write it like https://playbooks.example.com/ and encode quotes and spaces")
        return ""
    if url and not url.startswith(("https://", "http://")):
        fields.error("base_url", f"'base_url' must start with https:// or http://, not '{url}'")
        return ""
    return url if not url or url.endswith("/") else url + "/"


def _folder(fields: Fields, key: str, default: str) -> str:
    """A folder inside the project: relative, no '..'."""
    value = fields.text(key) or default
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or value.startswith("~"):
        fields.error(key, f"'{key}' must be a folder inside the project, not '{value}'",
                     f"use a relative path such as '{default}'")
        return default
    return path.as_posix()


def read_terms(fields: Fields, key: str) -> list[Term]:
    """A vocabulary: a list of ``{id, name, description}`` or of plain names."""
    value = fields.data.get(key)
    if value is None:
        return []
    if not isinstance(value, LSeq):
        fields.error(key, f"'{key}' must be a list of {{id, name}} entries")
        return []
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        line = value.line_of(index)
        term = _term(fields, key, item, line)
        if term is None:
            continue
        if term.id in seen:
            fields.problems.error(fields.path, line, f"{key} id '{term.id}' is defined twice",
                                  f"first on line {seen[term.id]}")
            continue
        seen[term.id] = line
        terms.append(term)
    return terms


def _term(fields: Fields, key: str, item: object, line: int) -> Term | None:
    where = Where(fields.path, line)
    if isinstance(item, str):  # shorthand: "- Discover"
        term_id = slugify(item)
        if not term_id:
            fields.problems.error(fields.path, line, f"cannot make an id from '{item}' in '{key}'",
                                  "write it as {id: my-id, name: …}")
            return None
        return Term(term_id, item, where=where, messages=term_id in MESSAGE_CHANNELS)
    if not isinstance(item, LMap):
        fields.problems.error(fields.path, line, f"each entry of '{key}' must be {{id, name}}")
        return None
    entry = fields.sub(item, f"an entry of '{key}'")
    entry.unknown(("id", "name", "description", "messages"))
    term_id = entry.slug("id", required=True)
    if not term_id:
        return None
    messages = item.get("messages")
    if not isinstance(messages, bool):
        if messages is not None:
            entry.error("messages", "'messages' must be true or false")
        messages = term_id in MESSAGE_CHANNELS
    return Term(term_id, entry.text("name") or term_id, entry.text("description"), where, messages)

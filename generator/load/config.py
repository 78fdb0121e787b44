"""site.yml → :class:`SiteConfig`: the site's settings and shared vocabularies."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..errors import Problems, did_you_mean
from .fields import Fields, slugify
from .frontmatter import LMap, LSeq
from ..model import ROBOTS, UI_LANGUAGES, SiteConfig, Term, Where
from ..share.audience import INTERNAL_FIELD_CHOICES

CONFIG_FILE = "site.yml"
_URL_UNSAFE = re.compile(r"[\s\"'<>`{}|\\^]")
"""Characters a URL never holds unencoded; in base_url they could break out of attributes."""
MESSAGE_CHANNELS = frozenset({"email", "sms", "mms", "push", "letter", "mail", "post",
                              "newsletter", "whatsapp", "messenger", "notification", "in-app"})
"""Channel ids that count as messages unless site.yml says ``messages: false``."""
DIAGRAM_MODES = ("client", "svg")
"""``diagrams:`` in site.yml: drawn by mermaid in the browser, or pre-rendered to SVG."""
KNOWN_KEYS = ("title", "description", "language", "base_url", "content_dir", "output_dir",
              "stages", "channels", "teams", "review_after_days", "max_messages_per_day", "diagrams",
              "nav_limit",
              "markdown",
              "robots",
              "internal_fields", "extra")


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
    nav_limit = fields.integer("nav_limit", 0, 1_000_000)
    if nav_limit is not None:
        config.nav_limit = nav_limit
    if "internal_fields" in data:
        config.internal_fields = _internal_fields(fields)
    config.markdown_html = _markdown_html(fields)
    config.extra = dict(extra, **(fields.mapping("extra") or {}))
    return config


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

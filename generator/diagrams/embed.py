"""Putting mermaid source into HTML, and defusing diagrams written by users."""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

from .palette import client_palette

_DIRECTIVE = re.compile(r"%%\{.*?(?:\}%%|\Z)", re.DOTALL)
_FRONTMATTER = re.compile(r"\A\s*---[ \t]*\n.*?\n[ \t]*---[ \t]*(?:\n|\Z)", re.DOTALL)


def mermaid_block(source: str, links: dict[str, str] | None = None) -> Markup:
    """``<pre class="mermaid">…</pre>`` with ``source`` HTML-escaped.

    Mermaid reads the element's text (it decodes the HTML), so escaping is
    what makes ``<``, ``&`` and quotes in the source reach mermaid unchanged —
    and what keeps them from being markup in the page before mermaid runs.
    ``data-palette`` holds the colours per scheme (:func:`.palette.client_palette`),
    which ``journeydocs.js`` hands to mermaid. ``links`` (node id → relative URL) go
    into ``data-links`` as JSON for diagrams without mermaid ``click`` support;
    ``diagrams.js`` wires them.
    """
    palette = _attribute(json.dumps(client_palette(source), sort_keys=True,
                                    separators=(",", ":")))
    if not links:
        return Markup('<pre class="mermaid" data-palette=\'%s\'>%s</pre>') % (
            palette, escape(source))
    return Markup('<pre class="mermaid" data-palette=\'%s\' data-links="%s">%s</pre>') % (
        palette, json.dumps(links, sort_keys=True), escape(source))


def _attribute(text: str) -> Markup:
    """``text`` for a single-quoted attribute: JSON's double quotes stay readable."""
    return Markup(text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;"))


def sanitize_user_diagram(source: str) -> str:
    """A user's ```` ```mermaid ```` source without anything that configures mermaid.

    Removes every ``%%{ … }%%`` directive (``init``, ``config``, ``wrap``…, even
    unclosed ones, which mermaid reads to the end of the text) and a leading
    ``---`` front-matter block (``config:`` / ``title:``), repeating until none
    is left, so content cannot change ``securityLevel``, themes or other
    settings.  Everything else is kept; the page's ``securityLevel: "strict"``
    handles ``click`` callbacks and ``javascript:`` links.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    while True:
        cleaned = _FRONTMATTER.sub("", _DIRECTIVE.sub("", text), count=1)
        if cleaned == text:
            return text
        text = cleaned

"""Raw HTML a playbook opts into (``markdown: {html: true}``), made safe to show.

Used only in opt-in mode; by default raw HTML is escaped and never reaches this.
The HTML that markdown-it renders — raw tags included — goes through nh3 (the
Python binding of the Rust ``ammonia`` sanitizer, which parses like a browser
does) with an allowlist: no ``<script>``, ``<style>``, ``<iframe>``, forms or
``on*`` handlers, and only ``http``, ``https``, ``mailto`` and ``tel`` or
relative URLs.

Content must not be able to make elements the theme's scripts act on, so the
``mermaid`` class, ``id`` and ``data-*`` attributes are not allowed; the
diagram blocks journeydocs itself renders are set aside before cleaning and put
back after (see :func:`protect` / :func:`restore`).
"""

from __future__ import annotations

import secrets

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"area", "map"}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "title", "lang", "dir"}
_ATTRIBUTES.setdefault("img", set()).update({"alt", "title"})
_ATTRIBUTES.setdefault("div", set()).add("tabindex")
_ATTRIBUTES.setdefault("th", set()).add("style")
_ATTRIBUTES.setdefault("td", set()).add("style")
_ATTRIBUTES.setdefault("abbr", set()).add("title")
_STYLE_PROPERTIES = {"text-align"}
"""markdown-it aligns table cells with ``style="text-align:…"``; nothing else is kept."""


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        names = [name for name in value.split() if not name.lower().startswith("mermaid")]
        return " ".join(names) or None
    if attribute == "tabindex":
        return value if value in ("0", "-1") else None
    return value


def clean_html(html: str) -> str:
    """``html`` with everything that could run script or restyle the page removed."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=_STYLE_PROPERTIES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class Vault:
    """Trusted HTML set aside while the rest of a fragment is cleaned.

    Each block is replaced by a marker holding a random nonce, so content cannot
    forge a marker; text survives the sanitizer unchanged, and the blocks come
    back in place afterwards.
    """

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self.blocks: list[str] = []

    def protect(self, html: str) -> str:
        self.blocks.append(html)
        return f"<p>jd-block-{self.nonce}-{len(self.blocks) - 1}</p>\n"

    def restore(self, html: str) -> str:
        for index, block in enumerate(self.blocks):
            html = html.replace(f"<p>jd-block-{self.nonce}-{index}</p>", block.rstrip("\n"))
        return html

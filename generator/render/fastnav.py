"""The sidebar, rendered once per kind of folder and spliced into every page.

Every page carries the whole sidebar, so filling it item by item on each page makes a
build grow with pages × journeys. Instead the template is asked what it makes of the
sidebar, by rendering it with a few different ``nav`` values and comparing the
results: what one sentinel section turns into, what the real sidebar turns into seen
from a folder, and what one item looks like when it is the current page or its
parent. A page is then rendered with the sentinel and the sentinel's text swapped
for the folder's sidebar, with the page's own item marked.

Nothing here knows the theme's markup; everything is read off the template itself.
The first page of each (template, folder kind) is rendered the plain way only; the
second is rendered both ways and compared: a template whose sidebar does not splice
(one that loops over ``nav`` in an unusual way) is simply rendered the plain way from
then on, so output never depends on whether the shortcut was taken.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import jinja2
from markupsafe import escape

from .. import urls

ENABLED = True
"""False renders every sidebar the plain way (tests compare the two)."""
LARGE_PAGE = 200_000
"""Characters above which a kind of page is always rendered the plain way: its own
content costs far more than its sidebar, and checking the splice would render it
several times more (a team page of a 1,000-journey playbook is ~3 MB)."""
_NONE = "jd0none0path"
"""A page path no sidebar item has."""
_TOKEN_TEXT, _TOKEN_HREF, _TOKEN_PATH = "jd0item0text", "jd0item0href", "jd0item0path"
_TOKEN_SECTION, _TOKEN_GROUP, _TOKEN_SENTINEL = "jd0section", "jd0group", "jd0sentinel0nav"


def insertion(without: str, with_: str) -> tuple[int, str] | None:
    """Where and what ``with_`` adds to ``without``, when it is one insertion."""
    extra = len(with_) - len(without)
    if extra < 0:
        return None
    lo, hi = 0, len(without)
    while lo < hi:  # longest common prefix, compared in C by slices
        mid = (lo + hi + 1) // 2
        if without[:mid] == with_[:mid]:
            lo = mid
        else:
            hi = mid - 1
    if with_[lo + extra:] != without[lo:]:
        return None
    return lo, with_[lo:lo + extra]


def _folder_parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("/")[:-1])


def _common(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class NavSplicer:
    """Fills ``nav`` for :meth:`Site.render <journeydocs.render.site.Site.render>`."""

    def __init__(self, sections: Sequence[Any], hidden: Mapping[str, tuple[str, str]],
                 nav_from: Callable[..., Any], section: Callable[..., Any],
                 group: Callable[..., Any], link: Callable[..., Any]):
        self.sections = sections
        self.hidden = hidden
        """Pages the sidebar lists only on themselves, above their "Show all" link."""
        self.nav_from = nav_from
        self._make = (section, group, link)
        items = [item for s in sections for g in s.groups for item in g.items]
        self.dirs = sorted({_folder_parts(item.path) for item in items})
        self.texts: dict[str, list[str]] = {}
        for item in items:
            texts = self.texts.setdefault(item.path, [])
            if item.text not in texts:
                texts.append(item.text)
        self._patterns: tuple[str, dict[str, str]] | None = None
        self._broken = False
        self._folder_nav: dict[tuple, str] = {}
        self._seen: set[tuple] = set()
        self._checked: set[tuple] = set()
        self._plain: set[tuple] = set()
        self._last_marked: tuple[tuple, str] = ((), "")

    def _plain_nav(self, page: Mapping[str, Any]) -> Any:
        return self.nav_from(page["path"], page.get("parent", ""))

    def folder_kind(self, page_path: str) -> tuple:
        """Pages whose links to every sidebar item are the same share a kind.

        A relative link depends only on the page's folder depth and on how much of
        the target's folder it shares, so journeys/a/ and journeys/b/ are one kind.
        """
        parts = _folder_parts(page_path)
        return (len(parts), tuple(_common(parts, d) for d in self.dirs))

    def render(self, template: jinja2.Template, values: dict[str, Any]) -> str:
        page = values["page"]
        kind = (template.name, self.folder_kind(page["path"]))
        if not ENABLED or self._broken or kind in self._plain:
            return template.render(nav=self._plain_nav(page), **values)
        if kind not in self._seen:
            # the first page of a kind is rendered the plain way: a kind with one page
            # (most cross-journey views, some of them large) never pays for a check
            self._seen.add(kind)
            html = template.render(nav=self._plain_nav(page), **values)
            if len(html) > LARGE_PAGE:
                self._plain.add(kind)
            return html
        try:
            html = self._spliced(template, values)
        except Exception:  # noqa: BLE001 - any doubt: the plain render decides (and raises)
            html = None
        if kind not in self._checked:
            self._checked.add(kind)
            plain = template.render(nav=self._plain_nav(page), **values)
            if html != plain:
                self._plain.add(kind)
                return plain
        if html is None:
            self._plain.add(kind)
            return template.render(nav=self._plain_nav(page), **values)
        return html

    # ----------------------------------------------------------------- splicing

    def _spliced(self, template: jinja2.Template, values: dict[str, Any]) -> str:
        page = values["page"]
        sentinel, items = self._item_patterns(template, values)
        html = template.render(nav=self._sentinel_nav(), **values)
        if sentinel not in html:
            return html  # this template shows no sidebar
        return html.replace(sentinel, self._marked_nav(template, values, items), 1)

    def _marked_nav(self, template: jinja2.Template, values: dict[str, Any],
                    items: dict[str, str]) -> str:
        """The folder's sidebar with the page's own item (and its parent's) marked.

        The last one is kept: a journey's touchpoint pages, rendered one after the
        other, share a folder and a parent and are not in the sidebar themselves."""
        page = values["page"]
        key = (page["path"].rsplit("/", 1)[0] if "/" in page["path"] else "",
               page["path"] if page["path"] in self.texts or page["path"] in self.hidden else "",
               page.get("parent", ""))
        if self._last_marked[0] == key:
            return self._last_marked[1]
        nav = self._nav_of_folder(template, values)
        for path, state in ((page["path"], "current"), (page.get("parent", ""), "parent")):
            for text in self.texts.get(path, ()) if path else ():
                href = urls.relative(path, page["path"])
                plain = _fill(items["none"], text, href, path)
                nav = nav.replace(plain, _fill(items[state], text, href, path))
            if path in self.hidden:
                text, show_all = self.hidden[path]
                more = _fill(items["none"], self.texts[show_all][0],
                             urls.relative(show_all, page["path"]), show_all)
                listed = _fill(items[state], text, urls.relative(path, page["path"]), path)
                nav = nav.replace(more, listed + more, 1)
        self._last_marked = (key, nav)
        return nav

    def _sentinel_nav(self) -> tuple:
        section, _, _ = self._make
        return (section(_TOKEN_SENTINEL, ()),)

    def _item_patterns(self, template: jinja2.Template,
                       values: dict[str, Any]) -> tuple[str, dict[str, str]]:
        if self._patterns is not None:
            return self._patterns
        section, group, link = self._make
        item = link(_TOKEN_TEXT, _TOKEN_HREF, _TOKEN_PATH)
        one = (section(_TOKEN_SECTION, (group(_TOKEN_GROUP, (item,)),)),)
        two = (section(_TOKEN_SECTION, (group(_TOKEN_GROUP, (item, item)),)),)
        patterns = {}
        for state, path, parent in (("none", _NONE, _NONE), ("current", _TOKEN_PATH, _NONE),
                                    ("parent", _NONE, _TOKEN_PATH)):
            probe = {**values, "page": {**values["page"], "path": path, "parent": parent}}
            found = insertion(template.render(nav=one, **probe),
                              template.render(nav=two, **probe))
            if found is None or _TOKEN_HREF not in found[1]:
                self._broken = True
                raise _CannotSplice
            patterns[state] = found[1]
        found = insertion(template.render(nav=(), **values),
                          template.render(nav=self._sentinel_nav(), **values))
        if found is None or _TOKEN_SENTINEL not in found[1]:
            self._broken = True
            raise _CannotSplice
        self._patterns = (found[1], patterns)
        return self._patterns

    def _nav_of_folder(self, template: jinja2.Template, values: dict[str, Any]) -> str:
        page = values["page"]
        kind = self.folder_kind(page["path"])
        if kind not in self._folder_nav:
            # no page is current: the page's own item is marked afterwards
            marked_none = {**values, "page": {**page, "path": _NONE, "parent": _NONE}}
            folder = page["path"].rsplit("/", 1)[0] + "/" if "/" in page["path"] else ""
            nav = self.nav_from(folder + _NONE)  # no page of the folder listed specially
            found = insertion(template.render(nav=(), **marked_none),
                              template.render(nav=nav, **marked_none))
            if found is None:
                raise _CannotSplice
            self._folder_nav[kind] = found[1]
        return self._folder_nav[kind]


class _CannotSplice(Exception):
    pass


def _fill(pattern: str, text: str, href: str, path: str) -> str:
    return (pattern.replace(_TOKEN_HREF, str(escape(href)))
            .replace(_TOKEN_TEXT, str(escape(text)))
            .replace(_TOKEN_PATH, str(escape(path))))

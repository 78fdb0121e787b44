"""Site-level views: the sidebar navigation, the home page, free pages and 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping
from urllib.parse import quote

from .. import urls, views
from ..i18n.l10n import format_date, format_number
from ..markdown import MERMAID_FLAG, render_markdown
from ..model import JOURNEY_STATUSES, PERSONA_KINDS, Journey, Page, Playbook
from ..render.common import Link, Linker, badge
from ..i18n.strings import label
from ..share.history import WHATS_NEW, has_whats_new
from ..render.site import NavGroup, NavSection

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site

STATUS_ORDER = ("published", "review", "draft", "retired")
"""How journeys are grouped on the home page and in the sidebar."""
HOME_CARDS = 24
"""Journey (and persona) cards per group on the home page; a longer group ends with a
link to every one of them in the Indexes page's journeys table (filtered to that status
by tables.js), so the home page stays the same size whatever the playbook's."""


def journeys_by_status(playbook: Playbook) -> list[tuple[str, list[Journey]]]:
    """(status, journeys sorted by title) for each status that has journeys."""
    order = list(STATUS_ORDER) + [s for s in JOURNEY_STATUSES if s not in STATUS_ORDER]
    groups = []
    extra = sorted({j.status for j in playbook.journeys.values()} - set(order))
    for status in order + extra:
        members = [j for j in playbook.journeys.values() if j.status == status]
        if members:
            groups.append((status, sorted(members, key=lambda j: (j.title.casefold(), j.id))))
    return groups


def ordered_pages(playbook: Playbook) -> list[Page]:
    """Free pages by ``order``, then title."""
    return sorted(playbook.pages.values(), key=lambda p: (p.order, p.title.casefold(), p.id))


def navigation(playbook: Playbook, t: Mapping[str, str]
               ) -> tuple[tuple[NavSection, ...], dict[str, tuple[str, str]]]:
    """The sidebar with site-root paths, built once per site, and what it leaves out.

    A group longer than ``nav_limit`` lists its first items and a "Show all" link to
    its list on the home page: a sidebar of a thousand journeys helps nobody, and
    as every page carries the sidebar its bytes grew with pages × journeys. The
    items left out map to (their text, the path of their group's "Show all" link),
    so the page of one of them still finds itself in the sidebar, just above it.
    """
    limit = playbook.config.nav_limit
    hidden: dict[str, tuple[str, str]] = {}

    def group(title: str, items: list[Link], full_list: str) -> NavGroup:
        if not limit or len(items) <= limit:
            return NavGroup(title, tuple(items))
        text = t["nav_show_all"].format(count=format_number(len(items),
                                                              playbook.config.language))
        more = Link(text, full_list, full_list)
        hidden.update((item.path, (item.text, full_list)) for item in items[limit:])
        return NavGroup(title, tuple(items[:limit]) + (more,))

    sections = []
    if playbook.journeys:
        sections.append(NavSection(t["journeys"], tuple(
            group(label(t, "status", status),
                  [_item(j.title, urls.journey(j.id)) for j in journeys],
                  f"{urls.INDEX}#{journey_group_anchor(status)}")
            for status, journeys in journeys_by_status(playbook))))
    if playbook.personas:
        sections.append(NavSection(t["personas"], tuple(
            group(title, [_item(p.name, urls.persona(p.id)) for p in members],
                  f"{urls.INDEX}#personas")
            for title, members in personas_by_kind(playbook, t))))
    if playbook.pages:
        sections.append(NavSection(t["pages"], (group("", [
            _item(p.title, urls.page(p.id)) for p in ordered_pages(playbook)],
            f"{urls.INDEX}#pages"),)))
    return tuple(sections), hidden


def views_bar(playbook: Playbook, t: Mapping[str, str]) -> tuple[tuple[str, Link], ...]:
    """The views every page's header links to, as (``data-view`` name, link): the
    sidebar lists journeys, personas and pages, which grow with the playbook; the views
    stay in reach above them, one click from anywhere."""
    links = views.view_links(playbook, t)
    if has_whats_new(playbook):  # first of the views: what a returning reader looks for
        links.insert(0, ("whats-new", _item(t["whats_new"], WHATS_NEW)))
    return tuple(links)


def personas_by_kind(playbook: Playbook, t: Mapping[str, str]) -> list[tuple[str, list]]:
    """Personas by name, in groups by kind (customers, staff, partners) when a playbook
    has more than one kind: the people behind a service apart from its customers."""
    personas = sorted(playbook.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    kinds = [kind for kind in PERSONA_KINDS if any(p.kind == kind for p in personas)]
    if len(kinds) < 2:
        return [("", personas)]
    return [(t[f"persona_group.{kind}"], [p for p in personas if p.kind == kind])
            for kind in kinds]


def _item(text: str, path: str) -> Link:
    return Link(text, path, path)


def journey_group_anchor(status: str) -> str:
    """The id of a status group of journeys on the home page."""
    return f"journeys-{status}"


def home_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = urls.INDEX
    link = Linker(playbook, path)
    journeys = playbook.journeys.values()
    touchpoints = [tp for j in journeys for tp in j.touchpoints]
    language = playbook.config.language
    stats = [
        {"value": format_number(value, language), "label": label_text}
        for value, label_text in (
            (len(playbook.journeys), t["journeys"]),
            (len(touchpoints), t["touchpoints"]),
            (len(playbook.personas), t["personas"]),
            (sum(len(tp.content) for tp in touchpoints), t["content_items"]))]
    before, _, after = t["built_on"].partition("{date}")
    indexes = link.href(views.paths.INDEXES)
    groups = [{
        "title": label(t, "status", status),
        "anchor": journey_group_anchor(status),
        "badge": badge(t, "status", status),
        "journeys": [journey_card(site, link, j) for j in members[:HOME_CARDS]],
        "more": _more(t, language, len(members), t["home_show_all"],
                      f"{indexes}?status={quote(status)}#all-journeys"),
    } for status, members in journeys_by_status(playbook)]
    personas = [{"title": title, "personas": [{
        "link": link.to(p.name, urls.persona(p.id)),
        "role": p.role,
        "segment": p.segment,
        "quote": p.quote,
    } for p in members[:HOME_CARDS]], "more": _more(t, language, len(members), t["by_segment"],
                                                    f"{indexes}#by-segment")
                                      if playbook.journeys else None}
        for title, members in personas_by_kind(playbook, t)] if playbook.personas else []
    context = {
        "description": playbook.config.description,
        "stats": stats,
        "groups": groups,
        "personas": personas,
        "pages": [link.to(p.title, urls.page(p.id)) for p in ordered_pages(playbook)],
        "views": [{"view": key, "link": link.to(item.text, item.path),
                   "about": t.get(f"view_about.{key.replace('-', '_')}", "")}
                  for key, item in site.views_bar],
        "built": {"before": before, "after": after, "iso": site.today.isoformat(),
                  "date": format_date(site.today, language)},
    }
    return site.render("index.html", path, playbook.config.title, context)


def _more(t: Mapping[str, str], language: str, total: int, text: str,
          href: str) -> dict | None:
    """The line that ends a home page group longer than :data:`HOME_CARDS`."""
    if total <= HOME_CARDS:
        return None
    return {"shown": t["home_shown"].format(shown=format_number(HOME_CARDS, language),
                                            total=format_number(total, language)),
            "link": Link(text.format(total=format_number(total, language)), href, href)}


def journey_card(site: Site, link: Linker, journey: Journey) -> dict:
    """A journey as the home page lists it, with the stages it covers."""
    t = site.t
    used = {tp.stage for tp in journey.touchpoints}
    count = len(journey.touchpoints)
    return {
        "link": link.journey(journey),
        "summary": journey.summary,
        "type": badge(t, "type", journey.type),
        "personas": [p for p in (link.persona(pid) for pid in journey.personas) if p],
        "stages": [{"name": s.name, "covered": s.id in used} for s in journey.stages],
        "touchpoints": (t["touchpoint_count_one"] if count == 1 else t["touchpoint_count"].format(
            n=format_number(count, site.playbook.config.language))),
    }


def free_page(site: Site, page: Page) -> OutputFile:
    env: dict = {}
    body = render_markdown(page.body, env)
    return site.render("page.html", urls.page(page.id), page.title, {"body": body},
                       diagrams=bool(env.get(MERMAID_FLAG)))


def not_found_page(site: Site) -> OutputFile:
    return site.render("404.html", urls.NOT_FOUND, site.t["not_found_title"], {},
                       from_root=True)

"""The Health page, for the people who act on it: every warning under the team that
owns what it is about, then its journey, named by titles and linked to the page where
it is fixed; the journeys due for review; what rests on assumptions. The file and
line of each warning (what an author opens the editor at) are folded away below.

:func:`due_by_team` is the pure part, also used by each team's page ("due for this
team"). Warnings that ``checks:`` turns off never get here: :func:`health_findings`
leaves them out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .. import urls
from ..i18n.l10n import format_date, format_number
from ..load.health import Finding, Subject, health_findings
from ..model import Journey, Playbook
from ..render.common import Linker, team_name
from ..render.site import OutputFile
from ..share.evidence import assumption_journeys, assumption_touchpoints
from . import paths, tables
from .common import NO_VALUE, Filter, Lookup, make_filter, page_context
from .tables import Column, Row, Table

if TYPE_CHECKING:
    import datetime as dt

    from ..render.site import Site

NO_TEAM = ""
"""The team key of warnings about something no team owns."""
PLAYBOOK_WIDE = "*"
"""The team key of warnings about no journey (unused personas, message load)."""


@dataclass(frozen=True)
class Due:
    """One warning as a reader sees it: what it is about and which check it is."""

    finding: Finding
    journey: Journey | None
    title: str
    """The title of what it is about: content item, touchpoint, journey or persona."""
    target: str
    """Site page (and #anchor) where it is fixed, or ""."""


def owning_team(playbook: Playbook, subject: Subject) -> str:
    """The team that owns what a warning is about: the content item's owner, else the
    touchpoint's, else the journey's; :data:`PLAYBOOK_WIDE` for no journey."""
    journey = playbook.journeys.get(subject.journey)
    if journey is None:
        return PLAYBOOK_WIDE
    tp = journey.touchpoint(subject.touchpoint) if subject.touchpoint else None
    item = next((c for c in tp.content if c.id == subject.content), None) if tp else None
    return (item.owner if item else "") or (tp.owner if tp else "") or journey.owner or NO_TEAM


def title_of(playbook: Playbook, subject: Subject, t) -> str:
    if subject.load:
        return t["check.message-load"]
    if subject.persona:
        persona = playbook.personas.get(subject.persona)
        return persona.name if persona else subject.persona
    journey = playbook.journeys.get(subject.journey)
    if journey is None:
        return subject.journey
    tp = journey.touchpoint(subject.touchpoint) if subject.touchpoint else None
    item = next((c for c in tp.content if c.id == subject.content), None) if tp else None
    return item.title if item else tp.name if tp else journey.title


def due_by_team(playbook: Playbook, on: dt.date, t) -> dict[str, list[Due]]:
    """Team key → its warnings, journeys by title (then file order); teams in
    site.yml order, then other team ids, then no team, then playbook-wide."""
    found: dict[str, list[Due]] = defaultdict(list)
    for finding in health_findings(playbook, on):
        subject = finding.subject
        journey = playbook.journeys.get(subject.journey)
        found[owning_team(playbook, subject)].append(
            Due(finding, journey, title_of(playbook, subject, t), health_target(playbook, subject)))
    for items in found.values():
        items.sort(key=lambda d: ((d.journey.title.casefold(), d.journey.id) if d.journey
                                  else ("", ""), d.finding.problem.line))
    known = [term.id for term in playbook.config.teams]
    order = known + sorted(k for k in found if k not in known and k not in (NO_TEAM, PLAYBOOK_WIDE))
    return {team: found[team] for team in order + [NO_TEAM, PLAYBOOK_WIDE] if found.get(team)}


def health_target(playbook: Playbook, subject: Subject) -> str:
    """The site page (and ``#anchor``) a health warning is about, or "" when none is built."""
    if subject.load:
        return paths.CHANNELS + "#load"
    if subject.persona:
        return urls.persona(subject.persona) if subject.persona in playbook.personas else ""
    journey = playbook.journeys.get(subject.journey)
    if journey is None:
        return ""
    if subject.touchpoint:
        if journey.touchpoint(subject.touchpoint) is None:
            return ""
        target = urls.touchpoint(journey.id, subject.touchpoint)
    else:
        target = urls.journey(journey.id)
    return f"{target}#{subject.anchor}" if subject.anchor else target


def _href(link: Linker, target: str) -> str:
    if not target:
        return ""
    page, _, anchor = target.partition("#")
    return link.href(page) + (f"#{anchor}" if anchor else "")


def team_label(site: Site, team: str) -> str:
    if team == PLAYBOOK_WIDE:
        return site.t["health_other"]
    return team_name(site.playbook, team) if team else site.t["health_no_team"]


def team_anchor(team: str) -> str:
    """The id of a team's summary card on the Health page."""
    return (f"team-{team}" if team not in (NO_TEAM, PLAYBOOK_WIDE) else
            "team-none" if team == NO_TEAM else "team-playbook")


def health_page(site: Site) -> Iterator[OutputFile]:
    """The Health page and the shards of its tables: a card per team (what is theirs
    and where it is listed), then every warning in one table for work grouped by team
    and journey (filter by team to see one team's), the journeys due for review, what
    rests on assumptions, and, folded away, the warnings by file and line."""
    playbook, t = site.playbook, site.t
    language = playbook.config.language
    path = paths.HEALTH
    link = Linker(playbook, path)
    look = Lookup(site, link)
    by_team = due_by_team(playbook, site.today, t)
    teams = [{
        "name": team_label(site, team),
        "link": link.to(team_name(playbook, team), paths.team(team))
        if team not in (NO_TEAM, PLAYBOOK_WIDE) else None,
        "due_href": link.href(paths.team(team)) + "#due"
        if team not in (NO_TEAM, PLAYBOOK_WIDE) else "",
        "anchor": team_anchor(team),
        "count": format_number(len(items), language),
        "journeys": format_number(len({d.journey.id for d in items if d.journey}), language),
    } for team, items in by_team.items()]
    warnings, filters = due_table(site, look, by_team, "health-table", teams=True)
    findings = health_findings(playbook, site.today)
    files = file_table(site, link, findings)
    review = review_table(site, look, by_team)
    assumptions = assumption_table(site, link)
    total = len(findings)
    context = {**page_context(site, path), "teams": teams,
               "warnings": tables.context(warnings, path), "filters": filters,
               "files": tables.context(files, path),
               "total": format_number(total, language), "total_is_one": total == 1,
               "assumptions": tables.context(assumptions, path),
               "review_due": tables.context(review, path),
               "review_days": format_number(playbook.config.review_after_days, language)}
    page = site.render("views/health.html", path, t["health_title"], context)
    return tables.with_shards(page, warnings, files, review, assumptions)


def due_table(site: Site, look: Lookup, by_team: dict[str, list[Due]], table_id: str, *,
              teams: bool, caption: str = "") -> tuple[Table, list[Filter]]:
    """Warnings as a table for work, in the order of :func:`due_by_team` (team, then
    journey): the team (when ``teams``), the journey, what it is about (linked to where
    it is fixed) and the warning; filters by team, journey and warning."""
    t = site.t
    order = {team: f"{index:04d}" for index, team in enumerate(by_team)}
    columns = ([Column("team", t["team"], hideable=False)] if teams else []) + [
        Column("journey", t["journey"], hideable=not teams),
        Column("about", t["health_col_about"]),
        Column("warning", t["health_col_warning"])]
    rows = []
    for team, items in by_team.items():
        team_cell = (tables.link(look.link.href(paths.team(team)), look.team(team))
                     if team not in (NO_TEAM, PLAYBOOK_WIDE) else tables.muted(team_label(site, team)))
        for due in items:
            code = due.finding.problem.code
            journey = look.journey(due.journey) if due.journey else None
            href = _href(look.link, due.target)
            about = tables.link(href, due.title) if href else tables.cell(due.title)
            cells = [tables.link(journey.href, journey.text) if journey else tables.muted("—"),
                     about, tables.cell(t.get(f"check.{code}", code))]
            keys: list[str | None] = [None, None, None]
            filters = [due.journey.id if due.journey else NO_VALUE, code]
            if teams:
                cells.insert(0, team_cell)
                keys.insert(0, order[team])
                filters.insert(0, team or NO_VALUE)
            rows.append(Row(cells, keys, filters))
    codes = [d.finding.problem.code for items in by_team.values() for d in items]
    filters = [make_filter("journey", t["journey"], (
                   (d.journey.id, d.journey.title) for items in by_team.values() for d in items
                   if d.journey)),
               make_filter("warning", t["health_col_warning"],
                           ((code, t.get(f"check.{code}", code)) for code in codes))]
    if teams:
        filters.insert(0, make_filter("team", t["team"], (
            (team or NO_VALUE, team_label(site, team)) for team in by_team), keep_order=True))
    return Table(table_id, columns, rows, [f.key for f in filters],
                 caption or t["health_by_team_title"], "health-table", head_row=False), filters


def file_table(site: Site, link: Linker, findings: list[Finding]) -> Table:
    """The warnings by file and line (what an author opens the editor at)."""
    playbook, t = site.playbook, site.t
    rows = []
    for f in sorted(findings, key=lambda f: (f.problem.path, f.problem.line)):
        p = f.problem
        href = _href(link, health_target(playbook, f.subject))
        message = tables.link(href, p.message) if href else tables.cell(p.message)
        hint = tables.muted(p.hint) if p.hint else ""
        rows.append(Row([f'<code class="health-line">{tables.cell(p.path)}:{p.line}</code>',
                         message, hint], [None, None, None]))
    return Table("file-table", [Column("line", t["health_col_line"], hideable=False),
                                Column("message", t["health_col_message"]),
                                Column("hint", t["health_col_hint"])],
                 rows, [], t["health_for_authors"], "health-files", head_row=False)


def review_table(site: Site, look: Lookup, by_team: dict[str, list[Due]]) -> Table:
    """The journeys due for review, longest unreviewed first."""
    playbook, t = site.playbook, site.t
    due = [d.journey for items in by_team.values() for d in items
           if d.finding.problem.code == "journey-review-due" and d.journey
           and d.journey.last_reviewed]
    due.sort(key=lambda j: (j.last_reviewed, j.title.casefold()))
    language = playbook.config.language
    rows = []
    for j in due:
        journey = look.journey(j)
        iso = j.last_reviewed.isoformat()
        date = format_date(j.last_reviewed, language)
        rows.append(Row([tables.link(journey.href, journey.text),
                         f'<time datetime="{iso}">{tables.cell(date)}</time>',
                         tables.cell(look.team(j.owner)) if j.owner else ""],
                        [None, iso, None]))
    return Table("review-table", [Column("journey", t["journey"], hideable=False),
                                  Column("last_reviewed", t["last_reviewed"], numeric=True),
                                  Column("owner", t["owner"])],
                 rows, [], t["review_due_title"], "review-due")


def assumption_table(site: Site, link: Linker) -> Table:
    """The Health page's "Resting on assumptions" table: each journey with touchpoints
    or pain points whose evidence is an assumption, most first, linked to the journey
    and to the touchpoints' evidence."""
    t = site.t
    language = site.playbook.config.language
    rows = []
    for count in assumption_journeys(site.playbook):
        journey = link.journey(count.journey)
        where = ", ".join(
            tables.link(link.href(target) + "#evidence", tp.name)
            for tp in assumption_touchpoints(count.journey)
            for target in (urls.touchpoint(count.journey.id, tp.id),))
        rows.append(Row([tables.link(journey.href, journey.text),
                         tables.cell(format_number(count.touchpoints, language)),
                         tables.cell(format_number(count.pain_points, language)), where],
                        [None, str(count.touchpoints), str(count.pain_points), None]))
    return Table("assumption-table", [
        Column("journey", t["journey"], hideable=False),
        Column("touchpoints", t["touchpoints"], numeric=True),
        Column("pain_points", t["pain_points"], numeric=True),
        Column("where", t["health_assumptions_where"])], rows, [],
        t["health_assumptions_title"])

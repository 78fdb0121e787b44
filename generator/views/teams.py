"""Team pages and the RACI matrix: what each team is responsible or accountable for.

:func:`raci_matrix` is the pure part (journeys × teams → letters); the journey's
``owner`` is shown beside it but is not a RACI role. ``journeydocs check`` warns
about journeys with no accountable team or more than one
(:func:`journeydocs.load.health.journey_warnings`); the matrix marks the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..load.health import is_stale
from ..model import CONTENT_STATUSES, JOURNEY_STATUSES, RACI_ROLES, Journey, Playbook
from ..render.common import Linker, team_name
from ..render.site import OutputFile
from ..i18n.strings import label
from . import paths, tables
from .common import (Lookup, count_label, journeys_by_title, journeys_sorted, make_filter,
                     page_context)
from .health import due_by_team, due_table as health_due_table
from .tables import Column, Row, Table

if TYPE_CHECKING:
    from ..render.site import Site


@dataclass(frozen=True)
class MatrixRow:
    journey: Journey
    letters: list[str]
    """One entry per team of :attr:`RaciMatrix.teams`: ``"RA"``, ``"C"``, ``""``."""
    accountable: int
    """How many teams are accountable (anything but 1 is a problem)."""


@dataclass(frozen=True)
class RaciMatrix:
    teams: list[str]
    rows: list[MatrixRow]


def team_ids(playbook: Playbook) -> list[str]:
    """Teams in site.yml order, then team ids journeys use that site.yml lacks."""
    known = [term.id for term in playbook.config.teams]
    used = [team for j in journeys_sorted(playbook) for team in j.raci.teams]
    return known + [t for t in dict.fromkeys(used) if t not in known]


def raci_matrix(playbook: Playbook) -> RaciMatrix:
    teams = team_ids(playbook)
    rows = [MatrixRow(j, [j.raci.letters_for(team) for team in teams], len(j.raci.accountable))
            for j in journeys_by_title(playbook)]  # as a reader scans: by title
    return RaciMatrix(teams, rows)


def roles_of(playbook: Playbook, team: str) -> list[tuple[Journey, list[str]]]:
    """(journey, RACI roles) for every journey where the team holds a role."""
    found = []
    for journey in journeys_sorted(playbook):
        roles = [role for role in RACI_ROLES if team in getattr(journey.raci, role)]
        if roles:
            found.append((journey, roles))
    return found


def teams_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.TEAMS
    link = Linker(playbook, path)
    content_owned = Counter(item.owner for j in playbook.journeys.values()
                            for tp in j.touchpoints for item in tp.content)
    rows = []
    for team in team_ids(playbook):
        roles = roles_of(playbook, team)
        rows.append({
            "link": link.to(team_name(playbook, team), paths.team(team)),
            "accountable": sum("accountable" in r for _, r in roles),
            "responsible": sum("responsible" in r for _, r in roles),
            "journeys": len(roles),
            "content": content_owned[team],
        })
    context = {**page_context(site, path), "teams": rows, "raci_href": link.href(paths.RACI)}
    return site.render("views/teams.html", path, t["teams_title"], context)


def team_page(site: Site, team: str) -> Iterator[OutputFile]:
    """A team's page and the shards of its tables: what is due for it, the journeys
    where it holds a RACI role, the touchpoints and content it owns (tables for work,
    so a team of a large playbook gets a page of rows, not thousands)."""
    playbook, t = site.playbook, site.t
    path = paths.team(team)
    link = Linker(playbook, path)
    look = Lookup(site, link)
    term = playbook.teams.get(team)
    roles = roles_of(playbook, team)
    owned = [look.journey(j) for j in journeys_sorted(playbook)
             if j.owner == team and team not in j.raci.teams]
    journeys = _journeys_table(look, t, team, roles)
    touchpoints, content, stale = _owned_tables(site, look, team)
    name = team_name(playbook, team)
    # what the Health page lists under this team; an external build has no Health page
    show_due = playbook.audience != "external"
    due = playbook.derived.get(playbook, ("due-by-team", site.today),
                               lambda pb: due_by_team(pb, site.today, t)) if show_due else {}
    due_table, due_filters = health_due_table(
        site, look, {team: due.get(team, [])}, f"team-{team}-due", teams=False,
        caption=t["team_due_title"])
    made = [journeys, touchpoints, content[0], due_table]
    context = {
        "show_due": show_due,
        "due": tables.context(due_table, path),
        "due_filters": due_filters,
        **page_context(site, path),
        "name": name,
        "description": term.description if term else "",
        "journeys": tables.context(journeys, path),
        "owned": owned,
        "accountable": [look.journey(j) for j, r in roles if "accountable" in r],
        "touchpoints": tables.context(touchpoints, path),
        "content": tables.context(content[0], path),
        "content_filters": content[1],
        "stale": stale,
        "teams_href": link.href(paths.TEAMS),
        "raci_href": link.href(paths.RACI),
    }
    page = site.render("views/team.html", path, name, context, parent=paths.TEAMS)
    return tables.with_shards(page, *made)


def _journeys_table(look: Lookup, t, team: str, roles: list[tuple[Journey, list[str]]]) -> Table:
    rows = []
    for j, held in roles:
        link = look.journey(j)
        status = look.badge("status", j.status)
        mark = f' {tables.muted("(" + t["owner_team"] + ")")}' if j.owner == team else ""
        rows.append(Row([tables.link(link.href, link.text) + mark,
                         tables.badge(status.kind, status.text),
                         f'<span class="raci-mark">{tables.cell(j.raci.letters_for(team))}</span>',
                         tables.cell(", ".join(label(t, "raci", r) for r in held))],
                        [None, _rank(JOURNEY_STATUSES, j.status), None, None]))
    return Table(f"team-{team}-journeys", [
        Column("journey", t["journey"], hideable=False), Column("status", t["status"]),
        Column("raci", "RACI"), Column("roles", t["roles"])], rows, [], t["team_journeys"],
        head_row=False)


def _owned_tables(site: Site, look: Lookup, team: str) -> tuple[Table, tuple[Table, list], int]:
    """The touchpoints and the content items the team owns (journeys by id), and how
    many of those items are stale."""
    playbook, t = site.playbook, site.t
    days = playbook.config.review_after_days
    touchpoints, content, stale = [], [], 0
    for j in journeys_sorted(playbook):
        journey = look.journey(j)
        journey_cell = tables.link(journey.href, journey.text)
        for tp in j.touchpoints:
            touch = look.touchpoint(j, tp)
            touch_cell = tables.link(touch.href, touch.text)
            if tp.owner == team:
                touchpoints.append(Row([
                    touch_cell, journey_cell, tables.cell(look.stage(j, tp.stage)),
                    tables.cell(look.channel(tp.channel)),
                    tables.cell(count_label(t, "content_count", len(tp.content)))],
                    [None, None, None, None, str(len(tp.content))]))
            for item in tp.content:
                if item.owner != team:
                    continue
                old = is_stale(item, days, site.today, j)
                stale += old
                status = look.badge("content", item.status)
                title = tables.cell(item.title)
                if old:
                    title += " " + tables.badge("stale", t["stale"])
                content.append(Row([
                    title, tables.cell(item.type), tables.badge(status.kind, status.text),
                    tables.cell(item.language), touch_cell, journey_cell],
                    [item.title, None, _rank(CONTENT_STATUSES, item.status), None, None, None],
                    [item.status, "yes" if old else "no"]))
    touch_table = Table(f"team-{team}-touchpoints", [
        Column("touchpoint", t["touchpoint"], hideable=False), Column("journey", t["journey"]),
        Column("stage", t["stage"]), Column("channel", t["channel"]),
        Column("content", t["content"], numeric=True)], touchpoints, [], t["team_touchpoints"],
        head_row=False)
    statuses = [s for s in CONTENT_STATUSES if any(r.filters[0] == s for r in content)]
    filters = [make_filter("status", t["status"], ((s, label(t, "content", s)) for s in statuses),
                           keep_order=True),
               make_filter("stale", t["review"], (("yes", t["stale"]), ("no", t["up_to_date"])),
                           keep_order=True)]
    content_table = Table(f"team-{team}-content", [
        Column("title", t["title"], hideable=False), Column("type", t["type"]),
        Column("status", t["status"]), Column("language", t["language"]),
        Column("touchpoint", t["touchpoint"]), Column("journey", t["journey"])], content,
        [f.key for f in filters], t["team_content"], head_row=False)
    return touch_table, (content_table, filters), stale


def _rank(order: tuple[str, ...], value: str) -> str:
    """Sort key of a status: its place in the format's order."""
    return str(order.index(value) if value in order else len(order))

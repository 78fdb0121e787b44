"""Team pages and the RACI matrix: what each team is responsible or accountable for.

:func:`raci_matrix` is the pure part (journeys × teams → letters); the journey's
``owner`` is shown beside it but is not a RACI role. ``journeydocs check`` warns
about journeys with no accountable team or more than one
(:func:`journeydocs.load.health.journey_warnings`); the matrix marks the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..load.health import is_stale
from ..model import RACI_ROLES, Journey, Playbook
from ..render.common import Linker, team_name
from ..i18n.strings import label
from . import paths
from .common import Lookup, count_label, journeys_by_title, journeys_sorted, page_context
from .health import due_by_team, due_groups

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site


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


def team_page(site: Site, team: str) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = paths.team(team)
    link = Linker(playbook, path)
    look = Lookup(site, link)
    term = playbook.teams.get(team)
    days = playbook.config.review_after_days
    journeys = [{
        "link": look.journey(j),
        "status": look.badge("status", j.status),
        "letters": j.raci.letters_for(team),
        "roles": ", ".join(label(t, "raci", r) for r in roles),
        "owner": j.owner == team,
    } for j, roles in roles_of(playbook, team)]
    owned = [look.journey(j) for j in journeys_sorted(playbook)
             if j.owner == team and team not in j.raci.teams]
    touchpoints, content = [], []
    for j in journeys_sorted(playbook):
        for tp in j.touchpoints:
            if tp.owner == team:
                touchpoints.append({"journey": look.journey(j), "touchpoint": look.touchpoint(j, tp),
                                    "stage": look.stage(j, tp.stage),
                                    "channel": look.channel(tp.channel),
                                    "content": count_label(t, "content_count", len(tp.content))})
            for item in tp.content:
                if item.owner == team:
                    content.append({"title": item.title, "type": item.type,
                                    "status": look.badge("content", item.status),
                                    "journey": look.journey(j),
                                    "touchpoint": look.touchpoint(j, tp),
                                    "language": item.language,
                                    "stale": is_stale(item, days, site.today, j)})
    name = team_name(playbook, team)
    # what the Health page lists under this team; an external build has no Health page
    show_due = playbook.audience != "external"
    due = playbook.derived.get(playbook, ("due-by-team", site.today),
                               lambda pb: due_by_team(pb, site.today, t)) if show_due else {}
    context = {
        "show_due": show_due,
        "due": due_groups(site, link, due.get(team, [])),
        **page_context(site, path),
        "name": name,
        "description": term.description if term else "",
        "journeys": journeys,
        "owned": owned,
        "accountable": [r["link"] for r in journeys if "A" in r["letters"]],
        "touchpoints": touchpoints,
        "content": content,
        "stale": sum(c["stale"] for c in content),
        "teams_href": link.href(paths.TEAMS),
        "raci_href": link.href(paths.RACI),
    }
    return site.render("views/team.html", path, name, context, parent=paths.TEAMS)

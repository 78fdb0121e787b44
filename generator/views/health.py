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
from typing import TYPE_CHECKING

from .. import urls
from ..i18n.l10n import format_date, format_number
from ..load.health import Finding, Subject, health_findings
from ..model import Journey, Playbook
from ..render.common import Link, Linker, team_name
from ..share.evidence import assumption_journeys, assumption_touchpoints
from . import paths
from .common import page_context

if TYPE_CHECKING:
    import datetime as dt

    from ..render.site import OutputFile, Site

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


def due_groups(site: Site, link: Linker, items: list[Due]) -> list[dict]:
    """``items`` (of one team) as journeys, each with its warnings as lines to act on."""
    t = site.t
    groups: list[dict] = []
    for due in items:
        key = due.journey.id if due.journey else ""
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "journey": link.journey(due.journey) if due.journey else None,
                           "items": []})
        code = due.finding.problem.code
        groups[-1]["items"].append({
            "title": due.title,
            "href": _href(link, due.target),
            "issue": t.get(f"check.{code}", code),
            "code": code,
            "is_journey": due.journey is not None and due.title == due.journey.title
            and not due.finding.subject.touchpoint,
        })
    return groups


def _href(link: Linker, target: str) -> str:
    if not target:
        return ""
    page, _, anchor = target.partition("#")
    return link.href(page) + (f"#{anchor}" if anchor else "")


def team_label(site: Site, team: str) -> str:
    if team == PLAYBOOK_WIDE:
        return site.t["health_other"]
    return team_name(site.playbook, team) if team else site.t["health_no_team"]


def health_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    language = playbook.config.language
    path = paths.HEALTH
    link = Linker(playbook, path)
    by_team = due_by_team(playbook, site.today, t)
    teams = [{
        "name": team_label(site, team),
        "link": link.to(team_name(playbook, team), paths.team(team))
        if team not in (NO_TEAM, PLAYBOOK_WIDE) else None,
        "anchor": f"team-{team}" if team not in (NO_TEAM, PLAYBOOK_WIDE) else
        ("team-none" if team == NO_TEAM else "team-playbook"),
        "count": format_number(len(items), language),
        "journeys": due_groups(site, link, items),
    } for team, items in by_team.items()]
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in health_findings(playbook, site.today):
        by_file[finding.problem.path].append(finding)
    targets = {j.where.path: urls.journey(j.id) for j in playbook.journeys.values()}
    targets.update({p.where.path: urls.persona(p.id) for p in playbook.personas.values()})
    files = [{
        "path": file,
        "page": link.to(file, targets[file]) if file in targets else None,
        "problems": [{"line": f.problem.line, "message": f.problem.message,
                      "hint": f.problem.hint, "href": _href(link, health_target(playbook, f.subject))}
                     for f in findings],
    } for file, findings in sorted(by_file.items())]
    total = sum(len(f["problems"]) for f in files)
    review = [{
        "journey": link.journey(f.journey),
        "owner": team_name(playbook, f.journey.owner) if f.journey.owner else "",
        "date": format_date(f.journey.last_reviewed, language),
        "iso": f.journey.last_reviewed.isoformat(),
    } for items in by_team.values() for f in items
        if f.finding.problem.code == "journey-review-due" and f.journey and f.journey.last_reviewed]
    review.sort(key=lambda r: (r["iso"], r["journey"].text.casefold()))
    context = {**page_context(site, path), "teams": teams, "files": files,
               "total": format_number(total, language), "total_is_one": total == 1,
               "assumptions": assumption_rows(site, link), "review_due": review,
               "review_days": format_number(playbook.config.review_after_days, language)}
    return site.render("views/health.html", path, t["health_title"], context)


def assumption_rows(site: Site, link: Linker) -> list[dict]:
    """The Health page's "Resting on assumptions" table: each journey with touchpoints
    or pain points whose evidence is an assumption, most first, linked to the journey
    and to the touchpoints' evidence."""
    language = site.playbook.config.language
    return [{
        "journey": link.journey(count.journey),
        "touchpoints": format_number(count.touchpoints, language),
        "pain_points": format_number(count.pain_points, language),
        "where": [Link(tp.name, link.href(target) + "#evidence", target)
                  for tp in assumption_touchpoints(count.journey)
                  for target in (urls.touchpoint(count.journey.id, tp.id),)],
    } for count in assumption_journeys(site.playbook)]

"""Journey and touchpoint views: the model → plain contexts for their templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..load import health
from .. import urls
from ..markdown import split_storyline
from ..diagrams.page import page_diagrams
from ..model import RACI_ROLES, Journey, Opportunity, Touchpoint
from ..render.common import (Linker, badge, channel_name, emotion, external, lang_code,
                            persona_of, score, stage_name, team_name, theme_macros)
from ..i18n.strings import label
from .journey_map import journey_map
from .journey_v2 import journey_v2, touchpoint_v2
from .media import touchpoint_image
from ..views.common import journeys_sorted
from ..views.compare import comparison_link
from ..share import evidence as share_evidence, history as share_history

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site


def journey_page(site: Site, journey: Journey) -> OutputFile:
    playbook, t = site.playbook, site.t
    path = urls.journey(journey.id)
    link = Linker(playbook, path)
    story = split_storyline(journey.body, journey.stages)
    context = {
        "journey": {
            "title": journey.title,
            "summary": journey.summary,
            "type": badge(t, "type", journey.type),
            "status": badge(t, "status", journey.status),
            "goal": journey.goal,
            "owner": team_name(playbook, journey.owner) if journey.owner else "",
            "personas": personas_of(link, journey),
            "future_of": _future_of(link, journey),
            "comparison": comparison_link(link, journey),
            "improved_by": [link.journey(j) for j in playbook.derived.get(
                playbook, "improved_by", _improved_by).get(journey.id, ())],
        },
        "v2": journey_v2(site, link, journey),
        "uses": uses(journey, site.playbook.config.checks),
        "raci": raci_table(site, journey),
        "pillars": [{"label": t[name], "text": getattr(journey.pillars, name)}
                    for name in ("audience", "data", "content", "channels")
                    if getattr(journey.pillars, name)],
        "map": journey_map(t, playbook, link, journey),
        "intro": story.intro,
        "stages": storyline_stages(journey, story.stages),
        "others": story.others,
        "diagrams": page_diagrams(journey, playbook, path, t),
        "opportunities": opportunity_rows(site, link, journey),
        "history": share_history.journey_history(site, journey),
        "m": theme_macros(site.env, t),
    }
    return site.render("journey.html", path, journey.title, context,
                       description=journey.summary, diagrams=True)


def uses(journey: Journey, site_checks: dict[str, str] | None = None) -> dict[str, bool]:
    """Which optional step fields the journey fills anywhere: one it never uses shows
    nothing at all (no column, no placeholder). The content inventory stays while
    ``touchpoint-no-content`` is on for the journey: its warnings link to it."""
    tps = journey.touchpoints
    return {"emotion": any(tp.emotion is not None for tp in tps),
            "dtf": any(tp.does or tp.thinks or tp.feels for tp in tps),
            "er": any(tp.expectation or tp.reality for tp in tps),
            "pain_points": any(tp.pain_points for tp in tps),
            "opportunities": any(tp.opportunities for tp in tps),
            "content": any(tp.content for tp in tps)
            or (journey.checks.get(NO_CONTENT) or (site_checks or {}).get(NO_CONTENT)) != "off"}


NO_CONTENT = "touchpoint-no-content"


def _improved_by(playbook) -> dict[str, list[Journey]]:
    """Journey id → the future-state journeys of it, by id (found once per playbook:
    every journey page asks)."""
    found: dict[str, list[Journey]] = {}
    for journey in journeys_sorted(playbook):
        if journey.future_of:
            found.setdefault(journey.future_of, []).append(journey)
    return found


def personas_of(link: Linker, journey: Journey) -> list[dict]:
    rows = []
    for index, pid in enumerate(journey.personas):
        persona = link.persona(pid)
        if persona:
            rows.append({"link": persona, "main": index == 0})
    return rows


def _future_of(link: Linker, journey: Journey):
    current = link.playbook.journeys.get(journey.future_of) if journey.future_of else None
    return link.journey(current) if current else None


def raci_table(site: Site, journey: Journey) -> dict | None:
    """Teams × RACI roles, each cell the role's letter (or empty)."""
    teams = journey.raci.teams
    if not teams:
        return None
    return {
        "roles": [{"letter": role[0].upper(), "name": label(site.t, "raci", role)}
                  for role in RACI_ROLES],
        "rows": [{"team": team_name(site.playbook, team),
                  "cells": [role[0].upper() if team in getattr(journey.raci, role) else ""
                            for role in RACI_ROLES]}
                 for team in teams],
    }


def storyline_stages(journey: Journey, narratives: dict[str, Any]) -> list[dict]:
    """The storyline's stage narratives, in stage order (the map shows the steps)."""
    known = [s.id for s in journey.stages]
    stray = [sid for sid in narratives if sid not in known]
    return [{"id": f"narrative-{sid}", "name": stage_name(journey, sid),
             "narrative": narratives[sid]}
            for sid in known + stray if narratives.get(sid)]


def touchpoint_row(site: Site, link: Linker, journey: Journey, tp: Touchpoint) -> dict:
    t = site.t
    return {
        "link": link.touchpoint(journey, tp),
        "other_persona": (link.persona(persona_of(journey, tp))
                          if journey.personas and persona_of(journey, tp) != journey.personas[0]
                          else None),
        "channel": channel_name(site.playbook, tp.channel) if tp.channel else "",
        "timing": tp.timing,
        "does": tp.does,
        "thinks": tp.thinks,
        "feels": tp.feels,
        "emotion": emotion(t, tp.emotion),
        "expectation": tp.expectation,
        "reality": tp.reality,
        "pain_points": tp.pain_points,
        "opportunities": [opportunity(site, o) for o in tp.opportunities],
        # which steps rest on research and which on assumptions, at a glance
        "evidence": badge(t, "evidence", tp.evidence.kind) if tp.evidence else None,
    }


def opportunity(site: Site, item: Opportunity) -> dict:
    t = site.t
    return {
        "title": item.title,
        "description": item.description,
        "effort": score(t, item.effort),
        "impact": score(t, item.impact),
        "priority": f"{item.priority:.1f}",
        "status": badge(t, "opportunity", item.status),
    }


def opportunity_rows(site: Site, link: Linker, journey: Journey) -> list[dict]:
    """Every opportunity of the journey, highest priority (impact ÷ effort) first."""
    found = [(o, tp) for tp in journey.touchpoints for o in tp.opportunities]
    found.sort(key=lambda pair: -pair[0].priority)  # stable: ties keep journey order
    return [{**opportunity(site, o), "touchpoint": link.touchpoint(journey, tp)}
            for o, tp in found]


def touchpoint_page(site: Site, journey: Journey, index: int) -> OutputFile:
    playbook, t = site.playbook, site.t
    tp = journey.touchpoints[index]
    path = urls.touchpoint(journey.id, tp.id)
    link = Linker(playbook, path)
    journey_path = urls.journey(journey.id)
    following = [journey.touchpoint(tid) for tid in journey.successors(index)]
    prev_tp = journey.touchpoints[index - 1] if index > 0 else None
    next_tp = journey.touchpoints[index + 1] if index + 1 < len(journey.touchpoints) else None
    context = {
        "journey": link.journey(journey),
        "stage_anchor": link.href(journey_path) + f"#stage-{tp.stage}",
        "tp": {
            **touchpoint_row(site, link, journey, tp),
            "name": tp.name,
            "position": f"{index + 1} / {len(journey.touchpoints)}",
            "stage": stage_name(journey, tp.stage),
            "persona": link.persona(persona_of(journey, tp)),
            "owner": team_name(playbook, tp.owner) if tp.owner else "",
            "systems": tp.systems,
            "data": tp.data,
            "next": [link.touchpoint(journey, n) for n in following if n is not None],
            "image": link.href(touchpoint_image(journey, tp)) if tp.image_file else "",
        },
        "uses": uses(journey, site.playbook.config.checks),
        "v2": touchpoint_v2(site, link, journey, tp, following),
        "content": [content_row(site, item, journey) for item in tp.content],
        "evidence": share_evidence.touchpoint_evidence(site, tp),
        "previous": link.touchpoint(journey, prev_tp) if prev_tp else None,
        "following": link.touchpoint(journey, next_tp) if next_tp else None,
        "m": theme_macros(site.env, t),
    }
    return site.render("touchpoint.html", path, f"{tp.name} · {journey.title}", context,
                       description=tp.does or journey.summary, parent=journey_path)


def content_row(site: Site, item, journey) -> dict:
    config = site.playbook.config
    return {
        "title": item.title,
        "type": item.type,
        "status": badge(site.t, "content", item.status),
        "owner": team_name(site.playbook, item.owner) if item.owner else "",
        "language": item.language,
        "lang": lang_code(item.language),
        "link": external(site.t["open"], item.link) if item.link else None,
        "last_reviewed": item.last_reviewed.isoformat() if item.last_reviewed else "",
        # the same rule as the inventory and check: retired content is never due
        "stale": item.last_reviewed is not None
                 and health.is_stale(item, config.review_after_days, site.today, journey),
    }

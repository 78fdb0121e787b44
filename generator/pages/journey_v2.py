"""What journey, touchpoint and persona pages show of the version-2 fields: KPIs,
entry and exit, sponsor and lead, platform, review date; a step's place (``by``),
description, key moment, props, front- and backstage work, custom lanes, labelled
branches and ``detail``; a persona's kind.

Plain contexts for ``_journey_v2.html`` and ``_touchpoint_v2.html``; a field a
journey does not use gives nothing (the templates then show nothing for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..markdown import render_markdown
from ..model import Journey, Playbook, Touchpoint
from ..render.common import Linker, badge, external
from ..i18n.strings import label

if TYPE_CHECKING:
    from ..render.site import Site


def journey_v2(site: Site, link: Linker, journey: Journey) -> dict:
    """The journey page's KPIs, entry/exit, people, platform and "part of" links."""
    t = site.t
    platform = journey.platform
    return {
        "kpis": [{"metric": g.metric, "baseline": g.baseline, "actual": g.actual,
                  "target": g.target,
                  "measured_on": g.measured_on.isoformat() if g.measured_on else "",
                  "source": external(t["open"], g.source) if g.source_is_link else None,
                  "source_text": "" if g.source_is_link else g.source}
                 for g in journey.goals if g.baseline or g.actual or g.measured_on or g.source
                 or len(journey.goals) > 1],
        "entry": journey.entry if journey.entry else None,
        "exit": journey.exit,
        "sponsor": journey.sponsor,
        "lead": journey.lead,
        "last_reviewed": journey.last_reviewed.isoformat() if journey.last_reviewed else "",
        "platform": {"tool": platform.tool, "id": platform.id, "version": platform.version,
                     "status": platform.status,
                     "url": external(platform.tool or t["open"], platform.url)
                     if platform.url else None} if platform else None,
        "part_of": [{"journey": link.journey(parent), "touchpoint": link.touchpoint(parent, tp)}
                    for parent, tp in site.playbook.derived.get(
                        site.playbook, "detail_parents", _detail_parents).get(journey.id, ())],
    }


def _detail_parents(playbook: Playbook) -> dict[str, list[tuple[Journey, Touchpoint]]]:
    """Journey id → the steps (of other journeys) whose ``detail`` it is."""
    found: dict[str, list[tuple[Journey, Touchpoint]]] = {}
    for journey in sorted(playbook.journeys.values(), key=lambda j: j.id):
        for tp in journey.touchpoints:
            if tp.detail and tp.detail in playbook.journeys:
                found.setdefault(tp.detail, []).append((journey, tp))
    return found


def touchpoint_v2(site: Site, link: Linker, journey: Journey, tp: Touchpoint,
                  following: list[Touchpoint | None]) -> dict:
    """The touchpoint page's version-2 parts."""
    playbook, t = site.playbook, site.t
    detail = playbook.journeys.get(tp.detail) if tp.detail else None
    lanes = {lane.id: lane for lane in playbook.config.lanes}
    return {
        "by": badge(t, "by", tp.by) if tp.by != "customer" or _uses_by(journey) else None,
        "description": render_markdown(tp.description, {}) if tp.description else "",
        "key_moment": tp.key_moment,
        "props": tp.props,
        "frontstage": tp.frontstage,
        "backstage": tp.backstage,
        "detail": link.journey(detail) if detail else None,
        "lanes": [_lane(t, lanes[key], value) for key, value in tp.lanes.items() if key in lanes],
        "next": [{"link": link.touchpoint(journey, n), "when": tp.next_when.get(n.id, "")}
                 for n in following if n is not None],
    }


def _uses_by(journey: Journey) -> bool:
    return any(tp.by != "customer" for tp in journey.touchpoints)


def _lane(t, lane, value: Any) -> dict:
    row: dict[str, Any] = {"name": lane.name, "kind": lane.kind, "text": "", "entries": [],
                           "link": None}
    if lane.kind == "list":
        row["entries"] = list(value)
    elif lane.kind == "link":
        row["link"] = external(value, value)
    elif lane.kind == "rating":
        row["text"] = t["rating_of"].format(n=f"{value:g}", low=f"{lane.min:g}",
                                           high=f"{lane.max:g}")
    else:
        row["text"] = value
    return row


def persona_kind(t, kind: str):
    """A badge for staff and partner personas (customers are the default: no badge)."""
    return badge(t, "persona_kind", kind) if kind != "customer" else None


def kind_label(t, kind: str) -> str:
    return label(t, "persona_kind", kind)

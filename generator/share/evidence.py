"""Evidence: where a touchpoint or pain point comes from, as badges and counts.

A touchpoint or pain point may say ``evidence: research`` (or ``{kind, source,
note}``); :func:`touchpoint_evidence` is the context of ``_evidence.html`` and
:func:`assumption_journeys` tells how many journeys still rest on assumptions
(for the Health view).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from ..model import Evidence, Journey, Playbook, Touchpoint
from ..render.common import Badge, ExternalLink, badge, external

if TYPE_CHECKING:
    from ..render.site import Site

ASSUMPTION = "assumption"


@dataclass(frozen=True)
class EvidenceBadge:
    """What a template shows for one piece of evidence."""

    badge: Badge
    """Text like "Research", kind ``evidence-research`` (its colour)."""
    source: ExternalLink | None
    note: str


@dataclass(frozen=True)
class AssumptionCount:
    """How much of one journey rests on assumptions."""

    journey: Journey
    touchpoints: int
    """Touchpoints whose evidence is an assumption."""
    pain_points: int
    """Pain points whose evidence is an assumption."""

    @property
    def total(self) -> int:
        return self.touchpoints + self.pain_points


def evidence_badge(t: Mapping[str, str], evidence: Evidence | None) -> EvidenceBadge | None:
    if evidence is None:
        return None
    source = external(t["evidence_source"], evidence.source) if evidence.source else None
    return EvidenceBadge(badge(t, "evidence", evidence.kind),
                         source if source and source.href else None, evidence.note)


def touchpoint_evidence(site: Site, tp: Touchpoint) -> dict:
    """The context of ``_evidence.html``: the touchpoint's evidence and its pain points'."""
    t = site.t
    details = tp.pain_point_details
    return {
        "touchpoint": evidence_badge(t, tp.evidence),
        "pain_points": [{"text": text, "evidence": evidence_badge(t, details[text].evidence)}
                        for text in tp.pain_points
                        if text in details and details[text].evidence is not None],
    }


def _is_assumption(evidence: Evidence | None) -> bool:
    return evidence is not None and evidence.kind == ASSUMPTION


def assumption_count(journey: Journey) -> AssumptionCount:
    touchpoints = sum(1 for tp in journey.touchpoints if _is_assumption(tp.evidence))
    pain_points = sum(1 for tp in journey.touchpoints
                      for text in tp.pain_points
                      if text in tp.pain_point_details
                      and _is_assumption(tp.pain_point_details[text].evidence))
    return AssumptionCount(journey, touchpoints, pain_points)


def assumption_touchpoints(journey: Journey) -> list[Touchpoint]:
    """The touchpoints of ``journey`` that rest on an assumption themselves or through
    one of their pain points, in journey order (what a reader opens to confirm them)."""
    return [tp for tp in journey.touchpoints
            if _is_assumption(tp.evidence)
            or any(text in tp.pain_point_details
                   and _is_assumption(tp.pain_point_details[text].evidence)
                   for text in tp.pain_points)]


def assumption_journeys(playbook: Playbook) -> list[AssumptionCount]:
    """Journeys with at least one touchpoint or pain point resting on an assumption,
    most assumptions first (ties by journey id)."""
    counts = [assumption_count(j) for j in playbook.journeys.values()]
    found = [c for c in counts if c.total]
    found.sort(key=lambda c: (-c.total, c.journey.id))
    return found


def evidence_kinds(journey: Journey) -> dict[str, int]:
    """How many touchpoints and pain points of ``journey`` rest on each kind of evidence
    (``"none"`` for touchpoints that name none)."""
    kinds: dict[str, int] = {}
    for tp in journey.touchpoints:
        key = tp.evidence.kind if tp.evidence else "none"
        kinds[key] = kinds.get(key, 0) + 1
        for detail in tp.pain_point_details.values():
            if detail.evidence:
                kinds[detail.evidence.kind] = kinds.get(detail.evidence.kind, 0) + 1
    return kinds

"""Every string the default theme shows that does not come from the playbook.

Templates read these as ``t.<key>``; view functions use :func:`strings` and
:func:`label` for values (statuses, types, emotions). To add a UI language, add a
dict beside ``EN`` with the same keys and register it in :data:`LANGUAGES`;
missing keys fall back to English.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

EN: dict[str, str] = {
    # layout
    "built_with": "Built with",
    "skip_to_content": "Skip to content",
    "menu": "Menu",
    "site_navigation": "Site navigation",
    "home": "Home",
    "journeys": "Journeys",
    "personas": "Personas",
    "pages": "Pages",
    "views": "Views",
    "on_this_page": "On this page",
    # home
    "overview": "Overview",
    "touchpoints": "Touchpoints",
    "content_items": "Content items",
    "stages_covered": "Stages covered",
    "covered": "covered",
    "not_covered": "not covered",
    "no_journeys": "This playbook has no journeys yet.",
    "no_personas": "This playbook has no personas yet.",
    "touchpoint_count": "{n} touchpoints",
    "touchpoint_count_one": "1 touchpoint",
    # journey
    "journey": "Journey",
    "type": "Type",
    "status": "Status",
    "goal": "Goal",
    "metric": "Metric",
    "target": "Target",
    "owner": "Owner",
    "owner_team": "Owner team",
    "raci": "Responsibilities (RACI)",
    "team": "Team",
    "pillars": "Planning pillars",
    "audience": "Audience",
    "content": "Content",
    "channels": "Channels",
    "storyline": "Storyline",
    "stage_by_stage": "Stage by stage",
    "diagrams": "Diagrams",
    "journey_diagram": "Journey diagram",
    "journey_diagram_note": "How the persona feels at each touchpoint, stage by stage.",
    "flow_diagram": "Flow diagram",
    "flow_diagram_note": "The order of touchpoints and their branches; each box links to its page.",
    "summary_of_pain_points": "Pain points",
    "summary_of_opportunities": "Opportunities",
    "no_pain_points": "No pain points recorded.",
    "no_opportunities": "No opportunities recorded.",
    "no_touchpoints_in_stage": "No touchpoints in this stage.",
    "future_state_of": "Future state of",
    "improved_by": "Improved by",
    "personas_in_journey": "Personas",
    "main_persona": "main persona",
    "more_about": "More",
    # touchpoint
    "touchpoint": "Touchpoint",
    "stage": "Stage",
    "channel": "Channel",
    "timing": "Timing",
    "persona": "Persona",
    "does": "Does",
    "thinks": "Thinks",
    "feels": "Feels",
    "doing_thinking_feeling": "Does, thinks, feels",
    "emotion": "Emotion",
    "expectation": "Expectation",
    "reality": "Reality",
    "expectation_vs_reality": "Expectation vs reality",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "opportunity": "Opportunity",
    "effort": "Effort",
    "impact": "Impact",
    "priority": "Priority",
    "priority_note": "Priority is impact ÷ effort.",
    "systems": "Systems",
    "data": "Data",
    "next_steps": "Next steps",
    "end_of_journey": "This is the last touchpoint of the journey.",
    "content_inventory": "Content inventory",
    "no_content": "No content items recorded for this touchpoint.",
    "title": "Title",
    "language": "Language",
    "link": "Link",
    "last_reviewed": "Last reviewed",
    "never_reviewed": "never",
    "stale": "review due",
    "open": "Open",
    "previous_touchpoint": "Previous touchpoint",
    "next_touchpoint": "Next touchpoint",
    "back_to_journey": "Back to the journey",
    "breadcrumb": "Breadcrumb",
    "touchpoint_pager": "Touchpoints of this journey",
    "score_of_5": "{n} of 5",
    "emotion_of_5": "{n}/5",
    # persona
    "role": "Role",
    "segment": "Segment",
    "goals": "Goals",
    "needs": "Needs",
    "motivations": "Motivations",
    "preferred_channels": "Preferred channels",
    "about": "About",
    "appears_in": "Journeys and touchpoints",
    "not_in_journeys": "This persona does not appear in any journey yet.",
    "no_steps": "Named in this journey, without touchpoints of their own.",
    "step": "Step",
    # 404
    "not_found_title": "Page not found",
    "not_found_text": "The page you asked for is not in this playbook. It may have been "
                      "renamed or removed.",
    "not_found_home": "Go to the playbook's home page",
    "none": "—",
    # journey statuses
    "status.draft": "Draft",
    "status.review": "In review",
    "status.published": "Published",
    "status.retired": "Retired",
    # journey types
    "type.current-state": "Current state",
    "type.future-state": "Future state",
    "type.day-in-the-life": "Day in the life",
    "type.service-blueprint": "Service blueprint",
    # opportunity statuses
    "opportunity.idea": "Idea",
    "opportunity.planned": "Planned",
    "opportunity.in-progress": "In progress",
    "opportunity.done": "Done",
    "opportunity.dropped": "Dropped",
    # content statuses
    "content.planned": "Planned",
    "content.draft": "Draft",
    "content.in-review": "In review",
    "content.approved": "Approved",
    "content.live": "Live",
    "content.retired": "Retired",
    # RACI roles
    "raci.responsible": "Responsible",
    "raci.accountable": "Accountable",
    "raci.consulted": "Consulted",
    "raci.informed": "Informed",
    # emotions, 1..5
    "emotion.1": "Very negative",
    "emotion.2": "Negative",
    "emotion.3": "Neutral",
    "emotion.4": "Positive",
    "emotion.5": "Very positive",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN}


def _area_catalogues() -> tuple[dict[str, dict[str, str]], ...]:
    """The strings other stages keep beside their code, each ``{language: {key: text}}``."""
    from .diagrams.strings import STRINGS as diagrams
    from .share.strings import STRINGS as share
    from .views.strings import STRINGS as views

    return (views, diagrams, share)


def strings(language: str) -> Mapping[str, str]:
    """The UI strings for a language, English where a translation is missing."""
    areas = _area_catalogues()
    merged = dict(EN)
    for area in areas:
        merged.update(area.get("en", {}))
    merged.update(LANGUAGES.get(language, {}))
    for area in areas:
        merged.update(area.get(language, {}))
    return MappingProxyType(merged)


def label(t: Mapping[str, str], group: str, value: object) -> str:
    """The label of an enum value (``label(t, "status", "review")`` → "In review")."""
    return t.get(f"{group}.{value}", str(value))

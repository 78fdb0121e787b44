"""Every string the default theme shows that does not come from the playbook.

Templates read these as ``t.<key>``; view functions use :func:`strings` and
:func:`label` for values (statuses, types, emotions). Each other language lives in
its own module (``strings_sv.py`` …). To add a UI language, copy one of them, translate
every value, register it in :data:`LANGUAGES` and in ``model.UI_LANGUAGES``, and add
its date and number conventions to :mod:`journeydocs.i18n.l10n`. tests/test_i18n.py fails
while a key is missing; at run time a missing key falls back to English.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from .da import DA
from .pt import PT
from .pt_br import from_pt
from .ro import RO
from .sv import SV
from .diagrams import STRINGS as diagrams
from .map import STRINGS as map_strings
from .share import STRINGS as share
from .nav import STRINGS as nav
from .tables import STRINGS as tables
from .v2 import STRINGS as v2
from .views import STRINGS as views

EN: dict[str, str] = {
    # layout
    "built_with": "Built with",
    "skip_to_content": "Skip to content",
    "menu": "Menu",
    "site_navigation": "Site navigation",
    "nav_show_all": "Show all {count}",
    "home": "Home",
    "journeys": "Journeys",
    "personas": "Personas",
    "pages": "Pages",
    "views": "Views",
    "on_this_page": "On this page",
    "you_are_here": "You are here",
    "dark_mode": "Dark mode",
    "built_on": "Built on {date}",
    # search
    "search": "Search",
    "search_label": "Search the playbook",
    "search_placeholder": "Search…",
    "search_shortcut": "Press / to search",
    "search_loading": "Loading the search index…",
    "search_failed": "The search index could not be loaded.",
    "search_no_results": "Nothing matches “{q}”.",
    "search_count": "{n} results",
    "search_count_one": "1 result",
    "search_more": "and {n} more",
    "search_in": "in {where}",
    "kind.journey": "Journeys",
    "kind.touchpoint": "Touchpoints",
    "kind.persona": "Personas",
    "kind.content": "Content items",
    "kind.storyline": "Storylines",
    "kind.page": "Pages",
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
    "not_found_search": "Search for what you were looking for",
    "not_found_browse": "Or browse the journeys, personas and pages in the menu.",
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

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "sv": SV, "da": DA, "pt": PT,
                                        "pt-BR": from_pt(PT), "ro": RO}
"""pt-BR is pt as Brazilians write it (:mod:`.pt_br`), in this table and every area's."""


def _area_catalogues() -> tuple[dict[str, dict[str, str]], ...]:
    """The strings other stages keep beside their code, each ``{language: {key: text}}``."""
    return _AREAS


_AREAS = (views, diagrams, share, v2, nav, tables, map_strings)
for _area in _AREAS:
    _area.setdefault("pt-BR", from_pt(_area["pt"]))


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

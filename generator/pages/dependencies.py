"""The dependency map: which of the render stage's page tasks an edit affects.

The render stage's page tasks (:func:`journeydocs.pages.tasks.page_tasks`) carry keys;
comparing the playbook before and after an edit object by object gives the keys to
render again:

- a journey: its own task (journey page and touchpoints), the journeys it improves
  or that improve it (``future_of``), and the pages of every persona it names;
- a persona: its page and every journey that names it;
- a free page: its page;
- site-wide tasks (home, cross-journey views, search index, What's new…) after any
  edit; only those that show Markdown bodies (:data:`BODY_TASKS`)
  when nothing else changed;
- everything when site.yml, the theme, the sidebar or the set of objects changes.

serve (:mod:`journeydocs.incremental`) and the build cache
(:mod:`journeydocs.pages.cache`) both ask it.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from ..model import Playbook

BODY_TASKS = frozenset({"exports", "site-files"})
"""The site-wide tasks whose files show Markdown bodies (storylines, persona and free
page text): the export files and the search index. An edit that changes nothing but
bodies renders only these of the site-wide tasks again (a test changes every body and
checks that the other site-wide tasks' bytes stay the same); the task keys are
:func:`journeydocs.pages.tasks.page_tasks`'."""

EXPORT_LINKS = frozenset({"views-indexes", "views-inventory", "views-opportunities"})
"""Site-wide tasks that link the export files: a body edit may change how many parts a
large export is written in (:mod:`journeydocs.views.export_parts`), so they render
again with the body tasks."""

SITE_WIDE = "*"
"""Stands for "every task" in an affected set."""


def _journey_refs(journey) -> set[str]:
    people = set(journey.personas)
    people.update(tp.persona for tp in journey.touchpoints if tp.persona)
    return people


def affected_tasks(old: Playbook, new: Playbook, old_keys: Iterable[str],
                   new_keys: Iterable[str], nav_changed: bool) -> set[str]:
    """The task keys to render again after ``old`` became ``new`` ({"*"}: all)."""
    old_keys, new_keys = sorted(old_keys), sorted(new_keys)
    if nav_changed or old_keys != new_keys or differ(old.config, new.config) \
            or differ(getattr(old, "history", None), getattr(new, "history", None)):
        return {SITE_WIDE}
    keys = {k for k in new_keys if ":" not in k and k != "404"}  # site-wide tasks
    journeys: set[str] = set()
    personas: set[str] = set()
    beyond_body = False
    for jid, journey in new.journeys.items():
        before = old.journeys.get(jid)
        if differ(before, journey):
            journeys.add(jid)
            personas |= _journey_refs(journey) | (_journey_refs(before) if before else set())
            beyond_body = beyond_body or _differ_beyond_body(before, journey)
    for jid in list(journeys):
        for other in (old, new):
            target = other.journeys.get(jid)
            if target is not None and target.future_of:
                journeys.add(target.future_of)
        journeys |= {j.id for j in new.journeys.values() if j.future_of == jid}
    changed_personas = {pid for pid, p in new.personas.items()
                        if differ(old.personas.get(pid), p)}
    personas |= changed_personas
    if changed_personas:
        journeys |= {j.id for j in new.journeys.values() if _journey_refs(j) & changed_personas}
    changed_pages = {pid for pid, p in new.pages.items() if differ(old.pages.get(pid), p)}
    beyond_body = beyond_body or any(
        _differ_beyond_body(old.personas.get(pid), new.personas[pid]) for pid in changed_personas
    ) or any(_differ_beyond_body(old.pages.get(pid), new.pages[pid]) for pid in changed_pages)
    if not beyond_body:  # only Markdown bodies changed: most site-wide pages cannot have
        keys &= BODY_TASKS | EXPORT_LINKS
    keys |= {f"journey:{j}" for j in journeys}
    keys |= {f"persona:{p}" for p in personas}
    keys |= {f"page:{pid}" for pid in changed_pages}
    return keys & set(new_keys)


def _differ_beyond_body(before: object, after: object) -> bool:
    """``before`` and ``after`` (a journey, persona or page) differ in more than their
    Markdown body (or one of them is missing)."""
    if before is None or after is None or type(before) is not type(after):
        return True
    return any(getattr(before, f.name) != getattr(after, f.name)
               for f in dataclasses.fields(after) if f.compare and f.name not in _BODY)


_BODY = ("body", "body_line")


def differ(before: object, after: object) -> bool:
    """Not the same object, and not equal (serve's loads hand back the very objects of
    unchanged files: those need no deep comparison)."""
    return before is not after and before != after

"""Audiences: ``internal`` (everything) and ``external`` (internal parts left out).

:func:`for_audience` is a pure model → model transform applied before rendering, so
every page, diagram, search index and export downstream only ever sees what the
audience may see. For ``external`` it drops

- journeys, touchpoints, content items, opportunities, pain points, personas and
  free pages marked ``internal: true``;
- the fields named in site.yml's ``internal_fields`` (default raci, systems, data,
  owner) on journeys, touchpoints and content items;
- ``::: internal`` … ``:::`` blocks from every Markdown body;

and mends what pointed at a dropped thing: ``next`` skips over a dropped
touchpoint to where it led, ``future_of`` and persona references are cleared.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from ..errors import UsageError, did_you_mean
from ..model import Journey, Playbook

AUDIENCES = ("internal", "external")
INTERNAL_FIELD_CHOICES = ("owner", "raci", "goal", "pillars", "systems", "data", "timing",
                          "thinks", "feels", "expectation", "reality", "emotion", "pain_points",
                          "opportunities", "evidence", "link", "last_reviewed")
"""Fields ``internal_fields`` may name; each is cleared wherever a journey, touchpoint or
content item has it (``data`` also clears the journey's Data pillar)."""

_OPEN = re.compile(r"^[ \t]*:::+[ \t]*internal[ \t]*$", re.IGNORECASE)
_CLOSE = re.compile(r"^[ \t]*:::+[ \t]*$")
_ANY_OPEN = re.compile(r"^[ \t]*:::+[ \t]*\S")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def check_audience(audience: str) -> None:
    """A one-line :class:`UsageError` unless ``audience`` is one of :data:`AUDIENCES`
    (``build``, ``export`` and :func:`for_audience` say it the same way)."""
    if audience in AUDIENCES:
        return
    hint = did_you_mean(audience, AUDIENCES, "audiences")
    message = f"unknown audience '{audience}' — choose {' or '.join(AUDIENCES)}"
    raise UsageError(message + (f" ({hint})" if hint.startswith("did you mean") else ""))


def for_audience(playbook: Playbook, audience: str) -> Playbook:
    """The playbook as ``audience`` may see it (the input is never changed)."""
    check_audience(audience)
    if audience == "internal":
        return playbook
    shown = copy.deepcopy(playbook)
    shown.audience = audience
    hidden = set(shown.config.internal_fields)
    shown.personas = {k: p for k, p in shown.personas.items() if not p.internal}
    shown.pages = {k: p for k, p in shown.pages.items() if not p.internal}
    shown.journeys = {k: j for k, j in shown.journeys.items() if not j.internal}
    for persona in shown.personas.values():
        persona.body = strip_internal_blocks(persona.body)
    for page in shown.pages.values():
        page.body = strip_internal_blocks(page.body)
    for journey in shown.journeys.values():
        _journey(journey, shown, hidden)
    return shown


def _journey(journey: Journey, playbook: Playbook, hidden: set[str]) -> None:
    journey.body = strip_internal_blocks(journey.body)
    if journey.future_of not in playbook.journeys:
        journey.future_of = ""
    journey.personas = [pid for pid in journey.personas if pid in playbook.personas]
    _drop_touchpoints(journey)
    for tp in journey.touchpoints:
        if tp.persona not in playbook.personas:
            tp.persona = ""
        tp.content = [item for item in tp.content if not item.internal]
        tp.opportunities = [o for o in tp.opportunities if not o.internal]
        tp.pain_points = [text for text in tp.pain_points
                          if not (text in tp.pain_point_details
                                  and tp.pain_point_details[text].internal)]
        tp.pain_point_details = {text: detail for text, detail in tp.pain_point_details.items()
                                 if not detail.internal}
        for item in tp.content:
            _clear(item, hidden)
        _clear(tp, hidden)
        if "evidence" in hidden:
            for detail in tp.pain_point_details.values():
                detail.evidence = None
    _clear(journey, hidden)
    if "data" in hidden:
        journey.pillars.data = ""


def _drop_touchpoints(journey: Journey) -> None:
    """Remove internal touchpoints; whoever led to one now leads where it led."""
    dropped = {tp.id for tp in journey.touchpoints if tp.internal}
    if not dropped:
        return
    leads = {tp.id: journey.successors(i) for i, tp in enumerate(journey.touchpoints)}

    def resolve(tp_id: str, seen: frozenset[str]) -> list[str]:
        if tp_id not in dropped:
            return [tp_id]
        if tp_id in seen:  # a loop made only of internal touchpoints leads nowhere
            return []
        return [t for nxt in leads.get(tp_id, []) for t in resolve(nxt, seen | {tp_id})]

    kept = [tp for tp in journey.touchpoints if not tp.internal]
    for index, tp in enumerate(kept):
        targets = list(dict.fromkeys(t for nxt in leads[tp.id]
                                     for t in resolve(nxt, frozenset())))
        in_order = [kept[index + 1].id] if index + 1 < len(kept) else []
        tp.next = [] if targets == in_order else targets
        tp.ends = not targets and bool(in_order)  # led nowhere kept: still ends here
    journey.touchpoints = kept


def _clear(obj: object, hidden: set[str]) -> None:
    """Reset each hidden field ``obj`` has to its empty default."""
    for spec in dataclasses.fields(obj):  # type: ignore[arg-type]
        if spec.name not in hidden:
            continue
        if spec.default_factory is not dataclasses.MISSING:
            setattr(obj, spec.name, spec.default_factory())
        elif spec.default is not dataclasses.MISSING:
            setattr(obj, spec.name, spec.default)


def strip_internal_blocks(text: str) -> str:
    """Markdown without its ``::: internal`` … ``:::`` blocks.

    Code fences are respected (a ``:::`` line inside a fence neither opens nor
    closes a block); an unclosed block runs to the end of the text, so a missing
    ``:::`` never shows internal text.
    """
    if not text or ":::" not in text:
        return text
    out: list[str] = []
    depth = 0
    fence = ""
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        match = _FENCE.match(bare)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
        elif match:
            fence = match.group(1)
        elif _OPEN.match(bare) or (depth and _ANY_OPEN.match(bare)):
            depth += 1  # any container opened inside an internal block needs its own close
            continue
        elif depth and _CLOSE.match(bare):
            depth -= 1
            continue
        if depth == 0:
            out.append(line)
    return "".join(out)


def is_external(playbook: Playbook) -> bool:
    return playbook.audience == "external"


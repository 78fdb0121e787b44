"""What the journey and flow diagrams share: stage groups, display names, emotion."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Journey, Playbook, Touchpoint
from .escape import plain_text

NEUTRAL = 3
"""The score a touchpoint without ``emotion`` gets in a journey diagram."""
UNKNOWN_MARK = "?"
"""Shown instead of a number where a touchpoint has no ``emotion``."""

_FACES = {1: "😣", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
_BANDS = {1: "low", 2: "low", 3: "mid", 4: "high", 5: "high"}


@dataclass(frozen=True)
class StageGroup:
    """The touchpoints of one stage, with their index in ``journey.touchpoints``."""

    stage_id: str
    name: str
    """The stage's display name (its id when the name is empty or unknown)."""
    items: list[tuple[int, Touchpoint]]


def stage_groups(journey: Journey) -> list[StageGroup]:
    """Touchpoints grouped by stage, in the journey's stage order; empty stages left out.

    Touchpoints whose stage is not in ``journey.stages`` (the checker reports
    those) follow, grouped by stage id in order of first appearance, so no
    touchpoint ever goes missing from a diagram.
    """
    by_stage: dict[str, list[tuple[int, Touchpoint]]] = {}
    for index, tp in enumerate(journey.touchpoints):
        by_stage.setdefault(tp.stage, []).append((index, tp))
    groups = []
    for term in journey.stages:
        items = by_stage.pop(term.id, [])
        if items:
            groups.append(StageGroup(term.id, shown(term.name, term.id), items))
    groups.extend(StageGroup(sid, shown(sid, "?"), items) for sid, items in by_stage.items())
    return groups


def shown(text: str, fallback: str) -> str:
    """``text`` as a diagram shows it, or ``fallback`` when that would be empty."""
    return plain_text(text) or plain_text(fallback)


def persona_id(tp: Touchpoint, journey: Journey) -> str:
    """The touchpoint's persona, or the journey's first (main) persona."""
    return tp.persona or (journey.personas[0] if journey.personas else "")


def persona_name(pid: str, playbook: Playbook) -> str:
    persona = playbook.personas.get(pid)
    return shown(persona.name if persona else "", pid)


def channel_name(cid: str, playbook: Playbook) -> str:
    term = playbook.channels.get(cid)
    return shown(term.name if term else "", cid)


def score(emotion: int | None) -> int:
    """The 1..5 journey score: ``emotion``, clamped, or :data:`NEUTRAL` when unset."""
    return NEUTRAL if emotion is None else min(5, max(1, int(emotion)))


def emotion_band(emotion: int | None) -> str:
    """``"low"`` (1–2), ``"mid"`` (3), ``"high"`` (4–5) or ``"none"`` (unset)."""
    return "none" if emotion is None else _BANDS[score(emotion)]


def uses_emotion(journey: Journey) -> bool:
    """Some touchpoint of the journey has an ``emotion``: else no diagram shows any."""
    return any(tp.emotion is not None for tp in journey.touchpoints)


def uses_timing(journey: Journey) -> bool:
    """Some touchpoint of the journey has a ``timing``: else there is no timeline."""
    return any(tp.timing for tp in journey.touchpoints)


def emotion_badge(emotion: int | None) -> str:
    """Emotion as text, never colour alone: ``"🙂 4/5"``, or ``"?/5"`` when unset."""
    if emotion is None:
        return f"{UNKNOWN_MARK}/5"
    value = score(emotion)
    return f"{_FACES[value]} {value}/5"

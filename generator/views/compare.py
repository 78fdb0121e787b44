"""Current vs future state: a future-state journey (``future_of: <id>``) beside the
journey it improves, stage by stage.

Touchpoints are matched by id, then by name (a step renamed in id only). One only in the current journey was *removed*,
one only in the future journey was *added*, and one in both whose name, stage,
channel, timing, persona, owner or emotion differs was *changed* (each
difference is listed). A stage's emotion is the mean of its touchpoints' emotions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Journey, Playbook, Touchpoint
from ..render.common import Link, Linker, channel_name, stage_name, team_name
from .. import urls
from . import paths
from .compare_curve import curve_svg
from .common import journeys_sorted, page_context, persona_label

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site

COMPARED = ("name", "stage", "channel", "timing", "persona", "owner", "emotion")
"""Touchpoint fields whose difference makes a touchpoint *changed*."""


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object


@dataclass
class StageDiff:
    stage: str
    added: list[Touchpoint] = field(default_factory=list)
    removed: list[Touchpoint] = field(default_factory=list)
    changed: list[tuple[Touchpoint, Touchpoint, list[Change]]] = field(default_factory=list)
    same: list[Touchpoint] = field(default_factory=list)
    emotion_before: float | None = None
    emotion_after: float | None = None


def pairs(playbook: Playbook) -> list[tuple[Journey, Journey]]:
    """(current, future) for every journey whose ``future_of`` names an existing one."""
    return [(playbook.journeys[j.future_of], j) for j in journeys_sorted(playbook)
            if j.future_of and j.future_of in playbook.journeys]


def _pair_of(playbook: Playbook) -> dict[str, tuple[Journey, Journey]]:
    """Journey id → the first of :func:`pairs` it takes part in (as current or future)."""
    found: dict[str, tuple[Journey, Journey]] = {}
    for current, future in pairs(playbook):
        found.setdefault(current.id, (current, future))
        found.setdefault(future.id, (current, future))
    return found


def mean_emotion(tps: list[Touchpoint]) -> float | None:
    values = [tp.emotion for tp in tps if tp.emotion is not None]
    return round(sum(values) / len(values), 1) if values else None


def stage_order(current: Journey, future: Journey) -> list[str]:
    """The future journey's stages, then stages only the current one has, then strays."""
    order = [s.id for s in future.stages]
    order += [s.id for s in current.stages if s.id not in order]
    order += [tp.stage for tp in current.touchpoints + future.touchpoints if tp.stage not in order]
    return list(dict.fromkeys(order))


def compare(current: Journey, future: Journey) -> list[StageDiff]:
    """Stage by stage differences; a moved touchpoint is listed under its new stage."""
    diffs = {sid: StageDiff(sid) for sid in stage_order(current, future)}
    before = {tp.id: tp for tp in current.touchpoints}
    matched = _by_name(current, future)
    after_ids = {tp.id for tp in future.touchpoints} | {old.id for old in matched.values()}
    for tp in future.touchpoints:
        old = before.get(tp.id) or matched.get(tp.id)
        diff = diffs[tp.stage]
        if old is None:
            diff.added.append(tp)
            continue
        changes = [Change(name, getattr(old, name), getattr(tp, name)) for name in COMPARED
                   if getattr(old, name) != getattr(tp, name)]
        (diff.changed.append((old, tp, changes)) if changes else diff.same.append(tp))
    for tp in current.touchpoints:
        if tp.id not in after_ids:
            diffs[tp.stage].removed.append(tp)
    for sid, diff in diffs.items():
        diff.emotion_before = mean_emotion(current.touchpoints_in(sid))
        diff.emotion_after = mean_emotion(future.touchpoints_in(sid))
    return [d for d in diffs.values()
            if d.added or d.removed or d.changed or d.same
            or d.emotion_before is not None or d.emotion_after is not None]


def _by_name(current: Journey, future: Journey) -> dict[str, Touchpoint]:
    """Future touchpoint id → the current one of the same name (case and spacing aside),
    for steps whose id changed between the states; ids still decide first."""
    ids = {tp.id for tp in current.touchpoints}
    future_ids = {tp.id for tp in future.touchpoints}
    free = {" ".join(tp.name.casefold().split()): tp for tp in current.touchpoints
            if tp.id not in future_ids}
    found = {}
    for tp in future.touchpoints:
        if tp.id not in ids:
            old = free.pop(" ".join(tp.name.casefold().split()), None)
            if old is not None:
                found[tp.id] = old
    return found


def comparison_link(link: Linker, journey: Journey) -> Link | None:
    """The comparison page a journey takes part in (as current or as future state)."""
    playbook = link.playbook
    # every journey page asks: the pairs are found once per playbook, not once per page
    pair = playbook.derived.get(playbook, "comparison_pairs", _pair_of).get(journey.id)
    if pair is None:
        return None
    current, future = pair
    return link.to(site_title(current, future), paths.compare(future.id))


def site_title(current: Journey, future: Journey) -> str:
    return f"{current.title} → {future.title}"


def _shown(site: Site, journey: Journey, name: str, value: object) -> str:
    playbook, t = site.playbook, site.t
    if value in (None, ""):
        return t["none"]
    if name == "stage":
        return stage_name(journey, str(value))
    if name == "channel":
        return channel_name(playbook, str(value))
    if name == "owner":
        return team_name(playbook, str(value))
    if name == "persona":
        return persona_label(playbook, str(value))
    if name == "emotion":
        return t["emotion_of_5"].format(n=value)
    return str(value)


def _mean(site: Site, value: float | None) -> str:
    return site.t["none"] if value is None else site.t["emotion_of_5"].format(n=f"{value:g}")


def comparison_page(site: Site, current: Journey, future: Journey) -> OutputFile:
    t = site.t
    path = paths.compare(future.id)
    link = Linker(site.playbook, path)
    stages = []
    for diff in compare(current, future):
        delta = (None if diff.emotion_before is None or diff.emotion_after is None
                 else round(diff.emotion_after - diff.emotion_before, 1))
        stages.append({
            "name": (stage_name(future, diff.stage) if any(s.id == diff.stage for s in future.stages)
                     else stage_name(current, diff.stage)),
            "before": _mean(site, diff.emotion_before),
            "after": _mean(site, diff.emotion_after),
            "delta": "" if delta is None else f"{delta:+g}" if delta else "0",
            "trend": "none" if delta is None else "up" if delta > 0 else "down" if delta < 0 else "same",
            "added": [link.touchpoint(future, tp) for tp in diff.added],
            "removed": [link.touchpoint(current, tp) for tp in diff.removed],
            "changed": [{
                "before": link.touchpoint(current, old), "after": link.touchpoint(future, new),
                "changes": [{"field": t[c.field if c.field != "name" else "title"],
                             "before": _shown(site, current, c.field, c.before),
                             "after": _shown(site, future, c.field, c.after)} for c in changes],
            } for old, new, changes in diff.changed],
            "same": [link.touchpoint(future, tp) for tp in diff.same],
        })
    overall = (mean_emotion(current.touchpoints), mean_emotion(future.touchpoints))
    diffs = compare(current, future)
    chart = None
    if any(d.emotion_before is not None or d.emotion_after is not None for d in diffs):
        chart = curve_svg([s["name"] for s in stages], [
            ("current", t["current_state"], [d.emotion_before for d in diffs]),
            ("future", t["future_state"], [d.emotion_after for d in diffs])], t)
    context = {
        **page_context(site, path),
        "current": link.journey(current),
        "future": link.journey(future),
        "stages": stages,
        "overall_before": _mean(site, overall[0]),
        "overall_after": _mean(site, overall[1]),
        "chart": chart,
    }
    # the trail is Home › the current journey › this page; the title names the
    # journey once (the future state's own title is in the facts)
    return site.render("views/compare.html", path, page_title(site.t, current), context,
                       parent=urls.journey(current.id))


def page_title(t, current: Journey) -> str:
    return f"{t['comparison']}: {current.title}"

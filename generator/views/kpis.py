"""The KPI view: every goal of every journey, baseline → actual against target.

:func:`kpi_rows` is the pure part; :func:`parse_value` reads the number a value
starts with ("13.5%", "under 2%", "3,5 days", "1,200 members") so progress can be
drawn where the values are numbers of the same kind. Where they are not (a target
in words), the row shows the values as written and no bar: a wrong bar is worse than
none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n.l10n import format_date, format_number
from ..model import Goal, Journey, Playbook
from ..render.common import Link, Linker
from . import paths
from .common import Lookup, page_context

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site

_NUMBER_RE = re.compile(r"([-−+]?)(\d+(?:[.,\u00a0\u202f ]\d+)*)\s?(%)?")


@dataclass(frozen=True)
class Value:
    """A number read from a KPI value, and whether it is a percentage."""

    number: float
    percent: bool


def parse_value(text: str) -> Value | None:
    """The first number in ``text`` ("under 2%" → 2, percent), or None.

    Separators: with both "." and ",", the last one is the decimal mark; a lone
    "," or "." followed by exactly three digits groups thousands when it is a ","
    (1,200) and is a decimal mark otherwise (13.5, 3,5); spaces group thousands.
    """
    match = _NUMBER_RE.search(text or "")
    if not match:
        return None
    sign, digits, percent = match.groups()
    digits = re.sub(r"[\u00a0\u202f ]", "", digits)
    if "." in digits and "," in digits:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        digits = digits.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif digits.count(",") == 1:
        whole, _, part = digits.partition(",")
        digits = whole + part if len(part) == 3 else f"{whole}.{part}"
    elif digits.count(",") > 1:
        digits = digits.replace(",", "")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    number = float(digits)
    return Value(-number if sign in "-−" and sign else number, bool(percent))


@dataclass(frozen=True)
class Progress:
    """How far the actual value has come from the baseline towards the target."""

    share: float | None
    """0..1 of the way (None: no baseline to measure from, or target == baseline)."""
    direction: str
    """up, down or same: the actual against the baseline ("" when unknown)."""
    reached: bool


def progress(goal: Goal) -> Progress | None:
    """Progress where baseline, actual and target read as numbers of one kind."""
    base, actual, target = (parse_value(v) for v in (goal.baseline, goal.actual, goal.target))
    if actual is None or target is None or actual.percent != target.percent:
        return None
    if base is not None and base.percent != actual.percent:
        base = None
    lower_is_better = base is not None and target.number < base.number
    reached = (actual.number <= target.number) if lower_is_better else actual.number >= target.number
    if base is None:
        return Progress(None, "", reached)
    direction = ("same" if actual.number == base.number
                 else "up" if actual.number > base.number else "down")
    span = target.number - base.number
    share = None if span == 0 else max(0.0, min(1.0, (actual.number - base.number) / span))
    return Progress(share, direction, reached)


@dataclass(frozen=True)
class KpiRow:
    journey: Journey
    goal: Goal
    progress: Progress | None


def kpi_rows(playbook: Playbook) -> list[KpiRow]:
    """Every goal, journeys by title, goals in their journey's order."""
    journeys = sorted(playbook.journeys.values(), key=lambda j: (j.title.casefold(), j.id))
    return [KpiRow(j, goal, progress(goal)) for j in journeys
            for goal in (j.goals or ([j.goal] if j.goal else []))]


def has_kpis(playbook: Playbook) -> bool:
    return any(j.goals or j.goal for j in playbook.journeys.values())


def percent(share: float, language: str) -> str:
    """``share`` (0..1) as a whole percentage the way ``language`` writes one."""
    space = "" if language == "en" else "\u00a0"
    return f"{format_number(round(share * 100), language)}{space}%"


def kpis_page(site: Site) -> OutputFile:
    playbook, t = site.playbook, site.t
    language = playbook.config.language
    path = paths.KPIS
    link = Linker(playbook, path)
    look = Lookup(site, link)
    rows = []
    for row in kpi_rows(playbook):
        goal, done = row.goal, row.progress
        share = done.share if done else None
        rows.append({
            "journey": look.journey(row.journey),
            "status": look.badge("status", row.journey.status),
            "metric": goal.metric,
            "baseline": goal.baseline,
            "actual": goal.actual,
            "target": goal.target,
            "share": None if share is None else round(share * 100),
            "share_text": "" if share is None else t["kpi_progress_of"].format(
                pct=percent(share, language)),
            "direction": done.direction if done else "",
            "direction_text": t[f"kpi_{done.direction}"] if done and done.direction else "",
            "reached": bool(done and done.reached),
            "measured_on": format_date(goal.measured_on, language) if goal.measured_on else "",
            "measured_iso": goal.measured_on.isoformat() if goal.measured_on else "",
            "source": (Link(goal.source, goal.source, goal.source) if goal.source_is_link
                       else goal.source),
            "source_is_link": goal.source_is_link,
        })
    used = {key for r in rows for key in ("baseline", "actual", "measured_on", "source")
            if r[key]}
    context = {**page_context(site, path), "rows": rows, "used": used,
               "any_progress": any(r["share"] is not None or r["direction"] for r in rows)}
    return site.render("views/kpis.html", path, t["kpis_title"], context)

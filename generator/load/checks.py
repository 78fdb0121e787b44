"""Warning codes and ``checks:``: what each warning is in a playbook.

Every warning journeydocs gives has a stable code from :data:`CHECKS` (playbooks name
them in ``checks:``, so codes are never renamed). site.yml's ``checks:`` and a
journey's own ``checks:`` set each code to ``off``, ``warning`` or ``error``
(YAML reads ``off`` as false: both mean off). :func:`apply_checks` turns the
collected warnings into what the settings make of them, once everything is checked.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from ..errors import Problem, Problems, Severity, did_you_mean
from .fields import Fields
from .frontmatter import LMap
from ..model import CHECK_LEVELS

CHECKS: dict[str, str] = {
    "journey-no-goal": "a journey has no measurable goal",
    "journey-no-owner": "a journey has no owner team",
    "journey-no-accountable": "a journey does not have exactly one accountable team",
    "journey-owner-not-accountable": "the owner team is not the accountable team",
    "journey-review-due": "a journey's last_reviewed is older than review_after_days",
    "touchpoint-no-content": "a touchpoint lists no content",
    "touchpoint-persona-not-in-journey":
        "a touchpoint's persona is not among the journey's personas",
    "content-no-owner": "a content item has no owner",
    "content-stale": "live content never reviewed, or last reviewed too long ago",
    "persona-unused": "a persona is in no journey",
    "message-load": "a persona gets more messages on a day than max_messages_per_day",
    "link-invalid": "a link or source that is not an allowed address (it is left out)",
    "unknown-field": "a field that is neither in this model nor a declared lane",
    "unknown-check": "a code in checks: that no check has",
    "diagrams-svg-unavailable":
        "diagrams: svg is set but its renderer (mermaidx) is not installed",
}
"""Every warning code and what it warns about (``journeydocs check --list-checks``)."""


def list_checks() -> str:
    """One line per code: the code, padded, and what it warns about."""
    width = max(len(code) for code in CHECKS)
    return "".join(f"{code:<{width}}  {about}\n" for code, about in CHECKS.items())


def read_checks(fields: Fields, key: str = "checks") -> dict[str, str]:
    """``checks:`` of site.yml or a journey: code → off, warning or error.

    An unknown code is an ``unknown-check`` warning (the setting is ignored); a
    value other than the three levels is an error.
    """
    data = fields.mapping(key)
    if data is None:
        return {}
    return _levels(fields.sub(data, f"'{key}'"), data)


def _levels(fields: Fields, data: LMap) -> dict[str, str]:
    levels: dict[str, str] = {}
    for code, value in data.items():
        if code not in CHECKS:
            hint = did_you_mean(code, list(CHECKS), "checks")
            if not hint.startswith("did you mean"):
                hint = "`journeydocs check --list-checks` lists the codes"
            fields.warn(code, f"'{code}' in checks: is not a check", hint, "unknown-check")
            continue
        level = "off" if value is False else value
        if level not in CHECK_LEVELS:
            fields.error(code, f"'{code}' in checks: must be off, warning or error, not {value!r}",
                         "off drops the warning, error makes it stop the build")
            continue
        levels[code] = level
    return levels


def apply_checks(problems: Problems, site: dict[str, str],
                 by_path: dict[str, dict[str, str]] | None = None) -> None:
    """Make each coded warning in ``problems`` what ``checks:`` says: dropped (off),
    kept, or an error. A journey's own settings (``by_path``: file → checks) win over
    site.yml's for the warnings in its file."""
    if not site and not any((by_path or {}).values()):
        return
    problems.items = list(_applied(problems.items, site, by_path or {}))


def _applied(items: Iterable[Problem], site: dict[str, str],
             by_path: dict[str, dict[str, str]]) -> Iterable[Problem]:
    for problem in items:
        if problem.severity is not Severity.WARNING or not problem.code:
            yield problem
            continue
        level = level_of(problem, site, by_path)
        if level == "error":
            yield dataclasses.replace(problem, severity=Severity.ERROR)
        elif level == "warning":
            yield problem


def level_of(problem: Problem, site: dict[str, str], by_path: dict[str, dict[str, str]]) -> str:
    """What ``checks:`` makes of ``problem``'s code: its journey's setting, else site.yml's."""
    return by_path.get(problem.path, {}).get(problem.code) or site.get(problem.code, "warning")


def playbook_levels(playbook) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """site.yml's ``checks:`` and each journey file's own, for :func:`level_of`."""
    return playbook.config.checks, {j.where.path: j.checks for j in playbook.journeys.values()}

"""Cross-file checks: every reference names something that exists; ids are unique.

Runs after every file is read, so one pass sees the whole playbook (as MkDocs
gathers all files before rendering any).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..errors import Problems, did_you_mean
from ..model import Journey, Playbook
from .validate import Ref

KIND_NAMES = {"persona": "personas", "stage": "stages", "channel": "channels", "team": "teams",
              "touchpoint": "touchpoints", "journey": "journeys"}


def known_ids(playbook: Playbook, kind: str, scope: str, by_file: dict[str, Journey]
              ) -> list[str]:
    """The ids a reference of ``kind`` may name (stages and touchpoints: of the journey
    in file ``scope``)."""
    if kind == "persona":
        return list(playbook.personas)
    if kind == "channel":
        return [term.id for term in playbook.config.channels]
    if kind == "team":
        return [term.id for term in playbook.config.teams]
    if kind == "journey":
        return list(playbook.journeys)
    journey = by_file[scope]
    if kind == "stage":
        return [term.id for term in journey.stages]
    return [tp.id for tp in journey.touchpoints]


def check_references(playbook: Playbook, journeys: list[Journey], refs: Iterable[Ref],
                     problems: Problems, kept: Iterable[RefSummary] = ()) -> None:
    """Report references to unknown ids; ``journeys`` includes any rejected as duplicates.

    ``kept`` are the references of documents validated in an earlier load (serve),
    checked a group at a time.
    """
    check = _ReferenceCheck(playbook, journeys, problems)
    for ref in refs:
        check.one(ref)
    for summary in kept:
        check.summary(summary)


@dataclass(frozen=True)
class RefSummary:
    """One document's references, and the ids each (kind, scope) of them names."""

    refs: tuple[Ref, ...]
    groups: tuple[tuple[str, str, frozenset[str]], ...]


def summarize(refs: Iterable[Ref]) -> RefSummary:
    refs = tuple(refs)
    groups: dict[tuple[str, str], set[str]] = {}
    for ref in refs:
        groups.setdefault((ref.kind, _scope(ref)), set()).add(ref.value)
    return RefSummary(refs, tuple((kind, scope, frozenset(values))
                                  for (kind, scope), values in groups.items()))


def _scope(ref: Ref) -> str:
    return ref.scope if ref.kind in ("stage", "touchpoint") else ""


class _ReferenceCheck:
    def __init__(self, playbook: Playbook, journeys: list[Journey], problems: Problems):
        self.playbook = playbook
        self.problems = problems
        self.by_file = {journey.where.path: journey for journey in journeys}
        self.site_broken = any(p.path == "site.yml" for p in problems.errors)
        self.unreadable = _unreadable_ids(problems)
        # one (list, set) per kind and journey: at 1,000 journeys there are ~75,000
        # refs, and building the list of every persona id again for each one dominated
        self.vocabulary: dict[tuple[str, str], tuple[list[str], frozenset[str]]] = {}

    def known(self, kind: str, scope: str) -> tuple[list[str], frozenset[str]] | None:
        """The ids a reference of ``kind`` (in journey file ``scope``) may name (None: its
        journey was rejected, skip it)."""
        pair = self.vocabulary.get((kind, scope))
        if pair is None:
            if scope and scope not in self.by_file:
                return None  # the journey itself was rejected; its own errors say why
            ids = known_ids(self.playbook, kind, scope, self.by_file)
            pair = self.vocabulary[(kind, scope)] = (ids, frozenset(ids))
        return pair

    def one(self, ref: Ref) -> None:
        pair = self.known(ref.kind, _scope(ref))
        if pair is None or ref.value in pair[1]:
            return
        known = pair[0]
        if not known and self.site_broken and ref.kind in ("stage", "channel", "team"):
            return  # site.yml's own errors explain the empty vocabulary
        if ref.kind == "stage" and self.site_broken and self.by_file[ref.scope].implicit_stage:
            return  # no stages read from site.yml: its own errors say why
        if (ref.kind, ref.value) in self.unreadable:
            return  # its file could not be read; that file's own errors say why
        where = " in this journey" if ref.kind in ("stage", "touchpoint") else ""
        self.problems.error(ref.path, ref.line, f"unknown {ref.kind} '{ref.value}'{where}",
                            did_you_mean(ref.value, known, KIND_NAMES[ref.kind]))

    def summary(self, summary: RefSummary) -> None:
        for kind, scope, values in summary.groups:
            pair = self.known(kind, scope)
            if pair is None or values <= pair[1]:
                continue
            for ref in summary.refs:
                if ref.kind == kind and _scope(ref) == scope:
                    self.one(ref)


def _unreadable_ids(problems: Problems) -> set[tuple[str, str]]:
    """(kind, id) of persona and journey files with errors, by file name (their id
    when front matter does not say otherwise), so a reference to one is not reported
    as unknown on top of the file's own error."""
    found = set()
    for problem in problems.errors:
        parts = problem.path.replace("\\", "/").split("/")
        if len(parts) >= 2 and parts[-1].endswith(".md"):
            kind = {"personas": "persona", "journeys": "journey"}.get(parts[-2])
            if kind:
                found.add((kind, parts[-1][:-3]))
    return found


def check_journey(journey: Journey, playbook: Playbook, problems: Problems) -> None:
    """Rules that need the whole journey: stages exist, personas appear, no dead branches."""
    path = journey.where.path
    for tp in journey.touchpoints:
        if not tp.stage and not journey.implicit_stage:  # stages exist: each touchpoint names one
            problems.error(path, tp.where.line, "a touchpoint has no 'stage'",
                           "add 'stage:' — it is required when the journey or site.yml has stages")
        if tp.persona and tp.persona in playbook.personas and tp.persona not in journey.personas:
            problems.warn(path, tp.where.line,
                          f"touchpoint '{tp.id}' has persona '{tp.persona}', who is not in the "
                          "journey's 'personas'", "add them to the journey's personas",
                          "touchpoint-persona-not-in-journey")
        if tp.id in tp.next:
            problems.error(path, tp.where.line, f"touchpoint '{tp.id}' lists itself in 'next'")
        if tp.detail and tp.detail == journey.id:
            problems.error(path, tp.where.line, f"touchpoint '{tp.id}' has detail '{tp.detail}', "
                           "the journey it is in", "detail names another journey that maps this step")
    future_of = playbook.journeys.get(journey.future_of)
    if future_of is not None and future_of.future_of == journey.id:
        problems.error(path, 1, f"journeys '{journey.id}' and '{future_of.id}' are each "
                       "the future state of the other", "only the future-state journey sets future_of")


def check_unique(kind: str, items: list, problems: Problems) -> dict:
    """Index ``items`` by id; a second item with the same id is an error."""
    index: dict = {}
    for item in items:
        if item.id in index:
            first = index[item.id].where.path
            problems.error(item.where.path, 1, f"{kind} id '{item.id}' is already used by {first}",
                           "ids must be unique; rename one file or set a different 'id:'")
            continue
        index[item.id] = item
    return index

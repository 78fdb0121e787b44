"""The edited object's pages first: serve's shortcut for a save inside content files.

serve's rebuild reloads and checks the whole playbook before it renders anything,
because an edit in one file can break a reference in another: at 1,000 journeys
that is ~70 ms, and setting up the site again another ~20 ms, before the page the
writer is looking at can change.

Most saves cannot affect any other file. When every edited file still holds the
object it held (same kind, id and file) and, for a journey, the same ``future_of``,
no other file's checks can come out differently: references name ids, and the
only cross-journey rule pairs a journey with its ``future_of``. Then the playbook
after the save is the last good one with those objects replaced, and checking the
replaced objects is checking the playbook. :func:`edited_playbook` makes that
playbook (None when the shortcut does not apply, or the edit has errors: the full
reload then reports them), and :func:`same_site` the site to render its pages with,
reusing the last site's environment and sidebar when the sidebar is unchanged.

The rebuild then goes on from that playbook as from a full reload: the git history
is read again (a new commit re-renders everything), and the tasks rendered here are
not rendered twice. It needs the last rebuild to have been good: with another file
broken, the last good playbook is not what is on disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..build import complete_journey
from ..errors import Problems
from ..load import links
from ..load.health import today as build_date
from ..load.validate import Validator
from ..model import Playbook
from ..pages.nav import navigation

if TYPE_CHECKING:
    from .memo import DocumentCache, ValidationMemo
    from ..render.site import Site

_TABLES = {"personas": "personas", "journeys": "journeys"}
"""Kind of content folder → the playbook's table of its objects (others: pages)."""


def edited_playbook(last: Playbook, project: Path, modified: Iterable[Path],
                    documents: DocumentCache, validated: ValidationMemo) -> Playbook | None:
    """``last`` with the objects of the ``modified`` content files read again, when no
    other file can be affected and they have no errors; else None."""
    if last.audience != "internal":
        return None  # an audience's playbook is a filtered copy, made by the full load
    problems = Problems()
    validator = Validator(problems)
    content_dir = project / last.config.content_dir
    replaced = []
    for path in modified:
        kind = documents.kind_of(Path(path))
        if kind is None:
            return None
        doc = documents.read_one(kind, Path(path), project, content_dir, problems)
        made = validated.validate(validator, doc) if doc is not None else None
        if made is None or problems.errors or not _same_place(last, kind, made):
            return None
        replaced.append((kind, made))
    playbook = Playbook(last.config, dict(last.personas), dict(last.journeys),
                        dict(last.pages), last.audience, last.history)
    for kind, made in replaced:
        getattr(playbook, _TABLES.get(kind, "pages"))[made.id] = made
    journeys = [made for kind, made in replaced if kind == "journeys"]
    for journey in journeys:
        complete_journey(journey, playbook, problems)
    links.check_references(playbook, journeys, validator.refs, problems, validator.kept_refs)
    for journey in journeys:
        links.check_journey(journey, playbook, problems)
    return None if problems.errors else playbook


def _same_place(last: Playbook, kind: str, made) -> bool:
    """``made`` replaces an object of the same kind and id from the same file, and
    what other files' checks read of it (for a journey, ``future_of``) is the same."""
    before = getattr(last, _TABLES.get(kind, "pages")).get(made.id)
    if before is None or before.where.path != made.where.path:
        return False
    return kind != "journeys" or (before.future_of == made.future_of
                                  and _details(before) == _details(made))


def _details(journey) -> list[str]:
    """The journeys this one's steps zoom into: their pages show it as "part of"."""
    return [tp.detail for tp in journey.touchpoints if tp.detail]


def same_site(last: Site, playbook: Playbook) -> Site | None:
    """A site for ``playbook`` sharing ``last``'s environment, compiled templates and
    sidebar caches, when the config, the sidebar and the date are the same; else None."""
    if playbook.config != last.playbook.config or last.today != build_date():
        return None
    nav, hidden = navigation(playbook, last.t)
    if nav != last.nav_targets or hidden != last.nav_hidden:
        return None
    return last.with_playbook(playbook)


def edited_keys(last: Playbook, playbook: Playbook) -> set[str]:
    """The task keys of the objects ``playbook`` does not share with ``last``."""
    return {f"{kind}:{object_id}"
            for kind, before, after in (("journey", last.journeys, playbook.journeys),
                                        ("persona", last.personas, playbook.personas),
                                        ("page", last.pages, playbook.pages))
            for object_id, thing in after.items() if before.get(object_id) is not thing}

"""Change history from git: when each journey last changed, and what is new.

:func:`read_history` makes ONE ``git log --name-only`` call for the whole content
folder and site.yml and parses it, so builds stay fast however many files there are.

- Outside git (or without git installed, or before the first commit) there is no
  history: the sections are left out, without a message.
- A repository git cannot read (corrupt objects, bad HEAD…) is a one-line error and
  nothing is written — a site that silently lost its history would mislead. Set
  ``JOURNEYDOCS_HISTORY=off`` to build without history anyway.
- External builds show dates and what changed, never commit messages or authors
  (messages are written for colleagues and may name internal things).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import urls
from ..errors import UsageError
from ..model import Playbook

if TYPE_CHECKING:
    from ..render.site import OutputFile, Site
    from ..render.common import Link, Linker

WHATS_NEW = "whats-new.html"
JOURNEY_ENTRIES = 5
"""Commits shown in a journey's changelog."""
WHATS_NEW_COMMITS = 40
MAX_COMMITS = 2000
"""Commits read at most; enough for years of a playbook, bounded for huge monorepos."""
_RS, _US = "\x1e", "\x1f"
_NOT_A_REPO = ("not a git repository", "does not have any commits yet",
               "bad default revision 'head'")


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.date
    author: str
    message: str
    """The subject line."""
    files: tuple[str, ...]
    """Paths relative to the project folder."""


@dataclass
class History:
    commits: list[Commit] = field(default_factory=list)
    """Newest first."""
    by_file: dict[str, list[Commit]] = field(default_factory=dict)

    def of(self, path: str) -> list[Commit]:
        return self.by_file.get(path, [])


def read_history(project: Path, playbook: Playbook) -> History | None:
    """The history of the project's content and site.yml; None outside git."""
    return PendingHistory(project, playbook.config.content_dir).result()


class PendingHistory:
    """``git log`` of one content folder, started at once and read when wanted.

    git takes ~15–20 ms even on a small repository, most of it starting up: a build
    starts it as soon as site.yml names the content folder, and it runs while the
    content files are read.
    """

    def __init__(self, project: Path, content_dir: str):
        self.project = project
        self._process: subprocess.Popen | None = None
        if os.environ.get("JOURNEYDOCS_HISTORY", "").strip().lower() in ("off", "0", "no", "false"):
            return
        command = ["git", "-c", "core.quotepath=false", "-C", str(project), "log", "--relative",
                   "--no-color", "--no-renames", f"--max-count={MAX_COMMITS}", "--name-only",
                   f"--format={_RS}%H{_US}%ad{_US}%an{_US}%s", "--date=short", "--",
                   content_dir, "site.yml"]
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                             env=env)
        except FileNotFoundError:
            pass  # git is not installed: a folder, not a repository

    def result(self) -> History | None:
        """The history; None outside git (or with ``JOURNEYDOCS_HISTORY=off``)."""
        process, self._process = self._process, None
        if process is None:
            return None
        try:
            stdout, stderr_bytes = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise UsageError(f"git took over a minute to read the history of {self.project}; "
                             "set JOURNEYDOCS_HISTORY=off to build without it") from None
        stderr = stderr_bytes.decode("utf-8", "replace").strip()
        if process.returncode != 0:
            if any(text in stderr.lower() for text in _NOT_A_REPO):
                return None
            first = stderr.splitlines()[0] if stderr else f"git exited with {process.returncode}"
            raise UsageError(f"cannot read the git history of {self.project}: {first} "
                             "(repair the repository, or set JOURNEYDOCS_HISTORY=off to build "
                             "without history)")
        return parse_log(stdout.decode("utf-8", "replace"))

    def cancel(self) -> None:
        """Stop git, if it still runs (the playbook had errors: no history is wanted)."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.communicate()


def parse_log(text: str) -> History:
    """Parse ``git log --name-only`` output in :func:`read_history`'s format."""
    history = History()
    for record in text.split(_RS)[1:]:
        head, _, names = record.partition("\n")
        parts = head.split(_US)
        if len(parts) != 4:
            continue
        sha, day, author, message = parts
        try:
            date = dt.date.fromisoformat(day.strip())
        except ValueError:
            continue
        files = tuple(name.strip() for name in names.splitlines() if name.strip())
        commit = Commit(sha, date, author.strip(), message.strip(), files)
        history.commits.append(commit)
        for name in files:
            history.by_file.setdefault(name, []).append(commit)
    return history


def _show_people(playbook: Playbook) -> bool:
    return playbook.audience != "external"


def journey_history(site: Site, journey) -> dict | None:
    """The context of ``_journey_history.html``; None without history."""
    history = site.playbook.history
    commits = history.of(journey.where.path) if history else []
    if not commits:
        return None
    people = _show_people(site.playbook)
    return {
        "last_changed": commits[0].date.isoformat(),
        "last_author": commits[0].author if people else "",
        "entries": [{"date": c.date.isoformat(), "author": c.author if people else "",
                     "message": c.message if people else ""}
                    for c in commits[:JOURNEY_ENTRIES]],
        "show_people": people,
        "more": max(0, len(commits) - JOURNEY_ENTRIES),
        "whats_new": urls.relative(WHATS_NEW, urls.journey(journey.id)),
    }


def _objects(playbook: Playbook, linker: Linker) -> dict[str, Link]:
    """Each visible object's file → a link to its page."""
    found: dict[str, Link] = {}
    for journey in playbook.journeys.values():
        found[journey.where.path] = linker.journey(journey)
    for persona in playbook.personas.values():
        found[persona.where.path] = linker.to(persona.name, urls.persona(persona.id))
    for page in playbook.pages.values():
        found[page.where.path] = linker.to(page.title, urls.page(page.id))
    return found


def whats_new_entries(site: Site, path: str) -> list[dict]:
    """Recent commits with the visible pages they changed, newest first."""
    from ..render.common import Linker  # rendering only: reading history needs no Jinja

    playbook = site.playbook
    history = playbook.history
    if not history:
        return []
    objects = _objects(playbook, Linker(playbook, path))
    people = _show_people(playbook)
    entries = []
    for commit in history.commits:
        links = list({objects[f].path: objects[f] for f in commit.files if f in objects}.values())
        settings = "site.yml" in commit.files
        if not links and not (settings and people):
            continue  # only internal or unknown files: nothing an external reader may see
        entries.append({"date": commit.date.isoformat(),
                        "author": commit.author if people else "",
                        "message": commit.message if people else "",
                        "changed": links, "settings": settings and people})
        if len(entries) == WHATS_NEW_COMMITS:
            break
    return entries


def has_whats_new(playbook: Playbook) -> bool:
    """Whether the site gets a What's new page (and the sidebar a link to it): when
    the playbook's history was read, i.e. the project is in git."""
    return playbook.history is not None


def whats_new_page(site: Site) -> OutputFile | None:
    if not has_whats_new(site.playbook):
        return None
    entries = whats_new_entries(site, WHATS_NEW)
    return site.render("whats_new.html", WHATS_NEW, site.t["whats_new"],
                       {"entries": entries, "show_people": _show_people(site.playbook)},
                       description=site.t["whats_new_intro"])


def pages(site: Site) -> Iterator[OutputFile]:
    """The pages the sharing stage adds to a site (What's new, when there is history)."""
    page = whats_new_page(site)
    if page is not None:
        yield page

"""Problems found in a playbook, and the exceptions that carry them.

Every stage collects problems instead of raising on the first one, so a user sees
all of them in one run, sorted by file and line (as Zola and MkDocs do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a playbook, located at ``path:line``."""

    path: str
    """Path of the file, relative to the project root where possible."""
    line: int
    """1-based line in the file (front matter lines included); 0 when unknown."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """How to fix it, when there is something useful to say."""
    severity: Severity = Severity.ERROR
    code: str = ""
    """The check's stable code (``content-stale``…) for a warning, or an error that
    ``checks:`` made of one; "" for errors of the format itself."""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity is Severity.ERROR else "warning: "
        text = f"{where}: {label}{self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        return f"{text} [{self.code}]" if self.code else text


@dataclass
class Problems:
    """A collector handed from stage to stage."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, message, hint, Severity.ERROR))

    def warn(self, path: str, line: int, message: str, hint: str = "", code: str = "") -> None:
        """A warning under check ``code`` (see :mod:`journeydocs.load.checks`)."""
        self.items.append(Problem(path, line, message, hint, Severity.WARNING, code))

    @property
    def errors(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity is Severity.ERROR})

    @property
    def warnings(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity is Severity.WARNING})

    def __bool__(self) -> bool:
        return bool(self.items)


class JourneydocsError(Exception):
    """Base of every error journeydocs reports to a user without a traceback."""


class UsageError(JourneydocsError):
    """The command line or the project layout is wrong (exit code 2)."""


class ContentErrors(JourneydocsError):
    """The playbook has errors; the build writes nothing."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


def did_you_mean(name: str, known: list[str] | tuple[str, ...], what: str) -> str:
    """A hint naming the closest known id, or listing the known ones."""
    import difflib  # only a playbook with errors needs it: not imported at every start

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not known:
        return f"no {what} are defined"
    shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"known {what}: {shown}"


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, for messages users can click."""
    # The link itself, not its target: a symlink pointing out of the project is
    # reported where the user sees it.
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()

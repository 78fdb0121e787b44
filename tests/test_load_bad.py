"""The hostile-input corpus: every case ends with exact ``path:line`` messages.

Each folder of ``tests/bad/`` holds files dropped into the minimal project of
conftest.py (a file with the same path replaces the minimal one) and
``expected.txt``, the exact stderr of ``journeydocs build --strict``. Inputs that
cannot or should not be committed (20 MB, symlinks, a pipe) are made by
:data:`GENERATED`. Every case must exit 1 within its timeout, print no traceback
and leave the previous site byte for byte as it was, with nothing written beside it.

``--strict`` makes the cases whose input is neutralised with a warning (unsafe
links, unknown settings) fail too, so one rule holds for the whole corpus.

After an intended change of wording, regenerate the expected files with
``JOURNEYDOCS_UPDATE_BAD=1 python -m pytest tests/test_load_bad.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINIMAL_JOURNEY, MINIMAL_PERSONA, MINIMAL_SITE, write_tree
from journeydocs.write import write_site

BAD = Path(__file__).parent / "bad"
TIMEOUT = 20
OUTSIDE_PERSONA = "---\nname: Outsider\n---\nLives outside the project.\n"


def _deep(project: Path, outside: Path) -> None:
    (project / "content/journeys/deep.md").write_text(
        "---\ntitle: Deep\npersonas: " + "[" * 100_000 + "]" * 100_000 + "\n---\n")


def _huge(project: Path, outside: Path) -> None:
    with open(project / "content/pages/huge.md", "wb") as handle:
        handle.write(b"---\ntitle: Huge\n---\n")
        handle.write(b"All work and no play. " * (20 * 1024 * 1024 // 22 + 1))


def _many_values(project: Path, outside: Path) -> None:
    (project / "content/journeys/wide.md").write_text(
        "---\ntitle: Wide\npersonas: [maria]\nlabels: [" + "x," * 250_000 + "x]\n---\n")


def _symlink_file(project: Path, outside: Path) -> None:
    (outside / "outsider.md").write_text(OUTSIDE_PERSONA)
    (project / "content/personas/outsider.md").symlink_to(outside / "outsider.md")


def _symlink_folder(project: Path, outside: Path) -> None:
    (outside / "guide.md").write_text("---\ntitle: Guide\n---\nText\n")
    (project / "content/pages").rmdir()
    (project / "content/pages").symlink_to(outside, target_is_directory=True)


def _symlink_content(project: Path, outside: Path) -> None:
    shutil.move(str(project / "content"), str(outside / "content"))
    (project / "content").symlink_to(outside / "content", target_is_directory=True)


def _pipe(project: Path, outside: Path) -> None:
    os.mkfifo(project / "content/journeys/pipe.md")


GENERATED = {
    "deep-nesting": _deep,
    "huge-file": _huge,
    "many-values": _many_values,
    "symlink-file-out": _symlink_file,
    "symlink-folder-out": _symlink_folder,
    "symlink-content-dir": _symlink_content,
    "pipe": _pipe,
}
CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass(frozen=True)
class File:
    path: str
    data: bytes


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """A site journeydocs wrote before: what every failed build must leave alone."""
    site = tmp_path_factory.mktemp("good") / "site"
    write_site(site, [File("index.html", b"<h1>The previous site</h1>\n"),
                      File("journeys/gift/index.html", b"<h1>Buy a gift</h1>\n")], None)
    return site


def make_case(case: str, root: Path) -> tuple[Path, Path]:
    project = root / "project"
    outside = root / "outside"
    outside.mkdir()
    write_tree(project, {"site.yml": MINIMAL_SITE, "content/personas/maria.md": MINIMAL_PERSONA,
                         "content/journeys/gift.md": MINIMAL_JOURNEY})
    (project / "content/pages").mkdir()
    source = BAD / case
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and relative.as_posix() != "expected.txt":
            target = project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if case in GENERATED:
        GENERATED[case](project, outside)
    return project, outside


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_exact_messages(case, tmp_path, previous_site):
    project, outside = make_case(case, tmp_path)
    out = tmp_path / "site"
    shutil.copytree(previous_site, out)
    before = snapshot(out)
    outside_before = snapshot(outside)
    env = dict(os.environ, NO_COLOR="1")
    result = subprocess.run([sys.executable, "-m", "journeydocs", "build", "--strict", str(project),
                             "-o", str(out)], capture_output=True, text=True, cwd=tmp_path,
                            env=env, timeout=TIMEOUT)
    expected_file = BAD / case / "expected.txt"
    if os.environ.get("JOURNEYDOCS_UPDATE_BAD"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == expected_file.read_text(encoding="utf-8").splitlines()
    for line in result.stderr.splitlines()[:-2]:
        where, _, message = line.partition(": ")
        assert where.count(":") == 1 and where.rsplit(":", 1)[1].isdigit(), line
        message = re.sub(r" \[[a-z-]+\]$", "", message)  # a warning's code (or an error by checks:)
        assert message.endswith(")"), f"no hint: {line}"
    assert snapshot(out) == before  # the previous site, byte for byte
    assert snapshot(outside) == outside_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "project", "site"]


def test_corpus_covers_the_issue():
    """The cases the issue names are all here, each with its expected output."""
    needed = {"alias-bomb", "deep-nesting", "huge-file", "binary-file", "non-utf8", "bom", "crlf",
              "tabs", "empty-file", "many-values", "unclosed-front-matter", "list-not-mapping", "id-dotdot",
              "absolute-paths", "symlink-file-out", "symlink-folder-out", "theme-setting",
              "unsafe-links", "duplicate-keys", "unknown-persona"}
    assert needed <= set(CASES)
    assert all((BAD / case / "expected.txt").is_file() for case in CASES)

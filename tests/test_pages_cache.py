"""The build cache: a build that copies unchanged pages from it equals a clean build,
after edits, deletions and renames, serial and parallel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_sample

from journeydocs.build import build, load_playbook
from journeydocs.incremental.site import snapshot



@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.delenv("JOURNEYDOCS_BUILD_CACHE", raising=False)


def _same_as_clean(project: Path, tmp: Path, cache: Path, jobs: int) -> int:
    cached, clean = tmp / "cached", tmp / "clean"
    result = build(project, cached, jobs=jobs, cache_dir=cache)
    build(project, clean, jobs=1)
    assert snapshot(cached) == snapshot(clean)
    shutil.rmtree(clean)
    return result.reused


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow  # many builds of the sample
@pytest.mark.parametrize("jobs", [1, 2])
def test_cached_builds_equal_clean_builds(tmp_path, jobs):
    project = copy_sample(tmp_path / "project")
    cache = tmp_path / "cache"
    journeys = project / "content" / "journeys"
    first = sorted(journeys.glob("*.md"))

    assert _same_as_clean(project, tmp_path, cache, jobs) == 0  # cold: everything rendered
    result = build(project, tmp_path / "again", jobs=jobs, cache_dir=cache)
    assert result.reused == result.files  # nothing changed: every page copied, none rendered
    shutil.rmtree(tmp_path / "again")
    assert _same_as_clean(project, tmp_path, cache, jobs) > 0

    # an edit inside one journey's storyline
    _edit(first[0], "\n\n", "\n\nA sentence added by the cache test.\n\n")
    assert _same_as_clean(project, tmp_path, cache, jobs) > 0

    # a persona's name changes (every journey that names it shows the name)
    persona = sorted((project / "content" / "personas").glob("*.md"))[0]
    text = persona.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    _edit(persona, name_line, name_line + " Renamed")
    _same_as_clean(project, tmp_path, cache, jobs)

    # a free page deleted, another file renamed (same id inside: same pages)
    pages = sorted((project / "content" / "pages").rglob("*.md"))
    if pages:
        pages[0].unlink()
        _same_as_clean(project, tmp_path, cache, jobs)
    first[-1].rename(first[-1].with_name("renamed-" + first[-1].name))
    _same_as_clean(project, tmp_path, cache, jobs)

    # a journey deleted (one nothing else refers to, so the playbook stays valid)
    deleted = False
    for candidate in sorted(journeys.glob("*.md")):
        saved = candidate.read_bytes()
        candidate.unlink()
        if load_playbook(project)[0] is not None:
            deleted = True
            break
        candidate.write_bytes(saved)
    assert deleted
    _same_as_clean(project, tmp_path, cache, jobs)  # the sidebar changed: all rendered again


def test_another_build_date_renders_everything(tmp_path, monkeypatch):
    project = copy_sample(tmp_path / "project")
    cache = tmp_path / "cache"
    _same_as_clean(project, tmp_path, cache, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # stale flags may change
    assert _same_as_clean(project, tmp_path, cache, 1) == 0


def test_a_picture_replaced_under_its_name_is_copied_anew(tmp_path):
    """No page changes when a touchpoint's picture file does, but media/ must."""
    project = copy_sample(tmp_path / "project")
    cache = tmp_path / "cache"
    _same_as_clean(project, tmp_path, cache, 1)
    picture = project / "content" / "media" / "checkout.png"
    picture.write_bytes((project / "content" / "media" / "gift-guide.png").read_bytes())
    _same_as_clean(project, tmp_path, cache, 1)


def test_a_broken_cache_is_ignored(tmp_path):
    project = copy_sample(tmp_path / "project")
    cache = tmp_path / "cache"
    _same_as_clean(project, tmp_path, cache, 1)
    (cache / "state.pickle").write_bytes(b"not a pickle")
    assert _same_as_clean(project, tmp_path, cache, 1) == 0
    for blob in (cache / "files").glob("*/*"):
        blob.unlink()
    assert _same_as_clean(project, tmp_path, cache, 1) == 0


def test_build_cache_flag(tmp_path):
    """``journeydocs build --cache`` keeps the cache in the project and reuses it."""
    import subprocess
    import sys

    project = copy_sample(tmp_path / "p")
    command = [sys.executable, "-m", "journeydocs", "build", str(project), "-o",
               str(tmp_path / "out"), "--cache", "-v"]
    first = subprocess.run(command, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert (project / ".journeydocs-cache").is_dir()
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    reused = [line for line in again.stdout.splitlines() if "reused" in line]
    assert reused and " 0 reused" not in reused[0], again.stdout

"""The fast-build machinery: worker choice, progress reporting, streaming writes (no timings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeydocs.build import build, load_playbook
from journeydocs.cli.progress import progress_bar
from journeydocs.render.parallel import PARALLEL_FROM_PAGES, choose_jobs, estimate_pages
from journeydocs.workers import JOBS_ENV

ROOT = Path(__file__).resolve().parent.parent


def test_small_playbooks_build_serially_and_the_env_chooses(monkeypatch):
    playbook, _ = load_playbook(ROOT)
    monkeypatch.delenv(JOBS_ENV, raising=False)
    assert estimate_pages(playbook) < PARALLEL_FROM_PAGES
    assert choose_jobs(playbook) == 1
    monkeypatch.setenv(JOBS_ENV, "3")
    assert choose_jobs(playbook) == 3


def test_progress_reaches_every_page_and_the_count_matches_the_disk(tmp_path):
    seen: list[tuple[int, int]] = []
    for jobs in (1, 2):
        seen.clear()
        out = tmp_path / f"site-{jobs}"
        result = build(ROOT, out, jobs=jobs, progress=lambda done, total: seen.append((done, total)))
        on_disk = sum(1 for p in out.rglob("*.html") if not p.is_relative_to(out / "assets"))
        assert result.pages == on_disk
        assert seen and seen[-1][0] == result.pages
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_no_progress_bar_off_a_terminal_or_when_quiet(capsys):
    with progress_bar(enabled=True) as update:  # pytest's stderr is not a terminal
        assert update is None
    with progress_bar(enabled=False) as update:
        assert update is None


def _projects_with_problems() -> list[Path]:
    return sorted(p for p in (ROOT / "tests" / "bad").iterdir() if (p / "site.yml").is_file())


def test_reading_in_two_processes_gives_the_same_playbook_and_problems(monkeypatch):
    from journeydocs.load import parallel as load_parallel

    monkeypatch.setattr(load_parallel, "PARALLEL_FROM_BYTES", 0)  # every playbook is "large"
    projects = [ROOT, ROOT / "tests" / "fixtures" / "hostile", ROOT / "tests" / "invalid" /
                "playbook", *_projects_with_problems()]
    for project in projects:
        serial, serial_problems = load_playbook(project, jobs=1)
        parallel, parallel_problems = load_playbook(project, jobs=2)
        assert parallel == serial, project
        if serial is not None:  # and in the same order (dicts compare equal in any order)
            assert [list(d) for d in (parallel.personas, parallel.journeys, parallel.pages)] == \
                [list(d) for d in (serial.personas, serial.journeys, serial.pages)]
        assert parallel_problems.items == serial_problems.items, project
    assert any(load_playbook(p)[0] is None for p in projects)  # errors were compared too


def test_this_process_reads_what_the_helper_has_not_taken(monkeypatch):
    """Files go to whichever process is free: while this one is busy with what was
    offered to its spare time, the helper reads them; the playbook is the one a serial
    load gives."""
    import time

    from journeydocs.load import parallel as load_parallel
    from journeydocs.workers import SPARE_TIME

    monkeypatch.setattr(load_parallel, "PARALLEL_FROM_BYTES", 0)
    mine: list[str] = []
    real_check = load_parallel._check

    def counting(project, content_dir, kind, path, validate):
        mine.append(path.name)  # in the forked helper, this list is the helper's copy
        return real_check(project, content_dir, kind, path, validate)

    monkeypatch.setattr(load_parallel, "_check", counting)
    called = []
    spare = SPARE_TIME.offer(lambda: (called.append(1), time.sleep(1.5)))
    parallel, problems = load_playbook(ROOT, jobs=2)
    assert called == [1]  # done while the helper read
    spare.result()
    serial, serial_problems = load_playbook(ROOT, jobs=1)
    assert called == [1]  # and only once
    assert parallel == serial and problems.items == serial_problems.items
    files = len(serial.journeys) + len(serial.personas) + len(serial.pages)
    assert len(mine) < files // 2  # a fixed half each would make this process read half


def test_the_render_stage_is_imported_while_the_helper_reads():
    """cli and build import no render module (Jinja, markdown-it…): those are imported by
    :func:`import_render_stage`, which runs while the helper reads, and a build imports
    nothing of journeydocs after it."""
    import subprocess
    import sys

    probe = f"""
import sys
from pathlib import Path
import journeydocs.cli, journeydocs.build
early = sorted(m for m in ("jinja2", "markdown_it", "journeydocs.render.site") if m in sys.modules)
from journeydocs.pages.stage import import_render_stage
import_render_stage()
prefetched = set(sys.modules)
journeydocs.build.build(Path({str(ROOT)!r}), Path(sys.argv[1]), jobs=1)
late = sorted(m for m in set(sys.modules) - prefetched if m.startswith("journeydocs"))
print(early, late)
"""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([sys.executable, "-c", probe, str(Path(folder) / "site")],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] []"


def test_what_was_read_goes_straight_to_the_oldest_generation():
    """No collection walks the freshly read playbook as young objects."""
    import gc

    from journeydocs.build import prepare

    gc.collect()
    playbook, _ = prepare(ROOT)
    young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
    assert playbook is not None and young < 2_000
    assert any(obj is playbook for obj in gc.get_objects(generation=2))


def test_a_rebuild_links_its_unchanged_pages_from_the_site_it_replaces(tmp_path, monkeypatch):
    # serial and in workers: every page the same, so every page linked (same inode)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # one build date for both
    for jobs in (1, 2):
        out = tmp_path / f"site-{jobs}"
        build(ROOT, out, jobs=jobs)
        before = {p: p.stat().st_ino for p in out.rglob("*.html")}
        result = build(ROOT, out, jobs=jobs)
        after = {p: p.stat().st_ino for p in out.rglob("*.html")}
        assert after == before and len(after) >= result.pages


def test_spare_time_work_is_done_once_by_whoever_has_time():
    from journeydocs.workers import SpareTime

    spare = SpareTime()
    done: list[str] = []
    first = spare.offer(lambda: done.append("first") or 1)
    second = spare.offer(lambda: done.append("second") or 2)
    assert done == []
    assert second.result() == 2 and done == ["second"]  # needed before anyone had time
    spare.use()  # a stage waiting for helpers does the rest
    assert done == ["second", "first"]
    assert first.result() == 1 and second.result() == 2 and done == ["second", "first"]
    later = spare.offer(lambda: done.append("later"))
    spare.clear()  # a failed build: nobody does it in spare time
    spare.use()
    assert done == ["second", "first"] and later.result() is None and done[-1] == "later"


def test_a_failed_build_leaves_no_spare_time_work_behind(tmp_path):
    from journeydocs.errors import ContentErrors
    from journeydocs.workers import SPARE_TIME

    (tmp_path / "site.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(tmp_path, tmp_path.parent / "out-of-a-failed-build")
    assert SPARE_TIME._offered == []

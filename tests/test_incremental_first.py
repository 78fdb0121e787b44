"""serve's shortcut: the edited objects' pages before the full reload.

Each case edits one file of a copy of the sample the way the watcher reports it
(``modified=[path]``), then checks three things: whether the shortcut was taken
(it must be declined whenever the edit could matter to another file, or has
errors), that the served folder equals a clean build afterwards (or, after an
error, is left exactly as it was), and that no file was written twice (what the
shortcut wrote is what the full rebuild renders).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import copy_sample

from journeydocs.build import build
from journeydocs.incremental.site import IncrementalSite, snapshot

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = "content/journeys/gift-purchase.md"


def _served(tmp_path: Path) -> tuple[Path, Path, IncrementalSite]:
    """A copy of the sample, built once into ``served`` by an IncrementalSite."""
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "served")
    assert site.rebuild().ok
    return project, tmp_path / "served", site


def _assert_as_clean_build(project: Path, served: Path, clean: Path) -> None:
    build(project, clean)
    assert snapshot(served) == snapshot(clean)


def _drop_a_touchpoint(project: Path) -> tuple[Path, str]:
    """Delete a touchpoint of the catalogue journey; (its file, the touchpoint's id)."""
    path = project / "content/journeys/catalogue-request.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n  - id:", text.index("touchpoints:"))
    end = text.index("\n  - id:", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path, text[start:end].split("id:", 1)[1].split("\n", 1)[0].strip()


def _replace(old: str, new: str, path: str = JOURNEY):
    def edit(project: Path) -> Path:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, old
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        return file
    return edit


# (edit, the shortcut is taken, the edit has errors)
CASES = {
    "storyline sentence": (_replace("\n---\n", "\n---\nA new first sentence.\n"), True, False),
    "touchpoint's words": (_replace("Nice things — but", "Lovely things — but"), True, False),
    "touchpoint's emotion": (_replace("emotion: 3", "emotion: 1"), True, False),
    "persona's body": (_replace("\n---\n", "\n---\nA new line about her.\n",
                                "content/personas/maria.md"), True, False),
    "free page's body": (_replace("\n---\n", "\n---\nA new glossary line.\n",
                                  "content/pages/glossary.md"), True, False),
    "future journey's storyline": (_replace("\n---\n", "\n---\nLater, better.\n",
                                            "content/journeys/gift-purchase-future.md"),
                                   True, False),
    # the sidebar shows titles: every page changes, the full rebuild does it all
    "journey title": (_replace("title: Buy a gift", "title: Purchase a gift"), False, False),
    "journey status": (_replace("status: published", "status: review"), False, False),
    # another file's checks read these
    "journey id": (_replace("title:", "id: gift-buying\ntitle:"), False, True),
    "future_of": (_replace("future_of: gift-purchase\n", "",
                           "content/journeys/gift-purchase-future.md"), False, False),
    # errors: nothing is written, the full reload reports them
    "unknown stage": (_replace("stage: browse", "stage: browsing"), False, True),
    "unknown persona": (_replace("personas: [maria]", "personas: [mario]"), False, True),
    "broken YAML": (_replace("emotion: 3", "emotion: [3"), False, True),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_edit_gives_a_clean_builds_pages_with_or_without_the_shortcut(tmp_path, case):
    edit, shortcut, broken = CASES[case]
    project = copy_sample(tmp_path / "project")
    served = tmp_path / "served"
    site = IncrementalSite(project, served)
    assert site.rebuild().ok
    before = snapshot(served)
    early: list[list[str]] = []
    result = site.rebuild(modified=[edit(project)], early=early.append)
    assert result.shortcut is shortcut
    assert len(result.written) == len(set(result.written)), "a file was written twice"
    if broken:
        assert not result.ok and snapshot(served) == before
        return
    assert result.ok
    _assert_as_clean_build(project, served, tmp_path / "clean")
    if shortcut:
        first = [path for paths in early for path in paths]
        assert first and result.written[:len(first)] == first
        assert not [p for p in first if "/" not in p]  # no home page or view among them


def test_the_edited_journeys_page_is_on_disk_first_and_alone(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "served")
    site.rebuild()
    early: list[list[str]] = []
    seen_then: list[str] = []

    def told(paths: list[str]) -> None:
        early.append(paths)
        if len(early) == 1:
            seen_then.append((tmp_path / "served" / paths[0]).read_text(encoding="utf-8"))

    result = site.rebuild(modified=[_replace("\n---\n", "\n---\nSaid first.\n")(project)],
                          early=told)
    assert result.shortcut and early[0] == ["journeys/gift-purchase.html"]
    assert "Said first." in seen_then[0]
    assert 0 < result.first_seconds < result.seconds


def test_saves_in_a_row_each_take_the_shortcut_and_match_a_clean_build(tmp_path):
    project, served, site = _served(tmp_path)
    for n in range(3):  # the shortcut starts from the last full rebuild's site each time
        path = project / JOURNEY
        path.write_text(path.read_text(encoding="utf-8") + f"\nSave number {n}.\n",
                        encoding="utf-8")
        assert site.rebuild(modified=[path]).shortcut
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_two_files_saved_together_take_the_shortcut_together(tmp_path):
    project, served, site = _served(tmp_path)
    paths = [_replace("\n---\n", "\n---\nOne.\n")(project),
             _replace("\n---\n", "\n---\nTwo.\n", "content/personas/erik.md")(project)]
    early: list[list[str]] = []
    result = site.rebuild(modified=paths, early=early.append)
    assert result.shortcut
    first = {path for paths in early for path in paths}
    assert {"journeys/gift-purchase.html", "personas/erik.html"} <= first
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_no_shortcut_after_a_theme_edit_or_before_the_first_build(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "served")
    path = _replace("\n---\n", "\n---\nBefore any build.\n")(project)
    assert not site.rebuild(modified=[path]).shortcut  # nothing to start from
    path = _replace("\n---\n", "\n---\nWith the theme.\n")(project)
    assert not site.rebuild(modified=[path], theme_changed=True).shortcut


ZANZIBAR = _replace("does: Taps an Instagram ad", "does: Zanzibar taps an Instagram ad")
"""A touchpoint's words: every site-wide task renders again (not a body-only edit)."""


@pytest.fixture()
def slow_views(monkeypatch):
    """Cross-journey views that take 0.1 s each in a child process (seconds in all)."""
    import os

    from journeydocs import views

    pages, parent = views.pages, os.getpid()

    def slow(site, *group):
        for page in pages(site, *group):
            if os.getpid() != parent:
                time.sleep(0.1)
            yield page

    monkeypatch.setattr(views, "pages", slow)
    yield
    monkeypatch.setattr(views, "pages", pages)


def search_index(served: Path) -> bytes:
    """The whole search index: its manifest and the word and text files it loads."""
    files = [served / "assets/search-index.js", *sorted((served / "assets/search").glob("*.js"))]
    return b"\n".join(path.read_bytes() for path in files)


def test_the_site_wide_pages_come_from_a_child_and_are_taken_over(tmp_path):
    project, served, site = _served(tmp_path)
    journey = ZANZIBAR(project)
    result = site.rebuild(modified=[journey], background=True)
    assert result.ok and result.background and result.shortcut
    assert "Zanzibar" in (served / "journeys/gift-purchase.html").read_text(encoding="utf-8")
    assert not [path for path in result.written if "/" not in path]  # no site-wide page yet
    child = site.finish_background()
    assert child.ok and not child.interrupted
    assert any(path.startswith("assets/search") for path in child.written)
    assert b"Zanzibar" in search_index(served)
    assert site.finish_background() is None
    _assert_as_clean_build(project, served, tmp_path / "clean")


@pytest.mark.parametrize("then", ["another save", "no further change"])
def test_a_newer_save_stops_the_child_and_its_rebuild_renders_the_rest(
        tmp_path, slow_views, then):
    project, served, site = _served(tmp_path)
    index = search_index(served)
    journey = ZANZIBAR(project)
    assert site.rebuild(modified=[journey], background=True).background
    if then == "another save":
        saved = [_replace("\n---\n", "\n---\nA line.\n", "content/personas/erik.md")(project)]
        result = site.rebuild(modified=saved)  # stops the child, renders what it left
        assert result.ok and not result.background
    else:
        stopped = site.finish_background(stop=True)
        assert stopped.interrupted  # after its first view: the search index comes later
        assert search_index(served) == index
        result = site.rebuild(modified=[])
    assert result.ok and b"Zanzibar" in search_index(served)
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_a_deleted_touchpoints_page_goes_before_the_child_is_done(tmp_path):
    project, served, site = _served(tmp_path)
    path, gone = _drop_a_touchpoint(project)
    assert (served / f"journeys/catalogue-request/{gone}.html").exists()  # until the rebuild
    result = site.rebuild(modified=[path], background=True)
    assert result.ok and result.background
    assert not (served / f"journeys/catalogue-request/{gone}.html").exists()
    assert site.finish_background().ok
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_a_child_that_fails_reports_its_error_and_the_next_rebuild_recovers(
        tmp_path, monkeypatch):
    from journeydocs import views

    project, served, site = _served(tmp_path)
    pages = views.pages

    def broken(site, *group):
        yield from list(pages(site, *group))[:2]
        raise RuntimeError("a view went wrong")

    monkeypatch.setattr(views, "pages", broken)
    journey = ZANZIBAR(project)
    assert site.rebuild(modified=[journey], background=True).background
    child = site.finish_background()
    assert not child.ok and "RuntimeError: a view went wrong" in child.problems[0].message
    monkeypatch.setattr(views, "pages", pages)
    assert site.rebuild(modified=[]).ok
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_a_full_rebuild_in_worker_processes_equals_a_clean_build_and_so_do_later_edits(
        tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYDOCS_JOBS", "2")  # the sample is small: force the workers
    project = copy_sample(tmp_path / "project")
    served = tmp_path / "served"
    site = IncrementalSite(project, served)
    first = site.rebuild()
    assert first.full and first.written == [] and first.written_elsewhere == first.rendered
    clean = tmp_path / "clean"
    build(project, clean)
    assert snapshot(served) == snapshot(clean)
    path, _ = _drop_a_touchpoint(project)
    again = site.rebuild(modified=[path])  # the workers' files: compared with the disk
    assert again.ok and again.removed and not again.full
    assert site.rebuild(theme_changed=True).written_elsewhere == 0  # all the same bytes
    shutil.rmtree(clean)
    _assert_as_clean_build(project, served, clean)


def test_saves_in_a_row_each_start_a_child_that_waits_for_the_older_one(tmp_path, slow_views):
    project, served, site = _served(tmp_path)
    for n in range(3):  # each rebuild returns at once; its child writes after the last ended
        journey = _replace("does: ", f"does: Save {n} of three. ")(project)  # all views
        assert site.rebuild(modified=[journey], background=True).background
    assert site.background_running()
    done = site.finish_background()
    assert done.ok and not done.interrupted
    index = search_index(served).decode("utf-8")
    assert all(f"Save {n} of three." in index for n in range(3))
    _assert_as_clean_build(project, served, tmp_path / "clean")


def test_no_shortcut_while_another_file_is_broken(tmp_path):
    project, served, site = _served(tmp_path)
    before = snapshot(served)
    broken = _replace("stage: browse", "stage: browsing")(project)
    assert not site.rebuild(modified=[broken]).ok
    persona = _replace("\n---\n", "\n---\nA line about Erik.\n", "content/personas/erik.md")
    result = site.rebuild(modified=[persona(project)])
    assert not result.shortcut and not result.ok  # the journey's error is still reported
    assert "unknown stage 'browsing'" in " ".join(p.message for p in result.problems)
    assert snapshot(served) == before  # the last good pages stay served


def test_only_the_body_tasks_show_markdown_bodies():
    """BODY_TASKS is a promise: with every body changed, no other site-wide file changes."""
    import copy

    from journeydocs.build import prepare
    from journeydocs.pages.tasks import BODY_TASKS, make_site, page_tasks

    playbook, _ = prepare(ROOT)
    changed = copy.deepcopy(playbook)
    for thing in [*changed.journeys.values(), *changed.personas.values(),
                  *changed.pages.values()]:
        thing.body += ("\n\n## Browse\n\nZanzibar: a [link](https://example.org), **bold**, "
                       "`code` and a [page](../index.html).\n\n- one\n- two\n")
        thing.body_line += 3

    def site_wide(book) -> dict[str, dict[str, bytes]]:
        site = make_site(book, ROOT / "theme", today=make_site(playbook, ROOT / "theme").today)
        return {key: {item.path: item.data for item in task()}
                for key, task in page_tasks(site)
                if ":" not in key}

    before, after = site_wide(playbook), site_wide(changed)
    assert set(before) >= BODY_TASKS
    for key in before:
        if key not in BODY_TASKS:
            assert before[key] == after[key], f"{key} shows bodies: add it to BODY_TASKS"
    for key in BODY_TASKS:
        assert before[key] != after[key], f"{key} shows no body: why is it in BODY_TASKS?"


def test_a_storyline_edit_renders_only_the_site_wide_tasks_that_show_bodies(tmp_path):
    from journeydocs.pages.dependencies import EXPORT_LINKS, affected_tasks
    from journeydocs.pages.tasks import BODY_TASKS

    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "served")
    site.rebuild()
    keys = list(site.task_files)
    site_wide = {key for key in keys if ":" not in key and key != "404"}
    for edit, only_bodies in ((_replace("\n---\n", "\n---\nA new sentence.\n"), True),
                              (_replace("emotion: 3", "emotion: 1"), False)):
        before = site.playbook
        edit(project)
        result = site.rebuild()
        wanted = affected_tasks(before, site.playbook, keys, keys, nav_changed=False)
        assert wanted & site_wide == (BODY_TASKS | EXPORT_LINKS if only_bodies else site_wide)
        assert "journey:gift-purchase" in wanted and result.ok
    build(project, tmp_path / "clean")
    assert snapshot(tmp_path / "served") == snapshot(tmp_path / "clean")

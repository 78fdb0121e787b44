"""The write stage: atomic swap, refusal of dangerous output folders, safe paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from journeydocs.errors import UsageError
from journeydocs.write import (MARKER, StagingWriter, check_output_dir, previous_site, safe_target,
                               write_site)


@dataclass(frozen=True)
class File:
    path: str
    data: bytes


def test_write_then_rewrite_replaces_whole_site(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"one"), File("old/page.html", b"x")], None)
    write_site(out, [File("index.html", b"two")], None)
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old").exists()
    assert (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temp folders left


def test_failed_write_leaves_previous_site(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"good")], None)

    def files():
        yield File("index.html", b"new")
        raise RuntimeError("renderer crashed halfway")

    with pytest.raises(RuntimeError):
        write_site(out, files(), None)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_interrupted_write_leaves_previous_site(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"good")], None)

    def files():
        yield File("a.html", b"new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_site(out, files(), None)
    assert (out / "index.html").read_bytes() == b"good"


@pytest.mark.parametrize("relative", ["../escape.html", "/etc/passwd", "a/../../b", "", "//x",
                                      "./..", "a/./../b", "/", "."])
def test_paths_cannot_leave_output(tmp_path, relative):
    with pytest.raises(ValueError):
        safe_target(tmp_path, relative)
    with pytest.raises(ValueError):
        StagingWriter(tmp_path).write(relative, b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("relative", ["index.html", "journeys/a/b.html", "./a//b.html",
                                      "a/./b/c.html", "x..y/..z.html", "é/ü.html"])
def test_a_written_file_lands_where_pathlib_puts_it(tmp_path, relative):
    from pathlib import PurePosixPath

    data = bytes(range(256)) * 300  # larger than one write of some systems' pipes
    writer = StagingWriter(tmp_path)
    writer.write(relative, data)
    assert safe_target(tmp_path, relative) == tmp_path.joinpath(*PurePosixPath(relative).parts)
    assert safe_target(tmp_path, relative).read_bytes() == data and writer.count == 1


def test_refuses_dangerous_output_folders(tmp_path):
    project = tmp_path / "p"
    content = project / "content"
    content.mkdir(parents=True)
    for bad in (project, tmp_path, content, content / "site", Path("/"), Path.home()):
        with pytest.raises(UsageError):
            check_output_dir(bad, project, content)
    stranger = project / "docs"
    stranger.mkdir()
    (stranger / "keep.txt").write_text("mine")
    with pytest.raises(UsageError, match="did not create"):
        check_output_dir(stranger, project, content)
    check_output_dir(project / "site", project, content)  # a new folder is fine
    (project / "empty").mkdir()
    check_output_dir(project / "empty", project, content)


# --------------------------------------------------------------- linking from the old site


def test_a_rebuild_links_the_unchanged_files_and_writes_the_changed_ones(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("same.html", b"same"), File("a/changed.html", b"old"),
                     File("gone.html", b"x")], None)
    same, changed = (out / "same.html").stat(), (out / "a" / "changed.html").stat()
    write_site(out, [File("same.html", b"same"), File("a/changed.html", b"new"),
                     File("new.html", b"same")], None)
    assert (out / "same.html").stat().st_ino == same.st_ino
    assert (out / "same.html").stat().st_mtime_ns == same.st_mtime_ns
    assert (out / "same.html").stat().st_nlink == 1  # the old site is gone
    assert (out / "a" / "changed.html").stat().st_ino != changed.st_ino
    assert (out / "a" / "changed.html").read_bytes() == b"new"
    assert (out / "new.html").read_bytes() == b"same"
    assert not (out / "gone.html").exists()


def test_a_failed_rebuild_leaves_the_old_files_it_linked_as_they_were(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"good"), File("other.html", b"kept")], None)

    def files():
        yield File("index.html", b"good")  # linked from the old site
        yield File("index.html", b"rewritten")  # the same path again: a new file
        raise RuntimeError("renderer crashed halfway")

    with pytest.raises(RuntimeError):
        write_site(out, files(), None)
    assert (out / "index.html").read_bytes() == b"good"
    assert (out / "other.html").read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_same_path_written_twice_keeps_the_last_bytes(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"one")], None)
    first = (out / "index.html").stat().st_ino
    write_site(out, [File("index.html", b"one"), File("index.html", b"two")], None)
    assert (out / "index.html").read_bytes() == b"two"
    assert (out / "index.html").stat().st_ino != first


def test_nothing_is_linked_from_a_folder_journeydocs_did_not_write(tmp_path):
    previous = tmp_path / "theirs"
    previous.mkdir()
    (previous / "index.html").write_bytes(b"same")
    writer = StagingWriter(tmp_path / "staging", previous_site(previous))
    writer.write("index.html", b"same")
    assert (tmp_path / "staging" / "index.html").stat().st_nlink == 1


def test_a_symlink_in_the_old_site_is_not_followed(tmp_path):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"x")], None)
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"secret")
    (out / "link.html").symlink_to(outside)
    write_site(out, [File("link.html", b"secret")], None)
    assert not (out / "link.html").is_symlink()
    assert (out / "link.html").stat().st_ino != outside.stat().st_ino
    assert outside.stat().st_nlink == 1


def test_without_hard_links_files_are_written(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site(out, [File("index.html", b"same")], None)

    def no_links(*args, **kwargs):
        raise OSError("this file system has no hard links")

    monkeypatch.setattr("os.link", no_links)
    write_site(out, [File("index.html", b"same")], None)
    assert (out / "index.html").read_bytes() == b"same"

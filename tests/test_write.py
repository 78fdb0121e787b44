"""The write stage: atomic swap, refusal of dangerous output folders, safe paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from journeydocs.errors import UsageError
from journeydocs.write import MARKER, StagingWriter, check_output_dir, safe_target, write_site


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

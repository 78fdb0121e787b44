"""Change history from git: a temporary repository with known commits, no git, broken git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeydocs.load import files as loader
from journeydocs.build import build, prepare
from journeydocs.errors import UsageError
from journeydocs.share import history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(project: Path, *args: str, date: str = "", author: str = "Ana Lima") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", "-C", str(project), *args], check=True, env=env,
                   capture_output=True)


@pytest.fixture
def repo(make_project):
    project = make_project()
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "First map of the gift journey", date="2026-01-05")
    journey = project / "content/journeys/gift.md"
    journey.write_text(journey.read_text() + "\nMore story.\n")
    git(project, "commit", "-q", "-am", "Add the return step", date="2026-02-10",
        author="Bo Berg")
    persona = project / "content/personas/maria.md"
    persona.write_text(persona.read_text() + "\nLoves <b>tea</b>.\n")
    git(project, "commit", "-q", "-am", "Maria: notes from <interviews>", date="2026-03-01")
    return project


def test_journey_page_shows_last_change_and_changelog(repo, tmp_path):
    build(repo, tmp_path / "site")
    page = (tmp_path / "site/journeys/gift.html").read_text(encoding="utf-8")
    section = page[page.index('id="history"'):]
    assert '<time datetime="2026-02-10">2026-02-10</time> <span class="muted">by Bo Berg' in section
    assert section.index("Add the return step") < section.index("First map of the gift journey")
    assert "(Ana Lima)" in section
    assert 'href="../whats-new.html"' in section


def test_whats_new_lists_recent_changes_newest_first(repo, tmp_path):
    build(repo, tmp_path / "site")
    page = (tmp_path / "site/whats-new.html").read_text(encoding="utf-8")
    assert "Maria: notes from &lt;interviews&gt;" in page  # messages are escaped
    order = [page.index(text) for text in ("2026-03-01", "2026-02-10", "2026-01-05")]
    assert order == sorted(order)
    assert 'href="personas/maria.html"' in page and 'href="journeys/gift.html"' in page


def test_external_build_shows_dates_but_no_messages_or_authors(repo, tmp_path):
    build(repo, tmp_path / "site", audience="external")
    for name in ("whats-new.html", "journeys/gift.html"):
        page = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert "2026-02-10" in page
        assert "Bo Berg" not in page and "Add the return step" not in page


def test_one_git_call_for_the_whole_playbook(repo, tmp_path, monkeypatch):
    """One ``git log``, started before the first content file is read (it runs while
    they are), and its history is on the pages."""
    events = []
    real_popen = subprocess.Popen
    real_read = loader.read_document

    def counting(command, *args, **kwargs):
        if command and command[0] == "git":
            events.append("git")
        return real_popen(command, *args, **kwargs)

    def reading(*args, **kwargs):
        events.append("read")
        return real_read(*args, **kwargs)

    monkeypatch.setattr(history.subprocess, "Popen", counting)
    monkeypatch.setattr(loader, "read_document", reading)
    build(repo, tmp_path / "site", jobs=1)
    assert events.count("git") == 1
    assert events[0] == "git" and "read" in events
    assert (tmp_path / "site/whats-new.html").exists()


def test_git_is_stopped_when_the_playbook_has_errors(repo, monkeypatch):
    started = []
    real_popen = subprocess.Popen

    def keeping(command, *args, **kwargs):
        process = real_popen(command, *args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(history.subprocess, "Popen", keeping)
    (repo / "content/journeys/broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    playbook, problems = prepare(repo)
    assert playbook is None and problems.errors
    assert len(started) == 1 and started[0].returncode is not None  # waited for, no zombie


def test_outside_git_the_sections_are_left_out(make_project, tmp_path):
    project = make_project()
    build(project, tmp_path / "site")
    page = (tmp_path / "site/journeys/gift.html").read_text(encoding="utf-8")
    assert 'id="history"' not in page
    assert not (tmp_path / "site/whats-new.html").exists()


def test_history_can_be_switched_off(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYDOCS_HISTORY", "off")
    build(repo, tmp_path / "site")
    assert not (tmp_path / "site/whats-new.html").exists()


def test_broken_repository_is_one_line_and_writes_nothing(repo, tmp_path):
    objects = [p for p in (repo / ".git/objects").rglob("*") if p.is_file()
               and len(p.parent.name) == 2]
    for path in objects:  # every object unreadable: git log cannot walk the history
        path.chmod(0o644)
        path.write_bytes(b"garbage")
    with pytest.raises(UsageError, match="cannot read the git history"):
        build(repo, tmp_path / "site")
    run = subprocess.run([sys.executable, "-m", "journeydocs", "build", str(repo),
                          "-o", str(tmp_path / "site")], capture_output=True, text=True)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert run.stderr.startswith("error: cannot read the git history of")
    assert not (tmp_path / "site").exists()


def test_parse_log_reads_names_and_odd_text():
    text = ("\x1eabc\x1f2026-01-02\x1fZoë\x1fFix: a | b\n\ncontent/journeys/a.md\nsite.yml\n"
            "\x1edef\x1fnot-a-date\x1fX\x1fskipped\n\ncontent/x.md\n")
    parsed = history.parse_log(text)
    assert [c.sha for c in parsed.commits] == ["abc"]
    assert parsed.commits[0].author == "Zoë"
    assert parsed.of("content/journeys/a.md")[0].message == "Fix: a | b"


def test_sidebar_links_whats_new_only_when_the_page_exists(repo, tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(repo, site)
    for name, href in (("index.html", "whats-new.html"), ("journeys/gift.html", "../whats-new.html"),
                       ("personas/maria.html", "../whats-new.html")):
        html = (site / name).read_text(encoding="utf-8")
        views = html[html.index('class="views-bar"'):html.index("</nav>")]
        # the first of the views, where a returning reader looks
        assert views.index(f'<a href="{href}" data-view="whats-new">What&#39;s new</a>') < \
            views.index("Content inventory")
    page = (site / "whats-new.html").read_text(encoding="utf-8")
    assert ('<a href="whats-new.html" data-view="whats-new" aria-current="page">What&#39;s new</a>'
            in page)

    plain = tmp_path / "plain"  # the same playbook outside git
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    build(plain, tmp_path / "site-plain")
    monkeypatch.setenv("JOURNEYDOCS_HISTORY", "off")
    build(repo, tmp_path / "site-off")
    for out in (tmp_path / "site-plain", tmp_path / "site-off"):
        assert not (out / "whats-new.html").exists()
        for html in out.rglob("*.html"):
            assert "whats-new.html" not in html.read_text(encoding="utf-8"), html


def test_without_git_installed_there_is_no_history(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    pending = history.PendingHistory(repo, "content")
    assert pending.result() is None
    pending.cancel()  # nothing to stop
    build(repo, tmp_path / "site")
    assert not (tmp_path / "site/whats-new.html").exists()

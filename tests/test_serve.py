"""``journeydocs serve`` end to end, and the incremental rebuild behind it.

The server runs in this process (HTTP and watcher threads) on a free port against a
copy of the sample playbook; files are edited for real and watchfiles notices.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_sample

from journeydocs.build import build
from journeydocs.pages.dependencies import affected_tasks
from journeydocs.incremental.site import IncrementalSite, snapshot
from journeydocs.serve.preview import Server
from journeydocs.serve.http import EVENTS, OVERLAY_ID, STATUS

JOURNEY = "content/journeys/gift-purchase.md"
UNAFFECTED = "pages/glossary.html"
"""A page an edit of JOURNEY leaves byte for byte the same."""


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _until(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture()
def served(tmp_path):
    project = copy_sample(tmp_path / "project")
    lines: list[str] = []
    server = Server(project, "127.0.0.1", 0, echo=lines.append, debounce_ms=300)
    server.start()
    watcher = threading.Thread(target=server.watch, daemon=True)
    watcher.start()
    time.sleep(0.5)  # the watcher is armed
    yield server, project, lines
    server.stop()
    watcher.join(timeout=10)
    assert not watcher.is_alive()
    assert not server.folder.exists()


class _Events:
    """Reads the server-sent events stream in a thread."""

    def __init__(self, url: str):
        self.names: list[str] = []
        self._response = urllib.request.urlopen(url, timeout=60)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self._response:
                line = raw.decode("utf-8").strip()
                if line.startswith("event:"):
                    self.names.append(line.split(":", 1)[1].strip())
        except Exception:  # noqa: BLE001 - the server closed the stream
            pass


def test_edit_reloads_break_shows_overlay_fix_clears_it(served):
    server, project, lines = served
    page = server.url + "journeys/gift-purchase.html"
    first = _get(page)
    assert "EventSource" in first and EVENTS in first  # the live-reload script, injected
    assert OVERLAY_ID + '" role' not in first
    events = _Events(server.url + EVENTS.lstrip("/"))
    version = json.loads(_get(server.url + STATUS.lstrip("/")))["version"]

    _append(project / JOURNEY, "\nServe marker: a fresh sentence.\n")
    _until(lambda: "a fresh sentence" in _get(page))
    _until(lambda: "reload" in events.names)
    assert json.loads(_get(server.url + STATUS.lstrip("/")))["version"] > version

    good = (project / JOURNEY).read_text(encoding="utf-8")
    (project / JOURNEY).write_text(good.replace("title:", "title: [unclosed\nx:", 1),
                                   encoding="utf-8")
    status = _until(lambda: json.loads(_get(server.url + STATUS.lstrip("/")))["problems"] or None)
    assert any(p["text"].startswith(JOURNEY + ":") and p["line"] > 0 for p in status)
    _until(lambda: "problems" in events.names)
    broken = _get(page)
    assert OVERLAY_ID in broken and JOURNEY + ":" in broken  # the overlay, with path:line
    assert "a fresh sentence" in broken  # the last good page is still served
    assert any(line.startswith(JOURNEY + ":") for line in lines)  # and the terminal says so

    (project / JOURNEY).write_text(good.replace("a fresh sentence", "the fixed text"),
                                   encoding="utf-8")
    _until(lambda: "the fixed text" in _get(page))
    _until(lambda: json.loads(_get(server.url + STATUS.lstrip("/")))["problems"] == [])
    _until(lambda: "ok" in events.names or events.names.count("reload") > 1)
    assert f'id="{OVERLAY_ID}"' not in _get(page)


def test_a_burst_of_saves_is_one_rebuild(served):
    server, project, _ = served
    before = server.rebuilds
    for n in range(6):
        _append(project / JOURNEY, f"\nBurst {n}.\n")
        time.sleep(0.01)
    _until(lambda: "Burst 5." in _get(server.url + "journeys/gift-purchase.html"))
    _until(lambda: server.rebuilds > before)
    time.sleep(2)  # anything still queued would have rebuilt by now
    assert server.rebuilds == before + 1


def test_a_save_while_a_child_renders_the_site_wide_pages_stops_it(served, monkeypatch):
    import os

    from journeydocs import views

    server, project, lines = served
    pages, parent = views.pages, os.getpid()

    def slow_views(site, *group):  # 0.15 s a view in the child: seconds, as at 1,000 journeys
        for page in pages(site, *group):
            if os.getpid() != parent:
                time.sleep(0.15)
            yield page

    monkeypatch.setattr(views, "pages", slow_views)
    page = server.url + "journeys/gift-purchase.html"
    rebuilds = server.rebuilds
    def does(text: str) -> None:  # a touchpoint's words: every site-wide page again
        source = (project / JOURNEY).read_text(encoding="utf-8")
        (project / JOURNEY).write_text(source.replace("does: ", f"does: {text} ", 1),
                                       encoding="utf-8")

    does("First of two saves.")
    _until(lambda: "First of two saves." in _get(page))
    _until(server.site.background_running)  # the first save's views, in a child
    assert server.rebuilds == rebuilds
    saved = time.monotonic()
    does("Second of two saves.")
    _until(lambda: "Second of two saves." in _get(page))
    assert time.monotonic() - saved < 3  # not after all of the first save's views
    _until(lambda: server.rebuilds == rebuilds + 2)
    assert "the site-wide pages follow the newer save" in lines[-2]
    assert "follow" not in lines[-1]
    clean = project.parent / "clean"
    build(project, clean)
    assert snapshot(server.site.output) == snapshot(clean)


def test_a_deleted_file_mid_session_keeps_the_server_up(served):
    server, project, lines = served
    (project / "content" / "pages").rename(project / "pages-moved")
    _until(lambda: any("Rebuilt" in line for line in lines[1:]) or
           json.loads(_get(server.url + STATUS.lstrip("/")))["problems"])
    assert _get(server.url)  # still answering


def test_dependency_map_renders_only_what_an_edit_affects(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "out")
    assert site.rebuild().full
    keys = list(site.task_files)
    _append(project / JOURNEY, "\nOne more line.\n")
    before = site.playbook
    from journeydocs.build import prepare

    after, _ = prepare(project)
    wanted = affected_tasks(before, after, keys, keys, nav_changed=False)
    assert "journey:gift-purchase" in wanted
    assert "journey:gift-purchase-future" in wanted  # it improves gift-purchase
    assert "journey:catalogue-request" not in wanted
    assert {k for k in wanted if k.startswith("persona:")} == {
        f"persona:{p}" for j in [after.journeys["gift-purchase"]]
        for p in {*j.personas, *(tp.persona for tp in j.touchpoints if tp.persona)}}
    result = site.rebuild()
    assert not result.full
    assert result.written and all(not p.startswith("journeys/catalogue-request")
                                  for p in result.written)


def test_edited_pages_are_written_before_the_site_wide_ones(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "out")
    site.rebuild()
    _append(project / JOURNEY, "\nWritten first.\n")
    early: list[list[str]] = []
    result = site.rebuild(early=early.append)
    assert early and all(early)  # once per task that changed files
    first = [path for paths in early for path in paths]
    assert "journeys/gift-purchase.html" in first
    assert not [p for p in first if ":" not in p and "/" not in p]  # no home page or view yet
    later = result.written[len(first):]
    assert result.written[:len(first)] == first
    assert "exports/playbook.json" in later  # the site-wide files come after
    assert UNAFFECTED not in result.written


def test_a_kept_files_problems_are_reported_again_on_the_next_edit(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "out")
    site.rebuild()
    text = (project / JOURNEY).read_text(encoding="utf-8")
    (project / JOURNEY).write_text(text.replace("status:", "status: bogus\nx_status:", 1),
                                   encoding="utf-8")
    broken = site.rebuild()
    assert not broken.ok
    _append(project / "content/personas/maria.md", "\nAn unrelated edit.\n")
    again = site.rebuild()  # the journey is unchanged: its checked result is reused
    assert [p.format() for p in again.problems] == [p.format() for p in broken.problems]
    (project / JOURNEY).write_text(text, encoding="utf-8")
    assert site.rebuild().ok


@pytest.mark.parametrize("told", [False, True], ids=["looked-up", "told-by-the-watcher"])
def test_kept_files_are_checked_against_what_changed_elsewhere(tmp_path, told):
    from journeydocs.build import load_playbook

    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "out")
    site.rebuild()
    persona = project / "content/personas/maria.md"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("name:", "id: someone-else\nname:", 1), encoding="utf-8")
    result = site.rebuild(modified=[persona] if told else None)
    _, fresh = load_playbook(project)
    assert "unknown persona 'maria'" in " ".join(p.message for p in fresh.errors)
    assert [p.format() for p in result.problems] == [p.format() for p in fresh.errors]
    persona.write_text(text, encoding="utf-8")
    assert site.rebuild(modified=[persona] if told else None).ok


def test_a_file_the_last_listing_did_not_have_is_read_even_when_told_modified(tmp_path):
    project = copy_sample(tmp_path / "project")
    site = IncrementalSite(project, tmp_path / "out")
    site.rebuild()
    added = project / "content/pages/new-page.md"
    added.write_text("---\ntitle: A new page\n---\nHello.\n", encoding="utf-8")
    result = site.rebuild(modified=[added])  # a watcher that called a new file "modified"
    assert result.ok and "pages/new-page.html" in result.written


def test_each_rebuild_reads_the_git_history_again(tmp_path):
    from journeydocs.share.history import WHATS_NEW

    project = copy_sample(tmp_path / "project")
    git = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "First version"], check=True)
    site = IncrementalSite(project, tmp_path / "out")
    site.rebuild()
    _append(project / JOURNEY, "\nCommitted later.\n")
    subprocess.run(git + ["commit", "-qam", "A message only the second read sees"], check=True)
    assert site.rebuild().ok  # history read in a thread while the files are checked
    page = (tmp_path / "out" / WHATS_NEW).read_text(encoding="utf-8")
    assert "A message only the second read sees" in page and "First version" in page


def test_live_state_tells_each_tab_the_pages_changed_since_it_looked():
    from journeydocs.serve.http import LiveState

    state = LiveState()
    state.reloaded(["journeys/a.html"])
    state.reloaded(["index.html", "journeys/a.html"])
    assert state.pages_since(0) == ["index.html", "journeys/a.html"]
    assert state.pages_since(1) == ["index.html", "journeys/a.html"]
    assert state.pages_since(2) == []
    state.reloaded(None)  # a theme edit: any page may have changed
    assert state.pages_since(1) is None and state.pages_since(3) == []
    for _ in range(LiveState.KEPT_VERSIONS + 1):
        state.reloaded([])
    assert state.pages_since(3) is None  # too far behind to know: reload


def test_a_tab_whose_stream_connects_after_a_rebuild_still_hears_of_it(served):
    server, project, _ = served
    html = _get(server.url + "journeys/gift-purchase.html")
    served_at = int(re.search(r"since=\" \+ (\d+)", html).group(1))
    rebuilds = server.rebuilds
    _append(project / JOURNEY, "\nA sentence before the tab listens.\n")
    _until(lambda: server.rebuilds > rebuilds)
    events = _Events(server.url + EVENTS.lstrip("/") + f"?since={served_at}")
    _until(lambda: "reload" in events.names, timeout=10)


def test_incremental_output_equals_a_clean_build_after_edits_deletes_renames(tmp_path):
    project = copy_sample(tmp_path / "project")
    served = tmp_path / "served"
    site = IncrementalSite(project, served)
    site.rebuild()
    steps = [
        lambda: _append(project / JOURNEY, "\nAn edit.\n"),
        lambda: (project / "content/personas/erik.md").rename(project / "content/personas/x.md"),
        lambda: (project / "content/journeys/catalogue-request.md").unlink(),
        lambda: _append(project / "content/personas/maria.md", "\nMore about Maria.\n"),
    ]
    for step in steps:
        step()
        result = site.rebuild()
        if not result.ok:  # a step may break references; the next restores sense
            continue
        clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        build(project, clean)
        assert snapshot(served) == snapshot(clean)


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_serve_command_starts_and_stops_on_ctrl_c(tmp_path, stop):
    import os
    import signal
    import socket

    project = copy_sample(tmp_path / "project")
    temporary = tmp_path / "tmp"  # where serve builds: it must be empty afterwards
    temporary.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "journeydocs", "serve", str(project),
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "TMPDIR": str(temporary)},
                            preexec_fn=_ctrl_c_as_from_a_terminal)
    try:
        _until(lambda: _try_get(f"http://127.0.0.1:{port}/"), timeout=60)
        assert list(temporary.iterdir())  # the site being served
        proc.send_signal(getattr(signal, stop))
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            pytest.fail(f"serve did not stop within 30 s of Ctrl-C; its output:\n{out}")
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert "Traceback" not in out and "Stopped." in out
    assert list(temporary.iterdir()) == []


def _ctrl_c_as_from_a_terminal() -> None:
    """In the child: SIGINT handled by default and not blocked. A child inherits an
    ignored or blocked SIGINT (a shell's background job; something earlier in a long
    test run), and Python then never raises KeyboardInterrupt."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _try_get(url: str) -> str:
    try:
        return _get(url)
    except OSError:
        return ""


def test_browser_reloads_and_shows_then_clears_the_overlay(served, tmp_path):
    from harness.browser import launch, require_browser

    require_browser()
    server, project, _ = served
    good = (project / JOURNEY).read_text(encoding="utf-8")
    context = launch().new_context()  # the harness's open_page blocks http: serve is http
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url + "journeys/gift-purchase.html")
        other = context.new_page()  # a page the edit does not change: it must not reload
        other.goto(server.url + UNAFFECTED)
        other.evaluate("window.stillHere = true")
        page.wait_for_timeout(300)  # the event streams are connected
        rebuilds = server.rebuilds
        _append(project / JOURNEY, "\nLive sentence in the browser.\n")
        page.wait_for_function(
            "document.body.innerText.includes('Live sentence in the browser.')", timeout=30000)
        _until(lambda: server.rebuilds > rebuilds)
        page.wait_for_timeout(500)  # time for a wrong reload to happen
        assert other.evaluate("window.stillHere === true")
        (project / JOURNEY).write_text(good.replace("title:", "title: [unclosed\nx:", 1),
                                       encoding="utf-8")
        overlay = page.wait_for_selector(f"#{OVERLAY_ID}", timeout=30000)
        assert JOURNEY + ":" in overlay.inner_text()
        page.screenshot(path=str(tmp_path / "overlay.png"))
        (project / JOURNEY).write_text(good, encoding="utf-8")
        page.wait_for_selector(f"#{OVERLAY_ID}", state="detached", timeout=30000)
        assert errors == []
    finally:
        context.close()


def test_a_playbook_broken_from_the_start_shows_its_errors(tmp_path):
    project = copy_sample(tmp_path / "project")
    (project / JOURNEY).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    server = Server(project, "127.0.0.1", 0, echo=lambda text: None)
    server.start()
    try:
        with pytest.raises(urllib.error.HTTPError) as failed:
            _get(server.url)
        assert failed.value.code == 503
        text = failed.value.read().decode("utf-8")
        assert OVERLAY_ID in text and EVENTS in text
        assert re.search(re.escape(JOURNEY) + r":[1-9]\d*: ", text)
    finally:
        server.stop()


def test_an_unreadable_file_mid_session_shows_path_line_and_keeps_the_last_pages(
        served, monkeypatch):
    """Reading a content file raises PermissionError (as chmod 000 would for a normal
    user; root ignores chmod, so the read is patched): serve reports ``path:line`` in
    the overlay and the terminal, keeps serving the last good pages, and recovers."""
    import os

    server, project, lines = served
    page = server.url + "journeys/gift-purchase.html"
    _append(project / JOURNEY, "\nServe marker: the last good text.\n")
    _until(lambda: "the last good text" in _get(page))

    target = os.path.realpath(project / JOURNEY)
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if os.path.realpath(os.fspath(path)) == target:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    _append(project / JOURNEY, "\nServe marker: never read.\n")
    status = _until(lambda: json.loads(_get(server.url + STATUS.lstrip("/")))["problems"] or None)
    assert any(p["text"].startswith(f"{JOURNEY}:1:") and "Permission denied" in p["text"]
               for p in status), status
    broken = _get(page)
    assert OVERLAY_ID in broken and f"{JOURNEY}:1" in broken  # the overlay, with path:line
    assert "the last good text" in broken and "never read" not in broken  # last good page
    assert any(line.startswith(f"{JOURNEY}:1:") for line in lines), lines  # the terminal
    assert server.url and _get(server.url + "index.html")  # still serving

    monkeypatch.setattr(os, "open", real_open)
    _append(project / JOURNEY, "\nServe marker: readable again.\n")
    _until(lambda: "readable again" in _get(page))
    _until(lambda: json.loads(_get(server.url + STATUS.lstrip("/")))["problems"] == [])

"""``journeydocs serve``: build into a temporary folder, serve it, rebuild on save.

The loop is a checklist: build once, start the server, then for every burst of
changes (watchfiles groups quick saves into one set) rebuild what they affect and
tell open tabs to reload, or show the errors in the terminal and as an overlay
while the last good pages stay served. Nothing that goes wrong in a rebuild (a
file deleted mid-build, a permission error, a bug) stops the server.
"""

from __future__ import annotations

import queue
import shutil
import signal
import tempfile
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import Problem, UsageError
from ..incremental.site import IncrementalSite, Rebuild
from .http import LiveState, make_server
from ..build import default_theme_dir
from ..load.files import find_config

Echo = Callable[[str], None]


def problem_json(problem: Problem) -> dict:
    return {"path": problem.path, "line": problem.line, "message": problem.message,
            "hint": problem.hint, "text": problem.format()}


class Server:
    """The parts of a running serve session; :meth:`stop` ends it cleanly."""

    def __init__(self, project: Path, host: str = "127.0.0.1", port: int = 8000, *,
                 echo: Echo = print, theme_dir: Path | None = None, debounce_ms: int = 25,
                 background: bool = True):
        find_config(project)  # a clear message before anything starts
        self.project = project.resolve()
        self.theme_dir = (theme_dir or default_theme_dir()).resolve()
        self.echo = echo
        self.debounce_ms = debounce_ms
        self.folder = Path(tempfile.mkdtemp(prefix="journeydocs-serve-"))
        self.site = IncrementalSite(self.project, self.folder / "site", self.theme_dir)
        self.state = LiveState()
        self.rebuilds = 0
        self.last = Rebuild()
        """What the latest rebuild did."""
        self._stop = threading.Event()
        self._busy = threading.Lock()
        """Held during a rebuild: stop() waits for it before removing the folder."""
        self.background = background
        """Render the site-wide pages in a child process (see :meth:`rebuild`)."""
        self._pending: tuple[Rebuild, list[str], list[str]] | None = None
        """A rebuild whose site-wide pages a child is still rendering."""
        try:
            self.httpd = make_server(host, port, self.site.output, self.state)
        except OSError as exc:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}; "
                             "choose another port with --port") from None
        self.host, self.port = self.httpd.server_address[:2]
        self.url = f"http://{self.host}:{self.port}/"

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        """First build, then the HTTP server in a background thread."""
        self.site.output.mkdir(parents=True, exist_ok=True)
        self.rebuild(["(start)"])
        threading.Thread(target=self.httpd.serve_forever, name="journeydocs-http",
                         daemon=True).start()

    def watch(self) -> None:
        """Rebuild after each burst of changes until :meth:`stop` (or Ctrl-C).

        The watcher runs in its own thread and queues each burst; between bursts this
        loop reports a rebuild once the child rendering its site-wide pages is done.
        A burst that comes while a child is at work stops it after its current file:
        the newer rebuild's own pages come first, then its own child renders the
        site-wide pages for the newest playbook.
        """
        import watchfiles  # why: watchfiles (a Rust extension) loads only when watching

        waiting: queue.Queue = queue.Queue()
        watcher = threading.Thread(target=self._watch_into, args=(waiting,),
                                   name="journeydocs-watch", daemon=True)
        watcher.start()
        while not self._stop.is_set():
            try:
                batch = [waiting.get(timeout=0.05)]
            except queue.Empty:
                self._check_background()
                continue
            while not waiting.empty():  # saves that came during the last rebuild
                batch.append(waiting.get())
            for item in batch:
                if isinstance(item, BaseException):
                    raise item
            if None in batch:  # the watcher ended
                break
            changes = set().union(*batch)
            modified = all(change == watchfiles.Change.modified and path.endswith(".md")
                           for change, path in changes)
            self.rebuild(sorted({path for _, path in changes}), modified_only=modified)

    def _watch_into(self, waiting) -> None:
        import watchfiles  # why: as in run()

        config = self.project / "site.yml"
        content = self.project / (self.site.playbook.config.content_dir
                                  if self.site.playbook else "content")
        paths = [p for p in (config, content, self.theme_dir) if p.exists()]
        try:
            for changes in watchfiles.watch(*paths, debounce=1600, step=self.debounce_ms,
                                            stop_event=self._stop, raise_interrupt=False,
                                            watch_filter=_Filter(self.folder)):
                waiting.put(changes)
        except BaseException as exc:  # noqa: BLE001 - raised again by watch(), in its thread
            waiting.put(exc)
        finally:
            waiting.put(None)

    def stop(self) -> None:
        self._stop.set()
        self.state.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        with self._busy:
            self.site.kill_background()
            shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------------ one rebuild

    def rebuild(self, changed: Iterable[str], modified_only: bool = False) -> Rebuild:
        """Rebuild after ``changed``; ``modified_only``: they are content files that
        were edited in place (none added, removed or renamed). The site-wide pages are
        rendered by a child process; the rebuild is reported once they are done (or
        a newer rebuild stopped them)."""
        with self._busy:
            if self._stop.is_set():
                return Rebuild()
            self._report_pending()
            if self._pending is not None:  # its child stops; this rebuild does the rest
                pending, self._pending = self._pending, None
                pending[0].interrupted = True
                self._report(*pending)
            return self._rebuild(list(changed), modified_only)

    def _check_background(self) -> None:
        """Between bursts of changes: report a rebuild whose child is done."""
        if self._pending is not None:
            with self._busy:
                self._report_pending()

    def _report_pending(self) -> None:
        """Report the pending rebuild if its child has rendered the site-wide pages
        (call with ``_busy`` held)."""
        if self._pending is None or self.site.background_running():
            return
        pending, self._pending = self._pending, None
        child = self.site.finish_background()
        if child is not None:
            result = pending[0]
            result.take(child)
            result.problems += child.problems
            result.interrupted = child.interrupted
            result.seconds += child.seconds
        self._report(*pending)

    def _rebuild(self, changed: list[str], modified_only: bool = False) -> Rebuild:
        theme = any(Path(p).resolve().is_relative_to(self.theme_dir) for p in changed
                    if not p.startswith("("))
        early: list[str] = []

        def reload_edited(written: list[str]) -> None:
            # the edited pages reload now; the site-wide ones (views, home) follow
            early.extend(written)
            if written:
                self.state.reloaded(written)

        try:
            result = self.site.rebuild(theme_changed=theme, early=reload_edited,
                                       modified=changed if modified_only and not theme else None,
                                       background=self.background)
        except Exception as exc:  # noqa: BLE001 - a bad rebuild must never stop the server
            result = Rebuild(problems=[Problem("(build)", 0, f"{type(exc).__name__}: {exc}",
                                               "the last good pages stay served")])
        if result.background:
            self._pending = (result, changed, early)
        else:
            self._report(result, changed, early)
        return result

    def _report(self, result: Rebuild, changed: list[str], early: list[str]) -> None:
        """Tell the terminal and the open tabs what a finished rebuild did."""
        self.last = result
        self.rebuilds += 1
        what = self._describe(changed)
        if result.ok:
            later = sorted(set(result.written + result.removed) - set(early))
            self.state.reloaded(None if result.full else later)
            rest = "; the site-wide pages follow the newer save" if result.interrupted else ""
            self.echo(f"Rebuilt {len(result.written) + result.written_elsewhere} of "
                      f"{result.rendered} files"
                      f"{' (full)' if result.full else ''}{what} in {result.seconds:.2f} s"
                      f"{rest}.")
        else:
            errors = [p for p in result.problems if p.severity.value == "error"]
            self.state.broken([problem_json(p) for p in errors])
            for problem in errors:
                self.echo(problem.format())
            self.echo(f"{len(errors)} error{'s' if len(errors) != 1 else ''}{what}; "
                      "still serving the last good build.")

    def _describe(self, changed: list[str]) -> str:
        shown = []
        for path in changed[:3]:
            try:
                shown.append(Path(path).resolve().relative_to(self.project).as_posix())
            except ValueError:
                shown.append(path)
        if not shown or shown == ["(start)"]:
            return ""
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        return f" after {', '.join(shown)}{more} changed"


class _Filter:
    """Skip editor droppings and our own output."""

    def __init__(self, output: Path):
        import watchfiles  # why: as in run()

        self.default = watchfiles.DefaultFilter()
        self.output = str(output)

    def __call__(self, change, path: str) -> bool:
        name = Path(path).name
        if path.startswith(self.output) or name.startswith(".#") or name.endswith(
                ("~", ".swp", ".swx", ".tmp")):
            return False
        return self.default(change, path)


def serve(project: Path, host: str, port: int, open_browser: bool, echo: Echo) -> None:
    """Run until Ctrl-C (or SIGTERM, as from a process manager)."""
    server = Server(project, host, port, echo=echo)
    previous = _terminate_as_interrupt()
    try:
        server.start()
        echo(f"Serving {project} on {server.url} (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(server.url)
        server.watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        time.sleep(0)  # let the HTTP threads see the close
        echo("Stopped.")
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate_as_interrupt() -> Any:
    """SIGTERM stops serve like Ctrl-C, so its temporary folder is removed too (Python's
    default for SIGTERM ends the process on the spot). Returns the previous handler."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (serve run from a test or an embedding app)
        return None

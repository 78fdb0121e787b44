"""The HTTP side of ``journeydocs serve``: static files, live reload, error overlay.

Files are served from the build folder exactly as ``build`` writes them; only in
the response does each HTML page get a small script (and, while the last edit is
broken, the error overlay) before ``</body>``. The script listens on
``/__journeydocs/events`` (server-sent events): ``reload`` after every good
rebuild, with the pages it changed (a tab reloads only when its own page is among
them, or when the list is ``null``: everything may have changed), ``problems`` when
an edit breaks the playbook. ``/__journeydocs/status`` returns the state as JSON.
"""

from __future__ import annotations

import html
import json
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs
from pathlib import Path
from typing import Any

EVENTS = "/__journeydocs/events"
STATUS = "/__journeydocs/status"
OVERLAY_ID = "journeydocs-overlay"

CLIENT = """<script>/* journeydocs serve: live reload (not in built sites) */
(function () {
  var box = null;
  function show(problems) {
    if (!box) {
      box = document.createElement("div");
      box.id = "%(id)s";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "z-index:99999;margin:0;padding:1rem 1.25rem;background:#2b0a0a;color:#ffe9e9;" +
        "font:14px/1.45 ui-monospace,monospace;border-top:4px solid #e5484d";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = "journeydocs: the last edit has errors; showing the last good build";
    box.appendChild(head);
    problems.forEach(function (p) {
      var line = document.createElement("div");
      line.textContent = p.text;
      box.appendChild(line);
    });
  }
  function clear() {
    var old = document.getElementById("%(id)s");
    if (old) { old.remove(); }
    box = null;
  }
  function here() {
    var path = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }
  // the version this page was served at: a rebuild that finishes before the
  // stream connects is still reported
  var source = new EventSource("%(events)s?since=" + __VERSION__);
  source.addEventListener("reload", function (e) {
    clear();
    var paths = JSON.parse(e.data).paths;
    if (!paths || paths.indexOf(here()) >= 0) { location.reload(); }
  });
  source.addEventListener("problems", function (e) { show(JSON.parse(e.data).problems); });
  source.addEventListener("ok", clear);
})();
</script>
""" % {"id": OVERLAY_ID, "events": EVENTS}


class LiveState:
    """What the browser is told: a version that grows with each good rebuild, and problems."""

    KEPT_VERSIONS = 64
    """How many rebuilds' page lists are kept for tabs that fell behind."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[dict[str, Any]] = []
        self.closing = False
        self._changed = threading.Condition()
        self._pages: dict[int, list[str] | None] = {}

    def reloaded(self, pages: list[str] | None = None) -> None:
        """A good rebuild changed ``pages`` (site paths; None: possibly every page)."""
        with self._changed:
            self.version += 1
            self.problems = []
            self._pages[self.version] = None if pages is None else sorted(set(pages))
            self._pages.pop(self.version - self.KEPT_VERSIONS, None)
            self._changed.notify_all()

    def pages_since(self, version: int) -> list[str] | None:
        """The pages changed by the rebuilds after ``version`` (None: maybe all)."""
        with self._changed:
            found: set[str] = set()
            for later in range(version + 1, self.version + 1):
                pages = self._pages.get(later)
                if pages is None:
                    return None
                found.update(pages)
            return sorted(found)

    def broken(self, problems: list[dict[str, Any]]) -> None:
        with self._changed:
            self.problems = problems
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()

    def wait(self, seen: tuple[int, int], timeout: float) -> tuple[int, int]:
        """Block until the state differs from ``seen`` (version, problem id) or timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self.closing or self.key() != seen, timeout)
            return self.key()

    def key(self) -> tuple[int, int]:
        return self.version, id(self.problems)

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "problems": self.problems}


def overlay_html(problems: list[dict[str, Any]]) -> str:
    """The overlay as plain HTML, for a page loaded while the playbook is broken."""
    lines = "".join(f"<div>{html.escape(p['text'])}</div>" for p in problems)
    return (f'<div id="{OVERLAY_ID}" role="alert" style="position:fixed;inset:auto 0 0 0;'
            'max-height:60vh;overflow:auto;z-index:99999;margin:0;padding:1rem 1.25rem;'
            'background:#2b0a0a;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;'
            'border-top:4px solid #e5484d"><strong>journeydocs: the last edit has errors; '
            f'showing the last good build</strong>{lines}</div>\n')


def make_server(host: str, port: int, root: Path, state: LiveState) -> ThreadingHTTPServer:
    """A threaded server for ``root`` (raises OSError when the port is taken)."""

    class Handler(_Handler):
        pass

    Handler.root = root
    Handler.state = state
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def client_script(version: int) -> str:
    """The live-reload script for a page served at ``version``."""
    return CLIENT.replace("__VERSION__", str(version))


class _Handler(SimpleHTTPRequestHandler):
    root: Path
    state: LiveState
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base name
        pass  # requests are not news; rebuilds and problems are printed instead

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            return self._events(self.path.partition("?")[2])
        if path == STATUS:
            return self._send(HTTPStatus.OK, "application/json",
                              json.dumps(self.state.as_json()).encode("utf-8"))
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            return self._page(local)
        if self.state.problems and not local.exists():
            # nothing good was ever built (or this page is gone): show why, and reload
            # once an edit fixes it
            body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>journeydocs"
                    "</title></head><body>" + overlay_html(self.state.problems)
                    + client_script(self.state.version)
                    + "</body></html>")
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                              body.encode("utf-8"))
        try:
            return super().do_GET()
        except (BrokenPipeError, ConnectionResetError):
            return None

    def _page(self, local: Path) -> None:
        version = self.state.version  # before reading: a rebuild in between reloads it
        try:
            text = local.read_text(encoding="utf-8")
        except OSError:
            return self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        extra = client_script(version)
        if self.state.problems:
            extra = overlay_html(self.state.problems) + extra
        at = text.rfind("</body>")
        text = text[:at] + extra + text[at:] if at >= 0 else text + extra
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", text.encode("utf-8"))

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _events(self, query: str) -> None:
        state = self.state
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen = state.key()
            since = parse_qs(query).get("since", [""])[0]
            if since.isdigit() and int(since) < seen[0]:
                seen = (int(since), seen[1])  # rebuilt since the page was served
            if state.problems:
                self._event("problems", state.as_json())
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not state.closing:
                now = state.wait(seen, timeout=15)
                if state.closing:
                    break
                if now == seen:
                    self.wfile.write(b": keep-alive\n\n")  # notices a closed tab
                elif now[0] != seen[0]:
                    self._event("reload", {**state.as_json(),
                                           "paths": state.pages_since(seen[0])})
                elif state.problems:
                    self._event("problems", state.as_json())
                else:
                    self._event("ok", state.as_json())
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def _event(self, name: str, data: dict[str, Any]) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode("utf-8"))

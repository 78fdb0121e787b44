"""Headless-Chromium helpers for the test suite (Playwright, system Chromium).

Playwright's own browser download does not work here, so we always drive the
system Chromium (``apt-get install chromium`` -> /usr/bin/chromium).

API
---
find_chromium() -> str | None
    Path of a usable Chromium: ``$CHROMIUM`` if it names an executable, else the
    first of /usr/bin/chromium, chromium, chromium-browser, google-chrome,
    google-chrome-stable found on PATH.

in_ci() -> bool
    True when ``$CI`` is set to anything but "", "0", "false", "no".

require_browser() -> str
    Chromium path, or ``pytest.skip("no Chromium found: apt-get install chromium")``
    -- but ``pytest.fail(...)`` under CI, so a CI machine without a browser can
    never go green by skipping every browser test.  Same for a missing
    ``playwright`` package.

launch() -> playwright.sync_api.Browser
    The ONE shared browser of this test session (started lazily, reused, closed
    at interpreter exit or by ``shutdown()``).  Calls ``require_browser()``.
    Playwright's sync API allows only one running instance per thread, so
    every browser user in the suite must go through this function.

open_page(url_or_path, *, wait_until="load", viewport=None) -> context manager
    Opens a file:// URL (or a filesystem path) in a fresh browser context in
    which every request that is not file:/data:/blob:/about: is aborted, and
    yields a ``LoadedPage`` with ``.page``, ``.console_errors``,
    ``.page_errors``, ``.blocked`` (URLs that tried to reach the network) and
    ``.errors`` (all three, as strings).  ``loaded.assert_clean()`` raises
    AssertionError listing them.  The context is closed on exit.

run_axe(page, options=None) -> list[dict]
    Injects the vendored axe-core (tests/harness/vendor/axe-core/axe.min.js)
    and returns ``axe.run(document, options)``'s ``violations``.

Pytest fixtures (import them into a test module or conftest to use them):
    ``browser`` (session scope) and ``page_opener`` (the ``open_page`` function,
    after ``require_browser()``).
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
AXE_JS = HERE / "vendor" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_CANDIDATES = (
    "/usr/bin/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)

# Schemes a page may load; anything else (http, https, ws, ...) is aborted.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

NO_BROWSER_MSG = "no Chromium found: apt-get install chromium"


def _executable(name: str) -> str | None:
    if os.sep in name:
        return name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    return shutil.which(name)


def find_chromium() -> str | None:
    """Return the path of a Chromium/Chrome executable, or None."""
    env = os.environ.get("CHROMIUM", "").strip()
    if env:
        found = _executable(env)
        if found:
            return found
    for cand in _CANDIDATES:
        found = _executable(cand)
        if found:
            return found
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _skip_or_fail(msg: str) -> None:
    import pytest

    if in_ci():
        pytest.fail(f"{msg} (CI is set: browser tests must not be skipped)", pytrace=False)
    pytest.skip(msg)


def require_browser() -> str:
    """Chromium path, else skip the test (fail it when $CI is set)."""
    path = find_chromium()
    if path is None:
        _skip_or_fail(NO_BROWSER_MSG)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _skip_or_fail("playwright is not installed: pip install -e '.[test]'")
    return path  # type: ignore[return-value]


# --------------------------------------------------------------------------
# the one shared browser

_lock = threading.Lock()
_state: dict[str, Any] = {}


def launch():
    """Return the session's shared playwright Browser (launch it if needed)."""
    unmarked = _state.get("unmarked_test")
    if unmarked:
        raise AssertionError(f"{unmarked} drives Chromium but is not marked: the conftest marks "
                             "tests that name the browser helpers; mark this one "
                             "@pytest.mark.browser so `-m 'not browser'` leaves it out")
    with _lock:
        browser = _state.get("browser")
        if browser is not None and browser.is_connected():
            if _state["thread"] != threading.get_ident():
                raise RuntimeError(
                    "harness.browser: the shared browser was started in another "
                    "thread; Playwright's sync API objects are thread-bound"
                )
            return browser
        path = require_browser()
        from playwright.sync_api import sync_playwright

        pw = _state.get("playwright")
        if pw is None:
            pw = sync_playwright().start()
            _state["playwright"] = pw
            _state["thread"] = threading.get_ident()
            atexit.register(shutdown)
        browser = pw.chromium.launch(
            executable_path=path, args=CHROMIUM_ARGS, headless=True
        )
        _state["browser"] = browser
        return browser


def shutdown() -> None:
    """Close the shared browser and Playwright (safe to call repeatedly)."""
    with _lock:
        browser = _state.pop("browser", None)
        pw = _state.pop("playwright", None)
        _state.pop("thread", None)
        _state.pop("mermaid_page", None)
    for closer in (getattr(browser, "close", None), getattr(pw, "stop", None)):
        if closer is not None:
            with contextlib.suppress(Exception):
                closer()


def _state_slot(key: str, default: Any = None) -> Any:
    """Per-browser-session storage for other harness modules (e.g. mermaid)."""
    return _state.get(key, default)


def _set_state_slot(key: str, value: Any) -> None:
    _state[key] = value


# --------------------------------------------------------------------------
# offline page loading


def to_url(url_or_path: str | os.PathLike) -> str:
    s = os.fspath(url_or_path)
    if ":" in s.split("/", 1)[0] and not os.path.exists(s):
        return s  # already a URL (file:, data:, ...)
    return Path(s).resolve().as_uri()


def block_network(context_or_page) -> list[str]:
    """Abort every non-local request on a BrowserContext or Page.

    Returns the (live) list that the blocked URLs are appended to.
    """
    blocked: list[str] = []

    def handler(route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context_or_page.route("**/*", handler)
    return blocked


@dataclass
class LoadedPage:
    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"pageerror: {m}" for m in self.page_errors]
            + [f"network blocked: {u}" for u in self.blocked]
        )

    def assert_clean(self) -> None:
        errs = self.errors
        assert not errs, f"{self.url}:\n  " + "\n  ".join(errs)


@contextlib.contextmanager
def open_page(
    url_or_path: str | os.PathLike,
    *,
    wait_until: str = "load",
    viewport: dict | None = None,
    browser=None,
) -> Iterator[LoadedPage]:
    """Open a local page offline and collect its console/page errors."""
    browser = browser or launch()
    url = to_url(url_or_path)
    kwargs = {"viewport": viewport} if viewport else {}
    context = browser.new_context(service_workers="block", **kwargs)
    try:
        loaded = LoadedPage(page=None, url=url)
        loaded.blocked = block_network(context)
        page = context.new_page()
        loaded.page = page
        page.on(
            "console",
            lambda msg: loaded.console_errors.append(msg.text)
            if msg.type == "error"
            else None,
        )
        page.on("pageerror", lambda exc: loaded.page_errors.append(str(exc)))
        page.goto(url, wait_until=wait_until)
        yield loaded
    finally:
        with contextlib.suppress(Exception):
            context.close()


def run_axe(page, options: dict | None = None) -> list[dict]:
    """Run the vendored axe-core on ``page``; return the violations list."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (opts) => await axe.run(document, opts || {})", options
    )
    return result["violations"]


# --------------------------------------------------------------------------
# pytest fixtures (opt-in: `from harness.browser import browser, page_opener`)

try:
    import pytest as _pytest
except ImportError:  # pragma: no cover - harness used outside pytest
    _pytest = None

if _pytest is not None:

    @_pytest.fixture(scope="session")
    def browser():
        return launch()

    @_pytest.fixture
    def page_opener():
        require_browser()
        return open_page

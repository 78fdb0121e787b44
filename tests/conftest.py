"""Shared fixtures. ``tests/`` is on sys.path so tests import ``harness`` helpers."""

from __future__ import annotations

import inspect
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

_DRIVES_BROWSER = re.compile(r"\b(open_page|require_browser|run_axe|launch|page_opener|parse_all|"
                             r"render_all|hb\.|hm\.|mermaid\.(parse|render))")


SLOW_MODULES = {
    "test_pages_fuzz",      # hypothesis over whole playbooks
    "test_packaging",       # builds a wheel and installs it in a fresh venv
    "test_serve",           # servers, watchers and child processes, waits for saves
    "test_incremental_first",
    "test_mkdocs_plugin",   # real MkDocs builds
}
"""Modules whose tests take seconds each, left out of the fast loop with the browser tests."""


def pytest_collection_modifyitems(items):
    """Mark the tests that drive Chromium ``browser`` and ``slow``: found by the harness
    helpers they call, themselves or through a helper of their module, and kept honest by
    the harness, which fails an unmarked test that starts the browser.
    ``python -m pytest -q -m "not slow"`` is the fast loop."""
    helpers_by_module: dict[str, set[str]] = {}
    for item in items:
        function = getattr(item, "function", None)
        if function is None:
            continue
        module = item.module
        if module.__name__ not in helpers_by_module:
            helpers_by_module[module.__name__] = _browser_helpers(module)
        if _drives_browser(_source(function), helpers_by_module[module.__name__]) \
                or {"page_opener", "browser"} & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") or item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def _source(function) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _drives_browser(source: str, helpers: set[str]) -> bool:
    if _DRIVES_BROWSER.search(source):
        return True
    return any(re.search(rf"\b{re.escape(name)}\(", source) for name in helpers)


def _browser_helpers(module) -> set[str]:
    """The module's own functions that reach the browser, directly or through each other."""
    sources = {name: _source(value) for name, value in vars(module).items()
               if inspect.isfunction(value) and value.__module__ == module.__name__
               and not name.startswith("test_")}
    found: set[str] = set()
    while True:
        more = {name for name, source in sources.items()
                if name not in found and _drives_browser(source, found)}
        if not more:
            return found
        found |= more


@pytest.fixture(autouse=True)
def browser_only_when_marked(request):
    from harness import browser

    marked = request.node.get_closest_marker("browser") is not None
    browser._state["unmarked_test"] = None if marked else request.node.nodeid
    yield
    browser._state["unmarked_test"] = None


@pytest.fixture(autouse=True)
def default_markdown_options():
    """Each test starts from the default Markdown options: a build sets them for
    its site (language, html opt-in) and they outlive it in the process."""
    from journeydocs.markdown import use_site_options

    use_site_options(html=False, internal_label="Internal")


MINIMAL_SITE = """\
title: Test playbook
stages:
  - {id: discover, name: Discover}
  - {id: buy, name: Buy}
channels:
  - {id: email, name: Email}
  - {id: web, name: Website}
teams:
  - {id: marketing, name: Marketing}
  - {id: data, name: Data}
"""

MINIMAL_PERSONA = """\
---
name: Maria Sousa
channels: [email]
---
Maria buys gifts.
"""

MINIMAL_JOURNEY = """\
---
title: Buy a gift
personas: [maria]
owner: marketing
touchpoints:
  - id: popup
    name: Sign-up pop-up
    stage: discover
    channel: web
    emotion: 4
  - id: email
    name: Welcome email
    stage: buy
    channel: email
---
## Discover
She browses.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path → text or bytes) below ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text,
                            encoding="utf-8")
    return root


def copy_sample(to: Path) -> Path:
    """A copy of the sample playbook (site.yml and content/) at ``to``, to edit."""
    root = Path(__file__).resolve().parent.parent
    to.mkdir()
    shutil.copy(root / "site.yml", to / "site.yml")
    shutil.copytree(root / "content", to / "content")
    return to


@pytest.fixture
def make_project(tmp_path):
    """Build a small project inline: the minimal valid playbook, overridden by ``files``."""

    def make(files: dict[str, str | bytes] | None = None, minimal: bool = True) -> Path:
        base = {"site.yml": MINIMAL_SITE, "content/personas/maria.md": MINIMAL_PERSONA,
                "content/journeys/gift.md": MINIMAL_JOURNEY} if minimal else {}
        base.update(files or {})
        project = tmp_path / "project"
        return write_tree(project, base)

    return make

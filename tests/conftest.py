"""Shared fixtures. ``tests/`` is on sys.path so tests import ``harness`` helpers."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

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

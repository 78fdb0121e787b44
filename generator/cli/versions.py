"""The versions that shape a site besides the playbook, for ``journeydocs --version``.

A bug report that carries them says which YAML reader, Markdown parser, template
engine and mermaid drew the pages.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

import yaml

from .. import __version__
from ..build import default_theme_dir
from ..load.frontmatter import SafeLoader

_LIBRARIES = ("PyYAML", "Jinja2", "markdown-it-py", "nh3", "click", "rich", "watchfiles")
_OPTIONAL = ("mermaidx", "mkdocs")


def report() -> list[str]:
    """One line per component: name, version and what matters about it."""
    lines = [f"journeydocs, version {__version__}",
             f"Python {platform.python_version()} ({platform.python_implementation()}, "
             f"{platform.system()} {platform.machine()})"]
    for name in _LIBRARIES:
        lines.append(f"{name} {_installed(name) or 'not installed'}{_note(name)}")
    for name in _OPTIONAL:
        lines.append(f"{name} {_installed(name) or 'not installed (optional)'}")
    lines.append(f"mermaid {mermaid_version()} (vendored in the theme)")
    return lines


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _note(name: str) -> str:
    if name != "PyYAML":
        return ""
    if getattr(yaml, "CSafeLoader", None) is SafeLoader:
        return f" (C loader, libyaml {yaml._yaml.get_version_string()})"
    return " (pure-Python loader: libyaml is not available)"


def mermaid_version() -> str:
    """The vendored mermaid's version, as its VERSION file records it (``mermaid@12.3.0``)."""
    path = default_theme_dir() / "assets" / "vendor" / "mermaid" / "VERSION"
    try:
        first = path.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return "unknown"
    return first.split("@", 1)[-1].strip()

"""Output never depends on how it was made: run, hash seed, worker count, nav shortcut."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeydocs.render import fastnav as render_fastnav
from journeydocs.build import load_playbook
from journeydocs.pages.tasks import render_site

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
TODAY = dt.date(2026, 11, 1)
PROJECTS = [ROOT, ROOT / "tests" / "fixtures" / "small", ROOT / "tests" / "fixtures" / "hostile"]


@pytest.mark.parametrize("nav_limit", [25, 2], ids=["full-sidebar", "pruned-sidebar"])
@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_spliced_sidebar_equals_the_plain_render(project, nav_limit, monkeypatch):
    playbook, problems = load_playbook(project)
    assert playbook is not None, [p.format() for p in problems.errors]
    playbook.config.nav_limit = nav_limit  # 2: pages of left-out journeys list themselves
    fast = render_site(playbook, THEME, today=TODAY)
    monkeypatch.setattr(render_fastnav, "ENABLED", False)
    plain = render_site(playbook, THEME, today=TODAY)
    assert [f.path for f in fast] == [f.path for f in plain]
    differing = [a.path for a, b in zip(fast, plain) if a.data != b.data]
    assert differing == []
    marked = [f for f in fast if f.path.endswith(".html") and b'aria-current="page"' in f.data]
    assert len(marked) > 3  # the shortcut still marks the current page


def test_splicer_falls_back_for_a_template_it_cannot_read():
    from jinja2 import DictLoader, Environment

    from journeydocs.render.site import Link, NavGroup, NavSection

    env = Environment(loader=DictLoader({"odd.html": (
        "{{ nav|length }}{% for s in nav %}<b>{{ s.title }}</b>{% for g in s.groups %}"
        "{% for i in g.items %}<a href='{{ i.href }}'>{{ i.text }}</a>{% endfor %}"
        "{% endfor %}{% endfor %}|{{ page.path }}")}), autoescape=True)
    nav = (NavSection("S", (NavGroup("", (Link("A", "a.html", "a.html"),)),)),)
    splicer = render_fastnav.NavSplicer(nav, {}, lambda path, parent="": nav, NavSection,
                                        NavGroup, Link)
    template = env.get_template("odd.html")
    for _ in range(2):
        html = splicer.render(template, {"page": {"path": "x.html", "parent": ""}})
        assert html == "1<b>S</b><a href='a.html'>A</a>|x.html"


def _build(out: Path, jobs: int, seed: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "JOURNEYDOCS_JOBS": str(jobs),
           "SOURCE_DATE_EPOCH": "1790000000"}
    subprocess.run([sys.executable, "-m", "journeydocs", "build", str(ROOT), "-o", str(out),
                    "-q"], env=env, check=True, capture_output=True, timeout=300)
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_across_runs_seeds_and_workers(tmp_path):
    serial = _build(tmp_path / "a", jobs=1, seed=1)
    again = _build(tmp_path / "b", jobs=1, seed=2)
    parallel = _build(tmp_path / "c", jobs=2, seed=3)
    assert len(serial) > 50
    assert again == serial
    assert parallel == serial

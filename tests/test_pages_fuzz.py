"""Fuzzing the checker and the build: whatever a playbook holds, the result is a
playbook or located problems — never an exception, never a hang — and a playbook
that passes the checker renders (every page and view) without raising.

``JOURNEYDOCS_FUZZ_SCALE`` multiplies the examples (like tests/test_pages_xss.py); e.g.
``JOURNEYDOCS_FUZZ_SCALE=20`` for a long run before a release.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINIMAL_JOURNEY, MINIMAL_PERSONA, MINIMAL_SITE, write_tree
from journeydocs.build import load_playbook
from journeydocs.pages.tasks import render_site
from journeydocs.load.validate import CONTENT_KEYS, JOURNEY_KEYS, OPPORTUNITY_KEYS, TOUCHPOINT_KEYS

THEME = Path(__file__).resolve().parent.parent / "theme"
KEYS = sorted(set(JOURNEY_KEYS + TOUCHPOINT_KEYS + CONTENT_KEYS + OPPORTUNITY_KEYS)
              | {"metric", "target", "title"})
SCALE = max(int(os.environ.get("JOURNEYDOCS_FUZZ_SCALE", "1") or 1), 1)
"""Multiplies the fuzz examples; e.g. 20 for a long run before a release."""
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.text(max_size=20), st.sampled_from(["maria", "discover", "buy", "email", "web",
                                           "marketing", "popup", "../x", "", " "]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=30,
)
FRONT_MATTER = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12)
RAW = st.text(alphabet=st.sampled_from(list("-:[]{}#&*!|>'\"%@` \n\tabc1\\,?")), max_size=200)


def check(files: dict[str, str | bytes]) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        base = {"site.yml": MINIMAL_SITE, "content/personas/maria.md": MINIMAL_PERSONA,
                "content/journeys/gift.md": MINIMAL_JOURNEY}
        base.update(files)
        write_tree(root, base)
        playbook, problems = load_playbook(root)
        assert (playbook is None) == bool(problems.errors)
        for problem in problems.items:
            assert problem.path and problem.line >= 0 and problem.message
            assert "Traceback" not in problem.format()
        if playbook is not None:
            built(playbook)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def built(playbook) -> None:
    """The checked playbook renders: every page, view and export, without raising."""
    files = render_site(playbook, THEME, today=dt.date(2026, 11, 23))
    paths = [f.path for f in files]
    assert "index.html" in paths and len(paths) == len(set(paths))
    for file in files:
        assert isinstance(file.data, bytes) and not file.path.startswith(("/", "..")), file.path


FAST = settings(max_examples=100 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(FRONT_MATTER)
def test_structured_front_matter(data):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nBody\n"
    check({"content/journeys/gift.md": text})


@FAST
@given(st.lists(FRONT_MATTER, min_size=1, max_size=3))
def test_touchpoint_lists(touchpoints):
    data = {"title": "T", "personas": ["maria"], "touchpoints": touchpoints}
    check({"content/journeys/gift.md": "---\n" + yaml.safe_dump(data) + "---\n"})


@FAST
@given(RAW, RAW)
def test_raw_text(front, body):
    check({"content/journeys/gift.md": "---\n" + front + "\n---\n" + body,
           "content/personas/raw.md": front})


@FAST
@given(st.binary(max_size=300))
def test_raw_bytes(data):
    check({"content/journeys/gift.md": data, "site.yml": MINIMAL_SITE.encode() + data})


# Playbooks that mostly pass the checker, so the build itself is fuzzed: known ids
# with random text, timings, emotions, content and opportunities.
TEXT = st.one_of(st.text(max_size=30), st.sampled_from([
    "<script>alert(1)</script>", "%%{init: {}}%%", "a; b: c", "07:30", "+24 h", "day 0, 12:30",
    "month 11", "D-1", "week 0", "+5 days into", "", " ", "é😀", "javascript:alert(1)"]))
NAME = TEXT.filter(lambda text: text.strip() != "")
CONTENT = st.fixed_dictionaries({"id": st.sampled_from(["c1", "c2", "c3"]), "title": NAME}, optional={
    "status": st.sampled_from(["planned", "draft", "live", "retired"]),
    "owner": st.sampled_from(["marketing", "data"]), "type": TEXT, "language": TEXT,
    "link": TEXT, "last_reviewed": st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))})
OPPORTUNITY = st.fixed_dictionaries({"title": NAME}, optional={
    "effort": st.integers(1, 5), "impact": st.integers(1, 5), "description": TEXT,
    "status": st.sampled_from(["idea", "planned", "in-progress", "done", "dropped"])})
TOUCHPOINT = st.fixed_dictionaries({
    "id": st.sampled_from(["a", "b", "c", "d"]), "name": NAME,
    "stage": st.sampled_from(["discover", "buy"]), "channel": st.sampled_from(["email", "web"]),
}, optional={
    "timing": TEXT, "emotion": st.integers(1, 5), "does": TEXT, "thinks": TEXT, "feels": TEXT,
    "owner": st.sampled_from(["marketing", "data"]), "pain_points": st.lists(TEXT, max_size=2),
    "systems": st.lists(TEXT, max_size=2), "data": st.lists(TEXT, max_size=2),
    "next": st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=2),
    "content": st.lists(CONTENT, max_size=2), "opportunities": st.lists(OPPORTUNITY, max_size=2)})
JOURNEY = st.fixed_dictionaries({
    "title": NAME, "personas": st.just(["maria"]),
    "touchpoints": st.lists(TOUCHPOINT, min_size=1, max_size=4, unique_by=lambda t: t["id"]),
}, optional={
    "summary": TEXT, "owner": st.sampled_from(["marketing", "data"]),
    "status": st.sampled_from(["draft", "review", "published", "retired"]),
    "type": st.sampled_from(["current-state", "future-state", "day-in-the-life", "service-blueprint"]),
    "future_of": st.just("gift"), "goal": TEXT,
    "raci": st.fixed_dictionaries({}, optional={
        r: st.lists(st.sampled_from(["marketing", "data"]), max_size=2, unique=True)
        for r in ("responsible", "accountable", "consulted", "informed")})})


@settings(max_examples=80 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JOURNEY, TEXT)
def test_checked_playbooks_build(journey, body):
    ids = {tp["id"] for tp in journey["touchpoints"]}
    for tp in journey["touchpoints"]:  # ids unique and references resolvable: it checks
        for i, item in enumerate(tp.get("content", ())):
            item["id"] = f"{tp['id']}-{i}"
        if "next" in tp:
            tp["next"] = [n for n in dict.fromkeys(tp["next"]) if n in ids and n != tp["id"]]
    text = "---\n" + yaml.safe_dump(journey, allow_unicode=True) + "---\n## Buy\n" + body + "\n"
    check({"content/journeys/other.md": text})


def test_scale_multiplies_the_examples():
    assert FAST.max_examples == 100 * SCALE
    assert test_checked_playbooks_build.hypothesis.inner_test is not None
    assert test_checked_playbooks_build._hypothesis_internal_use_settings.max_examples == 80 * SCALE

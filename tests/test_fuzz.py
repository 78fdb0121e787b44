"""Fuzzing the checker: whatever a playbook holds, the result is a playbook or
located problems — never an exception, never a hang."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINIMAL_JOURNEY, MINIMAL_PERSONA, MINIMAL_SITE, write_tree
from journeydocs.build import load_playbook
from journeydocs.validate import CONTENT_KEYS, JOURNEY_KEYS, TOUCHPOINT_KEYS

KEYS = sorted(set(JOURNEY_KEYS + TOUCHPOINT_KEYS + CONTENT_KEYS) | {"metric", "target", "title"})
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
    finally:
        shutil.rmtree(root, ignore_errors=True)


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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

"""The checker: every rule reported as path:line, all at once, sorted, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeydocs.build import load_playbook

INVALID = Path(__file__).parent / "invalid"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "journeydocs", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_broken_playbook_reports_exact_list():
    """Every fault of tests/invalid/playbook, in file/line order, in one run.

    After an intended change of wording, regenerate with
    ``journeydocs check tests/invalid/playbook 2> tests/invalid/playbook.expected``.
    """
    result = run_cli("check", str(INVALID / "playbook"))
    expected = (INVALID / "playbook.expected").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected.splitlines()


def test_expected_list_is_sorted_and_located():
    lines = (INVALID / "playbook.expected").read_text(encoding="utf-8").splitlines()
    located = [line for line in lines[:-1]]
    keys = []
    for line in located:
        path, number, _ = line.split(":", 2)
        keys.append((path, int(number)))
    assert keys == sorted(keys)
    assert lines[-1].endswith("in 13 files.")


def test_build_of_broken_playbook_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", str(INVALID / "playbook"), "-o", str(out))
    assert result.returncode == 1
    assert "Nothing was written." in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("text, expected", [
    ("personas: [maria]\n", "content/journeys/gift.md:2: the journey has no 'title'"),
    ("title: T\npersonas: [mria]\ntouchpoints: [{id: a, name: A, stage: buy, channel: email}]\n",
     "content/journeys/gift.md:3: unknown persona 'mria' (did you mean 'maria'?)"),
    ("title: T\npersonas: [maria]\ntouchpoints:\n  - {id: a, name: A, stage: pay, channel: email}\n",
     "content/journeys/gift.md:5: unknown stage 'pay' in this journey (known stages: discover, buy)"),
    ("title: T\npersonas: [maria]\ntouchpoints:\n  - {id: a, name: A, stage: buy, channel: email,"
     " next: [b]}\n", "content/journeys/gift.md:5: unknown touchpoint 'b' in this journey"),
    ("title: T\npersonas: [maria]\nstatus: live\ntouchpoints:\n  - {id: a, name: A, stage: buy, channel: email}\n",
     "content/journeys/gift.md:4: 'status' must be one of draft, review, published, retired; not 'live'"),
    ("title: T\npersonas: [maria]\nfuture_of: gift-old\ntouchpoints:\n  - {id: a, name: A, stage: buy, channel: email}\n",
     "content/journeys/gift.md:4: unknown journey 'gift-old'"),
    ("title: T\npersonas: [maria]\nraci: {accountable: [sales]}\ntouchpoints:\n  - {id: a, name: A, stage: buy, channel: email}\n",
     "content/journeys/gift.md:4: unknown team 'sales' (known teams: marketing, data)"),
    ("title: T\r\npersonas: [maria]\r\ntitle: again\r\n",
     "content/journeys/gift.md:4: duplicate key 'title' (it is already set on line 2)"),
])
def test_single_fault_is_located(make_project, text, expected):
    project = make_project({"content/journeys/gift.md": f"---\n{text}---\n"})
    _, problems = load_playbook(project)
    messages = [p.format() for p in problems.items]
    assert any(message.startswith(expected) for message in messages), messages


def test_defaults_filled_in(make_project):
    playbook, problems = load_playbook(make_project())
    assert not problems.errors
    journey = playbook.journeys["gift"]
    assert [s.id for s in journey.stages] == ["discover", "buy"]
    assert [tp.persona for tp in journey.touchpoints] == ["maria", "maria"]
    assert journey.successors(0) == ["email"] and journey.successors(1) == []
    assert journey.type == "current-state" and journey.status == "draft"


def test_journey_stage_override(make_project):
    text = ("---\ntitle: T\npersonas: maria\nstages: [Browse, Rebuy]\ntouchpoints:\n"
            "  - {id: a, name: A, stage: rebuy, channel: email}\n---\n")
    playbook, problems = load_playbook(make_project({"content/journeys/gift.md": text}))
    assert not problems.errors, problems.errors
    assert [s.name for s in playbook.journeys["gift"].stages] == ["Browse", "Rebuy"]
    assert playbook.journeys["gift"].personas == ["maria"]


def test_unsafe_link_is_dropped_with_warning(make_project):
    text = ("---\ntitle: T\npersonas: [maria]\ntouchpoints:\n"
            "  - id: a\n    name: A\n    stage: buy\n    channel: email\n    content:\n"
            "      - {id: c, title: C, link: ' JavaScript:alert(1)'}\n---\n")
    playbook, problems = load_playbook(make_project({"content/journeys/gift.md": text}))
    assert playbook.journeys["gift"].touchpoints[0].content[0].link == ""
    assert [p.line for p in problems.warnings if "link" in p.message] == [10]


def test_sample_playbook_has_no_problems():
    playbook, problems = load_playbook(Path(__file__).parent.parent)
    assert not problems.errors, [p.format() for p in problems.errors]
    assert len(playbook.personas) >= 3 and len(playbook.journeys) >= 4


def test_unreadable_persona_is_one_error_not_two(tmp_path):
    """A YAML error in a persona file is reported there, without a follow-on
    "unknown persona" in every journey that names them."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "content", tmp_path / "content")
    shutil.copy(root / "site.yml", tmp_path / "site.yml")
    persona = tmp_path / "content" / "personas" / "freja.md"
    persona.write_text(persona.read_text(encoding="utf-8").replace(
        "name: Freja Nielsen", "name: [Freja Nielsen", 1), encoding="utf-8")
    _, problems = load_playbook(tmp_path)
    assert [p.path for p in problems.errors] == ["content/personas/freja.md"]
    # a persona that does not exist at all is still reported where it is named
    journey = tmp_path / "content" / "journeys" / "velkommen-tilbage.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace("freja", "frejaa"),
                       encoding="utf-8")
    _, problems = load_playbook(tmp_path)
    assert any("unknown persona 'frejaa'" in p.message for p in problems.errors)

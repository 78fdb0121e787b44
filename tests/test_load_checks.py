"""Warning codes, ``checks:`` (site.yml and per journey), ``--list-checks`` and
``--strict`` after ``checks:`` (content model version 2)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from conftest import MINIMAL_JOURNEY, MINIMAL_SITE
from journeydocs.build import load_playbook
from journeydocs.load.checks import CHECKS
from journeydocs.cli import main

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
CONTENT_MODEL_CODES = {
    "journey-no-goal", "journey-no-owner", "journey-no-accountable",
    "journey-owner-not-accountable", "journey-review-due", "touchpoint-no-content",
    "touchpoint-persona-not-in-journey", "content-no-owner", "content-stale", "persona-unused",
    "message-load", "link-invalid", "unknown-field", "unknown-check"}


def codes(problems) -> list[str]:
    return sorted({p.code for p in problems.items})


def test_the_content_models_codes_are_all_there():
    assert CONTENT_MODEL_CODES <= set(CHECKS)


def test_every_warning_has_a_code(make_project):
    """The minimal playbook plus faults for each kind of warning: none without a code."""
    journey = MINIMAL_JOURNEY.replace("owner: marketing\n", "colour: red\nlast_reviewed: 2001-01-01\n")
    journey = journey.replace("    emotion: 4\n", "    emotion: 4\n    persona: sam\n    mood: x\n")
    project = make_project({"site.yml": MINIMAL_SITE + "checks: {nope: off}\n",
                            "content/journeys/gift.md": journey,
                            "content/personas/sam.md": "---\nname: Sam\n---\n",
                            "content/personas/lone.md": "---\nname: Lone\nhobby: chess\n---\n"})
    _, problems = load_playbook(project)
    assert not problems.errors
    assert all(p.code in CHECKS for p in problems.warnings), [p.format() for p in problems.warnings]
    assert {"unknown-field", "unknown-check", "journey-review-due", "persona-unused",
            "touchpoint-persona-not-in-journey", "journey-no-owner"} <= set(codes(problems))
    line = next(p.format() for p in problems.warnings if p.code == "unknown-field" and "mood" in p.message)
    assert line == ("content/journeys/gift.md:13: warning: unknown field 'mood' in a touchpoint "
                    "(declare it under lanes: in site.yml) [unknown-field]")


def test_every_warn_call_names_a_code():
    """No warning is made without a code: every warn( call in the package passes one."""
    for path in GENERATOR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\b(?:problems|fields|self|options|entry|sub)\.warn\(", text):
            call = text[match.start():match.start() + 400].split("\n\n")[0]
            assert re.search(r'"(?:' + "|".join(CHECKS) + r')"', call) or "*problem" in call \
                or "code" in call, f"{path.name}: {call[:120]}"


def test_checks_off_warning_error(make_project):
    site = MINIMAL_SITE + ("checks:\n  journey-no-goal: off\n  touchpoint-no-content: error\n"
                           "  journey-no-accountable: warning\n")
    playbook, problems = load_playbook(make_project({"site.yml": site}))
    assert playbook is None  # an error made by checks: stops the build
    assert "journey-no-goal" not in codes(problems)
    assert {p.code for p in problems.errors} == {"touchpoint-no-content"}
    assert problems.errors[0].format().endswith("[touchpoint-no-content]")
    assert "warning:" not in problems.errors[0].format()
    assert "journey-no-accountable" in {p.code for p in problems.warnings}


def test_off_is_yaml_false_and_a_journey_overrides_the_site(make_project):
    site = MINIMAL_SITE + "checks: {touchpoint-no-content: error, journey-no-goal: false}\n"
    journey = MINIMAL_JOURNEY.replace("owner: marketing\n",
                                      "owner: marketing\nchecks: {touchpoint-no-content: off}\n")
    playbook, problems = load_playbook(make_project({"site.yml": site,
                                                     "content/journeys/gift.md": journey}))
    assert playbook is not None
    assert not {"touchpoint-no-content", "journey-no-goal"} & set(codes(problems))


def test_unknown_and_wrong_checks(make_project):
    site = MINIMAL_SITE + "checks:\n  content-stael: off\n  content-stale: loud\n"
    _, problems = load_playbook(make_project({"site.yml": site}))
    lines = [p.format() for p in problems.items if p.path == "site.yml"]
    assert lines == [
        "site.yml:12: warning: 'content-stael' in checks: is not a check "
        "(did you mean 'content-stale'?) [unknown-check]",
        "site.yml:13: 'content-stale' in checks: must be off, warning or error, not 'loud' "
        "(off drops the warning, error makes it stop the build)"]


def test_list_checks_lists_every_code():
    result = CliRunner().invoke(main, ["check", "--list-checks"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == list(CHECKS)
    assert all(len(line.split(None, 1)) == 2 for line in result.output.splitlines())


def test_strict_fails_only_on_what_checks_leaves_a_warning(make_project):
    quiet = ("checks:\n  journey-no-goal: off\n  journey-no-accountable: off\n"
             "  touchpoint-no-content: off\n")
    project = make_project({"site.yml": MINIMAL_SITE + quiet})
    result = CliRunner().invoke(main, ["check", "--strict", str(project)])
    assert result.exit_code == 0, result.output
    noisy = make_project({"site.yml": MINIMAL_SITE + quiet.replace("  touchpoint-no-content: off\n", "")})
    result = CliRunner().invoke(main, ["check", "--strict", str(noisy)])
    assert result.exit_code == 1
    assert "[touchpoint-no-content]" in result.output


def test_a_playbook_without_stages_channels_emotions_checks_clean(make_project, tmp_path):
    """The issue's "done when": no emotions, timings, channels or owners, checks: set for
    it — clean with --strict, and no placeholder on any page."""
    site = ("title: Life events\nchecks:\n  journey-no-goal: off\n  journey-no-owner: off\n"
            "  journey-no-accountable: off\n  touchpoint-no-content: off\n")
    journey = ("---\ntitle: Moving house\npersonas: [maria]\ntouchpoints:\n"
               "  - {id: decide, name: Decides to move}\n"
               "  - {id: register, name: Registers the address, by: backstage}\n---\n")
    project = make_project({"site.yml": site, "content/journeys/gift.md": journey,
                            "content/personas/maria.md": "---\nname: Maria\n---\n"})
    result = CliRunner().invoke(main, ["check", "--strict", str(project)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["build", "--strict", str(project), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    for placeholder in ("?/5", "(?)", "No timing", "no timing"):
        assert placeholder not in pages
    assert not (tmp_path / "site" / "channels" / ".html").exists()

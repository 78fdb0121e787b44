"""`journeydocs init` and `journeydocs new`: files that check and build at once, never
an overwrite, one-line refusals, and CLI manners (--quiet, --verbose, NO_COLOR, --help)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
import yaml
from click.testing import CliRunner

from journeydocs.build import load_playbook
from journeydocs.cli import main
from journeydocs.model import UI_LANGUAGES
from journeydocs.scaffold.starter import init_files, starter

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def invoke(*args: str, env: dict | None = None, color: bool = False):
    return CliRunner().invoke(main, list(args), env=env or {"NO_COLOR": ""}, color=color)


def problems_of(project: Path) -> list[str]:
    _, problems = load_playbook(project)
    return [p.format() for p in problems.items]


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_init_checks_clean_in_every_language(tmp_path, language):
    project = tmp_path / language
    result = invoke("init", str(project), "--language", language)
    assert result.exit_code == 0, result.output
    assert problems_of(project) == []  # not even a warning
    config = yaml.safe_load((project / "site.yml").read_text(encoding="utf-8"))
    assert config["language"] == language
    playbook, _ = load_playbook(project)
    assert len(playbook.personas) == 1 and len(playbook.journeys) == 1
    (journey,) = playbook.journeys.values()
    assert len(journey.touchpoints) == 3
    assert (project / "README.md").read_text(encoding="utf-8").startswith(f"# {config['title']}")


def test_vocabularies_are_translated():
    english = starter("en")
    for language in UI_LANGUAGES:
        data = starter(language)
        for key in ("stages", "channels", "teams"):
            assert len(data[key]) >= 3, (language, key)
        if language == "en":
            continue
        for key in ("stages",):
            names = {item["name"] for item in data[key]}
            assert not names & {item["name"] for item in english[key]}, (language, names)
        assert data["journey"]["title"] != english["journey"]["title"]
    assert [s["name"] for s in starter("sv")["stages"]][:3] == ["Upptäcka", "Överväga", "Köpa"]
    assert "Relații cu clienții" in {t["name"] for t in starter("ro")["teams"]}


def test_every_written_yaml_file_names_its_schema(tmp_path):
    files = init_files("pt")
    for relative in ("site.yml", "content/personas/ana.md", "content/journeys/primeira-compra.md"):
        match = MODELINE.search(files[relative])
        assert match, relative
        target = (tmp_path / relative).parent / match.group(1)
        assert f"schemas/{target.name}" in files, target  # the modeline points at a file init writes
    kinds = {MODELINE.search(files[r]).group(1).rsplit("/", 1)[-1]
             for r in ("site.yml", "content/personas/ana.md", "content/journeys/primeira-compra.md")}
    assert kinds == {"site.schema.json", "persona.schema.json", "journey.schema.json"}


def test_init_then_build(tmp_path):
    project = tmp_path / "pb"
    assert invoke("init", str(project), "--language", "sv").exit_code == 0
    result = invoke("build", str(project))
    assert result.exit_code == 0, result.output
    html = (project / "site" / "journeys" / "forsta-kopet.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "Orderbekräftelse" in html and "Upptäcka" in html


def test_init_refuses_to_overwrite_anything(tmp_path):
    project = tmp_path / "pb"
    (project / "content" / "journeys").mkdir(parents=True)
    (project / "content" / "journeys" / "first-purchase.md").write_text("mine", encoding="utf-8")
    result = invoke("init", str(project))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "first-purchase.md" in lines[0]
    assert "already exists" in lines[0]
    assert not (project / "site.yml").exists()  # nothing else was written either
    assert (project / "content" / "journeys" / "first-purchase.md").read_text() == "mine"
    # a second init into a finished playbook is refused the same way
    other = tmp_path / "other"
    assert invoke("init", str(other)).exit_code == 0
    before = (other / "site.yml").read_bytes()
    again = invoke("init", str(other), "--language", "da")
    assert again.exit_code == 2 and re.search(r"site.yml already exists and \d+ more;", again.output)
    assert (other / "site.yml").read_bytes() == before


def test_new_persona_and_journey(tmp_path):
    project = tmp_path / "pb"
    invoke("init", str(project))
    result = invoke("new", "persona", "sam", "-C", str(project))
    assert result.exit_code == 0, result.output
    result = invoke("new", "journey", "onboarding", "--persona", "sam", "--type", "future-state",
                    "-C", str(project))
    assert result.exit_code == 0, result.output
    journey = (project / "content" / "journeys" / "onboarding.md").read_text(encoding="utf-8")
    assert "type: future-state" in journey and "# future_of:" in journey
    assert MODELINE.search(journey).group(1) == "../../schemas/journey.schema.json"
    assert problems_of(project) == []
    # the editors' lists of ids now know the new persona and journey
    schema = (project / "schemas" / "journey.schema.json").read_text(encoding="utf-8")
    assert '"sam"' in schema and '"onboarding"' in schema
    assert invoke("build", str(project)).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["new", "journey", "Bad_Id", "-p", "alex"], "'Bad_Id' is not a valid journey id"),
    (["new", "journey", "trip", "-p", "alx"], "unknown persona 'alx' (did you mean 'alex'?"),
    (["new", "journey", "first-purchase", "-p", "alex"], "journey with id 'first-purchase' already exists"),
    (["new", "persona", "alex"], "persona with id 'alex' already exists"),
    (["new", "persona", "x y"], "not a valid persona id"),
])
def test_new_refusals_are_one_line(tmp_path, args, message):
    project = tmp_path / "pb"
    invoke("init", str(project))
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = invoke(*args, "-C", str(project))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and message in result.output, result.output
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_new_outside_a_playbook_is_a_usage_error(tmp_path):
    result = invoke("new", "persona", "sam", "-C", str(tmp_path))
    assert result.exit_code == 2 and "no site.yml" in result.output


def test_new_journey_follows_content_dir(tmp_path):
    project = tmp_path / "pb"
    invoke("init", str(project))
    site = project / "site.yml"
    site.write_text(site.read_text().replace("content_dir: content", "content_dir: docs/playbook"))
    (project / "content").rename(project / "docs-tmp")
    (project / "docs").mkdir()
    (project / "docs-tmp").rename(project / "docs" / "playbook")
    assert invoke("new", "journey", "trip", "-p", "alex", "-C", str(project)).exit_code == 0
    text = (project / "docs" / "playbook" / "journeys" / "trip.md").read_text()
    assert MODELINE.search(text).group(1) == "../../../schemas/journey.schema.json"
    assert problems_of(project) == []


def test_quiet_verbose_and_no_color(tmp_path):
    loud = invoke("init", str(tmp_path / "a"), "--verbose")
    assert "wrote" in loud.output and loud.output.count("\n") >= 10
    assert invoke("--quiet", "init", str(tmp_path / "b")).output == ""
    assert invoke("init", str(tmp_path / "c"), "-q").output == ""
    coloured = invoke("init", str(tmp_path / "d"), color=True)
    assert "\x1b[" in coloured.output
    plain = invoke("init", str(tmp_path / "e"), color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.output and "Created" in plain.output


def all_commands() -> list[list[str]]:
    """Every command path of the CLI, groups' subcommands included."""
    import click

    found: list[list[str]] = [[]]
    for name, command in sorted(main.commands.items()):
        found.append([name])
        if isinstance(command, click.Group):
            found += [[name, sub] for sub in sorted(command.commands)]
    return found


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "journeydocs")
def test_help_has_examples(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output, f"journeydocs {' '.join(command)} --help has no example"
    if not command or command[0] in ("init", "new", "schema"):
        assert "Exit codes: 0" in result.output


def test_shell_completion(tmp_path):
    import os
    import shutil
    import subprocess

    exe = shutil.which("journeydocs")
    assert exe
    env = dict(os.environ, _JOURNEYDOCS_COMPLETE="bash_source")
    script = subprocess.run([exe], env=env, capture_output=True, text=True, timeout=60)
    assert "_journeydocs_completion()" in script.stdout and "complete " in script.stdout
    invoke("init", str(tmp_path))
    env = dict(os.environ, _JOURNEYDOCS_COMPLETE="bash_complete",
               COMP_WORDS="journeydocs new journey trip --persona ", COMP_CWORD="5")
    personas = subprocess.run([exe], env=env, cwd=tmp_path, capture_output=True, text=True,
                              timeout=60)
    assert personas.stdout.split() == ["plain,alex"]


@given(st.text(max_size=40) | st.integers() | st.booleans())
@settings(max_examples=300, deadline=None)
def test_yaml_scalar_round_trips(value):
    from journeydocs.scaffold.starter import yaml_scalar

    nested = f"a:\n  - k: {yaml_scalar(value)}  # comment\n    f: [{yaml_scalar(value, flow=True)}]\n"
    data = yaml.safe_load(nested)
    assert data["a"][0]["k"] == value and data["a"][0]["f"] == [value]


@pytest.mark.parametrize("language", ["en", "sv", "da", "pt", "ro"])
def test_new_writes_placeholders_in_the_playbook_language(tmp_path, language):
    from journeydocs.scaffold.starter import placeholders

    project = tmp_path / "pb"
    assert invoke("init", str(project), "--language", language).exit_code == 0
    assert invoke("new", "persona", "sam", "-C", str(project)).exit_code == 0
    result = invoke("new", "journey", "trip", "-p", "sam", "-C", str(project))
    assert result.exit_code == 0, result.output
    journey = (project / "content" / "journeys" / "trip.md").read_text(encoding="utf-8")
    persona = (project / "content" / "personas" / "sam.md").read_text(encoding="utf-8")
    words = placeholders(language)
    for text in (words["journey"]["metric"], words["journey"]["steps"][0]["name"],
                 words["journey"]["does"], words["journey"]["pillars"]["audience"]):
        assert text in journey, (language, text)
    assert words["persona"]["role"] in persona and words["persona"]["goals"][0] in persona
    if language != "en":
        assert "First step" not in journey and "What you measure" not in journey
        assert "What they want to achieve" not in persona
    assert problems_of(project) == []


def test_every_language_has_the_same_placeholders():
    from journeydocs.scaffold.starter import placeholders

    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__

    english = shape(placeholders("en"))
    for language in ("sv", "da", "pt", "ro"):
        assert shape(placeholders(language)) == english, language


def test_init_writes_vscode_settings_tasks_and_recommendation(tmp_path):
    import json
    import re

    from journeydocs.scaffold.starter import VSCODE_PROBLEM_PATTERN

    project = tmp_path / "pb"
    assert invoke("init", str(project)).exit_code == 0
    vscode = project / ".vscode"
    settings = json.loads((vscode / "settings.json").read_text(encoding="utf-8"))
    schema, globs = next(iter(settings["yaml.schemas"].items()))
    assert globs == ["site.yml"] and (project / schema).is_file()
    assert json.loads((vscode / "extensions.json").read_text(encoding="utf-8")) == {
        "recommendations": ["redhat.vscode-yaml"]}
    task = json.loads((vscode / "tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    assert task["command"] == "journeydocs check"
    assert task["problemMatcher"]["pattern"]["regexp"] == VSCODE_PROBLEM_PATTERN
    # the matcher reads what `check` prints: warnings, errors, not the summary lines
    pattern = re.compile(VSCODE_PROBLEM_PATTERN)
    (project / "content" / "personas" / "lonely.md").write_text("---\nname: Lonely\n---\n",
                                                                 encoding="utf-8")
    warned = invoke("check", str(project)).output.splitlines()
    found = [m.groups() for m in map(pattern.match, warned) if m]
    assert [(f, kind) for f, _line, kind, _msg in found] == [
        ("content/personas/lonely.md", "warning")], warned
    journey = project / "content" / "journeys" / "first-purchase.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace(
        "stage: discover", "stage: discovr", 1), encoding="utf-8")
    result = invoke("check", str(project))
    assert result.exit_code == 1
    found = [m.groups() for m in map(pattern.match, result.output.splitlines()) if m]
    assert any(f == "content/journeys/first-purchase.md" and kind is None and "discovr" in msg
               for f, _line, kind, msg in found), result.output
    assert len(found) == len([line for line in result.output.splitlines() if ".md:" in line])
    # an existing .vscode/settings.json is never overwritten: init refuses
    other = tmp_path / "other"
    (other / ".vscode").mkdir(parents=True)
    (other / ".vscode" / "settings.json").write_text("{}", encoding="utf-8")
    assert invoke("init", str(other)).exit_code == 2
    assert (other / ".vscode" / "settings.json").read_text(encoding="utf-8") == "{}"

"""The command line, run as a user runs it: through a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import journeydocs

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "journeydocs", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def test_version_carries_what_shapes_the_output():
    import platform
    from importlib import metadata

    import yaml

    result = run("--version")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"journeydocs, version {journeydocs.__version__}"
    assert lines[1].startswith(f"Python {platform.python_version()} ")
    by_name = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in lines[2:]}
    for library in ("Jinja2", "markdown-it-py", "click", "rich", "nh3"):
        assert by_name[library] == metadata.version(library)
    loader = "C loader, libyaml " if yaml.__with_libyaml__ else "pure-Python loader"
    assert by_name["PyYAML"].startswith(f"{metadata.version('PyYAML')} ({loader}")
    vendored = (REPO / "theme/assets/vendor/mermaid/VERSION").read_text().split()[0].split("@")[1]
    assert by_name["mermaid"] == f"{vendored} (vendored in the theme)"
    assert run("-V").stdout == result.stdout


def test_console_script_is_installed():
    exe = shutil.which("journeydocs")
    assert exe, "pip install -e . should put `journeydocs` on PATH"
    result = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout and "check" in result.stdout


def test_missing_project_is_a_usage_error(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: no site.yml in")
    assert "Traceback" not in result.stderr


def test_check_sample_is_clean():
    result = run("check", str(REPO))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_build_sample_into_folder(tmp_path):
    out = tmp_path / "out"
    result = run("build", str(REPO), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Built ") and " pages " in lines[0]
    assert (out / "index.html").is_file() and (out / "404.html").is_file()
    assert (out / "assets" / "vendor" / "mermaid" / "mermaid.min.js").is_file()


def test_build_default_output_from_cwd(make_project):
    project = make_project()
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "journeys" / "gift.html").is_file()
    assert "into site/" in result.stdout


def test_refuses_foreign_output_folder(make_project):
    project = make_project({"docs/keep.txt": "precious"})
    result = run("build", str(project), "-o", str(project / "docs"))
    assert result.returncode == 2
    assert "did not create" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (project / "docs" / "keep.txt").read_text() == "precious"


def test_failed_build_keeps_previous_site(make_project):
    project = make_project()
    assert run("build", str(project)).returncode == 0
    before = (project / "site" / "journeys" / "gift.html").read_bytes()
    (project / "content" / "journeys" / "gift.md").write_text("---\ntitle: [\n---\n")
    result = run("build", str(project))
    assert result.returncode == 1
    assert "content/journeys/gift.md:3: YAML syntax error" in result.stderr
    assert (project / "site" / "journeys" / "gift.html").read_bytes() == before


def test_strict_fails_on_warnings(make_project):
    project = make_project({"site.yml": (REPO / "tests" / "conftest.py").read_text()
                            .split('MINIMAL_SITE = """\\\n')[1].split('"""')[0] + "colour: red\n"})
    assert run("check", str(project)).returncode == 0
    result = run("check", str(project), "--strict")
    assert result.returncode == 1
    assert "site.yml:11: warning: unknown field 'colour'" in result.stderr


def test_unknown_audience_is_one_line_and_writes_nothing(tmp_path):
    """Like export's bad input: one line, exit 2, before anything is read or written
    (not click's three-line usage text)."""
    out = tmp_path / "out"
    for args, expected in (
            (("--audience", "bogus"), "error: unknown audience 'bogus' — choose internal or external"),
            (("--strict", "--audience", "externl"),
             "error: unknown audience 'externl' — choose internal or external "
             "(did you mean 'external'?)")):
        result = run("build", str(REPO), "-o", str(out), *args)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [expected]
        assert result.stdout == ""
        assert not out.exists()


def test_audience_values_are_in_help_and_completion():
    assert "--audience [internal|external]" in run("build", "--help").stdout
    env = dict(os.environ, _JOURNEYDOCS_COMPLETE="bash_complete",
               COMP_WORDS="journeydocs build --audience ex", COMP_CWORD="3")
    result = subprocess.run([shutil.which("journeydocs") or "journeydocs"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert "external" in result.stdout and "internal" not in result.stdout


def test_quiet_and_verbose_on_every_subcommand():
    """-q/--quiet and -v/--verbose are accepted after every command (and before it)."""
    from click.testing import CliRunner

    from journeydocs.cli import main

    def walk(group, prefix=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))
            else:
                yield (*prefix, name), command

    commands = dict(walk(main))
    assert {("build",), ("check",), ("serve",), ("export",), ("init",), ("new", "journey"),
            ("new", "persona"), ("schema",)} <= set(commands)
    for path, command in commands.items():
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= options, path
        help_text = CliRunner().invoke(main, [*path, "--help"]).output
        assert "--quiet" in help_text and "--verbose" in help_text, path


def test_check_quiet_verbose_and_counted_nouns(make_project):
    project = make_project()
    quiet = run("check", str(project), "-q")
    assert quiet.returncode == 0 and quiet.stdout == "", quiet.stderr
    assert run("-q", "check", str(project)).stdout == ""
    plain = run("check", str(project))
    # the minimal playbook has one journey and one persona: singular nouns
    assert plain.stdout.startswith("OK: 1 journey, 1 persona, "), plain.stdout
    loud = run("check", str(project), "--verbose")
    assert loud.stdout.startswith(plain.stdout.strip()) and "  gift: " in loud.stdout
    assert run("check", str(project), "-v", "-q").stdout == ""  # quiet wins


def test_build_summary_counts_nouns_and_verbose_says_more(make_project, tmp_path):
    project = make_project()
    result = run("build", str(project), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert " (1 journey, " in line and ", 1 persona) " in line, line
    assert " 1 journeys" not in line and " 1 personas" not in line
    loud = run("build", str(project), "-o", str(tmp_path / "out2"), "-v")
    assert len(loud.stdout.strip().splitlines()) == 2 and "reused from the build cache" in loud.stdout
    assert run("build", str(project), "-o", str(tmp_path / "out3"), "-q").stdout == ""


def test_count():
    from journeydocs.cli.common import count

    assert [count(n, "journey") for n in (0, 1, 2)] == ["0 journeys", "1 journey", "2 journeys"]
    assert count(1, "person", "people") == "1 person" and count(3, "person", "people") == "3 people"


TEARDOWN_PROBE = """
import atexit, sys
atexit.register(lambda: print("teardown ran"))
sys.argv = ["journeydocs", *sys.argv[1:]]
from journeydocs.cli import app as cli
real_pad = cli._pad_heap
cli._pad_heap = lambda: (print("heap padded"), real_pad())
cli.run()
"""


@pytest.mark.parametrize("args, teardown", [
    (("check", str(SAMPLE)), False),
    (("build", str(SAMPLE), "-o", "{out}"), False),
    (("schema", "--help"), True),
])
def test_build_and_check_end_without_teardown(tmp_path, args, teardown):
    """build and check end the process at once (output flushed, exit code kept); other
    commands, which may leave threads or temporary folders to clean up, do not."""
    args = [arg.format(out=tmp_path / "site") for arg in args]
    result = subprocess.run([sys.executable, "-c", TEARDOWN_PROBE, *args], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert ("teardown ran" in result.stdout) is teardown
    assert ("heap padded" in result.stdout) is not teardown
    assert result.stdout.strip()  # the summary line, or the help text, was flushed


def test_a_command_run_in_a_test_process_leaves_its_heap_alone(monkeypatch):
    """Only :func:`run` owns its process: a build through click's runner (tests, an
    embedding app) does not change the C heap's settings."""
    from click.testing import CliRunner

    from journeydocs.cli import app as cli

    padded = []
    monkeypatch.setattr(cli, "_pad_heap", lambda: padded.append(1))
    result = CliRunner().invoke(cli.main, ["check", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert padded == []


def test_quick_exit_keeps_the_exit_code_and_every_error(make_project):
    project = make_project({"content/journeys/broken.md": "---\nid: [\n---\n"})
    result = subprocess.run([sys.executable, "-c", TEARDOWN_PROBE, "build", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "broken.md:" in result.stderr and result.stderr.rstrip().endswith("Nothing was written.")

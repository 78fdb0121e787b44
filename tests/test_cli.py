"""The command line, run as a user runs it: through a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import journeydocs

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "journeydocs", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"journeydocs, version {journeydocs.__version__}"


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

"""Packaging: complete metadata, a wheel built from the checkout that holds everything the
package reads at run time, and that wheel installed in a fresh venv outside the repo
building a playbook — from the command line and as a MkDocs plugin.

The venv has no access to this checkout's packages: journeydocs comes from the wheel,
its dependencies from the package index (pip works offline from the registry here).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def test_metadata_is_complete():
    for key in ("name", "description", "readme", "license", "requires-python", "authors",
                "keywords", "classifiers", "urls", "dependencies"):
        assert PROJECT.get(key), key
    assert (REPO / PROJECT["readme"]).is_file()
    for name in PROJECT["license-files"]:
        assert (REPO / name).is_file()
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(PROJECT["urls"])
    classifiers = set(PROJECT["classifiers"])
    assert "Framework :: MkDocs" in classifiers and "Environment :: Console" in classifiers
    assert PROJECT["scripts"]["journeydocs"] == "journeydocs.cli:run"
    plugin = PROJECT["entry-points"]["mkdocs.plugins"]["journeydocs"]
    assert plugin == "journeydocs.mkdocs_plugin.plugin:JourneydocsPlugin"
    assert any(dep.startswith("mkdocs") for dep in PROJECT["optional-dependencies"]["mkdocs"])
    test_extra = " ".join(PROJECT["optional-dependencies"]["test"])
    assert "mkdocs-material" in test_extra and "jsonschema" in test_extra


def test_every_subpackage_is_packaged():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    generator = REPO / "generator"
    found = {"journeydocs." + p.parent.relative_to(generator).as_posix().replace("/", ".")
             for p in generator.rglob("__init__.py") if p.parent != generator}
    found |= {"journeydocs", "journeydocs.theme"}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q",
                             "-w", str(out)], cwd=REPO, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("journeydocs-*.whl")
    return built


def test_wheel_holds_what_the_package_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("journeydocs/theme/templates/journey.html",
                   "journeydocs/theme/assets/vendor/mermaid/mermaid.min.js",
                   "journeydocs/scaffold/templates/site.yml.j2",
                   "journeydocs/scaffold/templates/ro.yml",
                   "journeydocs/scaffold/schemas/journey.schema.json",
                   "journeydocs/mkdocs_plugin/templates/base.html",
                   "journeydocs/mkdocs_plugin/assets/journeydocs-mkdocs.css",
                   "journeydocs/mkdocs_plugin/plugin.py"):
        assert needed in names, needed
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(info).decode()
    assert "[mkdocs.plugins]" in entry_points
    metadata = zipfile.ZipFile(wheel).read(info.replace("entry_points.txt", "METADATA")).decode()
    assert "Provides-Extra: mkdocs" in metadata and "Project-URL: Source" in metadata


def test_wheel_holds_every_tracked_file_of_the_package(wheel):
    """Each file git tracks under generator/ and theme/ (templates of every stage —
    sharing's _evidence.html, whats_new.html, export.html —, assets, data) is in the
    wheel, so a new folder without a package-data rule cannot slip through."""
    listed = subprocess.run(["git", "ls-files", "-z", "generator", "theme"], cwd=REPO,
                            capture_output=True, text=True)
    if listed.returncode != 0 or not listed.stdout:
        pytest.skip("not a git checkout")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"journeydocs/" + path.split("/", 1)[1] if path.startswith("generator/")
                else "journeydocs/" + path for path in listed.stdout.split("\0") if path}
    assert sorted(expected - names) == []


def test_wheel_installs_and_builds_outside_the_repo(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_COLOR"] = "1"
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", f"{wheel}[mkdocs]"],
                             capture_output=True, text=True, env=env, timeout=600)
    assert install.returncode == 0, install.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str, cwd: Path = work) -> subprocess.CompletedProcess:
        return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                              env=env, timeout=300)

    where = run(bin_dir / "python", "-c", "import journeydocs; print(journeydocs.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout
    assert run(bin_dir / "journeydocs", "init", "pb", "--language", "ro").returncode == 0
    built = run(bin_dir / "journeydocs", "build", "pb")
    assert built.returncode == 0, built.stderr
    assert (work / "pb" / "site" / "journeys" / "prima-comanda.html").is_file()
    assert (work / "pb" / "site" / "assets" / "vendor" / "mermaid" / "mermaid.min.js").is_file()

    # the same playbook in a MkDocs site, found through the wheel's entry point
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text("# Docs\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text("site_name: Docs\nplugins:\n  - journeydocs:\n"
                                     "      playbook: pb\n", encoding="utf-8")
    mkdocs = run(bin_dir / "mkdocs", "build", "--strict")
    assert mkdocs.returncode == 0, mkdocs.stderr
    assert (work / "site" / "playbook" / "journeys" / "prima-comanda.html").is_file()


def _yaml_blocks(path: Path) -> list[str]:
    import re

    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def test_documented_pipelines_parse_and_their_commands_work(tmp_path, monkeypatch):
    import shlex

    import yaml
    from click.testing import CliRunner

    from journeydocs.cli import main
    from journeydocs.scaffold.starter import init_files, write_new_files

    commands = set()
    for doc in ("publishing.md", "mkdocs-plugin.md", "editor-validation.md"):
        for block in _yaml_blocks(REPO / "docs" / doc):
            data = yaml.safe_load(block)
            if doc != "publishing.md" or not isinstance(data, dict):
                continue
            text = yaml.safe_dump(data)
            commands |= {line.split("journeydocs ", 1)[1].strip().strip("'\"")
                         for line in text.splitlines() if line.strip(" -").startswith(
                             ("journeydocs ", "run: journeydocs "))}
    assert {"build --strict -o public", "check --strict"} <= commands
    write_new_files(tmp_path, init_files("da"))
    monkeypatch.chdir(tmp_path)  # as in CI: the playbook is the checkout
    for command in sorted(commands):
        result = CliRunner().invoke(main, shlex.split(command))
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "public" / "index.html").is_file()


def test_min_constraints_pin_every_floor():
    """`.ci/run`'s second run installs with tests/constraints-min.txt: every floor of
    pyproject.toml pinned exactly, so a floor raised in one place only fails here."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    pins = {}
    for line in (REPO / "tests" / "constraints-min.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = Version(spec.version)
    floors = {}
    extras = PROJECT["optional-dependencies"]
    for line in [*PROJECT["dependencies"], *(dep for deps in extras.values() for dep in deps)]:
        requirement = Requirement(line)
        (spec,) = [spec for spec in requirement.specifier if spec.operator == ">="]
        floors.setdefault(canonicalize_name(requirement.name), set()).add(Version(spec.version))
    assert all(len(versions) == 1 for versions in floors.values()), floors
    assert pins == {name: versions.pop() for name, versions in floors.items()}

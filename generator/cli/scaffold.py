"""Commands of the scaffold stage, registered on `journeydocs.cli.main`:
``init``, ``new journey``, ``new persona`` and ``schema``.

Every failure is a one-line message and exit code 2 (wrong usage): these commands
never overwrite a file.
"""

from __future__ import annotations

from pathlib import Path

import click

from .common import output_options as _output_options, run_safely, say as _say
from ..load.config import CONFIG_FILE
from ..model import JOURNEY_TYPES, UI_LANGUAGES

EPILOG = "Exit codes: 0 done, 1 the playbook has errors, 2 wrong usage (nothing written)."


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("debug"))


def _run(ctx: click.Context, action) -> None:

    run_safely(_debug(ctx), action)


def _persona_ids(ctx: click.Context, param: click.Parameter, incomplete: str):
    """Shell completion for --persona: the personas of the project in -C (or .)."""
    from ..scaffold.starter import open_project  # why: Jinja loads only here

    try:
        project = open_project(Path(ctx.params.get("project") or "."))
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [pid for pid in project.vocabulary.personas if pid.startswith(incomplete)]


@click.command("init", epilog=EPILOG)
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-l", "--language", type=click.Choice(UI_LANGUAGES), default="en", show_default=True,
              help="Language of the site and of the starter vocabularies, persona and journey.")
@_output_options
@click.pass_context
def init(ctx: click.Context, directory: Path, language: str) -> None:
    """Start a playbook in DIRECTORY (default: the current folder).

    Writes site.yml (stages, channels and teams in LANGUAGE), one persona, one journey
    with three touchpoints, a README for the playbook's authors, and JSON Schemas for
    editors. Refuses to overwrite any file.

    \b
    Examples:
      journeydocs init my-playbook
      journeydocs init my-playbook --language sv
      cd my-playbook && journeydocs build
    """
    from ..scaffold.starter import init_files, write_new_files  # why: Jinja loads only here

    def action() -> None:
        written = write_new_files(directory, init_files(language))
        for path in written:
            _say(ctx, f"  wrote {path}", verbose_only=True)
        where = "" if directory == Path(".") else f"cd {directory} && "
        _say(ctx, click.style("Created", fg="green") + f" a playbook with {len(written)} files "
                  f"in {directory}/. Next: {where}journeydocs build")

    _run(ctx, action)


@click.group("new", epilog=EPILOG)
@_output_options
def new() -> None:
    """Add a journey or a persona from a commented template.

    \b
    Examples:
      journeydocs new persona maria
      journeydocs new journey gift-purchase --persona maria
      journeydocs new journey gift-purchase-next --persona maria --type future-state
    """


def _project_option(func):
    return click.option("-C", "--project", default=".", show_default=True,
                        type=click.Path(file_okay=False, path_type=Path),
                        help="The playbook folder (the one with site.yml).")(func)


def _write_one(ctx: click.Context, project, relative: str, text: str) -> None:
    from ..scaffold.starter import SCHEMA_DIR, write_new_files  # why: Jinja loads only here

    write_new_files(project.root, {relative: text})
    _say(ctx, click.style("Created", fg="green") + f" {project.root / relative}")
    if (project.root / SCHEMA_DIR).is_dir():  # keep the editors' id lists current
        _write_schemas(ctx, project.root, project.root / SCHEMA_DIR)


@new.command("journey", epilog=EPILOG)
@click.argument("journey_id", metavar="ID")
@click.option("-p", "--persona", required=True, shell_complete=_persona_ids,
              help="The main persona (an existing persona id).")
@click.option("-t", "--type", "journey_type", type=click.Choice(JOURNEY_TYPES),
              default="current-state", show_default=True, help="The kind of journey map.")
@_project_option
@_output_options
@click.pass_context
def new_journey(ctx: click.Context, journey_id: str, persona: str, journey_type: str,
                project: Path) -> None:
    """Write content/journeys/ID.md: a journey of PERSONA with two touchpoints to fill in.

    \b
    Examples:
      journeydocs new journey gift-purchase --persona maria
      journeydocs new journey gift-purchase-next -p maria --type future-state
      journeydocs new journey onboarding -p sam -C my-playbook
    """
    from ..scaffold.starter import new_journey as make, open_project  # why: Jinja loads only here

    def action() -> None:
        opened = open_project(project)
        _write_one(ctx, opened, *make(opened, journey_id, persona, journey_type))

    _run(ctx, action)


@new.command("persona", epilog=EPILOG)
@click.argument("persona_id", metavar="ID")
@_project_option
@_output_options
@click.pass_context
def new_persona(ctx: click.Context, persona_id: str, project: Path) -> None:
    """Write content/personas/ID.md: a persona to fill in.

    \b
    Examples:
      journeydocs new persona maria
      journeydocs new persona small-business-owner -C my-playbook
    """
    from ..scaffold.starter import new_persona as make, open_project  # why: Jinja loads only here

    def action() -> None:
        opened = open_project(project)
        _write_one(ctx, opened, *make(opened, persona_id))

    _run(ctx, action)


@click.command("schema", epilog=EPILOG)
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the schemas to (default: PROJECT/schemas).")
@click.option("--generic", is_flag=True,
              help="Ignore PROJECT's vocabularies: ids are checked as slugs only.")
@_output_options
@click.pass_context
def schema(ctx: click.Context, project: Path, output: Path | None, generic: bool) -> None:
    """Write JSON Schemas for site.yml, personas, journeys and pages (and playbook.json).

    With a site.yml in PROJECT, its stage, channel and team ids and the playbook's
    persona and journey ids become the allowed values, so editors underline a wrong
    id. Run it again after changing site.yml. Files are replaced (they are generated).

    \b
    Examples:
      journeydocs schema                   # ./schemas, from ./site.yml
      journeydocs schema my-playbook -o my-playbook/.vscode/schemas
      journeydocs schema --generic -o /tmp/schemas
    """
    def action() -> None:
        use_project = not generic and (project / CONFIG_FILE).is_file()
        _write_schemas(ctx, project if use_project else None,
                       output or project / "schemas")

    _run(ctx, action)


def _write_schemas(ctx: click.Context, project: Path | None, folder: Path) -> None:
    from ..scaffold.starter import open_project  # why: Jinja loads only here
    from ..scaffold.schema import schema_files, write_schemas  # why: as above

    vocabulary = open_project(project).vocabulary if project is not None else None
    files = schema_files(vocabulary)
    for path in write_schemas(folder, files):
        _say(ctx, f"  wrote {path}", verbose_only=True)
    what = "with this playbook's ids" if vocabulary else "generic (ids as slugs)"
    _say(ctx, f"Wrote {len(files)} schemas into {folder}/ ({what}).")


COMMANDS: list[click.Command] = [init, new, schema]

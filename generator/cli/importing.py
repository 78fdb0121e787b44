"""The ``journeydocs import`` command (registered on ``journeydocs.cli.main``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build import load_playbook
from ..importers.run import ImportFailed, import_source
from .common import EXIT_CONTENT, count, output_options, report, run_safely, say


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="The playbook to write into: a folder with site.yml (added to) or a new one.")
@click.option("--journey", help="The id of the imported journey (one journey per source).")
@click.option("--persona", help="The persona of the journeys (made when it does not exist).")
@click.option("--columns", type=click.Path(dir_okay=False, path_type=Path),
              help="A YAML map of headers to fields ('Kundens mål: description').")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@output_options
@click.pass_context
def import_command(ctx: click.Context, source: Path, out: Path, journey: str | None,
                   persona: str | None, columns: Path | None, force: bool) -> None:
    """Import journeys from SOURCE: a spreadsheet (.csv, .xlsx), a playbook.json,
    or Markdown with mermaid journey blocks (a file or a folder).

    Headers are matched by name in English, Swedish, Danish, Portuguese and
    Romanian (Stage/Fase/Etapă, Step/Steg/Trin/Passo/Pas, Doing, Thinking,
    Feeling, Score, Pain points, Opportunities, Channel, Owner …); a column that
    matches nothing becomes a custom lane. Nothing is overwritten without --force.

    \b
    Examples:
      journeydocs import journey.xlsx -o my-playbook
      journeydocs import kundresa.csv --journey onboarding --persona sam
      journeydocs import site/exports/playbook.json -o copy
      journeydocs import docs/ -o my-playbook          (mermaid journey blocks)
    """
    def action() -> None:
        try:
            result = import_source(source, out, journey=journey, persona=persona,
                                   columns=columns, force=force)
        except ImportFailed as exc:
            for note in exc.notes:
                click.echo(note.format(), err=True)
            click.echo("Nothing was written.", err=True)
            sys.exit(EXIT_CONTENT)
        draft = result.draft
        for note in draft.notes:
            click.echo(note.format(), err=True)
        touchpoints = sum(len(j.front.get("touchpoints", [])) for j in draft.journeys)
        new_personas = [p for p, f in draft.personas.items() if f.get("_new")]
        say(ctx, f"Imported {count(len(draft.journeys), 'journey')} "
                 f"({count(touchpoints, 'touchpoint')}) and "
                 f"{count(len(new_personas), 'new persona')} into {out}/.")
        for j in draft.journeys:
            say(ctx, f"  journey {j.id}: {count(len(j.front.get('touchpoints', [])), 'touchpoint')}")
        if new_personas:
            say(ctx, f"  personas: {', '.join(new_personas)}")
        for kind, vocab in draft.vocabs.items():
            if vocab.added and not (result.new_playbook and draft.site is not None):
                say(ctx, f"  new {kind}: " + ", ".join(f"{t['id']} ({t['name']})"
                                                       for t in vocab.added))
        if draft.lanes_added:
            say(ctx, "  lanes: " + ", ".join(f"{lane['id']} ({lane['kind']})"
                                             for lane in draft.lanes_added))
        if draft.pages:
            say(ctx, f"  {count(len(draft.pages), 'page')}")
        if not result.comments_kept:
            say(ctx, "  site.yml was written again from its data: its comments were not kept")
        for rel in result.written:
            say(ctx, f"  wrote {rel}", verbose_only=True)
        playbook, problems = load_playbook(out)
        if problems.errors:
            report(problems.errors)
            click.echo("The files were written; fix these (journeydocs check).", err=True)
            sys.exit(EXIT_CONTENT)
        if problems.warnings:
            say(ctx, f"journeydocs check: no errors, {count(len(problems.warnings), 'warning')}.")
        else:
            say(ctx, "journeydocs check: no problems.")

    run_safely(ctx.obj["debug"], action)


COMMANDS: list[click.Command] = [import_command]

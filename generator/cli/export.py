"""Commands of the share stage, registered on `journeydocs.cli.main`."""

from __future__ import annotations

from pathlib import Path

import click

from .common import output_options, run_safely, say

from ..share.audience import AUDIENCES
from ..share.export import FORMATS
from ..importers.sheet_export import SHEET_FORMATS, export_sheet


@click.command()
@click.argument("journey")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (default: JOURNEY.html or JOURNEY.pdf here).")
# audience and format are checked by the export itself, so a wrong value is one line
@click.option("--audience", default="internal", show_default=True,
              metavar=f"[{'|'.join(AUDIENCES)}]", shell_complete=lambda ctx, param, incomplete: [
                  a for a in AUDIENCES if a.startswith(incomplete)],
              help="external leaves out everything marked internal.")
@click.option("--format", "fmt", default="html", show_default=True,
              metavar=f"[{'|'.join(FORMATS + SHEET_FORMATS)}]",
              shell_complete=lambda ctx, param, incomplete: [
                  f for f in FORMATS + SHEET_FORMATS if f.startswith(incomplete)],
              help="pdf prints the file with headless Chromium; csv and xlsx write the "
                   "spreadsheet layout journeydocs import reads.")
@output_options
@click.pass_context
def export(ctx: click.Context, journey: str, project: Path, output: Path | None, audience: str,
           fmt: str) -> None:
    """Export one JOURNEY of the playbook in PROJECT as a single file.

    The HTML file holds its styles and diagrams (no network needed): send it by
    mail, open it by double-click, print it. Nothing is written on any error.

    \b
    Examples:
      journeydocs export gift-purchase -o gift-purchase.html --audience external
      journeydocs export gift-purchase -o gift-purchase.pdf --format pdf
      journeydocs export gift-purchase --format xlsx     (back in with journeydocs import)
    """
    from ..share.export import default_output, export_journey  # why: the render stage loads only to export

    def action() -> None:
        target = output or default_output(journey, fmt)
        if fmt in SHEET_FORMATS:
            written = export_sheet(project, journey, target, audience=audience, fmt=fmt)
        else:
            written = export_journey(project, journey, target, audience=audience, fmt=fmt)
        size = written.stat().st_size
        say(ctx, f"Exported journey '{journey}' ({audience}) to {written} "
                 f"({size / 1024:,.0f} KB).")

    run_safely(ctx.obj["debug"], action)


COMMANDS: list[click.Command] = [export]

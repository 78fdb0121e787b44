"""Commands of the serve stage, registered on `journeydocs.cli.main`."""

from __future__ import annotations

from pathlib import Path

import click

from .common import is_quiet, output_options, run_safely

QUIET_DROPS = ("Rebuilt ", "Stopped.")
"""Lines --quiet leaves out: a rebuild that worked, the goodbye. The address and errors stay."""


@click.command()
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 shares the preview on your network).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@output_options
@click.pass_context
def serve(ctx: click.Context, project: Path, port: int, host: str, open_browser: bool) -> None:
    """Preview PROJECT's site and rebuild it on every save.

    Open tabs reload by themselves; a broken edit shows its path:line errors here and
    over the page while the last good build stays served. Ctrl-C stops.

    \b
    Example:
      journeydocs serve my-playbook --open
    """
    from ..serve.preview import serve as run  # why: watchfiles and the render stage load only to serve

    quiet = is_quiet(ctx)

    def echo(text: str) -> None:
        if not (quiet and text.startswith(QUIET_DROPS)):
            click.echo(text, err=False)

    run_safely(ctx.obj["debug"], lambda: run(project, host, port, open_browser, echo))


COMMANDS: list[click.Command] = [serve]

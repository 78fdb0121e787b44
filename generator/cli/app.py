"""The command line: ``journeydocs build``, ``check``.

Exit codes: 0 success, 1 the playbook has errors (or warnings with --strict),
2 wrong usage. Users never see a traceback unless they pass --debug.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..build import build as build_site, load_playbook
from ..errors import ContentErrors
from ..load.checks import list_checks as list_checks_text
from ..load.parallel import load_jobs
from ..pages.cache import CACHE_DIR
from ..share.audience import check_audience
from .common import EXIT_CONTENT, count, is_quiet, output_options, report, run_safely, say
from .export import COMMANDS as share
from .importing import COMMANDS as importers
from .progress import progress_bar
from .scaffold import COMMANDS as scaffold
from .serve import COMMANDS as serve
from .versions import report as versions_report

_SKIP_TEARDOWN: list[bool] = []
"""Set by the commands after which :func:`run` may end the process without teardown."""
_OWN_PROCESS: list[bool] = []
"""Set by :func:`run`: the command has this process to itself (not a test's runner)."""


def _project_arg(func):
    return click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))(func)


def one_shot() -> None:
    """Tune this process for one build or check, when it is the command's own.

    :func:`run` then ends it without teardown, and the C heap keeps 64 MB of what is
    freed instead of giving it back to the system to fault it in again: a build makes
    and frees a page's worth of strings for every page (46,000 page faults at 100
    journeys, 29,000 with this; ~60 ms less system time). Only for commands that leave
    nothing behind for the interpreter to finish: no threads, temporary folders or
    atexit handlers.
    """
    _SKIP_TEARDOWN.append(True)
    if _OWN_PROCESS:
        _pad_heap()


def _pad_heap(megabytes: int = 64) -> None:
    try:
        import ctypes  # why: only a build or check in its own process tunes malloc

        ctypes.CDLL(None).mallopt(-2, megabytes << 20)  # M_TOP_PAD, glibc's malloc.h
    except (OSError, AttributeError):  # not glibc: its allocator's own defaults
        pass


def run() -> None:
    """The ``journeydocs`` command: :func:`main` in a process of its own.

    After ``build`` and ``check`` the process ends without the interpreter's teardown:
    freeing a loaded playbook object by object took 70–130 ms at 100 journeys (~6% of
    the build) for memory the system takes back anyway. Output is flushed first.
    See :func:`one_shot`.
    """
    _OWN_PROCESS.append(True)
    try:
        main()
    except SystemExit as exc:
        if not _SKIP_TEARDOWN:
            raise
        _exit_now(exc.code)


def _exit_now(code: object) -> None:
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = EXIT_CONTENT
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can reach it
            pass
    os._exit(code)


def _print_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo("\n".join(versions_report()))
    ctx.exit()


MAIN_EPILOG = """\b
Exit codes: 0 success, 1 the playbook has errors (or warnings with --strict),
2 wrong usage, 3 internal error. NO_COLOR=1 turns colour off.
Shell completion (bash; also zsh_source, fish_source):
  eval "$(_JOURNEYDOCS_COMPLETE=bash_source journeydocs)"
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=MAIN_EPILOG)
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_versions,
              help="Show the version, and those of the libraries that shape the output.")
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more (e.g. every file written).")
@click.pass_context
def main(ctx: click.Context, debug: bool, quiet: bool = False, verbose: bool = False) -> None:
    """journeydocs — customer-journey playbooks as a browsable, offline website.

    \b
    Examples:
      journeydocs init my-playbook      start a playbook (then: cd my-playbook)
      journeydocs build                 build ./site.yml + ./content into ./site
      journeydocs build my-playbook -o public
      journeydocs check my-playbook     report every problem as path:line
    """
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        ctx.color = False
    obj = ctx.ensure_object(dict)
    obj["debug"] = debug
    obj["quiet"] = quiet or obj.get("quiet", False)
    obj["verbose"] = (verbose or obj.get("verbose", False)) and not obj["quiet"]


@main.command()
@_project_arg
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output_dir in site.yml, 'site').")
@output_options
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
# checked in the action, so a wrong value is one line like export's (not click's usage text)
@click.option("--audience", default="internal", show_default=True, metavar="[internal|external]",
              shell_complete=lambda ctx, param, incomplete: [
                  a for a in ("internal", "external") if a.startswith(incomplete)],
              help="external leaves out everything marked internal.")
@click.option("--cache", "use_cache", is_flag=True,
              help="Keep a build cache in PROJECT/.journeydocs-cache and copy unchanged "
                   "pages from it (output identical to a clean build).")
@click.pass_context
def build(ctx: click.Context, project: Path, output: Path | None, strict: bool,
          audience: str, use_cache: bool) -> None:
    """Check the playbook in PROJECT and build its site.

    Nothing is written when the playbook has errors; the previous site stays as it was.

    \b
    Example:
      journeydocs build . -o site
    """
    quiet = is_quiet(ctx)
    one_shot()

    def action() -> None:
        check_audience(audience)  # before reading anything: a typo costs no build
        if strict:
            _, problems = load_playbook(project)
            if problems.items:
                raise ContentErrors(problems.errors + problems.warnings)

        cache_dir = None
        if use_cache:
            cache_dir = project / CACHE_DIR
        with progress_bar(enabled=not quiet) as progress:  # a bar only on a terminal, > 1 s
            result = build_site(project, output, audience=audience, progress=progress,
                                cache_dir=cache_dir)
        if result.warnings and not quiet:
            report(result.warnings)
        if not quiet:
            pb = result.playbook
            touchpoints = sum(len(j.touchpoints) for j in pb.journeys.values())
            try:
                shown = result.output.relative_to(Path.cwd())
            except ValueError:
                shown = result.output
            say(ctx, f"Built {count(result.pages, 'page')} ({count(len(pb.journeys), 'journey')}, "
                     f"{count(touchpoints, 'touchpoint')}, {count(len(pb.personas), 'persona')}) "
                     f"into {shown}/ in {result.seconds:.2f} s.")
            say(ctx, f"  {count(result.files, 'file')}, {result.reused} reused from "
                     "the build cache.", verbose_only=True)

    run_safely(ctx.obj["debug"], action)


@main.command()
@_project_arg
@click.option("--strict", is_flag=True,
              help="Exit non-zero on warnings too (what is still a warning after checks:).")
@click.option("--list-checks", is_flag=True,
              help="List every warning code (for checks: in site.yml) and exit.")
@output_options
@click.pass_context
def check(ctx: click.Context, project: Path, strict: bool, list_checks: bool = False) -> None:
    """Check the playbook in PROJECT and report every problem as path:line.

    Each warning ends with its code, e.g. [content-stale]; checks: in site.yml (or in a
    journey) sets a code to off, warning or error.

    \b
    Example:
      journeydocs check my-playbook --strict
      journeydocs check --list-checks
    """
    if list_checks:
        click.echo(list_checks_text(), nl=False)
        return
    one_shot()

    def action() -> None:
        playbook, problems = load_playbook(project, jobs=load_jobs())
        if problems.errors or (strict and problems.items):
            raise ContentErrors(problems.errors + problems.warnings)
        if not is_quiet(ctx):
            report(problems.warnings)
        pb = playbook
        touchpoints = sum(len(j.touchpoints) for j in pb.journeys.values())
        say(ctx, f"OK: {count(len(pb.journeys), 'journey')}, {count(len(pb.personas), 'persona')}, "
                 f"{count(touchpoints, 'touchpoint')}.")
        for journey in sorted(pb.journeys.values(), key=lambda j: j.id):
            say(ctx, f"  {journey.id}: {count(len(journey.touchpoints), 'touchpoint')}",
                verbose_only=True)

    def checked() -> None:
        try:
            action()
        except ContentErrors as exc:
            report(exc.problems)
            sys.exit(EXIT_CONTENT)

    run_safely(ctx.obj["debug"], checked)


def _register_commands() -> None:
    """Commands that live beside their own stage (serve, scaffolding, sharing)."""
    for command in (*serve, *scaffold, *share, *importers):
        main.add_command(command)


_register_commands()

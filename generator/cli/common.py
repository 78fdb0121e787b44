"""What every command shares: exit codes, :func:`run_safely`, -q/--quiet and
-v/--verbose, and counted nouns.

Imported by :mod:`~journeydocs.cli.app` and the stage modules (``scaffold``, ``serve``,
``export``) alike, so none of them imports another's module.
"""

from __future__ import annotations

import sys
import traceback

import click

from ..errors import ContentErrors, Problem, UsageError

EXIT_CONTENT = 1
EXIT_USAGE = 2


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 journey"``, ``"3 journeys"`` (terminal output is English only)."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def say(ctx: click.Context, message: str, verbose_only: bool = False) -> None:
    """Print to stdout unless --quiet; ``verbose_only`` lines need --verbose."""
    obj = ctx.find_root().obj or {}
    if obj.get("quiet") or (verbose_only and not obj.get("verbose")):
        return
    click.echo(message)


def is_quiet(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet"))


def is_verbose(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("verbose"))


def output_options(func):
    """``-q/--quiet`` and ``-v/--verbose`` on a subcommand (``journeydocs check . -q``),
    merged with the same options before the command (``journeydocs -q check .``);
    quiet wins over verbose wherever either was given."""
    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
        if value:
            obj = ctx.find_root().ensure_object(dict)
            obj[param.name] = True
            if obj.get("quiet"):
                obj["verbose"] = False
        return value

    func = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=remember,
                        is_eager=True, help="Say more (e.g. every file written).")(func)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=remember,
                        is_eager=True, help="Print nothing but errors.")(func)


def report(problems: list[Problem]) -> None:
    """Print problems, errors first, each as ``path:line: message (hint)``, then a count."""
    errors = [p for p in problems if p.severity.value == "error"]
    warnings = [p for p in problems if p.severity.value == "warning"]
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.severity.value, p.message)):
        click.echo(problem.format(), err=True)
    files = len({p.path for p in problems})
    parts = []
    if errors:
        parts.append(count(len(errors), "error"))
    if warnings:
        parts.append(count(len(warnings), "warning"))
    if parts:
        click.echo(f"{' and '.join(parts)} in {count(files, 'file')}.", err=True)


def run_safely(debug: bool, action) -> None:
    """Run ``action``; turn every failure into a one-line message and an exit code."""
    try:
        action()
    except ContentErrors as exc:
        report(exc.problems)
        click.echo("Nothing was written.", err=True)
        sys.exit(EXIT_CONTENT)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("interrupted; the previous site is unchanged.", err=True)
        sys.exit(130)
    except Exception as exc:  # the promise: no traceback without --debug
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"internal error: {type(exc).__name__}: {exc} "
                       "(rerun with --debug for details, and please report it)", err=True)
        sys.exit(EXIT_CONTENT + 2)

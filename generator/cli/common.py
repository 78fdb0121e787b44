"""What every command shares: -q/--quiet and -v/--verbose, and counted nouns.

Imported by ``cli`` and the stage modules (``cli_scaffold``, ``cli_serve``,
``cli_share``) alike, so none of them imports another's module at load time.
"""

from __future__ import annotations

import click


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

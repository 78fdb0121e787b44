"""Commands of the serve stage, registered on `journeydocs.cli.main`."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []

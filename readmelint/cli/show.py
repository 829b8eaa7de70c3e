"""`show`: what a config reads of each file, one line per entry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import PATHS, overrides_from, with_common
from readmelint.cli.walk import Task, Walk
from readmelint.errors import EXIT_CLEAN

if TYPE_CHECKING:
    from readmelint.config import Config
    from readmelint.runner import ConfigResolver, Outcome
    from readmelint.source import Source


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@with_common
def show(
    paths: tuple[str, ...],
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Show what the config reads of PATHS (default: README.md): one line per entry.

    Each entry's line, layout, title and the fields read; between them, what
    looks like a paper but is not read; then a count. For data, use export.
    """
    overrides = overrides_from(config_path, schema_path)
    walk = Walk(paths, overrides, jobs=1, quiet=False, stdin_filename=stdin_filename)
    for outcome in walk.run(Task(_show_path, _show_source)):
        walk.clear()
        for line in outcome.value or ():
            click.echo(line, nl=False)
    if walk.status != EXIT_CLEAN:
        sys.exit(walk.status)


def _show_source(source: Source, config: Config, name: str) -> list[str]:
    from readmelint.show import show_source

    return show_source(source.text, config.settings, name)


def _show_path(raw: str, resolver: ConfigResolver) -> Outcome[list[str]]:
    from readmelint.files import read_file
    from readmelint.runner import attempt

    def work() -> list[str]:
        file = Path(raw)
        return _show_source(read_file(file).source, resolver.for_path(file), raw)

    return attempt(raw, work)

"""`show`: what a config reads of each file, one line per entry."""

from __future__ import annotations

from pathlib import Path

import click

from readmelint.cli.shared import (
    STDIN,
    fail,
    overrides_from,
    resolved,
    stdin_source,
    with_common,
)
from readmelint.errors import EXIT_CLEAN


@click.command()
@click.argument("paths", nargs=-1)
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
    import sys

    from readmelint.files import read_file
    from readmelint.runner import attempt
    from readmelint.show import show_source

    overrides = overrides_from(config_path, schema_path)
    resolver, files, worst = resolved(paths, overrides, quiet=False)
    for raw in files:

        def work(raw: str = raw) -> list[str]:
            if raw == STDIN:
                source, name, where = stdin_source(stdin_filename)
            else:
                source, name, where = read_file(Path(raw)).source, raw, Path(raw)
            return show_source(source.text, resolver.for_path(where).settings, name)

        outcome = attempt(raw, work)
        if outcome.error is not None:
            fail(outcome.error)
            worst = max(worst, outcome.status)
            continue
        for line in outcome.value or ():
            click.echo(line, nl=False)
    if worst != EXIT_CLEAN:
        sys.exit(worst)

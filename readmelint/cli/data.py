"""`export` and `stats`: the list as data."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import (
    PATHS,
    fail,
    guarded,
    or_exit,
    overrides_from,
    with_common,
    with_run_options,
)
from readmelint.cli.walk import Task, Walk
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT

if TYPE_CHECKING:
    from readmelint.records import Columns, Record


# The names of readmelint.export.FORMATS and readmelint.stats.FORMATS, spelt here so
# that `check` never imports either (a test holds them equal).
EXPORT_FORMATS = ("json", "jsonl", "csv", "bibtex")
STATS_FORMATS = ("text", "markdown", "json")


def _records(
    paths: Sequence[str],
    jobs: int,
    quiet: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> tuple[list[Record], Columns, int]:
    """Every entry of every file as a record, the fields their schemas name, and how many
    files were read; on any error, its line on stderr and exit: a partial export would
    pass for a whole one."""
    from readmelint.records import Columns
    from readmelint.runner import records_path, records_source

    overrides = overrides_from(config_path, schema_path)
    walk = Walk(paths, overrides, jobs=jobs, quiet=quiet, stdin_filename=stdin_filename)
    found: list[Record] = []
    empty = []
    for outcome in walk.run(Task(records_path, records_source)):
        found.extend(outcome.value or ())
        if outcome.value == []:
            empty.append(outcome.path)
    if not quiet:  # never silently nothing: a file read as no entries says so
        for path in empty:
            fail(
                f"{path}: no entries read; `readmelint init --from {path}` infers a config "
                "that reads the list"
            )
    if walk.status != EXIT_CLEAN:
        fail("nothing was written: fix the errors above, or leave those files out")
        sys.exit(walk.status)
    places = [walk.place(raw) for raw in walk.files]
    resolver = walk.resolver
    schemas = guarded(lambda: [resolver.for_path(place).settings for place in places])[0] or []
    columns = Columns.union(Columns.of(settings) for settings in schemas)
    return found, columns, len(walk.files)


def _output_file(value: Path | None) -> None:
    """Refuse an output file that cannot be written, before any work."""
    from readmelint.files import check_output

    if value is not None:
        or_exit(lambda: check_output(value))


def _deliver(chunks: Iterable[str], output: Path | None) -> None:
    """Write to ``output`` in one rename, or stream to stdout."""
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    from readmelint.files import write_output

    data = "".join(chunks).encode("utf-8")
    or_exit(lambda: write_output(output, data))


output_option = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (replaced whole, in one rename) instead of stdout.",
)


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: one array; jsonl: an object a line; csv: a header row, RFC 4180; "
    "bibtex: one entry per paper.",
)
@output_option
@with_run_options
@with_common
def export(
    paths: tuple[str, ...],
    output_format: str,
    output: Path | None,
    jobs: int,
    quiet: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Write every entry of PATHS (default: README.md) as data.

    Each entry: its path, line, section (the headings above it), layout,
    title, its count of problems, and each field by its schema key as
    Markdown source, with a link's URL and text as KEY_url and KEY_title.
    Entries with problems are exported too.
    """
    _output_file(output)
    records, columns, _ = _records(paths, jobs, quiet, config_path, schema_path, stdin_filename)
    from readmelint.export import FORMATS as WRITERS

    _deliver(WRITERS[output_format](records, columns), output)


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(STATS_FORMATS),
    default="text",
    show_default=True,
    help="text: aligned tables; markdown: tables to paste into a README; json.",
)
@output_option
@click.option(
    "--plot",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also draw papers per year, stacked by venue, to this .svg or .png file "
    "(needs `pip install 'readmelint[plot]'`).",
)
@with_run_options
@with_common
def stats(
    paths: tuple[str, ...],
    output_format: str,
    output: Path | None,
    plot: Path | None,
    jobs: int,
    quiet: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Count the entries of PATHS (default: README.md).

    Per section, year, month, venue (its name without year or track: `CVPR
    2024 (Oral)` counts as CVPR) and tag, and how many entries leave each
    field empty.
    """
    from readmelint import stats as counting

    if plot is not None:
        kind = plot.suffix.lower().lstrip(".")
        if kind not in counting.PLOT_FORMATS:
            fail(f"--plot {plot}: name a .svg or .png file")
            sys.exit(EXIT_INPUT)
        or_exit(counting.require_plotting)
    _output_file(output)
    _output_file(plot)
    records, columns, files = _records(paths, jobs, quiet, config_path, schema_path, stdin_filename)
    counted = counting.collect(records, columns, files)
    if plot is not None:
        from readmelint.files import write_output

        drawing = counting.plot(counted, kind)
        or_exit(lambda: write_output(plot, drawing))
        if quiet and output is None:  # the chart was what was asked for
            return
    _deliver([counting.FORMATS[output_format](counted)], output)

"""`check` and `fix`."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import (
    STDIN,
    each_outcome,
    overrides_from,
    progress_for,
    reported,
    resolved,
    stdin_source,
    with_common,
    with_run_options,
    write_diff,
)
from readmelint.errors import EXIT_CLEAN, EXIT_PROBLEMS
from readmelint.report import FORMATS

if TYPE_CHECKING:
    from readmelint.runner import Outcome


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--output-format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help=", ".join(f"{output.name} {output.purpose}" for output in FORMATS.values()) + ".",
)
@click.option("--select", help="Only report these codes (comma-separated prefixes).")
@click.option("--ignore", help="Do not report these codes (comma-separated prefixes).")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Check dates against this day (YYYY-MM-DD) instead of the local date: for "
    "reproducible runs.",
)
@with_run_options
@with_common
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: str | None,
    ignore: str | None,
    today: datetime.datetime | None,
    jobs: int,
    quiet: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Report every problem in PATHS (default: README.md). Never writes.

    A folder is searched for *.md and *.markdown files (skipping hidden ones,
    the config's exclude globs and what git ignores); a glob matches files
    and folders.
    """
    from readmelint.model import Diagnostic
    from readmelint.report import summary
    from readmelint.runner import attempt, check_path, check_source

    overrides = overrides_from(config_path, schema_path, select, ignore, today)
    resolver, files, worst = resolved(paths, overrides, quiet)

    def standard_input() -> Outcome[list[Diagnostic]]:
        def work() -> list[Diagnostic]:
            source, name, where = stdin_source(stdin_filename)
            return check_source(source, resolver.for_path(where), name)

        return attempt(stdin_filename or STDIN, work)

    found: list[Diagnostic] = []
    checked = 0
    progress = progress_for(files, quiet)
    outcomes = each_outcome(
        files,
        jobs,
        lambda raw: check_path(raw, resolver),
        check_path,
        overrides,
        standard_input,
    )
    for outcome in reported(outcomes, progress):
        worst = max(worst, outcome.status)
        if outcome.value is not None:
            checked += 1
            found.extend(outcome.value)
    if checked or worst == EXIT_CLEAN:  # no summary when every file failed to be read
        color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        report = FORMATS[output_format].render(found, checked, color)
        if quiet:  # the formats that end in the summary line end without it
            report = report.removesuffix(summary(found, checked) + "\n")
        click.echo(report, nl=False, color=color)
    sys.exit(max(worst, EXIT_PROBLEMS if found else EXIT_CLEAN))


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change."
)
@click.option("--diff", is_flag=True, help="Print a unified diff of the changes; write nothing.")
@with_run_options
@with_common
def fix(
    paths: tuple[str, ...],
    check_only: bool,
    diff: bool,
    jobs: int,
    quiet: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Rewrite entries in PATHS (default: README.md) in canonical order and form.

    Only entries change: every other line is kept byte for byte. The result is
    re-parsed and compared with the input before anything is written. Folders
    and globs are searched as by `check`.
    """
    from functools import partial

    from readmelint.runner import FileFixed, FixMode, attempt, fix_path, fix_source

    mode = FixMode.DIFF if diff else FixMode.CHECK if check_only else FixMode.WRITE
    overrides = overrides_from(config_path, schema_path)
    resolver, files, worst = resolved(paths, overrides, quiet)
    progress = progress_for(files, quiet)
    stdin_name = stdin_filename or STDIN

    def standard_input() -> Outcome[FileFixed]:
        def work() -> FileFixed:
            source, name, where = stdin_source(stdin_filename)
            result = fix_source(source, resolver.for_path(where), name)
            if mode is FixMode.WRITE:
                progress.clear()
                sys.stdout.buffer.write(result.fixed.encode())
            changes = result.diff() if mode is FixMode.DIFF and result.changed else ()
            return FileFixed(result.path, result.changed, result.remaining, changes)

        return attempt(stdin_name, work)

    changed = remaining = 0
    outcomes = each_outcome(
        files,
        jobs,
        lambda raw: fix_path(raw, resolver, mode),
        partial(fix_path, mode=mode, whole_diff=True),
        overrides,
        standard_input,
    )
    for outcome in reported(outcomes, progress):
        worst = max(worst, outcome.status)
        result = outcome.value
        if result is not None and result.changed:
            changed += 1
            progress.clear()
            if mode is FixMode.DIFF:
                write_diff(result.diff)
            elif quiet:
                pass
            elif mode is FixMode.CHECK:
                click.echo(f"would fix {result.path}", err=True)
            elif result.path != stdin_name:
                click.echo(f"fixed {result.path}", err=True)
        if result is not None:
            remaining += result.remaining
    if mode is FixMode.WRITE and remaining and not quiet:
        click.echo(
            f"{remaining} problem{'s' if remaining != 1 else ''} need a person "
            "(run `readmelint check`)",
            err=True,
        )
    if mode is not FixMode.WRITE and changed:
        worst = max(worst, EXIT_PROBLEMS)
    sys.exit(worst)

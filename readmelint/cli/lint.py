"""`check` and `fix`."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import (
    PATHS,
    STDIN,
    fail,
    overrides_from,
    use_color,
    with_cache_options,
    with_code_options,
    with_common,
    with_run_options,
    write_diff,
)
from readmelint.cli.walk import Task, Walk
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT, EXIT_PROBLEMS
from readmelint.report import FORMATS, STATISTICS

if TYPE_CHECKING:
    from readmelint.config import Config
    from readmelint.diagnostics import Diagnostic
    from readmelint.runner import FileFixed, FixMode
    from readmelint.source import Source

_FORMATS_HELP = ", ".join(f"{output.name} {output.purpose}" for output in FORMATS.values())
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output and diffs; auto: on a terminal, unless NO_COLOR is set "
    "(FORCE_COLOR forces it).",
)


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option(
    "--output-format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help=_FORMATS_HELP + ".",
)
@with_code_options
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Check dates against this day (YYYY-MM-DD) instead of the local date: for "
    "reproducible runs.",
)
@click.option(
    "--fix",
    "fix_first",
    is_flag=True,
    help="Fix the files first (as `readmelint fix` does), then report what is left.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when problems are found (a file that cannot be read still exits 2).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many problems of each code were found instead of each problem (text or json).",
)
@color_option
@with_run_options
@with_cache_options
@with_common
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: datetime.datetime | None,
    fix_first: bool,
    exit_zero: bool,
    statistics: bool,
    color: str,
    jobs: int,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Report every problem in PATHS (default: README.md). Never writes, but with --fix.

    A folder is searched for *.md and *.markdown files (skipping hidden ones,
    the config's exclude globs and what git ignores); a glob matches files
    and folders.
    """
    if statistics and output_format not in STATISTICS:
        fail(f"--statistics prints text or json, not {output_format}")
        sys.exit(EXIT_INPUT)
    overrides = overrides_from(
        config_path, schema_path, select, ignore, today, no_cache=no_cache, cache_dir=cache_dir
    )
    walk = Walk(paths, overrides, jobs=jobs, quiet=quiet, stdin_filename=stdin_filename)
    if fix_first:
        from readmelint.runner import FixMode

        found, checked = _fixed_and_left(walk, FixMode.WRITE, quiet, stdin_filename)
    else:
        from readmelint.runner import check_path, check_source

        found = []
        checked = 0
        for outcome in walk.run(Task(check_path, check_source)):
            if outcome.value is not None:
                checked += 1
                found.extend(outcome.value)
    # The fixed text of standard input goes to stdout: then the report goes to stderr.
    to_stderr = fix_first and STDIN in walk.files
    if checked or walk.status == EXIT_CLEAN:  # no summary when every file failed to be read
        painted = output_format == "text" and use_color(color, sys.stderr if to_stderr else None)
        _report(found, checked, output_format, quiet, painted, statistics, to_stderr)
    problems = EXIT_PROBLEMS if found and not exit_zero else EXIT_CLEAN
    sys.exit(max(walk.status, problems))


def _report(
    found: Sequence[Diagnostic],
    checked: int,
    output_format: str,
    quiet: bool,
    color: bool,
    statistics: bool = False,
    err: bool = False,
) -> None:
    """Print ``found`` in ``output_format`` (or its counts per code), with the summary line
    unless ``quiet``."""
    from readmelint.report import summary

    render = STATISTICS[output_format] if statistics else FORMATS[output_format].render
    report = render(found, checked, color)
    if quiet:  # the formats that end in the summary line end without it
        report = report.removesuffix(summary(found, checked) + "\n")
    click.echo(report, nl=False, color=color, err=err)


def _fixed_and_left(
    walk: Walk, mode: FixMode, quiet: bool, stdin_filename: str | None
) -> tuple[list[Diagnostic], int]:
    """Fix every file of ``walk`` (``fixed PATH`` on stderr unless ``quiet``); what check
    reports on the fixed texts, and how many files were fixed or checked."""
    from readmelint.runner import fix_path

    found: list[Diagnostic] = []
    checked = 0
    task = Task(
        partial(fix_path, mode=mode, left=True),
        partial(_fix_standard_input, walk, mode, left=True),
    )
    for outcome in walk.run(task):
        result = outcome.value
        if result is None:
            continue
        checked += 1
        found.extend(result.left)
        if result.changed and not quiet and result.path != (stdin_filename or STDIN):
            walk.clear()
            click.echo(f"fixed {result.path}", err=True)
    return found, checked


def _fix_standard_input(
    walk: Walk, mode: FixMode, source: Source, config: Config, name: str, left: bool = False
) -> FileFixed:
    """Standard input fixed: its fixed text on stdout (``FixMode.WRITE``), or its diff;
    ``left``: check the fixed text too."""
    from readmelint.runner import FileFixed, FixMode, fix_source

    result = fix_source(source, config, name, count_remaining=left)
    if mode is FixMode.WRITE:
        walk.clear()
        sys.stdout.buffer.write(result.fixed.encode())
        sys.stdout.flush()
    changes = result.diff() if mode is FixMode.DIFF and result.changed else ()
    return FileFixed(result.path, result.changed, result.remaining, changes, result.left)


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change."
)
@click.option("--diff", is_flag=True, help="Print a unified diff of the changes; write nothing.")
@click.option(
    "--output-format",
    type=click.Choice(list(FORMATS)),
    help="Report the problems left for a person in this format (on stdout, or on stderr "
    f"where stdout holds a diff or fixed text): {_FORMATS_HELP}.",
)
@with_code_options
@color_option
@with_run_options
@with_cache_options
@with_common
def fix(
    paths: tuple[str, ...],
    check_only: bool,
    diff: bool,
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    color: str,
    jobs: int,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Rewrite entries in PATHS (default: README.md) in canonical order and form.

    Only entries change: every other line is kept byte for byte. The result is
    re-parsed and compared with the input before anything is written. Folders
    and globs are searched as by `check`.
    """
    from readmelint.runner import FixMode, fix_path

    mode = FixMode.DIFF if diff else FixMode.CHECK if check_only else FixMode.WRITE
    overrides = overrides_from(
        config_path, schema_path, select, ignore, no_cache=no_cache, cache_dir=cache_dir
    )
    walk = Walk(paths, overrides, jobs=jobs, quiet=quiet, stdin_filename=stdin_filename)
    stdin_name = stdin_filename or STDIN
    reporting = output_format is not None
    painted = use_color(color)
    task = Task(
        partial(fix_path, mode=mode, left=reporting),
        partial(_fix_standard_input, walk, mode, left=reporting),
        parallel=partial(fix_path, mode=mode, whole_diff=True, left=reporting),
    )
    changed = remaining = checked = 0
    left: list[Diagnostic] = []
    for outcome in walk.run(task):
        result = outcome.value
        if result is None:
            continue
        checked += 1
        remaining += result.remaining
        left.extend(result.left)
        if not result.changed:
            continue
        changed += 1
        walk.clear()
        if mode is FixMode.DIFF:
            write_diff(result.diff, painted)
        elif quiet:
            pass
        elif mode is FixMode.CHECK:
            click.echo(f"would fix {result.path}", err=True)
        elif result.path != stdin_name:
            click.echo(f"fixed {result.path}", err=True)
    if output_format is not None:
        to_stderr = mode is FixMode.DIFF or (mode is FixMode.WRITE and STDIN in walk.files)
        if checked or walk.status == EXIT_CLEAN:
            stream = sys.stderr if to_stderr else None
            shown = output_format == "text" and use_color(color, stream)
            _report(left, checked, output_format, quiet, shown, err=to_stderr)
    elif mode is FixMode.WRITE and remaining and not quiet:
        click.echo(
            f"{remaining} problem{'s need' if remaining != 1 else ' needs'} a person "
            "(run `readmelint check`)",
            err=True,
        )
    worst = walk.status
    if mode is not FixMode.WRITE and changed:
        worst = max(worst, EXIT_PROBLEMS)
    sys.exit(worst)

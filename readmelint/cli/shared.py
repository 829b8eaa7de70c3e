"""What the commands share: the common options, each file's outcome in path order
(in this process or with --jobs), one-line errors and their exit codes."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import click

from readmelint.errors import EXIT_CLEAN, EXIT_INPUT

if TYPE_CHECKING:
    from readmelint.pool import Task
    from readmelint.progress import Progress
    from readmelint.runner import ConfigResolver, Outcome, Overrides
    from readmelint.source import Source

T = TypeVar("T")
STDIN = "-"


def _codes(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(code.strip().upper() for code in value.split(",") if code.strip())


def fail(message: str) -> None:
    click.echo(f"readmelint: {message}", err=True)


def guarded(work: Callable[[], T]) -> tuple[T | None, int]:
    """Run ``work``; turn our errors into one line on stderr and their exit code."""
    from readmelint.runner import attempt

    outcome = attempt("", work)
    if outcome.error is not None:
        fail(outcome.error)
    return outcome.value, outcome.status


def or_exit(work: Callable[[], T]) -> T:
    """Run ``work``; on one of our errors, its line on stderr and exit with its code."""
    value, status = guarded(work)
    if status != EXIT_CLEAN:
        sys.exit(status)
    return cast(T, value)


def resolved(
    paths: Sequence[str], overrides: Overrides, quiet: bool
) -> tuple[ConfigResolver, list[str], int]:
    """Each file's config resolver and the files ``paths`` name (see :func:`discover`),
    with the exit code so far; a configuration error exits at once."""
    resolver = or_exit(overrides.resolver)
    files, worst = discover(paths, resolver, quiet)
    return resolver, files, worst


def _paths(paths: Sequence[str]) -> list[str]:
    return list(paths) or ["README.md"]


def write_diff(diff: Iterable[str]) -> None:
    """Write the diff as it is made: held whole, a long list's would be twice its size."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    for line in diff:
        out.write(line.encode("utf-8"))
    out.flush()


def stdin_source(stdin_filename: str | None) -> tuple[Source, str, Path]:
    from readmelint.source import decode

    name = stdin_filename or STDIN
    data = sys.stdin.buffer.read()
    where = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
    return decode(data, name), name, where


common_options = [
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Use this config file instead of looking for one.",
    ),
    click.option(
        "--schema",
        "schema_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Validate against this JSON Schema instead of the configured or bundled one.",
    ),
    click.option(
        "--stdin-filename",
        help="Name for standard input (`-`) in messages and config lookup.",
    ),
]


def with_common(function: Callable[..., object]) -> Callable[..., object]:
    for option in reversed(common_options):
        function = option(function)
    return function


def overrides_from(
    config_path: Path | None,
    schema_path: Path | None,
    select: str | None = None,
    ignore: str | None = None,
    today: datetime.datetime | None = None,
) -> Overrides:
    from readmelint.runner import Overrides

    return Overrides(
        config_path, schema_path, _codes(select), _codes(ignore), today.date() if today else None
    )


def default_jobs() -> int:
    """The CPUs this process may run on: the default of ``--jobs``."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return int(counted() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _jobs(context: click.Context, parameter: click.Parameter, value: str | None) -> int:
    """``--jobs``: a whole number, 1 or more; anything else is one line and exit 2."""
    if value is None:
        return default_jobs()
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        fail(
            f"--jobs {value}: give the number of worker processes, a whole number of 1 or "
            "more (1 works in this process)"
        )
        sys.exit(EXIT_INPUT)
    return jobs


run_options = [
    click.option(
        "--jobs",
        "-j",
        metavar="N",
        callback=_jobs,
        help="Work on files in N worker processes; 1 works in this process. "
        "[default: the number of CPUs]",
    ),
    click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="Print problems (check), diffs (fix --diff) and errors only: no summary, "
        "notes, progress or `fixed PATH` lines.",
    ),
]


def with_run_options(function: Callable[..., object]) -> Callable[..., object]:
    for option in reversed(run_options):
        function = option(function)
    return function


def discover(paths: Sequence[str], resolver: ConfigResolver, quiet: bool) -> tuple[list[str], int]:
    """The files ``paths`` name or hold, each file and folder excluded by its own
    nearest config; notes (unless ``quiet``) and errors on stderr; the exit code so far."""
    from functools import partial

    from readmelint.discover import markdown_files

    worst = EXIT_CLEAN
    searched = []
    for raw in _paths(paths):
        if _loops(raw):  # discovery's one line for this argument; the others go on
            _, status = guarded(partial(markdown_files, [raw]))
            worst = max(worst, status)
        else:
            searched.append(raw)
    found, status = guarded(lambda: markdown_files(searched, resolver.excludes))
    if found is None:
        return [], max(worst, status)
    if not quiet:
        for note in found.notes:
            fail(note)
    return found.files, worst


def _loops(raw: str) -> bool:
    """Whether the argument ``raw`` is a symbolic link loop."""
    if raw == STDIN:
        return False
    try:
        os.stat(raw)
    except OSError as error:
        import errno

        return error.errno == errno.ELOOP
    return False


def each_outcome(
    files: Sequence[str],
    jobs: int,
    serial: Callable[[str], Outcome[T]],
    parallel: Task,
    overrides: Overrides,
    standard_input: Callable[[], Outcome[T]],
) -> Generator[Outcome[T], None, None]:
    """Each file's outcome in the order of ``files``: in this process with ``serial``,
    or in worker processes with ``parallel`` when there is more than one file and job.
    Standard input is always read here. Close the iterator to stop early."""
    on_disk = [raw for raw in files if raw != STDIN]
    results: Generator[Outcome[T], None, None]
    if jobs > 1 and len(on_disk) > 1:
        from readmelint.pool import run_parallel

        results = run_parallel(parallel, on_disk, jobs, overrides)
    else:
        results = (serial(raw) for raw in on_disk)
    with closing(results):
        for raw in files:
            yield standard_input() if raw == STDIN else next(results)


def progress_for(files: Sequence[str], quiet: bool) -> Progress:
    from readmelint.progress import Progress, wanted

    return Progress(len(files), sys.stderr, wanted(sys.stderr, quiet))


def reported(
    outcomes: Generator[Outcome[T], None, None], progress: Progress
) -> Iterator[Outcome[T]]:
    """Each outcome, with its error (if any) printed above the progress line."""
    with closing(outcomes):
        for outcome in outcomes:
            if outcome.error is not None:
                progress.clear()
                fail(outcome.error)
            yield outcome
            progress.advance()
    progress.close()

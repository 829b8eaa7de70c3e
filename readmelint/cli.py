"""The command line: arguments to settings, to the library, to a reporter and an exit code."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from readmelint import __version__
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT, EXIT_PROBLEMS, EXIT_SAFETY
from readmelint.report import FORMATS

if TYPE_CHECKING:
    from readmelint.pool import Task
    from readmelint.progress import Progress
    from readmelint.records import Columns, Record
    from readmelint.rules.base import Rule
    from readmelint.runner import ConfigResolver, Outcome, Overrides
    from readmelint.source import Source

T = TypeVar("T")
STDIN = "-"


def _codes(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(code.strip().upper() for code in value.split(",") if code.strip())


def _fail(message: str) -> None:
    click.echo(f"readmelint: {message}", err=True)


def _guarded(work: Callable[[], T]) -> tuple[T | None, int]:
    """Run ``work``; turn our errors into one line on stderr and their exit code."""
    from readmelint.runner import attempt

    outcome = attempt("", work)
    if outcome.error is not None:
        _fail(outcome.error)
    return outcome.value, outcome.status


def _paths(paths: Sequence[str]) -> list[str]:
    return list(paths) or ["README.md"]


def _write_diff(diff: Iterable[str]) -> None:
    """Write the diff as it is made: held whole, a long list's would be twice its size."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    for line in diff:
        out.write(line.encode("utf-8"))
    out.flush()


def _stdin_source(stdin_filename: str | None) -> tuple[Source, str, Path]:
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


def _overrides(
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
        _fail(
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


def _discover(paths: Sequence[str], resolver: ConfigResolver, quiet: bool) -> tuple[list[str], int]:
    """The files ``paths`` name or hold, each file and folder excluded by its own
    nearest config; notes (unless ``quiet``) and errors on stderr; the exit code so far."""
    from functools import partial

    from readmelint.discover import markdown_files

    worst = EXIT_CLEAN
    searched = []
    for raw in _paths(paths):
        if _loops(raw):  # discovery's one line for this argument; the others go on
            _, status = _guarded(partial(markdown_files, [raw]))
            worst = max(worst, status)
        else:
            searched.append(raw)
    found, status = _guarded(lambda: markdown_files(searched, resolver.excludes))
    if found is None:
        return [], max(worst, status)
    if not quiet:
        for note in found.notes:
            _fail(note)
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


def _outcomes(
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


def _progress(files: Sequence[str], quiet: bool) -> Progress:
    from readmelint.progress import Progress, wanted

    return Progress(len(files), sys.stderr, wanted(sys.stderr, quiet))


def _reported(
    outcomes: Generator[Outcome[T], None, None], progress: Progress
) -> Iterator[Outcome[T]]:
    """Each outcome, with its error (if any) printed above the progress line."""
    with closing(outcomes):
        for outcome in outcomes:
            if outcome.error is not None:
                progress.clear()
                _fail(outcome.error)
            yield outcome
            progress.advance()
    progress.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readmelint")
def main() -> None:
    """Keep a hand-written paper-list README healthy.

    Exit codes: 0 clean, 1 problems found (or `fix --check`/`--diff` would
    change something), 2 usage, input, schema or config error, 3 internal
    error (fix refused to write output that failed its safety check).
    """


@main.command()
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

    overrides = _overrides(config_path, schema_path, select, ignore, today)
    resolver, status = _guarded(overrides.resolver)
    if resolver is None:
        sys.exit(status)
    files, worst = _discover(paths, resolver, quiet)

    def standard_input() -> Outcome[list[Diagnostic]]:
        def work() -> list[Diagnostic]:
            source, name, where = _stdin_source(stdin_filename)
            return check_source(source, resolver.for_path(where), name)

        return attempt(stdin_filename or STDIN, work)

    found: list[Diagnostic] = []
    checked = 0
    progress = _progress(files, quiet)
    outcomes = _outcomes(
        files,
        jobs,
        lambda raw: check_path(raw, resolver),
        check_path,
        overrides,
        standard_input,
    )
    for outcome in _reported(outcomes, progress):
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


@main.command()
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
    overrides = _overrides(config_path, schema_path)
    resolver, status = _guarded(overrides.resolver)
    if resolver is None:
        sys.exit(status)
    files, worst = _discover(paths, resolver, quiet)
    progress = _progress(files, quiet)
    stdin_name = stdin_filename or STDIN

    def standard_input() -> Outcome[FileFixed]:
        def work() -> FileFixed:
            source, name, where = _stdin_source(stdin_filename)
            result = fix_source(source, resolver.for_path(where), name)
            if mode is FixMode.WRITE:
                progress.clear()
                sys.stdout.buffer.write(result.fixed.encode())
            changes = result.diff() if mode is FixMode.DIFF and result.changed else ()
            return FileFixed(result.path, result.changed, result.remaining, changes)

        return attempt(stdin_name, work)

    changed = remaining = 0
    outcomes = _outcomes(
        files,
        jobs,
        lambda raw: fix_path(raw, resolver, mode),
        partial(fix_path, mode=mode, whole_diff=True),
        overrides,
        standard_input,
    )
    for outcome in _reported(outcomes, progress):
        worst = max(worst, outcome.status)
        result = outcome.value
        if result is not None and result.changed:
            changed += 1
            progress.clear()
            if mode is FixMode.DIFF:
                _write_diff(result.diff)
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
) -> tuple[list[Record], Columns]:
    """Every entry of every file as a record, and the fields their schemas name; on any
    error, its line on stderr and exit: a partial export would pass for a whole one."""
    from readmelint.records import Columns
    from readmelint.runner import attempt, records_path, records_source

    overrides = _overrides(config_path, schema_path)
    resolver, status = _guarded(overrides.resolver)
    if resolver is None:
        sys.exit(status)
    files, worst = _discover(paths, resolver, quiet)
    stdin_where = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"

    def standard_input() -> Outcome[list[Record]]:
        def work() -> list[Record]:
            source, name, where = _stdin_source(stdin_filename)
            return records_source(source, resolver.for_path(where), name)

        return attempt(stdin_filename or STDIN, work)

    found: list[Record] = []
    progress = _progress(files, quiet)
    outcomes = _outcomes(
        files,
        jobs,
        lambda raw: records_path(raw, resolver),
        records_path,
        overrides,
        standard_input,
    )
    for outcome in _reported(outcomes, progress):
        worst = max(worst, outcome.status)
        found.extend(outcome.value or ())
    if worst != EXIT_CLEAN:
        _fail("nothing was written: fix the errors above, or leave those files out")
        sys.exit(worst)
    places = [stdin_where if raw == STDIN else Path(raw) for raw in files]
    schemas = _guarded(lambda: [resolver.for_path(place).settings for place in places])[0] or []
    return found, Columns.union(Columns.of(settings) for settings in schemas)


def _output_file(value: Path | None) -> None:
    """Refuse an output file that cannot be written, before any work."""
    from readmelint.files import check_output

    if value is not None:
        _, status = _guarded(lambda: check_output(value))
        if status != EXIT_CLEAN:
            sys.exit(status)


def _deliver(chunks: Iterable[str], output: Path | None) -> None:
    """Write to ``output`` in one rename, or stream to stdout."""
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    from readmelint.files import write_output

    data = "".join(chunks).encode("utf-8")
    _, status = _guarded(lambda: write_output(output, data))
    if status != EXIT_CLEAN:
        sys.exit(status)


output_option = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (replaced whole, in one rename) instead of stdout.",
)


@main.command()
@click.argument("paths", nargs=-1)
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
    records, columns = _records(paths, jobs, quiet, config_path, schema_path, stdin_filename)
    from readmelint.export import FORMATS as WRITERS

    _deliver(WRITERS[output_format](records, columns), output)


@main.command()
@click.argument("paths", nargs=-1)
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
            _fail(f"--plot {plot}: name a .svg or .png file")
            sys.exit(EXIT_INPUT)
        _, status = _guarded(counting.require_plotting)
        if status != EXIT_CLEAN:
            sys.exit(status)
    _output_file(output)
    _output_file(plot)
    records, columns = _records(paths, jobs, quiet, config_path, schema_path, stdin_filename)
    counted = counting.collect(records, columns)
    if plot is not None:
        from readmelint.files import write_output

        drawing = counting.plot(counted, kind)

        _, status = _guarded(lambda: write_output(plot, drawing))
        if status != EXIT_CLEAN:
            sys.exit(status)
    _deliver([counting.FORMATS[output_format](counted)], output)


@main.command()
def schema() -> None:
    """Print the bundled JSON Schema (a starting point for your own)."""
    from readmelint.schema import bundled_schema_text

    click.echo(bundled_schema_text(), nl=False)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(force: bool) -> None:
    """Write .readmelint.toml and a copy of the bundled schema in this folder."""
    from readmelint.schema import bundled_schema_text

    config = Path(".readmelint.toml")
    schema_copy = Path("readmelint.schema.json")
    for target in (config, schema_copy):
        if target.exists() and not force:
            _fail(f"{target}: already exists; use --force to overwrite it")
            sys.exit(EXIT_INPUT)
    schema_copy.write_text(bundled_schema_text(), "utf-8")
    config.write_text(
        "# readmelint configuration: https://pypi.org/project/readmelint/\n"
        f'schema = "{schema_copy}"\n'
        "# Heading levels that start an entry.\n"
        "entry-levels = [3]\n"
        "# Order entries by a date field of the schema, or `sort = false`.\n"
        'sort = { field = "Submission Date", order = "descending" }\n'
        "# Codes (or prefixes) to report only / never.\n"
        "select = []\n"
        "ignore = []\n"
        "# Files to skip, as globs relative to this folder.\n"
        "exclude = []\n",
        "utf-8",
    )
    click.echo(f"wrote {config} and {schema_copy}")


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every diagnostic code, or explain CODE with examples."""
    from readmelint.rules.registry import BY_CODE, RULES

    if code is None:
        width = max(len(rule.name) for rule in RULES)
        for rule in RULES:
            mark = "fixable" if rule.fixable else "       "
            click.echo(f"{rule.code}  {rule.name:<{width}}  {mark}  {rule.summary}")
        return
    found = BY_CODE.get(code.upper())
    if found is None:
        _fail(f"unknown code {code!r}; `readmelint rules` lists them all")
        sys.exit(EXIT_INPUT)
    click.echo(_explain(found))


def _explain(rule: Rule) -> str:
    return "\n".join(
        [
            f"{rule.code} {rule.name}{' (fixable)' if rule.fixable else ''}",
            "",
            rule.summary,
            "",
            rule.explanation,
            "",
            "Fails:",
            "",
            *_indent(rule.failing),
            "",
            "Passes:",
            "",
            *_indent(rule.passing),
        ]
    )


def _indent(block: str) -> Iterator[str]:
    for line in block.rstrip("\n").splitlines():
        yield "    " + line


def run() -> None:
    """Entry point that turns any unexpected error into exit 3 without a traceback."""
    # A run builds hundreds of thousands of tokens and model objects that live
    # to the end and form no reference cycles; the cyclic collector would
    # re-scan them over and over (a third of a long list's time, growing
    # faster than the file). One short process: leave the memory to exit.
    import gc

    gc.disable()
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:
        _fail(f"internal error: {type(error).__name__}: {error}; nothing was written")
        sys.exit(EXIT_SAFETY)

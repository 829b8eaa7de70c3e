"""The command line: arguments to settings, to the library, to a reporter and an exit code."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from readmelint import __version__
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT, EXIT_PROBLEMS, EXIT_SAFETY, ReadmelintError
from readmelint.report import FORMATS

if TYPE_CHECKING:
    from readmelint.rules.base import Rule
    from readmelint.runner import ConfigResolver, FixResult
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
    try:
        return work(), EXIT_CLEAN
    except ReadmelintError as error:
        _fail(str(error))
        return None, error.exit_code
    except RecursionError:
        _fail("input nested too deeply to process; nothing was written")
        return None, EXIT_INPUT
    except MemoryError:
        _fail("out of memory; nothing was written")
        return None, EXIT_INPUT


def _paths(paths: Sequence[str]) -> list[str]:
    return list(paths) or ["README.md"]


def _write_diff(result: FixResult) -> None:
    """Write the diff as it is made: held whole, a long list's would be twice its size."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    for line in result.diff():
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


def _resolver(
    config_path: Path | None,
    schema_path: Path | None,
    select: str | None = None,
    ignore: str | None = None,
    today: datetime.datetime | None = None,
) -> ConfigResolver:
    from readmelint.runner import ConfigResolver
    from readmelint.schema import load_schema

    schema = load_schema(schema_path) if schema_path else None
    if config_path is not None and not config_path.is_file():
        from readmelint.errors import ConfigError

        raise ConfigError(f"{config_path}: config file not found")
    resolver = ConfigResolver(
        config_path, schema, _codes(select), _codes(ignore), today.date() if today else None
    )
    if config_path is not None:
        resolver.for_path(config_path)  # a broken --config is one error, before any file
    return resolver


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
@with_common
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: str | None,
    ignore: str | None,
    today: datetime.datetime | None,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Report every problem in PATHS (default: README.md). Never writes."""
    from readmelint.model import Diagnostic
    from readmelint.runner import ConfigResolver, check_source

    resolver, status = _guarded(lambda: _resolver(config_path, schema_path, select, ignore, today))
    if not isinstance(resolver, ConfigResolver):
        sys.exit(status)
    found: list[Diagnostic] = []
    worst = EXIT_CLEAN
    files = 0
    for raw in _paths(paths):

        def work(raw: str = raw) -> list[Diagnostic]:
            from readmelint.files import read_file

            if raw == STDIN:
                source, name, where = _stdin_source(stdin_filename)
                return check_source(source, resolver.for_path(where), name)
            path = Path(raw)
            config = resolver.for_path(path)
            if config.excludes(path):
                return []
            return check_source(read_file(path).source, config, raw)

        diagnostics, status = _guarded(work)
        worst = max(worst, status)
        if diagnostics is not None:
            files += 1
            found.extend(diagnostics)
    if files or worst == EXIT_CLEAN:  # no summary when every file failed to be read
        color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(FORMATS[output_format].render(found, files, color), nl=False, color=color)
    sys.exit(max(worst, EXIT_PROBLEMS if found else EXIT_CLEAN))


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change."
)
@click.option("--diff", is_flag=True, help="Print a unified diff of the changes; write nothing.")
@with_common
def fix(
    paths: tuple[str, ...],
    check_only: bool,
    diff: bool,
    config_path: Path | None,
    schema_path: Path | None,
    stdin_filename: str | None,
) -> None:
    """Rewrite entries in PATHS (default: README.md) in canonical order and form.

    Only entries change: every other line is kept byte for byte. The result is
    re-parsed and compared with the input before anything is written.
    """
    from readmelint.runner import ConfigResolver, FixMode, fix_file, fix_source

    mode = FixMode.DIFF if diff else FixMode.CHECK if check_only else FixMode.WRITE
    resolver, status = _guarded(lambda: _resolver(config_path, schema_path))
    if not isinstance(resolver, ConfigResolver):
        sys.exit(status)
    worst = EXIT_CLEAN
    changed = remaining = 0
    for raw in _paths(paths):

        def work(raw: str = raw) -> FixResult | None:
            if raw == STDIN:
                source, name, where = _stdin_source(stdin_filename)
                result = fix_source(source, resolver.for_path(where), name)
                if mode is FixMode.WRITE:
                    sys.stdout.buffer.write(result.fixed.encode())
                return result
            path = Path(raw)
            config = resolver.for_path(path)
            if config.excludes(path):
                return None
            return fix_file(path, config, mode)

        result, status = _guarded(work)
        worst = max(worst, status)
        if result is None:
            continue
        if result.changed:
            changed += 1
            if mode is FixMode.DIFF:
                _write_diff(result)
            elif mode is FixMode.CHECK:
                click.echo(f"would fix {result.path}", err=True)
            elif result.path != (stdin_filename or STDIN):
                click.echo(f"fixed {result.path}", err=True)
        remaining += result.remaining
    if mode is FixMode.WRITE and remaining:
        click.echo(
            f"{remaining} problem{'s' if remaining != 1 else ''} need a person "
            "(run `readmelint check`)",
            err=True,
        )
    if mode is not FixMode.WRITE and changed:
        worst = max(worst, EXIT_PROBLEMS)
    sys.exit(worst)


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

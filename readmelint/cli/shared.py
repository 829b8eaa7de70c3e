"""What the commands share: the common options and one-line errors with their exit codes.
(The walk over files is :mod:`readmelint.cli.walk`.)"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar, cast

import click

from readmelint.errors import EXIT_CLEAN, EXIT_INPUT

if TYPE_CHECKING:
    from readmelint.runner import Overrides

T = TypeVar("T")
STDIN = "-"
# A PATH argument: any string (a file, a folder, a glob or -), checked by discovery,
# and typed as a path so that shell completion offers files.
PATHS = click.Path(allow_dash=True)


def _codes(option: str, values: tuple[str, ...]) -> frozenset[str] | None:
    """``--select``/``--ignore``: every use of the option, each a comma-separated list;
    an unknown code is one line and exit 2."""
    if not values:
        return None
    from readmelint.config import known_codes

    codes = [code for value in values for code in value.split(",")]
    return or_exit(lambda: known_codes(codes), f"{option} {','.join(values)}: ")


def fail(message: str) -> None:
    click.echo(f"readmelint: {message}", err=True)


def guarded(work: Callable[[], T], prefix: str = "") -> tuple[T | None, int]:
    """Run ``work``; turn our errors into one line on stderr (after ``prefix``) and
    their exit code."""
    from readmelint.runner import attempt

    outcome = attempt("", work)
    if outcome.error is not None:
        fail(prefix + outcome.error)
    return outcome.value, outcome.status


def or_exit(work: Callable[[], T], prefix: str = "") -> T:
    """Run ``work``; on one of our errors, its line (after ``prefix``) on stderr and exit
    with its code."""
    value, status = guarded(work, prefix)
    if status != EXIT_CLEAN:
        sys.exit(status)
    return cast(T, value)


def use_color(choice: str, stream: TextIO | None = None) -> bool:
    """Whether to colour what goes to ``stream`` (default stdout) under ``--color``:
    ``always`` and ``never`` say; ``auto`` colours a terminal, unless the ``NO_COLOR``
    variable is set (to anything but empty); ``FORCE_COLOR`` colours even a pipe."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()


_DIFF_STYLES = {"--- a/": {"bold": True}, "+++ b/": {"bold": True}, "@@ ": {"fg": "cyan"}}


def _painted(line: str) -> str:
    style = next((s for start, s in _DIFF_STYLES.items() if line.startswith(start)), None)
    if style is None:
        colour = {"+": "green", "-": "red"}.get(line[:1])
        if colour is None:
            return line
        style = {"fg": colour}
    body = line.rstrip("\r\n")
    return click.style(body, **style) + line[len(body) :]  # type: ignore[arg-type]


def write_diff(diff: Iterable[str], color: bool = False) -> None:
    """Write the diff as it is made: held whole, a long list's would be twice its size.
    ``color``: added lines green, removed ones red, hunk headers cyan."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    for chunk in diff:
        if color:  # a chunk may be a whole diff (made in a worker): colour each line
            chunk = "".join(_painted(line) for line in chunk.splitlines(keepends=True))
        out.write(chunk.encode("utf-8"))
    out.flush()


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
        metavar="NAME",
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
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    today: datetime.datetime | None = None,
    no_cache: bool = True,
    cache_dir: Path | None = None,
) -> Overrides:
    from readmelint.runner import Overrides

    return Overrides(
        config_path,
        schema_path,
        _codes("--select", select),
        _codes("--ignore", ignore),
        today.date() if today else None,
        cache=not no_cache,
        cache_dir=cache_dir,
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


code_options = [
    click.option(
        "--select",
        metavar="CODES",
        multiple=True,
        help="Only report these codes or prefixes (RL1: every fixable rule); "
        "comma-separated, and may be repeated.",
    ),
    click.option(
        "--ignore",
        metavar="CODES",
        multiple=True,
        help="Do not report these codes or prefixes; comma-separated, and may be repeated.",
    ),
]


def with_code_options(function: Callable[..., object]) -> Callable[..., object]:
    for option in reversed(code_options):
        function = option(function)
    return function


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
        help="Print problems (check), diffs (fix --diff), data (export, stats; nothing "
        "but the chart with stats --plot) and errors only: no summary, notes, progress "
        "or `fixed PATH` lines.",
    ),
]


def with_run_options(function: Callable[..., object]) -> Callable[..., object]:
    for option in reversed(run_options):
        function = option(function)
    return function


cache_options = [
    click.option(
        "--no-cache",
        is_flag=True,
        envvar="READMELINT_NO_CACHE",
        show_envvar=True,
        help="Neither read nor write the result cache (.readmelint_cache): check every "
        "file afresh.",
    ),
    click.option(
        "--cache-dir",
        metavar="DIR",
        type=click.Path(path_type=Path, file_okay=False),
        help="Keep the result cache in DIR instead of .readmelint_cache at the project's "
        "root (or the config's cache-dir).",
    ),
]


def with_cache_options(function: Callable[..., object]) -> Callable[..., object]:
    for option in reversed(cache_options):
        function = option(function)
    return function

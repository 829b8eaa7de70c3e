"""The one driver of the commands that walk files (check, fix, export, stats).

A :class:`Walk` finds the files the paths name (each with its nearest config),
works on each in path order, in this process or in worker processes with
``--jobs``, reads standard input here, prints each file's error above the
progress line, and keeps the worst exit code. A command says only what it
does with one file (a :class:`Task`) and with what comes back.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from readmelint.cli.shared import STDIN, fail, guarded, or_exit
from readmelint.errors import EXIT_CLEAN

if TYPE_CHECKING:
    from readmelint.config import Config
    from readmelint.progress import Progress
    from readmelint.runner import ConfigResolver, Outcome, Overrides
    from readmelint.source import Source

T = TypeVar("T")


@dataclass(frozen=True)
class Task(Generic[T]):
    """What a command does with one file.

    ``path``: a file on disk, with the resolver of this process (or of a worker:
    then it must be picklable, a module-level function or a ``partial`` of one);
    ``parallel``: the form sent to workers, where it differs; ``source``: standard
    input, decoded, with its config and the name it goes by.
    """

    path: Callable[[str, ConfigResolver], Outcome[T]]
    source: Callable[[Source, Config, str], T]
    parallel: Callable[[str, ConfigResolver], Outcome[Any]] | None = None


class Walk:
    """The files of one command's run, and the worst exit code so far.

    A broken ``--config`` or ``--schema`` ends the command at once (exit 2); a path
    that names nothing is one line on stderr and counts, the others are worked on.
    """

    def __init__(
        self,
        paths: Sequence[str],
        overrides: Overrides,
        *,
        jobs: int,
        quiet: bool,
        stdin_filename: str | None,
    ) -> None:
        self.overrides = overrides
        self.jobs = jobs
        self.quiet = quiet
        self.stdin_filename = stdin_filename
        self.resolver = or_exit(overrides.resolver)
        self.files, self.status = discover(paths, self.resolver, quiet)
        self._progress: Progress | None = None

    def place(self, raw: str) -> Path:
        """Where the file ``raw`` is, for its config: standard input is where
        ``--stdin-filename`` says, or in the working directory."""
        if raw != STDIN:
            return Path(raw)
        return Path(self.stdin_filename) if self.stdin_filename else Path.cwd() / STDIN

    def run(self, task: Task[T]) -> Iterator[Outcome[T]]:
        """Each file's outcome in the order of the paths, its error (if any) printed
        above the progress line; the exit code kept in :attr:`status`."""
        from readmelint.runner import attempt

        def standard_input() -> Outcome[T]:
            def work() -> T:
                from readmelint.source import decode

                name = self.stdin_filename or STDIN
                source = decode(sys.stdin.buffer.read(), name)
                return task.source(source, self.resolver.for_path(self.place(STDIN)), name)

            return attempt(self.stdin_filename or STDIN, work)

        progress = self._progress = _progress(self.files, self.quiet)
        outcomes = _each_outcome(
            self.files,
            self.jobs,
            lambda raw: task.path(raw, self.resolver),
            task.parallel or task.path,
            self.overrides,
            standard_input,
        )
        with closing(outcomes):
            for outcome in outcomes:
                self.status = max(self.status, outcome.status)
                if outcome.error is not None:
                    progress.clear()
                    fail(outcome.error)
                yield outcome
                progress.advance()
        progress.close()

    def clear(self) -> None:
        """Wipe the progress line before printing anything else."""
        if self._progress is not None:
            self._progress.clear()


def discover(paths: Sequence[str], resolver: ConfigResolver, quiet: bool) -> tuple[list[str], int]:
    """The files ``paths`` name or hold (default: README.md), each file and folder
    excluded by its own nearest config; notes (unless ``quiet``) and errors on stderr;
    the exit code so far."""
    from functools import partial

    from readmelint.discover import markdown_files

    worst = EXIT_CLEAN
    searched = []
    for raw in list(paths) or ["README.md"]:
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


def _each_outcome(
    files: Sequence[str],
    jobs: int,
    serial: Callable[[str], Outcome[T]],
    parallel: Callable[[str, ConfigResolver], Outcome[Any]],
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

"""Files worked on in worker processes (``--jobs N``), results in the order given.

Each worker builds its own :class:`~readmelint.runner.ConfigResolver` from the
command line's :class:`~readmelint.runner.Overrides`, so every file still finds
its nearest config, and catches the errors of each file itself
(:func:`~readmelint.runner.attempt`): what comes back is one
:class:`~readmelint.runner.Outcome` per file, the same as a serial run makes.

On Linux the workers are forked: they start with every module the parent has
already imported, in milliseconds, where a fresh interpreter would import them
all again (elsewhere they are the platform's default, ``spawn``, which is why
tasks and :class:`~readmelint.runner.Overrides` are picklable). Files go out in
chunks, so a thousand small files are a few dozen round trips, not a thousand.

Only imported when a run has more than one file and more than one job: a
pre-commit run on one README never loads ``concurrent.futures`` or
``multiprocessing``.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Generator, Sequence
from typing import Any

from readmelint.runner import ConfigResolver, Outcome, Overrides

# What a worker does with one file, given the resolver it built.
Task = Callable[[str, ConfigResolver], Outcome[Any]]

# Chunks per worker: enough that a worker stuck on one large file leaves the
# others work to take, few enough that round trips cost nothing.
CHUNKS_PER_WORKER = 8
MAX_CHUNK = 32

_task: Task | None = None
_resolver: ConfigResolver | None = None


def _start(task: Task, overrides: Overrides) -> None:
    """Set up one worker process."""
    global _task, _resolver
    # Ctrl-C reaches every process of the terminal's group: the parent stops the
    # run; a worker finishes its file rather than print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _task = task
    _resolver = overrides.resolver()


def _work(path: str) -> Outcome[Any]:
    assert _task is not None, "worker not started"
    assert _resolver is not None, "worker not started"
    return _task(path, _resolver)


def chunk_size(files: int, workers: int) -> int:
    """How many files go to a worker at a time."""
    return max(1, min(MAX_CHUNK, -(-files // (workers * CHUNKS_PER_WORKER))))


def run_parallel(
    task: Task, paths: Sequence[str], jobs: int, overrides: Overrides
) -> Generator[Outcome[Any], None, None]:
    """``task`` on each of ``paths`` in up to ``jobs`` worker processes, yielding the
    outcomes in the order of ``paths`` as they become ready.

    ``task`` must be picklable (a module-level function or a ``functools.partial`` of
    one) where processes are not forked. Close the iterator (``contextlib.closing``)
    to stop early: files not yet started are dropped.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, min(jobs, len(paths)))
    # fork on Linux only: elsewhere it is unsafe (macOS) or missing (Windows).
    linux = sys.platform.startswith("linux")
    method = "fork" if linux and "fork" in multiprocessing.get_all_start_methods() else None
    # Whatever the parent has buffered would be written again by each forked child.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        executor = ProcessPoolExecutor(
            workers,
            multiprocessing.get_context(method),
            initializer=_start,
            initargs=(task, overrides),
        )
    except (OSError, ImportError, NotImplementedError):
        # No process-shared semaphores here (some sandboxes and serverless hosts lack
        # /dev/shm): the same work, in this process.
        resolver = overrides.resolver()
        for path in paths:
            yield task(path, resolver)
        return
    try:
        yield from executor.map(_work, paths, chunksize=chunk_size(len(paths), workers))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)

"""Worker processes that run the checks and fixes, so the server's event loop never does.

A check of a long list takes seconds of pure Python: in a thread it could be neither
stopped nor kept from slowing every other request, and a crash inside it (a C stack
overflow on a pathological input) would take the server down. In a process it runs
beside the loop, is cancelled by ending the process, and can only ever lose its own
job. Workers are forked from a fork server that has the library imported, so a new
one starts warm in milliseconds; an idle worker is kept, with its configs and its last
parse (``memory.Memory``).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from readmelint.server.memory import Memory

T = TypeVar("T")

# The module every job function lives in: imported once by the fork server.
JOBS_MODULE = "readmelint.server.jobs"


class JobFailed(Exception):
    """A job raised an error of readmelint's own (a bug), or its worker died."""


def context() -> BaseContext:
    """Fork from a fork server where there is one (Linux, macOS), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        forked = multiprocessing.get_context("forkserver")
        forked.set_forkserver_preload([JOBS_MODULE])
        return forked
    return multiprocessing.get_context("spawn")


def serve(connection: Connection) -> None:
    """A worker's loop: run each job sent, send back its result or its error, until the
    server closes the connection."""
    import gc
    import traceback

    # Standard output is the server's channel to the client: never write to it.
    os.dup2(2, 1)
    # A check builds many objects that refcounting frees; the cyclic collector would
    # rescan them again and again (see cli.run). It runs between jobs instead.
    gc.disable()
    memory = Memory()
    while True:
        try:
            function, arguments = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply: tuple[str, Any] = ("ok", function(memory, *arguments))
        except BaseException as error:  # a bug of ours: reported, never the worker's end
            reply = ("error", f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return
        del reply
        if not connection.poll():
            gc.collect()


class Worker:
    """One worker process and the server's end of its connection."""

    def __init__(self, forked: BaseContext) -> None:
        mine, theirs = forked.Pipe()
        self.connection = mine
        self.process = forked.Process(target=serve, args=(theirs,), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        theirs.close()

    async def run(self, function: Callable[..., T], *arguments: object) -> T:
        loop = asyncio.get_running_loop()
        self.connection.send((function, arguments))
        try:
            status, value = await loop.run_in_executor(None, self.connection.recv)
        except (EOFError, OSError) as error:
            raise JobFailed(f"the worker process ended ({self.process.exitcode})") from error
        if status != "ok":
            raise JobFailed(value)
        return value  # type: ignore[no-any-return]

    def kill(self) -> None:
        self.process.kill()
        self.connection.close()
        self.process.join(timeout=5)


class Pool:
    """Up to ``size`` workers; a job waits for a free one. A job whose task is cancelled,
    or that runs past ``limit`` seconds, ends its worker (a new one replaces it)."""

    def __init__(self, size: int = 2, limit: float = 600.0) -> None:
        self._context: BaseContext | None = None
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._slots = asyncio.Semaphore(size)
        self.limit = limit

    def _start(self) -> Worker:
        if self._context is None:
            self._context = context()
        return Worker(self._context)

    def warm(self) -> None:
        """Start a worker now, so that the first check does not wait for the fork server."""
        if not self._idle and not self._busy:
            self._idle.append(self._start())

    async def run(self, function: Callable[..., T], *arguments: object) -> T:
        async with self._slots:
            worker = self._idle.pop() if self._idle else self._start()
            self._busy.add(worker)
            try:
                result = await asyncio.wait_for(worker.run(function, *arguments), self.limit)
            except TimeoutError:
                self._busy.discard(worker)
                worker.kill()
                raise JobFailed(f"gave up after {self.limit:g} s") from None
            except BaseException:
                self._busy.discard(worker)
                worker.kill()
                raise
            self._busy.discard(worker)
            if worker.process.is_alive():
                self._idle.append(worker)
            return result

    def close(self) -> None:
        for worker in [*self._idle, *self._busy]:
            worker.kill()
        self._idle.clear()
        self._busy.clear()

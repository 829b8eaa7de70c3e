"""A progress line on stderr for long runs: ``[#####.....] 120/1000 files``.

Shown only where a person watches: stderr is a terminal, ``CI`` is not set and
``--quiet`` was not given; and only for a long run: more than :data:`FEW` files
and still working after :data:`DELAY` seconds, so quick runs never flicker.
Drawn on one line with ``\\r``, at most :data:`RATE` times a second, and wiped
before anything else is printed and at the end.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

FEW = 5  # files: a run of this many or fewer never shows progress
DELAY = 2.0  # seconds before the line appears
RATE = 10  # redraws per second at most
WIDTH = 24  # characters of the bar


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether a person watches ``stream``: a terminal, outside CI, not ``--quiet``."""
    if quiet or "CI" in os.environ:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


class Progress:
    """Files done out of ``total``; call :meth:`advance` per file, :meth:`clear` before
    printing anything else, and :meth:`close` at the end."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = enabled and total > FEW
        self.start = time.monotonic()
        self.drawn = 0.0  # when the line was last drawn; 0: not on screen
        self.width = 0  # characters on screen

    def advance(self, files: int = 1) -> None:
        self.done += files
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < DELAY or (self.drawn and now - self.drawn < 1 / RATE):
            return
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        line = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} files"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)
        self.drawn = now

    def clear(self) -> None:
        """Wipe the line, if shown, so the next output starts at the left margin."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
            self.drawn = 0.0

    def close(self) -> None:
        self.clear()
        self.enabled = False

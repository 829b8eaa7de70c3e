"""The open documents: each one's latest text and version, its settings' origin, and
the state of its check (in flight, debounced, the last result)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from lsprotocol import types

from readmelint.server.jobs import Checked
from readmelint.server.memory import Where
from readmelint.server.text import Text

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(eq=False)
class Document:
    uri: str
    version: int
    text: Text
    language: str
    where: Where
    # The check in flight, and the version it checks.
    task: asyncio.Task[None] | None = None
    task_version: int | None = None
    # A check waiting for the typing to pause.
    timer: asyncio.TimerHandle | None = None
    started: float = float("-inf")  # when the last check started (the loop's clock)
    checked: Checked | None = None  # the last result published
    checked_version: int | None = None
    refused: set[int] = field(default_factory=set)  # versions whose refusal was shown

    @property
    def markdown(self) -> bool:
        return self.language == "markdown" or PurePath(self.where.name).suffix.lower() in (
            MARKDOWN_SUFFIXES
        )

    @property
    def checking(self) -> bool:
        return self.task is not None and not self.task.done()

    def apply(self, changes: Sequence[types.TextDocumentContentChangeEvent], encoding: str) -> None:
        """Apply the client's changes in order (a range, or the whole text)."""
        text = self.text
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = text.offset(change.range.start.line, change.range.start.character, encoding)
                end = text.offset(change.range.end.line, change.range.end.character, encoding)
                text = text.edited(start, max(start, end), change.text)
            else:
                text = Text(change.text)
        self.text = text

    def stop(self) -> None:
        """Cancel the debounced check and the one in flight."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.task is not None and not self.task.done():
            self.task.cancel()

"""Entry layouts: where a list keeps its papers, one package each.

- ``headings`` (:mod:`.headings`): an entry per heading, its fields a bullet list or
  ``**Label:** value`` lines;
- ``table`` (:mod:`.table`): an entry per row of a table whose header names fields;
- ``items`` (:mod:`.items`): an entry per list item, its fields read by item patterns.

Each package's ``layout`` module is the layout, as :class:`EntryLayout` describes
it, and :mod:`.registry` lists them. Adding a layout means a package, a line in the
registry and its name in :data:`NAMES`; the ``layout`` setting names the ones a file
uses. Nothing below the layouts (the parser, the model, the rules, the canonical
order) imports one.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from markdown_it.token import Token

    from readmelint.diagnostics import Diagnostic
    from readmelint.heading_dates import Groups, HeadingDates
    from readmelint.layouts.adding import Insertion, NewEntry
    from readmelint.model import Document, Entry, Field, Found
    from readmelint.output import Block
    from readmelint.rules.base import Context, Rule
    from readmelint.schema import Schema
    from readmelint.settings import Settings
    from readmelint.source import Lines
    from readmelint.whitespace import WhitespaceMarks

# The layouts, in the order the parser asks them (see registry.py, which maps each to its
# module): the names alone, for what validates settings without loading a layout.
NAMES = ("headings", "table", "items")

# Parses a text with the settings of the document being planned: a layout whose new
# lines could read otherwise parses them again before it trusts them.
Reparse = Callable[[str], "Document"]


@dataclass(frozen=True)
class Around:
    """What a layout's finder learns of the rest of the file once every chunk is read.

    ``sections``: the first line of each section heading (a top-level heading that no
    layout before it read as an entry's), in order. ``taken``: the blocks (first and
    last line, inclusive) that the entries of the layouts before it, and the table of
    contents, hold, in order: what lies inside them is theirs. ``dates``: the fields
    entries take from the headings above them (``date-from-heading``), if any.
    """

    sections: Sequence[int]
    taken: Sequence[tuple[int, int]]
    dates: HeadingDates | None = None

    def section(self, line: int) -> int:
        """The number of section headings at or above ``line``: the section it is in."""
        return bisect_right(self.sections, line)

    def holds(self, line: int) -> bool:
        """Whether ``line`` lies inside a block another layout took."""
        index = bisect_right(self.taken, (line, sys.maxsize)) - 1
        return index >= 0 and self.taken[index][1] >= line

    def shared(self, line: int) -> tuple[Field, ...]:
        """The fields an entry starting at ``line`` (no heading of its own) takes from the
        headings above it: its :attr:`~readmelint.model.Entry.shared`."""
        return self._groups.shared(line) if self.dates is not None else ()

    @cached_property
    def _groups(self) -> Groups:
        assert self.dates is not None
        return self.dates.groups(frozenset(self.sections))


class Finder(Protocol):
    """Reads one layout's entries from markdown-it's block tokens.

    The file is parsed a chunk at a time (see :mod:`readmelint.parse`): the finder
    sees every top-level block of each chunk, keeps what it needs, and builds its
    entries when the whole file is read.
    """

    def add(self, tokens: Sequence[Token], index: int) -> None:
        """A top-level block opens at ``tokens[index]`` (level 0, with a line map)."""

    def build(self, around: Around) -> Found:
        """What the layout found: its entries, and whatever else it reads them by."""


class LayoutPlan(Protocol):
    """A layout's entries in canonical form: what replaces which lines."""

    def blocks(self) -> Iterable[Block]: ...


class EntryLayout(Protocol):
    """Everything a layout does: find, plan, check and render its entries.

    ``CONFIG`` are the configuration keys only this layout reads, which
    :meth:`configure` validates; ``RULES`` the codes only it reports. Everything a
    layout owns lives in its package: shared logic (the canonical order, dates,
    labels, the rules every layout shares) lies below it and never imports it.
    """

    NAME: str
    RULES: tuple[Rule, ...]
    CONFIG: frozenset[str]

    def configure(
        self, table: Mapping[str, object], schema: Schema, name: str, read: bool
    ) -> dict[str, Any]:
        """Its keys of a configuration ``table``, checked, as keyword arguments of
        :class:`~readmelint.settings.Settings` (a setting no field names goes in
        ``options``). Raises :class:`~readmelint.errors.ConfigError`, naming the file
        (``name``), for a bad value. ``read``: whether the ``layout`` setting names it.
        """

    def find(self, lines: Lines, settings: Settings, marks: WhitespaceMarks) -> Finder:
        """A finder for the file ``lines``; it marks the lines it may rewrite whose
        trailing whitespace is content in ``marks``."""

    def plan(
        self, document: Document, settings: Settings, reparse: Reparse, all_lines: bool
    ) -> LayoutPlan:
        """Its entries in canonical form (``all_lines=False``: only what check needs)."""

    def check(self, context: Context) -> Iterator[Diagnostic]:
        """Its own codes, and where its entries differ from their canonical form
        (``context.canonical``)."""

    def signatures(self, document: Document) -> Iterator[tuple[int, str, object]]:
        """What each thing it moves holds, blind to what fix may change (the safety check).

        By first line, with a name for messages: its entries, and whatever else moves
        with them (a list's items that are no entries).
        """

    def spans(self, document: Document) -> Iterator[tuple[int, int]]:
        """The lines (1-based, inclusive) each of its blocks covers: fix keeps every other."""

    def add(
        self,
        document: Document,
        settings: Settings,
        new: NewEntry,
        before: Entry | None,
        after: Entry | None,
    ) -> Insertion:
        """A brand-new entry in the file's style, before ``before`` or else after ``after``
        (``readmelint add``); :class:`~readmelint.layouts.adding.CannotWrite` if it cannot."""

"""Entry layouts: where a list keeps its papers, one package each.

- ``headings`` (:mod:`.headings`): an entry per heading, its fields a bullet list or
  ``**Label:** value`` lines;
- ``table`` (:mod:`.table`): an entry per row of a table whose header names fields;
- ``items`` (:mod:`.items`): an entry per list item, its fields read by item patterns.

Each package's ``layout`` module is the layout, as :class:`EntryLayout` describes
it; the parser hands each layout's finder the top-level tokens it opens on.
Adding a layout means a package, a line in :func:`registry` and one in
:mod:`readmelint.parse`. The ``layout`` setting names the ones a file uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from readmelint.layouts.adding import Insertion, NewEntry
    from readmelint.model import Diagnostic, Document, Entry
    from readmelint.output import Block
    from readmelint.rules.base import Context, Rule
    from readmelint.settings import Settings

NAMES = ("headings", "table", "items")


class LayoutPlan(Protocol):
    """A layout's entries in canonical form: what replaces which lines."""

    def blocks(self) -> Iterable[Block]: ...


class EntryLayout(Protocol):
    """What a layout does besides finding its entries (which the parser asks it)."""

    NAME: str
    RULES: tuple[Rule, ...]  # the codes only this layout reports

    def plan(self, document: Document, settings: Settings, all_lines: bool) -> LayoutPlan:
        """Its entries in canonical form (``all_lines=False``: only what check needs)."""

    def check(self, context: Context) -> Iterator[Diagnostic]:
        """How its entries differ from their canonical form (``context.canonical``)."""

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


def registry() -> dict[str, EntryLayout]:
    """Every layout, by name. (Imported here, on first use, so a layout can import the core.)"""
    from readmelint.layouts.headings import layout as headings
    from readmelint.layouts.items import layout as items
    from readmelint.layouts.table import layout as table

    return {headings.NAME: headings, table.NAME: table, items.NAME: items}

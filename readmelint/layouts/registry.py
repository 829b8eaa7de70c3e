"""Every layout, by name, in the order the parser asks them: each finds its entries
outside the blocks of those before it (a table inside a headed entry is that entry's)."""

from __future__ import annotations

from readmelint.layouts import NAMES, EntryLayout
from readmelint.layouts.headings import layout as headings
from readmelint.layouts.items import layout as items
from readmelint.layouts.table import layout as table

LAYOUTS: dict[str, EntryLayout] = {headings.NAME: headings, table.NAME: table, items.NAME: items}

__all__ = ["LAYOUTS", "NAMES"]

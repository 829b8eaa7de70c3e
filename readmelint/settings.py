"""Settings: what the library checks and how fix orders entries.

Built from defaults, or by :mod:`readmelint.config` from a configuration file and
the command line; the library core reads only this.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from readmelint.errors import ConfigError
from readmelint.labels import LabelStyle
from readmelint.schema import Schema, bundled_schema

if TYPE_CHECKING:
    from readmelint.pattern import Pattern


@dataclass(frozen=True, slots=True)
class Sort:
    """Order entries by ``key`` (a date field), newest first unless ascending."""

    key: str
    descending: bool = True


@dataclass(frozen=True, slots=True)
class Unsorted:
    """No order pinned, and the list keeps none: most neighbouring dated entries
    (``against`` of ``pairs``) do not run newest first by ``key``, nor mostly oldest
    first. Entries keep their order, and check says so once (see
    :func:`readmelint.canonical.order.own_order`)."""

    key: str
    against: int
    pairs: int


@dataclass(frozen=True)
class Settings:
    schema: Schema = field(default_factory=bundled_schema)
    entry_levels: tuple[int, ...] = (3,)
    # None: the schema's first date field, newest first; False: keep the order.
    # (Unsorted: none pinned, and the list keeps no order of its own.)
    sort: Sort | Unsorted | bool | None = None
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    # Where entries are: the names of layouts (see :mod:`readmelint.layouts`).
    layouts: tuple[str, ...] = ("headings",)
    # Where a paper may appear only once: "file", "section", or False for anywhere.
    duplicates: str | bool = "file"
    # The date dates are checked against (None: the local date when checked).
    today: datetime.date | None = None
    # How labels are written (None: as most labels of the file are).
    label_style: LabelStyle | None = None
    # The items layout's patterns, tried in order (see :mod:`readmelint.pattern`).
    item_patterns: tuple[Pattern, ...] = ()
    # Where an item keeps its fields: "pattern" (read by item_patterns) or "sub-items".
    item_fields: str = "pattern"
    # Date fields an entry takes from the nearest heading above it whose text is a date
    # (``date-from-heading``; see :mod:`readmelint.heading_dates`), by key.
    heading_dates: tuple[str, ...] = ()
    # A layout's own settings that no field above names, by configuration key (see
    # EntryLayout.configure in readmelint.layouts).
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_layouts(self.layouts)

    def reads(self, layout: str) -> bool:
        return layout in self.layouts

    def resolved_sort(self) -> Sort | None:
        if self.sort is False or isinstance(self.sort, Unsorted):
            return None
        if isinstance(self.sort, Sort):
            return self.sort
        for spec in self.schema.fields:
            if spec.date_format is not None:
                return Sort(spec.key)
        return None

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        return not any(code.startswith(prefix) for prefix in self.ignore)


def check_layouts(names: tuple[str, ...]) -> None:
    """Raise :class:`ConfigError` for a layout name no layout has, with a did-you-mean."""
    from readmelint.layouts import NAMES  # the names only: no layout module is imported

    for name in names:
        if name not in NAMES:
            import difflib

            close = difflib.get_close_matches(name, NAMES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"unknown layout {name!r}{hint}; known layouts: {', '.join(NAMES)}")

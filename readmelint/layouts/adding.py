"""What a layout is handed to write a brand-new entry (``readmelint add``), and what it
gives back: the lines that put it in place.

Each layout's ``add`` (see :class:`readmelint.layouts.EntryLayout`) writes the entry in
the file's own style (labels, markers, padding, pattern) next to an entry of its own,
the one the new entry goes ``before``, or else the one it goes ``after``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NewEntry:
    """An entry to write: its heading (for a layout that has one) and its fields.

    ``fields``: schema key -> Markdown value, in schema order; ``""`` is written empty.
    ``optional``: keys a layout may leave out where it has no place for them.
    """

    heading: str
    fields: Mapping[str, str]
    optional: frozenset[str] = field(default_factory=frozenset)


class CannotWrite(ValueError):
    """The layout has no way to write this entry here (say why, for the user)."""


@dataclass(frozen=True, slots=True)
class Insertion:
    """Replace lines ``start:end`` (0-based, end excluded; equal to insert) by ``lines``
    (no terminators). The new entry is ``lines[first:first + length]``."""

    start: int
    end: int
    lines: tuple[str, ...]
    first: int
    length: int

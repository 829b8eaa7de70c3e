"""Where fields and entries go, in every layout: schema order, then date order.

Entries are sorted stably by their date field (newest first unless configured
otherwise, or unless the list runs the other way: :func:`own_order`); entries
without a valid date keep their order after the dated ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from readmelint.heading_dates import entry_date
from readmelint.model import Document, Entry, Field
from readmelint.schema import Schema
from readmelint.settings import Settings, Sort, Unsorted

# Fewer neighbouring dated entries than this say too little of a list's own order
# (a small list that strays is sorted newest first, as always).
FEWEST_PAIRS = 10


def field_order(entry: Entry, schema: Schema) -> list[Field]:
    """Known fields in schema order (duplicates together), then the rest as they were."""
    order = schema.order
    known = [f for f in entry.fields if f.key in order]
    known.sort(key=lambda f: order[f.key or ""])
    return known + [f for f in entry.fields if f.key not in order]


def sort_key(entry: Entry, sort: Sort, schema: Schema) -> tuple[int, int, int] | None:
    spec = schema.spec(sort.key)
    if spec is None:
        return None
    date = entry_date(entry, spec)
    return date.sort_key if date is not None else None


def order_entries(entries: Sequence[Entry], settings: Settings) -> tuple[Entry, ...]:
    """Dated entries by date (stable), then undated ones in their order."""
    sort = settings.resolved_sort()
    if sort is None:
        return tuple(entries)
    keyed = [(sort_key(entry, sort, settings.schema), entry) for entry in entries]
    dated = [(key, entry) for key, entry in keyed if key is not None]
    dated.sort(key=lambda pair: pair[0], reverse=sort.descending)
    return tuple(entry for _, entry in dated) + tuple(e for key, e in keyed if key is None)


def own_order(document: Document, settings: Settings) -> Settings:
    """``settings`` with the order the list keeps where none is pinned (``sort`` unset).

    Counted over neighbouring dated entries of a section: newest first (the default)
    where at least half run that way; oldest first where three in four do, so that fix
    moves the few that stray, not the many; else the list keeps an order of its own
    (:class:`Unsorted`): fix moves nothing, and check says so once.
    """
    default = settings.resolved_sort()
    if settings.sort is not None or default is None:
        return settings
    newer = older = 0
    previous: tuple[int, tuple[int, int, int]] | None = None
    for entry in document.entries:
        key = sort_key(entry, default, settings.schema)
        if key is None:
            continue
        if previous is not None and previous[0] == entry.section:
            newer += previous[1] > key
            older += previous[1] < key
        previous = (entry.section, key)
    pairs = newer + older
    if pairs < FEWEST_PAIRS or 2 * newer >= pairs:
        return settings
    if 4 * older >= 3 * pairs:
        return replace(settings, sort=Sort(default.key, descending=False))
    return replace(settings, sort=Unsorted(default.key, older, pairs))

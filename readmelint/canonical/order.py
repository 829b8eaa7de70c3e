"""Where fields and entries go, in every layout: schema order, then date order.

Entries are sorted stably by their date field (newest first unless configured
otherwise); entries without a valid date keep their order after the dated ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from readmelint.model import Entry, Field
from readmelint.schema import Schema
from readmelint.settings import Settings, Sort


def field_order(entry: Entry, schema: Schema) -> list[Field]:
    """Known fields in schema order (duplicates together), then the rest as they were."""
    order = schema.order
    known = [f for f in entry.fields if f.key in order]
    known.sort(key=lambda f: order[f.key or ""])
    return known + [f for f in entry.fields if f.key not in order]


def sort_key(entry: Entry, sort: Sort, schema: Schema) -> tuple[int, int, int] | None:
    spec = schema.spec(sort.key)
    field = entry.field(sort.key)
    if spec is None or field is None:
        return None
    date = spec.date_of(field.value)
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

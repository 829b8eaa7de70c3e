"""The items layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.layouts.items.new import add
from readmelint.layouts.items.render import item_signature, plan
from readmelint.layouts.items.rules import RULES, check
from readmelint.model import Document

NAME = "items"

__all__ = ["NAME", "RULES", "add", "check", "plan", "signatures", "spans"]


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    """Every item of every entry list, entry or not: fix moves them all."""
    for ordinal, items in enumerate(document.lists):
        shape = (items.section, ordinal, items.ordered, items.start, items.tight)
        delimiter = items.delimiter if items.ordered else items.items[0].marker
        for item in items.items:
            name = f"item at line {item.span.start}"
            yield item.span.start, name, (shape, delimiter, item_signature(document, item))


def spans(document: Document) -> Iterator[tuple[int, int]]:
    for items in document.lists:
        yield items.span.start, items.span.end

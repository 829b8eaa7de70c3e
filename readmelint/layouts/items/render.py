"""Entry lists in canonical form: items sorted by date, an ordered list numbered 1..N.

fix never rewrites an item's text: an item moves whole (continuation lines and
sub-lists with it), and only an ordered item's number changes. Where a new
number is wider or narrower than the old one, the item's lines that sit under
its content move by as many columns, so they stay inside it. The blank lines
between items stay where they are, so a tight list stays tight and a loose one
loose. A list whose new form, parsed on its own, would not hold the same items
is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from readmelint.markdown import block_parser
from readmelint.model import Document, Item, ItemList, Span
from readmelint.output import Block, compact
from readmelint.schema import Schema
from readmelint.settings import Settings, Sort
from readmelint.source import Lines, strip_newline


@dataclass(frozen=True)
class ListPlan:
    """One entry list in canonical form."""

    items: ItemList
    order: tuple[Item, ...]  # its items in their new order
    numbers: tuple[str, ...]  # each item's new marker, in the new order
    lines: Sequence[str | int]  # the list's new lines (see readmelint.output.compact)
    kept: bool  # left as it is: its new form would not parse to the same items


@dataclass(frozen=True)
class ItemsPlan:
    """Every entry list of a document in canonical form."""

    lists: tuple[ListPlan, ...]

    def blocks(self) -> Iterator[Block]:
        for plan in self.lists:
            yield Block(plan.items.span.start, plan.items.span.end, (plan.lines,))


def plan(document: Document, settings: Settings, all_lines: bool = True) -> ItemsPlan:
    """Every entry list in canonical form (a list's lines are few: kept either way)."""
    return ItemsPlan(tuple(_plan_list(document, items, settings) for items in document.lists))


def _plan_list(document: Document, items: ItemList, settings: Settings) -> ListPlan:
    order = _ordered(items, settings)
    numbers = tuple(
        f"{items.start + position}{items.delimiter}" if items.ordered else item.marker
        for position, item in enumerate(order)
    )
    original = [
        strip_newline(document.lines[i]) for i in range(items.span.start - 1, items.span.end)
    ]
    new = _render(document.lines, items, order, numbers)
    kept = new != original and not _parses_the_same(document.lines, items, order, new)
    if kept:
        order, numbers, new = items.items, tuple(i.marker for i in items.items), original
    return ListPlan(items, order, numbers, compact(new, original, items.span.start - 1), kept)


def _ordered(items: ItemList, settings: Settings) -> tuple[Item, ...]:
    """Dated entries by date (stable); then the rest, entries or not, in their order."""
    sort = settings.resolved_sort()
    if sort is None:
        return items.items
    keyed = [(_date(item, sort, settings.schema), item) for item in items.items]
    dated = [(key, item) for key, item in keyed if key is not None]
    dated.sort(key=lambda pair: pair[0], reverse=sort.descending)
    return (*(item for _, item in dated), *(item for key, item in keyed if key is None))


def _date(item: Item, sort: Sort, schema: Schema) -> tuple[int, int, int] | None:
    from readmelint.canonical.order import sort_key

    return sort_key(item.entry, sort, schema) if item.entry is not None else None


def _render(
    lines: Lines, items: ItemList, order: Sequence[Item], numbers: Sequence[str]
) -> list[str]:
    gaps = [
        [strip_newline(lines[i]) for i in range(before.span.end, after.span.start - 1)]
        for before, after in zip(items.items, items.items[1:], strict=False)
    ]
    out: list[str] = []
    for position, (item, number) in enumerate(zip(order, numbers, strict=True)):
        if position:
            out.extend(gaps[position - 1])
        out.extend(item_lines(lines, item, number))
    return out


def item_lines(lines: Lines, item: Item, marker: str) -> list[str]:
    """``item``'s lines with ``marker`` for its own; lines under its content move with it."""
    text = [strip_newline(lines[i]) for i in range(item.span.start - 1, item.span.end)]
    if marker == item.marker:
        return text
    first = text[0]
    at = len(first) - len(first.lstrip(" "))
    shift = len(marker) - len(item.marker)
    out = [first[:at] + marker + first[at + len(item.marker) :]]
    for line in text[1:]:
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and indent >= item.content:
            line = " " * (indent + shift) + line[indent:]
        out.append(line)
    return out


def item_signature(lines: Lines, item: Item) -> tuple[object, ...]:
    """What an item holds, its marker aside: its lines, those under its content by their
    indentation from it (which moves with a wider or narrower number)."""
    text = [strip_newline(lines[i]) for i in range(item.span.start - 1, item.span.end)]
    body: list[tuple[bool, int, str]] = [(True, 0, text[0][item.content :])]
    for line in text[1:]:
        indent = len(line) - len(line.lstrip(" "))
        inside = indent >= item.content
        body.append((inside, indent - item.content if inside else indent, line.lstrip(" ")))
    return tuple(body)


def _parses_the_same(lines: Lines, items: ItemList, order: Sequence[Item], new: list[str]) -> bool:
    """Whether ``new``, parsed on its own, is one list of ``order``'s items, in that order."""
    tokens = block_parser().parse("\n".join([*new, ""]))
    top = [t for t in tokens if t.level == 0 and t.type.endswith("_list_open")]
    starts = [t.map[0] for t in tokens if t.type == "list_item_open" and t.level == 1 and t.map]
    if len(top) != 1 or len(starts) != len(order):
        return False
    from readmelint.markdown import item_content

    reread = Lines("\n".join([*new, ""]))
    for item, start, following in zip(order, starts, [*starts[1:], len(new)], strict=True):
        last = following - 1
        while last > start and not reread[last].strip():
            last -= 1
        marker = reread[start].lstrip(" ").split(" ", 1)[0].split("\t", 1)[0]
        content = item_content(strip_newline(reread[start]), marker)
        parsed = Item(span=Span(start + 1, last + 1), marker=marker, content=content, entry=None)
        if item_signature(reread, parsed) != item_signature(lines, item):
            return False
    return True

"""Entry lists in canonical form: items sorted by date (between the items that stay where
they are: separators, empty items, and items no pattern reads), an ordered list numbered
1..N.

fix never rewrites an item's text: an item moves whole (continuation lines and
sub-lists with it), and only an ordered item's number (and, in an item of
sub-item fields, a label's form) and trailing whitespace that renders nothing
(:mod:`readmelint.whitespace`) change. Where a new number is wider or
narrower than the old one, the item's other lines move by as many columns, so
what sat under its content stays there. The blank lines
between items stay where they are, so a tight list stays tight and a loose one
loose. A list whose new form, parsed on its own, would not hold the same items
is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from readmelint.canonical.labels import LabelStyles, canonical_label, document_label_style
from readmelint.canonical.order import sort_key
from readmelint.layouts import Reparse
from readmelint.layouts.items.find import Item, ItemList, lists_of
from readmelint.markdown import block_parser, item_content
from readmelint.model import Document, Field
from readmelint.output import Block, compact
from readmelint.schema import Schema
from readmelint.settings import Settings, Sort
from readmelint.source import Lines, strip_newline
from readmelint.whitespace import clean_trailing


@dataclass(frozen=True)
class ListPlan:
    """One entry list in canonical form."""

    items: ItemList
    order: tuple[Item, ...]  # its items in their new order
    numbers: tuple[str, ...]  # each item's new marker, in the new order
    lines: Sequence[str | int]  # the list's new lines (see readmelint.output.compact)
    kept: bool  # left as it is: its new form would not parse to the same items
    labels: LabelStyles  # how sub-item labels are written


@dataclass(frozen=True)
class ItemsPlan:
    """Every entry list of a document in canonical form."""

    lists: tuple[ListPlan, ...]

    def blocks(self) -> Iterator[Block]:
        for plan in self.lists:
            yield Block(plan.items.span.start, plan.items.span.end, (plan.lines,))


def plan(
    document: Document, settings: Settings, reparse: Reparse, all_lines: bool = True
) -> ItemsPlan:
    """Every entry list in canonical form (a list's lines are few: kept either way)."""
    lists = lists_of(document)
    if not lists:
        return ItemsPlan(())
    labels = document_label_style(document, settings)
    return ItemsPlan(tuple(_plan_list(document, items, settings, labels) for items in lists))


def _plan_list(
    document: Document, items: ItemList, settings: Settings, labels: LabelStyles
) -> ListPlan:
    order = _ordered(items, settings)
    alike = items.ordered and numbered_alike(items)
    numbers = tuple(
        # A list numbered alike keeps each place's number: the first stays its start.
        items.items[position].marker
        if alike
        else f"{items.start + position}{items.delimiter}"
        if items.ordered
        else item.marker
        for position, item in enumerate(order)
    )
    source = document.lines
    original = [strip_newline(source[i]) for i in range(items.span.start - 1, items.span.end)]
    relabel = partial(canonical_label, schema=settings.schema, style=labels, plain_unknown=True)
    rendered = [
        (_cleaned(document, item.span.start, item_lines(source, item, number, relabel)), number)
        for item, number in zip(order, numbers, strict=True)
    ]
    new = _joined(document, items, [lines for lines, _ in rendered])
    after = strip_newline(source[items.span.end]) if items.span.end < len(source) else ""
    kept = new != original and not _parses_the_same(rendered, new, after)
    if kept:
        order, numbers, new = items.items, tuple(i.marker for i in items.items), original
    lines = compact(new, original, items.span.start - 1)
    return ListPlan(items, order, numbers, lines, kept, labels)


def numbered_alike(items: ItemList) -> bool:
    """Whether most items of an ordered list have one number (``1.`` each): a style of
    its own, which GitHub shows as 1, 2, 3; such a list keeps its numbers where they are."""
    from collections import Counter

    if len(items.items) < 2:
        return False
    most = Counter(item.marker for item in items.items).most_common(1)[0][1]
    return most > 1 and most * 2 > len(items.items)


def _ordered(items: ItemList, settings: Settings) -> tuple[Item, ...]:
    """Between the items that stay where they are (separators, items no pattern reads):
    dated entries by date (stable), then undated ones in their order."""
    sort = settings.resolved_sort()
    if sort is None:
        return items.items
    out: list[Item] = []
    run: list[Item] = []
    for item in (*items.items, None):
        if item is not None and not item.stays:
            run.append(item)
            continue
        keyed = [(_date(each, sort, settings.schema), each) for each in run]
        dated = [(key, each) for key, each in keyed if key is not None]
        dated.sort(key=lambda pair: pair[0], reverse=sort.descending)
        out += [each for _, each in dated] + [each for key, each in keyed if key is None]
        if item is not None:
            out.append(item)
        run = []
    return tuple(out)


def _date(item: Item, sort: Sort, schema: Schema) -> tuple[int, int, int] | None:
    return sort_key(item.entry, sort, schema) if item.entry is not None else None


def _cleaned(document: Document, first: int, text: list[str]) -> list[str]:
    """An item's ``text`` (its lines from line ``first``) without the trailing whitespace
    that renders nothing, as in every layout (RL105)."""
    return [clean_trailing(document, line_no, line) for line_no, line in enumerate(text, first)]


def _joined(document: Document, items: ItemList, rendered: Sequence[list[str]]) -> list[str]:
    """The items' new lines, with the blank lines between items where they were."""
    lines = document.lines
    gaps = [
        [
            between_items(strip_newline(lines[i]))
            for i in range(before.span.end, after.span.start - 1)
        ]
        for before, after in zip(items.items, items.items[1:], strict=False)
    ]
    out: list[str] = []
    for position, item in enumerate(rendered):
        if position:
            out.extend(gaps[position - 1])
        out.extend(item)
    return out


def between_items(text: str) -> str:
    """A line between two items as fix writes it: blank, so empty. (Even where the item
    above ends in an open code fence that holds it: the line stays where it is while the
    items move, so what holds it now may not hold it after.)"""
    return text if text.strip() else ""


def _labelled(lines: Lines, item: Item, relabel: Callable[[Field], str] | None = None) -> list[str]:
    """``item``'s lines, each sub-item label rewritten by ``relabel`` (or as its key)."""
    text = [strip_newline(lines[i]) for i in range(item.span.start - 1, item.span.end)]
    for field in item.entry.fields if item.entry else ():
        if field.label_source:
            index = field.span.start - item.span.start
            at = field.column - 1
            label = relabel(field) if relabel else f"\x00{field.key}"
            line = text[index]
            text[index] = line[:at] + label + line[at + len(field.label_source) :]
    return text


def item_lines(
    lines: Lines, item: Item, marker: str, relabel: Callable[[Field], str] | None = None
) -> list[str]:
    """``item``'s lines with ``marker`` for its own; lines under its content move with it.

    ``relabel``: how to write each sub-item label (see :func:`_labelled`).
    """
    text = (
        _labelled(lines, item, relabel)
        if relabel
        else _labelled(lines, item, lambda f: f.label_source)
    )
    if marker == item.marker:
        return text
    first = text[0]
    at = len(first) - len(first.lstrip(" "))
    shift = len(marker) - len(item.marker)
    out = [first[:at] + marker + first[at + len(item.marker) :]]
    for line in text[1:]:
        indent = len(line) - len(line.lstrip(" "))
        if line.strip():
            line = " " * max(indent + shift, 0) + line[indent:]
        out.append(line)
    return out


def item_signature(document: Document, item: Item) -> tuple[object, ...]:
    """What an item holds, its marker, the form of its labels and trailing whitespace
    that renders nothing aside: its lines, those under its content by their indentation
    from it (which moves with a wider or narrower number)."""
    text = _cleaned(document, item.span.start, _labelled(document.lines, item))
    return _relative(text, item.content)


def _relative(text: Sequence[str], content: int) -> tuple[object, ...]:
    """An item's lines by their indentation from its content column.

    A line left of that column is a lazy continuation of a paragraph (anything else
    there would have ended the item): how far left does not matter.
    """
    body: list[tuple[int, str]] = [(0, text[0][content:])]
    for line in text[1:]:
        indent = len(line) - len(line.lstrip(" "))
        body.append((max(indent - content, -1), line.lstrip(" ")))
    return tuple(body)


def _parses_the_same(
    rendered: Sequence[tuple[list[str], str]], new: list[str], after: str = ""
) -> bool:
    """Whether ``new``, parsed on its own, is one list of the ``rendered`` items, in order,
    that still ends before ``after``, the line that follows it in the file.

    ``rendered``: each item's new lines and marker. The list is read where it starts
    (a nested list's indentation taken off, so that it is not read as code). ``after``
    counts because an item that now comes last may take it in: a paragraph continues
    into a line that an unclosed code fence, the old last item's end, had kept out.
    """
    indent = min(len(line) - len(line.lstrip(" ")) for line in new if line.strip())
    if any(line.strip() and "\t" in line[:indent] for line in [*new, after]):
        return False
    text = [line[indent:] for line in new]
    next_line = [after[min(indent, len(after) - len(after.lstrip(" "))) :]] if after.strip() else []
    tokens = block_parser().parse("\n".join([*text, *next_line, ""]))
    own = [t for t in tokens if t.map and t.map[0] < len(text)]  # not what ``after`` opens
    top = [t for t in own if t.level == 0 and t.type.endswith("_list_open")]
    starts = [t.map[0] for t in own if t.type == "list_item_open" and t.level == 1 and t.map]
    if len(top) != 1 or len(starts) != len(rendered) or starts[0] != 0:
        return False
    if top[0].map is None or top[0].map[1] > len(text):
        return False  # the last item took ``after`` in
    for (lines, marker), start, following in zip(
        rendered, starts, [*starts[1:], len(text)], strict=True
    ):
        last = following - 1
        while last > start and not text[last].strip():
            last -= 1
        mine = [line[indent:] for line in lines]
        content = item_content(mine[0], marker)
        if _relative(text[start : last + 1], content) != _relative(mine, content):
            return False
    return True

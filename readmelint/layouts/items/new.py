"""A new item of an entry list, written from the list's own item pattern (``readmelint add``).

The pattern most items of the list are read by is written out with the entry's values:
literal text as it is, each ``{key}`` its value, an optional part ``{?...}`` only where
every field in it has a value, the rest ``{...}`` as nothing. An ordered list numbered
1, 2, 3 ... stays so: the items after the new one take the next numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from readmelint.canonical.labels import document_label_style
from readmelint.layouts.adding import CannotWrite, Insertion, NewEntry
from readmelint.layouts.items.find import ITEM_TITLE, Item, ItemList, lists_of
from readmelint.layouts.items.render import item_lines
from readmelint.model import Document, Entry
from readmelint.settings import Settings
from readmelint.source import strip_newline

if TYPE_CHECKING:  # the patterns come compiled in the settings; check never imports pattern
    from readmelint.pattern import Pattern


def add(
    document: Document,
    settings: Settings,
    new: NewEntry,
    before: Entry | None,
    after: Entry | None,
) -> Insertion:
    neighbour = before or after
    found = next(
        (
            (items, index)
            for items in lists_of(document)
            for index, item in enumerate(items.items)
            if item.entry is not None and item.entry is neighbour
        ),
        None,
    )
    if found is None:
        raise CannotWrite("no entry list to add an item to")
    items, index = found
    position = index if before is not None else index + 1
    model = items.items[index]
    first_line = strip_newline(document.lines[model.span.start - 1])
    indent = first_line[: len(first_line) - len(first_line.lstrip(" "))]
    if settings.item_fields == "sub-items":
        body = _with_sub_items(document, settings, new, model, items)
    else:
        body = [_from_pattern(document, settings, items, new)[0]]
    numbered = items.ordered and _numbered(items)
    # An ordered item: the number it should have, which check asks of every item.
    marker = f"{items.start + position}{items.delimiter}" if items.ordered else model.marker
    width = len(indent) + len(marker) + 1
    lines = [indent + marker + " " + body[0], *(" " * width + line for line in body[1:])]
    gap = [] if items.tight else [""]
    if position < len(items.items):
        start = items.items[position].span.start - 1
        if not numbered:
            return Insertion(start, start, (*lines, *gap), 0, len(lines))
        # The items after it move one number on, their other lines with their content.
        later: list[str] = []
        for offset, item in enumerate(items.items[position:], position + 1):
            if later:
                later.extend(_between(document, items.items[offset - 2], item))
            later.extend(
                item_lines(document.lines, item, f"{items.start + offset}{items.delimiter}")
            )
        return Insertion(start, items.span.end, (*lines, *gap, *later), 0, len(lines))
    end = items.items[-1].span.end
    return Insertion(end, end, (*gap, *lines), len(gap), len(lines))


def _numbered(items: ItemList) -> bool:
    return all(
        _number(item.marker) == items.start + offset for offset, item in enumerate(items.items)
    )


def _number(marker: str) -> int:
    return int(marker[:-1])


def _between(document: Document, before: Item, after: Item) -> list[str]:
    return [
        "" if not strip_newline(document.lines[i]).strip() else strip_newline(document.lines[i])
        for i in range(before.span.end, after.span.start - 1)
    ]


def _from_pattern(
    document: Document, settings: Settings, items: ItemList, new: NewEntry
) -> tuple[str, set[str]]:
    """The item written by the list's most used pattern that can be, and the fields in it."""
    patterns = _by_use(document, settings.item_patterns, items)
    missing: set[str] = set()
    for pattern in patterns:
        written = _write(pattern.pieces, new.fields, optional=False)
        if written is not None:
            return written.strip(), _needed(pattern.pieces, every=False)
        missing |= _needed(pattern.pieces) - {k for k, v in new.fields.items() if v}
    raise CannotWrite(
        "no item pattern of the list can be written without "
        + ", ".join(sorted(missing))
        + "; add the paper from a BibTeX entry that has them"
    )


def _by_use(document: Document, patterns: Sequence[Pattern], items: ItemList) -> list[Pattern]:
    """The patterns, those that read most items of ``items`` first."""
    used: Counter[int] = Counter()
    for item in items.items:
        if item.entry is None:
            continue
        source = _source(document, item)
        for number, pattern in enumerate(patterns):
            if pattern.match(source) is not None:
                used[number] += 1
                break
    order = sorted(range(len(patterns)), key=lambda number: -used[number])
    return [patterns[number] for number in order]


def _source(document: Document, item: Item) -> str:
    lines = [strip_newline(document.lines[i]) for i in range(item.span.start - 1, item.span.end)]
    return "\n".join([lines[0][item.content :], *(line.strip() for line in lines[1:])])


def _write(pieces: Sequence[Any], values: Mapping[str, str], optional: bool) -> str | None:
    """The pieces written out; None where a field has no value (an optional part is then
    left out; anywhere else the pattern cannot be written)."""
    out: list[str] = []
    for number, piece in enumerate(pieces):
        if piece.kind == "text":
            out.append(piece.value)
        elif piece.kind == "field":
            value = values.get(piece.value, "")
            if not value:
                return None
            following = next((p for p in pieces[number + 1 :] if p.kind == "text"), None)
            # A title that ends in the period the pattern writes after it.
            if (
                following is not None
                and following.value[:1] in ".,;:"
                and value.endswith(following.value[:1])
            ):
                value = value[:-1]
            out.append(value)
        elif piece.kind == "optional":
            inner = _write(piece.parts, values, optional=True)
            if inner is not None and _needed(piece.parts, every=False):
                out.append(inner)
    return "".join(out)


def _needed(pieces: Sequence[Any], every: bool = True) -> set[str]:
    """The fields of ``pieces`` (outside optional parts, unless not ``every``)."""
    found: set[str] = set()
    for piece in pieces:
        if piece.kind == "field":
            found.add(piece.value)
        elif piece.kind == "optional" and not every:
            found |= _needed(piece.parts, every=False)
    return found


def _with_sub_items(
    document: Document, settings: Settings, new: NewEntry, model: Item, items: ItemList
) -> list[str]:
    """The title (as the list's item patterns write it, if it has any), then a sub-item
    ``Label: value`` for each other field, as the list writes them."""
    labels: dict[str, Counter[str]] = {}
    for entry in document.entries:
        for field in entry.fields:
            if field.key and field.label_source:
                labels.setdefault(field.key, Counter())[field.label_source] += 1
    style = document_label_style(document, settings)
    fields = model.entry.fields if model.entry else ()
    sub_marker = "-"
    if fields:
        line = strip_newline(document.lines[fields[0].span.start - 1])
        sub_marker = line.strip()[:1] or "-"
    if settings.item_patterns:
        first, written = _from_pattern(document, settings, items, new)
    else:
        title_key = settings.options.get(ITEM_TITLE, "title")
        first, written = new.fields.get(title_key, "") or new.heading, {"title", title_key}
    out = [first]
    for key, value in new.fields.items():
        if key in written:
            continue
        spec = settings.schema.spec(key)
        known = labels.get(key)
        title = spec.title if spec else key
        label = known.most_common(1)[0][0] if known else style.of(key).write(title)
        out.append(f"{sub_marker} {label}" + (f" {value}" if value else ""))
    return out

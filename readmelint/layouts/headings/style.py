"""How an entry's list is written (indentation, marker), and when it may be restyled."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from readmelint.canonical.order import field_order
from readmelint.layouts.headings.find import BULLETS, headed, needs_blank_after_heading
from readmelint.layouts.headings.lead import lead_lines
from readmelint.model import Document, Entry
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import is_blank, strip_newline


@dataclass(frozen=True, slots=True)
class ListStyle:
    """How an entry's items are written: indentation and marker, or as they are.

    ``keep_items``: every item keeps its own indentation and marker spacing (moving
    one would change what a line means). ``keep_order`` as well: fields keep their
    order (for the rare entry whose lines mean something else in any other order).
    ``indent`` and ``marker`` are then those of the item fix puts first. ``as_is``:
    the entry keeps every line as it is, labels and whitespace too (a stub, or an
    entry no other style keeps the meaning of), but for its place and its heading's
    indentation.
    """

    indent: int
    marker: str
    keep_items: bool = False
    keep_order: bool = False
    as_is: bool = False

    @property
    def width(self) -> int:
        """The column (0-based) where an item's content starts."""
        return self.indent + len(self.marker) + 1


def document_list_style(document: Document, schema: Schema) -> ListStyle:
    """The indentation and marker most entries use.

    Each entry counts with its own style (see :func:`own_style`), which fix keeps or
    replaces by this one, so a second run counts the same winner. A tie goes to the
    smaller indentation, then to ``-``, ``*``, ``+``: not to the first entry seen,
    since fix reorders entries.
    """
    counts = Counter(
        own_style(document, entry, schema) for entry in headed(document) if entry.form is BULLETS
    )
    if not counts:
        return ListStyle(0, "-")
    return max(counts, key=lambda s: (counts[s], -s.indent, -"-*+".find(s.marker)))


# The setting that pins whether a blank line goes between a heading and its fields.
BLANK_AFTER_HEADING = "blank-after-heading"


def document_blank_after_heading(document: Document, settings: Settings) -> bool:
    """Whether a blank line goes between each heading and its fields: as the settings
    pin it, else as most entries write it.

    Entries whose form needs one (a bold title over paragraphs) or that have a lead
    (lines read by patterns, kept as they are) tell nothing; a tie goes to none.
    """
    pinned = settings.options.get(BLANK_AFTER_HEADING)
    if isinstance(pinned, bool):
        return pinned
    with_blank = without = 0
    for entry in headed(document):
        if not entry.fields or needs_blank_after_heading(entry) or lead_lines(document, entry):
            continue
        gap = [
            document.lines[n - 1]
            for n in range(entry.line + 1, min(f.span.start for f in entry.fields))
        ]
        if not gap:
            without += 1
        elif all(is_blank(line) for line in gap):
            with_blank += 1
    return with_blank > without


def own_style(document: Document, entry: Entry, schema: Schema) -> ListStyle:
    """The style of the item fix puts first: where the entry's items go if they stay.

    The first item in canonical order, not in the file: after fix it is the first
    in the file too, so a second run finds the same style.
    """
    line = strip_newline(document.lines[field_order(entry, schema)[0].span.start - 1])
    return ListStyle(len(line) - len(line.lstrip(" ")), entry.list_marker)


def can_restyle(document: Document, entry: Entry, style: ListStyle, schema: Schema) -> bool:
    """Whether the entry's items can move to ``style`` without changing what they hold.

    Continuation lines are shifted with their item. Two kinds cannot be: a tab in
    their indentation makes the shift ambiguous, and a lazy continuation line
    (indented less than its item's content, yet four or more columns, which is what
    keeps it from starting a block) would start a list, a heading or a quote if it
    moved left of column four. And a tail indented as deep as the content of the
    item that comes last would become part of it.
    """
    if entry.form is not BULLETS or style.keep_order:
        return True
    tail = tail_start(document, entry)
    if style.keep_items:
        last = field_order(entry, schema)[-1]
        return tail is None or indent_width(tail) < last.column - 1
    if tail is not None and (
        indent_width(tail) >= style.width
        or (indent_width(tail) < 4 and starts_item(tail.lstrip(" \t"), style.marker))
    ):
        return False  # the tail would join the list: an item's continuation or a sibling
    for field in entry.fields:
        content = field.column - 1
        first = strip_newline(document.lines[field.span.start - 1])
        if "\t" in first[:content].rstrip("\t") or ("\t" in first[:content] and first[content:]):
            return False  # the item's own prefix holds a tab: only keeping it is exact
        shift = style.width - content
        if shift == 0:
            continue
        for line_no in range(field.span.start + 1, field.span.end + 1):
            line = strip_newline(document.lines[line_no - 1])
            indentation = line[: len(line) - len(line.lstrip(" \t"))]
            if indentation == line:
                continue  # blank
            if "\t" in indentation:
                return False
            if shift < 0 and content > len(indentation) >= 4 > len(indentation) + shift:
                return False
    return True


def tail_start(document: Document, entry: Entry) -> str | None:
    """The first non-blank line after an entry's list, if any."""
    for line_no in range(entry.fields[-1].span.end + 1, entry.span.end + 1):
        line = strip_newline(document.lines[line_no - 1])
        if line.strip(" \t"):
            return line
    return None


def indent_width(line: str) -> int:
    """Columns of indentation, tabs to the next multiple of four as CommonMark counts them."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def starts_item(text: str, marker: str) -> bool:
    return text.startswith(marker) and text[len(marker) : len(marker) + 1] in ("", " ", "\t")


def items_keep_their_lines(document: Document, entry: Entry, style: ListStyle) -> bool:
    """Whether in ``style`` each item only moves: its marker, indentation and lines stay.

    Such an item parses as it did wherever it goes, lazy continuation lines (the
    badge lines under Paper) included: its content is its own lines, and the next
    item, which starts with a label as every item here does, interrupts whatever
    it ends in. Blank lines (which make the list loose or end it), tabs (whose
    width depends on where they start) and an item of several lines whose first holds
    a pipe (moved first, right under the heading, its lines can read as a table) are
    left to the parse.
    """
    if entry.form is not BULLETS or not is_plain_list(entry):
        return False
    for field in entry.fields:
        first = strip_newline(document.lines[field.span.start - 1])
        prefix = first[: field.column - 1]
        if "\t" in prefix or not (style.keep_items or prefix == item_prefix(style)):
            return False
        if field.span.end > field.span.start and "|" in first:
            return False
        for line in document.lines[field.span.start : field.span.end]:
            if is_blank(line) or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                return False
    return True


def is_plain(entry: Entry) -> bool:
    """One line per field, every field labelled, all at one column, nothing after them."""
    return is_plain_list(entry) and all(f.span.start == f.span.end for f in entry.fields)


def is_plain_list(entry: Entry) -> bool:
    """Every field labelled, all at one column, nothing after them."""
    return (
        entry.span.end == max(f.span.end for f in entry.fields)
        and all(f.label is not None for f in entry.fields)
        and len({f.column for f in entry.fields}) == 1
    )


def item_prefix(style: ListStyle) -> str:
    return " " * style.indent + style.marker + " "

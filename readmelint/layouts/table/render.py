"""Entry tables in canonical form: columns in schema order, rows by date, padding by the file.

Columns move with their header and delimiter cells; rows that miss trailing
cells get them, empty; a row's padding changes only where most rows of the file
share one style (``| a | b |`` or ``|a|b|``) and the row does not. No cell's
content changes and no cell is dropped, not even one past the header's count.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from readmelint.canonical.order import order_entries
from readmelint.layouts import Reparse
from readmelint.layouts.table.rows import (
    PIPE,
    TRIM,
    Row,
    Table,
    is_template_row,
    split_row,
    tables_of,
)
from readmelint.model import Document, Entry
from readmelint.output import Block, compact
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import strip_newline


@dataclass(frozen=True, slots=True)
class TableStyle:
    """How most rows of a file are written: cell padding and outer pipes.

    ``padding``: ``" "`` (``| a | b |``), ``""`` (``|a|b|``) or ``None`` where no
    style holds most rows: then each row keeps its own. ``aligned``: most tables
    line their pipes up (counted in display width, so CJK text lines up too).
    """

    padding: str | None
    leading: bool
    trailing: bool
    aligned: bool


ANY_PADDING = "*"


def row_padding(row: Row) -> str | None:
    """``" "`` or ``""`` if every cell of ``row`` is padded that way, else None.

    An empty cell fits any padding, and so does a row of them (:data:`ANY_PADDING`);
    without its outer pipe, a row's edge is its indentation or the line's end, no padding.
    """
    found: set[str] = set()
    last = len(row.cells) - 1
    for index in range(len(row.cells)):
        if not row.cell(index).strip(" "):
            continue
        left, right = row.padding(index)
        sides = [left] if index > 0 or row.leading else []
        if (index < last or row.trailing) and not (right == " " and _escapes(row.cell(index))):
            sides.append(right)
        if any(side not in (" ", "") for side in sides):
            return None
        found.update(sides)
    if len(found) > 1:
        return None
    return found.pop() if found else ANY_PADDING


def fits(row: Row, padding: str | None) -> bool:
    """Whether ``row`` is padded as ``padding`` says (None: any way)."""
    own = row_padding(row)
    return padding is None or own in (padding, ANY_PADDING)


def file_style(document: Document) -> TableStyle:
    """The style most rows of the file's entry tables are in."""
    tables = tables_of(document).tables
    rows = [split_row(document.lines[entry.line - 1]) for t in tables for entry in t.rows]
    aligned = sum(_is_aligned(document, table) for table in tables)
    return _style_of(rows, aligned * 2 > len(tables) and len(tables) > 0)


def _style_of(rows: Sequence[Row], aligned: bool) -> TableStyle:
    paddings = Counter(row_padding(row) for row in rows)
    paddings[" "] += paddings[ANY_PADDING]  # an empty row counts for neither against the other
    paddings[""] += paddings.pop(ANY_PADDING, 0)
    padding, count = max(
        ((style, paddings[style]) for style in (" ", "")), key=lambda pair: pair[1]
    )
    leading = sum(row.leading for row in rows) * 2 >= len(rows)
    trailing = sum(row.trailing for row in rows) * 2 >= len(rows)
    return TableStyle(padding if count * 2 > len(rows) else None, leading, trailing, aligned)


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pipe_columns(text: str) -> list[int]:
    return [display_width(text[: match.start()]) for match in PIPE.finditer(text)]


def _is_aligned(document: Document, table: Table) -> bool:
    """Whether every line of ``table`` has its pipes at the same display columns.

    Without a trailing pipe the last column's edge is invisible, so there the delimiter's
    dashes must also span its widest cell, as an aligned table is written; else pipes
    that line up by chance (equal cells in every column but the last) would make the next
    fix align a table the last one did not.
    """
    if len(table.rows) < 2:
        return False
    lines = [
        strip_newline(document.lines[line_no - 1])
        for line_no in range(table.span.start, table.span.end + 1)
    ]
    first = _pipe_columns(lines[0])
    if any(_pipe_columns(line) != first for line in lines[1:]):
        return False
    delimiter = split_row(lines[1])
    if delimiter.trailing:
        return True
    last = len(delimiter.cells) - 1
    rows = [split_row(line) for line in lines]
    widest = max(
        (display_width(row.content(last)) for row in rows if last < len(row.cells)), default=0
    )
    return display_width(delimiter.content(last)) >= widest


@dataclass(frozen=True)
class TablePlan:
    """One entry table in canonical form."""

    table: Table
    order: tuple[int, ...]  # column indexes in their new order
    rows: tuple[Entry, ...]  # rows in their new order
    lines: Sequence[str | int]  # the table's new lines (see :func:`readmelint.output.compact`)
    changed: frozenset[int]  # lines (1-based) whose own text changes, moves aside


@dataclass(frozen=True)
class TablesPlan:
    """Every entry table of a document in canonical form."""

    style: TableStyle
    tables: tuple[TablePlan, ...]

    def blocks(self) -> Iterator[Block]:
        for plan in self.tables:
            yield Block(plan.table.span.start, plan.table.span.end, (plan.lines,))


def column_order(table: Table, schema: Schema) -> tuple[int, ...]:
    """Known columns in schema order (stable), then the others as they were."""
    known = [i for i, c in enumerate(table.columns) if c.key in schema.order]
    known.sort(key=lambda i: schema.order[table.columns[i].key or ""])
    return (*known, *(i for i, c in enumerate(table.columns) if c.key not in schema.order))


def plan(
    document: Document, settings: Settings, reparse: Reparse, all_lines: bool = True
) -> TablesPlan:
    """Every entry table in canonical form (a table's lines are few: kept either way).

    Rows fix writes afresh (moved cells, added ones) take a padding; should that change
    which style most rows have, the tables are written again in the new one, so that a
    second run finds the style the first wrote.
    """
    style = file_style(document)
    tables = tables_of(document).tables
    for _ in range(3):
        plans = [_plan_table(document, table, settings, style) for table in tables]
        written = [split_row(line) for _, body in plans for line in body]
        settled = _style_of(written, style.aligned)
        if settled == style:
            break
        style = settled
    return TablesPlan(style, tuple(table_plan for table_plan, _ in plans))


def _plan_table(
    document: Document, table: Table, settings: Settings, style: TableStyle
) -> tuple[TablePlan, list[str]]:
    order = column_order(table, settings.schema)
    rows = order_entries(table.rows, settings)  # a template row has no date: it goes last
    widths = _widths(document, table, order) if style.aligned else None
    original = [
        strip_newline(document.lines[i]) for i in range(table.span.start - 1, table.span.end)
    ]
    head = _render(split_row(original[0]), order, len(order), style, widths, header=True)
    delimiter = _render(split_row(original[1]), order, len(order), style, widths, rule=True)
    body = [_row(document, entry, order, style, widths) for entry in rows]
    new = [head, delimiter, *body]
    changed = {table.span.start} if head != original[0] else set()
    changed |= {table.span.start + 1} if delimiter != original[1] else set()
    changed |= {e.line for e, line in zip(rows, body, strict=True) if line != _own(document, e)}
    lines = compact(new, original, table.span.start - 1)
    return TablePlan(table, order, rows, lines, frozenset(changed)), body


def _row(
    document: Document,
    entry: Entry,
    order: tuple[int, ...],
    style: TableStyle,
    widths: list[int] | None,
) -> str:
    """A body row in canonical form; a template row (every cell empty) as it is."""
    row = split_row(document.lines[entry.line - 1])
    if is_template_row(row):
        return _own(document, entry)
    return _render(row, order, len(order), style, widths)


def _own(document: Document, entry: Entry) -> str:
    return strip_newline(document.lines[entry.line - 1])


def _widths(document: Document, table: Table, order: tuple[int, ...]) -> list[int]:
    widths = [3] * len(order)
    for line_no in (table.span.start, *(e.line for e in table.rows)):
        row = split_row(document.lines[line_no - 1])
        for position, index in enumerate(order):
            if index < len(row.cells):
                widths[position] = max(widths[position], display_width(row.content(index)))
    return widths


def _render(
    row: Row,
    order: tuple[int, ...],
    count: int,
    style: TableStyle,
    widths: list[int] | None,
    header: bool = False,
    rule: bool = False,
) -> str:
    """``row`` with its cells in ``order``, padded to ``count`` cells, in ``style``.

    Cells beyond ``count`` (which GitHub does not show) follow, as they were. The
    header and delimiter keep their own padding (they are often centred by hand)
    unless the file aligns its tables.
    """
    indexes = [*order, *range(count, len(row.cells))]
    # Without its outer pipes, a row's first and last cells hold its edge whitespace:
    # moved inside, a middle cell moved to an edge, or cells added after the last,
    # they are padded afresh.
    bare = not (row.leading and row.trailing)
    moving = indexes[: len(row.cells)] != list(range(min(len(indexes), len(row.cells))))
    restyle = (
        widths is not None
        or (bare and (moving or count > len(row.cells)))
        or (style.padding is not None and not header and not rule and not fits(row, style.padding))
    )
    cells = []
    for position, index in enumerate(indexes):
        content = row.content(index) if index < len(row.cells) else ""
        if widths is not None and position < len(widths):
            width = widths[position]
            if rule:
                content = _rule_cell(content, width)
            cells.append(f" {content}{' ' * (width - display_width(content))} ")
        elif restyle or index >= len(row.cells):
            pad = style.padding if style.padding is not None else " "
            cells.append(f"{pad}{content}{pad}")
        else:
            cells.append(row.cell(index))
    leading = style.leading if restyle and style.padding is not None else row.leading
    trailing = style.trailing if restyle and style.padding is not None else row.trailing
    # An empty first or last cell needs its outer pipe, or the row loses it; one cell
    # needs a pipe to be a row at all.
    leading = (
        leading
        or not cells[0].strip(TRIM)
        or (len(cells) == 1 and not trailing)
        # A first cell that starts like a list item, a heading, a quote ... would end the
        # table: behind a pipe it cannot.
        or (restyle and cells[0].strip(TRIM)[:1] in BLOCK_STARTS)
    )
    trailing = trailing or not cells[-1].strip(TRIM)
    if restyle and not leading:
        cells[0] = cells[0].lstrip(" ")  # the row's own indentation stands for its padding
    if restyle and not trailing:
        cells[-1] = cells[-1].rstrip(" ")
    # A cell ending in a backslash, now followed by a pipe, would escape it.
    for index in range(len(cells) if trailing else len(cells) - 1):
        if _escapes(cells[index] + "|"):
            cells[index] += " "
    text = "|".join(cells)
    return row.indent + ("|" if leading else "") + text + ("|" if trailing else "")


BLOCK_STARTS = frozenset("-*+#>=`~<0123456789")


def _escapes(cell: str) -> bool:
    """Whether ``cell``, without its last character, ends in an odd run of backslashes:
    before a pipe, one that would escape it; before a space, one that guards a pipe (a
    space :func:`row_padding` counts for neither padding)."""
    body = cell[:-1]
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def _rule_cell(content: str, width: int) -> str:
    left = content.startswith(":")
    right = content.endswith(":") and len(content) > 1
    return (":" if left else "") + "-" * (width - left - right) + (":" if right else "")

"""A new row of an entry table, written as the file writes its rows (``readmelint add``)."""

from __future__ import annotations

from readmelint.layouts.adding import CannotWrite, Insertion, NewEntry
from readmelint.layouts.table.render import BLOCK_STARTS, display_width, file_style, row_padding
from readmelint.layouts.table.rows import Table, split_row, tables_of
from readmelint.model import Document, Entry
from readmelint.settings import Settings


def add(
    document: Document,
    settings: Settings,
    new: NewEntry,
    before: Entry | None,
    after: Entry | None,
) -> Insertion:
    """One row, its cells in the table's column order, each field's value in its column
    (pipes escaped), padded and piped as most rows of the file are (else as its
    neighbour), and to the columns' widths where the table lines its pipes up."""
    neighbour = before or after
    table = next((t for t in tables_of(document).tables if neighbour in t.rows), None)
    if neighbour is None or table is None:
        raise CannotWrite("no entry table to add a row to")
    style = file_style(document)
    own = split_row(document.lines[neighbour.line - 1])
    padding = style.padding if style.padding is not None else row_padding(own)
    pad = " " if padding in (None, "*") else padding
    leading = style.leading if style.padding is not None else own.leading
    trailing = style.trailing if style.padding is not None else own.trailing
    cells = [_cell(new.fields.get(column.key or "", "")) for column in table.columns]
    widths = _widths(document, table) if style.aligned else None
    if widths is not None and all(
        display_width(cell) <= width for cell, width in zip(cells, widths, strict=False)
    ):
        written = [
            f" {c}{' ' * (w - display_width(c))} " for c, w in zip(cells, widths, strict=True)
        ]
    else:
        written = [f"{pad}{cell}{pad}" if cell else pad * 2 or "" for cell in cells]
    leading = leading or not cells[0] or cells[0][:1] in BLOCK_STARTS or len(cells) == 1
    trailing = trailing or not cells[-1]
    if not leading:
        written[0] = written[0].lstrip(" ")
    if not trailing:
        written[-1] = written[-1].rstrip(" ")
    line = own.indent + ("|" if leading else "") + "|".join(written) + ("|" if trailing else "")
    at = before.line - 1 if before is not None else neighbour.line
    return Insertion(at, at, (line,), 0, 1)


def _cell(value: str) -> str:
    """A value as a cell: on one line, its pipes escaped (a backslash before one that
    is already escaped stays as it is), no trailing backslash to escape the next pipe."""
    text = " ".join(value.split())
    out = []
    for index, char in enumerate(text):
        if char == "|" and (index == 0 or text[index - 1] != "\\"):
            out.append("\\|")
        else:
            out.append(char)
    cell = "".join(out)
    return cell + " " if cell.endswith("\\") else cell


def _widths(document: Document, table: Table) -> list[int] | None:
    """Each column's width where every line of the table has its pipes in one place."""
    head = split_row(document.lines[table.span.start - 1])
    widths = [len(head.cell(index)) - 2 for index in range(len(head.cells))]
    for line_no in range(table.span.start, table.span.end + 1):
        row = split_row(document.lines[line_no - 1])
        if [len(row.cell(i)) for i in range(len(row.cells))] != [w + 2 for w in widths]:
            return None
    return widths

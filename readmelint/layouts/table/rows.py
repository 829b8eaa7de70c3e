"""Reading entry tables: rows cut into cells as GitHub cuts them, and what a row holds.

An *entry table* is a table whose header cells, read as labels (markup,
``&nbsp;``, case and spacing aside), name at least two fields of the schema;
every other table is left alone. A row is an entry, each cell under a header
a field. Cells are split on every pipe not escaped with a backslash, inside
code spans too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readmelint.entries import shared_values
from readmelint.labels import normalise
from readmelint.layouts import Around
from readmelint.markdown import plain_text
from readmelint.model import Document, Entry, Field, Form, Span
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import Lines, strip_newline
from readmelint.whitespace import WhitespaceMarks

if TYPE_CHECKING:
    from markdown_it.token import Token

NAME = "table"
ROW = Form(
    "row",
    NAME,
    reports_fields=False,  # a table reports missing and unknown columns at its header
    stub="every cell is",
    title_in_field=True,
)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an entry table: its header's text and the schema key it names."""

    title: str
    key: str | None  # None: an empty header, which names no field


@dataclass(frozen=True, slots=True)
class Table:
    """An entry table: a header naming fields, a delimiter row, a row per entry."""

    span: Span  # the header's line to the last row's
    columns: tuple[Column, ...]
    rows: tuple[Entry, ...]
    section: int  # the number of section headings above it

    @property
    def header_line(self) -> int:
        return self.span.start


@dataclass(frozen=True)
class Tables:
    """The table layout's entry tables, and the other tables (their lines)."""

    tables: tuple[Table, ...] = ()
    others: tuple[Span, ...] = ()

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(row for table in self.tables for row in table.rows)

    @property
    def titles(self) -> frozenset[int]:
        return frozenset()

    @property
    def blocks(self) -> tuple[tuple[int, int], ...]:
        return tuple((table.span.start, table.span.end) for table in self.tables)


def tables_of(document: Document) -> Tables:
    """What the table layout found in ``document`` (nothing if it was not read)."""
    found = document.found.get(NAME)
    return found if isinstance(found, Tables) else Tables()


class TableFinder:
    """Collects the top-level tables of each chunk, then the entry tables among them."""

    def __init__(self, lines: Lines, settings: Settings, marks: WhitespaceMarks):
        self.lines = lines
        self.schema = settings.schema
        self.spans: list[tuple[int, int]] = []  # each table's lines, 0-based, end excluded

    def add(self, tokens: Sequence[Token], index: int) -> None:
        token = tokens[index]
        if token.type == "table_open" and token.map is not None:
            self.spans.append((token.map[0], token.map[1]))

    def build(self, around: Around) -> Tables:
        """The entry tables, but for those inside another layout's entry (they belong to it)."""
        found = []
        ended = None
        for start, end in self.spans:
            # markdown-it-py starts a new table at a row followed by a delimiter row, where
            # GitHub goes on with the table above: its lines are that table's rows, no entries.
            continues, ended = start == ended, end
            header = self.lines[start]
            if continues or around.holds(start + 1) or _opens_html(header) or _opens_item(header):
                continue
            table = read_table(
                self.lines, start, end, self.schema, around.section(start + 1), around
            )
            if table is not None:
                found.append(table)
        starts = {table.span.start for table in found}
        others = tuple(Span(start + 1, end) for start, end in self.spans if start + 1 not in starts)
        return Tables(tuple(found), others)


def _opens_html(line: str) -> bool:
    """Whether GitHub reads ``line`` as the start of an HTML block (``<!--``, ``<div``):
    then it shows no table there, whatever markdown-it-py reads (its table rule comes
    first), and a fix that moved the header's cells could make the lines something else."""
    # Here, not at the top: `readmelint rules` imports the layouts, never the parser.
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    text = line.lstrip(" ")
    return any(opening.search(text) for opening, _, interrupts in HTML_SEQUENCES if interrupts)


# A list item's marker: a bullet, or a number of up to nine digits and `.` or `)`.
_ITEM = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")


def _opens_item(line: str) -> bool:
    """Whether ``line`` starts with a list item's marker: GitHub reads a list item (or,
    right under one, a lazy line of its paragraph) where markdown-it-py reads a table's
    header (its table rule comes first), so fix moving the header's cells would change
    what the lines are."""
    return _ITEM.match(line) is not None


# The whitespace markdown-it trims around a row and a cell (its MD_TRIM_CHARS).
TRIM = " \t\n\x0b\x0c\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501


# A pipe separates cells unless a backslash is right before it (markdown-it's rule).
PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True, slots=True)
class Row:
    """A table line cut into cells: each cell's text between its pipes, as offsets.

    ``start`` and ``end`` bound the row's text without surrounding whitespace;
    ``leading``/``trailing``: whether it starts/ends with a pipe.
    """

    text: str
    start: int
    end: int
    leading: bool
    trailing: bool
    cells: tuple[tuple[int, int], ...]

    def cell(self, index: int) -> str:
        start, end = self.cells[index]
        return self.text[start:end]

    def content(self, index: int) -> str:
        """What cell ``index`` holds, its padding aside (tabs are kept: they may be content)."""
        return self.cell(index).strip(" ")

    def padding(self, index: int) -> tuple[str, str]:
        cell = self.cell(index)
        return cell[: len(cell) - len(cell.lstrip(" "))], cell[len(cell.rstrip(" ")) :]

    @property
    def indent(self) -> str:
        return self.text[: self.start]


def split_row(line: str) -> Row:
    """Cut a table line into cells the way markdown-it does (``\\|`` is no separator)."""
    text = strip_newline(line)
    start = len(text) - len(text.lstrip(TRIM))
    end = len(text.rstrip(TRIM))
    pipes = [match.start() for match in PIPE.finditer(text, start, end)]
    bounds = [start - 1, *pipes, end]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    leading = bool(cells) and cells[0][0] == cells[0][1]
    if leading:
        cells.pop(0)
    trailing = bool(cells) and cells[-1][0] == cells[-1][1] and bool(pipes)
    if trailing:
        cells.pop()
    return Row(text, start, end, leading, trailing, tuple(cells))


def header_key(title: str, schema: Schema | None = None) -> str | None:
    """The schema key a header names: read like a label, ``&nbsp;`` and markup aside
    (without a schema, the header's normalised text)."""
    text = plain_text(title).strip(TRIM)
    key = schema.key_of(text) if schema is not None else normalise(text)
    return key or None


def read_table(
    lines: Lines,
    header: int,
    end: int,
    schema: Schema,
    section: int,
    around: Around | None = None,
) -> Table | None:
    """The entry table on lines ``header`` to ``end`` (0-based, end excluded), if it is one;
    ``around``: what its rows take from the headings above it."""
    head = split_row(lines[header])
    columns = tuple(
        Column(head.content(index).strip(TRIM), header_key(head.cell(index), schema))
        for index in range(len(head.cells))
    )
    if sum(column.key in schema.order for column in columns) < 2:
        return None
    shared = around.shared(header + 1) if around is not None else ()
    rows = tuple(
        _row_entry(lines, index, columns, section, shared) for index in range(header + 2, end)
    )
    return Table(Span(header + 1, end), columns, rows, section)


def _row_entry(
    lines: Lines,
    index: int,
    columns: tuple[Column, ...],
    section: int,
    shared: tuple[Field, ...] = (),
) -> Entry:
    row = split_row(lines[index])
    fields = []
    for position, column in enumerate(columns[: len(row.cells)]):
        if column.key is None:
            continue  # an empty header names no field
        start, end = row.cells[position]
        fields.append(
            Field(
                label=column.title,
                key=column.key,
                span=Span(index + 1, index + 1),
                column=start + 1,
                label_source="",
                lines=lines,
                end_column=end + 1,
            )
        )
    return Entry(
        heading="",  # a row has no heading: its title is one of its cells
        heading_source="",
        level=0,
        span=Span(index + 1, index + 1),
        heading_line=index + 1,
        fields=tuple(fields),
        form=ROW,
        section=section,
        shared=shared,
    )


def is_template_row(row: Row) -> bool:
    return not any(row.cell(index).strip(TRIM) for index in range(len(row.cells)))


def signature(
    document: Document, entry: Entry, table: Table, header: tuple[object, ...]
) -> tuple[object, ...]:
    """What a row holds, blind to column order and padding: each cell by its header.

    ``header``: the table's :func:`table_signature`, so a row cannot move to another table.
    """
    row = split_row(document.lines[entry.line - 1])
    if is_template_row(row):
        # fix leaves a row of blank cells as it is, whatever tabs it holds in which column
        return (table.section, header, (), (), shared_values(entry))
    cells = sorted(
        (table.columns[i].title, row.content(i))
        for i in range(min(len(row.cells), len(table.columns)))
        if row.content(i)
    )
    extra = tuple(row.content(i) for i in range(len(table.columns), len(row.cells)))
    return (table.section, header, tuple(cells), extra, shared_values(entry))


def table_signature(document: Document, table: Table) -> tuple[object, ...]:
    """A table's header and delimiter, cell by cell, blind to column order and padding."""
    header = split_row(document.lines[table.span.start - 1])
    rule = split_row(document.lines[table.span.start])
    return tuple(
        sorted(
            (header.content(i), _alignment(rule.content(i)) if i < len(rule.cells) else "")
            for i in range(len(header.cells))
        )
    )


def _alignment(cell: str) -> str:
    return ("left" if cell.startswith(":") else "") + ("right" if cell.endswith(":") else "")

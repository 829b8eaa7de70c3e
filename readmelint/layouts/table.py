"""Markdown tables as a layout: one paper per row, one field per column.

An *entry table* is a table whose header cells, read as labels (markup,
``&nbsp;``, case and spacing aside), name at least two fields of the schema;
every other table is left alone. Cells are split as GitHub splits them: on every
pipe not escaped with a backslash, inside code spans too.

fix puts columns in schema order (unknown ones after, as they were: the header,
delimiter and every row's cells move together), sorts rows by date, pads rows
that miss trailing cells, and writes each row's padding in the style most rows
of the file use, when most do use one. It never changes what a cell holds and
never drops a cell: a row with more cells than its header keeps them (GitHub
does not show them: that is reported, for a person to fix).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from readmelint.canonical.order import order_entries
from readmelint.labels import normalise
from readmelint.markdown import plain_text
from readmelint.model import Column, Diagnostic, Document, Entry, Field, Layout, Span, Table
from readmelint.output import Block, compact
from readmelint.rules.base import Context, Rule
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import Lines, strip_newline

# The whitespace markdown-it trims around a row and a cell (its MD_TRIM_CHARS).
_TRIM = " \t\n\x0b\x0c\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"  # noqa: E501

# A pipe separates cells unless a backslash is right before it (markdown-it's rule).
_PIPE = re.compile(r"(?<!\\)\|")

_TABLE = (
    "| Title | Venue | Date |\n"
    "| --- | --- | --- |\n"
    "| [AnyGPT](https://arxiv.org/abs/2402.12226) | arXiv | 2024-02-19 |\n"
)
_TABLE_SCHEMA: dict[str, dict[str, Any]] = {
    "title": {"title": "Title", "type": "string", "minLength": 1},
    "venue": {"title": "Venue", "type": "string"},
    "date": {"title": "Date", "type": "string", "format": "date"},
}

RL012 = Rule(
    "RL012",
    "extra-cells",
    "A table row has more cells than its header: GitHub does not show the extra ones.",
    "Their content is invisible on GitHub, so `fix` never deletes it: move it into a "
    "column, or add a column to the header.",
    _TABLE + "| [Emu](https://arxiv.org/abs/2307.05222) | arXiv | 2023-07-11 | lost |\n",
    _TABLE,
    failing_line=4,
    schema_fields=_TABLE_SCHEMA,
)
RL108 = Rule(
    "RL108",
    "missing-cells",
    "A table row has fewer cells than its header.",
    "Markdown shows the missing cells empty; `fix` writes them, empty, so the row reads "
    "as it renders.",
    _TABLE + "| [Emu](https://arxiv.org/abs/2307.05222) | arXiv |\n",
    _TABLE,
    fixable=True,
    failing_line=4,
    schema_fields={**_TABLE_SCHEMA, "date": {"title": "Date", "type": "string"}},
)
RL109 = Rule(
    "RL109",
    "cell-padding",
    "A table row pads its cells unlike most rows of the file (`| a | b |` or `|a|b|`).",
    "Only where most rows of the file use one style: a file without one keeps each "
    "row's padding as it is.",
    _TABLE + "| [Emu](https://arxiv.org/abs/2307.05222) |arXiv| 2023-07-11 |\n",
    _TABLE,
    fixable=True,
    failing_line=4,
    schema_fields=_TABLE_SCHEMA,
)

RULES = (RL012, RL108, RL109)


# --- reading rows ------------------------------------------------------------------


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
    start = len(text) - len(text.lstrip(_TRIM))
    end = len(text.rstrip(_TRIM))
    pipes = [match.start() for match in _PIPE.finditer(text, start, end)]
    bounds = [start - 1, *pipes, end]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    leading = bool(cells) and cells[0][0] == cells[0][1]
    if leading:
        cells.pop(0)
    trailing = bool(cells) and cells[-1][0] == cells[-1][1] and bool(pipes)
    if trailing:
        cells.pop()
    return Row(text, start, end, leading, trailing, tuple(cells))


def header_key(title: str) -> str | None:
    """The schema key a header names: read like a label, ``&nbsp;`` and markup aside."""
    key = normalise(plain_text(title).strip(_TRIM))
    return key or None


def find(lines: Lines, header: int, end: int, schema: Schema, section: int) -> Table | None:
    """The entry table on lines ``header`` to ``end`` (0-based, end excluded), if it is one."""
    head = split_row(lines[header])
    columns = tuple(
        Column(head.content(index).strip(_TRIM), header_key(head.cell(index)))
        for index in range(len(head.cells))
    )
    if sum(column.key in schema.order for column in columns) < 2:
        return None
    rows = tuple(_row_entry(lines, index, columns, section) for index in range(header + 2, end))
    return Table(Span(header + 1, end), columns, rows, section)


def _row_entry(lines: Lines, index: int, columns: tuple[Column, ...], section: int) -> Entry:
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
        layout=Layout.ROW,
        section=section,
    )


def is_template_row(row: Row) -> bool:
    return not any(row.cell(index).strip(_TRIM) for index in range(len(row.cells)))


# --- the style of a file's rows ----------------------------------------------------


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


def _row_padding(row: Row) -> str | None:
    """``" "`` or ``""`` if every cell of ``row`` is padded that way, else None."""
    found: set[str] = set()
    for index in range(len(row.cells)):
        cell = row.cell(index)
        if not cell.strip(" "):
            continue  # an empty cell fits any padding
        left, right = row.padding(index)
        if left != right or left not in (" ", ""):
            return None
        found.add(left)
    return found.pop() if len(found) == 1 else (" " if not found else None)


def file_style(document: Document) -> TableStyle:
    rows = [split_row(document.lines[entry.line - 1]) for t in document.tables for entry in t.rows]
    paddings = Counter(_row_padding(row) for row in rows)
    padding, count = max(
        ((style, paddings[style]) for style in (" ", "")), key=lambda pair: pair[1]
    )
    leading = sum(row.leading for row in rows) * 2 >= len(rows)
    trailing = sum(row.trailing for row in rows) * 2 >= len(rows)
    aligned = sum(_is_aligned(document, table) for table in document.tables)
    return TableStyle(
        padding if count * 2 > len(rows) else None,
        leading,
        trailing,
        aligned * 2 > len(document.tables) and len(document.tables) > 0,
    )


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pipe_columns(text: str) -> list[int]:
    return [display_width(text[: match.start()]) for match in _PIPE.finditer(text)]


def _is_aligned(document: Document, table: Table) -> bool:
    """Whether every line of ``table`` has its pipes at the same display columns."""
    if len(table.rows) < 2:
        return False
    first = _pipe_columns(strip_newline(document.lines[table.span.start - 1]))
    return all(
        _pipe_columns(strip_newline(document.lines[line_no - 1])) == first
        for line_no in range(table.span.start + 1, table.span.end + 1)
    )


# --- the canonical form ------------------------------------------------------------


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


def plan(document: Document, settings: Settings) -> TablesPlan:
    style = file_style(document)
    plans = []
    for table in document.tables:
        order = column_order(table, settings.schema)
        rows = order_entries(table.rows, settings)  # a template row has no date: it goes last
        widths = _widths(document, table, order) if style.aligned else None
        original = [
            strip_newline(document.lines[i]) for i in range(table.span.start - 1, table.span.end)
        ]
        head = _render(split_row(original[0]), order, len(order), style, widths, header=True)
        delimiter = _render(split_row(original[1]), order, len(order), style, widths, rule=True)
        body = [
            _render(split_row(document.lines[e.line - 1]), order, len(order), style, widths)
            for e in rows
        ]
        new = [head, delimiter, *body]
        changed = {table.span.start} if head != original[0] else set()
        changed |= {table.span.start + 1} if delimiter != original[1] else set()
        changed |= {e.line for e, line in zip(rows, body, strict=True) if line != _own(document, e)}
        lines = compact(new, original, table.span.start - 1)
        plans.append(TablePlan(table, order, rows, lines, frozenset(changed)))
    return TablesPlan(style, tuple(plans))


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
    restyle = widths is not None or (
        style.padding is not None and not header and not rule and _row_padding(row) != style.padding
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
    leading = style.leading if restyle else row.leading
    trailing = style.trailing if restyle else row.trailing
    text = "|".join(cells)
    # An empty first or last cell needs its outer pipe, or the row loses it; one cell
    # needs a pipe to be a row at all.
    if leading or not cells[0].strip(_TRIM) or (len(cells) == 1 and not trailing):
        text = "|" + text
    if trailing or not cells[-1].strip(_TRIM):
        text += "|"
    return row.indent + text


def _rule_cell(content: str, width: int) -> str:
    left = content.startswith(":")
    right = content.endswith(":") and len(content) > 1
    return (":" if left else "") + "-" * (width - left - right) + (":" if right else "")


# --- what check reports ------------------------------------------------------------


def check(context: Context) -> Iterator[Diagnostic]:
    from readmelint.rules.fields import RL001, RL005, closest_title
    from readmelint.rules.style import RL101, RL104, RL105, RL107

    path, document, schema = context.path, context.document, context.settings.schema
    tables = context.canonical.tables
    style = tables.style
    for table_plan in tables.tables:
        table = table_plan.table
        header = split_row(document.lines[table.header_line - 1])
        keys = {column.key for column in table.columns}
        for spec in schema.fields:
            if spec.required and spec.key not in keys:
                yield RL001.at(
                    path,
                    table.header_line,
                    header.cells[0][0] + 1 if header.cells else 1,
                    f'table has no column "{spec.title}"; add it to the header',
                )
        for index, column in enumerate(table.columns):
            if column.key is not None and column.key not in schema.order and schema.closed:
                yield RL005.at(
                    path,
                    table.header_line,
                    header.cells[index][0] + 1,
                    f'unknown column "{column.title}"; did you mean '
                    f'"{closest_title(column.key, keys, schema)}"?',
                )
        found_lines: set[int] = set()
        if table_plan.order != tuple(range(len(table.columns))):
            first = next(p for p, i in enumerate(table_plan.order) if p != i)
            expected, actual = table.columns[table_plan.order[first]], table.columns[first]
            found_lines.add(table.header_line)
            yield RL101.at(
                path,
                table.header_line,
                header.cells[first][0] + 1,
                f'column "{expected.title}" should come before "{actual.title}" (schema order)',
            )
        for actual_row, expected_row in zip(table.rows, table_plan.rows, strict=True):
            if actual_row is not expected_row:
                sort = context.settings.resolved_sort()
                by = schema.spec(sort.key if sort else None)
                direction = "newest first" if sort is None or sort.descending else "oldest first"
                yield RL104.at(
                    path,
                    expected_row.line,
                    1,
                    f"this row should come before line {actual_row.line}: rows are sorted by "
                    f"{by.title if by else 'date'}, {direction}",
                )
                break
        for entry in table.rows:
            row = split_row(document.lines[entry.line - 1])
            reported = False
            if len(row.cells) > len(table.columns):
                yield RL012.at(
                    path,
                    entry.line,
                    row.cells[len(table.columns)][0] + 1,
                    f"row has {len(row.cells)} cells, the header {len(table.columns)}: GitHub "
                    "does not show the rest; move it into a column",
                )
            if len(row.cells) < len(table.columns):
                reported = True
                yield RL108.at(
                    path,
                    entry.line,
                    row.end + 1,
                    f"row has {len(row.cells)} cells, the header {len(table.columns)}; "
                    "fix adds the missing ones, empty",
                )
            own = _row_padding(row)
            if style.padding is not None and own != style.padding and not style.aligned:
                reported = True
                name = "| a | b |" if style.padding else "|a|b|"
                yield RL109.at(
                    path,
                    entry.line,
                    row.start + 1,
                    f"cells are padded unlike most rows of this file ({name})",
                )
            text = row.text
            if len(text) != len(text.rstrip(" \t")):
                reported = True
                yield RL105.at(
                    path,
                    entry.line,
                    len(text.rstrip(" \t")) + 1,
                    "trailing whitespace (not a hard line break)",
                )
            if entry.line in table_plan.changed and not reported and not found_lines:
                yield RL107.at(
                    path,
                    entry.line,
                    row.start + 1,
                    "row is not in canonical form; `readmelint fix --diff` shows how",
                )
        rule_lines = {table.header_line, table.header_line + 1} & table_plan.changed
        if rule_lines and not found_lines:
            yield RL107.at(
                path,
                min(rule_lines),
                1,
                "table header is not in canonical form; `readmelint fix --diff` shows how",
            )


# --- what the safety check compares ------------------------------------------------


def signature(
    document: Document, entry: Entry, table: Table, header: tuple[object, ...]
) -> tuple[object, ...]:
    """What a row holds, blind to column order and padding: each cell by its header.

    ``header``: the table's :func:`table_signature`, so a row cannot move to another table.
    """
    row = split_row(document.lines[entry.line - 1])
    cells = sorted(
        (table.columns[i].title, row.content(i))
        for i in range(min(len(row.cells), len(table.columns)))
        if row.content(i)
    )
    extra = tuple(row.content(i) for i in range(len(table.columns), len(row.cells)))
    return (table.section, header, tuple(cells), extra)


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

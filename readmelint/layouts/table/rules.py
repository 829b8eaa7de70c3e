"""What check reports of entry tables: the table codes, and the shared ones at rows and headers.

Missing and unknown columns are reported once, at the header; everything fix
would change is reported, and only that (RL107 where no other code names it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from readmelint.diagnostics import Diagnostic
from readmelint.layouts.table.render import TablesPlan, fits
from readmelint.layouts.table.rows import Row, Table, is_template_row, split_row, tables_of
from readmelint.model import Document, Span
from readmelint.rules.base import Context, Rule
from readmelint.rules.fields import RL001, RL005, closest_title
from readmelint.rules.style import misplaced_entry, misplaced_field, not_canonical, whitespace

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
    config={"layout": "table"},
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
    config={"layout": "table"},
)


RL109 = Rule(
    "RL109",
    "cell-padding",
    "A table row pads its cells unlike most rows of the file (`| a | b |` or `|a|b|`).",
    "Only where most rows of the file use one style: a file without one keeps each "
    "row's padding as it is.",
    _TABLE
    + "| [Emu](https://arxiv.org/abs/2307.05222) | arXiv | 2023-07-11 |\n"
    + "| [BLIP-2](https://arxiv.org/abs/2301.12597) |arXiv| 2023-01-30 |\n",
    _TABLE + "| [Emu](https://arxiv.org/abs/2307.05222) | arXiv | 2023-07-11 |\n",
    fixable=True,
    failing_line=5,
    schema_fields=_TABLE_SCHEMA,
    config={"layout": "table"},
)


RULES: tuple[Rule, ...] = (RL012, RL108, RL109)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, schema = context.path, context.document, context.settings.schema
    tables = context.canonical.of(TablesPlan)
    style = tables.style
    for span in tables_of(document).others:  # no entry table, but GitHub hides their cells too
        yield from _hidden_cells(path, document, span)
    for table_plan in tables.tables:
        table = table_plan.table
        header = split_row(document.lines[table.header_line - 1])
        keys = {column.key for column in table.columns}
        # (Its rows share the fields they take from the headings above: a digest's date.)
        given = {field.key for row in table.rows[:1] for field in row.shared}
        for spec in schema.fields:
            if spec.required and spec.key not in keys and spec.key not in given:
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
        misplaced = list(_misplaced_column(path, table, header, table_plan.order))
        yield from misplaced
        yield from misplaced_entry(
            path,
            table.rows,
            table_plan.rows,
            context.settings,
            lambda found, expected: (
                expected.line,
                1,
                f"this row should come before line {found.line}",
            ),
            noun="rows",
        )
        for entry in table.rows:
            row = split_row(document.lines[entry.line - 1])
            if is_template_row(row):
                continue  # reported once as a template stub (RL007), and left as it is
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
            if not fits(row, style.padding) and not style.aligned:
                reported = True
                name = "| a | b |" if style.padding else "|a|b|"
                yield RL109.at(
                    path,
                    entry.line,
                    row.start + 1,
                    f"cells are padded unlike most rows of this file ({name})",
                )
            trailing = list(whitespace(path, entry.line, row.text, row.text.rstrip(" \t")))
            yield from trailing
            reported = reported or bool(trailing)
            if entry.line in table_plan.changed and not reported and not misplaced:
                yield not_canonical(path, entry.line, row.start + 1, "row")
        rule_lines = {table.header_line, table.header_line + 1} & table_plan.changed
        if rule_lines and not misplaced:
            yield not_canonical(path, min(rule_lines), 1, "table header")


def _misplaced_column(
    path: str, table: Table, header: Row, order: tuple[int, ...]
) -> Iterator[Diagnostic]:
    """RL101 at the header cell of the first column out of the schema's order."""
    index = {id(column): position for position, column in enumerate(table.columns)}
    yield from misplaced_field(
        path,
        table.columns,
        [table.columns[position] for position in order],
        lambda column: (table.header_line, header.cells[index[id(column)]][0] + 1),
        lambda column: column.title,
        what="column",
    )


def _hidden_cells(path: str, document: Document, span: Span) -> Iterator[Diagnostic]:
    header = len(split_row(document.lines[span.start - 1]).cells)
    for line in range(span.start + 2, span.end + 1):
        row = split_row(document.lines[line - 1])
        if len(row.cells) > header:
            yield RL012.at(
                path,
                line,
                row.cells[header][0] + 1,
                f"row has {len(row.cells)} cells, the header {header}: GitHub does not show "
                "the rest; move it into a column",
            )

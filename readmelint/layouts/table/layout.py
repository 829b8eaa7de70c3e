"""The table layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.layouts.table.new import add
from readmelint.layouts.table.render import plan
from readmelint.layouts.table.rows import signature, table_signature
from readmelint.layouts.table.rules import RULES, check
from readmelint.model import Document

NAME = "table"

__all__ = ["NAME", "RULES", "add", "check", "plan", "signatures", "spans"]


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    for table in document.tables:
        header = table_signature(document, table)
        for row in table.rows:
            yield row.line, f"row at line {row.line}", signature(document, row, table, header)


def spans(document: Document) -> Iterator[tuple[int, int]]:
    for table in document.tables:
        yield table.span.start, table.span.end

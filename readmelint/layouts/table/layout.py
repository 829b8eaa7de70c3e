"""The table layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from readmelint.layouts.table.new import add
from readmelint.layouts.table.render import plan
from readmelint.layouts.table.rows import (
    NAME,
    TableFinder,
    signature,
    table_signature,
    tables_of,
)
from readmelint.layouts.table.rules import RULES, check
from readmelint.model import Document
from readmelint.schema import Schema

CONFIG: frozenset[str] = frozenset()

__all__ = [
    "CONFIG",
    "NAME",
    "RULES",
    "add",
    "check",
    "configure",
    "find",
    "plan",
    "signatures",
    "spans",
]

find = TableFinder


def configure(table: Mapping[str, object], schema: Schema, name: str, read: bool) -> dict[str, Any]:
    return {}  # a table's header says all


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    for table in tables_of(document).tables:
        header = table_signature(document, table)
        for row in table.rows:
            yield row.line, f"row at line {row.line}", signature(document, row, table, header)


def spans(document: Document) -> Iterator[tuple[int, int]]:
    for table in tables_of(document).tables:
        yield table.span.start, table.span.end

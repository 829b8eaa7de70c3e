"""Tables of papers: a header naming paper columns, or rows that mostly look like papers."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from readmelint.evidence import TITLE_HEADERS
from readmelint.infer.model import Found, Guess
from readmelint.infer.walk import Walk
from readmelint.layouts.table.rows import TRIM, header_key
from readmelint.markdown import plain_text


def guess(walk: Walk, outside: Callable[[int], bool]) -> Guess | None:
    """The table layout's reading: every top-level table (outside other layouts' entries)
    whose header names paper columns or whose rows mostly look like papers."""
    tables = [
        table
        for table in walk.tables
        if table.top
        and outside(table.line)
        and table.rows
        and sum(1 for cell in table.header if header_key(cell)) >= 2
        and (table.paper_header or 2 * sum(row.paper for row in table.rows) > len(table.rows))
    ]
    if not tables:
        return None
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[float]] = defaultdict(list)
    for table in tables:
        keyed = [(cell, header_key(cell)) for cell in table.header]
        for place, (cell, key) in enumerate(keyed):
            if key is not None:
                spelling[key][_title(cell)] += len(table.rows)
                places[key].append(place / max(1, len(keyed) - 1))
    keys = sorted(spelling, key=lambda key: sum(places[key]) / len(places[key]))
    titles = {key: spelling[key].most_common(1)[0][0] for key in keys}
    found = []
    for number, table in enumerate(tables):
        columns = [header_key(cell) for cell in table.header]
        name = next((key for key in columns if key in TITLE_HEADERS), None)
        for row in table.rows:
            fields = {
                key: cell for key, cell in zip(columns, row.cells, strict=False) if key is not None
            }
            found.append(Found(row.line, number, fields, fields.get(name or "", "")))
    padded = sum(table.padded for table in tables)
    tight = sum(table.tight for table in tables)
    rows = sum(len(table.rows) for table in tables)
    notes = {
        "layout": [
            f"{len(tables)} table{'s' if len(tables) != 1 else ''} of papers, {rows} rows "
            f"(headers: {'; '.join(sorted({' | '.join(t.header) for t in tables}))[:300]})",
            f"cells padded `| a |` in {padded} rows, `|a|` in {tight}: fix keeps the file's way",
        ]
    }
    read = {id(table) for table in tables}
    missed = [
        row.line
        for table in walk.tables
        if id(table) not in read and outside(table.line)
        for row in table.rows
        if row.paper
    ]
    plural = "s" if len(tables) != 1 else ""
    return Guess("table", {}, found, titles, notes, missed, f"rows of {len(tables)} table{plural}")


def _title(cell: str) -> str:
    return plain_text(cell.replace("&nbsp;", " ")).strip(TRIM) or cell.strip()

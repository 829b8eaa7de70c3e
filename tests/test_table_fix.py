"""How the table layout fixes a list: its golden cases read as tables of entries, a template
row, a table of no entries and a cell ending in a backslash (its golden files, in
``tests/golden_tables/``, run in ``tests/test_golden.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.layouts.table.rows import Row, split_row, tables_of
from readmelint.parse import parse
from tests.helpers import assert_survives, read_text

GOLDEN = Path(__file__).parent / "golden_tables"
SETTINGS = load_config(GOLDEN / ".readmelint.toml").settings
CASES = sorted(path.name.removesuffix(".in.md") for path in GOLDEN.glob("*.in.md"))


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_read_as_tables_of_entries(case: str) -> None:
    document = parse(read_text(GOLDEN / f"{case}.in.md"), SETTINGS)
    assert tables_of(document).tables
    assert all(entry.form.layout == "table" for entry in document.entries)


def test_a_template_row_is_reported_once_and_left_as_it_is() -> None:
    text = read_text(GOLDEN / "cells-kept.in.md")
    template = next(n for n, line in enumerate(text.splitlines(), 1) if line == " | | |")
    at_template = [d.code for d in check_text(text, SETTINGS) if d.line == template]
    assert at_template == ["RL007"]
    assert " | | |\n" in fix_text(text, SETTINGS)


def test_the_table_no_entry_table_is_left_byte_for_byte() -> None:
    text = read_text(GOLDEN / "tight.in.md")
    other = text[text.index("| Name | Link |") :]
    assert fix_text(text, SETTINGS).endswith(other)


@pytest.mark.parametrize(
    "text",
    [
        # A short row ending in a backslash: padded, the backslash would escape the new
        # pipe (found by fuzzing with every layout on).
        "|Title|Venue|Date|\n|-|-|-|\n|a|b|2024-01-01|\n|c\\\n",
        "| Title | Venue | Date |\n| - | - | - |\n| a | b | 2024-01-01 |\n| c \\\n",
        # Moved from the row's end to its middle, the same cell: the space that guards
        # the pipe counts for no padding.
        "Date|Title|Venue\n-|-|-\n2024-01-01|a|b\\\n2023-01-01|c|d\n",
    ],
)
def test_a_cell_ending_in_a_backslash_keeps_it_before_a_new_pipe(text: str) -> None:
    assert_survives(text.encode(), SETTINGS)
    fixed = fix_text(text, SETTINGS)
    before = [row.content(i) for row in _rows(text) for i in range(len(row.cells))]
    after = [row.content(i) for row in _rows(fixed) for i in range(len(row.cells))]
    assert sorted(c for c in before if c) == sorted(c for c in after if c)


def _rows(text: str) -> list[Row]:
    return [split_row(line) for line in text.splitlines()[2:]]

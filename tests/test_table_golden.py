"""Golden files for the table layout: ``golden_tables/NAME.in.md`` fixed (with the folder's
config) must equal ``NAME.out.md`` byte for byte; regenerate with
``python -m tests.regenerate golden`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.parse import parse
from tests.helpers import read_text

GOLDEN = Path(__file__).parent / "golden_tables"
SETTINGS = load_config(GOLDEN / ".readmelint.toml").settings
CASES = sorted(path.name.removesuffix(".in.md") for path in GOLDEN.glob("*.in.md"))


@pytest.mark.parametrize("case", CASES)
def test_fix_matches_golden_output(case: str) -> None:
    fixed = fix_text(read_text(GOLDEN / f"{case}.in.md"), SETTINGS)
    assert fixed == read_text(GOLDEN / f"{case}.out.md")


@pytest.mark.parametrize("case", CASES)
def test_golden_output_is_a_fixed_point(case: str) -> None:
    expected = read_text(GOLDEN / f"{case}.out.md")
    assert fix_text(expected, SETTINGS) == expected
    assert [d for d in check_text(expected, SETTINGS) if d.fixable] == []


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_read_as_tables_of_entries(case: str) -> None:
    document = parse(read_text(GOLDEN / f"{case}.in.md"), SETTINGS)
    assert document.tables
    assert all(entry.layout.plugin == "table" for entry in document.entries)


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

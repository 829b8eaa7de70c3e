"""The model's compact pieces behave like the plain Python types they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.model import LineMarks

LINES = st.sets(st.integers(min_value=0, max_value=5000), max_size=60)


@settings(max_examples=100, deadline=None)
@given(LINES, st.integers(min_value=-10, max_value=5100))
def test_a_line_set_is_a_set_of_line_numbers(lines: set[int], probe: int) -> None:
    line_set = LineMarks(lines).frozen()
    assert set(line_set) == lines
    assert (probe in line_set) == (probe in lines)
    assert "1" not in line_set
    assert line_set == LineMarks(sorted(lines, reverse=True)).frozen()

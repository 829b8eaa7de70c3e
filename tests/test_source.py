"""Lines: a document's lines cut from its text, equal to splitting it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readmelint.source import Lines, decode, split_lines
from tests.hypothesis_profile import ARBITRARY


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "a\r\nb\rc\n", "\n\n", "\r\r\n\n", "no final newline\nlast", "é\u2028x\x0c\n"],
)
def test_lines_are_the_texts_split_lines(text: str) -> None:
    lines = Lines(text)
    assert list(lines) == split_lines(text)
    assert len(lines) == len(split_lines(text))
    assert "".join(lines) == lines.text == text


@ARBITRARY
@given(
    st.lists(st.sampled_from(["a", "é", " ", "\n", "\r", "\r\n", "\t"]), max_size=40).map("".join)
)
def test_indexing_slicing_and_joining_agree_with_a_list(text: str) -> None:
    lines, expected = Lines(text), split_lines(text)
    for index in range(-len(expected), len(expected)):
        assert lines[index] == expected[index]
    for start in range(len(expected) + 1):
        for end in range(start, len(expected) + 2):
            assert lines[start:end] == expected[start:end]
            assert lines.joined(start, end) == "".join(expected[start:end])


def test_out_of_range_is_an_index_error() -> None:
    with pytest.raises(IndexError):
        Lines("a\n")[1]
    with pytest.raises(IndexError):
        Lines("")[0]


def test_equal_by_text() -> None:
    assert Lines("a\nb") == Lines("a\nb")
    assert Lines("a\nb") != Lines("a\r\nb")


@ARBITRARY
@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")), st.booleans())
def test_decoding_then_encoding_gives_back_the_bytes(text: str, bom: bool) -> None:
    """fix relies on it: it re-reads a file before replacing it and compares with this."""
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    assert decode(data, "x").encode() == data

"""The server's document text: edits in the client's positions, as the protocol counts
lines (CR LF, CR, LF: not form feeds or U+2028, where str.splitlines would break) and
characters (UTF-8, UTF-16 or UTF-32 code units)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readmelint.server.text import UTF8, UTF16, UTF32, Text, code_points, units

PIECES = st.sampled_from(["a", "é", "😀", "\n", "\r", "\r\n", "\x0c", "\u2028", " "])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@given(TEXTS, st.data())
def test_an_edit_keeps_the_line_starts_right(text: str, data: st.DataObject) -> None:
    before = Text(text)
    assert before.starts[0] == 0  # known before the edit: kept and mended around it
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new = data.draw(TEXTS)
    after = before.edited(start, end, new)
    assert after.text == text[:start] + new + text[end:]
    assert list(after.starts) == list(Text(after.text).starts)


def test_lines_break_where_the_protocol_says() -> None:
    text = Text("a\x0cb\u2028c\r\nd\re\nf")
    assert [text.line(n) for n in range(4)] == ["a\x0cb\u2028c", "d", "e", "f"]
    assert text.line(4) == ""


def test_positions_count_code_units() -> None:
    line = "a😀é"
    assert [units(line, encoding) for encoding in (UTF8, UTF16, UTF32)] == [7, 4, 3]
    assert code_points(line, 3, UTF16) == 2  # after the emoji's two UTF-16 units
    assert code_points(line, 5, UTF8) == 2
    assert code_points(line, 99, UTF16) == 3  # past the end: the end
    text = Text("x\n" + line + "\nz")
    assert text.offset(1, 3, UTF16) == 4
    assert text.offset(1, 99, UTF16) == 5
    assert text.offset(9, 0, UTF16) == len(text.text)
    assert text.position(1, 2, UTF16) == (1, 3)
    assert text.end(UTF8) == (2, 1)
    assert text.locate(4) == (1, 2)

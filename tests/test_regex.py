"""readmelint.regex: RE2 with a one-byte program for ASCII text (speed), which must read
ASCII text exactly as the Unicode program does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readmelint.pattern import PatternError, compile_pattern
from readmelint.regex import SPACE, Regex, compile_regex
from tests.hypothesis_profile import ARBITRARY

KEYS = ["title", "paper", "authors", "year"]
pieces = st.sampled_from(
    ["{title}", "{paper}", "{authors}", "{year}", "{...}", "{? (x)}", " ", ", ", ".", "[", "]("]
)
patterns = st.lists(pieces, min_size=1, max_size=6).map("".join)
ascii_items = st.lists(
    st.sampled_from([*"ab .,[]()x-\t'\"", "2024", "http://e.org"]), max_size=20
).map("".join)


def _spans(found: object, groups: int) -> list[tuple[int, int]] | None:
    if found is None:
        return None
    return [found.span(group) for group in range(groups + 1)]  # type: ignore[attr-defined]


@ARBITRARY
@given(patterns, ascii_items)
def test_ascii_text_is_read_alike_by_both_programs(text: str, item: str) -> None:
    try:
        pattern = compile_pattern(text, KEYS)
    except PatternError:
        return
    regex = pattern._regex
    assert regex._narrow is not None
    groups = len(regex.groupindex)
    assert _spans(regex.match(item), groups) == _spans(regex._wide.match(item), groups)


def test_a_class_latin1_cannot_hold_keeps_the_unicode_program_alone() -> None:
    regex = compile_regex("[\\x{3000}a]+")
    assert regex._narrow is None
    assert regex.match("a\u3000a").span() == (0, 3)
    assert regex.match("aa").span() == (0, 2)


def test_non_ascii_text_uses_the_unicode_program() -> None:
    regex = Regex(f"a{SPACE}+b")
    assert regex._narrow is not None
    assert regex.match("a\u3000b") is not None  # an ideographic space, outside Latin-1
    assert regex.match("a b") is not None
    assert regex.search("xx a\tb", 1).span() == (3, 6)

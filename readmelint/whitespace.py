"""Which lines' trailing whitespace is content, as the finders mark them in the block tokens.

fix drops trailing whitespace that renders nothing (RL105) and keeps the rest: all of
it in code and HTML blocks (verbatim lines), a hard break before a line that continues
its paragraph (not at a paragraph's end), and any whitespace on the lines of a paragraph
where some line end is no break at all, because a code span, an HTML tag or a link
title runs over it (open line ends). Each layout marks the lines it may rewrite.

Token maps are 0-based and end-exclusive; the marks are 1-based line numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readmelint.markdown import VERBATIM_BLOCKS, parse_inline
from readmelint.model import Document, LineMarks
from readmelint.source import Lines, ends_in_loose_whitespace, strip_newline

if TYPE_CHECKING:
    from markdown_it.token import Token

# What can hold a line end that is no break: code spans, inline HTML, link titles.
_OPENERS = frozenset("`<\"'(")
# What can hold a line end of field lines (a field starts at none of them): the above,
# a link's text and title, emphasis and strikethrough.
_FIELD_MARKUP = frozenset("`<[*_~")


class WhitespaceMarks:
    """The three sets of lines, being made (see :class:`readmelint.model.Document`)."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.verbatim = LineMarks()
        self.paragraph_ends = LineMarks()
        self.open_line_ends = LineMarks()

    def note_block(self, token: Token, following: Token | None) -> None:
        """Remember which lines of a block hold content whitespace (``following``: the
        token after ``token``, a paragraph's inline one)."""
        if token.map is None:
            return
        if token.type in VERBATIM_BLOCKS:
            self.verbatim.update(range(token.map[0] + 1, token.map[1] + 1))
        elif token.type == "paragraph_open" and following is not None:
            self.paragraph_ends.add(token.map[1])
            self.note_open_line_ends(following)

    def note_open_line_ends(self, inline: Token, *, field_lines: bool = False) -> frozenset[int]:
        """Mark a paragraph's lines (all but its last) if one of its line ends is no break.

        The paragraph is inline-parsed only where the answer matters and may be yes:
        a paragraph of ``field_lines`` holding markup that can run over a line end
        (markdown reads ``**Tags:** `a`` then ``**Paper:** b`` as one code span, so the
        lines are not fields of their own), or any paragraph with loose trailing
        whitespace before a line end and a character that could open a span, tag or title.

        For ``field_lines``, returns the lines (counted from the paragraph's first, 0)
        that follow a break inside markup (a link's text, emphasis): no field starts there.
        """
        if inline.map is None or "\n" not in inline.content:
            return frozenset()
        start, end = inline.map
        if field_lines and not _FIELD_MARKUP.isdisjoint(inline.content):
            tokens = parse_inline(inline.content)
            if _breaks(tokens) < inline.content.count("\n"):
                self.open_line_ends.update(range(start + 1, end))
                return frozenset()
            return _nested_breaks(tokens)
        if _OPENERS.isdisjoint(inline.content) or not any(
            ends_in_loose_whitespace(self._line(i)) for i in range(start, end - 1)
        ):
            return frozenset()
        if _breaks(parse_inline(inline.content)) < inline.content.count("\n"):
            self.open_line_ends.update(range(start + 1, end))
        return frozenset()

    def _line(self, index: int) -> str:
        return strip_newline(self.lines[index])


def _breaks(tokens: Sequence[Token]) -> int:
    """How many line breaks, soft or hard, ``tokens`` hold (image descriptions too)."""
    return sum(
        1 if token.type in ("softbreak", "hardbreak") else _breaks(token.children or ())
        for token in tokens
    )


def _nested_breaks(tokens: Sequence[Token]) -> frozenset[int]:
    """The lines after each break in ``tokens`` that is inside markup, counted from 0.

    (Called only where every line end is a break: the n-th break ends line n - 1.)
    """
    nested: set[int] = set()
    line = 0
    for token in tokens:
        if token.type in ("softbreak", "hardbreak"):
            line += 1
            if token.level > 0:
                nested.add(line)
        elif token.children:  # an image's description
            inner = _breaks(token.children)
            nested.update(range(line + 1, line + inner + 1))
            line += inner
    return frozenset(nested)


def clean_trailing(document: Document, line_no: int, text: str) -> str:
    """``text`` (line ``line_no``) without trailing whitespace that renders nothing."""
    if line_no in document.verbatim_lines or line_no in document.open_line_ends:
        return text
    stripped = text.rstrip(" \t")
    if not stripped or line_no in document.paragraph_ends:
        return stripped
    return stripped if ends_in_loose_whitespace(text) else text

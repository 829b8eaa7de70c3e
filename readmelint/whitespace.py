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
_SPANNING = frozenset("`<")  # code spans and inline HTML


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

    def note_open_line_ends(self, inline: Token, *, field_lines: bool = False) -> None:
        """Mark a paragraph's lines (all but its last) if one of its line ends is no break.

        The paragraph is inline-parsed only where the answer matters and may be yes:
        a paragraph of ``field_lines`` holding a backtick or ``<`` (markdown reads
        ``**Tags:** `a`` then ``**Paper:** b`` as one code span, so the lines are
        not fields of their own), or any paragraph with loose trailing whitespace
        before a line end and a character that could open a span, tag or title.
        """
        if inline.map is None or "\n" not in inline.content:
            return
        start, end = inline.map
        spanning = field_lines and not _SPANNING.isdisjoint(inline.content)
        if not spanning and (
            _OPENERS.isdisjoint(inline.content)
            or not any(ends_in_loose_whitespace(self._line(i)) for i in range(start, end - 1))
        ):
            return
        if _breaks(parse_inline(inline.content)) < inline.content.count("\n"):
            self.open_line_ends.update(range(start + 1, end))

    def _line(self, index: int) -> str:
        return strip_newline(self.lines[index])


def _breaks(tokens: Sequence[Token]) -> int:
    """How many line breaks, soft or hard, ``tokens`` hold (image descriptions too)."""
    return sum(
        1 if token.type in ("softbreak", "hardbreak") else _breaks(token.children or ())
        for token in tokens
    )


def clean_trailing(document: Document, line_no: int, text: str) -> str:
    """``text`` (line ``line_no``) without trailing whitespace that renders nothing."""
    if line_no in document.verbatim_lines or line_no in document.open_line_ends:
        return text
    stripped = text.rstrip(" \t")
    if not stripped or line_no in document.paragraph_ends:
        return stripped
    return stripped if ends_in_loose_whitespace(text) else text

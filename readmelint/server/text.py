"""An open document's text, and positions as the client counts them.

The client counts lines as the Language Server Protocol does (split at CR LF, CR
or LF: the same breaks as markdown-it and :class:`readmelint.source.Lines`) and
characters in the code units of the negotiated position encoding (UTF-16 unless
the client offers another); readmelint counts code points. pygls' own document
splits lines with ``str.splitlines``, which also breaks at form feeds and U+2028,
so the server keeps its documents here.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

from readmelint.source import strip_newline

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
# The protocol's line breaks, which are markdown-it's.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the client counts in ``text``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, count: int, encoding: str) -> int:
    """The code point index that ``count`` code units into ``line`` reach (at most its end)."""
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    seen = 0
    for index, character in enumerate(line):
        if seen >= count:
            return index
        seen += units(character, encoding)
    return len(line)


@dataclass
class Text:
    """A document's text, with where each of its lines starts (computed when asked)."""

    text: str
    _starts: array[int] | None = field(default=None, repr=False)

    @property
    def starts(self) -> array[int]:
        if self._starts is None:
            starts = array("q", [0])
            starts.extend(match.end() for match in _LINE_BREAK.finditer(self.text))
            self._starts = starts
        return self._starts

    def line(self, number: int) -> str:
        """Line ``number`` (0-based) without its terminator; "" past the end."""
        starts = self.starts
        if not 0 <= number < len(starts):
            return ""
        end = starts[number + 1] if number + 1 < len(starts) else len(self.text)
        return strip_newline(self.text[starts[number] : end])

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The index into the text of a client position; past a line's end is its end,
        past the last line the end of the text (as the protocol asks)."""
        starts = self.starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        return starts[line] + code_points(self.line(line), max(character, 0), encoding)

    def locate(self, offset: int) -> tuple[int, int]:
        """The line and code point column (0-based) of an index into the text."""
        line = bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def position(self, line: int, column: int, encoding: str) -> tuple[int, int]:
        """The client position of code point ``column`` (0-based) of ``line`` (0-based)."""
        content = self.line(line)
        return line, units(content[: min(column, len(content))], encoding)

    def end(self, encoding: str) -> tuple[int, int]:
        """The client position of the end of the text."""
        last = len(self.starts) - 1
        return last, units(self.line(last), encoding)

    def edited(self, start: int, end: int, new: str) -> Text:
        """The text with ``start:end`` replaced by ``new``; its line starts, where known,
        found again only around the edit (a long list is edited a character at a time)."""
        text = self.text[:start] + new + self.text[end:]
        if self._starts is None:
            return Text(text)
        starts = self._starts
        # From the line before the edit's (a CR ending it may meet an LF the edit puts
        # first) to the first line starting past the edit's end and the character after.
        keep = max(bisect_right(starts, start) - 2, 0)
        after = bisect_right(starts, end + 1)
        shift = len(new) - (end - start)
        until = starts[after] + shift if after < len(starts) else len(text)
        found = starts[: keep + 1]
        found.extend(match.end() for match in _LINE_BREAK.finditer(text, starts[keep], until))
        found.extend(start + shift for start in starts[after + 1 :])
        return Text(text, found)

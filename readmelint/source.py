"""Bytes to text and back, keeping the BOM and every line terminator."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from readmelint.errors import InputError

BOM = "\ufeff"
# The line terminators markdown-it recognises; str.splitlines() knows more
# (form feed, U+2028 ...) and would disagree with the parser's line numbers.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded file: ``text`` without the BOM, and whether there was one."""

    text: str
    bom: bool = False

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")


# Byte order marks of the encodings that put NUL bytes in text, longest first.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by a byte order mark or by the NUL bytes that ASCII text in
    them has at every other (or every fourth) byte; None for anything else."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:4096]
    if len(sample) < 4:
        return None
    for width, encoding in ((4, "UTF-32"), (2, "UTF-16")):
        columns = [sample[offset::width] for offset in range(width)]
        nul = [column.count(0) / len(column) for column in columns if column]
        # Mostly NULs in every column but one, which holds the text: a wide encoding.
        if sorted(nul)[0] < 0.1 and sorted(nul)[1] > 0.7:
            return encoding
    return None


def decode(data: bytes, name: str) -> Source:
    """Decode UTF-8 Markdown, refusing binary and other encodings."""
    suspect = data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data
    wide = _wide_encoding(data) if suspect else None
    if wide is not None:
        raise InputError(f"{name}: {wide} text, not UTF-8; re-save the file as UTF-8 and run again")
    if b"\x00" in data:
        raise InputError(
            f"{name}: binary file (contains NUL bytes); readmelint reads Markdown text"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 (invalid byte at offset {error.start}); "
            "re-save the file as UTF-8 and run again"
        ) from None
    if text.startswith(BOM):
        return Source(text[1:], bom=True)
    return Source(text)


class Lines(Sequence[str]):
    """The lines of ``text``, each with its terminator, cut from the text when asked for.

    A document's lines are read a few times each, while held as strings they would
    be a second copy of the file in memory: 25 MB for a list of 10,000 papers.
    Joined they give ``text`` exactly; a final line without a terminator counts, an
    empty text has no lines.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Where each line starts, then where the text ends: 8 bytes a line.
        self._starts = array("q", [0])
        self._starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        if self._starts[-1] != len(text):
            self._starts.append(len(text))

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        starts = self._starts
        if type(index) is int and 0 <= index < len(starts) - 1:  # nearly every call
            return self.text[starts[index] : starts[index + 1]]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(starts) - 1))]
        if index < 0:
            index += len(starts) - 1
        if not 0 <= index < len(starts) - 1:
            raise IndexError("line index out of range")
        return self.text[starts[index] : starts[index + 1]]

    def __iter__(self) -> Iterator[str]:
        text, starts = self.text, self._starts
        return (text[starts[i] : starts[i + 1]] for i in range(len(starts) - 1))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and self.text == other.text

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Lines({self.text!r})"

    def joined(self, start: int, end: int) -> str:
        """Lines ``start`` to ``end`` (0-based, end excluded) as one string."""
        end = min(end, len(self))
        return self.text[self._starts[start] : self._starts[end]] if start < end else ""


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines that keep their terminators.

    Joining the result gives back ``text`` exactly. A final line without a
    terminator is kept; an empty text gives no lines.
    """
    lines: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def ends_in_loose_whitespace(line: str) -> bool:
    """Whether ``line`` (no terminator) ends in whitespace that makes no hard break.

    Two spaces make one, whatever whitespace comes before them; whitespace after
    a backslash keeps it from making one.
    """
    stripped = line.rstrip(" \t")
    return stripped != line and not line.endswith("  ") and not stripped.endswith("\\")


def is_blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


def strip_newline(line: str) -> str:
    """``line`` without its terminator."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def newline_of(line: str) -> str:
    """The terminator of ``line`` ("" for a last line without one)."""
    return line[len(strip_newline(line)) :]

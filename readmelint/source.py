"""Bytes to text and back, keeping the BOM and every line terminator."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def decode(data: bytes, name: str) -> Source:
    """Decode UTF-8 Markdown, refusing binary and other encodings."""
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

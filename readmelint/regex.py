"""Regular expressions that match in time linear in the text: RE2, never backtracking.

Item patterns and schema patterns are the user's, and Python's ``re`` backtracks:
``{authors} {title} {venue} {note}.`` took 14 s on an item of 1 KB that did not
match, ``^(a+)+$`` never finished. RE2 picks the same match as ``re`` for what it
supports; it has no lookaround and no backreferences (:class:`RegexError`).

Where a match must say where its groups are, RE2 steps through its program one
character at a time, and a program of Unicode classes (``SPACE``, ``NOT_SPACE``, ``.``
over UTF-8) is many times larger than one over single bytes. Most items are ASCII, so
:class:`Regex` also keeps a one-byte (Latin-1) program where the expression has one,
for text that is all ASCII: there both programs read the same characters alike.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import re2  # type: ignore[import-untyped]

# What Python's ``\s`` matches in text: RE2's ``\s`` is ASCII only (and lacks \v),
# and a pattern's space must go on matching a no-break or ideographic space.
_NARROW_WHITESPACE = r"\t\n\x0b\f\r\x1c-\x1f \x{85}\x{a0}"
_WHITESPACE = (
    _NARROW_WHITESPACE + r"\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
SPACE = f"[{_WHITESPACE}]"
NOT_SPACE = f"[^{_WHITESPACE}]"


class RegexError(ValueError):
    """A regular expression RE2 cannot compile; the message says why."""


def escape(text: str) -> str:
    """``text`` as a regular expression that matches it literally."""
    escaped: str = re2.escape(text)
    return escaped


class Regex:
    """An expression compiled by RE2: ``match`` and ``search`` as in ``re`` (a text and
    a start), ``groupindex``; a match gives where it and its groups are (``span``,
    ``start``, ``end``), not their text."""

    __slots__ = ("_narrow", "_wide", "groupindex")

    def __init__(self, source: str) -> None:
        self._wide = _compiled(source)
        self.groupindex: dict[str, int] = self._wide.groupindex
        self._narrow: Any = None
        narrow = source.replace(_WHITESPACE, _NARROW_WHITESPACE)
        # A character class Latin-1 cannot hold (RegexError): the Unicode program alone.
        if narrow.isascii():
            with suppress(RegexError):
                self._narrow = _compiled(narrow.encode("ascii"), latin1=True)

    def match(self, text: str, pos: int = 0) -> Any:
        if self._narrow is not None and text.isascii():
            return self._narrow.match(text.encode("ascii"), pos)
        return self._wide.match(text, pos)

    def search(self, text: str, pos: int = 0) -> Any:
        if self._narrow is not None and text.isascii():
            return self._narrow.search(text.encode("ascii"), pos)
        return self._wide.search(text, pos)


def compile_regex(source: str) -> Regex:
    """``source`` compiled by RE2; :class:`RegexError` if RE2 cannot read it."""
    return Regex(source)


def _compiled(source: str | bytes, latin1: bool = False) -> Any:
    """RE2's program for ``source``; nothing is logged (RE2 would print its error to
    stderr)."""
    options = re2.Options()
    options.log_errors = False
    if latin1:
        options.encoding = re2.Options.Encoding.LATIN1
    try:
        return re2.compile(source, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "not a regular expression"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RegexError(str(reason)) from None

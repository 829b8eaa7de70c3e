"""Regular expressions that match in time linear in the text: RE2, never backtracking.

Item patterns and schema patterns are the user's, and Python's ``re`` backtracks:
``{authors} {title} {venue} {note}.`` took 14 s on an item of 1 KB that did not
match, ``^(a+)+$`` never finished. RE2 picks the same match as ``re`` for what it
supports; it has no lookaround and no backreferences (:class:`RegexError`).
"""

from __future__ import annotations

from typing import Any

import re2  # type: ignore[import-untyped]

# What Python's ``\s`` matches in text: RE2's ``\s`` is ASCII only (and lacks \v),
# and a pattern's space must go on matching a no-break or ideographic space.
_WHITESPACE = (
    r"\t\n\x0b\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
    r"\x{202f}\x{205f}\x{3000}"
)
SPACE = f"[{_WHITESPACE}]"
NOT_SPACE = f"[^{_WHITESPACE}]"


class RegexError(ValueError):
    """A regular expression RE2 cannot compile; the message says why."""


def escape(text: str) -> str:
    """``text`` as a regular expression that matches it literally."""
    escaped: str = re2.escape(text)
    return escaped


def compile_regex(source: str) -> Any:
    """``source`` compiled by RE2 (``match``, ``search``, ``groupindex`` as in ``re``).

    :class:`RegexError` if RE2 cannot read it; nothing is logged (RE2 would print
    its error to stderr).
    """
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(source, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "not a regular expression"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RegexError(str(reason)) from None

"""Heading anchors as GitHub makes them, and every anchor a document offers.

GitHub gives each heading an id from its text (github-slugger's rule): lowercased;
every character removed that is not a letter, a mark, a decimal or letter number
(``3``, ``Ⅻ``; not ``²``, ``½`` or ``①``), a connector (``_``), a hyphen or a space;
each space then a hyphen (so ``MDRG & Divter`` is ``mdrg--divter``: runs are not
collapsed). A repeated slug gets ``-1``, ``-2`` ...
in document order. The text is what the heading shows: markup dropped, code and
link text kept, images (their alt text is no text) dropped. Explicit HTML anchors
(``<a name="x">``, any ``id="x"``) count as written: GitHub prefixes them with
``user-content-`` in the page, and its script makes ``#x`` links reach them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from readmelint.markdown import parse_inline
from readmelint.model import Document

_HTML_ANCHOR = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")


# Symbols that Unicode also counts as letters (circled, parenthesised, squared and
# negative squared Latin letters): github-slugger keeps them, every other symbol goes.
_LETTER_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _kept(char: str) -> bool:
    if char in " -":
        return True
    category = unicodedata.category(char)
    if category[0] in "LM" or category in ("Nd", "Nl", "Pc"):
        return True
    code = ord(char)
    return category == "So" and any(low <= code <= high for low, high in _LETTER_SYMBOLS)


def github_slug(text: str) -> str:
    """The slug github-slugger makes of a heading's text (without the repeat suffix)."""
    return "".join("-" if char == " " else char for char in text.lower() if _kept(char))


def heading_text(source: str) -> str:
    """What a heading whose inline Markdown is ``source`` shows, for its slug."""
    parts: list[str] = []
    for token in parse_inline(source):
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@dataclass
class Slugger:
    """Slugs for one document's headings, in order: repeats get ``-1``, ``-2`` ..."""

    occurrences: dict[str, int] = field(default_factory=dict)

    def slug(self, text: str) -> str:
        base = github_slug(text)
        result = base
        while result in self.occurrences:
            self.occurrences[base] += 1
            result = f"{base}-{self.occurrences[base]}"
        self.occurrences[result] = 0
        return result


def html_anchors(html: str) -> Iterable[str]:
    """The ``id``/``name`` attributes of the tags in a piece of HTML."""
    return (match[1] for match in _HTML_ANCHOR.finditer(html))


def document_anchors(document: Document) -> dict[str, int]:
    """Every anchor ``document`` offers (``#anchor`` links may point to) -> its line."""
    slugger = Slugger()
    found: dict[str, int] = {}
    for heading in document.headings:
        found.setdefault(slugger.slug(heading_text(heading.source)), heading.line)
    for anchor, line in document.html_anchors:
        found.setdefault(anchor, line)
    return found

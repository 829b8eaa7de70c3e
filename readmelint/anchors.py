"""Heading anchors as GitHub makes them, and every anchor a document offers.

GitHub gives each heading an id from its text (github-slugger's rule): lowercased;
every character removed that is not a letter, a mark, a number, a connector
(``_``), a hyphen or a space; each space then a hyphen (so ``MDRG & Divter`` is
``mdrg--divter``: runs are not collapsed). A repeated slug gets ``-1``, ``-2`` ...
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


def github_slug(text: str) -> str:
    """The slug github-slugger makes of a heading's text (without the repeat suffix)."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if char in " -" or category[0] in "LMN" or category == "Pc":
            kept.append("-" if char == " " else char)
    return "".join(kept)


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

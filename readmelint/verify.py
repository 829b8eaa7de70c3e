"""fix's safety check: what an output must hold, taken from the input, and the comparison.

Reordering fields changes the rendered HTML on purpose, so an HTML comparison
does not fit. Instead the output is parsed again and must hold the same entries
with the same fields and values (up to what fix may change), and every line
outside the entries unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from hashlib import blake2b
from itertools import zip_longest
from typing import Any

from readmelint.errors import SafetyError
from readmelint.layouts.registry import LAYOUTS
from readmelint.model import Document
from readmelint.source import Lines, newline_of, strip_newline
from readmelint.toc import plan as plan_contents


def fingerprints(document: Document) -> list[tuple[int, str, bytes]]:
    """What each layout moves (entries, and items that are none), by first line, with a
    name for messages and its signature digested: 16 bytes to keep for each, not its text.

    Every layout's, so that an entry that becomes another layout's (or none) is missed.
    """
    found = [
        (line, name, blake2b(repr(signature).encode("utf-8", "surrogatepass"), digest_size=16))
        for layout in LAYOUTS.values()
        for line, name, signature in layout.signatures(document)
    ]
    return sorted((line, name, digest.digest()) for line, name, digest in found)


@dataclass(frozen=True)
class Preserved:
    """What fix's output must hold, taken from the input before it is let go.

    Each entry's fingerprint (see :func:`fingerprints`) and, outside the entries,
    the lines themselves: the input's lines are kept with its text anyway.
    """

    sections: list[tuple[str, int]]
    references: Mapping[str, Any]
    fingerprints: list[tuple[int, str, bytes]]  # see :func:`fingerprints`
    contents: int | None  # which of the lists of in-page links is the contents, if any
    lines: Lines
    outside: list[tuple[int, int]]  # the line ranges (0-based, end excluded) outside the runs

    @classmethod
    def of(cls, document: Document, kept: Collection[tuple[int, int]] = ()) -> Preserved:
        """What ``document`` fixed must still hold; ``kept``: the blocks fix leaves as they
        are (a contents list among them need not be brought up to date)."""
        toc = document.toc
        rewritten = toc is not None and (toc.span.start, toc.span.end) not in kept
        return cls(
            sections=[(s.title, s.level) for s in document.sections],
            references=document.references,
            fingerprints=fingerprints(document),
            contents=document.toc_lists.index(toc) if toc and rewritten else None,
            lines=document.lines,
            outside=outside_ranges(document),
        )

    def verify(self, after: Document) -> None:
        """Raise :class:`SafetyError` (and so nothing is written) unless ``after`` holds it all.

        That is: no entry lost or changed a field, a value or its tail, or moved
        across sections, and no line outside the entries changed.
        """
        if self.sections != [(s.title, s.level) for s in after.sections]:
            raise SafetyError("internal error: fix changed the document's section headings")
        if self.references != after.references:
            # Of two definitions of one label the first wins: sorting could swap them.
            raise SafetyError(
                "internal error: fix would change where a reference-style link points; "
                "nothing was written"
            )
        after_fingerprints = fingerprints(after)
        missing = Counter(d for _, _, d in self.fingerprints) - Counter(
            d for _, _, d in after_fingerprints
        )
        for _, name, digest in self.fingerprints:
            if digest in missing:
                raise SafetyError(
                    f"internal error: fix would change the content of {name}; nothing was "
                    "written. Please report this with the file."
                )
        if len(after_fingerprints) != len(self.fingerprints):
            raise SafetyError("internal error: fix would add an entry; nothing was written")
        outside_before = _outside_lines(self.lines, self.outside)
        outside_after = _outside_lines(after.lines, outside_ranges(after))
        for old, new in zip_longest(outside_before, outside_after):
            if old is None or new is None:
                raise SafetyError(
                    "internal error: fix would add or remove lines outside the entries"
                )
            if old != new:
                raise SafetyError(
                    f"internal error: fix would change the line {old[:60]!r} outside the "
                    "entries; nothing was written. Please report this with the file."
                )
        if self.contents is not None:
            # Which candidate list it is, not its line: entries above it may shrink.
            toc = after.toc
            if (
                toc is None
                or after.toc_lists.index(toc) != self.contents
                or plan_contents(after).changed
            ):
                raise SafetyError(
                    "internal error: fix would leave the table of contents unlike the "
                    "headings; nothing was written. Please report this with the file."
                )
        final_newline = bool(self.lines) and newline_of(self.lines[-1]) != ""
        if bool(after.lines) and (newline_of(after.lines[-1]) != "") != final_newline:
            raise SafetyError("internal error: fix would change the file's final newline")


def outside_ranges(document: Document) -> list[tuple[int, int]]:
    """The line ranges (0-based, end excluded) outside every layout's blocks."""
    blocks = sorted(span for layout in LAYOUTS.values() for span in layout.spans(document))
    if document.toc is not None:  # fix writes it again from the headings
        blocks = sorted([*blocks, (document.toc.span.start, document.toc.span.end)])
    ranges: list[tuple[int, int]] = []
    position = 0
    for start, end in blocks:
        ranges.append((position, start - 1))
        position = end
    ranges.append((position, len(document.lines)))
    return ranges


def _outside_lines(lines: Lines, ranges: list[tuple[int, int]]) -> Iterator[str]:
    for start, end in ranges:
        for index in range(start, end):
            yield strip_newline(lines[index])

"""fix's safety check: what an output must hold, taken from the input, and the comparison.

Reordering fields changes the rendered HTML on purpose, so an HTML comparison
does not fit. Instead the output is parsed again and must hold the same entries
with the same fields and values (up to what fix may change), and every line
outside the entries unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import dropwhile, zip_longest
from typing import Any

from readmelint.errors import SafetyError
from readmelint.model import Document, Entry, Layout
from readmelint.source import Lines, newline_of, strip_newline


def entry_signature(document: Document, entry: Entry) -> tuple[object, ...]:
    """What an entry holds, blind to what ``fix`` may change.

    Fields are compared by key (label case and colon may change) and by the
    words of each line, with whether the line is code/HTML (where whitespace
    matters) and whether it ends in a hard break; blank lines inside the entry
    and field order do not count.
    """
    fields = []
    for field in entry.fields:
        lines: list[tuple[str, bool, bool]] = []
        for line_no in range(field.span.start, field.span.end + 1):
            raw = strip_newline(document.lines[line_no - 1])
            verbatim = line_no in document.verbatim_lines
            if line_no == field.span.start:
                raw = raw[field.column - 1 + len(field.label_source) :]
            elif verbatim:
                # Code in an item moves with the item: its whitespace counts from the
                # item's content column.
                leading = len(raw) - len(raw.lstrip(" "))
                raw = raw[min(leading, field.column - 1) :]
            if verbatim:
                text = raw
            elif line_no in document.open_line_ends:
                text = raw.lstrip()  # its trailing whitespace may be content
            else:
                text = raw.strip()
            hard_break = line_no not in document.paragraph_ends and (
                raw.endswith("  ") or raw.endswith("\\")
            )
            if entry.layout is Layout.LINES and line_no == field.span.end:
                hard_break = False  # fix ends every field but the last with one
            if text or verbatim:
                lines.append((text, verbatim, hard_break and not verbatim))
        fields.append((field.key, field.label is None, tuple(lines)))
    block_end = max((f.span.end for f in entry.fields), default=entry.line)
    tail = tuple(
        strip_newline(document.lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1)
    )
    tail = tuple(dropwhile(lambda line: not line.strip(), tail))
    # The indentation of the entry's first line means nothing and fix removes it.
    preamble = tuple(
        strip_newline(document.lines[i - 1]).lstrip(" \t")
        if i == entry.span.start
        else strip_newline(document.lines[i - 1])
        for i in range(entry.span.start, entry.line)
    )
    heading = entry.heading_source.strip()
    return (entry.section, preamble, heading, tuple(sorted(fields, key=repr)), tail)


def fingerprints(document: Document) -> list[tuple[int, str, bytes]]:
    """What each layout moves (entries, and items that are none), by first line, with a
    name for messages and its signature digested: 16 bytes to keep for each, not its text.

    Every layout's, so that an entry that becomes another layout's (or none) is missed.
    """
    from hashlib import blake2b  # only fix needs it: kept off check's start-up

    from readmelint.layouts import registry

    found = [
        (line, name, blake2b(repr(signature).encode("utf-8", "surrogatepass"), digest_size=16))
        for layout in registry().values()
        for line, name, signature in layout.signatures(document)
    ]
    return sorted((line, name, digest.digest()) for line, name, digest in found)


@dataclass(frozen=True)
class Preserved:
    """What fix's output must hold, taken from the input before it is let go.

    Each entry's fingerprint (see :func:`entry_signature`) and, outside the entries,
    the lines themselves: the input's lines are kept with its text anyway.
    """

    sections: list[tuple[str, int]]
    references: Mapping[str, Any]
    fingerprints: list[tuple[int, str, bytes]]  # see :func:`fingerprints`
    contents: int | None  # which of the lists of in-page links is the contents, if any
    lines: Lines
    outside: list[tuple[int, int]]  # the line ranges (0-based, end excluded) outside the runs

    @classmethod
    def of(cls, document: Document) -> Preserved:
        return cls(
            sections=[(s.title, s.level) for s in document.sections],
            references=document.references,
            fingerprints=fingerprints(document),
            contents=document.toc_lists.index(document.toc) if document.toc else None,
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
            from readmelint.toc import plan

            # Which candidate list it is, not its line: entries above it may shrink.
            toc = after.toc
            if toc is None or after.toc_lists.index(toc) != self.contents or plan(after).changed:
                raise SafetyError(
                    "internal error: fix would leave the table of contents unlike the "
                    "headings; nothing was written. Please report this with the file."
                )
        final_newline = bool(self.lines) and newline_of(self.lines[-1]) != ""
        if bool(after.lines) and (newline_of(after.lines[-1]) != "") != final_newline:
            raise SafetyError("internal error: fix would change the file's final newline")


def outside_ranges(document: Document) -> list[tuple[int, int]]:
    """The line ranges (0-based, end excluded) outside every layout's blocks."""
    from readmelint.layouts import registry

    blocks = sorted(span for layout in registry().values() for span in layout.spans(document))
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
